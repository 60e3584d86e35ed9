"""FHIR R4: every shipped questionnaire round-trips, outside Questionnaires run, answers export."""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from flows.conditions import SKIPPED
from flows.fhir import (
    _check_with_fhir_resources,
    load_fhir_questionnaire,
    questionnaire_response,
    to_fhir_questionnaire,
)
from flows.loader import FlowError, load_directory, load_fragment, load_questionnaire
from flows.model import AnswerValue, Questionnaire
from flows.triage import emergency_outcome, final_outcome
from flows.validate import check_directory, validate
from flows.walker import next_item

FOLDER = Path(__file__).resolve().parents[1] / "flows" / "questionnaires"
ALL = load_directory(FOLDER)
SCREEN = load_fragment(FOLDER / "_red_flags.yaml")
LANGUAGES = ("sv", "en", "fi")
WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=1)))

CASES = [(qid, lang) for qid in sorted(ALL) for lang in LANGUAGES]


def write_json(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("qid", "lang"), CASES, ids=[f"{q}-{lang}" for q, lang in CASES])
def test_every_questionnaire_round_trips_through_fhir(qid: str, lang: str, tmp_path: Path) -> None:
    q = ALL[qid]

    exported = to_fhir_questionnaire(q, lang)
    FhirQuestionnaire.model_validate(exported)  # raises if not valid R4
    path = write_json(tmp_path, f"{qid}.json", exported)
    back = load_fhir_questionnaire(path)

    assert exported["language"] == lang
    assert exported["title"] == q.title[lang]
    assert replace(back, source="") == replace(q, source="")
    assert validate(back, list(LANGUAGES)) == []


def test_a_folder_of_json_works_like_yaml(tmp_path: Path) -> None:
    for qid, q in ALL.items():
        write_json(tmp_path, f"{qid}.json", to_fhir_questionnaire(q, "sv"))

    loaded = load_directory(tmp_path)

    assert set(loaded) == set(ALL)
    assert check_directory(tmp_path, list(LANGUAGES)) == []


def test_a_json_and_a_yaml_with_one_id_clash(tmp_path: Path) -> None:
    shutil.copy(FOLDER / "general.yaml", tmp_path / "general.yaml")
    for fragment in FOLDER.glob("_*.yaml"):
        shutil.copy(fragment, tmp_path / fragment.name)
    write_json(tmp_path, "zz.json", to_fhir_questionnaire(ALL["general"], "en"))

    with pytest.raises(FlowError) as caught:
        load_directory(tmp_path)

    assert caught.value.source == str(tmp_path / "zz.json")
    assert any("also used by" in str(p) for p in check_directory(tmp_path, list(LANGUAGES)))


