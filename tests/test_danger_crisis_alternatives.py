"""Crisis phrases whose alternatives were written with several words in one slot
("ingen|inte någon mening", "would end|stop|be over"): a slot holds one word, so the phrase
asked for words nobody writes ("ser ingen någon mening", "would end over") and these plain
statements got no crisis help. Each is now its own phrase."""

from __future__ import annotations

import pytest

from flows.phrases import crisis_words

AT_RISK = [
    "jag ser ingen mening med att leva",
    "ser ingen mening med livet",
    "I wish my life would end",
    "i wish this life would stop",
    "I wish my life would be over",
    "i want my life to end",
    "I wish this life was over",
]

NOT_AT_RISK = [
    "I wish this pain would stop, can I get stronger painkillers?",
    "i wish the rain would stop so I can drive to the clinic",
    "jag ser ingen mening med att ta antibiotika för en förkylning",
]


@pytest.mark.parametrize("text", AT_RISK)
def test_plain_wish_to_die_gets_crisis_help(text: str) -> None:
    assert crisis_words(text) is not None, text


@pytest.mark.parametrize("text", NOT_AT_RISK)
def test_look_alikes_get_none(text: str) -> None:
    assert crisis_words(text) is None, text
