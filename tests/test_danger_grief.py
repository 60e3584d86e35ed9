"""Grief is no family history for crisis words (DESIGN 8a, issue 12).

A death in the message ("dog av/i", "died of/from", "kuoli") reads as family history for the red
flags, as NOT_NOW does: "pappa dog av hjärtinfarkt och hade ont i bröstet" asks no chest-pain
question. It used to cancel crisis words in its clause too, so a bereaved patient writing
"mamma dog i går och jag vill inte leva längre" got no crisis help and no staff alert. A death
now never hides crisis words; a time in the past ("för fem år sen") still does, as before.
"""

from __future__ import annotations

import pytest

from flows.phrases import crisis_words, red_flag_hits
from tests.conftest import Chat

GRIEF_AND_CRISIS = [
    ("sv", "mamma dog i går och jag vill inte leva längre"),
    ("sv", "min man dog i cancer och jag vill dö"),
    ("sv", "mormor dog av en stroke och jag tänker ta livet av mig"),
    ("sv", "katten dog i går och jag har ätit alla mina sömntabletter"),
    ("en", "my wife died of cancer and I want to kill myself"),
    ("en", "my dad died from covid and i have taken all my pills"),
    ("en", "my brother died from an overdose and I don't want to live anymore"),
    ("fi", "äiti kuoli ja haluan kuolla"),
    ("fi", "isä kuoli eilen ja mä en halua elää enää"),
    ("fi", "kissa kuoli ja söin kaikki unilääkkeet"),
]

FAMILY_HISTORY = [
    # A relative's death with a red-flag word: history, no question about it now.
    "pappa dog av hjärtinfarkt och hade ont i bröstet",
    "my mum died of a heart attack",
    "isä kuoli sydänkohtaukseen",
]


@pytest.mark.parametrize(("lang", "text"), GRIEF_AND_CRISIS)
def test_a_death_in_the_message_never_hides_crisis_words(lang: str, text: str) -> None:
    found = crisis_words(text)
    assert found is not None, text


@pytest.mark.parametrize("text", FAMILY_HISTORY)
def test_a_relatives_death_is_still_history_for_the_red_flags(text: str) -> None:
    assert red_flag_hits(text) == [], text


def test_a_death_long_ago_with_no_crisis_words_alarms_nobody() -> None:
    assert crisis_words("morfar dog i självmord för tio år sen, kan det vara ärftligt?") is None
    assert crisis_words("pappa dog av hjärtinfarkt, ska jag kolla mitt blodtryck?") is None


async def test_a_bereaved_patient_gets_crisis_help_and_staff_are_alerted(chat: Chat) -> None:
    printed = await chat.say("mamma dog i går och jag vill inte leva längre")
    assert "Det du skriver låter allvarligt" in printed, printed
    assert "[bot → staff] AKUT i ärende #1:" in printed, printed
