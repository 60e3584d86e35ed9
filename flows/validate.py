"""Checks that a loaded questionnaire fits together, reporting every problem, not just the first.

Keys name the part by linkId or rule id (`item[temperature].enableWhen[0].question`), which an
author can search for; the loader, which may meet a part before its linkId, uses list indexes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.loader import FlowError, describe, load_questionnaire, questionnaire_files
from flows.matching import match_key
from flows.model import (
    BEHAVIORS,
    CONTEXT_TYPES,
    EMERGENCY_LEVELS,
    FREE_TEXT_TYPES,
    ITEM_TYPES,
    LEVELS,
    NUMBER_TYPES,
    OPERATORS,
    QUEUE_LEVELS,
    Condition,
    Item,
    Questionnaire,
    Rule,
    Text,
)

_ORDERING = (">", "<", ">=", "<=")
_ANSWER_KIND = {
    "boolean": "answerBoolean",
    "integer": "answerInteger",
    "decimal": "answerDecimal",
    "string": "answerString",
    "text": "answerString",
    "choice": "answerCoding",
}


@dataclass(frozen=True)
class Problem:
    source: str
    key: str
    problem: str

    def __str__(self) -> str:
        return describe(self.source, self.key, self.problem)


def validate(q: Questionnaire, languages: Sequence[str]) -> list[Problem]:
    return _Checker(q, languages).run()


def check_directory(path: Path, languages: Sequence[str]) -> list[Problem]:
    """Load and validate every questionnaire in `path`; a file that will not load is a Problem."""
    if not path.is_dir():
        return [Problem(str(path), "", "not a directory")]
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    files = questionnaire_files(path)
    if not files:
        problems.append(Problem(str(path), "", "no questionnaires (*.yaml, *.yml)"))
    for file in files:
        try:
            q = load_questionnaire(file)
        except FlowError as exc:
            problems.append(Problem(exc.source, exc.key, exc.problem))
            continue
        if q.id in owners:
            problems.append(Problem(q.source, "id", f"id {q.id!r} is also used by {owners[q.id]}"))
        owners.setdefault(q.id, q.source)
        problems.extend(validate(q, languages))
    return problems


class _Checker:
    def __init__(self, q: Questionnaire, languages: Sequence[str]) -> None:
        self.q = q
        self.languages = languages
        self.problems: list[Problem] = []
        self.free_text_items = {i.link_id for i in q.items if i.type in FREE_TEXT_TYPES}

    def report(self, key: str, problem: str) -> None:
        self.problems.append(Problem(self.q.source, key, problem))

    def run(self) -> list[Problem]:
        q = self.q
        self.text(q.title, "title")
        if q.default_outcome not in QUEUE_LEVELS:
            self.report(
                "default_outcome",
                f"{q.default_outcome!r} must be a queue priority P1–P5 (R and A only from rules)",
            )
        if not q.items:
            self.report("item", "no items")
        self.link_ids()
        # What an enableWhen may refer to grows item by item: context values and earlier items.
        earlier: dict[str, str] = {var.link_id: var.type for var in q.context}
        for var in q.context:
            if var.type not in CONTEXT_TYPES:
                self.report(
                    f"context[{var.link_id}].type",
                    f"unsupported context type {var.type!r} "
                    f"(supported: {', '.join(CONTEXT_TYPES)})",
                )
        for item in q.items:
            self.item(item, earlier)
            earlier.setdefault(item.link_id, item.type)
        self.red_flags_first()
        self.rules()
        return self.problems

    def link_ids(self) -> None:
        seen: set[str] = set()
        named = [("context", var.link_id) for var in self.q.context]
        named += [("item", item.link_id) for item in self.q.items]
        for part, link_id in named:
            if not link_id.strip():
                self.report(f"{part}[{link_id}].linkId", "must not be empty")
            elif link_id in seen:
                self.report(f"{part}[{link_id}].linkId", "linkId used more than once")
            seen.add(link_id)

    def item(self, item: Item, earlier: Mapping[str, str]) -> None:
        key = f"item[{item.link_id}]"
        if item.type not in ITEM_TYPES:
            self.report(
                f"{key}.type",
                f"unsupported item type {item.type!r} (supported: {', '.join(ITEM_TYPES)})",
            )
        self.text(item.text, f"{key}.text")
        self.options(item, key)
        if item.type not in NUMBER_TYPES:
            for name, value in (("minValue", item.min_value), ("maxValue", item.max_value)):
                if value is not None:
                    self.report(f"{key}.{name}", "only integer and decimal items have limits")
            if item.unit is not None:
                self.report(f"{key}.unit", "only integer and decimal items have a unit")
        if item.unit is not None:
            self.text(item.unit, f"{key}.unit")
        if (
            item.min_value is not None
            and item.max_value is not None
            and item.min_value > item.max_value
        ):
            self.report(f"{key}.minValue", "is greater than maxValue")
        if item.max_length is not None and item.type not in FREE_TEXT_TYPES:
            self.report(f"{key}.maxLength", "only string and text items have a maximum length")
        if item.red_flag and item.type != "boolean":
            self.report(f"{key}.redFlag", "a red-flag question must be a yes/no (boolean) item")
        self.conditions(item.enable_when, f"{key}.enableWhen", earlier)
        if len(item.enable_when) > 1 and item.enable_behavior not in BEHAVIORS:
            self.report(f"{key}.enableBehavior", "must be all or any with more than one condition")
        elif item.enable_behavior and item.enable_behavior not in BEHAVIORS:
            self.report(f"{key}.enableBehavior", "must be all or any")

    def options(self, item: Item, key: str) -> None:
        if item.type != "choice":
            if item.options:
                self.report(f"{key}.answerOption", "only choice items have options")
            return
        if len(item.options) < 2:
            self.report(f"{key}.answerOption", "a choice needs at least two options")
        codes: set[str] = set()
        # One owner per typed form: a patient may type a label in any language.
        label_owner: dict[str, str] = {}
        for index, option in enumerate(item.options):
            option_key = f"{key}.answerOption[{index}]"
            if not option.code.strip():
                self.report(f"{option_key}.code", "must not be empty")
            elif option.code in codes:
                self.report(f"{option_key}.code", f"code {option.code!r} used more than once")
            codes.add(option.code)
            self.text(option.display, f"{option_key}.display")
            for lang, label in option.display.items():
                typed = match_key(label)
                if typed.isdecimal():
                    self.report(
                        f"{option_key}.display.{lang}",
                        "a label may not be a number: numbers choose options by position",
                    )
                owner = label_owner.setdefault(typed, option.code)
                if typed and owner != option.code:
                    self.report(
                        f"{option_key}.display.{lang}",
                        f"label {label!r} is also used by option {owner!r}",
                    )

    def conditions(
        self, conditions: Sequence[Condition], key: str, visible: Mapping[str, str]
    ) -> None:
        for index, condition in enumerate(conditions):
            self.condition(condition, f"{key}[{index}]", visible)

    def condition(self, condition: Condition, key: str, visible: Mapping[str, str]) -> None:
        target_type = visible.get(condition.question)
        if target_type is None:
            if self.q.type_of(condition.question) is None:
                problem = f"{condition.question!r} is no question or context value"
            else:
                problem = f"{condition.question!r} is not an earlier question or context value"
            self.report(f"{key}.question", problem)
            return
        if condition.operator not in OPERATORS:
            self.report(
                f"{key}.operator",
                f"unknown operator {condition.operator!r} (allowed: {', '.join(OPERATORS)})",
            )
            return
        if condition.answer is None:
            self.report(key, f"missing answer (e.g. {_ANSWER_KIND.get(target_type, 'answer')})")
            return
        if condition.operator == "exists":
            if not isinstance(condition.answer, bool):
                self.report(key, "exists needs answerBoolean (true: answered, false: not)")
            return
        if condition.operator in _ORDERING and target_type not in NUMBER_TYPES:
            self.report(
                f"{key}.operator",
                f"{condition.operator!r} does not apply to a {target_type} question",
            )
        self.answer_type(condition, key, target_type)

    def answer_type(self, condition: Condition, key: str, target_type: str) -> None:
        answer = condition.answer
        fits = {
            "boolean": isinstance(answer, bool),
            "integer": isinstance(answer, int) and not isinstance(answer, bool),
            "decimal": isinstance(answer, int | float) and not isinstance(answer, bool),
            "string": isinstance(answer, str),
            "text": isinstance(answer, str),
            "choice": isinstance(answer, str),
        }.get(target_type, False)
        if not fits:
            self.report(
                key,
                f"answer {answer!r} does not fit the {target_type} question "
                f"{condition.question!r} (use {_ANSWER_KIND.get(target_type, 'another answer')})",
            )
            return
        if target_type == "choice":
            item = self.q.item(condition.question)
            if answer not in {option.code for option in item.options}:
                self.report(key, f"{answer!r} is not an option code of {condition.question!r}")

    def red_flags_first(self) -> None:
        # DESIGN 5.4: every questionnaire opens with the red-flag screen.
        flagged = [item.red_flag for item in self.q.items]
        if self.q.items and not any(flagged):
            self.report("item", "no red-flag questions; every questionnaire starts with them")
            return
        first_other = flagged.index(False) if False in flagged else len(flagged)
        for item in self.q.items[first_other:]:
            if item.red_flag:
                self.report(
                    f"item[{item.link_id}].redFlag",
                    "red-flag questions must all come before the other questions",
                )

    def rules(self) -> None:
        everything: dict[str, str] = {var.link_id: var.type for var in self.q.context}
        for item in self.q.items:
            everything.setdefault(item.link_id, item.type)
        seen: set[str] = set()
        for rule in self.q.rules:
            key = f"rules[{rule.id}]"
            if not rule.id.strip():
                self.report(f"{key}.id", "must not be empty")
            elif rule.id in seen:
                self.report(f"{key}.id", "rule id used more than once")
            seen.add(rule.id)
            self.rule(rule, key, everything)
        for item in self.q.items:
            if item.red_flag and not self.sends_to_emergency(item.link_id):
                self.report(
                    f"item[{item.link_id}].redFlag",
                    "no rule with outcome R or A refers to this red-flag question",
                )

    def rule(self, rule: Rule, key: str, everything: Mapping[str, str]) -> None:
        if rule.outcome not in LEVELS:
            self.report(
                f"{key}.outcome", f"unknown outcome {rule.outcome!r} (allowed: {', '.join(LEVELS)})"
            )
        if not rule.when:
            self.report(f"{key}.when", "a rule needs at least one condition")
        self.conditions(rule.when, f"{key}.when", everything)
        for index, condition in enumerate(rule.when):
            if condition.question in self.free_text_items:
                self.report(
                    f"{key}.when[{index}].question",
                    "free-text answers are read by a clinician, not used for triage",
                )
        if len(rule.when) > 1 and rule.behavior not in BEHAVIORS:
            self.report(f"{key}.enableBehavior", "must be all or any with more than one condition")
        elif rule.behavior and rule.behavior not in BEHAVIORS:
            self.report(f"{key}.enableBehavior", "must be all or any")
        self.text(rule.reason, f"{key}.reason")

    def sends_to_emergency(self, link_id: str) -> bool:
        return any(
            rule.outcome in EMERGENCY_LEVELS
            and any(condition.question == link_id for condition in rule.when)
            for rule in self.q.rules
        )

    def text(self, text: Text, key: str) -> None:
        for lang in self.languages:
            if not text.get(lang, "").strip():
                self.report(f"{key}.{lang}", "missing text in this language")
