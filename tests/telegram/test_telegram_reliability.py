"""Restarts, 429 storms, limits and per-chat order."""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.events import Incoming, Send, encode_action
from bot.service import CareService
from storage.repositories import Repositories
from testkit.fake_bot_api import FakeBotAPI
from tests.conftest import Clock
from tests.telegram.conftest import ANNA, PATIENT, STAFF_CHAT, World, tg


async def _relayed_from_patient(world: World, case_id: int) -> list[str]:
    lines = await world.repos(lambda r: r.record.of_case(case_id))
    return [line.body for line in lines if line.author_role == "patient" and line.body[:1] == "m"]


async def _until(check: object, timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.02)


async def test_restart_mid_conversation_loses_and_repeats_nothing(world: World) -> None:
    api = world.api
    await world.to_queue(PATIENT)
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "active"

    # Slow handling, then a crash while a batch of ten messages is half done.
    assert world.service is not None
    real = world.service.handle

    async def slow(event: Incoming) -> list[object] | None:
        await asyncio.sleep(0.05)
        return await real(event)

    world.service.handle = slow  # type: ignore[method-assign]
    for n in range(10):
        await api.message(PATIENT, f"m{n}")

    async def some_committed() -> bool:
        return len(await _relayed_from_patient(world, case.id)) >= 3

    await _until(some_committed)
    await world.stop()
    committed = await _count_after_stop(world, case.id)
    assert 3 <= committed < 10
    offsets_before = len(api.offsets)

    await world.start()  # a new process: new adapter, same database, same server
    for n in range(10, 12):
        await api.message(PATIENT, f"m{n}")

    async def all_committed() -> bool:
        return len(await _relayed_from_patient(world, case.id)) >= 12

    await _until(all_committed)
    world.injected = 0
    await world.settle()
    assert await _relayed_from_patient(world, case.id) == [f"m{n}" for n in range(12)]
    # The first poll after the restart asked again from the saved offset, not beyond it.
    first = api.offsets[offsets_before]
    saved = await world.repos(lambda r: _offset(r))
    assert first is not None and first <= saved
    relayed = [t for t in api.texts(ANNA) if t.startswith("#1 ▸ m")]
    first_seen = list(dict.fromkeys(relayed))
    assert first_seen == [f"#1 ▸ m{n}" for n in range(12)]


def _offset(repos: Repositories) -> int:
    from storage.telegram_state import TelegramState

    value = TelegramState(repos.patients.tx).offset("123456")
    assert value is not None
    return value


async def _count_after_stop(world: World, case_id: int) -> int:
    from storage.database import Database

    db = await Database.open(world.path)
    try:
        lines = await db.read(lambda tx: Repositories(tx).record.of_case(case_id))
    finally:
        await db.close()
    return sum(1 for line in lines if line.author_role == "patient" and line.body[:1] == "m")


async def _enqueue(world: World, sends: list[Send]) -> None:
    assert world.db is not None and world.adapter is not None
    now = world.clock()
    rows = [("telegram", encode_action(s)) for s in sends]
    await world.db.write(lambda tx: Repositories(tx).outbox.add_many(rows, now))
    world.adapter.sender.wake()


def _by_chat(api: FakeBotAPI) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for call in api.sent("sendMessage"):
        out[int(call.params["chat_id"])].append(call.params["text"])
    return out


async def test_a_429_storm_loses_nothing_and_keeps_order(world: World) -> None:
    api = world.api
    chats = [5001, 5002, 5003]
    sends = [Send(tg(chat), f"{chat}:{n}") for n in range(20) for chat in chats]
    api.fail("sendMessage", 12, retry_after=1)
    started = time.monotonic()
    await _enqueue(world, sends)
    world.injected = 0
    await world.settle(timeout=15)
    elapsed = time.monotonic() - started
    got = _by_chat(api)
    for chat in chats:
        assert got[chat] == [f"{chat}:{n}" for n in range(20)]
    refused = [c for c in api.calls if c.method == "sendMessage" and c.result is None]
    assert len(refused) == 12
    assert world.adapter is not None and world.adapter.sender.retried_429 == 12
    # Every 429 paused all sending for retry_after: nothing was sent right after one.
    assert elapsed >= 1.0
    for call in refused:
        after = [c.at for c in api.sent("sendMessage") if c.at > call.at]
        assert not after or min(after) - call.at >= 0.9


