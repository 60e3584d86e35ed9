"""Units of work committed together (group commit) on both backends: whichever unit of a group
fails, the others are committed; a read answered with the COMMIT (`Transaction.later`) gives
what the unit saw once the unit is done."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path

import pytest

from storage import open_database
from storage.database import Later, Transaction


def _patient(tx: Transaction) -> int:
    return tx.insert(
        "INSERT INTO patients (created_at, language) VALUES (?, ?)", ("2026-01-01 00:00:00", "sv")
    )


def _insert(tx: Transaction, chat: str, patient_id: int) -> None:
    tx.run(
        "INSERT INTO accounts (platform, chat, patient_id, created_at) VALUES (?, ?, ?, ?)",
        ("test", chat, patient_id, "2026-01-01 00:00:00"),
    )


@pytest.mark.parametrize("failing", [(0,), (0, 1), (0, 4), (4,)])
async def test_any_unit_of_a_group_may_fail_alone(
    db_location: Path | str, failing: tuple[int, ...]
) -> None:
    """The first unit of a group runs without a savepoint of its own on PostgreSQL: its
    failure (raised, or a statement refused with the COMMIT or with the next unit's) still
    leaves every other unit committed."""
    db = await open_database(db_location)
    await db.write(lambda tx: _insert(tx, "taken", _patient(tx)))

    def attach(number: int, tx: Transaction) -> int:
        patient_id = _patient(tx)
        # (platform, chat) is unique: "taken" is refused by the server, unanswered until later.
        _insert(tx, "taken" if number in failing else f"p{number}", patient_id)
        return number

    results = await asyncio.gather(
        *(db.write(partial(attach, n)) for n in range(5)), return_exceptions=True
    )
    assert [isinstance(r, Exception) for r in results] == [n in failing for n in range(5)]
    chats = await db.read(lambda tx: sorted(r[0] for r in tx.all("SELECT chat FROM accounts")))
    assert chats == sorted(["taken"] + [f"p{n}" for n in range(5) if n not in failing])
    await db.close()


async def test_a_unit_that_raises_first_in_its_group_leaves_nothing(
    db_location: Path | str,
) -> None:
    db = await open_database(db_location)

    def crash(tx: Transaction) -> None:
        _insert(tx, "crashed", _patient(tx))
        raise RuntimeError("crash")

    def fine(chat: str, tx: Transaction) -> None:
        _insert(tx, chat, _patient(tx))

    results = await asyncio.gather(
        db.write(crash),
        db.write(partial(fine, "a")),
        db.write(partial(fine, "b")),
        return_exceptions=True,
    )
    assert isinstance(results[0], RuntimeError) and results[1:] == [None, None]
    chats = await db.read(lambda tx: sorted(r[0] for r in tx.all("SELECT chat FROM accounts")))
    assert chats == ["a", "b"]
    await db.close()


async def test_a_read_answered_with_the_commit_sees_the_units_own_writes(
    db_location: Path | str,
) -> None:
    db = await open_database(db_location)

    def write_then_count(chat: str, tx: Transaction) -> Later[int]:
        _insert(tx, chat, _patient(tx))
        return tx.later("SELECT count(*) FROM accounts", (), lambda rows: int(rows[0][0]))

    found = await asyncio.gather(*(db.write(partial(write_then_count, c)) for c in "abc"))
    # Each unit counted what was there when it ran: the units before it and itself.
    assert sorted(f.value for f in found) == [1, 2, 3]
    counted = await db.read(
        lambda tx: tx.later("SELECT count(*) FROM accounts", (), lambda rows: int(rows[0][0]))
    )
    assert counted.value == 3
    await db.close()


async def test_a_long_batch_of_sent_messages_is_marked_once_each(db_location: Path | str) -> None:
    """Rows are marked sent in lists of a few fixed lengths, the last filled with a repeated
    id: every row is marked, each counted as one attempt, and none outside the batch."""
    from datetime import UTC, datetime

    from storage.repositories import Repositories

    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    db = await open_database(db_location)
    rows = [("shell", f'{{"to": {{"platform": "shell", "chat": "p{n}"}}}}') for n in range(90)]
    await db.write(lambda tx: Repositories(tx).outbox.add_many(rows, now))
    ids = await db.read(lambda tx: [int(r[0]) for r in tx.all("SELECT id FROM outbox ORDER BY id")])
    await db.write(lambda tx: Repositories(tx).outbox.mark_sent(ids[:86], now))
    found = await db.read(
        lambda tx: [(r[0], r[1]) for r in tx.all("SELECT status, attempts FROM outbox ORDER BY id")]
    )
    assert found == [("sent", 1)] * 86 + [("pending", 0)] * 4
    await db.close()
