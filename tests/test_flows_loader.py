"""Loading questionnaire YAML: the model it gives, and errors that name the file and the key."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.loader import FlowError, load_directory, load_questionnaire
from flows.model import AnswerOption, Condition, ContextVar


def text(word: str) -> dict[str, str]:
    return {"sv": f"{word} sv", "en": f"{word} en", "fi": f"{word} fi"}


BASE: dict[str, Any] = {
    "id": "t",
    "url": "https://example.org/Questionnaire/t",
    "version": "1.2.0",
    "rules_version": "3.0.0",
    "title": text("title"),
    "default_outcome": "P4",
    "context": [{"linkId": "for_child", "type": "boolean"}],
    "item": [
        {"linkId": "rf", "type": "boolean", "required": True, "redFlag": True, "text": text("rf")},
        {
            "linkId": "temp",
            "type": "decimal",
            "minValue": 30,
            "maxValue": 45.5,
            "unit": text("C"),
            "text": text("temp"),
            "enableWhen": [{"question": "for_child", "operator": "=", "answerBoolean": True}],
        },
        {
            "linkId": "duration",
            "type": "choice",
            "text": text("duration"),
            "answerOption": [
                {"valueCoding": {"code": "short", "display": text("short")}},
                {"valueCoding": {"code": "long", "display": text("long")}},
            ],
        },
        {"linkId": "note", "type": "text", "maxLength": 50, "text": text("note")},
    ],
    "rules": [
        {
            "id": "hot",
            "outcome": "P3",
            "enableBehavior": "any",
            "when": [
                {"question": "temp", "operator": ">=", "answerDecimal": 39},
                {"question": "duration", "operator": "=", "answerCoding": {"code": "long"}},
                {"question": "for_child", "operator": "exists", "answerBoolean": True},
            ],
            "reason": text("hot"),
        }
    ],
}


def write(folder: Path, data: object, name: str = "q.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_loads_every_field(tmp_path: Path) -> None:
    q = load_questionnaire(write(tmp_path, BASE))

    assert (q.id, q.url, q.version, q.rules_version) == (
        "t",
        "https://example.org/Questionnaire/t",
        "1.2.0",
        "3.0.0",
    )
    assert q.title == text("title")
    assert q.default_outcome == "P4"
    assert q.source == str(tmp_path / "q.yaml")
    assert q.context == (ContextVar("for_child", "boolean"),)
    assert [item.link_id for item in q.items] == ["rf", "temp", "duration", "note"]
    rf, temp, duration, note = q.items
    assert rf.required and rf.red_flag and not temp.required and not temp.red_flag
    assert (temp.min_value, temp.max_value, temp.unit) == (30.0, 45.5, text("C"))
    assert temp.enable_when == (Condition("for_child", "=", True),)
    assert temp.enable_behavior == ""
    assert duration.options == (
        AnswerOption("short", text("short")),
        AnswerOption("long", text("long")),
    )
    assert note.max_length == 50 and note.unit is None
    (rule,) = q.rules
    assert (rule.id, rule.outcome, rule.behavior, rule.reason) == ("hot", "P3", "any", text("hot"))
    assert rule.when == (
        Condition("temp", ">=", 39.0),
        Condition("duration", "=", "long"),
        Condition("for_child", "exists", True),
    )
    # answerDecimal is a float even when written as a whole number.
    assert isinstance(rule.when[0].answer, float)
    assert q.item("note") is note


def test_missing_answer_is_left_for_the_validator(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    del data["rules"][0]["when"][0]["answerDecimal"]

    q = load_questionnaire(write(tmp_path, data))

    assert q.rules[0].when[0] == Condition("temp", ">=", None)


Mutation = Callable[[dict[str, Any]], object]

MALFORMED: list[tuple[str, Mutation, str, str]] = [
    ("missing id", lambda d: d.pop("id"), "id", "missing"),
    ("version as a number", lambda d: d.update(version=1.0), "version", "must be a string"),
    ("unknown top key", lambda d: d.update(status="draft"), "status", "unknown key"),
    ("item not a list", lambda d: d.update(item={"linkId": "x"}), "item", "must be a list"),
    ("no items", lambda d: d.pop("item"), "item", "missing"),
    ("item without type", lambda d: d["item"][1].pop("type"), "item[1].type", "missing"),
    (
        "misspelt enableWhen",
        lambda d: d["item"][1].update(enablewhen=[]),
        "item[1].enablewhen",
        "unknown key",
    ),
    (
        "two answers in a condition",
        lambda d: d["item"][1]["enableWhen"][0].update(answerInteger=1),
        "item[1].enableWhen[0]",
        "more than one answer",
    ),
    (
        "answerBoolean given a string",
        lambda d: d["item"][1]["enableWhen"][0].update(answerBoolean="yes"),
        "item[1].enableWhen[0].answerBoolean",
        "must be true or false",
    ),
    (
        "answerDecimal left empty",
        lambda d: d["rules"][0]["when"][0].update(answerDecimal=None),
        "rules[0].when[0].answerDecimal",
        "must be a number",
    ),
    (
        "answerCoding without code",
        lambda d: d["rules"][0]["when"][1].update(answerCoding={"display": "x"}),
        "rules[0].when[1].answerCoding.display",
        "unknown key",
    ),
    (
        "condition without question",
        lambda d: d["item"][1]["enableWhen"][0].pop("question"),
        "item[1].enableWhen[0].question",
        "missing",
    ),
    ("required as text", lambda d: d["item"][0].update(required="yes"), "item[0].required", "true"),
    ("text as a string", lambda d: d["item"][0].update(text="Hej"), "item[0].text", "language"),
    (
        "text value a number",
        lambda d: d["item"][0]["text"].update(fi=3),
        "item[0].text.fi",
        "must be a string",
    ),
    (
        "option without code",
        lambda d: d["item"][2]["answerOption"][0]["valueCoding"].pop("code"),
        "item[2].answerOption[0].valueCoding.code",
        "missing",
    ),
    (
        "option as a bare string",
        lambda d: d["item"][2]["answerOption"].__setitem__(0, "short"),
        "item[2].answerOption[0]",
        "must be a mapping",
    ),
    ("minValue text", lambda d: d["item"][1].update(minValue="ten"), "item[1].minValue", "number"),
    ("maxLength zero", lambda d: d["item"][3].update(maxLength=0), "item[3].maxLength", "positive"),
    ("rule without when", lambda d: d["rules"][0].pop("when"), "rules[0].when", "missing"),
    ("context not a list", lambda d: d.update(context="for_child"), "context", "must be a list"),
]


@pytest.mark.parametrize(
    ("mutate", "key", "problem"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_structure_names_file_and_key(
    tmp_path: Path, mutate: Mutation, key: str, problem: str
) -> None:
    data = copy.deepcopy(BASE)
    mutate(data)
    path = write(tmp_path, data)

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    error = caught.value
    assert error.source == str(path)
    assert error.key == key
    assert problem in error.problem
    assert str(error) == f"{path}: {key}: {error.problem}"


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, ["not", "a", "questionnaire"])

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    assert caught.value.key == "(top level)"


@pytest.mark.parametrize(
    ("yaml_text", "line", "problem"),
    [
        ("id: t\nitem: [\n", "line 3", "not valid YAML"),
        # An unquoted = is a YAML 1.1 "value" tag, not a string.
        (
            "id: t\nitem:\n  - enableWhen: [{question: a, operator: =}]\n",
            "line 3",
            "not valid YAML",
        ),
        ("id: t\nversion: '1'\nid: u\n", "line 3", "given twice"),
    ],
    ids=["unclosed list", "unquoted operator", "repeated key"],
)
def test_yaml_errors_name_the_line(tmp_path: Path, yaml_text: str, line: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml_text, encoding="utf-8")

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    assert caught.value.source == str(path)
    assert caught.value.key.startswith(line)
    assert problem in caught.value.problem


def test_unreadable_file_is_a_flow_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: f\xe4rg".encode("latin-1"))

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    assert caught.value.source == str(path)
    assert "cannot read" in caught.value.problem


def test_load_directory_reads_yaml_and_yml_by_id(tmp_path: Path) -> None:
    write(tmp_path, BASE, "a.yaml")
    write(tmp_path, {**BASE, "id": "other"}, "b.yml")
    (tmp_path / "notes.txt").write_text("not a questionnaire", encoding="utf-8")

    found = load_directory(tmp_path)

    assert sorted(found) == ["other", "t"]
    assert found["other"].source == str(tmp_path / "b.yml")


def test_load_directory_refuses_a_repeated_id(tmp_path: Path) -> None:
    first = write(tmp_path, BASE, "a.yaml")
    second = write(tmp_path, BASE, "b.yaml")

    with pytest.raises(FlowError) as caught:
        load_directory(tmp_path)

    assert caught.value.source == str(second)
    assert caught.value.key == "id"
    assert str(first) in caught.value.problem


def test_load_directory_needs_a_directory(tmp_path: Path) -> None:
    with pytest.raises(FlowError) as caught:
        load_directory(tmp_path / "missing")

    assert caught.value.source == str(tmp_path / "missing")


def test_audience_says_whom_the_pick_list_offers_it_to(tmp_path: Path) -> None:
    assert load_questionnaire(write(tmp_path, BASE)).audience == "all"
    child = load_questionnaire(write(tmp_path, {**BASE, "audience": "child"}, "c.yaml"))
    assert child.audience == "child"
    with pytest.raises(FlowError) as error:
        load_questionnaire(write(tmp_path, {**BASE, "audience": "kids"}, "bad.yaml"))
    assert "bad.yaml: audience: must be one of all, child, adult" in str(error.value)
