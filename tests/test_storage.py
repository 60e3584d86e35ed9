"""The storage layer on a real SQLite file: migrations, atomic transitions, append-only audit."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from storage.database import Database, Transaction
from storage.records import Address
from storage.repositories import Repositories

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PATIENT = Address("test", "p1")


async def _queued_case(db: Database) -> int:
    return await db.write(lambda tx: _make_queued_case(Repositories(tx)))


def _make_queued_case(repos: Repositories) -> int:
    patient = repos.patients.create(PATIENT, "sv", NOW)
    subject = repos.subjects.self_of(patient.id, NOW)
    case = repos.cases.create(
        unit="default",
        patient_id=patient.id,
        patient=PATIENT,
        language="sv",
        step="complaint",
        actor="patient",
        at=NOW,
    )
    repos.cases.update(case.id, subject_id=subject.id)
    assert repos.cases.transition(
        case.id, ("intake",), "queued", actor="bot", reason="P3", at=NOW, priority=3
    )
    return case.id


async def test_migrations_apply_once_and_use_wal(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    db = await Database.open(path)
    assert await db.migrate() == []  # already applied by open()
    await db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == sorted(versions) and versions[0] == 1 and 5 in versions


async def test_a_case_can_be_taken_only_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "t.db")
    case_id = await _queued_case(db)
    results = []
    for clinician in ("c1", "c2"):
        results.append(
            await db.write(
                lambda tx, who=clinician: Repositories(tx).cases.transition(
                    case_id,
                    ("queued",),
                    "active",
                    actor=who,
                    reason="take",
                    at=NOW,
                    clinician_platform="test",
                    clinician_chat=who,
                )
            )
        )
    assert results == [True, False]
    case = await db.read(lambda tx: Repositories(tx).cases.get(case_id))
    events = await db.read(lambda tx: Repositories(tx).cases.events(case_id))
    assert case is not None and case.clinician == Address("test", "c1")
    assert [e.to_state for e in events] == ["intake", "queued", "active"]
    await db.close()


async def test_a_failed_unit_of_work_leaves_nothing_behind(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "r.db")

    def crash(tx: Transaction) -> None:
        Repositories(tx).patients.create(PATIENT, "sv", NOW)
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        await db.write(crash)
    assert await db.read(lambda tx: Repositories(tx).patients.count()) == 0
    await db.close()


async def test_audit_is_append_only(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    await db.write(lambda tx: Repositories(tx).audit.log(Address("test", "c1"), "take", None, NOW))
    for statement in ("UPDATE audit SET action = 'x'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            await db.write(lambda tx, sql=statement: tx.execute(sql))
    await db.close()


async def test_one_open_case_per_subject_is_enforced_by_the_schema(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "u.db")
    case_id = await _queued_case(db)

    def second_case(tx: Transaction) -> None:
        repos = Repositories(tx)
        first = repos.cases.get(case_id)
        assert first is not None
        second = repos.cases.create(
            unit="default",
            patient_id=first.patient_id,
            patient=PATIENT,
            language="sv",
            step="subject",
            actor="patient",
            at=NOW,
        )
        repos.cases.update(second.id, subject_id=first.subject_id)

    with pytest.raises(sqlite3.IntegrityError):
        await db.write(second_case)
    await db.close()


async def test_units_of_work_committed_together_stay_separate(tmp_path: Path) -> None:
    """Group commit: one failing unit among concurrent ones is rolled back alone."""
    db = await Database.open(tmp_path / "g.db")

    def create(number: int, tx: Transaction) -> int:
        patient = Repositories(tx).patients.create(Address("test", f"p{number}"), "sv", NOW)
        if number == 3:
            raise RuntimeError("this one fails after its insert")
        return patient.id

    results = await asyncio.gather(
        *(db.write(partial(create, n)) for n in range(8)), return_exceptions=True
    )
    assert isinstance(results[3], RuntimeError)
    assert all(isinstance(r, int) for i, r in enumerate(results) if i != 3)
    chats = await db.read(lambda tx: sorted(r[0] for r in tx.all("SELECT chat FROM accounts")))
    assert chats == sorted(f"p{n}" for n in range(8) if n != 3)
    await db.close()
    # What was reported committed is on disk for the next process.
    again = await Database.open(tmp_path / "g.db")
    assert await again.read(lambda tx: Repositories(tx).patients.count()) == 7
    await again.close()


async def test_a_message_waiting_for_its_retry_is_not_overtaken(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "o.db")

    def fill(tx: Transaction) -> None:
        Repositories(tx).outbox.add_many([("p", "first"), ("p", "second"), ("q", "other")], NOW)

    await db.write(fill)
    first = await db.read(lambda tx: Repositories(tx).outbox.pending("p", NOW))
    assert [item.payload for item in first] == ["first", "second"]
    later = NOW + timedelta(seconds=30)
    await db.write(lambda tx: Repositories(tx).outbox.mark_failed(first[0].id, "429", later))
    assert await db.read(lambda tx: Repositories(tx).outbox.pending("p", NOW)) == []
    other = await db.read(lambda tx: Repositories(tx).outbox.pending("q", NOW))
    assert [item.payload for item in other] == ["other"]  # other platforms are not held up
    due = await db.read(lambda tx: Repositories(tx).outbox.pending("p", later))
    assert [item.payload for item in due] == ["first", "second"]
    await db.close()
