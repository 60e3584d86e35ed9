"""Finnish says "and not" in one word: "enkä" (and I don't), "eikä". "oon 16v enkä jaksa enää
elää" is the same wish not to live as "en jaksa enää elää" and brings the same crisis help
(found while probing session 15's held-out count; it had none)."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from flows.phrases import crisis_words
from tests.moderation_verdicts import assert_below_log


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load(second_opinion=False)


@pytest.mark.parametrize(
    "text",
    [
        "oon 16v enkä jaksa enää elää",
        "oon niin yksin enkä halua elää enää",
        "mä oon tosi väsyny eikä jaksa enää elää",
        "kaikki menee pieleen enkä halua enää olla olemassa",
    ],
)
def test_and_not_wanting_to_live_brings_crisis_help(moderator: Moderator, text: str) -> None:
    assert crisis_words(text) is not None, text
    assert moderator.check(text, "fi").action == "clinical_alert"


@pytest.mark.parametrize(
    "text",
    [
        "enkä jaksa kävellä portaita ilman apua",
        "enkä jaksa enää odottaa, soittakaa kun ehditte",
        "eikä poika halua syödä mitään",
    ],
)
def test_and_not_about_everyday_things_is_no_crisis(moderator: Moderator, text: str) -> None:
    assert crisis_words(text) is None, text
    assert_below_log(moderator, text, "fi")
