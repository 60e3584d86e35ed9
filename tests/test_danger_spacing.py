"""A slip of the space bar in a danger word (flows/spacing.py): a word typed in two halves or two
words typed as one still bring the crisis answer and the right red-flag question, and mending
never makes an ordinary message alarming."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words, may_be_crisis, red_flag_hits, red_flag_hits_unindexed


@pytest.mark.parametrize(
    "text",
    [
        "jag har själv mords tankar hela tiden",
        "har sjä lvmordstankar varje dag nu",
        "I took an over dose of my pills an hour ago",
        "having sui cidal thoughts again tonight",
        "mietin itse murhaa koko ajan",
        "vahingoi tan itseäni joka ilta",
        "swall owed 40 pills",
    ],
)
def test_a_crisis_word_typed_in_two_halves_still_brings_crisis_help(text: str) -> None:
    assert may_be_crisis(text)
    assert crisis_words(text) is not None
    assert "rf_suicide" in red_flag_hits(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("det känns som en hjärt attack", "rf_chest"),
        ("rin takipu alkoi aamulla", "rf_chest"),
        ("min pappa är medve tslös", "rf_consciousness"),
        ("worst heada che of my life", "rf_stroke"),
        ("ontibröstet och kallsvettig", "rf_chest"),
        ("i cantbreathe properly", "rf_breathing"),
        ("eipysty hengittää kunnolla", "rf_breathing"),
    ],
)
def test_a_red_flag_typed_with_a_slipped_space_asks_its_question(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)
    # The index and the plain reading agree on the mended message too.
    assert red_flag_hits(text) == red_flag_hits_unindexed(text)


@pytest.mark.parametrize(
    "text",
    [
        "kan jag få ta ett blod prov på fredag",
        "utslag på armen sen i går",
        "behöver förnya mina astma puffar",
        "vill boka hälso kontroll",
        "my son has chickenpox, can he go to daycare",
        "voiko ajan varauksen perua netissä",
        "jag vill inte ta mitt liv, jag behöver bara prata med någon",
    ],
)
def test_ordinary_messages_with_split_or_joined_words_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
    assert crisis_words(text) is None


def test_moderation_sends_a_split_overdose_to_the_clinic() -> None:
    verdict = Moderator.load().check("I took an over dose", "en")
    assert (verdict.category, verdict.action) == ("self_harm", "clinical_alert")


@pytest.mark.parametrize(
    "text",
    [
        "tog allla sömnpiller",  # a letter held down
        "i want to kiill myself",  # a letter typed twice in a short word
        "jag vvill inte leva mer",
        "wish i was deaad",
        "jag vil dö",  # a doubled letter typed once
        "tok 25 tylenol an hour ago",
        "bought a rrope today, i have a date",
    ],
)
def test_short_crisis_words_with_a_letter_twice_or_once_still_bring_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize(
    "text", ["jag vill ha en tid", "en kil i foten", "sooo tired of this cold", "fall på isen igår"]
)
def test_ordinary_short_words_are_not_read_as_crisis_words(text: str) -> None:
    assert crisis_words(text) is None, text
