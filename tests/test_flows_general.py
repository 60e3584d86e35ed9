"""The shipped general questionnaire, walked as the bot walks it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.loader import load_questionnaire
from flows.model import EMERGENCY_LEVELS, AnswerValue, Item, Outcome, Rule, urgency_rank
from flows.triage import emergency_outcome, final_outcome, firing_rules
from flows.validate import check_directory, validate
from flows.walker import next_item, parse_answer

FOLDER = Path(__file__).resolve().parents[1] / "flows" / "questionnaires"
GENERAL = load_questionnaire(FOLDER / "general.yaml")

ADULT: dict[str, AnswerValue] = {"for_child": False}
CHILD: dict[str, AnswerValue] = {"for_child": True, "child_age_months": 24}


def usual(item: Item) -> AnswerValue:
    """A patient with nothing alarming: no to every yes/no question."""
    match item.type:
        case "boolean":
            return False
        case "choice":
            return "days_1_3"
        case "integer":
            return 2
        case "decimal":
            return 37.2
    return ""


def walk(
    context: Mapping[str, AnswerValue], replies: Mapping[str, AnswerValue]
) -> tuple[Outcome, list[str], dict[str, AnswerValue]]:
    """Ask as the bot does: check for an emergency after every answer, stop at the first."""
    answers = dict(context)
    asked: list[str] = []
    while (item := next_item(GENERAL, answers)) is not None:
        asked.append(item.link_id)
        answers[item.link_id] = replies.get(item.link_id, usual(item))
        emergency = emergency_outcome(GENERAL, answers)
        if emergency is not None:
            return emergency, asked, answers
    return final_outcome(GENERAL, answers), asked, answers


def test_the_shipped_questionnaire_is_valid_in_all_languages() -> None:
    assert validate(GENERAL, ["sv", "en", "fi"]) == []
    assert check_directory(FOLDER, ["sv", "en", "fi"]) == []


def test_it_starts_with_the_red_flag_screen() -> None:
    flags = [item.red_flag for item in GENERAL.items]
    first_ordinary = flags.index(False)

    assert first_ordinary >= 8
    assert not any(flags[first_ordinary:])


RED_FLAG_RULES = [
    rule
    for rule in GENERAL.rules
    if rule.outcome in EMERGENCY_LEVELS
    and len(rule.when) == 1
    and rule.when[0].question in {item.link_id for item in GENERAL.items if item.red_flag}
]


def test_every_red_flag_question_has_its_own_rule() -> None:
    flagged = {item.link_id for item in GENERAL.items if item.red_flag}

    assert {rule.when[0].question for rule in RED_FLAG_RULES} == flagged


@pytest.mark.parametrize("rule", RED_FLAG_RULES, ids=[rule.id for rule in RED_FLAG_RULES])
def test_each_red_flag_ends_the_questionnaire_at_once(rule: Rule) -> None:
    question = rule.when[0].question
    context = CHILD if question == "rf_child" else ADULT
    # Only sudden testicular pain goes to the emergency department; every other red flag is 112.
    expected = "A" if rule.id == "rf_testicle" else "R"

    outcome, asked, _ = walk(context, {question: True})

    assert asked[-1] == question
    assert (outcome.level, outcome.rule_id) == (expected, rule.id)
    assert (outcome.questionnaire_id, outcome.questionnaire_version) == ("general", "1.1.0")
    assert outcome.rules_version == "1.0.0"
    assert set(outcome.reason) == {"sv", "en", "fi"}


def test_a_patient_with_no_to_everything_is_queued_p4() -> None:
    outcome, asked, _ = walk(ADULT, {})

    assert (outcome.level, outcome.rule_id) == ("P4", None)
    assert asked == [
        "rf_breathing",
        "rf_chest",
        "rf_stroke",
        "rf_consciousness",
        "rf_bleeding",
        "rf_allergy",
        "rf_suicide",
        "rf_meningitis",
        "rf_injury",
        "rf_pregnancy",
        "rf_testicle",
        "thoughts_of_death",
        "duration",
        "worse",
        "fever",
        "pain",
        "pregnant",
        "long_term_illness",
        "other",
    ]


def test_a_child_gets_the_child_signs_and_no_pregnancy_questions() -> None:
    outcome, asked, _ = walk(CHILD, {})

    assert outcome.level == "P4"
    assert "rf_child" in asked
    assert "rf_pregnancy" not in asked and "pregnant" not in asked


@pytest.mark.parametrize(
    ("months", "temperature", "level", "rule_id"),
    [
        (2, 38.0, "A", "infant_fever_under_3_months"),
        (0, 41.0, "A", "infant_fever_under_3_months"),
        (2, 37.9, "P1", "infant_fever"),
        (3, 39.0, "A", "infant_fever_3_to_6_months"),
        (6, 39.0, "A", "infant_fever_3_to_6_months"),
        (3, 38.9, "P4", None),
        (4, 38.0, "P4", None),
        (7, 39.0, "P3", "high_fever"),
    ],
)
def test_infant_fever(months: int, temperature: float, level: str, rule_id: str | None) -> None:
    context = {**CHILD, "child_age_months": months}
    replies = {"fever": True, "temp_measured": True, "temperature": temperature}

    outcome, asked, _ = walk(context, replies)

    assert (outcome.level, outcome.rule_id) == (level, rule_id)
    if level == "A":
        assert asked[-1] == "temperature"


def test_an_infant_with_unmeasured_fever_is_seen_at_once() -> None:
    context = {**CHILD, "child_age_months": 1}

    outcome, asked, _ = walk(context, {"fever": True, "temp_measured": False})

    assert (outcome.level, outcome.rule_id) == ("P1", "infant_fever")
    assert "temperature" not in asked


@pytest.mark.parametrize(
    ("replies", "level", "rule_id"),
    [
        ({"thoughts_of_death": True}, "P1", "thoughts_of_death"),
        ({"worse": True, "worse_fast": True}, "P2", "worse_fast"),
        ({"worse": True, "long_term_illness": True}, "P2", "worse_with_long_term_illness"),
        ({"worse": True}, "P4", None),
        ({"long_term_illness": True}, "P4", None),
        ({"pain": 8}, "P2", "severe_pain"),
        ({"pain": 7}, "P4", None),
        ({"fever": True, "temp_measured": True, "temperature": 40.0}, "P2", "very_high_fever"),
        ({"fever": True, "temp_measured": True, "temperature": 39.0}, "P3", "high_fever"),
        ({"fever": True, "temp_measured": True, "temperature": 38.9}, "P4", None),
        ({"fever": True, "temp_measured": False}, "P4", None),
        ({"pregnant": True}, "P4", None),
    ],
)
def test_queue_priorities(replies: dict[str, AnswerValue], level: str, rule_id: str | None) -> None:
    outcome, _, _ = walk(ADULT, replies)

    assert (outcome.level, outcome.rule_id) == (level, rule_id)


def test_a_temperature_cannot_lower_a_priority() -> None:
    replies: dict[str, AnswerValue] = {
        "pain": 9,
        "fever": True,
        "temp_measured": True,
        "temperature": 39.5,
    }

    outcome, _, answers = walk(ADULT, replies)

    # The fever rule (P3) fires too, but the pain rule (P2) wins.
    assert {"severe_pain", "high_fever"} <= {rule.id for rule in firing_rules(GENERAL, answers)}
    assert (outcome.level, outcome.rule_id) == ("P2", "severe_pain")
    assert walk(ADULT, {**replies, "temperature": 36.5})[0].level == "P2"
    assert walk(ADULT, {**replies, "pain": 1})[0].level == "P3"


ORDINARY = [item for item in GENERAL.items if not item.red_flag]


@settings(max_examples=200, deadline=None)
@given(
    data=st.data(),
    child_months=st.one_of(st.none(), st.integers(min_value=0, max_value=155)),
    temperature=st.floats(min_value=30, max_value=45),
)
def test_measuring_never_makes_a_case_less_urgent(
    data: st.DataObject, child_months: int | None, temperature: float
) -> None:
    answers: dict[str, AnswerValue] = {
        item.link_id: False for item in GENERAL.items if item.red_flag
    }
    if child_months is None:
        answers["for_child"] = False
    else:
        answers.update(for_child=True, child_age_months=child_months)
    for item in ORDINARY:
        if item.type == "boolean":
            answers[item.link_id] = data.draw(st.booleans(), label=item.link_id)
    answers["duration"] = data.draw(
        st.sampled_from([o.code for o in GENERAL.item("duration").options])
    )
    answers["pain"] = data.draw(st.integers(min_value=0, max_value=10), label="pain")
    answers["fever"] = True

    unmeasured = final_outcome(GENERAL, {**answers, "temp_measured": False})
    measured = final_outcome(
        GENERAL, {**answers, "temp_measured": True, "temperature": temperature}
    )

    assert urgency_rank(measured.level) <= urgency_rank(unmeasured.level)


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("sv", "mer än en månad"), ("en", "more than a month"), ("fi", "yli kuukauden")],
)
def test_duration_is_understood_in_each_language(lang: str, typed: str) -> None:
    parsed = parse_answer(GENERAL.item("duration"), typed, lang, ["ja"], ["nej"])

    assert parsed.value == "over_1_month"


def test_temperature_accepts_the_swedish_decimal_comma() -> None:
    parsed = parse_answer(GENERAL.item("temperature"), "38,7 grader", "sv", [], [])

    assert parsed.value == 38.7
