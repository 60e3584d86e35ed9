"""The first message often says it all: it is listened to, and an emergency gets 112 first."""

from __future__ import annotations

import pytest

from tests.conftest import Chat


async def test_a_first_message_that_names_the_complaint_is_not_asked_for_again(
    chat: Chat,
) -> None:
    await chat.say("Hej, jag har haft ont i halsen sedan i går")
    await chat.say("1")
    printed = await chat.say("1")
    assert "Du skrev: ”Hej, jag har haft ont i halsen sedan i går”" in printed
    assert "Vad söker du vård för?" not in printed
    assert "1. Ont i halsen" in printed
    printed = await chat.say("1")
    assert "Fråga 1 av" in printed
    case = await chat.case_of()
    assert case is not None and case.questionnaire_id == "sore_throat"
    assert case.complaint == "Hej, jag har haft ont i halsen sedan i går"


async def test_a_greeting_alone_gets_the_usual_question(chat: Chat) -> None:
    await chat.say("Hej hej!")
    await chat.say("1")
    printed = await chat.say("1")
    assert "Vad söker du vård för?" in printed and "Du skrev" not in printed


async def test_back_from_the_suggestions_lets_the_patient_describe_it_anew(chat: Chat) -> None:
    await chat.say("Jag har hosta och feber")
    await chat.say("1")
    await chat.say("1")
    printed = await chat.say("tillbaka")
    assert "Vad söker du vård för?" in printed
    printed = await chat.say("Ont i ryggen sedan i morse")
    assert "Ont i ryggen eller lederna" in printed
    assert "Du skrev" not in printed


async def test_emergency_words_in_the_first_message_get_112_before_any_menu(chat: Chat) -> None:
    printed = await chat.say("Jag har så ont i bröstet")
    first = printed.split("Välkommen till Min vård!")[0]
    assert "Ring 112 nu." in first
    assert "Call 112 now." in first and "Soita heti 112." in first
    await chat.say("1")
    printed = await chat.say("1")
    assert "Har du ont eller tryck i bröstet" in printed
    printed = await chat.say("ja")
    assert "112" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "redirected"


async def test_a_parents_first_message_is_used_after_the_guardian_step(chat: Chat) -> None:
    await chat.say("Hello, my daughter has a fever")
    await chat.say("2")
    await chat.say("2")
    await chat.say("Anna")
    await chat.say("3")
    printed = await chat.say("1")
    assert "You wrote: “Hello, my daughter has a fever”" in printed
    assert "1. Child with fever" in printed


async def test_words_about_self_harm_in_the_first_message_alert_staff_with_a_case_number(
    chat: Chat,
) -> None:
    printed = await chat.say("jag vill inte leva längre")
    assert "Självmordslinjen" in printed
    assert "[bot → staff] AKUT i ärende #1:" in printed
    case = await chat.case_of()
    assert case is not None and case.id == 1
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert record[0].body == "jag vill inte leva längre"


@pytest.mark.parametrize(
    ("lang", "words", "you_wrote", "pick", "asked_anew"),
    [
        (
            "sv",
            "Jag undrar över en knöl jag hittat på armen",
            "Du skrev: ”Jag undrar över en knöl jag hittat på armen”",
            "Välj det som passar bäst.",
            "Vad söker du vård för?",
        ),
        (
            "en",
            "I keep forgetting things lately",
            "You wrote: “I keep forgetting things lately”",
            "Choose what fits best.",
            "What are you seeking care for?",
        ),
        (
            "fi",
            "Unohtelen asioita viime aikoina",
            "Kirjoitit: ”Unohtelen asioita viime aikoina”",
            "Valitse parhaiten sopiva.",
            "Mihin haet hoitoa?",
        ),
    ],
)
async def test_a_first_message_naming_no_known_complaint_is_kept_and_the_list_follows(
    chat: Chat, lang: str, words: str, you_wrote: str, pick: str, asked_anew: str
) -> None:
    await chat.say(words)
    await chat.say({"sv": "1", "en": "2", "fi": "3"}[lang])
    printed = await chat.say("1")
    case = await chat.case_of()
    if case is not None and case.step == "self_age":
        printed = await chat.say("34")
    assert you_wrote in printed, printed
    assert pick in printed and asked_anew not in printed, printed
    await chat.answer_calmly()
    case = await chat.case_of()
    assert case is not None and case.state == "queued" and case.complaint == words
    summary = await chat.say("clinician: !next")
    assert f"Söker för: {words}" in summary, summary
