"""Emergency phrases in free text point at red-flag questions (never at outcomes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.loader import FlowError, load_fragment, load_questionnaire
from flows.phrases import (
    PHRASES_FILE,
    load_phrases,
    load_vocabulary,
    matching_phrases,
    red_flag_hits,
    red_flag_hits_unindexed,
    red_flags_to_ask,
)

FOLDER = Path(__file__).resolve().parents[1] / "flows" / "questionnaires"
SCREEN = load_fragment(FOLDER / "_red_flags.yaml")
FLAGGED = [item.link_id for item in SCREEN.items if item.red_flag]
TABLE = load_phrases(PHRASES_FILE)


def test_every_red_flag_has_phrases_in_every_language_and_nothing_else() -> None:
    assert list(TABLE) == FLAGGED
    for link_id, by_language in TABLE.items():
        assert {lang for lang, phrases in by_language.items() if phrases} == {"sv", "en", "fi"}, (
            link_id
        )


CASES = [(link_id, phrase) for link_id, by in TABLE.items() for ps in by.values() for phrase in ps]


@pytest.mark.parametrize(("link_id", "phrase"), CASES, ids=[p for _, p in CASES])
def test_each_phrase_finds_its_question(link_id: str, phrase: str) -> None:
    assert link_id in red_flag_hits(f"Hej, {phrase.upper()}!")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag har ont i bröstet", ["rf_chest"]),
        ("har haft ont i hela bröstet sedan i morse", ["rf_chest"]),
        ("ONT I BROSTET", ["rf_chest"]),
        ("kan inte andas!!", ["rf_breathing"]),
        ("jag vill inte leva längre", ["rf_suicide"]),
        ("I can't breathe", ["rf_breathing"]),
        ("I can’t breathe", ["rf_breathing"]),
        ("I cant breathe", ["rf_breathing"]),
        ("bad chest pains since this morning", ["rf_chest"]),
        ("rintakipu", ["rf_chest"]),
        ("minulla on kovaa rintakipua", ["rf_chest"]),
        ("en saa henkeä", ["rf_breathing"]),
        ("har bröstsmärtor och kan inte andas", ["rf_breathing", "rf_chest"]),
        ("jag hostar blod", ["rf_bleeding"]),
        ("barnet är slappt och grymtar", ["rf_child"]),
        ("haluan kuolla", ["rf_suicide"]),
        ("svår huvudvärk och stel nacke", ["rf_meningitis"]),
        ("bröstmsärta", ["rf_chest"]),  # a typo in a long word
        ("ont i brust", ["rf_chest"]),  # one slip in a word of five letters
        ("brist på järn och ont i magen", []),  # an everyday word is no slip ("bröst")
        ("vart ska jag vända mig med ont i magen", []),  # nor "värk"
        ("ont i bröstkorgen", ["rf_chest"]),
    ],
)
def test_examples(text: str, expected: list[str]) -> None:
    assert red_flag_hits(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ont i halsen",
        "magkramper och diarré",
        "Jag vill förnya mitt recept",
        "I can't see the doctor until Monday",
        "känner mig slapp och trött",
        "rash on my arm",
        "hosta och snuva",
        "kurkkukipu ja kuumetta",
        "ont i ryggen",
        "",
    ],
)
def test_everyday_complaints_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []


def test_the_hits_come_in_the_screens_order_once_each() -> None:
    text = "svimmade, kan inte andas, kan inte andas, ont i bröstet"

    assert red_flag_hits(text) == ["rf_breathing", "rf_chest", "rf_consciousness"]


def test_matching_phrases_names_what_was_found() -> None:
    assert matching_phrases("I have chest pain") == {"rf_chest": ["chest pain"]}


def test_a_custom_table() -> None:
    table = {"rf_x": {"sv": ["svullen tunga"]}}

    assert red_flag_hits("Svullen i tungan", table) == ["rf_x"]
    assert red_flag_hits("tungan är svullen", table) == []
    assert red_flag_hits("ont i bröstet", table) == []


def test_a_malformed_phrase_file_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "_phrases.yaml"
    path.write_text("rf_chest:\n  sv: ont i bröstet\n", encoding="utf-8")

    with pytest.raises(FlowError) as caught:
        load_phrases(path)

    assert (caught.value.source, caught.value.key) == (str(path), "rf_chest.sv")


VOCABULARY = sorted(
    {
        w
        for ps in load_vocabulary(PHRASES_FILE).values()
        for p in ps.values()
        for x in p
        for w in x.split()
    }
    | {"inte", "no", "ei", "år", "sen", "gravid", "pregnant", "raskaana", "feber", "38", "bebis"}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(VOCABULARY),
            st.sampled_from(VOCABULARY).map(lambda w: w + "en"),
            st.sampled_from(VOCABULARY).map(lambda w: w[:-1]),
            st.text(alphabet="abcdeilnorståäö ", max_size=8),
        ),
        max_size=12,
    )
)
def test_the_index_finds_what_a_plain_search_finds(parts: list[str]) -> None:
    text = " ".join(parts)

    assert red_flag_hits(text) == red_flag_hits_unindexed(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_safe_to_scan(text: str) -> None:
    assert set(red_flag_hits(text)) <= set(FLAGGED)


def test_the_questions_to_ask_apply_to_this_patient() -> None:
    q = load_questionnaire(FOLDER / "general.yaml")
    text = "gravid och blöder, barnet är slappt, ont i bröstet"
    adult = {"for_child": False, "rf_chest": False}
    child = {"for_child": True, "child_age_months": 14}

    # The most specific first (the vocabulary's order), not the questionnaire's.
    assert [i.link_id for i in red_flags_to_ask(q, text, adult)] == ["rf_pregnancy", "rf_chest"]
    assert [i.link_id for i in red_flags_to_ask(q, text, child)] == ["rf_child", "rf_chest"]
    assert red_flags_to_ask(q, "ont i halsen", adult) == []
