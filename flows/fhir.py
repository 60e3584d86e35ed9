"""FHIR R4: Questionnaire JSON in, Questionnaire JSON and QuestionnaireResponse out.

Reading a standard FHIR R4 Questionnaire (a `*.json` file in the flows folder):

- supported item types are ours: boolean, choice, integer, decimal, string, text; a `group` is
  flattened into its items (its enableWhen passes to items that have none). Anything else
  (display, date, open-choice, quantity, attachment, repeats, answerValueSet, …) is a FlowError
  naming the file and the linkId: we never ask a question we cannot store;
- text is in the resource's `language` (default sv); other languages come from the standard
  translation extension on `_text` / `_title` / `_display`;
- minValue / maxValue / questionnaire-unit / questionnaire-hidden are the standard extensions;
  a hidden item is a context value the bot supplies (`for_child`);
- our own additions ride in extensions under https://minvard.se/fhir/StructureDefinition/: a
  red-flag marker per item, and the triage rules. A file without our red-flag items (any
  Questionnaire from outside) gets the shared red-flag screen, `_red_flags.yaml` (next to the
  file, else the shipped one), put first with its rules; its default priority is P4 and its
  `rules_version` is its `version`, so every decision still names what it used. Without our
  text-child extension (the question about a child) it is offered for adults only.

Writing: `to_fhir_questionnaire` gives one language as text and the others as translations, so
`load_fhir_questionnaire` reads it back to the same questionnaire. `questionnaire_response`
builds a QuestionnaireResponse and validates it with `fhir.resources` (R4B models).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from flows.conditions import evaluate
from flows.loader import FlowError, load_fragment
from flows.model import (
    ITEM_TYPES,
    AnswerOption,
    AnswerValue,
    Condition,
    ContextVar,
    Item,
    Outcome,
    Questionnaire,
    Rule,
    Text,
    in_language,
)

OURS = "https://minvard.se/fhir/StructureDefinition/"
RED_FLAG = OURS + "red-flag"
TRIAGE = OURS + "triage"
TRIAGE_OUTCOME = OURS + "triage-outcome"
# The question about a child ("Har ditt barn ..."): a JSON object of language -> text.
TEXT_CHILD = OURS + "text-child"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
HIDDEN = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"

DEFAULT_LANGUAGE = "sv"
IMPORTED_DEFAULT_OUTCOME = "P4"
SHIPPED_SCREEN = Path(__file__).resolve().parent / "questionnaires" / "_red_flags.yaml"
SCREEN_NAME = "_red_flags.yaml"

_ANSWER_KEYS = {
    "valueBoolean": "boolean",
    "valueInteger": "integer",
    "valueDecimal": "decimal",
    "valueString": "string",
    "valueCoding": "choice",
}
_ENABLE_KEYS = ("answerBoolean", "answerInteger", "answerDecimal", "answerString", "answerCoding")
_OUR_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


# Reading.


def load_fhir_questionnaire(path: Path) -> Questionnaire:
    """A FHIR R4 Questionnaire JSON file as our model; FlowError names the file and linkId."""
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FlowError(source, "", f"cannot read the file ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise FlowError(source, f"line {exc.lineno}", f"not valid JSON: {exc.msg}") from exc
    screen = path.parent / SCREEN_NAME
    return from_fhir(data, source, screen if screen.is_file() else SHIPPED_SCREEN)


def from_fhir(data: object, source: str, screen: Path = SHIPPED_SCREEN) -> Questionnaire:
    """A parsed Questionnaire resource as our model (see the module docstring)."""
    if not isinstance(data, dict) or data.get("resourceType") != "Questionnaire":
        raise FlowError(source, "resourceType", "not a FHIR Questionnaire")
    _check_with_fhir_resources(data, source, "Questionnaire")
    return _FhirReader(source).questionnaire(data, screen)


def _check_with_fhir_resources(data: Mapping[str, Any], source: str, kind: str) -> None:
    model = _model(kind)
    try:
        model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise FlowError(source, where, f"not a valid FHIR R4 {kind}: {first['msg']}") from exc


def _model(kind: str) -> Any:
    # Imported lazily: fhir.resources is large, and only FHIR needs it.
    if kind == "Questionnaire":
        from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire

        return FhirQuestionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    return QuestionnaireResponse


class _FhirReader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lang = DEFAULT_LANGUAGE

    def fail(self, key: str, problem: str) -> NoReturn:
        raise FlowError(self.source, key, problem)

    def questionnaire(self, data: Mapping[str, Any], screen: Path) -> Questionnaire:
        self.lang = str(data.get("language") or DEFAULT_LANGUAGE).split("-")[0].lower()
        version = data.get("version")
        if not isinstance(version, str) or not version.strip():
            self.fail("version", "missing: every triage decision records the version it used")
        context: list[ContextVar] = []
        items: list[Item] = []
        for entry in self.flat_items(data.get("item", []), None):
            if _extension(entry, HIDDEN, "valueBoolean") is True:
                context.append(self.context_var(entry))
            else:
                items.append(self.item(entry))
        if not items:
            self.fail("item", "no questions")
        triage = _extension(data, TRIAGE, "valueString")
        rules: list[Rule] = []
        keywords: dict[str, tuple[str, ...]] = {}
        # A questionnaire from outside has no child forms ("Have you ..." about a toddler): it is
        # offered for adults only until its items carry our text-child extension.
        audience = "all" if any(item.text_child for item in items) else "adult"
        rules_version, default_outcome = version, IMPORTED_DEFAULT_OUTCOME
        if isinstance(triage, str):
            extra = self.triage(triage)
            rules, keywords = extra["rules"], extra["keywords"]
            audience = extra["audience"]
            rules_version, default_outcome = extra["rules_version"], extra["default_outcome"]
        if not any(item.red_flag for item in items):
            fragment = load_fragment(screen)
            taken = {item.link_id for item in items} | {var.link_id for var in context}
            for item in fragment.items:
                if item.link_id in taken:
                    self.fail(
                        f"item[{item.link_id}]",
                        f"linkId is used by the red-flag screen ({fragment.source}), which is "
                        "put first in every questionnaire",
                    )
            items = [*fragment.items, *items]
            rules = [*fragment.rules, *rules]
            known = {var.link_id for var in context}
            context += [var for var in fragment.context if var.link_id not in known]
        name = data.get("name")
        qid = name if isinstance(name, str) and _OUR_ID.match(name) else data.get("id")
        if not isinstance(qid, str) or not qid:
            qid = Path(self.source).stem
        return Questionnaire(
            id=qid,
            url=str(data.get("url") or f"urn:minvard:questionnaire:{qid}"),
            version=version,
            rules_version=rules_version,
            title=self.text(data, "title", "title") or {self.lang: qid},
            context=tuple(context),
            items=tuple(items),
            rules=tuple(rules),
            default_outcome=default_outcome,
            source=self.source,
            keywords=keywords,
            audience=audience,
        )

    def flat_items(
        self, entries: object, inherited: Sequence[Mapping[str, Any]] | None
    ) -> list[Mapping[str, Any]]:
        """Items with groups dissolved; a group's enableWhen passes to children without one."""
        if not isinstance(entries, list):
            self.fail("item", "must be a list")
        flat: list[Mapping[str, Any]] = []
        for entry in entries:
            link_id = str(entry.get("linkId", "?"))
            if entry.get("type") == "group":
                conditions = entry.get("enableWhen")
                if conditions and inherited:
                    self.fail(f"item[{link_id}].enableWhen", "nested conditional groups")
                children = entry.get("item", [])
                if not children:
                    self.fail(f"item[{link_id}]", "an empty group")
                passed = conditions or inherited
                for child in self.flat_items(children, None):
                    if passed and not child.get("enableWhen"):
                        behavior = entry.get("enableBehavior")
                        child = {**child, "enableWhen": passed}
                        if behavior:
                            child["enableBehavior"] = behavior
                    flat.append(child)
                continue
            if entry.get("item"):
                self.fail(f"item[{link_id}].item", "questions nested under a question")
            flat.append(entry)
        return flat

    def context_var(self, entry: Mapping[str, Any]) -> ContextVar:
        link_id, kind = str(entry["linkId"]), str(entry["type"])
        if kind not in ("boolean", "integer", "decimal", "string"):
            self.fail(f"item[{link_id}].type", f"a hidden item of type {kind!r} is not supported")
        return ContextVar(link_id=link_id, type=kind)

    def item(self, entry: Mapping[str, Any]) -> Item:
        link_id = str(entry["linkId"])
        key = f"item[{link_id}]"
        kind = str(entry["type"])
        if kind not in ITEM_TYPES:
            self.fail(
                f"{key}.type",
                f"unsupported item type {kind!r} (supported: {', '.join(ITEM_TYPES)}, group)",
            )
        for unsupported in ("answerValueSet", "initial", "enableWhenExpression"):
            if unsupported in entry:
                self.fail(f"{key}.{unsupported}", "not supported")
        if entry.get("repeats"):
            self.fail(f"{key}.repeats", "questions with more than one answer are not supported")
        unit = None
        unit_coding = _extension(entry, UNIT, "valueCoding")
        if isinstance(unit_coding, dict):
            shown = unit_coding.get("display") or unit_coding.get("code") or ""
            unit = self.text(unit_coding, "display", f"{key}.unit") or {self.lang: str(shown)}
        return Item(
            link_id=link_id,
            type=kind,
            text=self.text(entry, "text", f"{key}.text"),
            required=bool(entry.get("required", False)),
            options=tuple(
                self.option(option, f"{key}.answerOption[{index}]")
                for index, option in enumerate(entry.get("answerOption", []))
            ),
            enable_when=tuple(
                self.condition(condition, f"{key}.enableWhen[{index}]")
                for index, condition in enumerate(entry.get("enableWhen", []))
            ),
            enable_behavior=str(entry.get("enableBehavior", "")),
            min_value=self.limit(entry, MIN_VALUE),
            max_value=self.limit(entry, MAX_VALUE),
            max_length=entry.get("maxLength"),
            unit=unit,
            red_flag=_extension(entry, RED_FLAG, "valueBoolean") is True,
            text_child=self.text_child(entry, f"{key}.extension[text-child]"),
            source=self.source,
        )

    def text_child(self, entry: Mapping[str, Any], key: str) -> Text:
        raw = _extension(entry, TEXT_CHILD, "valueString")
        if raw is None:
            return {}
        try:
            value = json.loads(str(raw))
        except ValueError as exc:
            self.fail(key, f"not JSON ({exc})")
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            self.fail(key, "must be a JSON object of language codes to text")
        return value

    def option(self, option: Mapping[str, Any], key: str) -> AnswerOption:
        if "valueCoding" in option:
            coding = option["valueCoding"]
            code = coding.get("code")
            if not code:
                self.fail(f"{key}.valueCoding.code", "missing")
            display = self.text(coding, "display", f"{key}.valueCoding.display")
            return AnswerOption(code=str(code), display=display or {self.lang: str(code)})
        if "valueString" in option:
            value = str(option["valueString"])
            return AnswerOption(code=value, display=self.text(option, "valueString", key))
        self.fail(key, "only valueCoding and valueString options are supported")

    def condition(self, condition: Mapping[str, Any], key: str) -> Condition:
        given = [name for name in condition if name.startswith("answer")]
        answer: AnswerValue | None = None
        if given:
            name = given[0]
            if name not in _ENABLE_KEYS:
                self.fail(f"{key}.{name}", "not supported")
            value = condition[name]
            answer = str(value.get("code", "")) if name == "answerCoding" else value
            if name == "answerDecimal":
                answer = float(value)
        return Condition(
            question=str(condition["question"]), operator=str(condition["operator"]), answer=answer
        )

    def limit(self, entry: Mapping[str, Any], url: str) -> float | None:
        for kind in ("valueInteger", "valueDecimal"):
            value = _extension(entry, url, kind)
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
        return None

    def text(self, owner: Mapping[str, Any], name: str, key: str) -> Text:
        """The element in the resource's language plus its translation extensions."""
        text: Text = {}
        value = owner.get(name)
        if isinstance(value, str) and value:
            text[self.lang] = value
        for extension in (owner.get(f"_{name}") or {}).get("extension", []):
            if extension.get("url") != TRANSLATION:
                continue
            parts = {part.get("url"): part for part in extension.get("extension", [])}
            lang = parts.get("lang", {}).get("valueCode")
            content = parts.get("content", {}).get("valueString")
            if not isinstance(lang, str) or not isinstance(content, str):
                self.fail(f"{key}.translation", "needs lang (valueCode) and content (valueString)")
            text.setdefault(lang.split("-")[0].lower(), content)
        return text

    def triage(self, raw: str) -> dict[str, Any]:
        try:
            data = json.loads(raw)
            rules = [
                Rule(
                    id=str(rule["id"]),
                    when=tuple(
                        Condition(str(c["question"]), str(c["operator"]), c.get("answer"))
                        for c in rule["when"]
                    ),
                    behavior=str(rule.get("enableBehavior", "")),
                    outcome=str(rule["outcome"]),
                    reason=dict(rule.get("reason", {})),
                    reason_child=dict(rule.get("reason_child", {})),
                )
                for rule in data["rules"]
            ]
            return {
                "rules": rules,
                "rules_version": str(data["rules_version"]),
                "default_outcome": str(data["default_outcome"]),
                "keywords": {k: tuple(v) for k, v in data.get("keywords", {}).items()},
                "audience": str(data.get("audience", "all")),
            }
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            self.fail("extension[triage]", f"malformed triage rules ({exc})")


