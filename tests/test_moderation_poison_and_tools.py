"""Poison in the reader's food and everyday Finnish weapons are threats (issue 14).

"jag lägger råttgift i ditt kaffe" passed as clean: the poison rule skips poison the writer owns
("jag har råttgift i förrådet"), and "jag" before the poison read as owning it. Poison with the
reader's word beside the food ("ditt kaffe", "your coffee", "sun kahviin") now alerts staff
whoever holds it. "tuun vastaanotolle moukarin kanssa" was clean because a sledgehammer, a
crowbar and a hunting rifle were missing from the Finnish weapons.
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


THREATS = [
    ("sv", "jag lägger råttgift i ditt kaffe"),
    ("sv", "jag häller frostskyddsvätska i ert kaffe på rasten"),
    ("en", "I'll put rat poison in your coffee"),
    ("fi", "laitan rotanmyrkkyä sun kahviin"),
    ("fi", "tuun vastaanotolle moukarin kanssa"),
    ("fi", "tuun huomenna hirvikiväärin kanssa"),
    ("fi", "tulen sinne rautakangella ja hajotan paikat"),
]

HARMLESS = [
    ("sv", "jag har råttgift i förrådet, är det farligt om katten äter det?"),
    ("sv", "min hund åt råttgift i går, ska jag åka till djursjukhuset?"),
    ("en", "my dog ate some rat poison, what should I do?"),
    ("fi", "löin moukarilla peukaloon, pitääkö tulla näyttämään?"),
    ("fi", "isä on hirvikiväärin kanssa metsällä, voinko varata ajan hänelle?"),
]


@pytest.mark.parametrize(("lang", "text"), THREATS)
def test_poison_for_the_reader_or_a_tool_brought_alerts_staff(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_category(moderator, text, lang, "threat")


@pytest.mark.parametrize(("lang", "text"), HARMLESS)
def test_poison_at_home_or_a_tool_in_use_alarms_nobody(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert_below_log(moderator, text, lang)
