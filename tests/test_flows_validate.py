"""Validation: each problem a questionnaire author can make is reported with file and key."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.loader import load_questionnaire
from flows.validate import Problem, check_directory, validate

LANGUAGES = ("sv", "en", "fi")


def text(word: str) -> dict[str, str]:
    return {"sv": f"{word} sv", "en": f"{word} en", "fi": f"{word} fi"}


def child(word: str) -> dict[str, str]:
    """The question's child form: what a guardian reads about their child."""
    return text(f"{word} (barnet)")


def option(code: str, sv: str, en: str, fi: str) -> dict[str, Any]:
    return {"valueCoding": {"code": code, "display": {"sv": sv, "en": en, "fi": fi}}}


def when(question: str, operator: str, **answer: Any) -> dict[str, Any]:
    return {"question": question, "operator": operator, **answer}


BASE: dict[str, Any] = {
    "id": "t",
    "url": "https://example.org/Questionnaire/t",
    "version": "1",
    "rules_version": "1",
    "title": text("title"),
    "default_outcome": "P4",
    "context": [
        {"linkId": "for_child", "type": "boolean"},
        {"linkId": "age_months", "type": "integer"},
    ],
    "item": [
        {
            "linkId": "rf",
            "type": "boolean",
            "required": True,
            "redFlag": True,
            "text": text("rf"),
            "text_child": child("rf"),
        },
        {"linkId": "fever", "type": "boolean", "text": text("fever"), "text_child": child("fever")},
        {
            "linkId": "temp",
            "type": "decimal",
            "minValue": 30,
            "maxValue": 45,
            "unit": text("C"),
            "text": text("temp"),
            "text_child": child("temp"),
            "enableWhen": [when("fever", "=", answerBoolean=True)],
        },
        {
            "linkId": "duration",
            "type": "choice",
            "text": text("duration"),
            "text_child": child("duration"),
            "answerOption": [
                option("short", "Kort tid", "Short time", "Lyhyt aika"),
                option("long", "Länge", "Long", "Pitkään"),
            ],
        },
        {
            "linkId": "note",
            "type": "text",
            "maxLength": 100,
            "text": text("note"),
            "text_child": child("note"),
        },
    ],
    "rules": [
        {
            "id": "rf",
            "outcome": "R",
            "when": [when("rf", "=", answerBoolean=True)],
            "reason": text("rf"),
        },
        {
            "id": "infant",
            "outcome": "A",
            "enableBehavior": "all",
            "when": [
                when("age_months", "<", answerInteger=3),
                when("temp", ">=", answerDecimal=38.0),
            ],
            "reason": text("infant"),
        },
        {
            "id": "long",
            "outcome": "P3",
            "when": [when("duration", "=", answerCoding={"code": "long"})],
            "reason": text("long"),
        },
    ],
}


def problems_for(tmp_path: Path, data: dict[str, Any]) -> list[Problem]:
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return validate(load_questionnaire(path), LANGUAGES)


def test_the_base_questionnaire_is_valid(tmp_path: Path) -> None:
    # Every case below changes one thing in this file; it must start clean.
    assert problems_for(tmp_path, BASE) == []


Mutation = Callable[[dict[str, Any]], object]


def item(data: dict[str, Any], link_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in data["item"] if i["linkId"] == link_id)
    return found


def rule(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["rules"] if r["id"] == rule_id)
    return found


def set_answer(condition: dict[str, Any], **answer: Any) -> None:
    for key in [k for k in condition if k.startswith("answer")]:
        del condition[key]
    condition.update(answer)


