"""The patient's own words point at a red flag: the bot asks that question first, never decides."""

from __future__ import annotations

from tests.conftest import Chat


async def _to_complaint(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")


async def test_a_complaint_naming_chest_pain_asks_the_chest_question_first(chat: Chat) -> None:
    await _to_complaint(chat)
    printed = await chat.say("Jag har ont i bröstet sedan i morse")
    assert "så jag börjar med den frågan" in printed
    assert "ont eller tryck i bröstet" in printed
    printed = await chat.say("ja")
    assert "[bot → patient] Ring 112 nu." in printed
    case = await chat.case_of()
    assert case is not None and case.state == "redirected" and case.rule_id == "rf_chest"


async def test_the_words_only_ask_and_a_no_continues_with_the_questionnaire(chat: Chat) -> None:
    await _to_complaint(chat)
    await chat.say("ont i bröstet när jag hostar")
    printed = await chat.say("nej")
    assert "Fråga" in printed and "Ring 112" not in printed
    case = await chat.case_of()
    assert case is not None and case.state == "intake" and case.pending_items == ()
    printed = await chat.answer_calmly()
    assert "Ditt ärende är skickat" in printed
    answers = await chat.repos(lambda r: r.answers.of_case(1))
    assert answers["rf_chest"] is False and "rf_breathing" in answers  # asked once each


async def test_a_waiting_patient_who_writes_they_cannot_breathe_is_asked_at_once(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    printed = await chat.say("nu kan jag inte andas ordentligt")
    assert "Vid livshotande tillstånd ring 112 nu." in printed
    assert "svårt att andas" in printed
    printed = await chat.say("ja")
    assert "[bot → patient] Ring 112 nu." in printed
    assert "[bot → staff] ⚠ Ärende #1: hänvisat direkt (R" in printed


async def test_anything_else_naming_an_emergency_brings_its_question_back(chat: Chat) -> None:
    await _to_complaint(chat)
    await chat.say("ont i magen")
    printed = await chat.answer_calmly(overrides={"other": "och så har jag ont i bröstet"})
    # What came after the last question, where the words were written.
    after = printed.split("Vill du berätta något mer", 1)[-1]
    assert "ont eller tryck i bröstet" in after  # asked again after the words, answered no
    assert "Ditt ärende är skickat" in printed
    record = await chat.repos(lambda r: r.record.of_case(1))
    asked = [line for line in record if "ont eller tryck i bröstet" in line.body]
    assert len(asked) == 2
