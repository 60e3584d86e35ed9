"""Staff sync: the joined members of the configured staff room are the clinicians.

They are registered with `CareService.set_staff` at start and kept in sync on membership
changes; configured admins are staff wherever they are. Who was registered from the room is
kept in the adapter's own store (`matrix_state`), so a member who left while the bot was
down is removed at the next start.
"""

from __future__ import annotations

import logging
import re

from nio import AsyncClient, JoinedMembersError, JoinError, RoomMemberEvent

from adapters.matrix.answers import error_of
from bot.config import Config
from bot.service import CareService
from storage.matrix_state import MatrixState
from storage.records import Address, StaffMember

log = logging.getLogger(__name__)

PLATFORM = "matrix"
_TITLED = re.compile(r"^\s*(.+?)\s*\((.+)\)\s*$")


def staff_name(display_name: str | None, user_id: str) -> tuple[str, str]:
    """(name, title) from a display name such as 'Anna Lind (sjuksköterska)'."""
    shown = (display_name or "").strip() or user_id
    match = _TITLED.match(shown)
    if match:
        return match.group(1), match.group(2)
    return shown, ""


class StaffSync:
    def __init__(self, client: AsyncClient, service: CareService, config: Config) -> None:
        self.client = client
        self.service = service
        self.matrix = config.matrix
        self.unit = config.service.unit

    async def start(self) -> None:
        """After the first sync: be in the staff room and know who its members are."""
        room = self.matrix.staff_room
        if not room:
            await self._register_admins(set())
            return
        if room not in self.client.rooms:
            joined = await self.client.join(room)
            if isinstance(joined, JoinError):
                log.error("matrix: cannot join the staff room (%s)", error_of(joined))
                return
        await self._reconcile()

    async def membership(self, event: RoomMemberEvent) -> None:
        """A membership change in the staff room (the bot's own is none of staff's)."""
        if event.state_key == self.client.user_id:
            return
        if event.membership == "join":
            await self.add(event.state_key, (event.content or {}).get("displayname"))
        elif event.membership in ("leave", "ban"):
            await self.remove(event.state_key)

    async def _reconcile(self) -> None:
        members = await self.client.joined_members(self.matrix.staff_room)
        if isinstance(members, JoinedMembersError):
            log.error("matrix: cannot list the staff room (%s)", error_of(members))
            return
        present = {
            m.user_id: m.display_name for m in members.members if m.user_id != self.client.user_id
        }
        known = await self.service.db.read(lambda tx: MatrixState(tx).staff())
        for user_id, display in present.items():
            await self.add(user_id, display)
        for user_id in known - present.keys():
            await self.remove(user_id)
        await self._register_admins(set(present))

    async def _register_admins(self, present: set[str]) -> None:
        """Configured admins are staff wherever they are (members got their name above)."""
        for admin in self.matrix.admins:
            if admin not in present:
                name, title = staff_name(None, admin)
                await self.service.set_staff(
                    StaffMember(Address(PLATFORM, admin), "admin", name, title, self.unit)
                )

    async def add(self, user_id: str, display: str | None) -> None:
        name, title = staff_name(display, user_id)
        role = "admin" if user_id in self.matrix.admins else "clinician"
        await self.service.set_staff(
            StaffMember(Address(PLATFORM, user_id), role, name, title, self.unit)
        )
        now = self.service.services.clock()
        await self.service.db.write(lambda tx: MatrixState(tx).add_staff(user_id, now))

    async def remove(self, user_id: str) -> None:
        if user_id in self.matrix.admins:
            return
        await self.service.remove_staff(Address(PLATFORM, user_id))
        await self.service.db.write(lambda tx: MatrixState(tx).remove_staff(user_id))
