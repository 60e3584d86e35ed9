"""Edits in a shared patient room: what the patient finally wrote is in the record and goes
through the tone rules; a threat added by editing is taken back with the message it edited."""

from __future__ import annotations

import asyncio
import logging

import pytest
from nio import RoomSendResponse

from storage.matrix_state import MatrixState
from storage.records import Address
from testkit.matrix import WAIT, Bot, Person, World, queue_patient, wait_until
from tests.matrix.test_matrix_moderation import (
    NOT_WITHDRAWN,
    REASON,
    THREAT,
    _case_in_progress,
    _event,
    _nothing_unsent,
    _redacted,
)

EDITED = "(ändrat)"


async def edit(person: Person, room_id: str, original: str, text: str) -> str:
    """Change an earlier message as Element does: a fallback body and the new content."""
    content = {
        "msgtype": "m.text",
        "body": f" * {text}",
        "m.new_content": {"msgtype": "m.text", "body": text},
        "m.relates_to": {"rel_type": "m.replace", "event_id": original},
    }
    answer = await asyncio.wait_for(
        person.client.room_send(room_id, "m.room.message", content, ignore_unverified_devices=True),
        WAIT,
    )
    assert isinstance(answer, RoomSendResponse), answer
    return str(answer.event_id)


async def _lines(bot: Bot, case_id: int) -> list[tuple[str, str]]:
    lines = await bot.repos(lambda r: r.record.of_case(case_id))
    return [(line.author_role, line.body) for line in lines]


async def _has(bot: Bot, case_id: int, role: str, body: str) -> bool:
    return (role, body) in await _lines(bot, case_id)


async def _restart_from(bot: Bot, token: str) -> None:
    """Stop, and start again from an older sync token: what came after it is delivered again.
    The outbox is empty first: a send cut off by the stop is repeated by design."""
    await wait_until(lambda: _nothing_unsent(bot), "the outbox to empty")
    await bot.stop()
    now = bot.service.services.clock()
    await bot.db.write(lambda tx: MatrixState(tx).save_sync_token(token, now))
    await bot.start()
    assert bot.adapter is not None
    adapter = bot.adapter
    start = adapter.batches
    await wait_until(lambda: adapter.batches >= start + 2, "two more syncs")
    await asyncio.sleep(0.5)


async def test_an_edit_is_recorded_as_edited_once_however_often_it_comes(world: World) -> None:
    bot, clinician, patient, _, room = await _case_in_progress(world)
    first = await patient.send(room, "Febern var 38 grader i morse")
    await clinician.expect(room, patient.user_id, "Febern var 38 grader i morse")
    before = await bot.db.read(lambda tx: MatrixState(tx).sync_token())
    assert before is not None

    await edit(patient, room, first, "Febern var 39 grader i morse")
    # The clinician reads the change straight in the room; the record keeps both lines.
    await clinician.expect(room, patient.user_id, "39 grader")
    marked = f"{EDITED} Febern var 39 grader i morse"
    await wait_until(lambda: _has(bot, 1, "patient", marked), "the edit in the record")
    assert await _has(bot, 1, "patient", "Febern var 38 grader i morse")
    assert not _redacted(world, clinician, room, first)

    # The same edit delivered again (a restart before the sync token was saved): once.
    await _restart_from(bot, before)
    assert [body for _, body in await _lines(bot, 1)].count(marked) == 1
    # Nothing was posted again either: the clinician reads the patient directly.
    echoed = [b for b in clinician.said(room, bot.user_id) if "39 grader" in b]
    assert echoed == []


