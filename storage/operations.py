"""Running the unit: closed days, the figures for `stats`, the jobs' marks, and the
deletions the privacy rules ask for."""

from __future__ import annotations

from datetime import datetime

from storage.database import Transaction
from storage.records import Case, from_db_time, to_db_time


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