async def test_limits_on_keep_telegrams_rates(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    world = World(api, tmp_path / "limits.db", clock, rate_limits=True)
    await world.start()
    try:
        many = [Send(tg(6000 + n), "hej") for n in range(45)]
        one_chat = [Send(tg(7001), f"p{n}") for n in range(3)]
        group = [Send(tg(STAFF_CHAT), f"g{n}") for n in range(2)]
        await _enqueue(world, many + one_chat + group)
        await world.settle(timeout=15)
        times = sorted(c.at for c in api.sent("sendMessage"))
        assert len(times) == 50
        # Overall: no more than 30 in any second.
        for i, t in enumerate(times):
            assert sum(1 for u in times[i:] if u - t < 1.0) <= 30
        assert times[-1] - times[0] >= 49 / 30 - 0.1
        # One chat: a second apart. A group: three seconds apart (20 a minute).
        private = [c.at for c in api.sent("sendMessage", 7001)]
        assert all(b - a >= 0.95 for a, b in itertools.pairwise(private))
        in_group = [c.at for c in api.sent("sendMessage", STAFF_CHAT)]
        assert in_group[1] - in_group[0] >= 2.9
        assert _by_chat(api)[7001] == ["p0", "p1", "p2"]
    finally:
        await world.stop()


async def test_one_chats_updates_in_order_other_chats_in_parallel(world: World) -> None:
    """Random delays in handling: each chat's updates are still handled in sequence."""
    api = world.api
    assert world.service is not None
    service: CareService = world.service
    real = service.handle
    seen: dict[str, list[str]] = defaultdict(list)
    active: dict[str, int] = defaultdict(int)
    overlap = {"same_chat": 0, "chats_at_once": 0}
    running = 0
    rng = random.Random(5)

    async def jittery(event: Incoming) -> list[object] | None:
        nonlocal running
        chat = event.chat.chat
        active[chat] += 1
        running += 1
        if active[chat] > 1:
            overlap["same_chat"] += 1
        overlap["chats_at_once"] = max(overlap["chats_at_once"], running)
        try:
            await asyncio.sleep(rng.uniform(0, 0.02))
            seen[chat].append(event.text)
            return await real(event)
        finally:
            active[chat] -= 1
            running -= 1

    service.handle = jittery  # type: ignore[method-assign]
    users = [8001 + n for n in range(8)]
    for n in range(25):
        for user in users:
            await api.message(user, f"hej {n}")
            world.injected += 1
    started = datetime.now()
    await world.settle(timeout=15)
    assert overlap["same_chat"] == 0
    assert overlap["chats_at_once"] > 1
    for user in users:
        assert seen[str(user)] == [f"hej {n}" for n in range(25)]
    assert (datetime.now() - started).total_seconds() < 8


async def test_a_message_stored_outside_the_update_loop_goes_out_at_once(world: World) -> None:
    # As the jobs and the e-ID endpoint do: a commit the update loop did not make. With the
    # sender's poll at 30 s, only the wake-up on the commit brings it within seconds.
    await world.say(PATIENT, "hej")
    assert world.adapter is not None and world.service is not None
    world.adapter.sender.poll_seconds = 30.0
    await asyncio.sleep(1.2)  # the sender's current one-second wait ends; the next is 30 s
    before = len(world.api.texts(PATIENT))
    began = time.monotonic()
    event = Incoming("elsewhere:1", tg(PATIENT), tg(PATIENT), "1", world.clock())
    await world.service.handle(event)
    while not any("Vem söker du vård för?" in t for t in world.api.texts(PATIENT)[before:]):
        assert time.monotonic() - began < 10, "the message waited for the sender's poll"
        await asyncio.sleep(0.02)


async def test_an_update_that_keeps_failing_is_set_aside_before_the_offset_moves(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: Telegram gave up an update after 5 failed attempts and moved the offset past
    it, and the patient's message was lost. Now it is stored as a dead letter first; while not
    even that can be stored, the offset stays, and a restart gets the update again."""
    from bot.patient import PatientDesk
    from storage.dead_letters import DeadLetters

    real_handle = PatientDesk.handle

    def broken(desk: PatientDesk, turn: Any) -> None:
        if "magen" in turn.event.text:
            raise RuntimeError("trasig hylla")
        real_handle(desk, turn)

    monkeypatch.setattr(PatientDesk, "handle", broken)
    real_add = DeadLetters.add_incoming
    refused = [0]

    def sick_disk(self: DeadLetters, *args: Any) -> int:
        refused[0] += 1
        raise OSError("disk I/O error")

    monkeypatch.setattr(DeadLetters, "add_incoming", sick_disk)
    api = world.api
    await api.message(PATIENT, "Jag har ont i magen sedan i går")
    update_id = api.updates[-1]["update_id"]

    async def tried_twice() -> bool:
        return refused[0] >= 2

    await _until(tried_twice)
    saved = await world.repos(_saved_offset)
    assert saved is None or saved <= update_id  # not past the patient's message
    assert not any("Något gick fel" in t for t in api.texts(PATIENT))

    await world.stop()
    monkeypatch.setattr(DeadLetters, "add_incoming", real_add)
    await world.start()  # a new process; the handling still fails, the disk is well again
    world.injected = 1
    await world.settle(timeout=15)

    assert any(t.startswith("Något gick fel hos oss.") for t in api.texts(PATIENT))
    staff = [t for t in api.texts(STAFF_CHAT) if "Undanlagt #1" in t]
    assert len(staff) == 1 and "inkommande" in staff[0] and "magen" not in staff[0]
    letters = await world.repos(
        lambda r: r.patients.tx.all("SELECT event_id, direction, status FROM dead_letters")
    )
    assert [tuple(r) for r in letters] == [(f"telegram:123456:{update_id}", "in", "new")]
    saved = await world.repos(_saved_offset)
    assert saved is not None and saved > update_id
    # The bot goes on, and the words are kept to be handled again (`deadletters retry`).
    said = await world.say(PATIENT, "hej")
    assert any("Vilket språk" in t for t in said)
    payload = await world.repos(
        lambda r: r.patients.tx.one("SELECT payload FROM dead_letters WHERE id = 1")
    )
    assert payload is not None and "Jag har ont i magen sedan i går" in payload[0]


def _saved_offset(repos: Repositories) -> int | None:
    from storage.telegram_state import TelegramState

    return TelegramState(repos.patients.tx).offset("123456")


async def test_refused_for_good_is_dropped_and_failing_again_and_again_is_set_aside(
    world: World,
) -> None:
    api = world.api
    assert world.adapter is not None
    world.adapter.sender.attempts = 2
    api.fail("sendMessage", 1, status=403)
    await _enqueue(world, [Send(tg(5101), "blockerad"), Send(tg(5102), "hej")])
    world.injected = 0
    await world.settle()
    rows = await world.repos(
        lambda r: r.patients.tx.all("SELECT status, sent_at, last_error FROM outbox ORDER BY id")
    )
    assert rows[0][0] == "dropped" and rows[0][1] is None and "blocked" in rows[0][2]
    assert rows[1][0] == "sent"
    assert await world.repos(lambda r: r.dead_letters.open()) == []

    # Telegram unwell for one chat: set aside after the attempts; that chat's next message
    # and the other chats go on.
    api.fail("sendMessage", 2, status=500)
    await _enqueue(world, [Send(tg(5103), "trasig"), Send(tg(5103), "efter")])
    await world.settle(timeout=10)
    assert api.texts(5103) == ["efter"]
    letters = await world.repos(lambda r: r.dead_letters.open())
    assert [(d.direction, d.attempts) for d in letters] == [("out", 2)]
    assert "TelegramServerError" in letters[0].error
    notice = await api.wait_text(STAFF_CHAT, "Undanlagt #1")
    assert "utgående" in notice and "trasig" not in notice
