"""Grief is no family history for crisis words (DESIGN 8a, issue 12).

A death in the message ("dog av/i", "died of/from", "kuoli") reads as family history for the red
flags, as NOT_NOW does: "pappa dog av hjärtinfarkt och hade ont i bröstet" asks no chest-pain
question. It used to cancel crisis words in its clause too, so a bereaved patient writing
"mamma dog i går och jag vill inte leva längre" got no crisis help and no staff alert. A death
now never hides crisis words.

A time in the past ("för fem år sen", "3 years ago", "vuotta sitten") dates its clause the same
way, and "I had a stroke 3 years ago and I want to die" got no crisis help either. For crisis
words, "and I" now starts what the writer says now; a crisis said of the past ("för 5 år sen
försökte jag ta livet av mig, nu mår jag bra") is still history.
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

PAST_AND_CRISIS_NOW = [
    ("sv", "farfar dog av cancer för 5 år sen och jag vill inte leva"),
    ("sv", "jag hade cancer för två år sedan och jag orkar inte leva längre"),
    ("en", "I had a stroke 3 years ago and I want to die"),
    ("en", "my knee was operated on last year and i'm going to kill myself"),
    ("fi", "sain sydänkohtauksen 2 vuotta sitten ja mä haluun kuolla"),
]

CRISIS_IN_THE_PAST = [
    "för 5 år sen försökte jag ta livet av mig och nu mår jag bra",
    "för 5 år sen ville jag inte leva och jag fick hjälp av er",
    "years ago I wanted to die and I got help",
    "yritin tappaa itseni vuosia sitten ja nyt menee hyvin",
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


@pytest.mark.parametrize(("lang", "text"), PAST_AND_CRISIS_NOW)
def test_a_past_time_never_dates_crisis_words_after_and_i(lang: str, text: str) -> None:
    found = crisis_words(text)
    assert found is not None, text
    assert found.language == lang, found


@pytest.mark.parametrize("text", CRISIS_IN_THE_PAST)
def test_a_crisis_said_of_the_past_is_still_history(text: str) -> None:
    assert crisis_words(text) is None, text


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
