"""Checks that a loaded questionnaire fits together, reporting every problem, not just the first.

Keys name the part by linkId or rule id (`item[temperature].enableWhen[0].question`), which an
author can search for; the loader, which may meet a part before its linkId, uses list indexes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from flows import concepts
from flows.conditions import condition_holds
from flows.loader import (
    FlowError,
    describe,
    load_fragment,
    load_questionnaire,
    questionnaire_files,
)
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
    AnswerValue,
    Condition,
    Item,
    Questionnaire,
    Rule,
    Text,
)
from flows.phrases import CRISIS, PHRASES_FILE, load_phrases

_ORDERING = (">", "<", ">=", "<=")
# The context value the bot sets to true when a guardian seeks care for a child.
FOR_CHILD = "for_child"
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
    return check_and_load(path, languages)[0]


def check_and_load(
    path: Path, languages: Sequence[str]
) -> tuple[list[Problem], dict[str, Questionnaire]]:
    """check_directory's problems and the questionnaires by id as load_directory gives them
    (when there are no problems): a start reads the files once, not once to check and again
    to use."""
    if not path.is_dir():
        return [Problem(str(path), "", "not a directory")], {}
    problems: list[Problem] = []
    loaded: dict[str, Questionnaire] = {}
    owners: dict[str, str] = {}
    titles: dict[tuple[str, str], str] = {}
    files = questionnaire_files(path)
    if not files:
        problems.append(Problem(str(path), "", "no questionnaires (*.yaml, *.yml, *.json)"))
    for file in files:
        try:
            q = load_questionnaire(file)
        except FlowError as exc:
            problems.append(Problem(exc.source, exc.key, exc.problem))
            continue
        if q.id in owners:
            problems.append(Problem(q.source, "id", f"id {q.id!r} is also used by {owners[q.id]}"))
        owners.setdefault(q.id, q.source)
        loaded.setdefault(q.id, q)
        problems.extend(validate(q, languages))
        for lang in languages:
            # The patient picks from a list of titles: two alike cannot be told apart.
            title = " ".join(q.title.get(lang, "").casefold().split())
            if title and (lang, title) in titles:
                problems.append(
                    Problem(
                        q.source,
                        f"title.{lang}",
                        f"{q.title[lang]!r} is also the title of {titles[(lang, title)]}",
                    )
                )
            titles.setdefault((lang, title), q.source)
    problems.extend(_check_phrases(path, languages))
    # A fragment's problem is found in each questionnaire that includes it: say it once.
    return list(dict.fromkeys(problems)), loaded


def _phrase_table(path: Path) -> dict[str, dict[str, list[str]]]:
    """load_phrases; the shipped file through the danger-word engine's cache, which the first
    message builds anyway: a start parses it once, not once to check and again to answer."""
    if path.resolve() == PHRASES_FILE:
        phrases, _ = concepts.shipped(PHRASES_FILE)
        return {key: value for key, value in phrases.items() if key != CRISIS}
    return load_phrases(path)


def _check_phrases(path: Path, languages: Sequence[str]) -> list[Problem]:
    """`_phrases.yaml`, if the folder has one: it may only name red-flag questions."""
    phrases_file, screen_file = path / "_phrases.yaml", path / "_red_flags.yaml"
    if not phrases_file.is_file():
        return []
    try:
        table = _phrase_table(phrases_file)
        flagged = (
            {i.link_id for i in load_fragment(screen_file).items if i.red_flag}
            if screen_file.is_file()
            else None
        )
    except FlowError as exc:
        return [Problem(exc.source, exc.key, exc.problem)]
    problems: list[Problem] = []
    for link_id, by_language in table.items():
        if flagged is not None and link_id not in flagged:
            problems.append(
                Problem(str(phrases_file), link_id, f"{link_id!r} is no red-flag question")
            )
        for lang in languages:
            if not by_language.get(lang):
                problems.append(
                    Problem(str(phrases_file), f"{link_id}.{lang}", "no phrases in this language")
                )
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
        for name, value in (("version", q.version), ("rules_version", q.rules_version)):
            if not value.strip():
                self.report(name, "missing: every triage decision records it")
        if q.keywords:
            for lang in self.languages:
                if not any(word.strip() for word in q.keywords.get(lang, ())):
                    self.report(f"keywords.{lang}", "missing keywords in this language")
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
        self.reachable()
        self.child_forms()
        return self.problems

    def child_forms(self) -> None:
        """A guardian answering for a child reads every question about the child: "Har du
        planer på att ta ditt liv" about a two-month-old is wrong. So each item a child's case
        can ask needs `text_child`, unless enableWhen on `for_child` leaves it out for children.
        Questionnaires only for adults are never offered for a child."""
        if self.q.audience == "adult":
            return
        reach = _Reach(self.q, fixed={FOR_CHILD: True})
        for item in self.q.items:
            if item.text_child or reach.conflict(item.enable_when, item.enable_behavior):
                continue
            self.problems.append(
                Problem(
                    item.source or self.q.source,
                    f"item[{item.link_id}].text_child",
                    "asked when the care is for a child, but has no child form: give text_child "
                    "(the question about the child, e.g. 'Har ditt barn …?') in every language, "
                    "or leave it out for children with enableWhen on for_child",
                )
            )

    def reachable(self) -> None:
        """Items that can never be asked and rules that can never fire."""
        for item in self.q.items:
            conflict = _Reach(self.q).conflict(item.enable_when, item.enable_behavior)
            if conflict:
                self.report(f"item[{item.link_id}].enableWhen", f"can never be asked: {conflict}")
        for rule in self.q.rules:
            conflict = _Reach(self.q).conflict(rule.when, rule.behavior)
            if conflict:
                self.report(f"rules[{rule.id}].when", f"can never fire: {conflict}")

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
        if item.text_child:
            self.text(item.text_child, f"{key}.text_child")
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
        if rule.reason_child:
            self.text(rule.reason_child, f"{key}.reason_child")

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


_ABSENT = object()
"""A candidate 'answer' meaning: not answered (skipped, disabled or not yet asked)."""


class _Reach:
    """Can some set of answers make these conditions hold?

    A condition that needs a question answered also needs that question asked, so its own
    enableWhen (when it is "all" or a single condition) joins the conditions. Then each
    question is tried with every answer that could matter: each yes/no, each option, the
    thresholds, the points between and beyond them within minValue–maxValue, and no answer.
    """

    def __init__(self, q: Questionnaire, fixed: Mapping[str, AnswerValue] | None = None) -> None:
        """`fixed`: context values known in advance (for_child in a child's case)."""
        self.q = q
        self.fixed = dict(fixed or {})

    def conflict(self, conditions: Sequence[Condition], behavior: str) -> str:
        """ "" if the conditions can hold, else what stands in the way, naming the linkId."""
        if not conditions:
            return ""
        if behavior == "any" and len(conditions) > 1:
            reasons = [self.conflict([c], "all") for c in conditions]
            return (
                ""
                if not all(reasons)
                else "none of its conditions can hold (" + ("; ".join(reasons) + ")")
            )
        by_question = self.closure(conditions)
        for question, conds in by_question.items():
            if not any(self.holds(conds, v) for v in self.candidates(question, conds)):
                return f"no answer to {question!r} meets {self.describe(question, conds)}"
        return ""

    def closure(self, conditions: Sequence[Condition]) -> dict[str, list[Condition]]:
        found: dict[str, list[Condition]] = {}
        pending = list(conditions)
        expanded: set[str] = set()
        while pending:
            condition = pending.pop(0)
            if self.q.type_of(condition.question) is None:
                continue  # reported elsewhere
            found.setdefault(condition.question, []).append(condition)
            needs_answer = not (condition.operator == "exists" and condition.answer is not True)
            if not needs_answer or condition.question in expanded:
                continue
            expanded.add(condition.question)
            item = next((i for i in self.q.items if i.link_id == condition.question), None)
            if item is not None and (len(item.enable_when) == 1 or item.enable_behavior != "any"):
                pending.extend(item.enable_when)
        return found

    def holds(self, conditions: Sequence[Condition], value: object) -> bool:
        counted: dict[str, AnswerValue] = {}
        if value is not _ABSENT:
            counted = {conditions[0].question: value}  # type: ignore[dict-item]
        return all(condition_holds(c, counted) for c in conditions)

    def candidates(self, question: str, conditions: Sequence[Condition]) -> list[object]:
        if question in self.fixed and any(v.link_id == question for v in self.q.context):
            return [self.fixed[question]]
        kind = self.q.type_of(question)
        values: list[object] = [_ABSENT]
        if kind == "boolean":
            return [*values, True, False]
        if kind == "choice":
            return [*values, *(o.code for o in self.q.item(question).options)]
        if kind in NUMBER_TYPES:
            return values + self.numbers(question, conditions, kind == "integer")
        texts = {c.answer for c in conditions if isinstance(c.answer, str)}
        return [*values, *texts, "\x00another answer"]

    def numbers(self, question: str, conditions: Sequence[Condition], whole: bool) -> list[object]:
        low, high = self.bounds(question)
        marks = sorted(
            {
                float(c.answer)
                for c in conditions
                if isinstance(c.answer, int | float) and not isinstance(c.answer, bool)
            }
            | {b for b in (low, high) if b is not None}
        )
        if not marks:
            marks = [0.0]
        points = [*marks, marks[0] - 1, marks[-1] + 1]
        points += [(a + b) / 2 for a, b in itertools.pairwise(marks)]
        if whole:
            points = [float(f(p)) for p in points for f in (math.floor, math.ceil)]
        inside = [p for p in points if (low is None or p >= low) and (high is None or p <= high)]
        return [int(p) if whole else p for p in inside]

    def bounds(self, question: str) -> tuple[float | None, float | None]:
        item = next((i for i in self.q.items if i.link_id == question), None)
        return (item.min_value, item.max_value) if item is not None else (None, None)

    def describe(self, question: str, conditions: Sequence[Condition]) -> str:
        parts = [
            f"{c.operator} {c.answer!r}" if c.operator != "exists" else f"exists {c.answer!r}"
            for c in conditions
        ]
        text = " and ".join(parts)
        low, high = self.bounds(question)
        if low is not None or high is not None:
            text += (
                f" (answers {low if low is not None else '…'}–{high if high is not None else '…'})"
            )
        if self.q.type_of(question) == "choice":
            codes = ", ".join(o.code for o in self.q.item(question).options)
            text += f" (options: {codes})"
        if any(c.question != question for c in conditions):
            text += " (including the conditions that ask it)"
        return text