def _extension(owner: Mapping[str, Any], url: str, kind: str) -> object:
    for extension in owner.get("extension", []) or []:
        if isinstance(extension, dict) and extension.get("url") == url:
            return extension.get(kind)
    return None


# Writing.


def to_fhir_questionnaire(q: Questionnaire, lang: str) -> dict[str, Any]:
    """A FHIR R4 Questionnaire: text in `lang`, the other languages as translations.

    Context values become hidden items; triage rules ride in our extension.
    """
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": _fhir_id(q.id),
        "extension": [{"url": TRIAGE, "valueString": json.dumps(_triage(q), ensure_ascii=False)}],
        "url": q.url,
        "version": q.version,
        "name": q.id,
        "status": "active",
        "language": lang,
        "subjectType": ["Patient"],
        **_text_element("title", q.title, lang),
        "item": [_context_item(var) for var in q.context] + [_item(i, q, lang) for i in q.items],
    }
    return resource


def _fhir_id(qid: str) -> str:
    return re.sub(r"[^A-Za-z0-9\-.]", "-", qid)[:64]


def _triage(q: Questionnaire) -> dict[str, Any]:
    return {
        "rules_version": q.rules_version,
        "default_outcome": q.default_outcome,
        "keywords": {lang: list(words) for lang, words in q.keywords.items()},
        "audience": q.audience,
        "rules": [
            {
                "id": rule.id,
                "outcome": rule.outcome,
                "enableBehavior": rule.behavior,
                "when": [
                    {"question": c.question, "operator": c.operator, "answer": c.answer}
                    for c in rule.when
                ],
                "reason": rule.reason,
                **({"reason_child": rule.reason_child} if rule.reason_child else {}),
            }
            for rule in q.rules
        ],
    }


