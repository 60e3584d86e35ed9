"""False alarms and misses found in session 14 (issue 14), each beside the wordings its rule
exists for.

- A bare "touching me" counted as refusing a clinician for their origin, so "the muslim nurse
  was so gentle touching me" told staff of discrimination. A refusal needs its own words: "no
  ... is going to touch me", "keep ... from touching me", "don't want ... touching me".
"""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation_verdicts import assert_below_log, assert_category


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


NEAR_MISSES = [
    ("en", "the muslim nurse was so gentle touching me"),
    ("en", "the black doctor was touching my belly and said it is the appendix"),
    ("en", "the immigrant nurse kept touching my arm to calm me, so kind"),
]

ABUSIVE = [
    ("en", "discrimination", "I don't want a muslim nurse touching me"),
    ("en", "discrimination", "no black doctor is going to touch me"),
    ("en", "discrimination", "no immigrant is touching me"),
    ("en", "discrimination", "keep that muslim nurse from touching me"),
    ("sv", "discrimination", "ingen muslimsk sköterska får röra mig"),
    ("fi", "discrimination", "en halua että musliimi koskee minuun"),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_s14_reports_stay_below_log(moderator: Moderator, lang: str, text: str) -> None:
    assert_below_log(moderator, text, lang)


@pytest.mark.parametrize(("lang", "category", "text"), ABUSIVE)
def test_s14_refusals_still_caught(
    moderator: Moderator, lang: str, category: str, text: str
) -> None:
    assert_category(moderator, text, lang, category, text)
