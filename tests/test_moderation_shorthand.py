"""How people type without writing it out (bot/moderation/shorthand.py): English contractions
with no apostrophe read as with one, and the emoji that stand for an insult or an advance read
as such when said to the reader; the same emoji elsewhere, and the words that look like a
contraction but are words of their own, stay clean."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@pytest.mark.parametrize(
    ("with_apostrophe", "without"),
    [
        ("don't make me come down there and find you", "dont make me come down there and find you"),
        ("you're a useless excuse for a nurse", "youre a useless excuse for a nurse"),
        ("I'm going to wait for you by your car", "im going to wait for you by your car"),
        ("you won't walk out of here in one piece", "you wont walk out of here in one piece"),
    ],
)
def test_a_contraction_without_its_apostrophe_gets_the_same_verdict(
    moderator: Moderator, with_apostrophe: str, without: str
) -> None:
    written = moderator.check(with_apostrophe, "en")
    assert written.category != "clean"
    assert moderator.check(without, "en").category == written.category


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("🖕🖕🖕 sköterska", "sv", "insult"),
        ("🖕 you doc", "en", "insult"),
        ("🍆🍆 for u nurse 😏", "en", "sexual_harassment"),
        ("🍑👅 sulle hoitaja", "fi", "sexual_harassment"),
        ("🔪🔪 vänta bara tills du går hem", "sv", "threat"),
    ],
)
def test_emoji_said_to_the_reader_are_read(
    moderator: Moderator, text: str, lang: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("jag är hes sedan i fredags 🤒", "sv"),
        ("its been well over a week and ill call again tomorrow", "en"),
        ("were you able to see my results? 🙂", "en"),
        ("I cut my finger on a kitchen knife 🔪 it will not stop bleeding", "en"),
        ("my 🍑 hurts after the injection", "en"),
        ("sweating all night 💦 with fever", "en"),
    ],
)
def test_words_and_emoji_of_everyday_messages_stay_clean(
    moderator: Moderator, text: str, lang: str
) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("[10:02] me: hello?? / [10:31] me: ur all useless", "en", "insult"),
        ("me: ur all useless", "en", "insult"),
        ("[09:12] mä: haloo / [09:40] mä: te ootte ihan surkeita", "fi", "insult"),
    ],
)
def test_a_pasted_chat_logs_own_labels_do_not_make_an_insult_the_writers_own(
    moderator: Moderator, text: str, lang: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, text)


def test_a_time_or_a_lab_value_after_a_colon_stays_as_written(moderator: Moderator) -> None:
    assert_below_log(moderator, "tid: 14:30 i morgon, HbA1c: 48", "sv")


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("dickhead answer the question", "en", "insult"),
        ("kärring svara nu", "sv", "insult"),
        ("ääliö vastaa jo", "fi", "insult"),
    ],
)
def test_an_insult_that_opens_an_order_is_said_to_the_reader_without_a_comma(
    moderator: Moderator, text: str, lang: str, category: str
) -> None:
    assert_category(moderator, text, lang, category, text)


def test_swearing_before_an_order_is_still_no_insult(moderator: Moderator) -> None:
    assert_below_log(moderator, "shit call me back please", "en")