def _text_element(name: str, text: Text, lang: str) -> dict[str, Any]:
    element: dict[str, Any] = {name: in_language(text, lang)}
    shown = lang if text.get(lang) else next(iter(text), lang)
    translations = [
        {
            "url": TRANSLATION,
            "extension": [
                {"url": "lang", "valueCode": other},
                {"url": "content", "valueString": words},
            ],
        }
        for other, words in text.items()
        if other != shown and words
    ]
    if translations:
        element[f"_{name}"] = {"extension": translations}
    return element


def _context_item(var: ContextVar) -> dict[str, Any]:
    return {
        "extension": [{"url": HIDDEN, "valueBoolean": True}],
        "linkId": var.link_id,
        "text": var.link_id,
        "type": var.type,
        "readOnly": True,
    }


def _item(item: Item, q: Questionnaire, lang: str) -> dict[str, Any]:
    extensions: list[dict[str, Any]] = []
    if item.red_flag:
        extensions.append({"url": RED_FLAG, "valueBoolean": True})
    limit_kind = "valueInteger" if item.type == "integer" else "valueDecimal"
    for url, value in ((MIN_VALUE, item.min_value), (MAX_VALUE, item.max_value)):
        if value is not None:
            number = int(value) if item.type == "integer" else value
            extensions.append({"url": url, limit_kind: number})
    if item.unit is not None:
        unit = {"display": in_language(item.unit, lang)}
        unit.update(_text_element("display", item.unit, lang))
        extensions.append({"url": UNIT, "valueCoding": unit})
    if item.text_child:
        child = json.dumps(item.text_child, ensure_ascii=False)
        extensions.append({"url": TEXT_CHILD, "valueString": child})
    entry: dict[str, Any] = {}
    if extensions:
        entry["extension"] = extensions
    entry["linkId"] = item.link_id
    entry.update(_text_element("text", item.text, lang))
    entry["type"] = item.type
    if item.enable_when:
        entry["enableWhen"] = [_enable_when(c, q) for c in item.enable_when]
    if item.enable_behavior:
        entry["enableBehavior"] = item.enable_behavior
    entry["required"] = item.required
    if item.max_length is not None:
        entry["maxLength"] = item.max_length
    if item.options:
        entry["answerOption"] = [
            {"valueCoding": {"code": o.code, **_text_element("display", o.display, lang)}}
            for o in item.options
        ]
    return entry


