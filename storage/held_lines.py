"""Lines a clinician wrote that could be for more than one of their cases (migration 0019).

The core holds such a line until the clinician says which case it is for (bot/addressing.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.database import Transaction
from storage.records import Address, from_db_time, to_db_time


@dataclass(frozen=True)
class HeldLine:
    staff: Address
    text: str
    attachment: str | None
    cases: tuple[int, ...]
    held_at: datetime


HELD_LINE = (
    "SELECT text, attachment, cases, held_at FROM held_lines"
    " WHERE staff_platform = ? AND staff_chat = ?"
)
_TABLES = frozenset({"held_lines"})


def _held(staff: Address, rows: list[Any]) -> HeldLine | None:
    if not rows:
        return None
    row = rows[0]
    held_at = from_db_time(row[3])
    assert held_at is not None
    cases = tuple(int(c) for c in row[2].split(",") if c)
    return HeldLine(staff, row[0], row[1], cases, held_at)


def remember_held(tx: Transaction, staff: Address, rows: list[Any]) -> None:
    """Rows read by `HELD_LINE` for `staff`, for `HeldLines.get`."""
    found = _held(staff, rows)
    tx.remember((HELD_LINE, staff), _TABLES, lambda: found)


class HeldLines:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def get(self, staff: Address) -> HeldLine | None:
        # Remembered until the unit changes a held line; read ahead with a staff member's
        # lookup (`Staff.get`): every line a clinician writes asks.
        return self.tx.remember(
            (HELD_LINE, staff),
            _TABLES,
            lambda: _held(staff, self.tx.all(HELD_LINE, (staff.platform, staff.chat))),
        )

    def put(self, line: HeldLine) -> None:
        """Hold `line`, in place of any line the same person had held."""
        self.tx.execute(
            "INSERT INTO held_lines (staff_platform, staff_chat, text, attachment, cases, held_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (staff_platform, staff_chat) DO UPDATE SET"
            " text = excluded.text, attachment = excluded.attachment, cases = excluded.cases,"
            " held_at = excluded.held_at",
            (
                line.staff.platform,
                line.staff.chat,
                line.text,
                line.attachment,
                ",".join(str(c) for c in line.cases),
                to_db_time(line.held_at),
            ),
        )

    def drop(self, staff: Address) -> bool:
        return (
            self.tx.execute(
                "DELETE FROM held_lines WHERE staff_platform = ? AND staff_chat = ?",
                (staff.platform, staff.chat),
            )
            == 1
        )

    def forget_before(self, before: datetime) -> int:
        """Lines held since before `before`: never to be sent, so not kept either."""
        return self.tx.execute("DELETE FROM held_lines WHERE held_at < ?", (to_db_time(before),))
