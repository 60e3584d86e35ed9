"""Scripted conversations through the shell transport and the real core on a real SQLite file."""

from __future__ import annotations

import asyncio
from pathlib import Path

from adapters.shell import PLATFORM
from storage.records import Address
from tests.conftest import CLOSED_TIME, Chat, Clock, make_chat


async def test_full_journey_from_first_message_to_close(chat: Chat) -> None:
    printed = await chat.say("hej")
    assert "Vilket språk vill du använda?" in printed
    assert "1. Svenska" in printed and "3. Suomi" in printed
    printed = await chat.say("svenska")
    assert "Vem söker du vård för?" in printed
    printed = await chat.say("mig själv")
    assert "Beskriv det med egna ord, eller välj i listan." in printed
    assert "2. Ont i halsen" in printed and "Andra besvär" in printed
    printed = await chat.say("Jag har haft ont i halsen i tre dagar")
    # The words suggest the sore-throat questionnaire; the patient confirms it.
    assert "Vilket av de här passar bäst" in printed and "1. Ont i halsen" in printed
    printed = await chat.say("1")
    assert "Fråga 1 av" in printed
    printed = await chat.answer_calmly()
    # A summary to read before the case is sent; answer_calmly sends it.
    assert "Innan du skickar" in printed
    assert "Du söker för: Jag har haft ont i halsen i tre dagar" in printed
    assert "1. Skicka" in printed and "2. Ändra ett svar" in printed
    assert "[bot → patient] Tack! Ditt ärende är skickat" in printed
    assert "nummer 1 i kön" in printed
    assert "[bot → staff] Nytt ärende #1 · P" in printed

    printed = await chat.say("clinician: !next")
    assert "[bot → patient] Nu är det din tur! Anna Lind, sjuksköterska" in printed
    assert "[bot → clinician] Du har tagit ärende #1" in printed
    assert "Söker för: Jag har haft ont i halsen i tre dagar" in printed
    assert "Varningstecken:" in printed

    printed = await chat.say("Hej, hur länge har du haft feber?")
    # A bare patient line while active is relayed to the clinician.
    assert "[patient → clinician] Hej, hur länge har du haft feber?" in printed
    printed = await chat.say("clinician: Hur mår du nu?")
    assert "[clinician → patient] Hur mår du nu?" in printed
    printed = await chat.say("clinician: !note Halsfluss trolig, råd om egenvård")
    assert "Anteckningen är sparad" in printed
    assert "→ patient]" not in printed

    printed = await chat.say("clinician: !close advice")
    assert "[bot → clinician] Ärende #1 är avslutat (advice)." in printed
    assert "[bot → patient] Ärendet är nu avslutat." in printed

    case = await chat.case_of()
    assert case is not None and case.state == "closed" and case.close_outcome == "advice"
    record = await chat.repos(lambda r: r.record.of_case(case.id))
    events = await chat.repos(lambda r: r.cases.events(case.id))
    audit = await chat.repos(lambda r: r.audit.of_case(case.id))
    answers = await chat.repos(lambda r: r.answers.of_case(case.id))
    roles = {line.author_role for line in record}
    assert roles == {"patient", "bot", "clinician", "note"}
    assert any(line.body == "Hur mår du nu?" for line in record)
    assert [e.to_state for e in events if e.from_state != e.to_state] == [
        "intake",
        "queued",
        "active",
        "closed",
    ]
    assert ("shell:clinician", "take") in audit and ("shell:clinician", "close") in audit
    assert len(answers) >= 8


