"""The Matrix adapter's bookkeeping: sync token, rooms, staff-room members, case rooms, and
encrypted events still waiting for their key.

Plain SQL over a `Transaction`, like the repositories; the adapter runs it through
`Database.write`/`read`. Nothing here knows nio.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Transaction
from storage.records import from_db_time, to_db_time


@dataclass(frozen=True)
class MatrixRoom:
    room_id: str
    kind: str  # 'patient' or 'direct'
    person: str  # the patient's or the staff member's user id


@dataclass(frozen=True)
class Undecrypted:
    """An encrypted event the bot could not decrypt yet, as received."""

    event_id: str
    room_id: str
    sender: str
    sent_ms: int  # the homeserver's origin_server_ts
    source: str  # the m.room.encrypted event as JSON (ciphertext only)
    first_seen: datetime
    attempts: int = 0
    told_at: datetime | None = None


class MatrixState:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    # The sync token

    def sync_token(self) -> str | None:
        row = self.tx.one("SELECT next_batch FROM matrix_sync WHERE id = 1")
        return None if row is None else str(row[0])

    def save_sync_token(self, token: str, at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO matrix_sync (id, next_batch, saved_at) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET next_batch = excluded.next_batch,"
            " saved_at = excluded.saved_at",
            (token, to_db_time(at)),
        )

    # Events waiting for their room key

    def keep_undecrypted(self, events: list[Undecrypted]) -> None:
        """Keep these (a redelivered one is kept once, with its first sighting)."""
        self.tx.many(
            "INSERT INTO matrix_undecrypted"
            " (event_id, room_id, sender, sent_ms, source, first_seen, attempts, told_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            [
                (
                    e.event_id,
                    e.room_id,
                    e.sender,
                    e.sent_ms,
                    e.source,
                    to_db_time(e.first_seen),
                    e.attempts,
                    None if e.told_at is None else to_db_time(e.told_at),
                )
                for e in events
            ],
        )

    def undecrypted(self) -> list[Undecrypted]:
        """Every waiting event, oldest sent first."""
        rows = self.tx.all(
            "SELECT event_id, room_id, sender, sent_ms, source, first_seen, attempts, told_at"
            " FROM matrix_undecrypted ORDER BY sent_ms, event_id"
        )
        return [
            Undecrypted(
                str(r[0]),
                str(r[1]),
                str(r[2]),
                int(r[3]),
                str(r[4]),
                _time(r[5]),
                int(r[6]),
                from_db_time(r[7]),
            )
            for r in rows
        ]

    def drop_undecrypted(self, event_id: str) -> None:
        self.tx.execute("DELETE FROM matrix_undecrypted WHERE event_id = ?", (event_id,))

    def tried_undecrypted(self, event_id: str) -> None:
        self.tx.execute(
            "UPDATE matrix_undecrypted SET attempts = attempts + 1 WHERE event_id = ?",
            (event_id,),
        )

    def told_undecrypted(self, event_ids: list[str], at: datetime) -> int:
        """Mark these as told about; returns how many were not told before."""
        told = 0
        for event_id in event_ids:
            told += self.tx.execute(
                "UPDATE matrix_undecrypted SET told_at = ? WHERE event_id = ? AND told_at IS NULL",
                (to_db_time(at), event_id),
            )
        return told

    def forget_undecrypted(self, seen_before: datetime) -> int:
        """Give up on events first seen before `seen_before`; returns how many."""
        return self.tx.execute(
            "DELETE FROM matrix_undecrypted WHERE first_seen < ?", (to_db_time(seen_before),)
        )

    # Rooms

    def room(self, room_id: str) -> MatrixRoom | None:
        row = self.tx.one(
            "SELECT room_id, kind, person FROM matrix_rooms WHERE room_id = ?", (room_id,)
        )
        return None if row is None else MatrixRoom(row[0], row[1], row[2])

    def put_room(self, room: MatrixRoom, at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO matrix_rooms (room_id, kind, person, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (room_id) DO NOTHING",
            (room.room_id, room.kind, room.person, to_db_time(at)),
        )

    def direct_room_of(self, user_id: str) -> str | None:
        row = self.tx.one(
            "SELECT room_id FROM matrix_rooms WHERE kind = 'direct' AND person = ?"
            " ORDER BY created_at DESC LIMIT 1",
            (user_id,),
        )
        return None if row is None else str(row[0])

    def forget_room(self, room_id: str) -> None:
        self.tx.execute("DELETE FROM matrix_rooms WHERE room_id = ?", (room_id,))

    # Staff-room members

    def staff(self) -> set[str]:
        return {str(row[0]) for row in self.tx.all("SELECT user_id FROM matrix_staff")}

    def add_staff(self, user_id: str, at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO matrix_staff (user_id, added_at) VALUES (?, ?)"
            " ON CONFLICT (user_id) DO NOTHING",
            (user_id, to_db_time(at)),
        )

    def remove_staff(self, user_id: str) -> None:
        self.tx.execute("DELETE FROM matrix_staff WHERE user_id = ?", (user_id,))

    # Case rooms

    def case_room(self, case_id: int, clinician: str) -> str | None:
        row = self.tx.one(
            "SELECT room_id FROM matrix_case_rooms WHERE case_id = ? AND clinician = ?",
            (case_id, clinician),
        )
        return None if row is None else str(row[0])

    def put_case_room(self, case_id: int, room_id: str, clinician: str, at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO matrix_case_rooms (case_id, room_id, clinician, joined_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET"
            " room_id = excluded.room_id, clinician = excluded.clinician,"
            " joined_at = excluded.joined_at",
            (case_id, room_id, clinician, to_db_time(at)),
        )

    def drop_case_room(self, case_id: int) -> None:
        self.tx.execute("DELETE FROM matrix_case_rooms WHERE case_id = ?", (case_id,))


def _time(text: str) -> datetime:
    at = from_db_time(text)
    assert at is not None
    return at
