"""PostgreSQL's lanes (storage/postgres.py): units of work that come while a group runs join
its COMMIT, one WAL flush for all, without overtaking a read given before them; whichever of
them fails, the others are committed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import psycopg
import pytest

from storage.database import Transaction
from storage.postgres import PostgresDatabase
from tests.postgres import ScratchDatabases, server_or_skip


@pytest.fixture
def url() -> Iterator[str]:
    scratch = ScratchDatabases(server_or_skip())
    try:
        yield scratch.new("join")
    finally:
        scratch.drop_all()


def _note(n: int, pause: float, tx: Transaction) -> int:
    """Writes row `n`; returns the transaction it ran in."""
    row = tx.one("SELECT txid_current() AS id")
    assert row is not None
    time.sleep(pause)  # still running when the others are given
    tx.run("INSERT INTO seen (n) VALUES (?)", (n,))
    return int(row["id"])


async def _open(url: str) -> PostgresDatabase:
    db = await PostgresDatabase.open(url, lanes=2)
    await db.write(lambda tx: tx.run("CREATE TABLE seen (n INTEGER PRIMARY KEY)"))
    return db


async def test_units_given_while_a_group_runs_share_its_commit(url: str) -> None:
    db = await _open(url)
    first = asyncio.ensure_future(db.write(lambda tx: _note(0, 0.3, tx)))
    await asyncio.sleep(0.1)
    later = [db.write(lambda tx, n=n: _note(n, 0, tx)) for n in range(1, 4)]
    transactions = await asyncio.gather(first, *later)
    assert len(set(transactions)) == 1
    rows = await db.read(lambda tx: [r[0] for r in tx.all("SELECT n FROM seen ORDER BY n")])
    assert rows == [0, 1, 2, 3]
    await db.close()


async def test_a_unit_that_joined_fails_alone(url: str) -> None:
    db = await _open(url)
    first = asyncio.ensure_future(db.write(lambda tx: _note(0, 0.3, tx)))
    await asyncio.sleep(0.1)
    # 0 is taken by the first unit: the server refuses the second's row with the COMMIT's
    # message or the next unit's; the units around it are committed all the same.
    later = [db.write(lambda tx, n=n: _note(n, 0, tx)) for n in (1, 0, 2)]
    outcomes = await asyncio.gather(first, *later, return_exceptions=True)
    assert [isinstance(o, psycopg.IntegrityError) for o in outcomes] == [0, 0, 1, 0]
    rows = await db.read(lambda tx: [r[0] for r in tx.all("SELECT n FROM seen ORDER BY n")])
    assert rows == [0, 1, 2]
    await db.close()


async def test_a_read_given_between_writes_is_not_overtaken(url: str) -> None:
    db = await _open(url)
    first = asyncio.ensure_future(db.write(lambda tx: _note(0, 0.3, tx)))
    await asyncio.sleep(0.1)
    second = db.write(lambda tx: _note(1, 0, tx))
    count = db.read(lambda tx: len(tx.all("SELECT n FROM seen")))
    third = db.write(lambda tx: _note(2, 0, tx))
    one, two, seen, three = await asyncio.gather(first, second, count, third)
    # The write given before the read joined the first group; the one given after waited.
    assert (seen, one == two, three != one) == (2, True, True)
    await db.close()
