"""Shared fragments (`- include: _red_flags.yaml`): how they join a questionnaire, and errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.loader import FlowError, load_directory, load_questionnaire
from flows.validate import check_directory


def text(word: str) -> dict[str, str]:
    return {"sv": f"{word} sv", "en": f"{word} en", "fi": f"{word} fi"}


FRAGMENT: dict[str, Any] = {
    "context": [{"linkId": "for_child", "type": "boolean"}],
    "item": [
        {
            "linkId": "rf",
            "type": "boolean",
            "required": True,
            "redFlag": True,
            "text": text("rf"),
            "text_child": text("rf (barnet)"),
        }
    ],
    "rules": [
        {
            "id": "rf",
            "outcome": "R",
            "when": [{"question": "rf", "operator": "=", "answerBoolean": True}],
            "reason": text("rf"),
        }
    ],
}


def questionnaire(items: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": "q",
        "url": "https://example.org/q",
        "version": "1",
        "rules_version": "1",
        "title": text("t"),
        "default_outcome": "P4",
        "item": items,
        "rules": [
            {
                "id": "own",
                "outcome": "R",
                "when": [{"question": "own", "operator": "=", "answerBoolean": True}],
                "reason": text("own"),
            }
        ],
        **extra,
    }


OWN = {"linkId": "own", "type": "boolean", "text": text("own"), "text_child": text("own (barnet)")}


def write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_fragment_puts_its_items_in_place_and_its_rules_first(tmp_path: Path) -> None:
    write(tmp_path, "_screen.yaml", FRAGMENT)
    path = write(tmp_path, "q.yaml", questionnaire([{"include": "_screen.yaml"}, OWN]))

    q = load_questionnaire(path)

    assert [item.link_id for item in q.items] == ["rf", "own"]
    assert [rule.id for rule in q.rules] == ["rf", "own"]
    assert [var.link_id for var in q.context] == ["for_child"]
    assert list(load_directory(tmp_path)) == ["q"]
    assert check_directory(tmp_path, ["sv", "en", "fi"]) == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("_missing.yaml", "no fragment"),
        ("../_screen.yaml", "must be a file name"),
        ("screen.yaml", "must be a file name"),
        ("_screen.txt", "must be a file name"),
    ],
)
def test_a_bad_include_names_the_file_and_the_entry(
    tmp_path: Path, name: str, problem: str
) -> None:
    write(tmp_path, "_screen.yaml", FRAGMENT)
    path = write(tmp_path, "q.yaml", questionnaire([{"include": name}, OWN]))

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    assert caught.value.source == str(path)
    assert caught.value.key == "item[0].include"
    assert problem in caught.value.problem


def test_a_fragment_cannot_include_another(tmp_path: Path) -> None:
    write(tmp_path, "_inner.yaml", FRAGMENT)
    outer = {"item": [{"include": "_inner.yaml"}]}
    write(tmp_path, "_outer.yaml", outer)
    path = write(tmp_path, "q.yaml", questionnaire([{"include": "_outer.yaml"}, OWN]))

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    assert caught.value.source == str(tmp_path / "_outer.yaml")


def test_including_twice_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "_screen.yaml", FRAGMENT)
    items = [{"include": "_screen.yaml"}, OWN, {"include": "_screen.yaml"}]
    path = write(tmp_path, "q.yaml", questionnaire(items))

    with pytest.raises(FlowError, match="included twice"):
        load_questionnaire(path)


def test_a_context_value_with_two_types_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "_screen.yaml", FRAGMENT)
    data = questionnaire(
        [{"include": "_screen.yaml"}, OWN], context=[{"linkId": "for_child", "type": "integer"}]
    )
    path = write(tmp_path, "q.yaml", data)

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    assert caught.value.key == "context[for_child]"


def test_keywords_must_be_lists_of_strings(tmp_path: Path) -> None:
    write(tmp_path, "_screen.yaml", FRAGMENT)
    good = questionnaire([{"include": "_screen.yaml"}, OWN], keywords={"sv": ["halsont"]})
    assert load_questionnaire(write(tmp_path, "q.yaml", good)).keywords == {"sv": ("halsont",)}

    bad = questionnaire([{"include": "_screen.yaml"}, OWN], keywords={"sv": "halsont"})
    with pytest.raises(FlowError) as caught:
        load_questionnaire(write(tmp_path, "q.yaml", bad))
    assert caught.value.key == "keywords.sv"
