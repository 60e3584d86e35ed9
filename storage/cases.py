"""Cases and what belongs to each: its state and history, the answers given, the patient's
feedback and the transcript (the record)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache, partial
from typing import Any

from storage.database import Transaction
from storage.people import SUBJECT_COLUMNS, Subjects
from storage.records import (
    OPEN_STATES,
    Address,
    Case,
    CaseEvent,
    Feedback,
    RecordLine,
    could_be_id,
    from_db_time,
    to_db_time,
)

_OPEN = "('intake', 'queued', 'active')"
assert "(" + ", ".join(f"'{s}'" for s in OPEN_STATES) + ")" == _OPEN

# Columns a transition may set besides the state; a fixed list keeps the SQL static.
_CASE_FIELDS = frozenset(
    {
        "subject_id",
        "step",
        "language",
        "complaint",
        "questionnaire_id",
        "questionnaire_version",
        "rules_version",
        "outcome",
        "rule_id",
        "priority",
        "recheck",
        "clinician_platform",
        "clinician_chat",
        "close_outcome",
        "queued_at",
        "taken_at",
        "finished_at",
        "last_position",
        "position_told_at",
        "relay_paused",
        "pending_items",
    }
)


def _db_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return ",".join(value)
    return to_db_time(value) if isinstance(value, datetime) else value


# A patient's open cases, each with its subject's columns (the core asks for the subject
# next): by the patient, or by a chat account of theirs (`Staff.get` reads them ahead).
_OPEN_CASES_SELECT = (
    f"SELECT c.*, {SUBJECT_COLUMNS} FROM cases c LEFT JOIN subjects s ON s.id = c.subject_id"
)
_OPEN_FOR_PATIENT = (
    f"{_OPEN_CASES_SELECT} WHERE c.patient_id = ? AND c.state IN {_OPEN} ORDER BY c.id"
)
OPEN_FOR_ACCOUNT = (
    f"{_OPEN_CASES_SELECT} WHERE c.patient_id ="
    " (SELECT patient_id FROM accounts WHERE platform = ? AND chat = ?)"
    f" AND c.state IN {_OPEN} ORDER BY c.id"
)
OPEN_CASES = "open_cases"  # the key remembered, with the patient's id
OPEN_CASES_TABLES = frozenset({"cases", "subjects"})


# The answers of a chat account's cases in intake or re-check (the round the case is in): the
# core reads them at every answer (`Staff.get` reads them ahead).
INTAKE_ANSWERS_FOR_ACCOUNT = (
    "SELECT c.id, c.recheck, a.link_id, a.value FROM cases c"
    " LEFT JOIN answers a ON a.case_id = c.id AND a.round = c.recheck"
    " WHERE c.patient_id = (SELECT patient_id FROM accounts WHERE platform = ? AND chat = ?)"
    f" AND c.state IN {_OPEN} AND (c.state = 'intake' OR c.step = 'recheck')"
    " ORDER BY c.id, a.rowid"
)
_ANSWERS = "answers"  # the key remembered, with the case's id and round
_ANSWERS_TABLES = frozenset({"answers"})
_EVENTS_TABLES = frozenset({"case_events"})
_RECORD_TABLES = frozenset({"messages"})


def remember_answers(tx: Transaction, rows: list[Any]) -> None:
    """Rows read by `INTAKE_ANSWERS_FOR_ACCOUNT`: each case's answers (none, too) remembered
    for the unit of work, for `Answers.of_case`."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        answers = found.setdefault((int(row[0]), int(row[1])), {})
        if row[2] is not None:
            answers[row[2]] = _answer_value(row[3])
    for (case_id, round_), answers in found.items():
        tx.remember((_ANSWERS, case_id, round_), _ANSWERS_TABLES, partial(_same, answers))


ACTIVE_FOR_CLINICIAN = (
    "SELECT * FROM cases WHERE clinician_platform = ? AND clinician_chat = ?"
    " AND state = 'active' ORDER BY taken_at DESC, id DESC"
)
_CASES_TABLES = frozenset({"cases"})


def active_cases(rows: list[Any]) -> tuple[Case, ...]:
    """The cases of rows read by `ACTIVE_FOR_CLINICIAN`."""
    return tuple(Case.from_row(r) for r in rows)


