"""Danger words as people type them (DESIGN 8a, issue 12): one vocabulary gives the red-flag
questions and the crisis answer, in sv, en and fi at once. Figures are asserted on the TUNED set
only; the unseen set is measured by bench/danger_words.py, never asserted or tuned on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.danger_words import load, score
from bot.moderation import Moderator
from flows.phrases import crisis_words, red_flag_hits

TUNED = Path(__file__).parent / "corpora" / "first_messages_tuned.tsv"


def test_the_tuned_set_is_big_enough_and_half_dangerous() -> None:
    rows = load(TUNED)
    for lang in ("sv", "en", "fi"):
        mine = [row for row in rows if row.lang == lang]
        dangerous = [row for row in mine if row.label != "none"]
        assert len(mine) >= 100 and 0.4 <= len(dangerous) / len(mine) <= 0.6, lang


def test_figures_on_the_tuned_set() -> None:
    figures = score(load(TUNED))["all"]
    assert figures.seen / figures.dangerous >= 0.98, figures.misses
    assert figures.answered == figures.crisis, figures.misses
    assert figures.alarmed / figures.benign <= 0.05, figures.misses


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I've decided to end it tonight", "en"),
        ("aion tappaa itseni", "fi"),
        ("jag tänker göra slut på allt i natt", "sv"),
        ("swallowed a whole box of paracetamol", "en"),
        ("tog alla sömnpiller", "sv"),
        ("swallowed 40 pills", "en"),
        ("otin kaikki unilääkkeet", "fi"),
        ("tog alla mina tabletter", "sv"),
        ("jag vill asså typ bara dö", "sv"),  # spoken fillers between the words
        ("mä haluun kuolla", "fi"),
        ("jag vill do", "sv"),  # no diacritics
        ("Mulla on itsemurha-ajatuksia", "fi"),
    ],
)
def test_explicit_crisis_words_in_any_language(text: str, language: str) -> None:
    hit = crisis_words(text)
    assert hit is not None and hit.language == language
    assert hit.rule_id.startswith(f"danger.crisis.{language}.")
    assert "rf_suicide" in red_flag_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm so tired of this cough I could die",
        "min pappa tog livet av sig för 10 år sen",
        "jag vill inte dö",  # negated
        "I don't want to die from this flu",
        "en halua kuolla tähän flunssaan",
        "took 2 paracetamol for my headache",  # a dose, not a count
        "Han sa att han ska döda mig",  # someone else's words: a threat, not self-harm
        "I cut myself on a knife while cooking",
        "satutin itseni kaatuessa",
        "should I take my pills with food",
    ],
)
def test_negations_doses_and_other_people_are_no_crisis(text: str) -> None:
    assert crisis_words(text) is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("ont i brostet", "rf_chest"),  # no diacritics
        ("bröstmsärta", "rf_chest"),  # one typo
        ("Jag har jätteont i bröstkorgen", "rf_chest"),  # compound
        ("kova kipu rinnassa", "rf_chest"),  # Finnish inflection
        ("rintaan sattuu", "rf_chest"),
        ("en saa henkee", "rf_breathing"),  # spoken Finnish
        ("en pysty hengittää", "rf_breathing"),
        ("han andas konstigt och drar in under revbenen", "rf_child"),
        ("my baby is floppy", "rf_child"),
        ("vauva ei herää", "rf_consciousness"),
        ("min dotter fick ett anfall", "rf_consciousness"),
        ("my son is having a fit", "rf_consciousness"),
        ("lapsi kouristaa", "rf_consciousness"),
        ("worst headache of my life", "rf_stroke"),
        ("värsta huvudvärken i mitt liv", "rf_stroke"),
        ("gravid i vecka 30 och blöder", "rf_pregnancy"),
        ("my throat is swelling", "rf_allergy"),
        ("his lips are blue", "rf_breathing"),
    ],
)
def test_red_flags_as_people_type_them(text: str, flag: str) -> None:
    assert flag in red_flag_hits(text)


def test_moderation_self_harm_comes_from_the_danger_vocabulary() -> None:
    verdict = Moderator.load().check("aion tappaa itseni", "sv")  # Finnish in a Swedish chat
    hit = verdict.hits[0]
    assert (verdict.category, verdict.action, hit.severity) == ("self_harm", "clinical_alert", 3)
    assert hit.rule_id == crisis_words("aion tappaa itseni").rule_id  # type: ignore[union-attr]
    assert hit.matched_form == "tappaa itseni"
