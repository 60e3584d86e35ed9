"""The check every family test of the tone rules makes: the message lands in its category with
the message's language, and a threat alerts staff whatever language is assumed."""

from __future__ import annotations

from bot.moderation import Moderator


def assert_category(
    moderator: Moderator, text: str, lang: str, category: str, why: str = ""
) -> None:
    assert moderator.check(text, lang).category == category, (why, moderator.explain(text, lang))
    if category == "threat":
        assert moderator.check(text).action == "alert_staff", why


def assert_below_log(moderator: Moderator, text: str, lang: str) -> None:
    """A near miss: no rule raises it above "log" (no warning, no strike, no staff told by a
    rule). The statistical second opinion may still ask staff to read it; how often it does on
    benign lines is measured apart (bench/moderation.py, test_moderation_second_opinion.py)."""
    verdict = moderator.rules_only().check(text, lang)
    assert not verdict.flagged, (text, verdict.category, moderator.explain(text, lang))


def assert_clinical_alert(moderator: Moderator, text: str, lang: str) -> None:
    """Words of self-harm: the verdict is self-harm and a clinician is alerted."""
    verdict = moderator.check(text, lang)
    assert verdict.category == "self_harm", (text, moderator.explain(text, lang))
    assert verdict.action == "clinical_alert", (text, verdict.action)
