"""A goodbye that says others will soon be rid of the writer is crisis talk in every wording;
a history of being free of something, or a group said to deserve death, is not the writer's
own danger (session 14: "free of" was read as a past-time word and cancelled "you'll be free
of me soon"; the typo allowance read "ansaitsee", they deserve, as "ansaitsen", I deserve)."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words

AT_RISK = [
    "you'll be free of me soon",
    "soon you will all be free of me",
    "you'll finally be free of me",
    "dont worry, you all will be rid of me soon",
    "snart är ni av med mig för gott",
    "mä ansaitsen kuolla",
    "ansaitsen kuolla, en jaksa enää",
]

NOT_AT_RISK = [
    "I've been free of suicidal thoughts for two years",
    "two years free of self harm now, just need a refill of my sertraline",
    "I'm finally free of the cough, thanks for the help",
    "snart är ni av med mig, flyttar till luleå i maj",
]


@pytest.mark.parametrize("text", AT_RISK)
def test_goodbye_gets_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize("text", NOT_AT_RISK)
def test_history_and_moves_get_none(text: str) -> None:
    assert crisis_words(text) is None, text


def test_a_group_said_to_deserve_death_is_discrimination_not_crisis() -> None:
    verdict = Moderator.load().check("muslimit ansaitsee kuolla", "fi")
    assert crisis_words("muslimit ansaitsee kuolla") is None
    assert verdict.category == "discrimination"
    assert verdict.action != "none"
