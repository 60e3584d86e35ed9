"""Triage mechanics on small questionnaires: which rules fire and which outcome wins."""

from __future__ import annotations

import pytest

from flows.model import (
    LEVELS,
    AnswerValue,
    Condition,
    ContextVar,
    Item,
    Outcome,
    Questionnaire,
    Rule,
    urgency_rank,
)
from flows.triage import emergency_outcome, final_outcome, firing_rules


def same(word: str) -> dict[str, str]:
    return {"sv": word, "en": word, "fi": word}


def yes(link_id: str) -> Condition:
    return Condition(link_id, "=", True)


def make(*rules: Rule) -> Questionnaire:
    return Questionnaire(
        id="t",
        url="https://example.org/t",
        version="2.1.0",
        rules_version="7.0.0",
        title=same("t"),
        context=(ContextVar("age", "integer"),),
        items=(
            Item("a", "boolean", same("a"), red_flag=True),
            Item("b", "boolean", same("b"), red_flag=True),
            Item("fever", "boolean", same("fever")),
            Item("temp", "decimal", same("temp"), enable_when=(yes("fever"),)),
        ),
        rules=rules,
        default_outcome="P4",
    )


A_TO_ED = Rule("a_to_ed", (yes("a"),), "", "A", same("a"))
B_TO_112 = Rule("b_to_112", (yes("b"),), "", "R", same("b"))
A_AND_B = Rule("a_and_b", (yes("a"), yes("b")), "all", "P1", same("both"))
A_OR_B = Rule("a_or_b", (yes("a"), yes("b")), "any", "P2", same("either"))
HOT = Rule("hot", (Condition("temp", ">=", 39.0),), "", "P3", same("hot"))


def ids(rules: list[Rule]) -> list[str]:
    return [rule.id for rule in rules]


@pytest.mark.parametrize(
    ("answers", "firing"),
    [
        ({}, []),
        ({"a": True, "b": False}, ["a_to_ed", "a_or_b"]),
        ({"a": False, "b": True}, ["b_to_112", "a_or_b"]),
        ({"a": True, "b": True}, ["a_to_ed", "b_to_112", "a_and_b", "a_or_b"]),
    ],
)
def test_firing_rules_all_and_any(answers: dict[str, AnswerValue], firing: list[str]) -> None:
    q = make(A_TO_ED, B_TO_112, A_AND_B, A_OR_B)

    assert ids(firing_rules(q, answers)) == firing


def test_emergency_outcome_is_the_most_urgent_not_the_first() -> None:
    q = make(A_TO_ED, B_TO_112, A_OR_B)

    outcome = emergency_outcome(q, {"a": True, "b": True})

    assert outcome == Outcome("R", "b_to_112", "t", "2.1.0", "7.0.0", same("b"))
    assert outcome.is_emergency


def test_emergency_outcome_ignores_queue_priorities() -> None:
    q = make(A_TO_ED, A_AND_B, A_OR_B)

    assert emergency_outcome(q, {"a": False, "b": True}) is None
    assert final_outcome(q, {"a": False, "b": True}).level == "P2"


def test_equally_urgent_rules_resolve_to_the_first_written() -> None:
    second_a = Rule("also_a", (yes("b"),), "", "A", same("also"))
    q = make(second_a, A_TO_ED)

    outcome = emergency_outcome(q, {"a": True, "b": True})

    assert outcome is not None and outcome.rule_id == "also_a"


def test_final_outcome_defaults_when_no_rule_fires() -> None:
    q = make(A_TO_ED, HOT)

    outcome = final_outcome(q, {"a": False, "b": False, "fever": False})

    assert outcome == Outcome("P4", None, "t", "2.1.0", "7.0.0", {})
    assert not outcome.is_emergency


def test_a_measurement_only_raises_the_priority() -> None:
    cough = Rule("cough", (yes("b"),), "", "P2", same("b"))
    q = make(cough, HOT)
    hot: dict[str, AnswerValue] = {"fever": True, "temp": 39.5}
    normal: dict[str, AnswerValue] = {"fever": True, "temp": 36.8}

    # Alone, the measurement raises P4 to P3.
    assert final_outcome(q, {"b": False, **hot}).level == "P3"
    # With a more urgent complaint it changes nothing, although its rule fires.
    assert ids(firing_rules(q, {"b": True, **hot})) == ["cough", "hot"]
    assert final_outcome(q, {"b": True, **hot}).level == "P2"
    # A normal value lowers nothing.
    assert final_outcome(q, {"b": True, **normal}).level == "P2"


def test_a_stale_measurement_fires_nothing() -> None:
    q = make(HOT)

    assert final_outcome(q, {"fever": True, "temp": 40.0}).rule_id == "hot"
    assert final_outcome(q, {"fever": False, "temp": 40.0}).rule_id is None


def test_urgency_rank_orders_r_a_then_priorities() -> None:
    assert sorted(["P4", "A", "P1", "R", "P5", "P2", "P3"], key=urgency_rank) == list(LEVELS)
    assert urgency_rank("R") < urgency_rank("A") < urgency_rank("P1") < urgency_rank("P5")
    with pytest.raises(ValueError, match="P9"):
        urgency_rank("P9")


@pytest.mark.parametrize(("level", "emergency"), [(level, level in "RA") for level in LEVELS])
def test_only_r_and_a_are_emergencies(level: str, emergency: bool) -> None:
    outcome = Outcome(level, None, "t", "1", "1", {})

    assert outcome.is_emergency is emergency
    assert outcome.rank == urgency_rank(level)