CASES: list[tuple[str, Mutation, str, str]] = [
    # linkIds
    (
        "duplicate linkId",
        lambda d: item(d, "fever").update(linkId="rf"),
        "item[rf].linkId",
        "more than once",
    ),
    (
        "linkId shared with a context value",
        lambda d: item(d, "fever").update(linkId="age_months"),
        "item[age_months].linkId",
        "more than once",
    ),
    # types
    (
        "group item",
        lambda d: item(d, "note").update(type="group"),
        "item[note].type",
        "unsupported item type",
    ),
    (
        "display item",
        lambda d: item(d, "note").update(type="display"),
        "item[note].type",
        "unsupported item type",
    ),
    (
        "choice context value",
        lambda d: d["context"][0].update(type="choice"),
        "context[for_child].type",
        "unsupported context type",
    ),
    # enableWhen targets
    (
        "enableWhen on an unknown question",
        lambda d: item(d, "temp")["enableWhen"][0].update(question="fevr"),
        "item[temp].enableWhen[0].question",
        "no question",
    ),
    (
        "enableWhen on a later question",
        lambda d: item(d, "temp").update(
            enableWhen=[when("duration", "=", answerCoding={"code": "long"})]
        ),
        "item[temp].enableWhen[0].question",
        "not an earlier question",
    ),
    (
        "enableWhen on itself",
        lambda d: item(d, "temp").update(enableWhen=[when("temp", ">", answerDecimal=1.0)]),
        "item[temp].enableWhen[0].question",
        "not an earlier question",
    ),
    (
        "rule on an unknown question",
        lambda d: rule(d, "rf")["when"][0].update(question="rff"),
        "rules[rf].when[0].question",
        "no question",
    ),
    # operators
    (
        "unknown operator",
        lambda d: item(d, "temp")["enableWhen"][0].update(operator="=="),
        "item[temp].enableWhen[0].operator",
        "unknown operator",
    ),
    (
        "ordering a boolean",
        lambda d: item(d, "temp")["enableWhen"][0].update(operator=">"),
        "item[temp].enableWhen[0].operator",
        "does not apply to a boolean",
    ),
    (
        "ordering a choice",
        lambda d: rule(d, "long")["when"][0].update(operator=">="),
        "rules[long].when[0].operator",
        "does not apply to a choice",
    ),
    # answers
    (
        "missing answer",
        lambda d: item(d, "temp")["enableWhen"][0].pop("answerBoolean"),
        "item[temp].enableWhen[0]",
        "missing answer",
    ),
    (
        "integer answer for a boolean",
        lambda d: item(d, "temp").update(enableWhen=[when("fever", "=", answerInteger=1)]),
        "item[temp].enableWhen[0]",
        "does not fit the boolean",
    ),
    (
        "decimal answer for an integer",
        lambda d: set_answer(rule(d, "infant")["when"][0], answerDecimal=2.5),
        "rules[infant].when[0]",
        "does not fit the integer",
    ),
    (
        "boolean answer for a decimal",
        lambda d: set_answer(rule(d, "infant")["when"][1], answerBoolean=True),
        "rules[infant].when[1]",
        "does not fit the decimal",
    ),
    (
        "choice answer that is no option code",
        lambda d: rule(d, "long")["when"][0].update(answerCoding={"code": "medium"}),
        "rules[long].when[0]",
        "not an option code",
    ),
    (
        "exists without a boolean",
        lambda d: rule(d, "long")["when"][0].update(operator="exists"),
        "rules[long].when[0]",
        "exists needs answerBoolean",
    ),
    # enableBehavior
    (
        "two enableWhen without enableBehavior",
        lambda d: item(d, "temp")["enableWhen"].append(when("age_months", ">", answerInteger=1)),
        "item[temp].enableBehavior",
        "more than one condition",
    ),
    (
        "two rule conditions without enableBehavior",
        lambda d: rule(d, "infant").pop("enableBehavior"),
        "rules[infant].enableBehavior",
        "more than one condition",
    ),
    (
        "unknown enableBehavior",
        lambda d: item(d, "temp").update(enableBehavior="some"),
        "item[temp].enableBehavior",
        "must be all or any",
    ),
    # languages
    ("title without en", lambda d: d["title"].update(en="  "), "title.en", "missing text"),
    (
        "item text without fi",
        lambda d: item(d, "fever")["text"].pop("fi"),
        "item[fever].text.fi",
        "missing text",
    ),
    (
        "option without fi",
        lambda d: item(d, "duration")["answerOption"][1]["valueCoding"]["display"].pop("fi"),
        "item[duration].answerOption[1].display.fi",
        "missing text",
    ),
    (
        "reason without sv",
        lambda d: rule(d, "rf")["reason"].pop("sv"),
        "rules[rf].reason.sv",
        "missing text",
    ),
    (
        "unit without fi",
        lambda d: item(d, "temp")["unit"].pop("fi"),
        "item[temp].unit.fi",
        "missing text",
    ),
    # options
    (
        "option code twice",
        lambda d: item(d, "duration")["answerOption"][1]["valueCoding"].update(code="short"),
        "item[duration].answerOption[1].code",
        "used more than once",
    ),
    (
        "option label twice",
        lambda d: item(d, "duration")["answerOption"][1]["valueCoding"]["display"].update(
            sv="Kort tid"
        ),
        "item[duration].answerOption[1].display.sv",
        "also used by option 'short'",
    ),
    (
        "option label of another option in another language, typed differently",
        lambda d: item(d, "duration")["answerOption"][1]["valueCoding"]["display"].update(
            en="KORT TID!"
        ),
        "item[duration].answerOption[1].display.en",
        "also used by option 'short'",
    ),
    (
        "option label that is a number",
        lambda d: item(d, "duration")["answerOption"][1]["valueCoding"]["display"].update(en="2"),
        "item[duration].answerOption[1].display.en",
        "may not be a number",
    ),
    (
        "choice with one option",
        lambda d: item(d, "duration")["answerOption"].pop(),
        "item[duration].answerOption",
        "at least two options",
    ),
    (
        "options on a boolean",
        lambda d: item(d, "fever").update(answerOption=item(d, "duration")["answerOption"]),
        "item[fever].answerOption",
        "only choice items",
    ),
    # limits
    (
        "min above max",
        lambda d: item(d, "temp").update(minValue=46),
        "item[temp].minValue",
        "greater than maxValue",
    ),
    (
        "limits on a boolean",
        lambda d: item(d, "fever").update(maxValue=3),
        "item[fever].maxValue",
        "only integer and decimal",
    ),
    (
        "unit on text",
        lambda d: item(d, "note").update(unit=text("C")),
        "item[note].unit",
        "only integer and decimal",
    ),
    (
        "maxLength on a decimal",
        lambda d: item(d, "temp").update(maxLength=3),
        "item[temp].maxLength",
        "only string and text",
    ),
    # outcomes
    (
        "unknown outcome",
        lambda d: rule(d, "long").update(outcome="P9"),
        "rules[long].outcome",
        "unknown outcome",
    ),
    (
        "default outcome R",
        lambda d: d.update(default_outcome="R"),
        "default_outcome",
        "queue priority",
    ),
    (
        "default outcome A",
        lambda d: d.update(default_outcome="A"),
        "default_outcome",
        "queue priority",
    ),
    (
        "default outcome P0",
        lambda d: d.update(default_outcome="P0"),
        "default_outcome",
        "queue priority",
    ),
    ("rule id twice", lambda d: rule(d, "long").update(id="rf"), "rules[rf].id", "more than once"),
    (
        "rule without conditions",
        lambda d: rule(d, "long").update(when=[]),
        "rules[long].when",
        "at least one",
    ),
    (
        "rule on free text",
        lambda d: rule(d, "long").update(when=[when("note", "exists", answerBoolean=True)]),
        "rules[long].when[0].question",
        "free-text",
    ),
    # red flags
    (
        "red flag that sends nobody anywhere",
        lambda d: rule(d, "rf").update(outcome="P1"),
        "item[rf].redFlag",
        "no rule with outcome R or A",
    ),
    (
        "red flag after an ordinary question",
        lambda d: d["item"].insert(0, d["item"].pop(1)),
        "item[rf].redFlag",
        "before the other questions",
    ),
    (
        "red flag that is not yes/no",
        lambda d: item(d, "duration").update(redFlag=True) or d["item"].insert(1, d["item"].pop(3)),
        "item[duration].redFlag",
        "yes/no",
    ),
    ("no red flags at all", lambda d: item(d, "rf").update(redFlag=False), "item", "no red-flag"),
    # rules that can never fire, items that can never be asked
    (
        "rule wanting two options at once",
        lambda d: rule(d, "long").update(
            enableBehavior="all",
            when=[
                when("duration", "=", answerCoding={"code": "long"}),
                when("duration", "=", answerCoding={"code": "short"}),
            ],
        ),
        "rules[long].when",
        "can never fire: no answer to 'duration'",
    ),
    (
        "rule wanting a value and not it",
        lambda d: rule(d, "long").update(
            enableBehavior="all",
            when=[
                when("duration", "=", answerCoding={"code": "long"}),
                when("duration", "!=", answerCoding={"code": "long"}),
            ],
        ),
        "rules[long].when",
        "can never fire",
    ),
    (
        "rule beyond maxValue",
        lambda d: set_answer(rule(d, "infant")["when"][1], answerDecimal=46.0),
        "rules[infant].when",
        "can never fire: no answer to 'temp' meets >= 46.0 (answers 30.0–45.0)",
    ),
    (
        "rule below minValue",
        lambda d: rule(d, "infant")["when"][1].update(operator="<", answerDecimal=30.0),
        "rules[infant].when",
        "no answer to 'temp' meets < 30.0",
    ),
    (
        "rule on an option that does not exist",
        lambda d: set_answer(rule(d, "long")["when"][0], answerCoding={"code": "forever"}),
        "rules[long].when",
        "can never fire: no answer to 'duration' meets = 'forever' (options: short, long)",
    ),
    (
        "rule on an answer to a question that is not asked then",
        lambda d: rule(d, "infant").update(
            when=[when("temp", ">=", answerDecimal=38.0), when("fever", "=", answerBoolean=False)]
        ),
        "rules[infant].when",
        "can never fire: no answer to 'fever' meets",
    ),
    (
        "whole numbers strictly between 2 and 3",
        lambda d: rule(d, "infant").update(
            when=[
                when("age_months", ">", answerInteger=2),
                when("age_months", "<", answerInteger=3),
            ]
        ),
        "rules[infant].when",
        "no answer to 'age_months'",
    ),
    (
        "rule on a question and on it being unanswered",
        lambda d: rule(d, "long").update(
            enableBehavior="all",
            when=[
                when("duration", "=", answerCoding={"code": "long"}),
                when("duration", "exists", answerBoolean=False),
            ],
        ),
        "rules[long].when",
        "can never fire",
    ),
    (
        "any of two impossible conditions",
        lambda d: rule(d, "infant").update(
            enableBehavior="any",
            when=[
                when("temp", ">", answerDecimal=45.0),
                when("temp", "<", answerDecimal=30.0),
            ],
        ),
        "rules[infant].when",
        "none of its conditions can hold",
    ),
    (
        "item that can never be asked",
        lambda d: item(d, "temp").update(
            enableBehavior="all",
            enableWhen=[
                when("fever", "=", answerBoolean=True),
                when("fever", "!=", answerBoolean=True),
            ],
        ),
        "item[temp].enableWhen",
        "can never be asked: no answer to 'fever'",
    ),
    ("empty version", lambda d: d.update(version=" "), "version", "missing"),
    ("empty rules version", lambda d: d.update(rules_version=""), "rules_version", "missing"),
    (
        "keywords missing a language",
        lambda d: d.update(keywords={"sv": ["feber"], "en": ["fever"]}),
        "keywords.fi",
        "missing keywords in this language",
    ),
    ("no items", lambda d: d.update(item=[], rules=[]), "item", "no items"),
]


