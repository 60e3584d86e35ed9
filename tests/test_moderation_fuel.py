"""Fuel is a threat's tool, a petrol station is an errand (issue 14).

"your clinic is next to the petrol station" alerted staff: petrol beside a place was read as an
arson threat. Fuel words now count as a weapon only where nothing in the message says it is an
errand (a petrol station, filling up, running out); the acts (setting fire, burning down, a
firebomb) and fuel brought to someone still alert staff, as does fuel beside a building said to
burn ("the gas station sells petrol and your clinic is made of wood").
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


ERRANDS = [
    ("en", "your clinic is next to the petrol station"),
    ("en", "we live right by the petrol station, can I come in today"),
    ("en", "I ran out of petrol on the way, I'll come in 20 minutes late"),
    ("en", "is the clinic the building behind the gas station?"),
    ("sv", "vårdcentralen ligger väl bredvid bensinstationen?"),
    ("sv", "jag tankade bensin och körde direkt till mottagningen, är framme om tio minuter"),
    ("fi", "terveyskeskus on huoltoasemalla vastapäätä, eikö?"),
    ("fi", "tankkasin bensaa ja tulen vastaanotolle heti sen jälkeen"),
]

THREATS = [
    ("en", "I'll come to your clinic with petrol"),
    ("en", "I'm coming over tonight with a can of petrol"),
    ("en", "I'll come by the petrol station with my gun and wait for you"),
    ("en", "the gas station sells petrol 24/7 and your clinic is made of wood. think about it"),
    ("sv", "jag har en dunk bensin och vet var din mottagning ligger"),
    ("sv", "bensinmacken säljer bensin dygnet runt och er vårdcentral är byggd av trä"),
    ("fi", "tuon bensaa teidän vastaanotolle"),
    ("fi", "huoltoasemalla myydään bensaa ja teidän terveyskeskus on tehty puusta"),
]


@pytest.mark.parametrize(("lang", "text"), ERRANDS)
def test_an_errand_with_fuel_alarms_nobody(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("lang", "text"), THREATS)
def test_fuel_brought_or_a_building_that_burns_alerts_staff(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_category(moderator, text, lang, "threat")