def _enable_when(condition: Condition, q: Questionnaire) -> dict[str, Any]:
    entry: dict[str, Any] = {"question": condition.question, "operator": condition.operator}
    answer = condition.answer
    if isinstance(answer, bool):
        entry["answerBoolean"] = answer
    elif isinstance(answer, int):
        entry["answerInteger"] = answer
    elif isinstance(answer, float):
        entry["answerDecimal"] = answer
    elif isinstance(answer, str) and q.type_of(condition.question) == "choice":
        entry["answerCoding"] = {"code": answer}
    elif isinstance(answer, str):
        entry["answerString"] = answer
    return entry


# Answers.


def questionnaire_response(
    q: Questionnaire,
    answers: Mapping[str, AnswerValue],
    *,
    subject_ref: str,
    authored: datetime,
    lang: str,
    status: str = "completed",
    outcome: Outcome | None = None,
) -> dict[str, Any]:
    """A FHIR R4 QuestionnaireResponse of the answers that count, validated with fhir.resources.

    Skipped items ("") and answers to items disabled since are left out; context values
    (for_child, child_age_months) are included as the answers they are. `outcome`, if given,
    is recorded with its questionnaire and rule-set versions in our triage-outcome extension.
    """
    if authored.tzinfo is None:
        raise ValueError("authored must carry a time zone")
    _, counted = evaluate(q, answers)
    items: list[dict[str, Any]] = []
    for var in q.context:
        if var.link_id in counted:
            value = _answer_value(var.type, counted[var.link_id], None)
            items.append({"linkId": var.link_id, "answer": [value]})
    for item in q.items:
        if item.link_id in counted:
            value = _answer_value(item.type, counted[item.link_id], item, lang)
            entry = {"linkId": item.link_id, "text": in_language(item.text, lang)}
            items.append({**entry, "answer": [value]})
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{q.url}|{q.version}",
        "status": status,
        "subject": {"reference": subject_ref},
        "authored": authored.isoformat(),
        "language": lang,
        "item": items,
    }
    if outcome is not None:
        resource["extension"] = [
            {
                "url": TRIAGE_OUTCOME,
                "extension": [
                    {"url": "level", "valueCode": outcome.level},
                    {"url": "rule", "valueString": outcome.rule_id or ""},
                    {"url": "questionnaireVersion", "valueString": outcome.questionnaire_version},
                    {"url": "rulesVersion", "valueString": outcome.rules_version},
                ],
            }
        ]
        if not outcome.rule_id:
            resource["extension"][0]["extension"].pop(1)
    _check_with_fhir_resources(
        resource, f"QuestionnaireResponse for {q.id}", "QuestionnaireResponse"
    )
    return resource


def _answer_value(
    kind: str, value: AnswerValue, item: Item | None, lang: str = DEFAULT_LANGUAGE
) -> dict[str, Any]:
    if kind == "choice" and item is not None:
        option = next((o for o in item.options if o.code == value), None)
        coding: dict[str, Any] = {"code": str(value)}
        if option is not None:
            coding["display"] = in_language(option.display, lang)
        return {"valueCoding": coding}
    if kind == "boolean":
        return {"valueBoolean": bool(value)}
    if kind == "integer":
        return {"valueInteger": int(value)}
    if kind == "decimal":
        return {"valueDecimal": float(value)}
    return {"valueString": str(value)}
