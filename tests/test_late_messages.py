"""A message read only after its sender was asked to write it again (`Incoming.late`, a Matrix
message whose key came after the notice): kept where it belongs, never acted on, moderated."""

from __future__ import annotations

import itertools
import logging
from datetime import UTC, datetime, timedelta

import pytest

from adapters.shell import PLATFORM, STAFF_ROOM
from bot.events import Incoming
from storage.records import Address, Case
from tests.conftest import OPEN_TIME, Chat

_ids = itertools.count(1)
# Written ten minutes before the test's clock starts, read only now.
WRITTEN = OPEN_TIME - timedelta(minutes=10)  # kl. 8.50


async def _late(
    chat: Chat,
    role: str,
    text: str,
    *,
    written: datetime = WRITTEN,
    chat_address: Address | None = None,
    event_id: str | None = None,
) -> str:
    """Hand the core a late message as the Matrix adapter would; returns what was printed."""
    sender = Address(PLATFORM, role)
    event = Incoming(
        event_id or f"late:{next(_ids)}",
        sender,
        chat_address or sender,
        text,
        written,
        late=True,
    )
    start = chat.out.tell()
    await chat.service.handle(event)
    await chat.shell.drain()
    chat.clock.advance(seconds=5)
    chat.out.seek(start)
    return chat.out.read()


async def _case(chat: Chat) -> Case:
    case = await chat.case_of()
    assert case is not None
    return case


async def _to_questions(chat: Chat) -> Case:
    await chat.say("hej")
    await chat.say("1")  # svenska
    await chat.say("1")  # myself
    await chat.say("ont i halsen")
    for _ in range(3):
        answer = await chat.benign_answer()
        assert answer is not None
        await chat.say(answer)
    case = await _case(chat)
    assert case.state == "intake" and case.step == "questions"
    return case


async def test_a_late_answer_in_intake_is_kept_but_answers_nothing(chat: Chat) -> None:
    before = await _to_questions(chat)
    answers = await chat.repos(lambda r: r.answers.of_case(before.id))
    asked = await chat.benign_answer()
    assert asked is not None

    printed = await _late(chat, "patient", asked)

    assert printed == ""  # the patient was asked to write it again; no more words about it
    after = await _case(chat)
    assert (after.state, after.step, after.pending_items) == (
        before.state,
        before.step,
        before.pending_items,
    )
    assert await chat.repos(lambda r: r.answers.of_case(before.id)) == answers
    assert await chat.benign_answer() == asked  # the same question still waits
    [line] = [
        line
        for line in await chat.repos(lambda r: r.record.of_case(before.id))
        if line.written_at is not None
    ]
    assert (line.author_role, line.body, line.written_at) == ("patient", asked, WRITTEN)

    # The clinician who takes the case reads it in the summary, marked as late.
    await chat.answer_calmly()
    printed = await chat.say("clinician: !next")
    assert "Meddelanden som kom fram för sent (räknas inte som svar):" in printed
    assert f"• kl. 8.50: {asked}" in printed