def remember_active(tx: Transaction, clinician: Address, rows: list[Any]) -> None:
    """Rows read by `ACTIVE_FOR_CLINICIAN` for `clinician`, for `Cases.active_for_clinician`."""
    found = active_cases(rows)
    tx.remember((ACTIVE_FOR_CLINICIAN, clinician), _CASES_TABLES, lambda: found)


def _chat_of(address: Address) -> tuple[str, str]:
    return (address.platform, address.chat)


def _same(value: dict[str, Any]) -> dict[str, Any]:
    return value


def open_cases(tx: Transaction, rows: list[Any]) -> tuple[Case, ...]:
    """The cases of rows read by `_OPEN_FOR_PATIENT` or `OPEN_FOR_ACCOUNT`; their subjects
    remembered for the unit of work."""
    for row in rows:
        Subjects.remember_joined(tx, row)
    return tuple(Case.from_row(r) for r in rows)


class Cases:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def get(self, case_id: int) -> Case | None:
        if not could_be_id(case_id):
            return None
        row = self.tx.one("SELECT * FROM cases WHERE id = ?", (case_id,))
        return None if row is None else Case.from_row(row)

    def open_for_patient(self, patient_id: int) -> list[Case]:
        # Remembered for the unit of work (asked up to twice a message), and read ahead with
        # the sender's lookup (`Staff.get`): on PostgreSQL each query is a round trip.
        return list(
            self.tx.remember(
                (OPEN_CASES, patient_id),
                OPEN_CASES_TABLES,
                lambda: open_cases(self.tx, self.tx.all(_OPEN_FOR_PATIENT, (patient_id,))),
            )
        )

    def open_for_subject(self, subject_id: int) -> Case | None:
        row = self.tx.one(
            f"SELECT * FROM cases WHERE subject_id = ? AND state IN {_OPEN}", (subject_id,)
        )
        return None if row is None else Case.from_row(row)

    def of_patient(self, patient_id: int) -> list[Case]:
        rows = self.tx.all("SELECT * FROM cases WHERE patient_id = ? ORDER BY id", (patient_id,))
        return [Case.from_row(r) for r in rows]

    def latest_for_patient(self, patient_id: int) -> Case | None:
        row = self.tx.one(
            "SELECT * FROM cases WHERE patient_id = ? ORDER BY id DESC LIMIT 1", (patient_id,)
        )
        return None if row is None else Case.from_row(row)

    def active_for_clinician(self, clinician: Address) -> list[Case]:
        # Remembered until the unit writes a case; read ahead with a staff member's lookup
        # (`Staff.get`).
        return list(
            self.tx.remember(
                (ACTIVE_FOR_CLINICIAN, clinician),
                _CASES_TABLES,
                lambda: active_cases(self.tx.all(ACTIVE_FOR_CLINICIAN, _chat_of(clinician))),
            )
        )

    def active(self, unit: str) -> list[Case]:
        rows = self.tx.all(
            "SELECT * FROM cases WHERE unit = ? AND state = 'active' ORDER BY taken_at, id", (unit,)
        )
        return [Case.from_row(r) for r in rows]

    def queued(self, unit: str) -> list[Case]:
        rows = self.tx.all(
            "SELECT * FROM cases WHERE unit = ? AND state = 'queued' ORDER BY queued_at, id",
            (unit,),
        )
        return [Case.from_row(r) for r in rows]

    def take_times(self, unit: str, since: datetime) -> list[datetime]:
        rows = self.tx.all(
            "SELECT at FROM case_events e JOIN cases c ON c.id = e.case_id"
            " WHERE c.unit = ? AND e.to_state = 'active' AND e.at >= ? ORDER BY e.at",
            (unit, to_db_time(since)),
        )
        return [t for t in (from_db_time(r[0]) for r in rows) if t is not None]

    def create(
        self,
        *,
        unit: str,
        patient_id: int,
        patient: Address,
        language: str,
        step: str,
        actor: str,
        at: datetime,
    ) -> Case:
        when = to_db_time(at)
        cid = self.tx.insert(
            "INSERT INTO cases (unit, patient_id, state, step, language, patient_platform,"
            " patient_chat, created_at) VALUES (?, ?, 'intake', ?, ?, ?, ?, ?)",
            (unit, patient_id, step, language, patient.platform, patient.chat, when),
        )
        self.tx.run(
            "INSERT INTO case_events (case_id, at, from_state, to_state, actor, reason)"
            " VALUES (?, ?, NULL, 'intake', ?, 'start')",
            (cid, when, actor),
        )
        case = self.get(cid)
        assert case is not None
        return case

    def update(self, case_id: int, **fields: Any) -> None:
        """Change fields of a case without changing its state (intake progress and the like)."""
        if not fields:
            return
        unknown = set(fields) - _CASE_FIELDS
        if unknown:
            raise ValueError(f"unknown case fields: {sorted(unknown)}")
        names = sorted(fields)
        assignments = ", ".join(f"{n} = ?" for n in names)
        self.tx.run(
            f"UPDATE cases SET {assignments} WHERE id = ?",
            (*[_db_value(fields[n]) for n in names], case_id),
        )

    def transition(
        self,
        case_id: int,
        from_states: Sequence[str],
        to_state: str,
        *,
        actor: str,
        reason: str,
        at: datetime,
        detail: str = "",
        skip_locked: bool = False,
        **fields: Any,
    ) -> bool:
        """Move a case to `to_state` if it is still in one of `from_states`. Called only through
        `bot.lifecycle.transition`, which takes the move from the lifecycle's table.

        The state check is part of the UPDATE, so two clinicians taking the same case can never
        both succeed, even from two processes. Returns whether this call made the change.
        """
        unknown = set(fields) - _CASE_FIELDS
        if unknown:
            raise ValueError(f"unknown case fields: {sorted(unknown)}")
        names = sorted(fields)
        assignments = "".join(f", {n} = ?" for n in names)
        placeholders = ", ".join("?" for _ in from_states)
        # The row is locked while its state is read, so the state logged is the one replaced
        # (SQLite: BEGIN IMMEDIATE already keeps every other writer out). `skip_locked` (the
        # clinician's `next`) passes over a case another transaction holds right now and goes on
        # to the next in the queue; a case asked for by number waits for the row instead, as
        # the row may be held by anything that writes to it (another take's queue positions),
        # not only by someone taking it.
        lock = self.tx.dialect.skip_locked if skip_locked else self.tx.dialect.for_update
        before = self.tx.one(f"SELECT state FROM cases WHERE id = ?{lock}", (case_id,))
        if before is None:
            return False
        changed = self.tx.execute(
            f"UPDATE cases SET state = ?{assignments} WHERE id = ? AND state IN ({placeholders})",
            (to_state, *[_db_value(fields[n]) for n in names], case_id, *from_states),
        )
        if changed != 1:
            return False
        self.tx.run(
            "INSERT INTO case_events (case_id, at, from_state, to_state, actor, reason, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (case_id, to_db_time(at), before[0], to_state, actor, reason, detail),
        )
        return True

    def events(self, case_id: int) -> list[CaseEvent]:
        # Remembered for the unit of work until it writes an event: taking a case asks four
        # times (the summary, the waiting time, the record), each a round trip on PostgreSQL.
        return list(
            self.tx.remember(("events", case_id), _EVENTS_TABLES, partial(self._events, case_id))
        )

    def _events(self, case_id: int) -> tuple[CaseEvent, ...]:
        rows = self.tx.all(
            "SELECT case_id, at, from_state, to_state, actor, reason, detail FROM case_events"
            " WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return tuple(
            CaseEvent(r[0], from_db_time(r[1]) or datetime.min, r[2], r[3], r[4], r[5], r[6] or "")
            for r in rows
        )

    def count_by_state(self) -> dict[str, int]:
        rows = self.tx.all("SELECT state, count(*) FROM cases GROUP BY state")
        return {r[0]: int(r[1]) for r in rows}