async def test_a_threat_added_by_editing_is_taken_back_with_the_message_it_edited(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.matrix")
    bot, clinician, patient, staff_room, room = await _case_in_progress(world)
    first = await patient.send(room, "Jag är så trött på att vänta")
    await clinician.expect(room, patient.user_id, "Jag är så trött på att vänta")
    before = await bot.db.read(lambda tx: MatrixState(tx).sync_token())
    assert before is not None

    changed = await edit(patient, room, first, THREAT)
    await patient.expect(room, bot.user_id, "Ditt meddelande har inte skickats vidare.")
    for event_id in (changed, first):
        await wait_until(lambda e=event_id: _redacted(world, clinician, room, e), "redactions")
        seen = _event(world, clinician, room, event_id)
        assert seen["content"] == {}
        assert seen["unsigned"]["redacted_because"]["content"]["reason"] == REASON

    alert = await clinician.expect(staff_room, bot.user_id, "HOT i ärende #1")
    assert f"«{EDITED} {THREAT}»" in alert
    assert await _has(bot, 1, "patient", f"{EDITED} {THREAT}")
    case = await bot.case_of(room)
    assert case is not None and case.relay_paused
    assert not any(NOT_WITHDRAWN in b for b in clinician.said(staff_room, bot.user_id))

    # Delivered again: no second alert, no second word to the patient.
    await _restart_from(bot, before)
    await wait_until(lambda: _nothing_unsent(bot), "the outbox to empty")
    alerts = [b for b in clinician.said(staff_room, bot.user_id) if "HOT i ärende #1" in b]
    held = [b for b in patient.said(room, bot.user_id) if "inte skickats vidare" in b]
    assert len(alerts) == 1 and len(held) == 1
    logged = [r.getMessage() for r in caplog.records if r.name == "adapters.matrix"]
    assert all(THREAT not in m and room not in m for m in logged)


async def test_an_edit_never_takes_back_someone_elses_message(world: World) -> None:
    bot, clinician, patient, _, room = await _case_in_progress(world)
    theirs = await clinician.send(room, "Hur länge har du haft feber?")
    await patient.expect(room, clinician.user_id, "Hur länge har du haft feber?")

    # An edit that names the clinician's line: clients ignore it, and so does the withdrawal.
    forged = await edit(patient, room, theirs, THREAT)
    await wait_until(lambda: _redacted(world, clinician, room, forged), "the redaction")
    await wait_until(lambda: _nothing_unsent(bot), "the outbox to empty")
    assert not _redacted(world, clinician, room, theirs)


async def test_an_edit_outside_a_conversation_gets_a_kind_answer(world: World) -> None:
    clinician = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(clinician, world.bot_user()))
    await bot.start()
    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")
    answer = await patient.send(room, "1")
    await patient.expect(room, bot.user_id, "Vem söker du vård för?")

    # The answer was taken; changing it afterwards changes nothing, and the patient hears so.
    await edit(patient, room, answer, "2")
    await patient.expect(room, bot.user_id, "Ändringar i ett meddelande som redan är skickat")
    case = await bot.case_of(room)
    assert case is not None and case.state == "intake" and case.step == "subject"
    assert case.language == "sv"


async def test_a_clinicians_lines_and_edits_go_to_the_case_of_the_room(world: World) -> None:
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(anna, world.bot_user()))
    staff_room = bot.config.matrix.staff_room
    await bot.start()
    await wait_until(lambda: bot.service.is_staff(Address("matrix", anna.user_id)), "staff")
    first, room1 = await queue_patient(world, bot, "patient", "ont i halsen")
    second, room2 = await queue_patient(world, bot, "patienttwo", "hosta och feber")
    await anna.send(staff_room, "!next")
    await anna.expect(room1, bot.user_id, "Du har tagit ärende #1")
    await anna.send(staff_room, "!next")
    await anna.expect(room2, bot.user_id, "Du har tagit ärende #2")
    await wait_until(lambda: anna.in_room(room1, first.user_id), "Anna in the first room")

    # Case #2 is the one taken last, but these lines are written in the first patient's room.
    line = await anna.send(room1, "Hur länge har du haft ont?")
    await wait_until(lambda: _has(bot, 1, "clinician", "Hur länge har du haft ont?"), "record")
    await edit(anna, room1, line, "Hur många dagar har du haft ont?")
    marked = f"{EDITED} Hur många dagar har du haft ont?"
    await wait_until(lambda: _has(bot, 1, "clinician", marked), "the edit in the record")
    assert not [b for _, b in await _lines(bot, 2) if "haft ont" in b]
    assert not [b for b in second.said(room2, bot.user_id) if "haft ont" in b]

    # A command there is about that room's case too.
    await anna.send(room1, "!close advice")
    await first.expect(room1, bot.user_id, "Ärendet är nu avslutat.")
    case1, case2 = await bot.case_of(room1), await bot.case_of(room2)
    assert case1 is not None and case1.state == "closed"
    assert case2 is not None and case2.state == "active"


async def test_a_room_without_power_for_the_bot_gets_advice_and_care_goes_on(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.matrix")
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(anna, world.bot_user()))
    await bot.start()
    advice = "Jag har inte alla behörigheter som behövs i det här rummet"

    patient = await world.person("patient")
    room = await world.patient_room(patient, bot, bot_power=False)
    told = await patient.expect(room, bot.user_id, advice)
    assert "direktchatt" in told and "Administratör" in told
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")

    # A direct chat made as Element makes one gives the bot what it needs: no advice there.
    other = await world.person("patienttwo")
    direct = await world.patient_room(other, bot)
    await other.talk(direct, bot.user_id, "hej", "Vilket språk")
    assert not [b for b in other.said(direct, bot.user_id) if advice in b]
    assert [b for b in patient.said(room, bot.user_id) if advice in b] == [told]

    warned = [r for r in caplog.records if "too little power" in r.getMessage()]
    assert len(warned) == 1 and warned[0].levelno == logging.WARNING
    assert "kick" in warned[0].getMessage() and "redact" in warned[0].getMessage()
    assert room not in warned[0].getMessage() and patient.user_id not in warned[0].getMessage()
