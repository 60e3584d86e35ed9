"""Restart safety, concurrent takes, refusals and the homeserver's rate limit."""

from __future__ import annotations

import asyncio
import logging
import time
from functools import partial

import pytest

from bot.events import Incoming, JoinCase, Send, encode_action
from storage.database import Database, Transaction
from storage.matrix_state import MatrixState
from storage.records import Address
from storage.repositories import Repositories
from testkit.matrix import World, queue_patient, wait_until


async def _token(db: Database) -> str | None:
    return await db.read(lambda tx: MatrixState(tx).sync_token())


async def test_a_restarted_bot_handles_what_it_missed_once_and_in_order(world: World) -> None:
    clinician = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(clinician, world.bot_user()))
    await bot.start()
    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")
    await patient.talk(room, bot.user_id, "1", "Vem söker du vård för?")
    assert bot.adapter is not None
    device = bot.adapter.client.device_id if bot.adapter.client else None

    await bot.stop()
    saved = await _token(bot.db)
    assert saved is not None
    before = len(patient.said(room, bot.user_id))
    await patient.send(room, "1")  # myself
    await patient.send(room, "34")  # their age: asked once without e-ID
    await patient.send(room, "Jag har ont i halsen sedan i går")
    await asyncio.sleep(0.3)
    assert len(patient.said(room, bot.user_id)) == before  # nobody answers while it is down

    await bot.start()
    assert bot.adapter.client is not None and bot.adapter.client.device_id == device
    await patient.expect(room, bot.user_id, "Vilket av de här", before)
    replies = patient.said(room, bot.user_id)[before:]
    described = [i for i, body in enumerate(replies) if "Vad söker du vård för?" in body]
    asked = [i for i, body in enumerate(replies) if "Vilket av de här" in body]
    assert len(described) == 1 and len(asked) == 1 and described[0] < asked[0], replies
    case = await bot.case_of(room)
    assert case is not None and case.complaint == "Jag har ont i halsen sedan i går"
    assert await _token(bot.db) != saved

    # A third start from the same token handles nothing again.
    count = len(patient.said(room, bot.user_id))
    await bot.stop()
    await bot.db.write(lambda tx: MatrixState(tx).save_sync_token(saved, case.created_at))
    await bot.start()
    await _next_batches(bot, 2)
    await asyncio.sleep(0.5)
    assert len(patient.said(room, bot.user_id)) == count
    assert (await bot.case_of(room)) == case


async def _settled_token(bot: object) -> str | None:
    # The bot's own answer, receipts and key traffic come back in later syncs and move the
    # token after the patient has read the answer; read it once a whole sync left it alone.
    db = bot.db  # type: ignore[attr-defined]
    token = await _token(db)
    for _ in range(20):
        await _next_batches(bot, 1)
        now = await _token(db)
        if now == token:
            return token
        token = now
    raise AssertionError("the sync token never settled")


async def _next_batches(bot: object, count: int) -> None:
    adapter = bot.adapter  # type: ignore[attr-defined]
    start = adapter.batches
    await wait_until(lambda: adapter.batches >= start + count, f"{count} more syncs")


async def test_an_answer_stored_outside_the_sync_goes_out_without_waiting_for_the_poll(
    world: World,
) -> None:
    # As the jobs and the e-ID endpoint do: a commit the sync loop did not make. The bot's sync
    # and its outbox poll both wait 30 s here (as in production), so only the wake-up on the
    # commit can bring the answer within seconds, however slow the machine.
    clinician = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(clinician, world.bot_user()))
    bot.sync_timeout_ms, bot.outbox_poll_seconds = 30_000, 30.0
    await bot.start()
    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")
    mark = len(patient.said(room, bot.user_id))
    chat = Address("matrix", room)
    began = time.monotonic()
    await bot.service.handle(Incoming("elsewhere:1", chat, chat, "1", bot.clock()))
    await patient.expect(room, bot.user_id, "Vem söker du vård för?", mark)
    assert time.monotonic() - began < 10


async def test_two_clinicians_at_the_same_moment_get_different_cases(world: World) -> None:
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    erik = await world.person("erik", "Erik Nilsson (läkare)")
    staff_room = await world.staff_room(anna, world.bot_user())
    await anna.client.room_invite(staff_room, erik.user_id)
    await wait_until(lambda: erik.in_room(staff_room, erik.user_id), "Erik in the staff room")
    bot = await world.bot(staff_room)
    await bot.start()
    for person in (anna, erik):
        await wait_until(partial(bot.service.is_staff, Address("matrix", person.user_id)), "staff")
    first, room1 = await queue_patient(world, bot, "patient", "ont i halsen")
    second, room2 = await queue_patient(world, bot, "patienttwo", "hosta och feber")

    await asyncio.gather(anna.send(staff_room, "!next"), erik.send(staff_room, "!next"))
    await first.expect(room1, bot.user_id, "Nu är det din tur!")
    await second.expect(room2, bot.user_id, "Nu är det din tur!")
    case1, case2 = await bot.case_of(room1), await bot.case_of(room2)
    assert case1 is not None and case2 is not None
    assert case1.state == case2.state == "active"
    assert {case1.clinician, case2.clinician} == {
        Address("matrix", anna.user_id),
        Address("matrix", erik.user_id),
    }
    for case, room, patient in ((case1, room1, first), (case2, room2, second)):
        assert case.clinician is not None
        clinician = case.clinician.chat
        await wait_until(partial(patient.in_room, room, clinician), "the join")