# A standard R4 Questionnaire from elsewhere: no extensions of ours, English only, a group,
# string options and the standard minValue/maxValue extensions.
OUTSIDE: dict[str, Any] = {
    "resourceType": "Questionnaire",
    "id": "allergy-check",
    "url": "http://example.org/fhir/Questionnaire/allergy-check",
    "version": "2.1",
    "name": "AllergyCheck",
    "title": "Allergy check",
    "status": "active",
    "language": "en",
    "item": [
        {
            "linkId": "g1",
            "type": "group",
            "text": "About the reaction",
            "item": [
                {"linkId": "itchy", "type": "boolean", "text": "Is it itchy?", "required": True},
                {
                    "linkId": "where",
                    "type": "choice",
                    "text": "Where is it?",
                    "required": True,
                    "answerOption": [
                        {"valueString": "Face"},
                        {"valueCoding": {"code": "body", "display": "Body"}},
                    ],
                },
            ],
        },
        {
            "linkId": "hours",
            "type": "integer",
            "text": "How many hours ago did it start?",
            "extension": [
                {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
                {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 999},
            ],
            "enableWhen": [{"question": "itchy", "operator": "=", "answerBoolean": True}],
        },
        {"linkId": "more", "type": "text", "text": "Anything else?"},
    ],
}


def test_an_outside_questionnaire_gets_the_red_flag_screen_first(tmp_path: Path) -> None:
    q = load_fhir_questionnaire(write_json(tmp_path, "allergy.json", OUTSIDE))

    assert (q.id, q.version, q.rules_version, q.default_outcome) == (
        "AllergyCheck",
        "2.1",
        "2.1",
        "P4",
    )
    assert q.title == {"en": "Allergy check"}
    assert q.items[: len(SCREEN.items)] == SCREEN.items
    assert [i.link_id for i in q.items[len(SCREEN.items) :]] == ["itchy", "where", "hours", "more"]
    assert [o.code for o in q.item("where").options] == ["Face", "body"]
    assert (q.item("hours").min_value, q.item("hours").max_value) == (0, 999)
    assert q.rules == SCREEN.rules
    # Nothing from outside asks about a child ("Is it itchy?" to a guardian): offered for adults
    # only until its items carry our text-child extension.
    assert q.audience == "adult"
    assert validate(q, ["en"]) == []


def run(q: Questionnaire, replies: dict[str, AnswerValue]) -> tuple[str, list[str]]:
    answers: dict[str, AnswerValue] = {"for_child": False}
    asked = []
    while (item := next_item(q, answers)) is not None:
        asked.append(item.link_id)
        usual: AnswerValue = {"boolean": False, "choice": "body", "integer": 2}.get(item.type, "")
        answers[item.link_id] = replies.get(item.link_id, usual)
        if (emergency := emergency_outcome(q, answers)) is not None:
            return emergency.level, asked
    return final_outcome(q, answers).level, asked


def test_an_outside_questionnaire_runs_like_ours(tmp_path: Path) -> None:
    q = load_fhir_questionnaire(write_json(tmp_path, "allergy.json", OUTSIDE))

    assert run(q, {"rf_allergy": True}) == ("R", [i.link_id for i in SCREEN.items[:6]])
    level, asked = run(q, {"itchy": True})
    assert level == "P4"
    assert asked[-4:] == ["itchy", "where", "hours", "more"]
    assert "hours" not in run(q, {})[1]


def test_a_group_condition_passes_to_its_items(tmp_path: Path) -> None:
    data = copy.deepcopy(OUTSIDE)
    data["item"][0]["enableWhen"] = [
        {"question": "rf_chest", "operator": "=", "answerBoolean": False}
    ]

    q = load_fhir_questionnaire(write_json(tmp_path, "a.json", data))

    assert q.item("where").enable_when[0].question == "rf_chest"


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(OUTSIDE)
    change(data)
    return data


@pytest.mark.parametrize(
    ("data", "key", "words"),
    [
        (
            broken(lambda d: d["item"].append({"linkId": "dob", "type": "date", "text": "Born"})),
            "item[dob].type",
            "unsupported item type 'date'",
        ),
        (
            broken(lambda d: d["item"].append({"linkId": "x", "type": "display", "text": "Hi"})),
            "item[x].type",
            "unsupported item type 'display'",
        ),
        (
            broken(lambda d: d["item"][1].update(repeats=True)),
            "item[hours].repeats",
            "more than one",
        ),
        (
            broken(lambda d: d["item"][1].update(answerValueSet="http://x")),
            "item[hours].answerValueSet",
            "not supported",
        ),
        (broken(lambda d: d.pop("version")), "version", "missing"),
        (broken(lambda d: d.pop("status")), "status", "not a valid FHIR R4 Questionnaire"),
        (
            broken(
                lambda d: d["item"].append({"linkId": "rf_chest", "type": "boolean", "text": "?"})
            ),
            "item[rf_chest]",
            "red-flag screen",
        ),
        (broken(lambda d: d.update(resourceType="Patient")), "resourceType", "not a FHIR"),
    ],
)
def test_what_we_cannot_run_is_a_clear_error(
    tmp_path: Path, data: dict[str, Any], key: str, words: str
) -> None:
    path = write_json(tmp_path, "outside.json", data)

    with pytest.raises(FlowError) as caught:
        load_questionnaire(path)

    assert caught.value.source == str(path)
    assert caught.value.key == key
    assert words in caught.value.problem
    problems = check_directory(tmp_path, ["en"])
    assert [(p.source, p.key) for p in problems] == [(str(path), key)]


def test_not_json_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{nope", encoding="utf-8")

    with pytest.raises(FlowError, match="not valid JSON"):
        load_fhir_questionnaire(path)


# QuestionnaireResponse.


def all_no_answers(q: Questionnaire, context: dict[str, AnswerValue]) -> dict[str, AnswerValue]:
    answers = dict(context)
    while (item := next_item(q, answers)) is not None:
        usual: dict[str, AnswerValue] = {
            "boolean": False,
            "integer": int(item.min_value or 0) + 1,
            "decimal": 37.5,
            "string": "Levaxin 50 mikrogram",
        }
        if item.type == "choice":
            answers[item.link_id] = item.options[-1].code
        else:
            answers[item.link_id] = usual.get(item.type, SKIPPED)
    return answers


@pytest.mark.parametrize(("qid", "lang"), CASES, ids=[f"{q}-{lang}" for q, lang in CASES])
def test_every_questionnaire_exports_a_valid_response(qid: str, lang: str) -> None:
    q = ALL[qid]
    context: dict[str, AnswerValue] = {"for_child": True, "child_age_months": 30}
    answers = all_no_answers(q, context)
    outcome = final_outcome(q, answers)

    response = questionnaire_response(
        q, answers, subject_ref="Patient/p1", authored=WHEN, lang=lang, outcome=outcome
    )

    QuestionnaireResponse.model_validate(response)
    assert response["questionnaire"] == f"{q.url}|{q.version}"
    assert response["status"] == "completed"
    assert response["authored"] == "2026-11-25T09:30:00+01:00"
    by_link = {entry["linkId"]: entry["answer"] for entry in response["item"]}
    expected = {k for k, v in answers.items() if v != SKIPPED}
    assert set(by_link) == expected
    assert "other" not in by_link  # skipped
    assert by_link["for_child"] == [{"valueBoolean": True}]
    texts = [e["text"] for e in response["item"] if "text" in e]
    assert all(texts) and texts[0] == q.items[0].text[lang]
    recorded = {e["url"]: e for e in response["extension"][0]["extension"]}
    assert recorded["rulesVersion"]["valueString"] == q.rules_version
    assert recorded["questionnaireVersion"]["valueString"] == q.version
    assert recorded["level"]["valueCode"] == outcome.level


def test_answer_types_and_stale_answers() -> None:
    q = ALL["general"]
    answers: dict[str, AnswerValue] = {
        "for_child": False,
        "duration": "weeks_1_4",
        "fever": False,
        "temp_measured": True,  # answered before the patient changed fever to no: left out
        "temperature": 39.5,
        "pain": 4,
        "pregnant": SKIPPED,
        "other": "Det kliar också.",
    }

    response = questionnaire_response(
        q, answers, subject_ref="Patient/p1", authored=WHEN, lang="en", status="in-progress"
    )

    by_link = {entry["linkId"]: entry["answer"][0] for entry in response["item"]}
    assert by_link["duration"] == {"valueCoding": {"code": "weeks_1_4", "display": "1–4 weeks"}}
    assert by_link["pain"] == {"valueInteger": 4}
    assert by_link["other"] == {"valueString": "Det kliar också."}
    assert "temperature" not in by_link and "temp_measured" not in by_link
    assert "pregnant" not in by_link
    assert response["status"] == "in-progress"
    assert "extension" not in response

    answers.update(fever=True)
    again = questionnaire_response(q, answers, subject_ref="Patient/p1", authored=WHEN, lang="en")
    assert {e["linkId"]: e["answer"][0] for e in again["item"]}["temperature"] == {
        "valueDecimal": 39.5
    }


def test_authored_needs_a_time_zone() -> None:
    with pytest.raises(ValueError, match="time zone"):
        questionnaire_response(
            ALL["general"], {}, subject_ref="Patient/1", authored=datetime(2026, 1, 1), lang="sv"
        )
    ok = questionnaire_response(
        ALL["general"],
        {},
        subject_ref="Patient/1",
        authored=datetime(2026, 1, 1, tzinfo=UTC),
        lang="sv",
    )
    assert ok["item"] == []


def test_the_response_check_is_real() -> None:
    with pytest.raises(FlowError, match="not a valid FHIR R4 QuestionnaireResponse"):
        _check_with_fhir_resources(
            {"resourceType": "QuestionnaireResponse", "item": [{"answer": []}]},
            "test",
            "QuestionnaireResponse",
        )