@pytest.mark.parametrize(
    ("mutate", "key", "problem"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_each_problem_is_reported(tmp_path: Path, mutate: Mutation, key: str, problem: str) -> None:
    data = copy.deepcopy(BASE)
    mutate(data)

    problems = problems_for(tmp_path, data)

    assert any(p.key == key and problem in p.problem for p in problems), problems
    assert all(p.source == str(tmp_path / "q.yaml") for p in problems)


def test_languages_are_the_callers_choice(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    item(data, "fever")["text"].pop("fi")
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    q = load_questionnaire(path)

    assert validate(q, ["sv", "en"]) == []
    assert [p.key for p in validate(q, ["sv", "en", "fi"])] == ["item[fever].text.fi"]


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["default_outcome"] = "R"
    item(data, "note")["type"] = "group"

    keys = {p.key for p in problems_for(tmp_path, data)}

    assert {"default_outcome", "item[note].type"} <= keys


def test_problem_reads_like_a_flow_error() -> None:
    assert str(Problem("a.yaml", "item[x].type", "bad")) == "a.yaml: item[x].type: bad"


def test_check_directory_collects_load_and_validation_problems(tmp_path: Path) -> None:
    good = copy.deepcopy(BASE)
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(good), encoding="utf-8")
    retitled = {**copy.deepcopy(BASE), "title": {"sv": "B", "en": "B", "fi": "B"}}
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(retitled), encoding="utf-8")
    (tmp_path / "c.yml").write_text("id: [\n", encoding="utf-8")
    invalid = {
        **copy.deepcopy(BASE),
        "id": "other",
        "default_outcome": "A",
        "title": {"sv": "D", "en": "D", "fi": "D"},
    }
    (tmp_path / "d.yaml").write_text(yaml.safe_dump(invalid), encoding="utf-8")

    problems = check_directory(tmp_path, LANGUAGES)

    assert [(Path(p.source).name, p.key.split(",")[0]) for p in problems] == [
        ("b.yaml", "id"),
        ("c.yml", "line 2"),
        ("d.yaml", "default_outcome"),
    ]
    assert str(tmp_path / "a.yaml") in problems[0].problem


def test_check_directory_wants_questionnaires(tmp_path: Path) -> None:
    assert [p.problem for p in check_directory(tmp_path, LANGUAGES)] == [
        "no questionnaires (*.yaml, *.yml, *.json)"
    ]
    assert check_directory(tmp_path / "missing", LANGUAGES)[0].problem == "not a directory"


@pytest.mark.parametrize(
    "conditions",
    [
        [when("temp", ">", answerDecimal=38.0), when("temp", "<", answerDecimal=38.1)],
        [when("temp", ">=", answerDecimal=45.0)],
        [when("temp", "<=", answerDecimal=30.0), when("age_months", "<", answerInteger=1)],
        [when("age_months", ">=", answerInteger=2), when("age_months", "<", answerInteger=3)],
        [when("temp", "!=", answerDecimal=38.0), when("fever", "exists", answerBoolean=True)],
        [when("duration", "exists", answerBoolean=False)],
    ],
)
def test_a_rule_that_can_fire_is_not_reported(
    tmp_path: Path, conditions: list[dict[str, Any]]
) -> None:
    data = copy.deepcopy(BASE)
    rule(data, "infant")["when"] = conditions
    rule(data, "infant")["enableBehavior"] = "all"

    assert problems_for(tmp_path, data) == []


def test_check_directory_checks_the_phrase_file(tmp_path: Path) -> None:
    screen = {"item": [copy.deepcopy(BASE["item"][0])], "rules": [copy.deepcopy(BASE["rules"][0])]}
    (tmp_path / "_red_flags.yaml").write_text(yaml.safe_dump(screen), encoding="utf-8")
    (tmp_path / "q.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    phrases = {"rf": {"sv": ["ont"], "en": ["pain"]}, "fever": {"sv": ["feber"]}}
    (tmp_path / "_phrases.yaml").write_text(yaml.safe_dump(phrases), encoding="utf-8")

    problems = check_directory(tmp_path, ["sv", "en"])

    assert [(Path(p.source).name, p.key) for p in problems] == [
        ("_phrases.yaml", "fever"),
        ("_phrases.yaml", "fever.en"),
    ]
    assert "no red-flag question" in problems[0].problem


def test_two_questionnaires_with_one_title_cannot_be_told_apart_in_the_list(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    twin = {**copy.deepcopy(BASE), "id": "twin"}
    twin["title"] = {**BASE["title"], "en": "Something else"}
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(twin), encoding="utf-8")

    problems = check_directory(tmp_path, LANGUAGES)

    assert sorted((Path(p.source).name, p.key) for p in problems) == [
        ("b.yaml", "title.fi"),
        ("b.yaml", "title.sv"),
    ]
    assert "is also the title of" in problems[0].problem
