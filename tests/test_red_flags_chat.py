"""Every red flag, as a conversation in the chat: in Swedish, English and Finnish, a yes sends the
patient to 112 or the emergency department at once, and no to everything ends in the queue.

The walker-level tests (test_flows_questionnaires.py) check each rule; these check what the
patient sees: the choice of complaint, the questions in their language, and the instruction.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.model import EMERGENCY_LEVELS, Questionnaire, Rule, in_language
from tests.conftest import Chat, Clock, make_chat
from tests.test_flows_questionnaires import ALL, LANGUAGES, WORDS, typed_no

LANGUAGE_NUMBER = {"sv": "1", "en": "2", "fi": "3"}
CALL_112 = {"sv": "Ring 112 nu.", "en": "Call 112 now.", "fi": "Soita 112 nyt."}
EMERGENCY_DEPARTMENT = {
    "sv": "Åk till närmaste akutmottagning nu.",
    "en": "Go to the nearest emergency department now.",
    "fi": "Mene nyt lähimpään päivystykseen.",
}
# When a guardian answers for a child, the instruction is about the child.
EMERGENCY_DEPARTMENT_CHILD = {
    "sv": "Åk till närmaste akutmottagning med ditt barn nu.",
    "en": "Take your child to the nearest emergency department now.",
    "fi": "Vie lapsesi nyt lähimpään päivystykseen.",
}
SUMMARY = {"sv": "Innan du skickar", "en": "Before you send", "fi": "Ennen lähettämistä"}
QUEUED = {"sv": "Ditt ärende är skickat", "en": "Your case has been sent", "fi": "lähetetty"}


def red_flag_rules(q: Questionnaire) -> list[Rule]:
    """The R/A rules that one yes fires (every red-flag question has one)."""
    return [
        rule
        for rule in q.rules
        if rule.outcome in EMERGENCY_LEVELS
        and len(rule.when) == 1
        and q.type_of(rule.when[0].question) == "boolean"
    ]


def for_child(q: Questionnaire, rule: Rule | None) -> bool:
    return q.audience == "child" or (rule is not None and rule.when[0].question == "rf_child")


async def begin(chat: Chat, role: str, lang: str, q: Questionnaire, child: bool) -> str:
    """From the first message to the first question, picking `q` by its title."""
    printed = await chat.say(f"{role}: hej")
    printed += await chat.say(f"{role}: {LANGUAGE_NUMBER[lang]}")
    if child:
        printed += await chat.say(f"{role}: 2")
        printed += await chat.say(f"{role}: Mia")
        printed += await chat.say(f"{role}: 2")
        printed += await chat.say(f"{role}: 1")  # guardian
    else:
        printed += await chat.say(f"{role}: 1")
    printed += await chat.say(f"{role}: {in_language(q.title, lang)}")
    return printed


async def answer_until(
    chat: Chat, role: str, lang: str, q: Questionnaire, yes_to: str | None
) -> tuple[str, list[str]]:
    """Answer as a calm patient in `lang`, yes to `yes_to`, until the questions end."""
    printed, asked = "", []
    intake = chat.service.intake
    for _ in range(80):
        case = await chat.case_of(role)
        assert case is not None
        if case.state != "intake" or case.step != "questions":
            return printed, asked
        assert case.questionnaire_id == q.id
        answers = await chat.repos(lambda repos, case=case: intake.answers(repos, case))
        item = intake.current_item(case, intake.questionnaire(case), answers)
        assert item is not None
        asked.append(item.link_id)
        child = bool(answers.get("for_child"))
        question = item.question(lang, for_child=child)
        assert question in printed.split("\n[bot")[-1] or not printed
        typed = WORDS[lang][0] if item.link_id == yes_to else typed_no(item, lang)
        printed = await chat.say(f"{role}: {typed}")
    raise AssertionError("the questionnaire did not end")


@pytest.fixture
async def chat(tmp_path: Path, clock: Clock):  # type: ignore[no-untyped-def]
    chat = await make_chat(tmp_path / "minvard.db", clock)
    try:
        yield chat
    finally:
        await chat.db.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("qid", sorted(ALL))
async def test_each_red_flag_yes_sends_to_112_or_the_emergency_department(
    chat: Chat, qid: str, lang: str
) -> None:
    q = ALL[qid]
    rules = red_flag_rules(q)
    assert len(rules) >= 11
    for number, rule in enumerate(rules):
        role = f"patient{number + 1}"
        question = rule.when[0].question
        child = for_child(q, rule)
        if child and question == "rf_pregnancy":
            continue  # asked of adults only; the child questionnaire has no adult to ask
        await begin(chat, role, lang, q, child)
        last, asked = await answer_until(chat, role, lang, q, question)

        assert asked[-1] == question, rule.id
        case = await chat.case_of(role)
        assert case is not None
        assert (case.state, case.outcome, case.rule_id) == ("redirected", rule.outcome, rule.id)
        if rule.outcome == "R":
            expected = CALL_112
        else:
            expected = EMERGENCY_DEPARTMENT_CHILD if child else EMERGENCY_DEPARTMENT
        assert f"[bot → {role}] {expected[lang]}" in last, (rule.id, last)
        reason = rule.reason_child if child and rule.reason_child else rule.reason
        assert in_language(reason, lang) in last
        assert "[bot → staff] ⚠" in last


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("qid", sorted(ALL))
async def test_no_to_every_red_flag_shows_the_summary_and_queues(
    chat: Chat, qid: str, lang: str
) -> None:
    q = ALL[qid]
    whom = [True] if q.audience == "child" else [False, True]
    for number, child in enumerate(whom):
        role = f"patient{number + 1}"
        await begin(chat, role, lang, q, child)
        last, asked = await answer_until(chat, role, lang, q, None)

        assert asked[-1] == "other"
        assert SUMMARY[lang] in last and "• " in last
        printed = await chat.say(f"{role}: 1")
        assert QUEUED[lang] in printed
        case = await chat.case_of(role)
        assert case is not None and case.state == "queued"
        assert (case.outcome, case.rule_id) == (q.default_outcome, None)
