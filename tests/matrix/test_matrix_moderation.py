"""Tone rules in a shared room: the clinician reads the patient's room directly, so a held-back
threat is redacted there, while crisis words stay for the clinician to read."""

from __future__ import annotations

import asyncio
import logging
import urllib.error
from typing import Any
from urllib.parse import quote

import pytest

from adapters.matrix.sending import Delivery
from bot.events import Withdraw, decode_action, encode_action
from storage.database import Transaction
from storage.records import Address
from storage.repositories import Repositories
from testkit.matrix import Bot, Person, World, queue_patient, wait_until

THREAT = "jag ska döda dig"
SELF_HARM = "jag vill inte leva längre, jag tänker ta livet av mig"
REASON = "Hålls kvar enligt chattens användarregler"
NOT_WITHDRAWN = "det hotfulla meddelandet gick inte att ta bort"


async def _case_in_progress(
    world: World, *, bot_power: bool = True
) -> tuple[Bot, Person, Person, str, str]:
    """A clinician has taken the case and reads the patient's room: (bot, clinician, patient,
    staff room, patient room)."""
    clinician = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(clinician, world.bot_user()))
    staff_room = bot.config.matrix.staff_room
    await bot.start()
    await wait_until(lambda: bot.service.is_staff(Address("matrix", clinician.user_id)), "staff")
    patient, room = await queue_patient(
        world, bot, "patient", "Jag har ont i halsen", bot_power=bot_power
    )
    await clinician.expect(staff_room, bot.user_id, "Nytt ärende #1")
    await clinician.send(staff_room, "!next")
    await clinician.expect(room, bot.user_id, "Du har tagit ärende #1")
    await wait_until(lambda: clinician.in_room(room, patient.user_id), "the clinician's view")
    await patient.send(room, "Jag har feber också")
    await clinician.expect(room, patient.user_id, "Jag har feber också")
    return bot, clinician, patient, staff_room, room


def _event(world: World, reader: Person, room: str, event_id: str) -> dict[str, Any]:
    """The event as the reader's client gets it from the homeserver."""
    path = f"/_matrix/client/v3/rooms/{quote(room)}/event/{quote(event_id)}"
    token = reader.client.access_token
    event: dict[str, Any] = world.server.get(path, token)
    return event


def _redacted(world: World, reader: Person, room: str, event_id: str) -> bool:
    try:
        event = _event(world, reader, room, event_id)
    except urllib.error.HTTPError:
        return False
    return "redacted_because" in event.get("unsigned", {})


async def _recorded(bot: Bot, body: str) -> bool:
    def look(repos: Repositories) -> bool:
        return any(line.body == body for line in repos.record.of_case(1))

    return await bot.repos(look)


async def test_a_threat_is_redacted_for_the_clinician_and_a_cry_for_help_is_not(
    world: World,
) -> None:
    bot, clinician, patient, staff_room, room = await _case_in_progress(world)

    threat = await patient.send(room, THREAT)
    await patient.expect(room, bot.user_id, "Ditt meddelande har inte skickats vidare.")
    await wait_until(lambda: _redacted(world, clinician, room, threat), "the redaction")
    seen = _event(world, clinician, room, threat)
    assert seen["content"] == {}  # the ciphertext is gone for everyone in the room
    because = seen["unsigned"]["redacted_because"]
    assert because["sender"] == bot.user_id
    assert because["content"]["reason"] == REASON

    # The evidence stays with the bot and goes to staff with the alert.
    alert = await clinician.expect(staff_room, bot.user_id, "HOT i ärende #1")
    assert f"«{THREAT}»" in alert
    assert await _recorded(bot, THREAT)
    verdicts = await bot.repos(lambda r: r.verdicts.of_case(1))
    assert any(action == "alert_staff" for action, _, _ in verdicts)
    case = await bot.case_of(room)
    assert case is not None and case.relay_paused

    await clinician.send(room, "!resume")
    await clinician.expect(room, bot.user_id, "Vidarebefordringen i ärende #1 är igång igen.")
    case = await bot.case_of(room)
    assert case is not None and not case.relay_paused

    # Words about self-harm: crisis numbers, an urgent alert, and the clinician keeps reading.
    cry = await patient.send(room, SELF_HARM)
    await patient.expect(room, bot.user_id, "Självmordslinjen på 90101")
    await clinician.expect(staff_room, bot.user_id, "AKUT i ärende #1")
    await clinician.expect(room, patient.user_id, SELF_HARM)
    await wait_until(
        lambda: _nothing_unsent(bot), "the outbox to empty (a withdrawal would go first)"
    )
    kept = _event(world, clinician, room, cry)
    assert kept["content"].get("ciphertext") and "redacted_because" not in kept["unsigned"]
    assert not _redacted(world, clinician, room, cry)
    assert not any(NOT_WITHDRAWN in body for body in clinician.said(staff_room, bot.user_id))