class Answers:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def of_case(self, case_id: int, round_: int = 0) -> dict[str, Any]:
        # A copy: the caller may add to it (remembered until the unit writes an answer).
        return dict(
            self.tx.remember(
                (_ANSWERS, case_id, round_), _ANSWERS_TABLES, lambda: self._of_case(case_id, round_)
            )
        )

    def _of_case(self, case_id: int, round_: int) -> dict[str, Any]:
        rows = self.tx.all(
            "SELECT link_id, value FROM answers WHERE case_id = ? AND round = ? ORDER BY rowid",
            (case_id, round_),
        )
        return {r[0]: _answer_value(r[1]) for r in rows}

    def put(self, case_id: int, link_id: str, value: Any, at: datetime, round_: int = 0) -> None:
        self.tx.run(
            "INSERT INTO answers (case_id, round, link_id, value, answered_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, round, link_id)"
            " DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
            (case_id, round_, link_id, json.dumps(value, ensure_ascii=False), to_db_time(at)),
        )

    def remove(self, case_id: int, link_id: str, round_: int = 0) -> None:
        self.tx.execute(
            "DELETE FROM answers WHERE case_id = ? AND round = ? AND link_id = ?",
            (case_id, round_, link_id),
        )

    def remove_last(self, case_id: int, round_: int = 0) -> str | None:
        """Take back the latest answer (the patient's `back`); its linkId, or None."""
        row = self.tx.one(
            "SELECT rowid, link_id FROM answers WHERE case_id = ? AND round = ?"
            " ORDER BY rowid DESC LIMIT 1",
            (case_id, round_),
        )
        if row is None:
            return None
        self.tx.execute("DELETE FROM answers WHERE rowid = ?", (row[0],))
        return str(row[1])

    def count(self, case_id: int) -> int:
        row = self.tx.one("SELECT count(*) FROM answers WHERE case_id = ?", (case_id,))
        return 0 if row is None else int(row[0])


