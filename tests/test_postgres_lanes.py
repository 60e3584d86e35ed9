"""PostgreSQL's database threads (lanes, storage/postgres.py): one chat's units of work run in
the order they were given, and a chat whose unit is slow does not hold up another chat's."""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Iterator

import pytest

from storage.database import Transaction
from storage.postgres import PostgresDatabase
from tests.postgres import ScratchDatabases, server_or_skip


@pytest.fixture
def url() -> Iterator[str]:
    scratch = ScratchDatabases(server_or_skip())
    try:
        yield scratch.new("lanes")
    finally:
        scratch.drop_all()


def _keys_on_two_lanes() -> tuple[str, str]:
    """Two chats whose units run on different lanes of two."""
    first = "test:chat-0"
    lane = zlib.crc32(first.encode()) % 2
    other = next(
        f"test:chat-{n}" for n in range(1, 100) if zlib.crc32(f"test:chat-{n}".encode()) % 2 != lane
    )
    return first, other


async def test_one_chats_units_run_in_the_order_given(url: str) -> None:
    db = await PostgresDatabase.open(url, lanes=2)
    await db.write(lambda tx: tx.run("CREATE TABLE seen (n INTEGER, chat TEXT)"))
    first, other = _keys_on_two_lanes()

    def note(n: int, chat: str, tx: Transaction) -> None:
        tx.run("INSERT INTO seen (n, chat) VALUES (?, ?)", (n, chat))

    # Both chats' units given at once, interleaved: each chat's arrive in its own order.
    await asyncio.gather(
        *(
            db.write(lambda tx, n=n, chat=chat: note(n, chat, tx), key=chat)
            for n in range(40)
            for chat in (first, other)
        )
    )
    rows = await db.read(lambda tx: tx.all("SELECT n, chat FROM seen ORDER BY ctid"))
    for chat in (first, other):
        assert [r[0] for r in rows if r[1] == chat] == list(range(40))
    await db.close()


async def test_a_slow_unit_of_one_chat_does_not_hold_up_another_chat(url: str) -> None:
    db = await PostgresDatabase.open(url, lanes=2)
    slow_chat, quick_chat = _keys_on_two_lanes()
    done: list[str] = []

    def slow(tx: Transaction) -> None:
        tx.one("SELECT 1")
        time.sleep(0.5)  # a unit thinking for long (its lane's thread is busy)
        done.append("slow")

    def quick(tx: Transaction) -> None:
        tx.one("SELECT 1")
        done.append("quick")

    started = asyncio.create_task(db.write(slow, key=slow_chat))
    await asyncio.sleep(0.05)
    await asyncio.wait_for(db.write(quick, key=quick_chat), timeout=0.4)
    assert done == ["quick"]
    await started
    # The same chat's next unit waits for the slow one (one lane, one unit at a time).
    done.clear()
    started = asyncio.create_task(db.write(slow, key=slow_chat))
    await asyncio.sleep(0.05)
    await db.write(quick, key=slow_chat)
    assert done == ["slow", "quick"]
    await started
    await db.close()


async def test_what_every_lane_said_to_the_server_is_counted(url: str) -> None:
    db = await PostgresDatabase.open(url, lanes=2)
    first, other = _keys_on_two_lanes()
    before = db.traffic
    for chat in (first, other):
        await db.read(lambda tx: tx.one("SELECT 1"), key=chat)
    after = db.traffic
    # Each read: its BEGIN and its SELECT (its ROLLBACK goes with what comes next).
    assert after.statements - before.statements >= 4
    assert after.round_trips - before.round_trips == 2
    await db.close()
