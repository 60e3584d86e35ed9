"""Which triage rules fire, and the outcome they give.

The most urgent firing rule wins. That is how a self-measured value (a temperature) may raise a
priority but never lower one, as in RETTS, where the final level is the higher of two.
"""

from __future__ import annotations

from collections.abc import Mapping

from flows.conditions import conditions_hold, evaluate
from flows.model import EMERGENCY_LEVELS, AnswerValue, Outcome, Questionnaire, Rule, urgency_rank


def firing_rules(q: Questionnaire, answers: Mapping[str, AnswerValue]) -> list[Rule]:
    """Rules whose conditions hold on the answers that count now, in file order."""
    _, counted = evaluate(q, answers)
    return [rule for rule in q.rules if conditions_hold(rule.when, rule.behavior, counted)]


def emergency_outcome(q: Questionnaire, answers: Mapping[str, AnswerValue]) -> Outcome | None:
    """R or A if such a rule fires; called after every answer so a red flag ends it at once."""
    urgent = [rule for rule in firing_rules(q, answers) if rule.outcome in EMERGENCY_LEVELS]
    return _outcome(q, _most_urgent(urgent)) if urgent else None


def final_outcome(q: Questionnaire, answers: Mapping[str, AnswerValue]) -> Outcome:
    """The most urgent firing rule's outcome, else the questionnaire's default priority."""
    firing = firing_rules(q, answers)
    if firing:
        return _outcome(q, _most_urgent(firing))
    return Outcome(
        level=q.default_outcome,
        rule_id=None,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        rules_version=q.rules_version,
        reason={},
    )


def _most_urgent(rules: list[Rule]) -> Rule:
    # min() keeps the first of equals, so ties go to the rule written first.
    return min(rules, key=lambda rule: urgency_rank(rule.outcome))


def _outcome(q: Questionnaire, rule: Rule) -> Outcome:
    return Outcome(
        level=rule.outcome,
        rule_id=rule.id,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        rules_version=q.rules_version,
        reason=dict(rule.reason),
        reason_child=dict(rule.reason_child),
    )
