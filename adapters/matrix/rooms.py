"""Rooms and encryption: joining patient and direct rooms, the bot's powers there, bringing a
clinician into a case's room and out again, and whom the bot's keys are shared with.

The bot needs the power to invite, remove and redact in a patient's room (and to turn on
encryption if the patient did not). A room made as a plain private chat gives none of that: on
joining, the bot tells the patient how to fix it, and care goes on regardless.

Device trust: trust on first use. A patient's new phone is a new device, and a care bot that
waited for a patient to verify it with an emoji comparison would leave them unanswered. nio
decrypts from unverified devices anyway; what trust decides is whether the bot shares its own
keys with a device, and the bot shares with every device in the room, trusting a device the
first time it sees it (its key logged, so a later change can be checked). Nothing is
blacklisted.

A device that appears later (a clinician's second computer, a patient's new phone) reads what
the bot sends from then on: nio uses one outbound Megolm session per room, but starts a new
one, shared with every device then known, when a room member's device list changes (their
user comes in the sync's `device_lists.changed`, the keys are queried, and nio drops the
room's session) or when the bot first trusts a device. What it sent in the moment between
the device's login and that sync stays unreadable there: nio answers no other user's key
requests (tests/matrix/test_matrix_room_keys.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from nio import (
    AsyncClient,
    ErrorResponse,
    InviteMemberEvent,
    JoinError,
    RoomCreateError,
    RoomGetStateEventResponse,
)
from nio import MatrixRoom as NioRoom
from nio.crypto import TrustState

from adapters.matrix.answers import already_in, error_of, not_in, raise_for
from bot.config import Config
from bot.events import JoinCase, LeaveCase
from bot.service import CareService, Remark
from storage.matrix_state import MatrixRoom, MatrixState
from storage.records import Address

log = logging.getLogger(__name__)

PLATFORM = "matrix"
MEGOLM = "m.megolm.v1.aes-sha2"
# Room versions before 12, where a room's creators have only the power the power levels give.
_LEGACY_ROOM_VERSIONS = frozenset(str(n) for n in range(1, 12))


def missing_powers(
    create: dict[str, Any], levels: dict[str, Any], user_id: str, *, encryption: bool
) -> list[str]:
    """What `user_id` may not do in a room, of what a case needs there: 'invite' (a clinician
    in), 'kick' (out again), 'redact' (a held-back threat) and, when `encryption` asks for it,
    'encryption' (turning it on). From the contents of the m.room.create and
    m.room.power_levels events."""
    version = str(create.get("room_version", "1"))
    creators = create.get("additional_creators") or []
    if version not in _LEGACY_ROOM_VERSIONS and user_id in creators:
        # Room version 12 gives creators every power without listing them; a direct chat made
        # as Element makes one lists the invited bot among them.
        return []
    users = levels.get("users") or {}
    events = levels.get("events") or {}
    mine = _level(users.get(user_id, levels.get("users_default")), 0)
    needed = {
        "invite": _level(levels.get("invite"), 0),
        "kick": _level(levels.get("kick"), 50),
        "redact": _level(levels.get("redact"), 50),
    }
    if encryption:
        state_default = _level(levels.get("state_default"), 50)
        needed["encryption"] = _level(events.get("m.room.encryption"), state_default)
    return [name for name, level in needed.items() if mine < level]


def _level(value: Any, default: int) -> int:
    # Older room versions allow levels written as strings.
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class Rooms:
    def __init__(
        self, client: AsyncClient, service: CareService, config: Config, invite_wait: float
    ) -> None:
        self.client = client
        self.service = service
        self.matrix = config.matrix
        self.invite_wait = invite_wait
        # Patient rooms joined since the last sync: their power levels are read once their
        # state has arrived (a restart in between skips the check; it only gives advice).
        self.joined: set[str] = set()
        # Direct rooms made by this process whose first state the bot has not yet seen whole
        # (`_settle`); after a restart the first sync brings every room's whole state.
        self.unsettled: set[str] = set()

    # Rooms the bot is in

    async def invited(self, room_id: str, invite_state: list[Any]) -> None:
        client = self.client
        inviter = next(
            (
                e.sender
                for e in invite_state
                if isinstance(e, InviteMemberEvent)
                and e.state_key == client.user_id
                and e.membership == "invite"
            ),
            None,
        )
        if room_id == self.matrix.staff_room:
            await client.join(room_id)
            return
        if inviter is None:
            return
        staff = await self.service.is_staff(Address(PLATFORM, inviter))
        joined = await client.join(room_id)
        if isinstance(joined, JoinError):
            log.warning("matrix: could not join an invited room (%s)", error_of(joined))
            return
        room = MatrixRoom(room_id, "direct" if staff else "patient", inviter)
        now = self.service.services.clock()
        await self.service.db.write(lambda tx: MatrixState(tx).put_room(room, now))
        log.info("matrix: joined a %s room", room.kind)
        if room.kind == "patient":
            self.joined.add(room_id)
        if self.matrix.encryption:
            await self._encrypt(room_id)

    async def joined_room(self, room_id: str) -> None:
        """A room of this sync answer: encrypted where it should be, the powers of a newly
        joined patient room checked."""
        if room_id != self.matrix.staff_room:
            await self._ensure_encrypted(room_id)
        if room_id in self.joined:
            self.joined.discard(room_id)
            await self._check_power(room_id)

    async def left(self, room_id: str) -> None:
        log.info("matrix: left a room")
        await self.service.db.write(lambda tx: MatrixState(tx).forget_room(room_id))

    async def _check_power(self, room_id: str) -> None:
        """Can the bot do in this patient room what a case needs? If not, the patient hears
        how to fix it; nothing waits for that, and what cannot be done is handled where it
        fails (a relay instead of an invite, staff told of a message not withdrawn)."""
        client = self.client
        room = client.rooms.get(room_id)
        if room is None:
            return
        create = await client.room_get_state_event(room_id, "m.room.create")
        levels = await client.room_get_state_event(room_id, "m.room.power_levels")
        if not isinstance(create, RoomGetStateEventResponse):
            return
        if not isinstance(levels, RoomGetStateEventResponse):
            return  # no power levels to read: no advice rather than a wrong one
        missing = missing_powers(
            create.content,
            levels.content,
            client.user_id,
            encryption=self.matrix.encryption and not room.encrypted,
        )
        if not missing:
            return
        log.warning("matrix: too little power in a new patient room: %s", ", ".join(missing))
        await self.service.remark(Remark(Address(PLATFORM, room_id), "matrix.no_power"))

    async def _ensure_encrypted(self, room_id: str) -> None:
        room = self.client.rooms.get(room_id)
        if self.matrix.encryption and room is not None and not room.encrypted:
            await self._encrypt(room_id)

    async def _encrypt(self, room_id: str) -> None:
        answer = await self.client.room_put_state(
            room_id, "m.room.encryption", {"algorithm": MEGOLM}
        )
        if isinstance(answer, ErrorResponse):
            log.warning("matrix: could not turn on encryption (%s)", error_of(answer))

    # Where a message to someone goes

    def shares(self, origin: Address, room_id: str) -> bool:
        """Is the author of a relayed line in the room already (and so reads it there)?"""
        if origin.chat == room_id:
            return True
        room = self.client.rooms.get(room_id)
        return room is not None and origin.chat in room.users

    async def room_for(self, to: Address, case_id: int | None) -> str:
        if not to.chat.startswith("@"):
            return to.chat
        if case_id is not None:
            room = await self.service.db.read(
                lambda tx: MatrixState(tx).case_room(case_id, to.chat)
            )
            if room is not None:
                return room
        return await self._direct_room(to.chat)

    async def _direct_room(self, user_id: str) -> str:
        room = await self.service.db.read(lambda tx: MatrixState(tx).direct_room_of(user_id))
        if room is None:
            room = await self._create_direct_room(user_id)
        if room in self.unsettled:
            await self._settle(room, user_id)
        return room

    async def _create_direct_room(self, user_id: str) -> str:
        initial = []
        if self.matrix.encryption:
            initial.append(
                {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": MEGOLM}}
            )
        created = await self.client.room_create(
            is_direct=True, invite=[user_id], initial_state=initial
        )
        if isinstance(created, RoomCreateError):
            raise_for(created, "create a direct room")
        room_id: str = created.room_id
        now = self.service.services.clock()
        await self.service.db.write(
            lambda tx: MatrixState(tx).put_room(MatrixRoom(room_id, "direct", user_id), now)
        )
        self.unsettled.add(room_id)
        return room_id

    async def _settle(self, room_id: str, user_id: str) -> None:
        """Before the first word in a direct room the bot made: its view of the room must
        hold the encryption and the invited person.

        Synapse writes a new room in steps (the creation and the bot's join, then the rest
        of its first state, then the invites), and a sync can bring the room between them.
        nio sends in plain text to a room it does not know is encrypted, and shares a
        message's room key with the members it knows only; a key shared with nobody is not
        shared again (the session counts as shared), so the person could not read the bot
        until someone joined or left. Both normally come with the next sync; what is late
        is put in the view here, as the homeserver has already accepted it (nio takes the
        real events later without starting a new session)."""
        client = self.client

        def whole() -> bool:
            room = client.rooms.get(room_id)
            return (
                room is not None
                and user_id in room.users
                and (room.encrypted or not self.matrix.encryption)
            )

        await self._wait_for(whole)
        room = client.rooms.get(room_id)
        if room is None:
            # Not in the bot's view at all yet: nothing can be sent there. Retried.
            raise RuntimeError("matrix: a new direct room has not reached the bot yet")
        if self.matrix.encryption and not room.encrypted:
            log.info("matrix: the encryption of a new direct room was late; taken as set")
            room.encrypted = True
            client.encrypted_rooms.add(room_id)
        if user_id not in room.users:
            _take_invite_as_sent(client, room, user_id)
        self.unsettled.discard(room_id)

    # A clinician in a case's room, and out again

    async def join_case(self, action: JoinCase) -> None:
        client = self.client
        room_id, user_id = action.patient.chat, action.clinician.chat
        room = client.rooms.get(room_id)
        if room is None or user_id not in room.users:
            answer = await client.room_invite(room_id, user_id)
            if isinstance(answer, ErrorResponse) and not already_in(answer):
                raise_for(answer, "invite")
        now = self.service.services.clock()
        await self.service.db.write(
            lambda tx: MatrixState(tx).put_case_room(action.case_id, room_id, user_id, now)
        )
        # What the bot sends next must be readable by the clinician: nio shares its keys with
        # the members in the bot's view of the room only, and keeps using a session once it
        # is shared. The invite comes into that view with a sync; if the sync loop is held up
        # longer than we wait, the invite (accepted by the homeserver) is put there here.
        await self._wait_for(
            lambda: (r := client.rooms.get(room_id)) is not None and user_id in r.users
        )
        room = client.rooms.get(room_id)
        if room is not None and user_id not in room.users:
            _take_invite_as_sent(client, room, user_id)

    async def leave_case(self, action: LeaveCase) -> None:
        room_id, user_id = action.patient.chat, action.clinician.chat
        room = self.client.rooms.get(room_id)
        if room is None or user_id in room.users:
            answer = await self.client.room_kick(room_id, user_id)
            if isinstance(answer, ErrorResponse) and not not_in(answer):
                raise_for(answer, "remove")
        await self.service.db.write(lambda tx: MatrixState(tx).drop_case_room(action.case_id))

    def trust_new_devices(self, room_id: str) -> None:
        """Trust on first use (see above): a device seen for the first time is trusted, and
        its key is logged so a later change can be checked."""
        client = self.client
        room = client.rooms.get(room_id)
        if room is None or not room.encrypted or client.olm is None:
            return
        for user_id in list(room.users):
            for device in list(client.device_store.active_user_devices(user_id)):
                if device.trust_state == TrustState.unset:
                    client.verify_device(device)
                    log.info(
                        "matrix: trusted device %s on first use (ed25519 %s)",
                        device.id,
                        device.ed25519,
                    )

    async def _wait_for(self, condition: Callable[[], bool]) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.invite_wait
        while not condition() and loop.time() < deadline:
            await asyncio.sleep(0.02)


def _take_invite_as_sent(client: AsyncClient, room: NioRoom, user_id: str) -> None:
    """Put an invite the homeserver has accepted into nio's view of the room before a sync
    brings it, as nio does with the real one: the member added and the room's outbound
    session dropped, so the next message's room key is shared with the invited person's
    devices too. nio takes the real invite later as no change; their join starts a session."""
    log.info("matrix: an invite was late to come back; taken as sent")
    room.add_member(user_id, None, None, invited=True)
    if client.olm is not None:
        client.invalidate_outbound_session(room.room_id)
