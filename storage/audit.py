"""The audit trail: who did what to which case, kept longer than the record itself."""

from __future__ import annotations

from datetime import datetime

from storage.database import Transaction
from storage.records import Address, from_db_time, to_db_time


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
