"""Repositories: the only place with SQL. Each works inside one `Transaction`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from storage.database import Transaction
from storage.dead_letters import DeadLetters
from storage.held_lines import HeldLines
from storage.identity_state import IdentityState
from storage.records import (
    OPEN_STATES,
    Address,
    Binding,
    Case,
    CaseEvent,
    Feedback,
    OutboxItem,
    Patient,
    RecordLine,
    StaffMember,
    Subject,
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


_PATIENT_COLUMNS = (
    "p.id, p.language, p.language_set, p.mobile, p.personnummer, p.email, p.contact_step"
)


def _patient(row: Any) -> Patient:
    return Patient(row[0], row[1], bool(row[2]), row[3], row[4], row[5], row[6])


class Patients:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def by_account(self, address: Address) -> Patient | None:
        row = self.tx.one(
            f"SELECT {_PATIENT_COLUMNS} FROM accounts a"
            " JOIN patients p ON p.id = a.patient_id WHERE a.platform = ? AND a.chat = ?",
            (address.platform, address.chat),
        )
        return None if row is None else _patient(row)

    def get(self, patient_id: int) -> Patient | None:
        if not could_be_id(patient_id):
            return None
        row = self.tx.one(
            f"SELECT {_PATIENT_COLUMNS} FROM patients p WHERE p.id = ?", (patient_id,)
        )
        return None if row is None else _patient(row)

    def by_personnummer(self, personnummer: str) -> Patient | None:
        row = self.tx.one(
            f"SELECT {_PATIENT_COLUMNS} FROM patients p WHERE p.personnummer = ?", (personnummer,)
        )
        return None if row is None else _patient(row)

    def create_for_person(self, personnummer: str, language: str, at: datetime) -> Patient:
        """A new record for a verified person seen for the first time on this chat account."""
        pid = self.tx.insert(
            "INSERT INTO patients (created_at, language, personnummer) VALUES (?, ?, ?)",
            (to_db_time(at), language, personnummer),
        )
        return Patient(pid, language, False, personnummer=personnummer)

    def set_personnummer(self, patient_id: int, personnummer: str) -> None:
        self.tx.execute(
            "UPDATE patients SET personnummer = ? WHERE id = ?", (personnummer, patient_id)
        )

    def attach_account(self, address: Address, patient_id: int, at: datetime) -> None:
        """From now on this chat account acts for `patient_id` (its person's record)."""
        self.tx.execute(
            "INSERT INTO accounts (platform, chat, patient_id, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (platform, chat) DO UPDATE SET patient_id = excluded.patient_id",
            (address.platform, address.chat, patient_id, to_db_time(at)),
        )

    def set_email(self, patient_id: int, email: str | None) -> None:
        self.tx.execute("UPDATE patients SET email = ? WHERE id = ?", (email, patient_id))

    def set_contact_step(self, patient_id: int, step: str) -> None:
        self.tx.execute("UPDATE patients SET contact_step = ? WHERE id = ?", (step, patient_id))

    def set_mobile(self, patient_id: int, mobile: str | None) -> None:
        self.tx.execute("UPDATE patients SET mobile = ? WHERE id = ?", (mobile, patient_id))

    def create(self, address: Address, language: str, at: datetime) -> Patient:
        when = to_db_time(at)
        pid = self.tx.insert(
            "INSERT INTO patients (created_at, language) VALUES (?, ?)", (when, language)
        )
        self.tx.execute(
            "INSERT INTO accounts (platform, chat, patient_id, created_at) VALUES (?, ?, ?, ?)",
            (address.platform, address.chat, pid, when),
        )
        return Patient(pid, language, False)

    def set_language(self, patient_id: int, language: str) -> None:
        self.tx.execute(
            "UPDATE patients SET language = ?, language_set = 1 WHERE id = ?",
            (language, patient_id),
        )

    def count(self) -> int:
        row = self.tx.one("SELECT count(*) FROM patients")
        return 0 if row is None else int(row[0])


class Subjects:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    @staticmethod
    def _from_row(row: Any) -> Subject:
        return Subject(
            row["id"],
            row["patient_id"],
            row["kind"],
            row["name"],
            row["age_months"],
            row["guardian_statement"],
            row["personnummer"],
            from_db_time(row["age_given_at"]),
        )

    def get(self, subject_id: int) -> Subject | None:
        if not could_be_id(subject_id):
            return None
        row = self.tx.one("SELECT * FROM subjects WHERE id = ?", (subject_id,))
        return None if row is None else self._from_row(row)

    def self_of(self, patient_id: int, at: datetime) -> Subject:
        row = self.tx.one(
            "SELECT * FROM subjects WHERE patient_id = ? AND kind = 'self'", (patient_id,)
        )
        if row is not None:
            return self._from_row(row)
        sid = self.tx.insert(
            "INSERT INTO subjects (patient_id, kind, created_at) VALUES (?, 'self', ?)",
            (patient_id, to_db_time(at)),
        )
        return Subject(sid, patient_id, "self", None, None, None)

    def children_of(self, patient_id: int) -> list[Subject]:
        rows = self.tx.all(
            "SELECT * FROM subjects WHERE patient_id = ? AND kind = 'child' ORDER BY id",
            (patient_id,),
        )
        return [self._from_row(r) for r in rows]

    def add_child(self, patient_id: int, name: str, at: datetime) -> Subject:
        sid = self.tx.insert(
            "INSERT INTO subjects (patient_id, kind, name, created_at) VALUES (?, 'child', ?, ?)",
            (patient_id, name, to_db_time(at)),
        )
        return Subject(sid, patient_id, "child", name, None, None)

    def update_child(
        self, subject_id: int, *, age_months: int | None = None, statement: str | None = None
    ) -> None:
        if age_months is not None:
            self.tx.execute(
                "UPDATE subjects SET age_months = ? WHERE id = ?", (age_months, subject_id)
            )
        if statement is not None:
            self.tx.execute(
                "UPDATE subjects SET guardian_statement = ? WHERE id = ?", (statement, subject_id)
            )

    def set_personnummer(self, subject_id: int, personnummer: str) -> None:
        self.tx.execute(
            "UPDATE subjects SET personnummer = ? WHERE id = ?", (personnummer, subject_id)
        )

    def set_stated_age(self, subject_id: int, age_months: int, at: datetime) -> None:
        """The age a patient without e-ID gave for themselves, and when they gave it."""
        self.tx.execute(
            "UPDATE subjects SET age_months = ?, age_given_at = ? WHERE id = ?",
            (age_months, to_db_time(at), subject_id),
        )


class Cases:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def get(self, case_id: int) -> Case | None:
        if not could_be_id(case_id):
            return None
        row = self.tx.one("SELECT * FROM cases WHERE id = ?", (case_id,))
        return None if row is None else Case.from_row(row)

    def open_for_patient(self, patient_id: int) -> list[Case]:
        rows = self.tx.all(
            f"SELECT * FROM cases WHERE patient_id = ? AND state IN {_OPEN} ORDER BY id",
            (patient_id,),
        )
        return [Case.from_row(r) for r in rows]

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
        rows = self.tx.all(
            "SELECT * FROM cases WHERE clinician_platform = ? AND clinician_chat = ?"
            " AND state = 'active' ORDER BY taken_at DESC, id DESC",
            (clinician.platform, clinician.chat),
        )
        return [Case.from_row(r) for r in rows]

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
        # (SQLite: BEGIN IMMEDIATE already keeps every other writer out). Taking a queued case
        # skips one that another process is taking right now: the clinician's `next` goes on to
        # the next case in the queue instead of waiting to lose the race.
        taking = to_state == "active" and tuple(from_states) == ("queued",)
        lock = self.tx.dialect.skip_locked if taking else self.tx.dialect.for_update
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
        rows = self.tx.all(
            "SELECT case_id, at, from_state, to_state, actor, reason, detail FROM case_events"
            " WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [
            CaseEvent(r[0], from_db_time(r[1]) or datetime.min, r[2], r[3], r[4], r[5], r[6] or "")
            for r in rows
        ]

    def count_by_state(self) -> dict[str, int]:
        rows = self.tx.all("SELECT state, count(*) FROM cases GROUP BY state")
        return {r[0]: int(r[1]) for r in rows}


class Answers:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def of_case(self, case_id: int, round_: int = 0) -> dict[str, Any]:
        rows = self.tx.all(
            "SELECT link_id, value FROM answers WHERE case_id = ? AND round = ? ORDER BY rowid",
            (case_id, round_),
        )
        return {r[0]: json.loads(r[1]) for r in rows}

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
        rows = self.tx.all(
            "SELECT case_id, at, author_role, author, body, written_at FROM messages"
            " WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [
            RecordLine(
                r[0], from_db_time(r[1]) or datetime.min, r[2], r[3], r[4], from_db_time(r[5])
            )
            for r in rows
        ]


class Audit:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def log(
        self, staff: Address, action: str, case_id: int | None, at: datetime, detail: str = ""
    ) -> None:
        self.tx.run(
            "INSERT INTO audit (at, staff, action, case_id, detail) VALUES (?, ?, ?, ?, ?)",
            (to_db_time(at), staff.key(), action, case_id, detail),
        )

    def of_case(self, case_id: int) -> list[tuple[str, str]]:
        rows = self.tx.all(
            "SELECT staff, action FROM audit WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [(r[0], r[1]) for r in rows]

    def of_actor(self, actor: Address) -> list[tuple[str, str]]:
        """(action, detail) of everything done by `actor`, oldest first: staff, or a patient's
        chat account for identity events (logins, their end, misuse reports)."""
        rows = self.tx.all(
            "SELECT action, detail FROM audit WHERE staff = ? ORDER BY id", (actor.key(),)
        )
        return [(r[0], r[1]) for r in rows]

    def entries_of_case(self, case_id: int) -> list[tuple[datetime, str, str, str]]:
        """(when, staff address key, action, detail), oldest first."""
        rows = self.tx.all(
            "SELECT at, staff, action, detail FROM audit WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [(from_db_time(r[0]) or datetime.min, r[1], r[2], r[3]) for r in rows]


class Bindings:
    """Which verified person each chat account acts for (identity on)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def live(self, account: Address) -> Binding | None:
        row = self.tx.one(
            "SELECT * FROM identity_bindings WHERE platform = ? AND chat = ? AND ended_at IS NULL",
            (account.platform, account.chat),
        )
        return None if row is None else Binding.from_row(row)

    def add(
        self,
        account: Address,
        patient_id: int,
        personnummer: str,
        name: str,
        provider: str,
        at: datetime,
    ) -> Binding:
        bid = self.tx.insert(
            "INSERT INTO identity_bindings (platform, chat, patient_id, personnummer, name,"
            " provider, verified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                account.platform,
                account.chat,
                patient_id,
                personnummer,
                name,
                provider,
                to_db_time(at),
            ),
        )
        return Binding(bid, account, patient_id, personnummer, name, provider, at)

    def end(self, binding_id: int, reason: str, at: datetime) -> bool:
        return (
            self.tx.execute(
                "UPDATE identity_bindings SET ended_at = ?, end_reason = ?"
                " WHERE id = ? AND ended_at IS NULL",
                (to_db_time(at), reason, binding_id),
            )
            == 1
        )

    def live_of_person(self, personnummer: str) -> list[Binding]:
        rows = self.tx.all(
            "SELECT * FROM identity_bindings WHERE personnummer = ? AND ended_at IS NULL"
            " ORDER BY id",
            (personnummer,),
        )
        return [Binding.from_row(r) for r in rows]

    def of_patient(self, patient_id: int) -> list[Binding]:
        """Every login to this record, oldest first (live and ended)."""
        rows = self.tx.all(
            "SELECT * FROM identity_bindings WHERE patient_id = ? ORDER BY id", (patient_id,)
        )
        return [Binding.from_row(r) for r in rows]

    def latest_of_patient(self, patient_id: int) -> Binding | None:
        row = self.tx.one(
            "SELECT * FROM identity_bindings WHERE patient_id = ? ORDER BY id DESC LIMIT 1",
            (patient_id,),
        )
        return None if row is None else Binding.from_row(row)

    def known_account(self, account: Address, personnummer: str) -> bool:
        """Whether this chat account has acted for this person before."""
        row = self.tx.one(
            "SELECT 1 FROM identity_bindings WHERE platform = ? AND chat = ? AND personnummer = ?"
            " LIMIT 1",
            (account.platform, account.chat, personnummer),
        )
        return row is not None

    def cases_since(self, account: Address, since: datetime) -> int:
        """Cases this chat account started at or after `since` (a verification's use)."""
        row = self.tx.one(
            "SELECT count(*) FROM cases WHERE patient_platform = ? AND patient_chat = ?"
            " AND created_at >= ?",
            (account.platform, account.chat, to_db_time(since)),
        )
        return 0 if row is None else int(row[0])


class Staff:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def get(self, address: Address) -> StaffMember | None:
        row = self.tx.one(
            "SELECT role, name, title, unit FROM staff WHERE platform = ? AND chat = ?",
            (address.platform, address.chat),
        )
        return None if row is None else StaffMember(address, row[0], row[1], row[2], row[3])

    def remove(self, address: Address) -> None:
        self.tx.execute(
            "DELETE FROM staff WHERE platform = ? AND chat = ?", (address.platform, address.chat)
        )

    def all(self) -> list[StaffMember]:
        rows = self.tx.all(
            "SELECT platform, chat, role, name, title, unit FROM staff ORDER BY role, name"
        )
        return [StaffMember(Address(r[0], r[1]), r[2], r[3], r[4], r[5]) for r in rows]

    def put(self, member: StaffMember, at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO staff (platform, chat, role, name, title, unit, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, chat) DO UPDATE SET"
            " role = excluded.role, name = excluded.name, title = excluded.title,"
            " unit = excluded.unit",
            (
                member.address.platform,
                member.address.chat,
                member.role,
                member.name,
                member.title,
                member.unit,
                to_db_time(at),
            ),
        )


class Closures:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(self, start: datetime, end: datetime, reason: str, by: str, at: datetime) -> int:
        return self.tx.insert(
            "INSERT INTO closures (starts_at, ends_at, reason, added_by, added_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (to_db_time(start), to_db_time(end), reason, by, to_db_time(at)),
        )

    def all(self) -> list[tuple[datetime, datetime, str]]:
        rows = self.tx.all("SELECT starts_at, ends_at, reason FROM closures ORDER BY starts_at, id")
        found = []
        for row in rows:
            start, end = from_db_time(row[0]), from_db_time(row[1])
            assert start is not None and end is not None
            found.append((start, end, str(row[2])))
        return found


class Stats:
    """Read-only figures for the `stats` command."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def outcomes_since(self, unit: str, since: datetime) -> dict[str, int]:
        """Cases created since `since` by how they stand or ended: P1–P5 outcome, R, A, …"""
        rows = self.tx.all(
            "SELECT coalesce(outcome, state), count(*) FROM cases"
            " WHERE unit = ? AND created_at >= ? GROUP BY 1",
            (unit, to_db_time(since)),
        )
        return {str(r[0]): int(r[1]) for r in rows}

    def closed_since(self, unit: str, since: datetime) -> dict[str, int]:
        rows = self.tx.all(
            "SELECT close_outcome, count(*) FROM cases WHERE unit = ? AND state = 'closed'"
            " AND finished_at >= ? GROUP BY 1",
            (unit, to_db_time(since)),
        )
        return {str(r[0]): int(r[1]) for r in rows}

    def waits_since(self, unit: str, since: datetime) -> list[tuple[int, datetime, datetime]]:
        """(priority, queued_at, taken_at) of cases first taken since `since`."""
        rows = self.tx.all(
            "SELECT c.priority, c.queued_at, min(e.at) FROM cases c"
            " JOIN case_events e ON e.case_id = c.id AND e.to_state = 'active'"
            " WHERE c.unit = ? AND c.queued_at IS NOT NULL GROUP BY c.id HAVING min(e.at) >= ?",
            (unit, to_db_time(since)),
        )
        found = []
        for row in rows:
            queued, taken = from_db_time(row[1]), from_db_time(row[2])
            if queued is not None and taken is not None and row[0] is not None:
                found.append((int(row[0]), queued, taken))
        return found

    def arrivals(self, unit: str) -> list[tuple[datetime, int]]:
        """(queued_at, priority) of every case that reached the queue: the simulator's history."""
        rows = self.tx.all(
            "SELECT queued_at, priority FROM cases WHERE unit = ? AND queued_at IS NOT NULL"
            " AND priority IS NOT NULL ORDER BY queued_at",
            (unit,),
        )
        found = []
        for row in rows:
            at = from_db_time(row[0])
            if at is not None:
                found.append((at, int(row[1])))
        return found

    def feedback_since(self, unit: str, since: datetime) -> tuple[int, float | None]:
        row = self.tx.one(
            "SELECT count(*), avg(f.rating) FROM feedback f JOIN cases c ON c.id = f.case_id"
            " WHERE c.unit = ? AND f.at >= ?",
            (unit, to_db_time(since)),
        )
        if row is None:
            return 0, None
        return int(row[0]), (None if row[1] is None else float(row[1]))


class JobMarks:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def get(self, job: str, key: str) -> str | None:
        row = self.tx.one("SELECT value FROM job_marks WHERE job = ? AND key = ?", (job, key))
        return None if row is None else str(row[0])

    def put(self, job: str, key: str, value: str, at: datetime) -> bool:
        """Set the mark; True when it was new or changed (the job should act)."""
        if self.get(job, key) == value:
            return False
        self.tx.execute(
            "INSERT INTO job_marks (job, key, value, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (job, key) DO UPDATE SET value = excluded.value, at = excluded.at",
            (job, key, value, to_db_time(at)),
        )
        return True


class Housekeeping:
    """Deletions that the privacy rules ask for: unfinished intakes, records past retention."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def stale_intakes(self, before: datetime) -> list[Case]:
        rows = self.tx.all(
            "SELECT * FROM cases WHERE state = 'intake' AND created_at < ? ORDER BY id",
            (to_db_time(before),),
        )
        return [Case.from_row(r) for r in rows]

    def forget_case_content(self, case_id: int) -> None:
        """Drop what was said and answered in a case (the case row and its events stay)."""
        self.tx.execute("DELETE FROM answers WHERE case_id = ?", (case_id,))
        self.tx.execute("DELETE FROM messages WHERE case_id = ?", (case_id,))

    def expired_records(self, before: datetime) -> list[int]:
        rows = self.tx.all(
            "SELECT id FROM cases WHERE state NOT IN ('intake', 'queued', 'active')"
            " AND finished_at IS NOT NULL AND finished_at < ? ORDER BY id",
            (to_db_time(before),),
        )
        return [int(r[0]) for r in rows]

    def delete_case(self, case_id: int) -> None:
        """The whole record of a case, and every trace of it on the platforms' side. The audit
        trail (who accessed it) is kept: it has no foreign key and outlives the record."""
        for table in (
            "answers",
            "messages",
            "feedback",
            "case_events",
            "sms",
            "moderation_verdicts",
            "telegram_case_messages",
            "matrix_case_rooms",
        ):
            self.tx.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))
        self.tx.execute("DELETE FROM cases WHERE id = ?", (case_id,))

    def forget_people(self, before: datetime) -> int:
        """Who a person is, once nothing of theirs is kept any more: personnummer, contact
        details, children's names and logins of people with no case left, known since before
        `before` and not logged in since. Returns how many people were forgotten."""
        cutoff = to_db_time(before)
        rows = self.tx.all(
            "SELECT p.id FROM patients p WHERE p.created_at < ?"
            " AND (p.personnummer IS NOT NULL OR p.mobile IS NOT NULL OR p.email IS NOT NULL"
            "      OR EXISTS (SELECT 1 FROM subjects s WHERE s.patient_id = p.id"
            "                 AND s.kind = 'child')"
            "      OR EXISTS (SELECT 1 FROM identity_bindings b WHERE b.patient_id = p.id))"
            " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.patient_id = p.id)"
            " AND NOT EXISTS (SELECT 1 FROM identity_bindings b WHERE b.patient_id = p.id"
            "                 AND b.verified_at >= ?)",
            (cutoff, cutoff),
        )
        ids = [int(r[0]) for r in rows]
        for patient_id in ids:
            self.tx.execute(
                "UPDATE patients SET personnummer = NULL, mobile = NULL, email = NULL WHERE id = ?",
                (patient_id,),
            )
            self.tx.execute(
                "DELETE FROM subjects WHERE patient_id = ? AND kind = 'child'", (patient_id,)
            )
            self.tx.execute("DELETE FROM identity_bindings WHERE patient_id = ?", (patient_id,))
        return len(ids)


# A text message's outcome, once known, stands: gateways do not promise to report in order (46elks
# may send "sent" after "delivered"), and a phone does not un-receive a message.
SMS_FINAL = ("delivered", "failed")
_SMS_FINAL = "('delivered', 'failed')"
assert "(" + ", ".join(f"'{s}'" for s in SMS_FINAL) + ")" == _SMS_FINAL
# How long a report waits for its message's id to be stored. The id comes with the gateway's
# answer to the send, seconds later at most; an id missing for a day never will come (the answer
# was lost, or the message was not ours), and a day keeps the gateway's id no longer than needed.
EARLY_REPORTS_KEPT = timedelta(hours=24)

# What became of a delivery report: applied to its message; "unchanged" because the message had
# its outcome already; "kept" because no message has that id yet.
SmsReportOutcome = Literal["applied", "unchanged", "kept"]


class SmsLog:
    """Every text message: what it was for and how far it got (never its text or number)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(self, case_id: int | None, patient_id: int, purpose: str, at: datetime) -> int:
        when = to_db_time(at)
        return self.tx.insert(
            "INSERT INTO sms (case_id, patient_id, purpose, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (case_id, patient_id, purpose, when, when),
        )

    def set_status(
        self,
        sms_id: int,
        status: str,
        at: datetime,
        provider: str | None = None,
        provider_id: str | None = None,
    ) -> None:
        """How far the message got by our side's account; with the gateway's id, also what the
        gateway reported before that id was known."""
        self.tx.execute(
            f"UPDATE sms SET status = CASE WHEN status IN {_SMS_FINAL} THEN status ELSE ? END,"
            " updated_at = ?, provider = coalesce(?, provider),"
            " provider_id = coalesce(?, provider_id) WHERE id = ?",
            (status, to_db_time(at), provider, provider_id, sms_id),
        )
        if provider_id is not None:
            self._apply_early_report(sms_id, at)

    def report(
        self, provider: str, provider_id: str, status: str, at: datetime
    ) -> SmsReportOutcome:
        """The gateway's final status (delivered, failed) for the message it knows by
        `provider_id`. With no such message yet it is kept, and applied when the id is stored
        (`set_status`), unless a day passes first."""
        if status not in SMS_FINAL:
            raise ValueError(f"not a final SMS status: {status!r}")
        changed = self.tx.execute(
            "UPDATE sms SET status = ?, updated_at = ? WHERE provider = ? AND provider_id = ?"
            f" AND status NOT IN {_SMS_FINAL}",
            (status, to_db_time(at), provider, provider_id),
        )
        if changed:
            return "applied"
        known = self.tx.one(
            "SELECT 1 FROM sms WHERE provider = ? AND provider_id = ?", (provider, provider_id)
        )
        if known is not None:
            return "unchanged"
        # Every new one clears the expired: the table stays a day's worth of reports at most.
        self.forget_early_reports(at - EARLY_REPORTS_KEPT)
        # The first final status wins here as on the message itself.
        self.tx.execute(
            "INSERT INTO sms_early_reports (provider, provider_id, status, received_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (provider, provider_id) DO NOTHING",
            (provider, provider_id, status, to_db_time(at)),
        )
        return "kept"

    def _apply_early_report(self, sms_id: int, at: datetime) -> None:
        row = self.tx.one("SELECT provider, provider_id FROM sms WHERE id = ?", (sms_id,))
        if row is None or row[0] is None or row[1] is None:
            return
        # Cleared first, so a report older than a day is never applied to a reused id.
        self.forget_early_reports(at - EARLY_REPORTS_KEPT)
        early = self.tx.one(
            "SELECT status FROM sms_early_reports WHERE provider = ? AND provider_id = ?",
            (row[0], row[1]),
        )
        if early is None:
            return
        self.tx.execute(
            "UPDATE sms SET status = ?, updated_at = ?"
            f" WHERE id = ? AND status NOT IN {_SMS_FINAL}",
            (str(early[0]), to_db_time(at), sms_id),
        )
        self.tx.execute(
            "DELETE FROM sms_early_reports WHERE provider = ? AND provider_id = ?",
            (row[0], row[1]),
        )

    def forget_early_reports(self, before: datetime) -> int:
        """Reports received before `before` whose message id never turned up."""
        return self.tx.execute(
            "DELETE FROM sms_early_reports WHERE received_at < ?", (to_db_time(before),)
        )

    def early_reports(self) -> list[tuple[str, str, str]]:
        """(provider, provider id, status) of the reports still waiting for their id."""
        rows = self.tx.all(
            "SELECT provider, provider_id, status FROM sms_early_reports"
            " ORDER BY received_at, provider, provider_id"
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def of_case(self, case_id: int) -> list[tuple[str, str]]:
        rows = self.tx.all(
            "SELECT purpose, status FROM sms WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [(str(r[0]), str(r[1])) for r in rows]


class Verdicts:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(
        self,
        *,
        patient_id: int,
        case_id: int | None,
        at: datetime,
        action: str,
        category: str,
        rule_id: str,
        lexicon_version: str,
        matched_form: str,
        strike: bool,
    ) -> None:
        self.tx.execute(
            "INSERT INTO moderation_verdicts (patient_id, case_id, at, action, category, rule_id,"
            " lexicon_version, matched_form, strike) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                patient_id,
                case_id,
                to_db_time(at),
                action,
                category,
                rule_id,
                lexicon_version,
                matched_form,
                int(strike),
            ),
        )

    def strikes_since(self, patient_id: int, since: datetime) -> int:
        row = self.tx.one(
            "SELECT count(*) FROM moderation_verdicts WHERE patient_id = ? AND strike = 1"
            " AND at >= ?",
            (patient_id, to_db_time(since)),
        )
        return 0 if row is None else int(row[0])

    def of_case(self, case_id: int) -> list[tuple[str, str, str]]:
        rows = self.tx.all(
            "SELECT action, category, rule_id FROM moderation_verdicts WHERE case_id = ?"
            " ORDER BY id",
            (case_id,),
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


class LexiconChanges:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(
        self,
        at: datetime,
        by: str,
        action: str,
        entry_id: str,
        *,
        language: str = "",
        pattern: str = "",
        mode: str = "word",
        category: str = "",
        severity: int = 1,
    ) -> int:
        return self.tx.insert(
            "INSERT INTO lexicon_changes (at, by, action, entry_id, language, pattern, mode,"
            " category, severity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (to_db_time(at), by, action, entry_id, language, pattern, mode, category, severity),
        )

    def all(self) -> list[tuple[int, str, str, str, str, str, str, int]]:
        """(number, action, entry id, language, pattern, mode, category, severity), in order."""
        rows = self.tx.all(
            "SELECT id, action, entry_id, language, pattern, mode, category, severity"
            " FROM lexicon_changes ORDER BY id"
        )
        return [(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], int(r[7])) for r in rows]

    def count_added(self) -> int:
        row = self.tx.one("SELECT count(*) FROM lexicon_changes WHERE action = 'add'")
        return 0 if row is None else int(row[0])


class Inbox:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def mark(self, event_id: str, at: datetime) -> bool:
        """Record the event as handled; False when it already was (a redelivery)."""
        return (
            self.tx.execute(
                "INSERT INTO inbox (event_id, handled_at) VALUES (?, ?)"
                " ON CONFLICT (event_id) DO NOTHING",
                (event_id, to_db_time(at)),
            )
            == 1
        )

    def forget(self, event_id: str) -> None:
        """Handle the event again (an admin's retry of a dead letter, in the same transaction
        as the handling)."""
        self.tx.execute("DELETE FROM inbox WHERE event_id = ?", (event_id,))


class Outbox:
    """Outgoing messages: pending, then sent, dropped (refused for good) or dead (set aside
    as a dead letter, storage/dead_letters.py). Order is kept within each chat (`lane`)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(self, platform: str, payload: str, at: datetime, purpose: str | None = None) -> None:
        self.add_many([(platform, payload)], at, purpose)

    def add_many(
        self, rows: list[tuple[str, str]], at: datetime, purpose: str | None = None
    ) -> None:
        when = to_db_time(at)
        self.tx.many(
            "INSERT INTO outbox (created_at, platform, payload, lane, purpose)"
            " VALUES (?, ?, ?, ?, ?)",
            [(when, platform, payload, lane_of(payload), purpose) for platform, payload in rows],
        )

    def pending(self, platform: str, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Messages due now, in order, leaving out every chat whose earliest waiting message
        waits for a retry: a message must not be overtaken by those to the same chat behind
        it, and never holds back the other chats."""
        when = to_db_time(now)
        rows = self.tx.all(
            "SELECT o.id, o.platform, o.payload, o.attempts FROM outbox o"
            " WHERE o.status = 'pending' AND o.platform = ? AND NOT EXISTS ("
            " SELECT 1 FROM outbox w WHERE w.status = 'pending' AND w.platform = o.platform"
            " AND w.lane IS NOT DISTINCT FROM o.lane AND w.id <= o.id AND w.next_attempt_at > ?)"
            " ORDER BY o.id LIMIT ?",
            (platform, when, limit),
        )
        return [OutboxItem(r[0], r[1], r[2], r[3]) for r in rows]

    def claim(
        self, platform: str, now: datetime, hold: timedelta, limit: int = 100
    ) -> list[OutboxItem]:
        """`pending`, taken for sending by this process alone (in a write): each row waits
        `hold` before anyone takes it again, unless it is marked sent, dropped or failed before
        that. On PostgreSQL rows another process is claiming at this moment are skipped, not
        waited for; a process that dies mid-send leaves its rows to be taken after `hold`."""
        when = to_db_time(now)
        if self.tx.dialect.one_at_a_time:
            # Another process's claim, not yet committed, would look unclaimed from here.
            self.tx.one(self.tx.dialect.one_at_a_time, (f"outbox:{platform}",))
        rows = self.tx.all(
            "SELECT o.id, o.platform, o.payload, o.attempts FROM outbox o"
            " WHERE o.status = 'pending' AND o.platform = ? AND NOT EXISTS ("
            " SELECT 1 FROM outbox w WHERE w.status = 'pending' AND w.platform = o.platform"
            " AND w.lane IS NOT DISTINCT FROM o.lane AND w.id <= o.id AND w.next_attempt_at > ?)"
            f" ORDER BY o.id LIMIT ?{self.tx.dialect.skip_locked}",
            (platform, when, limit),
        )
        until = to_db_time(now + hold)
        self.tx.many(
            "UPDATE outbox SET next_attempt_at = ? WHERE id = ?", [(until, r[0]) for r in rows]
        )
        return [OutboxItem(r[0], r[1], r[2], r[3]) for r in rows]

    def release(self, ids: Sequence[int], now: datetime) -> None:
        """Claimed rows left unsent (the sender paused, or was stopped): due again at once,
        for any process, instead of after the claim's hold."""
        self.tx.many(
            "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'",
            [(to_db_time(now), i) for i in ids],
        )

    def get(self, item_id: int) -> tuple[OutboxItem, str, str | None] | None:
        """A row with its status and purpose."""
        if not could_be_id(item_id):
            return None
        row = self.tx.one(
            "SELECT id, platform, payload, attempts, status, purpose FROM outbox WHERE id = ?",
            (item_id,),
        )
        return None if row is None else (OutboxItem(row[0], row[1], row[2], row[3]), row[4], row[5])

    def mark_sent(self, ids: Sequence[int], at: datetime) -> None:
        self.tx.many(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1"
            " WHERE id = ? AND status = 'pending'",
            [(to_db_time(at), i) for i in ids],
        )

    def mark_dropped(self, item_id: int, error: str) -> None:
        """The platform refused the message for good: recorded as dropped, with why."""
        self.tx.execute(
            "UPDATE outbox SET status = 'dropped', attempts = attempts + 1, last_error = ?"
            " WHERE id = ? AND status = 'pending'",
            (error, item_id),
        )

    def mark_failed(
        self, item_id: int, error: str, retry_at: datetime, *, counts: bool = True
    ) -> None:
        """Try again at `retry_at`. `counts`: False for a platform's "wait" (429), which says
        nothing about whether the message can be delivered."""
        self.tx.execute(
            "UPDATE outbox SET attempts = attempts + ?, last_error = ?, next_attempt_at = ?"
            " WHERE id = ?",
            (1 if counts else 0, error, to_db_time(retry_at), item_id),
        )

    def drop_pending_of_cases(self, lane: str, case_ids: Sequence[int], why: str) -> int:
        """Messages still waiting for `lane` about these cases are recorded as dropped, never
        sent (someone who left the staff must not receive a patient's line written before
        they left). Returns how many."""
        wanted = set(case_ids)
        rows = self.tx.all(
            "SELECT id, payload FROM outbox WHERE status = 'pending' AND lane = ?", (lane,)
        )
        dropped = 0
        for item_id, payload in rows:
            try:
                data = json.loads(payload)
            except ValueError:
                continue
            if isinstance(data, dict) and data.get("case_id") in wanted:
                self.mark_dropped(int(item_id), why)
                dropped += 1
        return dropped

    def unsent_count(self) -> int:
        row = self.tx.one("SELECT count(*) FROM outbox WHERE status = 'pending'")
        return 0 if row is None else int(row[0])


def lane_of(payload: str) -> str | None:
    """The chat an outgoing message goes to (its address key), read from the stored action;
    None for a payload nobody can read (it is set aside when its turn comes)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if data.get("kind") == "sms":
        return f"sms:{data.get('sms_id')}"
    for name in ("to", "chat", "patient"):
        where = data.get(name)
        if isinstance(where, dict) and "platform" in where and "chat" in where:
            return f"{where['platform']}:{where['chat']}"
    return None


class Repositories:
    """All repositories bound to one transaction: what a unit of work hands the core."""

    def __init__(self, tx: Transaction) -> None:
        self.patients = Patients(tx)
        self.subjects = Subjects(tx)
        self.cases = Cases(tx)
        self.answers = Answers(tx)
        self.record = Record(tx)
        self.feedback = Feedbacks(tx)
        self.audit = Audit(tx)
        self.staff = Staff(tx)
        self.bindings = Bindings(tx)
        # One-time login links: the same table the e-ID web endpoint claims them from.
        self.login_links = IdentityState(tx)
        self.inbox = Inbox(tx)
        self.closures = Closures(tx)
        self.stats = Stats(tx)
        self.job_marks = JobMarks(tx)
        self.sms = SmsLog(tx)
        self.verdicts = Verdicts(tx)
        self.lexicon = LexiconChanges(tx)
        self.housekeeping = Housekeeping(tx)
        self.outbox = Outbox(tx)
        self.dead_letters = DeadLetters(tx)
        # A clinician's line held until they say which of their cases it is for.
        self.held = HeldLines(tx)
