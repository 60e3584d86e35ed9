"""Moderation verdicts per category, the policy, the allowlist, explain, and the lexicon check."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.moderation import Moderator, Verdict, check_lexicon
from bot.moderation.lexicon import DEFAULT_DIRECTORY


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


def verdict(moderator: Moderator, text: str, lang: str | None = None) -> Verdict:
    return moderator.check(text, lang)


@pytest.mark.parametrize(
    ("text", "category", "action"),
    [
        ("Hej, jag har ont i magen sedan i går.", "clean", "none"),
        ("Det gör jävligt ont i ryggen.", "profanity", "log"),
        ("vitun sattuu", "profanity", "log"),
        ("Fucking hell, my back hurts.", "profanity", "log"),
        ("din idiotjävel", "insult", "warn_strike"),
        ("you are an idiot", "insult", "warn_strike"),
        ("sä oot idiootti", "insult", "warn_strike"),
        ("är du dum", "insult", "warn"),
        ("Jävla blatte.", "discrimination", "notify_staff"),
        ("Go back to your country.", "discrimination", "notify_staff"),
        ("Vitun muslimit.", "discrimination", "notify_staff"),
        ("Skicka mig nakenbilder.", "sexual_harassment", "notify_staff"),
        ("Show me your tits.", "sexual_harassment", "notify_staff"),
        ("Haluan panna sua.", "sexual_harassment", "notify_staff"),
        ("jag ska döda dig", "threat", "alert_staff"),
        ("jag vet var du bor", "threat", "alert_staff"),
        ("I'll kill you", "threat", "alert_staff"),
        ("tapan sut", "threat", "alert_staff"),
        ("jag vill dö", "self_harm", "clinical_alert"),
        ("ta livet av mig", "self_harm", "clinical_alert"),
        ("I want to kill myself", "self_harm", "clinical_alert"),
        ("haluan kuolla", "self_harm", "clinical_alert"),
    ],
)
def test_category_and_action(moderator: Moderator, text: str, category: str, action: str) -> None:
    result = verdict(moderator, text)
    assert (result.category, result.action) == (category, action)


def test_insult_in_a_sentence_about_something_else_is_profanity_and_only_logged(
    moderator: Moderator,
) -> None:
    result = verdict(moderator, "the idiot in the car park scratched my car, can I come later")
    assert (result.category, result.action) == ("profanity", "log")
    assert "not aimed at a person" in result.hits[0].explanation


@pytest.mark.parametrize(
    "text", ["idiot", "Tosser.", "mikä urpo", "hölmö hoitaja", "Vilken träskalle!", "oi muppet"]
)
def test_a_message_that_is_only_an_insult_is_said_to_the_reader(
    moderator: Moderator, text: str
) -> None:
    # Sent to a clinician, a sentence of insult words alone has one reader it can be aimed at.
    result = verdict(moderator, text)
    assert (result.category, result.action) == ("insult", "warn_strike")
    assert any(
        word in result.hits[0].explanation
        for word in ("said as address", "second person 'hoitaja'")
    )


def test_insult_about_the_writer_is_not_aimed(moderator: Moderator) -> None:
    result = verdict(moderator, "Jag är en sån idiot, kan du hjälpa mig?")
    assert result.action == "log"


def test_hit_records_rule_version_and_matched_form_not_the_message(moderator: Moderator) -> None:
    result = verdict(moderator, "Hej, din idiotjävel, svara nu")
    hit = next(h for h in result.hits if h.rule_id == "sv.ins.javel_suffix")
    assert hit.category == "insult"
    assert hit.matched_form == "idiotjävel"
    assert hit.lexicon_version == moderator.version
    assert "second person 'din' 1 word away" in hit.explanation


def test_self_harm_is_checked_before_threat(moderator: Moderator) -> None:
    result = verdict(moderator, "jag tar livet av mig och sen ska jag döda dig")
    assert (result.category, result.action) == ("self_harm", "clinical_alert")
    # The threat is not lost: the core can alert staff about it too.
    assert "threat" in result.categories


def test_the_deciding_hit_comes_first(moderator: Moderator) -> None:
    result = verdict(moderator, "din idiot, fan, jag vill dö")
    assert result.hits[0].category == "self_harm"
    assert result.hits[0].rule_id == "danger.crisis.sv.vill_do"
    assert [h.category for h in result.hits][-1] == "profanity"


def test_self_harm_phrase_is_not_a_threat(moderator: Moderator) -> None:
    assert verdict(moderator, "jag ska döda mig själv").categories == {"self_harm"}
    assert verdict(moderator, "I'm going to kill myself").categories == {"self_harm"}


def test_allowlist_beats_a_rule(tmp_path: Path) -> None:
    (tmp_path / "sv.yaml").write_text(
        "language: sv\nsecond_person: [du]\nentries:\n"
        "  - {id: t.penis, pattern: penis, category: profanity, severity: 1,"
        " examples_match: ['penis']}\n"
        "  - {id: t.thr, pattern: 'skär av din penis', mode: phrase, category: threat,"
        " severity: 3, examples_match: ['jag skär av din penis']}\n",
        encoding="utf-8",
    )
    (tmp_path / "medical_allow.yaml").write_text("sv:\n  word: [penis]\n", encoding="utf-8")
    moderator = Moderator.load(tmp_path)
    assert verdict(moderator, "det kliar på penis").category == "clean"
    assert "allowlisted" in moderator.explain("det kliar på penis")
    # A phrase that merely contains the word still counts.
    assert verdict(moderator, "jag skär av din penis").category == "threat"
    assert any("never fires" in p for p in check_lexicon(tmp_path))


def test_allowlisted_phrase_protects_swedish_slut(moderator: Moderator) -> None:
    result = verdict(moderator, "Jag har slut på medicinen, kan du skriva ut mer?")
    assert result.action in ("none", "log")
    assert verdict(moderator, "you slut").category == "insult"


def test_language_restricts_entries_but_common_always_applies(moderator: Moderator) -> None:
    # The rules' language lists; the second opinion reads every language alike.
    assert verdict(moderator.rules_only(), "you idiot", "fi").category != "insult"
    assert verdict(moderator, "you idiot", "en").category == "insult"
    assert verdict(moderator, "fucking nigger", "fi").category == "discrimination"


def test_explain_shows_normal_form_rule_and_reason(moderator: Moderator) -> None:
    text = moderator.explain("DIN   I D I O T")
    assert "normalised: din idiot" in text
    assert "sv.ins.idiot" in text
    assert "second person 'din'" in text
    assert "no rule matched" in moderator.explain("Jag har feber.")


def test_version_is_stable_and_short(moderator: Moderator) -> None:
    again = Moderator.load()
    assert moderator.version == again.version
    assert len(moderator.version) == 12


def test_shipped_lexicon_has_no_problems() -> None:
    assert check_lexicon(DEFAULT_DIRECTORY) == []


def test_check_lexicon_reports_bad_entries(tmp_path: Path) -> None:
    (tmp_path / "sv.yaml").write_text(
        "language: sv\nentries:\n"
        "  - {id: a, pattern: idiot, category: insult, examples_match: ['din idiot']}\n"
        "  - {id: a, pattern: dumbom, category: rude, examples_match: ['x']}\n"
        "  - {id: b, pattern: 'döda {vem}', mode: phrase, category: threat}\n"
        "  - {id: c, pattern: fan, category: profanity, examples_match: ['hej'],"
        " examples_no_match: ['fan']}\n",
        encoding="utf-8",
    )
    problems = check_lexicon(tmp_path)
    assert "sv.yaml: a: unknown category 'rude'" in problems
    assert "sv.yaml: b: unknown slot 'vem'" in problems
    assert "sv.yaml: c: example 'hej' does not match as profanity" in problems
    assert "sv.yaml: c: example 'fan' matches but must not" in problems
    # No second-person words in this file: the insult example cannot be aimed.
    assert "sv.yaml: a: example 'din idiot' does not match as insult" in problems


def test_check_lexicon_reports_duplicate_ids(tmp_path: Path) -> None:
    entry = "  - {id: x, pattern: fan, category: profanity, examples_match: ['fan']}\n"
    (tmp_path / "sv.yaml").write_text(f"language: sv\nentries:\n{entry}", encoding="utf-8")
    (tmp_path / "en.yaml").write_text(f"language: en\nentries:\n{entry}", encoding="utf-8")
    assert any("duplicate id" in p for p in check_lexicon(tmp_path))


def test_load_refuses_a_broken_lexicon(tmp_path: Path) -> None:
    (tmp_path / "sv.yaml").write_text("language: sv\nentries: [{id: a}]\n", encoding="utf-8")
    with pytest.raises(Exception, match="no pattern"):
        Moderator.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Idiot, du har fel.", "insult"),
        ("You idiot, answer me.", "insult"),
        ("Du är en jävla idiot.", "insult"),
        ("You are such a stupid fucking idiot.", "insult"),
        ("Min son blir kallad idiot i skolan, kan du ge råd?", "profanity"),
        ("The pain is a bitch, can you help?", "profanity"),
        ("Jag var en idiot. Du hade rätt.", "profanity"),
    ],
)
def test_aim_follows_clauses_and_skips_swear_words(
    moderator: Moderator, text: str, category: str
) -> None:
    assert verdict(moderator, text).category == category


@pytest.mark.parametrize(
    "text",
    [
        "My husband threatened to kill me, I am scared.",
        "Han sa att han ska döda mig, jag har blåmärken.",
        "I hurt myself playing football.",
        "Am I going to die from this?",
        "Kan vi skjuta upp er tid?",
        "I'm coming in with a knife wound.",
    ],
)
def test_injuries_fears_and_reports_are_not_threats_or_self_harm(
    moderator: Moderator, text: str
) -> None:
    assert verdict(moderator, text).action in ("none", "log")


def test_verdict_helpers(moderator: Moderator) -> None:
    clean = verdict(moderator, "")
    assert (clean.category, clean.severity, clean.action, clean.hits) == ("clean", 0, "none", ())
    assert not clean.flagged
    assert verdict(moderator, "din idiot").flagged
    assert not verdict(moderator, "fan vad ont").flagged
