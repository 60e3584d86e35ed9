"""The storage layer on both backends (a real SQLite file, a fresh PostgreSQL database):
migrations, atomic transitions, append-only audit, group commit, the outbox's order."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from bot.config import ConfigError, load_config
from storage import open_database
from storage.database import Database, Transaction, _migration_files
from storage.dialect import POSTGRESQL, SQLITE
from storage.postgres import PostgresTransaction, connect
from storage.records import Address, Patient, StaffMember, Subject
from storage.repositories import Repositories
from tests.postgres import INTEGRITY_ERRORS, ScratchDatabases, server_or_skip

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PATIENT = Address("test", "p1")
PATIENT2 = Address("test", "p2")


async def _queued_case(db: Database) -> int:
    return await db.write(lambda tx: _make_queued_case(Repositories(tx)))


def _make_queued_case(repos: Repositories, who: Address = PATIENT) -> int:
    patient = repos.patients.create(who, "sv", NOW)
    subject = repos.subjects.self_of(patient.id, NOW)
    case = repos.cases.create(
        unit="default",
        patient_id=patient.id,
        patient=who,
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


async def test_a_case_can_be_taken_only_once(db_location: Path | str) -> None:
    db = await open_database(db_location)
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


async def test_a_failed_unit_of_work_leaves_nothing_behind(db_location: Path | str) -> None:
    db = await open_database(db_location)

    def crash(tx: Transaction) -> None:
        Repositories(tx).patients.create(PATIENT, "sv", NOW)
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        await db.write(crash)
    assert await db.read(lambda tx: Repositories(tx).patients.count()) == 0
    await db.close()


async def test_audit_is_append_only(db_location: Path | str) -> None:
    db = await open_database(db_location)
    await db.write(lambda tx: Repositories(tx).audit.log(Address("test", "c1"), "take", None, NOW))
    for statement in ("UPDATE audit SET action = 'x'", "DELETE FROM audit"):
        with pytest.raises(INTEGRITY_ERRORS, match="append-only"):
            await db.write(lambda tx, sql=statement: tx.execute(sql))
    await db.close()


async def test_one_open_case_per_subject_is_enforced_by_the_schema(db_location: Path | str) -> None:
    db = await open_database(db_location)
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

    with pytest.raises(INTEGRITY_ERRORS):
        await db.write(second_case)
    await db.close()


async def test_units_of_work_committed_together_stay_separate(db_location: Path | str) -> None:
    """Group commit: one failing unit among concurrent ones is rolled back alone."""
    db = await open_database(db_location)

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
    again = await open_database(db_location)
    assert await again.read(lambda tx: Repositories(tx).patients.count()) == 7
    await again.close()


async def test_a_statement_the_server_refuses_fails_only_its_own_unit(
    db_location: Path | str,
) -> None:
    """A write nobody waits for (`tx.run`; on PostgreSQL its answer comes later, for the
    group's last unit only with the COMMIT) that the database refuses fails its own unit,
    wherever it stands in a group; the others are committed."""
    db = await open_database(db_location)
    await db.write(lambda tx: Repositories(tx).patients.create(Address("test", "taken"), "sv", NOW))

    def attach(number: int, tx: Transaction) -> int:
        chat = "taken" if number in (3, 7) else f"p{number}"  # (platform, chat) is unique
        patient = Repositories(tx).patients.create(Address("test", f"new{number}"), "sv", NOW)
        tx.run(
            "INSERT INTO accounts (platform, chat, patient_id, created_at) VALUES (?, ?, ?, ?)",
            ("test", chat, patient.id, "2026-01-01 00:00:00"),
        )
        return patient.id

    results = await asyncio.gather(
        *(db.write(partial(attach, n)) for n in range(8)), return_exceptions=True
    )
    assert [isinstance(r, Exception) for r in results] == [n in (3, 7) for n in range(8)]
    chats = await db.read(lambda tx: sorted(r[0] for r in tx.all("SELECT chat FROM accounts")))
    expected = ["taken"] + [f"new{n}" for n in range(8) if n not in (3, 7)]
    assert chats == sorted(expected + [f"p{n}" for n in range(8) if n not in (3, 7)])
    await db.close()


async def test_what_a_unit_remembers_gives_way_to_what_it_writes(db_location: Path | str) -> None:
    """A unit of work reads the staff member, the patient and the subject once (each read is
    a round trip on PostgreSQL), but never past its own change to them, nor into the next unit."""
    db = await open_database(db_location)
    nurse = Address("test", "nurse")

    def change(tx: Transaction) -> list[object]:
        repos = Repositories(tx)
        seen: list[object] = [repos.staff.get(nurse), repos.patients.by_account(PATIENT)]
        repos.staff.put(StaffMember(nurse, "clinician", "Sköterska", "", "default"), NOW)
        patient = repos.patients.create(PATIENT, "sv", NOW)
        subject = repos.subjects.self_of(patient.id, NOW)
        assert repos.subjects.get(subject.id) == subject
        repos.subjects.set_stated_age(subject.id, 480, NOW)
        repos.patients.set_language(patient.id, "fi")
        by_account = repos.patients.by_account(PATIENT)
        member = repos.staff.get(nurse)
        assert member is not None and by_account is not None
        return [*seen, member.name, by_account.language, repos.subjects.get(subject.id)]

    before_staff, before_patient, name, language, subject = await db.write(change)
    assert (before_staff, before_patient, name, language) == (None, None, "Sköterska", "fi")
    assert isinstance(subject, Subject) and subject.age_months == 480

    def next_unit(tx: Transaction) -> tuple[object, object]:
        Repositories(tx).staff.remove(nurse)
        return Repositories(tx).staff.get(nurse), Repositories(tx).patients.by_account(PATIENT)

    gone, patient = await db.write(next_unit)
    assert gone is None and isinstance(patient, Patient) and patient.language == "fi"
    await db.close()


async def test_a_message_waiting_for_its_retry_is_not_overtaken(db_location: Path | str) -> None:
    db = await open_database(db_location)

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


async def test_migrations_apply_once_on_either_backend(db_location: Path | str) -> None:
    db = await open_database(db_location)
    assert await db.migrate() == []  # already applied by open()
    versions = await db.read(
        lambda tx: [int(r[0]) for r in tx.all("SELECT version FROM schema_migrations")]
    )
    await db.close()
    again = await open_database(db_location)  # a restart applies nothing twice
    assert await again.migrate() == []
    await again.close()
    assert sorted(versions) == [number for number, _, _ in _migration_files()]


def test_sqlite_never_reads_the_postgresql_twins() -> None:
    sqlite = {name: sql for _, name, sql in _migration_files(SQLITE)}
    postgres = {name: sql for _, name, sql in _migration_files(POSTGRESQL)}
    assert sqlite.keys() == postgres.keys()  # the same numbered migrations, by the same names
    assert not any(name.endswith(".postgresql.sql") for name in sqlite)
    assert "plpgsql" not in sqlite["0001_initial.sql"]
    assert "plpgsql" in postgres["0001_initial.sql"]
    assert postgres["0005_waiting_room.sql"] == sqlite["0005_waiting_room.sql"]  # no twin


async def test_the_newest_answer_is_the_one_taken_back(db_location: Path | str) -> None:
    db = await open_database(db_location)
    case_id = await _queued_case(db)

    def answer(tx: Transaction) -> str | None:
        answers = Repositories(tx).answers
        for link_id in ("b", "a", "c"):
            answers.put(case_id, link_id, 1, NOW)
        answers.put(case_id, "b", 2, NOW)  # changing an answer keeps its place
        return answers.remove_last(case_id)

    assert await db.write(answer) == "c"
    left = await db.read(lambda tx: Repositories(tx).answers.of_case(case_id))
    assert list(left.items()) == [("b", 2), ("a", 1)]
    await db.close()


async def test_a_claimed_outbox_row_is_sent_by_one_sender_only(db_location: Path | str) -> None:
    db = await open_database(db_location)
    hold = timedelta(seconds=30)
    await db.write(lambda tx: Repositories(tx).outbox.add_many([("p", "a"), ("p", "b")], NOW))
    first = await db.write(lambda tx: Repositories(tx).outbox.claim("p", NOW, hold))
    second = await db.write(lambda tx: Repositories(tx).outbox.claim("p", NOW, hold))
    assert [i.payload for i in first] == ["a", "b"] and second == []
    # A sender that died: its rows are taken again once the hold has passed.
    later = await db.write(lambda tx: Repositories(tx).outbox.claim("p", NOW + hold * 2, hold))
    assert [i.payload for i in later] == ["a", "b"]
    await db.close()


def _take_next_in_own_transaction(url: str, started: threading.Barrier) -> list[int]:
    """A clinician's `next` in its own connection (as another bot process would): every
    queued case in order, until one is taken; the transaction stays open until both have
    chosen, so the other taker meets a locked row, not a case already marked active."""
    conn = connect(url)
    try:
        conn.execute("BEGIN")
        repos = Repositories(PostgresTransaction(conn))
        taken = []
        for case in repos.cases.queued("default"):
            if repos.cases.transition(
                case.id, ("queued",), "active", actor="c", reason="take", at=NOW, skip_locked=True
            ):
                taken.append(case.id)
                break
        started.wait(timeout=10)
        conn.execute("COMMIT")
        return taken
    finally:
        conn.close()


async def test_two_processes_taking_next_at_once_take_two_different_cases(
    tmp_path: Path,
) -> None:
    scratch = ScratchDatabases(server_or_skip())
    url = scratch.new("take")
    try:
        db = await open_database(url)
        for number in range(3):
            await db.write(
                lambda tx, n=number: _make_queued_case(Repositories(tx), Address("test", f"p{n}"))
            )
        await db.close()
        both = threading.Barrier(2)
        loop = asyncio.get_running_loop()
        first, second = await asyncio.gather(
            loop.run_in_executor(None, _take_next_in_own_transaction, url, both),
            loop.run_in_executor(None, _take_next_in_own_transaction, url, both),
        )
        assert len(first) == len(second) == 1 and first != second
        db = await open_database(url)
        states = await db.read(lambda tx: Repositories(tx).cases.count_by_state())
        await db.close()
        assert states == {"active": 2, "queued": 1}
    finally:
        scratch.drop_all()


async def test_a_postgresql_url_in_the_config_or_environment_selects_postgresql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = server_or_skip()
    config_file = tmp_path / "minvard.toml"
    config_file.write_text(f'[storage]\npath = "{tmp_path / "unused.db"}"\n', encoding="utf-8")
    assert load_config(config_file).storage.location == str(tmp_path / "unused.db")
    scratch = ScratchDatabases(server)
    url = scratch.new("config")
    try:
        monkeypatch.setenv("MINVARD_STORAGE_URL", url)
        config = load_config(config_file)
        db = await open_database(config.storage.location)
        try:
            assert db.dialect is POSTGRESQL
            assert await db.read(lambda tx: Repositories(tx).patients.count()) == 0
        finally:
            await db.close()
        assert not (tmp_path / "unused.db").exists()  # the SQLite file was never made
    finally:
        scratch.drop_all()


def test_a_storage_url_that_is_not_postgresql_is_refused_by_its_key(tmp_path: Path) -> None:
    config_file = tmp_path / "minvard.toml"
    config_file.write_text('[storage]\nurl = "mysql://db/minvard"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"storage\.url.*postgresql://"):
        load_config(config_file)


async def test_the_bot_carries_on_when_the_database_server_cuts_its_connection() -> None:
    scratch = ScratchDatabases(server_or_skip())
    url = scratch.new("cut")
    try:
        db = await open_database(url)
        await db.write(lambda tx: Repositories(tx).patients.create(PATIENT, "sv", NOW))
        # What a server restart or a killed backend does to the bot's connection.
        with connect(scratch.server) as admin:
            cut = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (urlsplit(url).path.lstrip("/"),),
            ).fetchall()
        assert cut and all(row[0] for row in cut)
        with contextlib.suppress(psycopg.OperationalError):
            # The unit running when the connection went fails whole (nothing half-written);
            # it may also be the first on the new connection and succeed.
            await db.write(lambda tx: Repositories(tx).patients.create(PATIENT2, "sv", NOW))
        await db.write(
            lambda tx: Repositories(tx).patients.create(Address("test", "p3"), "sv", NOW)
        )
        count = await db.read(lambda tx: Repositories(tx).patients.count())
        assert count in (2, 3)
        await db.close()
    finally:
        scratch.drop_all()


async def test_the_inbox_mark_brings_the_senders_lookup_along(db_location: Path | str) -> None:
    """The mark read with who sent the event (one round trip on PostgreSQL): a redelivery is
    still told apart, and what the core asks next (staff? which patient, which open cases)
    is answered from it."""
    db = await open_database(db_location)
    case_id = await _queued_case(db)

    def handle(event_id: str, tx: Transaction) -> tuple[bool, bool, list[int]]:
        repos = Repositories(tx)
        new = repos.inbox.mark(event_id, NOW, sender=PATIENT)
        patient = repos.patients.by_account(PATIENT)
        assert patient is not None
        staff = repos.staff.get(PATIENT) is not None
        return new, staff, [case.id for case in repos.cases.open_for_patient(patient.id)]

    traffic = getattr(db, "traffic", None)
    before = None if traffic is None else db.traffic.round_trips  # type: ignore[attr-defined]
    assert await db.write(partial(handle, "event-1")) == (True, False, [case_id])
    if before is not None:
        # The mark with the lookups, then the COMMIT.
        assert db.traffic.round_trips - before == 2  # type: ignore[attr-defined]
    assert await db.write(partial(handle, "event-1")) == (False, False, [case_id])
    assert await db.write(partial(handle, "event-2")) == (True, False, [case_id])
    await db.close()


async def test_answers_read_ahead_with_the_mark_give_way_to_an_answer_written(
    db_location: Path | str,
) -> None:
    """An intake's answers come with the sender's lookup; once the unit stores an answer,
    the next reading sees it (nothing stale remembered)."""
    db = await open_database(db_location)

    def start(tx: Transaction) -> int:
        repos = Repositories(tx)
        patient = repos.patients.create(PATIENT, "sv", NOW)
        case = repos.cases.create(
            unit="default",
            patient_id=patient.id,
            patient=PATIENT,
            language="sv",
            step="questions",
            actor="patient",
            at=NOW,
        )
        repos.answers.put(case.id, "fever", True, NOW)
        return case.id

    case_id = await db.write(start)

    def answer(tx: Transaction) -> tuple[dict[str, object], dict[str, object]]:
        repos = Repositories(tx)
        assert repos.inbox.mark("event-1", NOW, sender=PATIENT)
        before = repos.answers.of_case(case_id)
        before["changed by the caller"] = 1  # a copy: nothing remembered changes
        repos.answers.put(case_id, "temp", 38.5, NOW)
        return repos.answers.of_case(case_id), repos.answers.of_case(case_id, 1)

    traffic = getattr(db, "traffic", None)
    before = None if traffic is None else db.traffic.round_trips  # type: ignore[attr-defined]
    after, other_round = await db.write(answer)
    assert after == {"fever": True, "temp": 38.5}
    assert other_round == {}
    if before is not None:
        # The mark with the lookups and answers; the answers again after the write; the
        # other round's; the COMMIT.
        assert db.traffic.round_trips - before == 4  # type: ignore[attr-defined]
    await db.close()
