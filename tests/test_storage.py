"""The storage layer on a real SQLite file: migrations, atomic transitions, append-only audit."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.database import Database
from storage.records import Address
from storage.repositories import Repositories

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PATIENT = Address("test", "p1")


async def _queued_case(db: Database) -> int:
    async with db.unit_of_work() as tx:
        repos = Repositories(tx)
        patient = await repos.patients.create(PATIENT, "sv", NOW)
        subject = await repos.subjects.self_of(patient.id, NOW)
        case = await repos.cases.create(
            unit="default",
            patient_id=patient.id,
            patient=PATIENT,
            language="sv",
            step="complaint",
            actor="patient",
            at=NOW,
        )
        await repos.cases.update(case.id, subject_id=subject.id)
        assert await repos.cases.transition(
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
    assert versions == [1]


async def test_a_case_can_be_taken_only_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "t.db")
    case_id = await _queued_case(db)
    results = []
    for clinician in ("c1", "c2"):
        async with db.unit_of_work() as tx:
            results.append(
                await Repositories(tx).cases.transition(
                    case_id,
                    ("queued",),
                    "active",
                    actor=clinician,
                    reason="take",
                    at=NOW,
                    clinician_platform="test",
                    clinician_chat=clinician,
                )
            )
    assert results == [True, False]
    async with db.reading() as tx:
        case = await Repositories(tx).cases.get(case_id)
        events = await Repositories(tx).cases.events(case_id)
    assert case is not None and case.clinician == Address("test", "c1")
    assert [e.to_state for e in events] == ["intake", "queued", "active"]
    await db.close()


async def test_a_failed_unit_of_work_leaves_nothing_behind(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "r.db")
    with pytest.raises(RuntimeError):
        async with db.unit_of_work() as tx:
            await Repositories(tx).patients.create(PATIENT, "sv", NOW)
            raise RuntimeError("crash")
    async with db.reading() as tx:
        assert await Repositories(tx).patients.count() == 0
    await db.close()


async def test_audit_is_append_only(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    async with db.unit_of_work() as tx:
        await Repositories(tx).audit.log(Address("test", "c1"), "take", None, NOW)
    for statement in ("UPDATE audit SET action = 'x'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            async with db.unit_of_work() as tx:
                await tx.execute(statement)
    await db.close()


async def test_one_open_case_per_subject_is_enforced_by_the_schema(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "u.db")
    case_id = await _queued_case(db)
    with pytest.raises(sqlite3.IntegrityError):
        async with db.unit_of_work() as tx:
            repos = Repositories(tx)
            first = await repos.cases.get(case_id)
            assert first is not None
            second = await repos.cases.create(
                unit="default",
                patient_id=first.patient_id,
                patient=PATIENT,
                language="sv",
                step="subject",
                actor="patient",
                at=NOW,
            )
            await repos.cases.update(second.id, subject_id=first.subject_id)
    await db.close()