async def test_red_flag_gives_112_and_never_queues(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")
    printed = await chat.say("jag har svårt att andas")
    assert "Fråga 1 av" in printed
    printed = await chat.say("ja")
    assert "[bot → patient] Ring 112 nu." in printed
    assert "[bot → staff] ⚠ Ärende #1: hänvisat direkt (R" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "redirected" and case.outcome == "R"
    assert case.rule_id is not None and case.rules_version
    printed = await chat.say("clinician: !next")
    assert "Kön är tom." in printed


async def test_child_case_records_the_guardians_statement(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    printed = await chat.say("2")
    assert "Vad heter barnet?" in printed
    printed = await chat.say("Lisa")
    assert "Hur gammal är Lisa?" in printed
    printed = await chat.say("4 år")
    assert "Är du vårdnadshavare för Lisa?" in printed
    printed = await chat.say("1")
    assert "Beskriv det med egna ord" in printed
    assert "Barn med feber" in printed
    printed = await chat.say("Lisa har feber och hosta")
    assert "1. Barn med feber" in printed
    printed = await chat.answer_calmly()
    assert "Gäller: Lisa" in printed
    assert "Ditt ärende är skickat" in printed
    printed = await chat.say("clinician: !next")
    assert "Gäller barn: Lisa, 4 år 0 mån" in printed
    assert "Vårdnadshavarens intygande: Jag intygar att jag är vårdnadshavare för Lisa." in printed


async def test_a_child_of_thirteen_is_told_to_seek_care_themself(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("2")
    await chat.say("Olle")
    printed = await chat.say("14")
    assert "Barn som har fyllt 13 år kan söka vård själva" in printed
    assert "Vem söker du vård för?" in printed


async def test_not_a_guardian_cannot_seek_for_the_child(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("2")
    await chat.say("Olle")
    await chat.say("3")
    printed = await chat.say("nej")
    assert "bara söka vård här för dig själv eller för ett barn som du är vårdnadshavare för" in (
        printed
    )


async def test_cancel_while_queued(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("avbryt")
    assert "Ditt ärende är avbrutet." in printed
    assert "[bot → staff] Ärende #1 avbröts av patienten." in printed
    case = await chat.case_of()
    assert case is not None and case.state == "cancelled"
    printed = await chat.say("clinician: !next")
    assert "Kön är tom." in printed


async def test_out_of_hours_the_patient_is_queued_and_told_when_staff_are_back(
    tmp_path: Path,
) -> None:
    clock = Clock(CLOSED_TIME)  # Saturday 20.00
    chat = await make_chat(tmp_path / "db.sqlite", clock)
    try:
        printed = await chat.start_to_queue()
        assert "Ditt ärende är skickat" in printed
        assert "Just nu är chatten inte bemannad" in printed
        assert "vi öppnar igen i morgon kl. 10.00" in printed
        case = await chat.case_of()
        assert case is not None and case.state == "queued"
    finally:
        await chat.db.close()


async def test_wrong_answer_types_are_asked_again_kindly(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")
    await chat.say("ont i magen")
    await chat.say("1")
    before = await chat.case_of()
    printed = await chat.say("kanske")
    assert "Svara ja eller nej, eller med 1 eller 2." in printed
    assert "Fråga 1 av" in printed
    printed = await chat.say("7")
    assert "Svara ja eller nej" in printed
    after = await chat.case_of()
    assert before is not None and after is not None
    assert (before.state, before.step) == (after.state, after.step) == ("intake", "questions")
    assert await chat.repos(lambda r: r.answers.count(after.id)) == 0


async def test_commands_from_the_wrong_role_are_refused(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("!next")
    assert "Kommandot next är bara för vårdpersonal." in printed
    printed = await chat.say("clinician: !start")
    assert "Kommandot start är för patienter." in printed
    printed = await chat.say("admin: !next")
    assert "Kommandot next är för vårdpersonal som tar ärenden." in printed
    case = await chat.case_of()
    assert case is not None and case.state == "queued"


async def test_two_clinicians_taking_at_once_get_different_cases(chat: Chat) -> None:
    await chat.start_to_queue("patient")
    await chat.start_to_queue("patient2", "ont i örat")
    await asyncio.gather(chat.shell.feed("clinician: !next"), chat.shell.feed("clinician2: !next"))
    first = await chat.case_of("patient")
    second = await chat.case_of("patient2")
    assert first is not None and second is not None
    assert first.state == second.state == "active"
    assert {first.clinician, second.clinician} == {
        Address(PLATFORM, "clinician"),
        Address(PLATFORM, "clinician2"),
    }


async def test_one_open_case_per_person(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("start")
    assert "Vem söker du vård för?" in printed
    printed = await chat.say("1")
    assert "Du har redan ett pågående ärende för dig själv" in printed


async def test_status_worse_and_release(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("status")
    assert "Du är nummer 1 i kön" in printed
    printed = await chat.say("sämre")
    assert "ring 112 nu" in printed and "Kontrollfråga 1 av" in printed
    printed = await chat.answer_calmly()
    assert "flyttat fram ditt ärende" in printed
    assert "prioritet höjd från P" in printed
    await chat.say("clinician: !next")
    printed = await chat.say("clinician: !release")
    assert "Ditt ärende är tillbaka i kön" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "queued" and case.clinician is None


async def test_the_patient_can_switch_language(chat: Chat) -> None:
    await chat.say("hej")
    printed = await chat.say("English")
    assert "Who are you seeking care for?" in printed
    printed = await chat.say("!språk fi")
    assert "Nyt kirjoitan suomeksi" in printed


async def test_a_redelivered_event_is_handled_once(chat: Chat) -> None:
    from bot.events import Incoming

    address = Address(PLATFORM, "patient")
    event = Incoming("dup-1", address, address, "hej", chat.clock())
    first = await chat.service.handle(event)
    second = await chat.service.handle(event)
    assert first and second is None
    assert await chat.repos(lambda r: r.patients.count()) == 1
    assert await chat.repos(lambda r: r.outbox.unsent_count()) == len(first)


async def test_take_a_given_case_and_tell_about_a_second_complaint(chat: Chat) -> None:
    await chat.start_to_queue("patient")
    await chat.start_to_queue("patient2", "utslag på armen")
    printed = await chat.say("clinician: !take 99")
    assert "Hittar inget ärende 99." in printed
    printed = await chat.say("clinician: !take 2")
    assert "[bot → patient2] Nu är det din tur!" in printed
    printed = await chat.say("clinician2: !take 2")
    assert "Ärende #2 står inte i kön" in printed
    printed = await chat.say("clinician: !newcase")
    assert "[bot → patient2] Vårdpersonalen kan bara hjälpa dig med det du sökte för" in printed
    first = await chat.case_of("patient")
    assert first is not None and first.state == "queued"


async def test_worse_with_a_red_flag_while_queued_sends_to_112(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("sämre")
    printed = await chat.say("ja")
    assert "[bot → patient] Ring 112 nu." in printed
    assert "[bot → staff] ⚠ Ärende #1: hänvisat direkt (R" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "redirected"


async def test_an_oversized_message_is_refused_and_changes_nothing(chat: Chat) -> None:
    await chat.say("hej")
    before = await chat.case_of()
    printed = await chat.say("a" * 2001)
    assert "Meddelandet är för långt (högst 2000 tecken)." in printed
    after = await chat.case_of()
    assert before == after


async def test_an_english_patient_is_asked_in_english_and_staff_read_swedish(chat: Chat) -> None:
    await chat.say("hello")
    await chat.say("2")
    await chat.say("1")
    printed = await chat.say("sore throat")
    assert "Question 1 of" in printed
    printed = await chat.answer_calmly()
    assert "You are number 1 in the queue" in printed
    assert "[bot → staff] Nytt ärende #1" in printed


async def test_a_thank_you_after_the_close_does_not_open_a_new_case(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    await chat.say("clinician: !close")
    printed = await chat.say("Tack för hjälpen!")
    assert "Ditt ärende är avslutat, så ingen i vårdpersonalen läser" in printed
    case = await chat.case_of()
    assert case is not None and case.id == 1 and case.state == "closed"
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert record[-2].body == "Tack för hjälpen!"
    printed = await chat.say("start")
    assert "Vem söker du vård för?" in printed


async def test_lines_in_a_row_after_the_close_get_the_closed_answer_once(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    await chat.say("clinician: !close")
    closed = "Ditt ärende är avslutat, så ingen i vårdpersonalen läser"
    assert closed in await chat.say("Tack för hjälpen!")
    assert closed not in await chat.say("Ha en fin dag")
    assert closed not in await chat.say("Hej då")
    chat.clock.advance(minutes=20)
    assert closed in await chat.say("En sak till")
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert [line.body for line in record if line.author_role == "patient"][-4:] == [
        "Tack för hjälpen!",
        "Ha en fin dag",
        "Hej då",
        "En sak till",
    ]


async def test_a_message_long_after_the_close_starts_a_new_intake(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    await chat.say("clinician: !close")
    chat.clock.advance(hours=3)
    printed = await chat.say("Nu har jag ont i örat")
    assert "Vem söker du vård för?" in printed
    case = await chat.case_of()
    assert case is not None and case.id == 2 and case.state == "intake"


async def test_back_takes_the_last_answer_back_and_asks_again(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")
    await chat.say("ont i magen")
    printed = await chat.say("1")
    printed = await chat.say("tillbaka")
    assert "Det här är första frågan" in printed and "Fråga 1 av" in printed
    await chat.say("nej")
    printed = await chat.say("nej")
    assert "Fråga 3 av" in printed
    printed = await chat.say("!back")
    assert "Okej, vi tar den frågan igen." in printed and "Fråga 2 av" in printed
    case = await chat.case_of()
    assert case is not None
    assert await chat.repos(lambda r: r.answers.count(case.id)) == 1