class Feedbacks:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def of_case(self, case_id: int) -> Feedback | None:
        row = self.tx.one(
            "SELECT case_id, rating, comment FROM feedback WHERE case_id = ?", (case_id,)
        )
        return None if row is None else Feedback(row[0], row[1], row[2])

    def rate(self, case_id: int, rating: int, at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO feedback (case_id, rating, at) VALUES (?, ?, ?)",
            (case_id, rating, to_db_time(at)),
        )

    def comment(self, case_id: int, comment: str, at: datetime) -> None:
        self.tx.execute(
            "UPDATE feedback SET comment = ?, comment_at = ? WHERE case_id = ?",
            (comment, to_db_time(at), case_id),
        )


class Record:
    """The transcript of a case (part of the patient record)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(
        self,
        case_id: int,
        role: str,
        author: str,
        body: str,
        at: datetime,
        *,
        written_at: datetime | None = None,
    ) -> None:
        """`written_at` only for a line read long after it was written (`Incoming.late`)."""
        self.tx.run(
            "INSERT INTO messages (case_id, at, author_role, author, body, written_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                case_id,
                to_db_time(at),
                role,
                author,
                body,
                None if written_at is None else to_db_time(written_at),
            ),
        )

    def last_from_patient(self, case_id: int) -> datetime | None:
        # When the patient wrote, not when the bot could read it: a late line written before
        # the take is no answer to the clinician.
        row = self.tx.one(
            "SELECT max(coalesce(written_at, at)) FROM messages"
            " WHERE case_id = ? AND author_role = 'patient'",
            (case_id,),
        )
        return None if row is None else from_db_time(row[0])

    def of_case(self, case_id: int) -> list[RecordLine]:
        # Remembered until the unit writes a line (asked twice when a case is taken).
        return list(
            self.tx.remember(("record", case_id), _RECORD_TABLES, partial(self._of_case, case_id))
        )

    def _of_case(self, case_id: int) -> tuple[RecordLine, ...]:
        rows = self.tx.all(
            "SELECT case_id, at, author_role, author, body, written_at FROM messages"
            " WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return tuple(
            RecordLine(
                r[0], from_db_time(r[1]) or datetime.min, r[2], r[3], r[4], from_db_time(r[5])
            )
            for r in rows
        )


@lru_cache(maxsize=4096)
def _decoded(text: str) -> Any:
    return json.loads(text)


def _answer_value(text: str) -> Any:
    """A stored answer's value. Every answer is read again at every question, and most are the
    same few ("true", "2", a number): decoded once. A list or object (never an answer today)
    is decoded anew, so no caller changes another's."""
    value = _decoded(text)
    return json.loads(text) if isinstance(value, list | dict) else value
