"""Suggesting a questionnaire from the complaint's free text, and the pick list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.catalog import Choice, pick, pick_list, suggest, word_match, words
from flows.loader import load_directory

FOLDER = Path(__file__).resolve().parents[1] / "flows" / "questionnaires"
ALL = load_directory(FOLDER)


@pytest.mark.parametrize(
    ("lang", "text", "best"),
    [
        ("sv", "Jag har halsont sedan i går", "sore_throat"),
        ("sv", "ont i halsen", "sore_throat"),
        ("sv", "Jätteont i halsen!!", "sore_throat"),
        ("sv", "halsonnt", "sore_throat"),  # typo
        ("sv", "har så ont i magen och kräks", "stomach"),
        ("sv", "vinterkräksjukan", "stomach"),  # compound and definite form
        ("sv", "mitt barn har feber", "child_fever"),
        ("sv", "hostar och är förkyld", "cough_cold"),
        ("sv", "det svider när jag kissar", "urinary"),
        ("sv", "behöver förnya mitt recept", "prescription_other"),
        ("sv", "huvudvärken går inte över", "headache"),
        ("sv", "ont i ryggen efter lyft", "back_joint"),
        ("sv", "ont i knät", "back_joint"),
        ("sv", "ångest och sover dåligt", "mental"),
        ("sv", "svårt att andas, har astma", "breathing"),
        ("sv", "rött öga", "ear_eye"),
        ("sv", "fått utslag på armen", "skin"),
        ("sv", "bet mig och fick ett sår", "skin"),
        ("en", "I have a sore throat", "sore_throat"),
        ("en", "my baby has a fever", "child_fever"),
        ("en", "tummy ache and diarrhea", "stomach"),
        ("en", "I need a repeat prescription", "prescription_other"),
        ("fi", "kurkkuun sattuu", "sore_throat"),
        ("fi", "lapsella kuumetta", "child_fever"),
        ("fi", "selkä kipeä", "back_joint"),
        ("fi", "päätä särkee kovasti", "headache"),
        ("fi", "yskä ja nuha", "cough_cold"),
        ("fi", "ahdistaa ja masentaa", "mental"),
    ],
)
def test_the_complaint_suggests_the_right_questionnaire(lang: str, text: str, best: str) -> None:
    assert suggest(text, ALL, lang)[0] == best


@pytest.mark.parametrize("text", ["hej", "jag mår bra", "", "   ", "123", "??"])
def test_nothing_fits_nothing(text: str) -> None:
    assert suggest(text, ALL, "sv") == []


def test_several_complaints_give_several_suggestions() -> None:
    found = suggest("ont i halsen och feber", ALL, "sv")

    assert found[:2] == ["sore_throat", "cough_cold"]


def test_another_language_still_finds_it() -> None:
    assert suggest("sore throat", ALL, "sv")[0] == "sore_throat"


@pytest.mark.parametrize(
    ("typed", "keyword", "matches"),
    [
        ("halsen", "hals", True),
        ("halsont", "halsont", True),
        ("magsmartor", "mage", False),
        ("ont", "ont", True),
        ("ont", "onto", False),
        ("mage", "magen", True),
        ("hosat", "hosta", True),  # swapped letters
        ("kiss", "kissa", True),
        ("is", "kissa", False),
        ("ben", "ren", False),  # short words: no typo tolerance
    ],
)
def test_word_match(typed: str, keyword: str, matches: bool) -> None:
    assert bool(word_match(typed, keyword)) == matches


def test_words_normalise() -> None:
    assert words("Ont i HALSEN, ja!") == ["ont", "i", "halsen", "ja"]
    assert words("Örat") == ["orat"]


def test_the_pick_list_has_every_questionnaire_titled_in_the_language() -> None:
    choices = pick_list(ALL, "fi")

    assert {c.id for c in choices} == set(ALL)
    assert choices[0] == Choice("cough_cold", "Yskä, flunssa ja kuume")
    assert choices[-1].id == "general"
    assert all(c.title == ALL[c.id].title["fi"] for c in choices)


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("2", "sore_throat"),
        ("Huvudvärk", "headache"),
        ("huvudverk", "headache"),
        ("ont i hals", "sore_throat"),
        ("99", None),
        ("0", None),
        ("o", None),
    ],
)
def test_pick_by_number_or_title(typed: str, chosen: str | None) -> None:
    assert pick(typed, pick_list(ALL, "sv")) == chosen


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200), lang=st.sampled_from(["sv", "en", "fi", "de"]))
def test_any_text_gives_known_ids_once(text: str, lang: str) -> None:
    found = suggest(text, ALL, lang)

    assert len(found) == len(set(found))
    assert set(found) <= set(ALL)