async def _nothing_unsent(bot: Bot) -> bool:
    return await bot.repos(lambda r: r.outbox.unsent_count()) == 0


async def test_without_the_power_to_redact_staff_are_told_the_clinician_still_sees_it(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.matrix")
    bot, clinician, patient, staff_room, room = await _case_in_progress(world, bot_power=False)

    await patient.send(room, THREAT)
    await clinician.expect(room, patient.user_id, THREAT)  # the room shows it: nothing to do
    await clinician.expect(staff_room, bot.user_id, "HOT i ärende #1")
    told = await clinician.expect(staff_room, bot.user_id, NOT_WITHDRAWN)
    assert told.startswith("Ärende #1:")
    events = await bot.repos(lambda r: r.cases.events(1))
    assert [e.reason for e in events].count("not_withdrawn") == 1

    # A second try (a restart before the first was marked done) tells nobody twice.
    withdraw = await bot.db.read(_the_withdrawal)
    assert withdraw is not None
    await _enqueue(bot, withdraw)
    await wait_until(lambda: _nothing_unsent(bot), "the second try")
    await asyncio.sleep(0.5)
    told_again = [b for b in clinician.said(staff_room, bot.user_id) if NOT_WITHDRAWN in b]
    assert len(told_again) == 1
    # The log says what happened, never who or what was written.
    logged = [r.getMessage() for r in caplog.records if "withdraw" in r.getMessage()]
    assert logged and all(THREAT not in m and room not in m for m in logged)


def _the_withdrawal(tx: Transaction) -> Withdraw | None:
    rows = tx.all("SELECT payload FROM outbox ORDER BY id")
    found = [a for a in (decode_action(r[0]) for r in rows) if isinstance(a, Withdraw)]
    return found[0] if found else None


async def _enqueue(bot: Bot, action: Withdraw) -> None:
    now = bot.service.services.clock()
    await bot.db.write(lambda tx: Repositories(tx).outbox.add("matrix", encode_action(action), now))
    assert bot.adapter is not None and bot.adapter.dispatcher is not None
    bot.adapter.dispatcher.wake.set()


async def test_a_withdrawal_cut_off_by_a_stop_is_done_after_the_restart_once(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot, clinician, patient, staff_room, room = await _case_in_progress(world)
    started = asyncio.Event()

    async def cut_off(self: Delivery, action: Withdraw) -> None:
        started.set()
        await asyncio.Event().wait()  # the process dies before the redaction goes out

    monkeypatch.setattr(Delivery, "_withdraw", cut_off)
    mark = len(patient.said(room, bot.user_id))
    threat = await patient.send(room, THREAT)
    await asyncio.wait_for(started.wait(), 30)
    await bot.stop()
    monkeypatch.undo()
    assert not _redacted(world, clinician, room, threat)

    await bot.start()
    await wait_until(lambda: _redacted(world, clinician, room, threat), "the redaction")
    await patient.expect(room, bot.user_id, "Ditt meddelande har inte skickats vidare.", mark)
    await clinician.expect(staff_room, bot.user_id, "HOT i ärende #1")
    held = [b for b in patient.said(room, bot.user_id)[mark:] if "inte skickats vidare" in b]
    assert len(held) == 1

    # Delivered again (idempotent enough): the homeserver takes it, nothing is dropped.
    withdraw = await bot.db.read(_the_withdrawal)
    assert withdraw is not None
    await _enqueue(bot, withdraw)
    await wait_until(lambda: _nothing_unsent(bot), "the repeated withdrawal")
    assert _redacted(world, clinician, room, threat)
    assert not [r for r in caplog.records if "dropped" in r.getMessage()]
    assert not any(NOT_WITHDRAWN in body for body in clinician.said(staff_room, bot.user_id))
