"""Answers to a warning-sign question as people give them (issue 12): Finnish "on", "olen" and
"kyllä on" are a yes, "en" and "ei ole" a no; "kanske", "maybe", "vähän" are unsure, and after two
unsure answers to the same question the patient is told what to do meanwhile (1177, 112 if it
gets worse) and the questionnaire goes on: never a silent loop. The case is queued at least P2
and the clinician reads the unclear warning sign at the top of the summary."""

from __future__ import annotations

import pytest

from tests.conftest import Chat

LANGUAGE_NUMBER = {"sv": "1", "en": "2", "fi": "3"}
COMPLAINT = {"sv": "Ont i halsen", "en": "Sore throat", "fi": "Kurkkukipu"}
BREATHING = {
    "sv": "Har du så svårt att andas",
    "en": "Are you so short of breath",
    "fi": "Onko sinun niin vaikea hengittää",
}
CHEST = {
    "sv": "Har du ont eller tryck i bröstet",
    "en": "Do you have chest pain or pressure",
    "fi": "Onko sinulla rintakipua",
}
ASKED_AGAIN = {
    "sv": "Svara ja eller nej",
    "en": "Answer yes or no",
    "fi": "Vastaa kyllä tai ei",
}
ADVICE = {
    "sv": "Det är helt i sin ordning att vara osäker.",
    "en": "It's perfectly all right to be unsure.",
    "fi": "On ihan ymmärrettävää, ettei ole varma.",
}
CALL_112 = {"sv": "Ring 112 nu.", "en": "Call 112 now.", "fi": "Soita 112 nyt."}
UNSURE = {"sv": ["kanske", "lite"], "en": ["maybe", "I don't know"], "fi": ["vähän", "en tiedä"]}


async def _to_first_red_flag(chat: Chat, lang: str) -> str:
    await chat.say("hej")
    await chat.say(LANGUAGE_NUMBER[lang])
    printed = await chat.say("1")
    case = await chat.case_of()
    if case is not None and case.step == "self_age":
        printed = await chat.say("34")
    printed = await chat.say(COMPLAINT[lang])
    assert BREATHING[lang] in printed, printed
    return printed


@pytest.mark.parametrize("yes", ["on", "olen", "kyllä on"])
async def test_finnish_on_and_olen_are_a_yes_to_a_warning_sign(chat: Chat, yes: str) -> None:
    await _to_first_red_flag(chat, "fi")
    printed = await chat.say(yes)
    assert CALL_112["fi"] in printed, printed
    case = await chat.case_of()
    assert case is not None and case.state == "redirected"


@pytest.mark.parametrize("no", ["ei", "en", "ei ole"])
async def test_finnish_ei_en_and_ei_ole_are_a_no(chat: Chat, no: str) -> None:
    await _to_first_red_flag(chat, "fi")
    printed = await chat.say(no)
    assert CHEST["fi"] in printed, printed
    assert ASKED_AGAIN["fi"] not in printed


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
async def test_two_unsure_answers_bring_advice_and_the_questions_go_on_at_p2(
    chat: Chat, lang: str
) -> None:
    await _to_first_red_flag(chat, lang)
    first, second = UNSURE[lang]
    printed = await chat.say(first)
    assert ASKED_AGAIN[lang] in printed and BREATHING[lang] in printed, printed
    printed = await chat.say(second)
    assert ADVICE[lang] in printed, printed
    assert "1177" in printed and "112" in printed
    assert CHEST[lang] in printed and BREATHING[lang] not in printed, printed
    printed = await chat.answer_calmly()
    case = await chat.case_of()
    assert case is not None and case.state == "queued"
    assert case.priority is not None and case.priority <= 2
    summary = await chat.say("clinician: !next")
    lines = [line.strip() for line in summary.split("\n")]
    header = next(i for i, line in enumerate(lines) if line.startswith("Ärende #1 · P"))
    assert lines[header + 1].startswith("⚠ Osäker på varningstecken"), summary
    assert lines[header + 2].startswith("• Har du så svårt att andas"), summary


async def test_the_patients_own_summary_does_not_call_an_unsure_answer_a_no(chat: Chat) -> None:
    await _to_first_red_flag(chat, "sv")
    await chat.say("vet inte")
    await chat.say("kanske")
    printed = await chat.answer_to_summary()
    assert "Tecken på akut sjukdom: nej på alla 10 frågorna" in printed, printed
    assert "Har du så svårt att andas" in printed and "Osäker" in printed, printed


async def test_an_unsure_answer_in_a_worse_recheck_also_ends_in_advice_not_a_loop(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    await chat.say("sämre")
    printed = await chat.say("kanske")
    assert ASKED_AGAIN["sv"] in printed
    printed = await chat.say("lite")
    assert ADVICE["sv"] in printed and CHEST["sv"] in printed, printed
    await chat.answer_calmly()
    case = await chat.case_of()
    assert case is not None and case.state == "queued" and case.priority == 2
    summary = await chat.say("clinician: !next")
    assert "⚠ Osäker på varningstecken" in summary
