"""Walking a questionnaire (what to ask next) and reading typed answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.conditions import evaluate
from flows.loader import load_directory, load_questionnaire
from flows.model import AnswerOption, AnswerValue, Condition, ContextVar, Item, Questionnaire
from flows.walker import (
    DEFAULT_MAX_LENGTH,
    is_enabled,
    next_item,
    option_labels,
    parse_answer,
    progress,
)

GENERAL = Path(__file__).resolve().parents[1] / "flows" / "questionnaires" / "general.yaml"

YES = ("ja", "yes", "joo", "kyllä", "j", "y")
NO = ("nej", "no", "ei", "n")
ERROR_CODES = {
    "empty",
    "not_a_choice",
    "not_yes_no",
    "not_integer",
    "not_number",
    "out_of_range",
    "too_long",
}


def same(word: str) -> dict[str, str]:
    return {"sv": word, "en": word, "fi": word}


def boolean(link_id: str, *when: Condition, behavior: str = "") -> Item:
    return Item(link_id, "boolean", same(link_id), enable_when=when, enable_behavior=behavior)


def questionnaire(*items: Item) -> Questionnaire:
    return Questionnaire(
        id="t",
        url="https://example.org/t",
        version="1",
        rules_version="1",
        title=same("t"),
        context=(ContextVar("for_child", "boolean"), ContextVar("age", "integer")),
        items=items,
        rules=(),
        default_outcome="P4",
    )


FEVER = questionnaire(
    boolean("rf"),
    boolean("fever"),
    Item(
        "temp",
        "decimal",
        same("temp"),
        enable_when=(Condition("fever", "=", True),),
        min_value=30,
        max_value=45,
    ),
    boolean("hot", Condition("temp", ">=", 39.0)),
    boolean("child_only", Condition("for_child", "=", True)),
    Item("note", "text", same("note")),
)


def asked(q: Questionnaire, answers: dict[str, AnswerValue]) -> str | None:
    item = next_item(q, answers)
    return None if item is None else item.link_id


# --- next_item and is_enabled


def test_next_item_follows_document_order_and_skips_disabled_items() -> None:
    answers: dict[str, AnswerValue] = {"for_child": False}
    order = []
    replies: dict[str, AnswerValue] = {"rf": False, "fever": False, "note": "tack"}
    while (link_id := asked(FEVER, answers)) is not None:
        order.append(link_id)
        answers[link_id] = replies[link_id]

    assert order == ["rf", "fever", "note"]


def test_a_yes_opens_the_follow_up_question() -> None:
    answers: dict[str, AnswerValue] = {"for_child": False, "rf": False, "fever": True}
    assert asked(FEVER, answers) == "temp"

    answers["temp"] = 39.5
    assert asked(FEVER, answers) == "hot"

    answers["temp"] = 38.0
    assert asked(FEVER, answers) == "note"


def test_context_values_enable_items() -> None:
    child_only = FEVER.item("child_only")
    base: dict[str, AnswerValue] = {"rf": False, "fever": False}

    assert is_enabled(FEVER, child_only, {**base, "for_child": True})
    assert not is_enabled(FEVER, child_only, {**base, "for_child": False})
    assert not is_enabled(FEVER, child_only, base)
    assert asked(FEVER, {**base, "for_child": True}) == "child_only"


def test_an_answer_to_a_disabled_question_no_longer_counts() -> None:
    # The patient said fever, gave 40 degrees, then changed "fever" to no.
    answers: dict[str, AnswerValue] = {"rf": False, "fever": False, "temp": 40.0}

    assert not is_enabled(FEVER, FEVER.item("temp"), answers)
    assert not is_enabled(FEVER, FEVER.item("hot"), answers)
    assert asked(FEVER, answers) == "note"


def test_an_item_is_done_once_answered_even_if_optional_and_skipped() -> None:
    answers: dict[str, AnswerValue] = {"rf": False, "fever": False, "note": ""}

    assert next_item(FEVER, answers) is None


EXISTS = questionnaire(
    boolean("a"),
    boolean("b", Condition("a", "=", True)),
    boolean("answered", Condition("b", "exists", True)),
    boolean("unanswered", Condition("b", "exists", False)),
    boolean("different", Condition("a", "!=", True)),
)


@pytest.mark.parametrize(
    ("answers", "enabled"),
    [
        ({}, {"a", "unanswered"}),
        ({"a": True}, {"a", "b", "unanswered"}),
        ({"a": True, "b": False}, {"a", "b", "answered"}),
        # b is disabled by a = false, so its stored answer counts as absent.
        ({"a": False, "b": True}, {"a", "unanswered", "different"}),
        # A skipped answer is no answer for a condition.
        ({"a": True, "b": ""}, {"a", "b", "unanswered"}),
    ],
)
def test_fhir_exists_and_not_equal(answers: dict[str, AnswerValue], enabled: set[str]) -> None:
    assert {i.link_id for i in EXISTS.items if is_enabled(EXISTS, i, answers)} == enabled


NUMBERS = questionnaire(
    Item("n", "integer", same("n")),
    boolean("gt", Condition("n", ">", 5)),
    boolean("lt", Condition("n", "<", 5)),
    boolean("ge", Condition("n", ">=", 5)),
    boolean("le", Condition("n", "<=", 5)),
    boolean("eq", Condition("n", "=", 5)),
    boolean("ne", Condition("n", "!=", 5)),
    boolean("decimal_eq", Condition("n", "=", 5.0)),
)


@pytest.mark.parametrize(
    ("value", "enabled"),
    [
        (4, {"lt", "le", "ne"}),
        (5, {"ge", "le", "eq", "decimal_eq"}),
        (6, {"gt", "ge", "ne"}),
    ],
)
def test_numeric_operators(value: int, enabled: set[str]) -> None:
    answers: dict[str, AnswerValue] = {"n": value}

    got = {i.link_id for i in NUMBERS.items[1:] if is_enabled(NUMBERS, i, answers)}

    assert got == enabled


def test_yes_is_never_the_number_one() -> None:
    q = questionnaire(boolean("a"), boolean("b", Condition("a", "=", 1)))

    assert not is_enabled(q, q.item("b"), {"a": True})


def test_enable_behavior_any_and_all() -> None:
    conditions = (Condition("for_child", "=", True), Condition("age", "<", 3))
    q = questionnaire(
        boolean("any", *conditions, behavior="any"), boolean("all", *conditions, behavior="all")
    )

    def enabled(answers: dict[str, AnswerValue]) -> set[str]:
        return {i.link_id for i in q.items if is_enabled(q, i, answers)}

    assert enabled({"for_child": True, "age": 2}) == {"any", "all"}
    assert enabled({"for_child": True, "age": 5}) == {"any"}
    assert enabled({"for_child": False}) == set()


def test_a_condition_on_a_later_item_is_false() -> None:
    # An invalid file (the validator reports it) must not loop or enable by accident.
    q = questionnaire(boolean("a", Condition("b", "=", True)), boolean("b"))

    assert not is_enabled(q, q.item("a"), {"b": True})
    assert asked(q, {"b": True}) is None


def test_adult_only_questions_are_asked_unless_known_to_be_a_child() -> None:
    general = load_questionnaire(GENERAL)
    pregnancy = general.item("rf_pregnancy")

    assert is_enabled(general, pregnancy, {})
    assert is_enabled(general, pregnancy, {"for_child": False})
    assert not is_enabled(general, pregnancy, {"for_child": True})


# --- progress


def test_progress_counts_the_question_about_to_be_asked() -> None:
    answers: dict[str, AnswerValue] = {"for_child": False}
    # "temp" and "hot" wait on answers still to come, so they count; "child_only" never can.
    assert progress(FEVER, answers) == (1, 5)

    answers["rf"] = False
    assert progress(FEVER, answers) == (2, 5)

    answers["fever"] = True
    assert progress(FEVER, answers) == (3, 5)

    answers["temp"] = 39.5
    assert progress(FEVER, answers) == (4, 5)

    answers["hot"] = False
    answers["note"] = ""
    assert progress(FEVER, answers) == (5, 5)


def test_the_total_only_shrinks_as_answers_rule_follow_ups_out() -> None:
    answers: dict[str, AnswerValue] = {"for_child": False, "rf": False}
    assert progress(FEVER, answers) == (2, 5)
    answers["fever"] = False  # no fever: no temperature, so no "hot" either
    assert progress(FEVER, answers) == (3, 3)


def test_progress_ignores_answers_to_disabled_questions() -> None:
    answers: dict[str, AnswerValue] = {"rf": False, "fever": False, "temp": 39.5}

    assert progress(FEVER, answers) == (3, 3)


# --- parse_answer

DURATION = Item(
    "duration",
    "choice",
    same("duration"),
    options=(
        AnswerOption(
            "under_1_day",
            {"sv": "Mindre än ett dygn", "en": "Less than a day", "fi": "Alle vuorokauden"},
        ),
        AnswerOption("days_1_3", {"sv": "1–3 dygn", "en": "1–3 days", "fi": "1–3 vuorokautta"}),
        AnswerOption("weeks_1_4", {"sv": "1–4 veckor", "en": "1–4 weeks", "fi": "1–4 viikkoa"}),
        AnswerOption(
            "over_1_month",
            {"sv": "Mer än en månad", "en": "More than a month", "fi": "Yli kuukauden"},
        ),
    ),
)


def parse(item: Item, text: str, lang: str = "sv") -> AnswerValue | str | None:
    """The parsed value, or the error code prefixed with "!"."""
    parsed = parse_answer(item, text, lang, YES, NO)
    assert (parsed.value is None) != (parsed.error is None)
    return parsed.value if parsed.error is None else f"!{parsed.error}"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", True),
        ("2", False),
        ("Ja", True),
        ("  NEJ!  ", False),
        ("yes.", True),
        ("joo", True),
        ("Kyllä", True),
        ("ei", False),
        ("3", "!not_yes_no"),
        ("kanske", "!not_yes_no"),
        ("ja nej", "!not_yes_no"),
        ("", "!empty"),
        ("   ", "!empty"),
    ],
)
def test_boolean_answers(text: str, value: object) -> None:
    assert parse(boolean("b"), text) == value


def test_a_word_that_means_both_yes_and_no_is_not_an_answer() -> None:
    parsed = parse_answer(boolean("b"), "no", "en", ["no", "yes"], ["no"])

    assert parsed.error == "not_yes_no"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1", "under_1_day"),
        ("2.", "days_1_3"),
        (" 4 ", "over_1_month"),
        ("0", "!not_a_choice"),
        ("5", "!not_a_choice"),
        ("99999999999999999999", "!not_a_choice"),
    ],
)
def test_choice_by_number(text: str, code: str) -> None:
    assert parse(DURATION, text) == code


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("Mindre än ett dygn", "sv", "under_1_day"),
        ("1-3 dygn", "sv", "days_1_3"),
        ("less than a day", "en", "under_1_day"),
        ("1–4 weeks", "en", "weeks_1_4"),
        ("Yli kuukauden", "fi", "over_1_month"),
        ("1 - 3 vuorokautta", "fi", "days_1_3"),
        # Any language is understood, whatever the patient chose.
        ("more than a month", "sv", "over_1_month"),
        ("alle vuorokauden", "en", "under_1_day"),
        # Case, diacritics and punctuation do not matter.
        ("MER AN EN MANAD!", "sv", "over_1_month"),
    ],
)
def test_choice_by_label_in_any_language(text: str, lang: str, code: str) -> None:
    assert parse(DURATION, text, lang) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mer än en månd", "over_1_month"),  # one letter missing
        ("Mer än en måmad", "over_1_month"),  # one letter wrong
        ("less than a dya", "under_1_day"),  # two letters swapped
        ("1-4 veckorr", "weeks_1_4"),  # one letter extra
        ("mind", "under_1_day"),  # a prefix of four letters
        ("yli", "!not_a_choice"),  # a prefix of three is too short
        ("1-", "!not_a_choice"),  # and would fit two options anyway
        ("Mer än en vecka", "!not_a_choice"),  # more than one letter wrong
        ("dygn", "!not_a_choice"),
    ],
)
def test_choice_tolerates_one_small_typo(text: str, code: str) -> None:
    assert parse(DURATION, text) == code


def test_no_typo_tolerance_for_short_labels() -> None:
    body = Item(
        "part",
        "choice",
        same("part"),
        options=(AnswerOption("arm", same("Arm")), AnswerOption("leg", same("Ben"))),
    )

    assert parse(body, "ben") == "leg"
    assert parse(body, "arn") == "!not_a_choice"


def test_a_typo_near_two_options_is_not_guessed_but_language_breaks_the_tie() -> None:
    item = Item(
        "x",
        "choice",
        same("x"),
        options=(
            AnswerOption("head", {"sv": "Huvud", "en": "Head", "fi": "Pää"}),
            AnswerOption("hoove", {"sv": "Hov", "en": "Huvus", "fi": "Kavio"}),
        ),
    )

    assert parse(item, "huvux", "sv") == "head"
    assert parse(item, "huvux", "en") == "hoove"
    assert parse(item, "huvux", "fi") == "!not_a_choice"


def test_option_labels_in_the_patients_language_with_swedish_fallback() -> None:
    partial = AnswerOption("x", {"sv": "Bara svenska"})
    item = Item("d", "choice", same("d"), options=(*DURATION.options, partial))

    assert option_labels(item, "en") == [
        "Less than a day",
        "1–3 days",
        "1–4 weeks",
        "More than a month",
        "Bara svenska",
    ]
    assert option_labels(item, "ar")[0] == "Mindre än ett dygn"
    assert option_labels(boolean("b"), "sv") == []


TEMPERATURE = Item("temp", "decimal", same("temp"), min_value=30, max_value=45)
PAIN = Item("pain", "integer", same("pain"), min_value=0, max_value=10)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("38,5", 38.5),
        ("38.5", 38.5),
        ("38,5 grader", 38.5),
        ("38.5°C", 38.5),
        ("38,5 °C", 38.5),
        ("39", 39.0),
        ("45", 45.0),
        ("30", 30.0),
        ("45,1", "!out_of_range"),
        ("29,9", "!out_of_range"),
        ("385", "!out_of_range"),
        ("9" * 40, "!out_of_range"),
        ("hög", "!not_number"),
        ("38-39", "!not_number"),
        ("ca 38", "!not_number"),
        (",5", "!not_number"),
        ("", "!empty"),
    ],
)
def test_decimal_answers(text: str, value: object) -> None:
    parsed = parse(TEMPERATURE, text)

    assert parsed == value
    if not isinstance(value, str):
        assert isinstance(parsed, float)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8", 8),
        (" 0 ", 0),
        ("10", 10),
        ("11", "!out_of_range"),
        ("-1", "!out_of_range"),
        ("\u22121", "!out_of_range"),
        ("7,5", "!not_integer"),
        ("8 av 10", "!not_integer"),
        ("åtta", "!not_integer"),
    ],
)
def test_integer_answers(text: str, value: object) -> None:
    parsed = parse(PAIN, text)

    assert parsed == value
    if not isinstance(value, str):
        assert type(parsed) is int


def test_numbers_without_limits_accept_negatives() -> None:
    free = Item("n", "decimal", same("n"))

    assert parse(free, "-2,5") == -2.5


def test_free_text_answers() -> None:
    note = Item("note", "text", same("note"), max_length=10)
    default = Item("other", "string", same("other"))

    # Surrounding spaces are not part of the answer, nor of its length.
    assert parse(note, "  ont i mage \n") == "ont i mage"
    assert parse(note, "ont i magen") == "!too_long"
    assert parse(note, " \n ") == "!empty"
    assert parse(default, "x" * DEFAULT_MAX_LENGTH) == "x" * DEFAULT_MAX_LENGTH
    assert parse(default, "x" * (DEFAULT_MAX_LENGTH + 1)) == "!too_long"


ALL_KINDS = [
    boolean("b"),
    DURATION,
    TEMPERATURE,
    PAIN,
    Item("free_int", "integer", same("free_int")),
    Item("free_dec", "decimal", same("free_dec")),
    Item("s", "string", same("s"), max_length=5),
    Item("t", "text", same("t")),
]
OPTION_CODES = {option.code for option in DURATION.options}


@settings(max_examples=300, deadline=None)
@given(
    item=st.sampled_from(ALL_KINDS),
    text=st.text(),
    lang=st.sampled_from(["sv", "en", "fi", "xx"]),
    yes=st.lists(st.text(max_size=5), max_size=3),
    no=st.lists(st.text(max_size=5), max_size=3),
)
def test_any_text_gives_a_value_or_an_error_code(
    item: Item, text: str, lang: str, yes: list[str], no: list[str]
) -> None:
    parsed = parse_answer(item, text, lang, yes, no)

    if parsed.error is not None:
        assert parsed.value is None
        assert parsed.error in ERROR_CODES
        return
    value = parsed.value
    match item.type:
        case "boolean":
            assert isinstance(value, bool)
        case "choice":
            assert value in OPTION_CODES
        case "integer":
            assert type(value) is int
        case "decimal":
            assert type(value) is float
        case _:
            assert isinstance(value, str) and value.strip() == value and value
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert item.min_value is None or value >= item.min_value
        assert item.max_value is None or value <= item.max_value


SHIPPED = load_directory(GENERAL.parent)


def _any_answer(item: Item) -> st.SearchStrategy[AnswerValue]:
    if item.type == "boolean":
        return st.booleans()
    if item.type == "choice":
        return st.sampled_from([option.code for option in item.options])
    low = item.min_value if item.min_value is not None else 0
    high = item.max_value if item.max_value is not None else 100
    if item.type == "integer":
        return st.integers(int(low), int(high))
    if item.type == "decimal":
        return st.floats(low, high, allow_nan=False)
    return st.sampled_from(["", "det gör ont"])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(SHIPPED)), st.booleans(), st.integers(0, 155), st.data())
def test_in_every_shipped_questionnaire_the_total_never_grows(
    name: str, for_child: bool, months: int, data: st.DataObject
) -> None:
    q = SHIPPED[name]
    given_values: dict[str, AnswerValue] = {"for_child": for_child, "child_age_months": months}
    answers = {var.link_id: given_values[var.link_id] for var in q.context}
    number, total = progress(q, answers)
    while (item := next_item(q, answers)) is not None:
        answers[item.link_id] = data.draw(_any_answer(item), label=item.link_id)
        after, new_total = progress(q, answers)
        assert new_total <= total, (item.link_id, total, new_total)
        assert after == number + 1 or next_item(q, answers) is None
        number, total = after, new_total
    assert number == total


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ja, sedan i går", True),
        ("nej, bara lite", False),
        ("Yes, since Monday", True),
        ("kyllä, eilen illalla", True),
        ("ja, inte nu längre", "!not_yes_no"),
        ("nej ja", "!not_yes_no"),
        ("jo, men nej", "!not_yes_no"),
        ("kanske ja", "!not_yes_no"),
    ],
)
def test_a_yes_or_no_with_more_words_after_it(text: str, value: object) -> None:
    parsed = parse_answer(boolean("b"), text, "sv", YES, NO, ["inte", "not", "ei", "en"])
    assert (parsed.value if parsed.error is None else f"!{parsed.error}") == value


def test_to_a_warning_sign_only_a_bare_no_is_a_no() -> None:
    item = Item("chest", "boolean", same("chest"), red_flag=True)
    assert parse_answer(item, "nej", "sv", YES, NO).value is False
    assert parse_answer(item, "nej, bara lite", "sv", YES, NO).error == "not_yes_no"
    assert parse_answer(item, "ja, lite grann", "sv", YES, NO).value is True


def test_the_same_answers_asked_again_give_the_same_walk_and_true_stays_apart_from_one() -> None:
    """`evaluate` remembers what it found for answers it has seen (the walker asks it several
    times per answer): answers equal in Python but not for a condition are not mixed up, and
    a caller changing what it got back changes nothing for the next."""
    q = questionnaire(boolean("a"), boolean("b", Condition("a", "=", 1)))

    assert is_enabled(q, q.item("b"), {"a": 1})
    assert not is_enabled(q, q.item("b"), {"a": True})
    assert is_enabled(q, q.item("b"), {"a": 1})
    enabled, counted = evaluate(q, {"a": 1})
    enabled.clear()
    counted.clear()
    assert [item.link_id for item in evaluate(q, {"a": 1})[0]] == ["a", "b"]
    assert evaluate(q, {"a": 1})[1] == {"a": 1}
