"""Reads questionnaire YAML into the model, stopping at the first malformed part.

The loader checks shape (a list where a list belongs, a string where a string belongs, no
unknown keys); whether the parts fit together is `flows.validate`'s job, which reports every
problem at once.
Unknown keys are errors because a misspelt `enableWhen` would otherwise silently ask a question
of everyone.

Shared parts: a file whose name starts with "_" is a fragment, not a questionnaire. It holds
`context`, `item` and `rules` (the red-flag screen, the fever questions, ...). An entry
`- include: _red_flags.yaml` in a questionnaire's `item` list puts the fragment's items there; its
rules come before the questionnaire's own, in the order the fragments are included, and its
context values join the questionnaire's. A fragment cannot include another. So one red-flag
screen, with the same linkIds, opens every questionnaire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml

from flows.model import (
    AnswerOption,
    AnswerValue,
    Condition,
    ContextVar,
    Item,
    Questionnaire,
    Rule,
    Text,
)

QUESTIONNAIRE_SUFFIXES = (".yaml", ".yml")
FRAGMENT_PREFIX = "_"

_TOP_KEYS = {
    "id",
    "url",
    "version",
    "rules_version",
    "title",
    "default_outcome",
    "context",
    "item",
    "rules",
    "keywords",
    "audience",
}
AUDIENCES = ("all", "child", "adult")
_FRAGMENT_KEYS = {"context", "item", "rules"}
_ITEM_KEYS = {
    "linkId",
    "type",
    "text",
    "text_child",
    "required",
    "redFlag",
    "answerOption",
    "enableWhen",
    "enableBehavior",
    "minValue",
    "maxValue",
    "maxLength",
    "unit",
}
_CONTEXT_KEYS = {"linkId", "type"}
_RULE_KEYS = {"id", "outcome", "when", "enableBehavior", "reason", "reason_child"}
_ANSWER_KEYS = ("answerBoolean", "answerInteger", "answerDecimal", "answerString", "answerCoding")
_CONDITION_KEYS = {"question", "operator", *_ANSWER_KEYS}


def describe(source: str, key: str, problem: str) -> str:
    """The one line a questionnaire author reads: file, where in it, what is wrong."""
    return f"{source}: {key}: {problem}" if key else f"{source}: {problem}"


class FlowError(Exception):
    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(describe(source, key, problem))
        self.source = source
        self.key = key
        self.problem = problem

    def __str__(self) -> str:
        return describe(self.source, self.key, self.problem)


def load_questionnaire(path: Path) -> Questionnaire:
    """A questionnaire file: YAML, or FHIR R4 Questionnaire JSON (`.json`)."""
    if path.suffix == ".json":
        from flows.fhir import load_fhir_questionnaire  # flows.fhir imports this module

        return load_fhir_questionnaire(path)
    return _Reader(str(path), path.parent).questionnaire(read_yaml(path))


def read_yaml(path: Path) -> object:
    source = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FlowError(source, "", f"cannot read the file ({exc})") from exc
    try:
        return yaml.load(raw, Loader=_StrictLoader)  # a safe loader: no object tags
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise FlowError(source, where, f"not valid YAML: {what}") from exc


@dataclass(frozen=True)
class Fragment:
    """A shared part: context values, items and their rules."""

    source: str
    context: tuple[ContextVar, ...]
    items: tuple[Item, ...]
    rules: tuple[Rule, ...]


def load_fragment(path: Path) -> Fragment:
    reader = _Reader(str(path), None)
    top = reader.mapping(read_yaml(path), "", _FRAGMENT_KEYS)
    return Fragment(
        source=str(path),
        context=tuple(reader.context_var(e, k) for e, k in reader.entries(top, "", "context")),
        items=tuple(reader.item(e, k) for e, k in reader.entries(top, "", "item", required=True)),
        rules=tuple(reader.rule(e, k) for e, k in reader.entries(top, "", "rules")),
    )


def load_directory(path: Path) -> dict[str, Questionnaire]:
    """Every *.yaml / *.yml / *.json file in `path` by questionnaire id (not the "_" fragments)."""
    if not path.is_dir():
        raise FlowError(str(path), "", "not a directory")
    found: dict[str, Questionnaire] = {}
    for file in questionnaire_files(path):
        q = load_questionnaire(file)
        if q.id in found:
            raise FlowError(q.source, "id", f"id {q.id!r} is also used by {found[q.id].source}")
        found[q.id] = q
    return found


def questionnaire_files(path: Path) -> list[Path]:
    return sorted(
        p
        for p in path.iterdir()
        if p.suffix in (*QUESTIONNAIRE_SUFFIXES, ".json")
        and not p.name.startswith(FRAGMENT_PREFIX)
        and p.is_file()
    )


class _StrictLoader(yaml.CSafeLoader):
    """The safe loader (libyaml's parser: a tenth of the pure-Python time, which every start and
    test pays for 80 files) that refuses a key given twice; plain YAML keeps the last silently."""


def _mapping_without_repeats(
    loader: yaml.CSafeLoader, node: yaml.MappingNode
) -> dict[object, object]:
    loader.flatten_mapping(node)
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            repeated = key in seen
        except TypeError:  # an unhashable key: construct_mapping reports it
            continue
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats
)


def _at(key: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{key}[{name}]"
    return f"{key}.{name}" if key else name


class _Reader:
    def __init__(self, source: str, directory: Path | None) -> None:
        """`directory` holds the fragments a questionnaire includes; None: no includes here."""
        self.source = source
        self.directory = directory
        self.fragments: list[Fragment] = []

    def fail(self, key: str, problem: str) -> NoReturn:
        raise FlowError(self.source, key, problem)

    def questionnaire(self, data: object) -> Questionnaire:
        top = self.mapping(data, "", _TOP_KEYS)
        items: list[Item] = []
        for entry, key in self.entries(top, "", "item", required=True):
            if isinstance(entry, dict) and "include" in entry:
                items.extend(self.include(entry, key).items)
            else:
                items.append(self.item(entry, key))
        own_context = [self.context_var(e, k) for e, k in self.entries(top, "", "context")]
        own_rules = [self.rule(entry, key) for entry, key in self.entries(top, "", "rules")]
        return Questionnaire(
            id=self.string(top, "", "id"),
            url=self.string(top, "", "url"),
            version=self.string(top, "", "version"),
            rules_version=self.string(top, "", "rules_version"),
            title=self.text(top, "", "title"),
            context=self.merged_context(own_context),
            items=tuple(items),
            rules=tuple(rule for f in self.fragments for rule in f.rules) + tuple(own_rules),
            default_outcome=self.string(top, "", "default_outcome"),
            source=self.source,
            keywords=self.keywords(top),
            audience=self.audience(top),
        )

    def include(self, data: Mapping[str, object], key: str) -> Fragment:
        entry = self.mapping(data, key, {"include"})
        name = self.string(entry, key, "include")
        include_key = _at(key, "include")
        if self.directory is None:
            self.fail(include_key, "a fragment cannot include another fragment")
        if (
            not name.startswith(FRAGMENT_PREFIX)
            or Path(name).name != name
            or Path(name).suffix not in QUESTIONNAIRE_SUFFIXES
        ):
            self.fail(include_key, f"{name!r} must be a file name like _red_flags.yaml here")
        if any(Path(f.source).name == name for f in self.fragments):
            self.fail(include_key, f"{name!r} is included twice")
        path = self.directory / name
        if not path.is_file():
            self.fail(include_key, f"no fragment {name!r} next to this file")
        fragment = load_fragment(path)
        self.fragments.append(fragment)
        return fragment

    def merged_context(self, own: list[ContextVar]) -> tuple[ContextVar, ...]:
        merged: dict[str, ContextVar] = {}
        for var in [*own, *(v for f in self.fragments for v in f.context)]:
            known = merged.setdefault(var.link_id, var)
            if known.type != var.type:
                self.fail(
                    f"context[{var.link_id}]",
                    f"type {var.type!r} here and {known.type!r} in an included fragment",
                )
        return tuple(merged.values())

    def audience(self, top: Mapping[str, object]) -> str:
        value = top.get("audience", "all")
        if value not in AUDIENCES:
            self.fail("audience", f"must be one of {', '.join(AUDIENCES)}")
        return str(value)

    def keywords(self, top: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
        if "keywords" not in top:
            return {}
        value = top["keywords"]
        if not isinstance(value, dict):
            self.fail("keywords", "must map language codes to lists of words")
        found: dict[str, tuple[str, ...]] = {}
        for lang, words in value.items():
            key = _at("keywords", str(lang))
            if not isinstance(lang, str):
                self.fail(key, "language codes must be strings (quote it)")
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                self.fail(key, "must be a list of strings")
            found[lang] = tuple(words)
        return found

    def context_var(self, data: object, key: str) -> ContextVar:
        entry = self.mapping(data, key, _CONTEXT_KEYS)
        return ContextVar(
            link_id=self.string(entry, key, "linkId"), type=self.string(entry, key, "type")
        )

    def item(self, data: object, key: str) -> Item:
        entry = self.mapping(data, key, _ITEM_KEYS)
        return Item(
            link_id=self.string(entry, key, "linkId"),
            type=self.string(entry, key, "type"),
            text=self.text(entry, key, "text"),
            required=self.flag(entry, key, "required"),
            options=tuple(
                self.option(option, option_key)
                for option, option_key in self.entries(entry, key, "answerOption")
            ),
            enable_when=tuple(
                self.condition(condition, condition_key)
                for condition, condition_key in self.entries(entry, key, "enableWhen")
            ),
            enable_behavior=self.string(entry, key, "enableBehavior", required=False),
            min_value=self.number(entry, key, "minValue"),
            max_value=self.number(entry, key, "maxValue"),
            max_length=self.count(entry, key, "maxLength"),
            unit=self.text(entry, key, "unit") if "unit" in entry else None,
            red_flag=self.flag(entry, key, "redFlag"),
            text_child=self.text(entry, key, "text_child"),
            source=self.source,
        )

    def option(self, data: object, key: str) -> AnswerOption:
        entry = self.mapping(data, key, {"valueCoding"})
        coding_key = _at(key, "valueCoding")
        coding = self.mapping(entry.get("valueCoding"), coding_key, {"code", "display"})
        return AnswerOption(
            code=self.string(coding, coding_key, "code"),
            display=self.text(coding, coding_key, "display"),
        )

    def rule(self, data: object, key: str) -> Rule:
        entry = self.mapping(data, key, _RULE_KEYS)
        return Rule(
            id=self.string(entry, key, "id"),
            when=tuple(
                self.condition(condition, condition_key)
                for condition, condition_key in self.entries(entry, key, "when", required=True)
            ),
            behavior=self.string(entry, key, "enableBehavior", required=False),
            outcome=self.string(entry, key, "outcome"),
            reason=self.text(entry, key, "reason"),
            reason_child=self.text(entry, key, "reason_child"),
        )

    def condition(self, data: object, key: str) -> Condition:
        entry = self.mapping(data, key, _CONDITION_KEYS)
        given = [name for name in _ANSWER_KEYS if name in entry]
        if len(given) > 1:
            self.fail(key, f"more than one answer ({', '.join(given)}); give exactly one")
        answer: AnswerValue | None = None
        if given:
            answer = self.answer(entry[given[0]], _at(key, given[0]), given[0])
        return Condition(
            question=self.string(entry, key, "question"),
            operator=self.string(entry, key, "operator"),
            answer=answer,
        )

    def answer(self, value: object, key: str, kind: str) -> AnswerValue:
        if kind == "answerBoolean" and isinstance(value, bool):
            return value
        if kind == "answerInteger" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if (
            kind == "answerDecimal"
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ):
            return float(value)
        if kind == "answerString" and isinstance(value, str):
            return value
        if kind == "answerCoding":
            coding = self.mapping(value, key, {"code"})
            return self.string(coding, key, "code")
        expected = {
            "answerBoolean": "true or false",
            "answerInteger": "a whole number",
            "answerDecimal": "a number",
            "answerString": "a string",
        }[kind]
        self.fail(key, f"must be {expected}, not {value!r}")

    # Shapes.

    def mapping(self, data: object, key: str, allowed: set[str]) -> Mapping[str, object]:
        if not isinstance(data, dict):
            self.fail(key or "(top level)", f"must be a mapping of keys to values, not {data!r}")
        for name in data:
            if not isinstance(name, str):
                # YAML 1.1 reads yes/no/on/off as booleans, a classic surprise in keys.
                self.fail(_at(key, str(name)), "keys must be strings (quote it)")
            if name not in allowed:
                self.fail(_at(key, name), f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return data

    def entries(
        self, parent: Mapping[str, object], key: str, name: str, *, required: bool = False
    ) -> list[tuple[object, str]]:
        list_key = _at(key, name)
        if name not in parent:
            if required:
                self.fail(list_key, "missing")
            return []
        value = parent[name]
        if not isinstance(value, list):
            self.fail(list_key, "must be a list")
        return [(entry, _at(list_key, index)) for index, entry in enumerate(value)]

    def string(
        self, parent: Mapping[str, object], key: str, name: str, *, required: bool = True
    ) -> str:
        if name not in parent:
            if required:
                self.fail(_at(key, name), "missing")
            return ""
        value = parent[name]
        if not isinstance(value, str):
            # Unquoted 1.0 is a number and unquoted no is false in YAML.
            self.fail(_at(key, name), f"must be a string (quote it), not {value!r}")
        return value

    def text(self, parent: Mapping[str, object], key: str, name: str) -> Text:
        """Text per language; missing languages are the validator's to report, with the others."""
        if name not in parent:
            return {}
        text_key = _at(key, name)
        value = parent[name]
        if not isinstance(value, dict):
            self.fail(text_key, "must map language codes to text, e.g. {sv: ..., en: ..., fi: ...}")
        text: Text = {}
        for lang, words in value.items():
            if not isinstance(lang, str):
                self.fail(_at(text_key, str(lang)), "language codes must be strings (quote it)")
            if not isinstance(words, str):
                self.fail(_at(text_key, lang), f"must be a string, not {words!r}")
            text[lang] = words
        return text

    def flag(self, parent: Mapping[str, object], key: str, name: str) -> bool:
        value = parent.get(name, False)
        if not isinstance(value, bool):
            self.fail(_at(key, name), f"must be true or false, not {value!r}")
        return value

    def number(self, parent: Mapping[str, object], key: str, name: str) -> float | None:
        value = parent.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(_at(key, name), f"must be a number, not {value!r}")
        return float(value)

    def count(self, parent: Mapping[str, object], key: str, name: str) -> int | None:
        value = parent.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(_at(key, name), f"must be a positive whole number, not {value!r}")
        return value
