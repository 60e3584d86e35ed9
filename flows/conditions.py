"""FHIR enableWhen semantics, shared by the walker (what to ask) and triage (which rules fire).

Only answers that still count are seen by a condition: an answer to an item that has since been
disabled (the patient changed an earlier answer) is ignored, and so is a skipped item (stored
as ""). Otherwise a stale "40 degrees" could fire a rule after the patient said they have no fever.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flows.model import AnswerValue, Condition, Item, Questionnaire

SKIPPED = ""
"""What the caller stores for an optional item the patient chose not to answer."""


# What `evaluate` found, by questionnaire and answers: one answer asks it five times (the
# question answered, the emergency rules, the next question, its progress, the next message's
# question), four with the same answers; it was 15% of the bot's CPU a message. By the
# questionnaire's identity (kept in the entry, so the id is not another's), the answers with
# their types (True and 1 are equal and hash alike, but not for a condition). Read and written
# from several database threads: each step is one dict operation.
_EVALUATED: dict[
    tuple[int, frozenset[tuple[str, type, AnswerValue]]],
    tuple[Questionnaire, tuple[Item, ...], dict[str, AnswerValue]],
] = {}
_EVALUATED_MAX = 4096


def evaluate(
    q: Questionnaire, answers: Mapping[str, AnswerValue]
) -> tuple[list[Item], dict[str, AnswerValue]]:
    """The items enabled now (document order) and the answers that count (the caller's own
    copies: it may change them)."""
    try:
        key = (id(q), frozenset((k, v.__class__, v) for k, v in answers.items()))
    except TypeError:  # a value that cannot be a key (not an AnswerValue): worked out anew
        enabled, counted = _evaluate(q, answers)
        return list(enabled), counted
    hit = _EVALUATED.get(key)
    if hit is None or hit[0] is not q:
        enabled, counted = _evaluate(q, answers)
        if len(_EVALUATED) >= _EVALUATED_MAX:
            _EVALUATED.clear()
        hit = _EVALUATED[key] = (q, enabled, counted)
    return list(hit[1]), dict(hit[2])


def _evaluate(
    q: Questionnaire, answers: Mapping[str, AnswerValue]
) -> tuple[tuple[Item, ...], dict[str, AnswerValue]]:
    """One pass in document order suffices because an enableWhen may only refer to an earlier
    item; a reference to a later or unknown one sees no answer, so a bad file cannot loop."""
    counted: dict[str, AnswerValue] = {
        var.link_id: answers[var.link_id]
        for var in q.context
        if var.link_id in answers and answers[var.link_id] != SKIPPED
    }
    enabled: list[Item] = []
    for item in q.items:
        if item.enable_when and not conditions_hold(
            item.enable_when, item.enable_behavior, counted
        ):
            continue
        enabled.append(item)
        value = answers.get(item.link_id, SKIPPED)
        if value != SKIPPED:
            counted[item.link_id] = value
    return tuple(enabled), counted


def conditions_hold(
    conditions: Sequence[Condition], behavior: str, counted: Mapping[str, AnswerValue]
) -> bool:
    """All hold (behavior "all" or none given), or any does ("any"); True without conditions."""
    if not conditions:
        return True
    results = (condition_holds(c, counted) for c in conditions)
    return any(results) if behavior == "any" else all(results)


def condition_holds(condition: Condition, counted: Mapping[str, AnswerValue]) -> bool:
    present = condition.question in counted
    if condition.operator == "exists":
        return present == (condition.answer is True)
    if not present or condition.answer is None:
        return False
    return _compare(counted[condition.question], condition.operator, condition.answer)


def _compare(value: AnswerValue, operator: str, expected: AnswerValue) -> bool:
    # bool is an int in Python; keep yes/no apart from numbers so True never equals 1.
    if isinstance(value, bool) or isinstance(expected, bool):
        same_kind = isinstance(value, bool) and isinstance(expected, bool)
        return same_kind and _equality(value == expected, operator)
    if isinstance(value, str) or isinstance(expected, str):
        same_kind = isinstance(value, str) and isinstance(expected, str)
        return same_kind and _equality(value == expected, operator)
    return _numeric(value, operator, expected)


def _equality(equal: bool, operator: str) -> bool:
    if operator == "=":
        return equal
    if operator == "!=":
        return not equal
    return False


def _numeric(value: float, operator: str, expected: float) -> bool:
    match operator:
        case "=":
            return value == expected
        case "!=":
            return value != expected
        case ">":
            return value > expected
        case "<":
            return value < expected
        case ">=":
            return value >= expected
        case "<=":
            return value <= expected
    return False
