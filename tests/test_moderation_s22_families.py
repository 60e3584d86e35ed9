"""The crisis words' first look made cheaper (speed round s22): it reads a message's words once
(mend's look at neighbours made in the same pass), remembers the concepts of the key-word
pairs it meets, and takes the moderator's tokens when the message is its own normal form. None
of that may change an answer: crisis words in every language still bring the crisis verdict,
written as typed or with a slipped space, and the everyday look-alikes stay below "log"."""

from __future__ import annotations

import random

import pytest

from bot.moderation import Moderator
from bot.moderation.normalisation import analyse
from flows.phrases import _spacing, crisis_words, may_be_crisis

# Lower case without punctuation: most are their own normal form, so the moderator hands its
# tokens to the first look (not the letters spelled out, which the normal form joins).
CRISIS = [
    ("sv", "jag vill inte leva längre"),
    ("sv", "jag tänker ta livet av mig i kväll"),
    ("sv", "jag skär mig själv varje kväll"),
    ("sv", "jag har själv mords tankar hela tiden"),
    ("sv", "l i v e t är slut jag tar livet av mig"),
    ("en", "i want to kill myself tonight"),
    ("en", "i took an over dose of my pills an hour ago"),
    ("en", "having sui cidal thoughts again tonight"),
    ("fi", "haluan kuolla"),
    ("fi", "mietin itse murhaa koko ajan"),
    ("fi", "vahingoi tan itseäni joka ilta"),
]

NEAR_MISSES = [
    ("sv", "jag har ont i magen sedan i går och det blir värre på kvällen"),
    ("sv", "blod hosta och feber i natt"),
    ("sv", "jag har tagit slut på medicinen i natt"),
    ("sv", "pappa tog livet av sig för tio år sedan"),
    ("sv", "jag dör av skratt åt barnen"),
    ("sv", "jag har inga självmordstankar"),
    ("en", "my grandfather died of an overdose years ago"),
    ("en", "i kill time playing games tonight"),
    ("en", "the medicine ran out tonight"),
    ("fi", "mummo kuoli viime vuonna"),
    ("fi", "minulla on kuumetta ja yskää"),
]

_WORDS = (
    "jag har haft ont i magen sedan i går och det blir värre på kvällen kan du ringa mig feber "
    "hosta huvudvärk ryggen knät urinen blod tre dagar medicinen slut recept vecka natt sova "
    "trött yrsel illamående barnet i want to die kill myself over dose haluan kuolla själv mord"
)
FILLER = tuple(_WORDS.split())


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@pytest.mark.parametrize(("lang", "text"), CRISIS)
def test_crisis_words_still_bring_the_crisis_verdict(
    moderator: Moderator, lang: str, text: str
) -> None:
    assert may_be_crisis(text, tuple(text.split()))
    for language in (lang, None):
        verdict = moderator.check(text, language)
        assert verdict.category == "self_harm", moderator.explain(text, language)
        assert verdict.flagged


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_everyday_look_alikes_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert crisis_words(text) is None
    for language in (lang, None):
        assert moderator.rules_only().check(text, language).action in ("none", "log")


def test_a_message_that_is_its_own_normal_form_has_its_tokens_as_words() -> None:
    """What the moderator relies on when it hands its tokens over."""
    rng = random.Random(22)
    for _ in range(2000):
        text = " ".join(rng.choice(FILLER) for _ in range(rng.randint(1, 25)))
        normal = analyse(text)
        if normal.text == text:
            assert normal.tokens == tuple(text.split())


def test_the_first_look_answers_the_same_with_or_without_the_words_and_the_joins() -> None:
    """Words given or split, joins looked at in the first pass or by mend itself: one answer,
    and may_be_crisis never says no where crisis_words finds something."""
    rng = random.Random(14)
    spacing = _spacing()
    for _ in range(3000):
        words = [rng.choice(FILLER) for _ in range(rng.randint(1, 20))]
        if len(words) > 2 and rng.random() < 0.3:
            at = rng.randrange(len(words) - 1)
            words[at : at + 2] = [words[at] + words[at + 1]]  # run together
        if rng.random() < 0.2:
            at = rng.randrange(len(words))
            words[at : at + 1] = list(words[at])  # spelled out
        text = " ".join(words)
        found = may_be_crisis(text)
        assert may_be_crisis(text, tuple(text.split())) == found
        if not found:
            assert crisis_words(text) is None, text
        assert spacing.mend(text, text.split(), None, None) == spacing.mend(text)