async def test_someone_outside_the_staff_room_cannot_take_cases(world: World) -> None:
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(anna, world.bot_user()))
    await bot.start()
    patient, room = await queue_patient(world, bot, "patient", "ont i halsen")
    stranger = await world.person("stranger")
    own_room = await world.patient_room(stranger, bot)
    refusal = await stranger.talk(own_room, bot.user_id, "!next", "bara för vårdpersonal")
    assert "!next" in refusal or "next" in refusal
    case = await bot.case_of(room)
    assert case is not None and case.state == "queued"
    assert not await bot.service.is_staff(Address("matrix", stranger.user_id))

    # Leaving the staff room ends the staff role.
    await wait_until(lambda: bot.service.is_staff(Address("matrix", anna.user_id)), "staff")
    await anna.client.room_leave(bot.config.matrix.staff_room)
    await wait_until(
        lambda: _not(bot.service.is_staff(Address("matrix", anna.user_id))), "the removal"
    )
    assert (await bot.case_of(room)) == case
    assert patient.said(room, bot.user_id)


async def _not(check: object) -> bool:
    return not await check  # type: ignore[misc]


async def test_the_homeservers_rate_limit_loses_nothing_and_keeps_order(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(anna, world.bot_user()))
    await bot.start()
    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)

    admin = world.server.register(world.name("admin"), "admin password", admin=True)
    world.server.post(
        f"/_synapse/admin/v1/users/{bot.user_id}/override_ratelimit",
        {"messages_per_second": 2, "burst_count": 2},
        admin["access_token"],
    )
    caplog.set_level(logging.WARNING, logger="bot.outbox")
    for text in ("hej", "1", "1", "34", "Ont i halsen", "2"):
        await patient.send(room, text)
    expected = [
        "Vilket språk",
        "Vem söker du vård för?",
        "Hur gammal är du?",
        "Vad söker du vård för?",
        "Fråga 1 av",
    ]
    await patient.expect(room, bot.user_id, expected[-1])
    await wait_until(lambda: len(patient.said(room, bot.user_id)) >= 6, "every answer")
    replies = patient.said(room, bot.user_id)
    for wanted, got in zip(expected, replies, strict=False):
        assert wanted in got, "\n---\n".join(replies)
    assert len(replies) == 6 and "Fråga 2 av" in replies[5], replies
    assert any("RetryLater" in r.getMessage() for r in caplog.records), "no 429 was met"
    assert await bot.repos(lambda r: r.outbox.unsent_count()) == 0


async def test_the_sync_token_moves_only_after_the_events_are_committed(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(anna, world.bot_user()))
    await bot.start()
    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")
    mark = len(patient.said(room, bot.user_id))
    saved = await _settled_token(bot)

    # The event's transaction fails, and not even a dead letter can be stored (the disk is
    # full): the bot goes on trying, never past the event, and the token stays where it was.
    tries = [0]

    async def broken(*args: object, **kwargs: object) -> None:
        tries[0] += 1
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(bot.service, "handle", broken)
    monkeypatch.setattr(bot.service, "set_aside", broken)
    await patient.send(room, "1")
    await wait_until(lambda: tries[0] >= 5, "the bot to try again and again")
    assert bot.task is not None and not bot.task.done()
    assert await _token(bot.db) == saved
    await bot.stop()
    monkeypatch.undo()

    # Committed but the token not saved: the redelivered event does nothing twice.
    import adapters.matrix as matrix

    def lost(*args: object) -> None:
        raise RuntimeError("killed before the token was saved")

    monkeypatch.setattr(matrix, "_save_token", lost)
    bot.task = None
    with pytest.raises(RuntimeError, match="killed before"):
        await bot.start()
    assert await _token(bot.db) == saved
    case = await bot.case_of(room)
    assert case is not None and case.step == "subject"  # "1" was handled and committed
    monkeypatch.undo()
    bot.task = None

    await bot.start()
    await patient.expect(room, bot.user_id, "Vem söker du vård för?", mark)
    await _next_batches(bot, 2)
    await asyncio.sleep(0.5)
    asked = [b for b in patient.said(room, bot.user_id)[mark:] if "Vem söker du vård för?" in b]
    assert len(asked) == 1
    assert await _token(bot.db) != saved


async def test_a_gap_longer_than_one_sync_timeline_is_read_back_in_full(world: World) -> None:
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(anna, world.bot_user()))
    bot.timeline_limit = 2  # so the four missed messages do not fit in one sync answer
    await bot.start()
    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")
    await patient.talk(room, bot.user_id, "1", "Vem söker du vård för?")
    await bot.stop()
    mark = len(patient.said(room, bot.user_id))
    for text in ("1", "34", "Ont i halsen", "2"):
        await patient.send(room, text)

    await bot.start()
    await patient.expect(room, bot.user_id, "Fråga 2 av", mark)
    replies = patient.said(room, bot.user_id)[mark:]
    assert len(replies) == 4, replies
    assert "Hur gammal är du?" in replies[0] and "Vad söker du vård för?" in replies[1]
    assert "Fråga 1 av" in replies[2] and "Fråga 2 av" in replies[3]


async def test_an_impossible_delivery_is_dropped_and_does_not_block_the_rest(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    anna = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(anna, world.bot_user()))
    await bot.start()
    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)
    nowhere = Send(Address("matrix", f"!nowhere:{world.server.server_name}"), "lost")
    stranger = JoinCase(99, Address("matrix", anna.user_id), Address("matrix", "!gone:x"))
    now = bot.service.services.clock()

    def enqueue(tx: Transaction) -> None:
        outbox = Repositories(tx).outbox
        outbox.add("matrix", encode_action(nowhere), now)
        outbox.add("matrix", encode_action(stranger), now)

    await bot.db.write(enqueue)
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")
    assert await bot.repos(lambda r: r.outbox.unsent_count()) == 0
    dropped = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert len(dropped) == 2, dropped
