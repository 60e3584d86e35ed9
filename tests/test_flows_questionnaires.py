"""Every shipped questionnaire, walked in sv, en and fi as the bot walks it: typed replies."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.loader import load_directory, load_fragment
from flows.model import (
    EMERGENCY_LEVELS,
    QUEUE_LEVELS,
    AnswerValue,
    Item,
    Outcome,
    Questionnaire,
    Rule,
    urgency_rank,
)
from flows.triage import emergency_outcome, final_outcome
from flows.validate import check_directory
from flows.walker import next_item, option_labels, parse_answer

FOLDER = Path(__file__).resolve().parents[1] / "flows" / "questionnaires"
ALL = load_directory(FOLDER)
LANGUAGES = ("sv", "en", "fi")
WORDS = {"sv": ("ja", "nej"), "en": ("yes", "no"), "fi": ("kyllä", "ei")}
EXPECTED = {
    "general",
    "sore_throat",
    "cough_cold",
    "breathing",
    "urinary",
    "stomach",
    "skin",
    "back_joint",
    "ear_eye",
    "headache",
    "child_fever",
    "mental",
    "prescription_other",
}
SCREEN = load_fragment(FOLDER / "_red_flags.yaml")
SCREEN_IDS = [item.link_id for item in SCREEN.items]

ADULT: dict[str, AnswerValue] = {"for_child": False}
CHILD: dict[str, AnswerValue] = {"for_child": True, "child_age_months": 30}


def typed_no(item: Item, lang: str) -> str:
    """What a patient with nothing alarming types: no, the first option, small numbers."""
    match item.type:
        case "boolean":
            return WORDS[lang][1]
        case "choice":
            return option_labels(item, lang)[0]
        case "integer":
            return str(int(item.min_value or 0) + 1) if item.max_value != 100 else "97"
        case "decimal":
            return "37,2" if lang != "en" else "37.2"
    return "Inget mer" if lang == "sv" else "Nothing more"


def reply(item: Item, text: str, lang: str) -> AnswerValue:
    yes, no = WORDS[lang]
    parsed = parse_answer(item, text, lang, [yes], [no])
    assert parsed.value is not None, (item.link_id, text, parsed.error)
    return parsed.value


def walk(
    q: Questionnaire,
    context: Mapping[str, AnswerValue],
    lang: str,
    typed: Mapping[str, str] | None = None,
) -> tuple[Outcome, list[str], dict[str, AnswerValue]]:
    """Ask as the bot does: check for an emergency after every answer, stop at the first."""
    typed = typed or {}
    answers = dict(context)
    asked: list[str] = []
    while (item := next_item(q, answers)) is not None:
        asked.append(item.link_id)
        assert item.text.get(lang, "").strip(), (q.id, item.link_id, lang)
        answers[item.link_id] = reply(item, typed.get(item.link_id, typed_no(item, lang)), lang)
        emergency = emergency_outcome(q, answers)
        if emergency is not None:
            return emergency, asked, answers
    return final_outcome(q, answers), asked, answers


def test_the_complaints_are_all_shipped_and_valid() -> None:
    assert set(ALL) == EXPECTED
    assert check_directory(FOLDER, list(LANGUAGES)) == []


@pytest.mark.parametrize("qid", sorted(EXPECTED))
def test_each_has_versions_title_and_keywords(qid: str) -> None:
    q = ALL[qid]

    assert q.version and q.rules_version
    assert all(q.title.get(lang) for lang in LANGUAGES)
    if qid != "general":  # the default, chosen when nothing else fits
        assert all(len(q.keywords.get(lang, ())) >= 4 for lang in LANGUAGES)


@pytest.mark.parametrize("qid", sorted(EXPECTED))
def test_each_opens_with_the_shared_screen_and_ends_with_free_text(qid: str) -> None:
    q = ALL[qid]

    assert [item.link_id for item in q.items[: len(SCREEN_IDS)]] == SCREEN_IDS
    assert q.items[: len(SCREEN_IDS)] == SCREEN.items
    assert all(rule in q.rules for rule in SCREEN.rules)
    last = q.items[-1]
    assert (last.link_id, last.type, last.required) == ("other", "text", False)


def emergency_cases() -> list[tuple[str, Rule, str]]:
    """Every R/A rule on one yes/no answer, of every questionnaire, in every language."""
    cases = []
    for qid in sorted(ALL):
        q = ALL[qid]
        for rule in q.rules:
            if rule.outcome not in EMERGENCY_LEVELS or len(rule.when) != 1:
                continue
            if q.type_of(rule.when[0].question) != "boolean":
                continue
            cases.extend((qid, rule, lang) for lang in LANGUAGES)
    return cases


EMERGENCIES = emergency_cases()


def test_every_red_flag_question_is_covered() -> None:
    covered = {(qid, rule.when[0].question) for qid, rule, _ in EMERGENCIES}
    flagged = {(q.id, item.link_id) for q in ALL.values() for item in q.items if item.red_flag}

    assert flagged <= covered
    assert len(flagged) == 12 * len(ALL)


@pytest.mark.parametrize(
    ("qid", "rule", "lang"),
    EMERGENCIES,
    ids=[f"{qid}-{rule.id}-{lang}" for qid, rule, lang in EMERGENCIES],
)
def test_a_yes_reaches_112_or_the_emergency_department_at_once(
    qid: str, rule: Rule, lang: str
) -> None:
    q = ALL[qid]
    question = rule.when[0].question
    context = CHILD if question == "rf_child" else ADULT
    yes = WORDS[lang][0]

    outcome, asked, _ = walk(q, context, lang, {question: yes})

    assert asked[-1] == question
    assert outcome.level == rule.outcome
    assert outcome.rule_id == rule.id
    assert (outcome.questionnaire_id, outcome.questionnaire_version) == (q.id, q.version)
    assert outcome.rules_version == q.rules_version
    assert outcome.reason.get(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("qid", sorted(EXPECTED))
@pytest.mark.parametrize("who", ["adult", "child"])
def test_no_to_every_red_flag_stays_in_the_queue(qid: str, lang: str, who: str) -> None:
    context = ADULT if who == "adult" else CHILD

    outcome, asked, answers = walk(ALL[qid], context, lang)

    assert outcome.level in QUEUE_LEVELS
    # Every alarming answer is a yes: no to everything is the questionnaire's default priority.
    assert (outcome.level, outcome.rule_id) == (ALL[qid].default_outcome, None)
    assert asked[-1] == "other"
    flagged = [i for i in SCREEN_IDS if i in answers]
    assert all(answers[i] is False for i in flagged)
    assert ("rf_child" in asked) == (who == "child")
    assert ("rf_pregnancy" in asked) == (who == "adult")


@pytest.mark.parametrize(
    ("months", "replies", "level", "rule_id"),
    [
        (2, {"temperature": "38,0"}, "A", "infant_fever_under_3_months"),
        (2, {"temperature": "37,9"}, "P1", "infant_fever"),
        (2, {"temp_measured": "nej"}, "P1", "infant_fever"),
        (3, {"temperature": "39"}, "A", "infant_fever_3_to_6_months"),
        (6, {"temperature": "39,4"}, "A", "infant_fever_3_to_6_months"),
        (5, {"temperature": "38,5"}, "P2", "fever_3_to_6_months"),
        (7, {"temperature": "39,0"}, "P3", "high_fever"),
        (7, {"temperature": "40,1"}, "P2", "very_high_fever"),
        (30, {"temperature": "38,2"}, "P3", None),
        (30, {"cf_days": "5"}, "P3", "cf_long_fever"),
        (30, {"cf_drinking": "ja"}, "P2", "cf_drinking"),
        (30, {"cf_breathing": "ja"}, "P1", "cf_breathing"),
    ],
)
def test_child_fever_age_bands(
    months: int, replies: dict[str, str], level: str, rule_id: str | None
) -> None:
    context = {"for_child": True, "child_age_months": months}
    typed = {"fever": "ja", "temp_measured": "ja", **replies}

    outcome, asked, _ = walk(ALL["child_fever"], context, "sv", typed)

    assert (outcome.level, outcome.rule_id) == (level, rule_id)
    if level == "A":
        assert asked[-1] == "temperature"


@pytest.mark.parametrize(
    ("qid", "typed", "level", "rule_id"),
    [
        ("sore_throat", {"throat_saliva": "ja"}, "A", "throat_saliva"),
        (
            "sore_throat",
            {"fever": "ja", "throat_glands": "ja", "throat_cough": "nej"},
            "P3",
            "throat_strep_signs",
        ),
        ("sore_throat", {"throat_drink": "ja"}, "P2", "throat_cannot_drink"),
        (
            "cough_cold",
            {"cough_chest_pain": "ja", "fever": "ja"},
            "P2",
            "cough_chest_pain_with_fever",
        ),
        ("breathing", {"br_spo2_measured": "ja", "br_spo2": "90"}, "P1", "br_spo2_90"),
        ("breathing", {"br_spo2_measured": "ja", "br_spo2": "93"}, "P2", "br_spo2_94"),
        (
            "breathing",
            {"br_asthma": "ja", "br_reliever_no_help": "ja"},
            "P1",
            "br_reliever_no_help",
        ),
        ("urinary", {"uti_flank": "ja", "fever": "ja"}, "P2", "uti_flank_with_fever"),
        ("urinary", {"pregnant": "ja"}, "P2", "uti_pregnant"),
        ("stomach", {"st_black_stool": "ja"}, "P1", "st_black_stool"),
        ("stomach", {"pregnant": "ja", "pain": "6"}, "P1", "st_pain_in_pregnancy"),
        ("skin", {"skin_wound": "ja", "skin_bite": "ja"}, "P2", "skin_bite"),
        ("back_joint", {"bj_cauda": "ja"}, "A", "bj_cauda"),
        ("back_joint", {"bj_hot_joint": "ja", "fever": "ja"}, "P1", "bj_hot_joint_with_fever"),
        ("ear_eye", {"eye_chemical": "ja"}, "A", "eye_chemical"),
        (
            "ear_eye",
            {"ee_where": "ögat", "eye_vision": "ja", "pain": "6"},
            "P1",
            "eye_vision_with_pain",
        ),
        ("ear_eye", {"ee_where": "örat", "ear_behind": "ja"}, "P1", "ear_behind"),
        (
            "headache",
            {"ha_head_injury": "ja", "ha_blood_thinner": "ja"},
            "P1",
            "ha_injury_blood_thinner",
        ),
        ("mental", {"thoughts_of_death": "ja"}, "P1", "thoughts_of_death"),
        ("mental", {"mh_afraid": "ja"}, "P2", "mh_afraid"),
        ("mental", {"mh_daily_life": "ja"}, "P3", "mh_daily_life"),
        (
            "prescription_other",
            {"po_reason": "förnya recept", "po_running_out": "ja", "po_vital": "ja"},
            "P2",
            "po_vital_running_out",
        ),
    ],
)
def test_complaint_rules(qid: str, typed: dict[str, str], level: str, rule_id: str | None) -> None:
    outcome, _, _ = walk(ALL[qid], ADULT, "sv", typed)

    assert (outcome.level, outcome.rule_id) == (level, rule_id)


def test_ear_questions_are_not_asked_about_an_eye() -> None:
    _, asked, _ = walk(ALL["ear_eye"], ADULT, "en", {"ee_where": "eye"})

    assert "eye_vision" in asked
    assert "ear_behind" not in asked


MEASURED = [
    (qid, item.link_id)
    for qid, q in sorted(ALL.items())
    for item in q.items
    if item.type in ("integer", "decimal")
    and len(item.enable_when) == 1
    and item.enable_when[0].question.endswith("_measured")
]


def test_measurements_are_found() -> None:
    assert ("breathing", "br_spo2") in MEASURED
    assert ("child_fever", "temperature") in MEASURED
    assert len(MEASURED) >= 10


@pytest.mark.parametrize(("qid", "link_id"), MEASURED, ids=[f"{q}-{i}" for q, i in MEASURED])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_measurement_never_lowers_the_priority(
    qid: str, link_id: str, data: st.DataObject
) -> None:
    q = ALL[qid]
    item = q.item(link_id)
    gate = item.enable_when[0].question
    months = data.draw(st.one_of(st.none(), st.integers(min_value=0, max_value=155)))
    answers: dict[str, AnswerValue] = (
        {"for_child": False} if months is None else {"for_child": True, "child_age_months": months}
    )
    for other in q.items:
        if other.red_flag:
            answers[other.link_id] = False
        elif other.type == "boolean":
            answers[other.link_id] = data.draw(st.booleans(), label=other.link_id)
        elif other.type == "choice":
            answers[other.link_id] = data.draw(st.sampled_from([o.code for o in other.options]))
        elif other.type in ("integer", "decimal") and other.link_id != link_id:
            low, high = int(other.min_value or 0), int(other.max_value or 100)
            answers[other.link_id] = data.draw(st.integers(low, high), label=other.link_id)
    low, high = item.min_value or 0, item.max_value or 100
    value: AnswerValue = (
        data.draw(st.integers(int(low), int(high)))
        if item.type == "integer"
        else data.draw(st.floats(low, high))
    )
    for earlier in q.item(gate).enable_when:  # the gate's own gate (fever) is answered yes
        answers[earlier.question] = True

    unmeasured = final_outcome(q, {**answers, gate: False})
    measured = final_outcome(q, {**answers, gate: True, link_id: value})

    assert urgency_rank(measured.level) <= urgency_rank(unmeasured.level)
