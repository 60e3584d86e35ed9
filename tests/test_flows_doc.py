"""The clinician-readable Markdown overview of a questionnaire."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.doc import markdown, markdown_all
from flows.loader import load_directory
from flows.model import in_language

FOLDER = Path(__file__).resolve().parents[1] / "flows" / "questionnaires"
ALL = load_directory(FOLDER)
CASES = [(qid, lang) for qid in sorted(ALL) for lang in ("sv", "en", "fi")]
THEN = {"sv": "SÅ", "en": "THEN", "fi": "NIIN"}


@pytest.mark.parametrize(("qid", "lang"), CASES, ids=[f"{q}-{lang}" for q, lang in CASES])
def test_everything_a_reviewer_needs_is_there(qid: str, lang: str) -> None:
    q = ALL[qid]

    doc = markdown(q, lang)

    assert doc.startswith(f"# {q.title[lang]} (`{qid}`)")
    assert q.version in doc and q.rules_version in doc
    for item in q.items:
        assert item.text[lang] in doc
        assert f"`{item.link_id}`" in doc
        for option in item.options:
            assert f"{option.display[lang]} (`{option.code}`)" in doc
    rule_lines = [line for line in doc.splitlines() if f"**{THEN[lang]} " in line]
    assert len(rule_lines) == len(q.rules)
    for rule in q.rules:
        (line,) = [line for line in rule_lines if line.endswith(f"`{rule.id}`")]
        assert f"**{THEN[lang]} {rule.outcome}**" in line
        assert in_language(rule.reason, lang) in line
    assert f"{q.default_outcome}**" in doc.splitlines()[-1]


def test_rules_are_most_urgent_first_in_words() -> None:
    doc = markdown(ALL["general"], "en")
    rules = doc.split("## Triage rules (most urgent first)")[1].strip().splitlines()

    assert rules[0].startswith("- **IF** [1] `rf_breathing` = **yes** **THEN R**")
    infant = next(line for line in rules if line.endswith("`infant_fever_3_to_6_months`"))
    assert infant == (
        "- **IF** `child_age_months` ≥ **3** **AND** `child_age_months` ≤ **6** **AND** "
        "[19] `temperature` ≥ **39 °C** **THEN A** (Fever of 39 °C or more in a baby aged "
        "3–6 months) — emergency department now · `infant_fever_3_to_6_months`"
    )
    assert rules[-1] == "- **OTHERWISE P4** (within days)"
    levels = [line.split("**THEN ")[1][:2].rstrip("*") for line in rules[:-1]]
    order = ["R", "A", "P1", "P2", "P3", "P4", "P5"]
    assert [order.index(level) for level in levels] == sorted(order.index(lv) for lv in levels)


def test_conditions_in_words() -> None:
    doc = markdown(ALL["ear_eye"], "sv")

    assert 'Frågas bara om: [14] `ee_where` ≠ **"Ögat"** (`eye`)' in doc
    pregnancy = markdown(ALL["general"], "sv").split("`rf_pregnancy`")[1]
    assert "`for_child` är inte besvarad **ELLER** `for_child` ≠ **ja**" in pregnancy
    assert "30–45 °C" in doc


def test_all_in_one() -> None:
    doc = markdown_all(ALL, "en")

    assert doc.count("\n# ") == len(ALL) - 1
