"""The Matrix adapter's bookkeeping: sync token, rooms, staff-room members, case rooms.

Plain SQL over a `Transaction`, like the repositories; the adapter runs it through
`Database.write`/`read`. Nothing here knows nio.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Transaction
from storage.records import to_db_time


@dataclass(frozen=True)
class MatrixRoom:
    room_id: str
    kind: str  # 'patient' or 'direct'
    person: str  # the patient's or the staff member's user id


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
