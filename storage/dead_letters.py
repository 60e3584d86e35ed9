"""Dead letters (migration 0018): what could not be handled or delivered, set aside with its error
so that the rest flows on, until an admin retries or drops it (`deadletters`, bot/dead_letters.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Later, Transaction
from storage.records import OutboxItem, could_be_id, from_db_time, to_db_time

NOTICE = "dead_letter_notice"  # outbox purpose of the bot's notices about dead letters
_COLUMNS = (
    "id, direction, platform, event_id, outbox_id, sender, payload, error, attempts,"
    " set_aside_at, status, told_at"
)


@dataclass(frozen=True)
class DeadLetter:
    id: int
    direction: str  # "in" (an event) or "out" (an outgoing message)
    platform: str
    event_id: str | None
    outbox_id: int | None
    sender: str | None
    payload: str
    error: str
    attempts: int
    set_aside_at: datetime
    status: str
    told: bool


def _letter(row: tuple[object, ...]) -> DeadLetter:
    at = from_db_time(str(row[9]))
    if at is None:
        raise ValueError("a dead letter without its time")
    return DeadLetter(
        int(str(row[0])),
        str(row[1]),
        str(row[2]),
        None if row[3] is None else str(row[3]),
        None if row[4] is None else int(str(row[4])),
        None if row[5] is None else str(row[5]),
        str(row[6]),
        str(row[7]),
        int(str(row[8])),
        at,
        str(row[10]),
        row[11] is not None,
    )


class DeadLetters:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add_incoming(
        self,
        platform: str,
        event_id: str,
        sender: str,
        payload: str,
        error: str,
        attempts: int,
        at: datetime,
    ) -> int:
        return self.tx.insert(
            "INSERT INTO dead_letters (direction, platform, event_id, sender, payload, error,"
            " attempts, set_aside_at) VALUES ('in', ?, ?, ?, ?, ?, ?, ?)",
            (platform, event_id, sender, payload, error, attempts, to_db_time(at)),
        )

    def set_aside_outgoing(self, item: OutboxItem, error: str, at: datetime) -> int | None:
        """Take a pending outbox row out of the queue as a dead letter, in one statement pair.
        None when the row is no longer pending (sent or set aside meanwhile). A notice of ours
        that dies is kept as told: nobody is told about a notice, so it cannot go round."""
        when = to_db_time(at)
        moved = self.tx.execute(
            "UPDATE outbox SET status = 'dead', attempts = ?, last_error = ?"
            " WHERE id = ? AND status = 'pending'",
            (item.attempts, error, item.id),
        )
        if moved != 1:
            return None
        row = self.tx.one("SELECT purpose FROM outbox WHERE id = ?", (item.id,))
        told = when if row is not None and row[0] == NOTICE else None
        return self.tx.insert(
            "INSERT INTO dead_letters (direction, platform, outbox_id, payload, error, attempts,"
            " set_aside_at, told_at) VALUES ('out', ?, ?, ?, ?, ?, ?, ?)",
            (item.platform, item.id, item.payload, error, item.attempts, when, told),
        )

    def get(self, letter_id: int) -> DeadLetter | None:
        if not could_be_id(letter_id):
            return None
        row = self.tx.one(f"SELECT {_COLUMNS} FROM dead_letters WHERE id = ?", (letter_id,))
        return None if row is None else _letter(tuple(row))

    def open(self, limit: int = 50) -> list[DeadLetter]:
        """Those waiting for an admin (new or being retried), oldest first."""
        rows = self.tx.all(
            f"SELECT {_COLUMNS} FROM dead_letters WHERE status IN ('new', 'retrying')"
            " ORDER BY id LIMIT ?",
            (limit,),
        )
        return [_letter(tuple(r)) for r in rows]

    def count_open(self) -> int:
        row = self.tx.one("SELECT count(*) FROM dead_letters WHERE status IN ('new', 'retrying')")
        return 0 if row is None else int(row[0])

    def untold(self) -> list[DeadLetter]:
        rows = self.tx.all(f"SELECT {_COLUMNS} FROM dead_letters WHERE told_at IS NULL ORDER BY id")
        return [_letter(tuple(r)) for r in rows]

    def mark_told(self, ids: list[int], at: datetime) -> None:
        self.tx.many(
            "UPDATE dead_letters SET told_at = ? WHERE id = ?", [(to_db_time(at), i) for i in ids]
        )

    def retrying(self) -> Later[list[int]]:
        """Incoming ones an admin asked to handle again: the core does it after the commit, so
        their ids are read then, not waited for in the unit of work."""
        return self.tx.later(
            "SELECT id FROM dead_letters WHERE status = 'retrying' ORDER BY id",
            (),
            lambda rows: [int(r[0]) for r in rows],
        )

    def settle(self, letter_id: int, status: str, by: str | None, at: datetime) -> bool:
        """retrying, retried or dropped; False when it was settled already."""
        allowed = ("new",) if status == "retrying" else ("new", "retrying")
        marks = ", ".join("?" for _ in allowed)
        return (
            self.tx.execute(
                f"UPDATE dead_letters SET status = ?, settled_at = ?,"
                f" settled_by = coalesce(?, settled_by) WHERE id = ? AND status IN ({marks})",
                (status, to_db_time(at), by, letter_id, *allowed),
            )
            == 1
        )

    def failed_again(self, letter_id: int, error: str, at: datetime) -> None:
        """A retry failed as well: it waits for an admin again, who is told anew."""
        self.tx.execute(
            "UPDATE dead_letters SET status = 'new', error = ?, attempts = attempts + 1,"
            " told_at = NULL, settled_at = ? WHERE id = ?",
            (error, to_db_time(at), letter_id),
        )