async def test_a_late_command_from_a_patient_is_not_carried_out(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await _late(chat, "patient", "avbryt")
    assert printed == ""
    case = await _case(chat)
    assert case.state == "queued"
    record = await chat.repos(lambda r: r.record.of_case(case.id))
    assert [line.body for line in record if line.written_at is not None] == ["avbryt"]


async def test_a_late_line_in_a_conversation_reaches_the_clinician_marked(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    printed = await _late(chat, "patient", "ja, sedan i går")
    assert printed.strip() == (
        "[patient → clinician] [skrivet kl. 8.50 men kom fram först nu] ja, sedan i går"
    )


async def test_a_late_message_with_red_flag_words_in_the_queue_asks_those_questions_now(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    printed = await _late(chat, "patient", "nu har jag väldigt svårt att andas")
    assert "Det du skriver kan vara allvarligt." in printed
    case = await _case(chat)
    assert case.step == "recheck"  # asked now; only what is answered now counts


async def test_self_harm_in_a_late_message_still_brings_crisis_numbers(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await _late(chat, "patient", "jag vill inte leva längre, jag tänker ta livet av mig")
    assert "Självmordslinjen på 90101" in printed
    assert "[bot → staff] AKUT i ärende #1" in printed
    assert "[skrivet kl. 8.50 men kom fram först nu]" in printed  # staff know when


async def test_a_late_threat_is_held_back_and_the_alert_says_when_it_was_written(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    printed = await _late(chat, "patient", "jag ska döda dig")
    assert "[patient → clinician]" not in printed
    assert "[bot → patient] Ditt meddelande har inte skickats vidare." in printed
    assert "[bot → staff] HOT i ärende #1" in printed
    assert "[skrivet kl. 8.50 men kom fram först nu]" in printed
    case = await _case(chat)
    assert case.relay_paused


async def test_a_late_first_message_from_someone_new_leaves_nothing_behind(chat: Chat) -> None:
    printed = await _late(chat, "patient", "hej, jag har ont i halsen")
    assert printed == ""
    assert await chat.repos(lambda r: r.patients.by_account(Address(PLATFORM, "patient"))) is None
    # Words about self-harm are answered even so.
    printed = await _late(chat, "patient", "jag vill ta livet av mig")
    assert "Självmordslinjen på 90101" in printed
    assert await chat.case_of() is None


async def test_a_late_next_from_staff_takes_no_case_and_says_so_once(chat: Chat) -> None:
    await chat.start_to_queue()
    written = OPEN_TIME - timedelta(hours=1, minutes=3)
    printed = await _late(chat, "clinician", "!next", written=written, event_id="late:next")
    assert printed.strip() == (
        "[bot → clinician] Jag kunde inte läsa ditt meddelande från kl. 7.57 i tid, så jag har"
        " inte gjort något med det. Skriv det igen om det fortfarande gäller."
    )
    case = await _case(chat)
    assert case.state == "queued" and case.clinician is None
    # Redelivered: told once.
    assert await _late(chat, "clinician", "!next", written=written, event_id="late:next") == ""
    # In the staff room too, told in their own chat; talk among staff stays theirs.
    printed = await _late(chat, "clinician", "!next", chat_address=STAFF_ROOM)
    assert printed.startswith("[bot → clinician] Jag kunde inte läsa ditt meddelande")
    assert await _late(chat, "clinician", "vem tar nästa?", chat_address=STAFF_ROOM) == ""
    assert (await _case(chat)).state == "queued"


async def test_late_words_from_a_clinician_neither_reach_the_patient_nor_close(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    printed = await _late(chat, "clinician", "Hur länge har du haft feber?")
    assert "[clinician → patient]" not in printed
    assert "Jag kunde inte läsa ditt meddelande från kl. 8.50 i tid" in printed
    printed = await _late(chat, "clinician", "!close")
    assert "Jag kunde inte läsa ditt meddelande" in printed
    case = await _case(chat)
    assert case.state == "active"
    record = await chat.repos(lambda r: r.record.of_case(case.id))
    assert not [line for line in record if "feber?" in line.body]


async def test_a_message_written_yesterday_says_which_day(chat: Chat) -> None:
    await chat.start_to_queue()
    written = OPEN_TIME - timedelta(hours=12)  # 24/11 kl. 21.00
    printed = await _late(chat, "clinician", "!queue", written=written)
    assert "ditt meddelande från 24/11 kl. 21.00 i tid" in printed


async def test_late_messages_log_no_words(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await chat.start_to_queue()
    await _late(chat, "patient", "Det svider när jag kissar")
    await _late(chat, "clinician", "!take 1 Klådan")
    await _late(chat, "patient2", "Ingrid har feber")
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert "read late" in logged
    for secret in ("svider", "Klådan", "Ingrid"):
        assert secret not in logged


async def test_the_export_says_when_a_late_message_was_written(chat: Chat) -> None:
    await chat.start_to_queue()
    await _late(chat, "patient", "glömde säga att jag har feber")
    printed = await chat.say("minadata")
    assert '"text": "glömde säga att jag har feber"' in printed
    assert f'"written": "{WRITTEN.astimezone(UTC).isoformat()}"' in printed
