"""Inbound events: one sync answer's events, in order, turned into `Incoming` for the core.

An edit (`m.replace`) inside a case conversation is a new line marked as edited, as on
Telegram: recorded and put through the tone rules like any line. It names the message it
edits (`Incoming.replaces`, when that message is the same person's), so a threat added by
editing is taken back together with that message: the room shows an edit on top of its
original, and redacting only one of them leaves words on screen. Elsewhere (an intake answer
already taken) an edit gets a kind answer (`CareService.edited`).

A line by staff in a patient's room belongs to the case they have there (`case_hint`), not to
whichever of their cases is in front; without a case of theirs in that room it is not taken.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from nio import (
    AsyncClient,
    MegolmEvent,
    RoomEncryptedMedia,
    RoomGetEventResponse,
    RoomMemberEvent,
    RoomMessageMedia,
    RoomMessageNotice,
    RoomMessageText,
    SyncResponse,
)

from adapters.base import handled_or_set_aside
from adapters.matrix.keys import Unreadable
from adapters.matrix.rooms import Rooms
from adapters.matrix.staff import StaffSync
from bot.config import Config
from bot.events import Incoming
from bot.service import Along, CareService
from storage.matrix_state import MatrixState
from storage.records import Address

log = logging.getLogger(__name__)

PLATFORM = "matrix"


class Inbound:
    def __init__(
        self,
        client: AsyncClient,
        service: CareService,
        config: Config,
        staff: StaffSync,
        rooms: Rooms,
        unreadable: Unreadable,
    ) -> None:
        self.client = client
        self.service = service
        self.matrix = config.matrix
        self.attempts = config.reliability.event_attempts
        self.staff = staff
        self.rooms = rooms
        self.unreadable = unreadable

    async def batch(self, response: SyncResponse, *, history: bool) -> None:
        """Every event of one sync answer, in order; returns when all are committed."""
        self.unreadable.take_kept()
        # First what waited for a key (nio has taken this answer's keys): it was sent earlier.
        await self.unreadable.waiting(self._late_or_not)
        for room_id, info in response.rooms.invite.items():
            await self.rooms.invited(room_id, info.invite_state)
        for room_id, info in response.rooms.join.items():
            await self.rooms.joined_room(room_id)
            events = list(info.timeline.events)
            if history and info.timeline.limited and info.timeline.prev_batch:
                events = await self._missed(room_id, info.timeline.prev_batch) + events
            if not history:
                # The first run: what was said before the bot existed is not ours to answer;
                # only staff-room membership counts.
                events = [e for e in events if isinstance(e, RoomMemberEvent)]
            for event in events:
                await handled_or_set_aside(
                    self.service,
                    lambda: self.event(room_id, event),  # noqa: B023 (awaited at once)
                    lambda: _plain_event(event),  # noqa: B023 (awaited at once)
                    attempts=self.attempts,
                    retry_seconds=0.5,
                    what="matrix: an event",
                )
        for room_id in response.rooms.leave:
            await self.rooms.left(room_id)

    async def _missed(self, room_id: str, prev_batch: str) -> list[Any]:
        """Events before a truncated timeline, back to the saved sync token (oldest first)."""
        token = await self.service.db.read(lambda tx: MatrixState(tx).sync_token())
        found: list[Any] = []
        start = prev_batch
        for _ in range(50):
            page = await self.client.room_messages(room_id, start, end=token, limit=100)
            chunk = getattr(page, "chunk", None)
            if not chunk:
                break
            found.extend(chunk)
            start = page.end
            if not start:
                break
        found.reverse()
        return found

    async def _late_or_not(self, room_id: str, event: Any, along: Along, late: bool) -> bool:
        return await self.event(room_id, event, along, late=late)

    async def event(
        self, room_id: str, event: Any, along: Along | None = None, *, late: bool = False
    ) -> bool:
        """Handle one event; True if `along` was committed with it (else the caller commits
        it on its own: the event was one the bot does not take). `late`: a stored event read
        only after its sender was asked to write it again (`Incoming.late`)."""
        client = self.client
        if room_id == self.matrix.staff_room and isinstance(event, RoomMemberEvent):
            await self.staff.membership(event)
            return False
        if isinstance(event, MegolmEvent):
            if event.sender != client.user_id:  # its own words the bot never takes
                self.unreadable.keep(room_id, event)
            return False
        if getattr(event, "sender", None) == client.user_id:
            return False
        if isinstance(event, RoomMessageNotice):
            return False  # notices are bots' words, never commands or answers
        if isinstance(event, RoomMessageText):
            text, attachment = event.body, None
        elif isinstance(event, RoomMessageMedia | RoomEncryptedMedia):
            text, attachment = "", event.event_id
        else:
            return False
        relates = (event.source.get("content") or {}).get("m.relates_to") or {}
        if relates.get("rel_type") == "m.replace":
            if isinstance(event, RoomMessageText):
                return await self._edited(room_id, event, relates.get("event_id"), along, late)
            return False  # a changed caption: the record keeps the file as it was sent
        incoming = await self._incoming(room_id, event, text, attachment)
        if incoming is None:
            return False
        await _handle(self.service, replace(incoming, late=late), along)
        return True

    async def _incoming(
        self, room_id: str, event: Any, text: str, attachment: str | None
    ) -> Incoming | None:
        service = self.service
        at = datetime.fromtimestamp(event.server_timestamp / 1000, UTC)
        sender = Address(PLATFORM, event.sender)
        event_id = f"{PLATFORM}:{event.event_id}"
        if room_id == self.matrix.staff_room:
            chat = Address(PLATFORM, room_id)
            return Incoming(event_id, sender, chat, text, at, attachment=attachment)
        room = await service.db.read(lambda tx: MatrixState(tx).room(room_id))
        if room is None:
            return None
        if room.kind == "direct":
            return Incoming(event_id, sender, sender, text, at, attachment=attachment)
        patient = Address(PLATFORM, room_id)
        if event.sender == room.person:
            return Incoming(event_id, patient, patient, text, at, attachment=attachment)
        if await service.is_staff(sender):
            case_id = await service.case_here(patient, sender)
            if case_id is None:
                # Left behind in the room (removing them failed) or invited by the patient:
                # their words belong to no case of theirs, and never to another patient's.
                log.info("matrix: ignored staff words in a patient room outside their case")
                return None
            return Incoming(
                event_id, sender, patient, text, at, case_hint=case_id, attachment=attachment
            )
        log.info("matrix: ignored a message from a third person in a patient room")
        return None

    async def _edited(
        self,
        room_id: str,
        event: RoomMessageText,
        original: Any,
        along: Along | None,
        late: bool,
    ) -> bool:
        """An edit: the core decides (`CareService.edited`). True if `along` was committed."""
        if room_id == self.matrix.staff_room:
            return False  # staff talk among themselves; an edited command is not run again
        new = (event.source.get("content") or {}).get("m.new_content") or {}
        body = new.get("body")
        text = body if isinstance(body, str) else ""
        incoming = await self._incoming(room_id, event, text, None)
        if incoming is None:
            return False
        replaces = None
        if isinstance(original, str) and await self._sent_by(room_id, original, event.sender):
            replaces = f"{PLATFORM}:{original}"
        edited = replace(incoming, replaces=replaces, late=late)
        return await self.service.edited(edited, along=along)

    async def _sent_by(self, room_id: str, event_id: str, sender: str) -> bool:
        """Is the edited message really the editor's own? Only then is it theirs to have
        taken back with the edit (an edit may name any event; clients ignore a stranger's)."""
        answer = await self.client.room_get_event(room_id, event_id)
        return (
            isinstance(answer, RoomGetEventResponse)
            and getattr(answer.event, "sender", None) == sender
        )


def _plain_event(event: Any) -> Incoming | None:
    """A person's message from its plain fields alone (what failed may be the adapter's own
    look-ups), kept with the dead letter; the kind answer goes to the sender's direct chat."""
    if not isinstance(event, RoomMessageText | RoomMessageMedia | RoomEncryptedMedia):
        return None
    sender = Address(PLATFORM, event.sender)
    text = event.body if isinstance(event, RoomMessageText) else ""
    at = datetime.fromtimestamp(event.server_timestamp / 1000, UTC)
    attachment = None if isinstance(event, RoomMessageText) else event.event_id
    return Incoming(f"{PLATFORM}:{event.event_id}", sender, sender, text, at, attachment=attachment)


async def _handle(service: CareService, incoming: Incoming, along: Along | None) -> None:
    if along is None:
        await service.handle(incoming)
    else:
        await service.handle(incoming, along=along)
