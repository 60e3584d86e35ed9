"""Undecryptable messages and key requests.

An encrypted event the bot cannot decrypt (its room key has not arrived: a patient's new
device, a delayed or lost to-device message) is never dropped:
- It is stored, ciphertext as received, in the same transaction that saves the sync token that
  moves past it (`matrix_undecrypted`), so a crash neither loses nor doubles it.
- The bot asks the sending device for the key (m.room_key_request to that device; nio's own
  `request_room_key` would ask only the bot's other devices, and it has none). A key may come as
  the original m.room_key (delayed), which nio accepts from anyone, or forwarded in answer to
  the request; nio accepts forwarded keys only from the bot's own devices, so the bot also
  accepts one forwarded by the very device that created the session (`forwarded_by_creator`):
  it proves no more and no less than the original m.room_key would have.
- At the start of every sync answer (after nio has taken that answer's keys) each stored event
  whose session is now known is decrypted and handed to the core like any message, oldest sent
  first, with its own event id; the stored row is deleted in that same transaction.
- After `[matrix] undecrypted_notice_seconds` the sender is asked, once, to write it again (a
  patient in their room, in their language; staff in their direct room with the bot); after
  `undecrypted_keep_hours` the ciphertext is deleted (the log has counts only). The word asks
  for "your last message", so it counts for every unreadable message of theirs in that room.
- One that becomes readable only after that word goes to the core as `Incoming.late`: they may
  have written it again already, so it is kept (a patient's words in the case's record) but not
  taken as an answer or a command (bot/late.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from typing import Any

from nio import AsyncClient, EncryptionError, ForwardedRoomKeyEvent, MegolmEvent
from nio.crypto import Olm
from nio.event_builders import RoomKeyRequestMessage

from bot.config import Config, MatrixConfig
from bot.service import Along, CareService, Remark
from storage.database import Transaction
from storage.matrix_state import MatrixState, Undecrypted
from storage.records import Address

log = logging.getLogger(__name__)

PLATFORM = "matrix"
MEGOLM = "m.megolm.v1.aes-sha2"
# Hands a readable event to the inbound part: (room, event, along, late) -> was `along` taken.
HandleEvent = Callable[[str, Any, Along, bool], Awaitable[bool]]


def forwarded_by_creator(
    forwarder_key: str, content: dict[str, Any], requested_room: str | None
) -> bool:
    """May the bot take a forwarded room key that nio would refuse (nio takes them only from
    the bot's own devices)? Only for a session it asked for (`requested_room`: the room of its
    request), and only from the device that created the session: the Olm message came from
    the session's own sender key (`forwarder_key`, proven by Olm) and went through no one else
    (an empty forwarding chain). Such a key proves what the original m.room_key would have."""
    return (
        requested_room is not None
        and content.get("algorithm") == MEGOLM
        and content.get("room_id") == requested_room
        and content.get("sender_key") == forwarder_key
        and not content.get("forwarding_curve25519_key_chain")
    )


def take_forwards_from_creators(olm: Olm) -> None:
    nio_rule = olm._should_accept_forward

    def should_accept(sender: str, sender_key: str, event: ForwardedRoomKeyEvent) -> bool:
        request = olm.outgoing_key_requests.get(event.session_id)
        content = event.source.get("content") or {}
        room = request.room_id if request is not None else None
        return forwarded_by_creator(sender_key, content, room) or nio_rule(
            sender, sender_key, event
        )

    # nio has no hook for this policy; its one check is replaced on this client only.
    setattr(olm, "_should_accept_forward", should_accept)  # noqa: B010


class Unreadable:
    """The events of this process that wait for their room key, and what is done about them."""

    def __init__(self, client: AsyncClient, service: CareService, config: Config) -> None:
        self.client = client
        self.service = service
        self.matrix = config.matrix
        # Undecryptable events of the batch being handled, stored with its sync token.
        self.kept: list[tuple[Undecrypted, MegolmEvent]] = []
        # Stored event id -> the first known index of the key it was last tried with: a key
        # that did not fit is not tried again until a better one comes.
        self.tried: dict[str, int] = {}

    def keep(self, room_id: str, event: MegolmEvent) -> None:
        """Kept with this batch's sync token (`take_kept`): stored exactly when it moves."""
        kept = Undecrypted(
            event.event_id,
            room_id,
            event.sender,
            int(event.server_timestamp),
            json.dumps(event.source, ensure_ascii=False, separators=(",", ":")),
            self.service.services.clock(),
        )
        self.kept.append((kept, event))

    def take_kept(self) -> list[tuple[Undecrypted, MegolmEvent]]:
        kept, self.kept = self.kept, []
        return kept

    async def ask_for_keys(self, events: list[MegolmEvent]) -> None:
        """Ask each event's sending device for its room key, once per session (nio keeps the
        requests it sent in its store, across restarts)."""
        client = self.client
        olm = client.olm
        if olm is None:
            return
        queued = {
            m.session_id
            for m in olm.outgoing_to_device_messages
            if isinstance(m, RoomKeyRequestMessage)
        }
        for event in events:
            session = event.session_id
            if not session or session in queued or session in client.outgoing_key_requests:
                continue
            queued.add(session)
            # As nio's own re-request does: to the sender's device, request id = session id
            # (the id nio looks a forwarded key up by). nio records it once it is sent.
            olm.outgoing_to_device_messages.append(
                event.as_key_request(event.sender, client.device_id, session, event.device_id)
            )
        with contextlib.suppress(Exception):  # not sent now: sent with the next sync's keys
            await client.send_to_device_messages()

    async def waiting(self, handle: HandleEvent) -> None:
        """Try the stored events again, oldest sent first; hand the readable ones on; then
        tell whoever has waited too long, and give up on the oldest."""
        service = self.service
        waiting = await service.db.read(lambda tx: MatrixState(tx).undecrypted())
        if not waiting:
            return
        still: list[Undecrypted] = []
        keyless: list[MegolmEvent] = []
        for row in waiting:
            encrypted = _encrypted(row)
            if encrypted is None:
                # Not an encrypted event we understand (a damaged row): nothing will read it.
                await service.db.write(partial(_drop_undecrypted, row.event_id))
                continue
            event = await self._decrypted(row, encrypted)
            if event is None:
                still.append(row)
                keyless.append(encrypted)
                continue
            self.tried.pop(row.event_id, None)
            along = partial(_drop_undecrypted, row.event_id)
            # Once the sender was asked to write it again, it may already be written again,
            # and the question it answered may be gone: the core keeps it but acts on nothing.
            late = row.told_at is not None
            if late:
                log.info("matrix: event %s readable only after its notice", row.event_id)
            if not await handle(row.room_id, event, along, late):
                await service.db.write(along)
        if still:
            await self.ask_for_keys(keyless)
            await tell_overdue(service, self.matrix, still)
            keep = service.services.clock() - timedelta(hours=self.matrix.undecrypted_keep_hours)
            for row in still:
                if row.first_seen < keep:
                    self.tried.pop(row.event_id, None)

    async def _decrypted(self, row: Undecrypted, event: MegolmEvent) -> Any | None:
        """The decrypted event, or None while its key is missing (or did not fit)."""
        client = self.client
        olm = client.olm
        if olm is None or not event.sender_key or not event.session_id:
            return None
        # Only with a key in hand: a failed decryption makes nio re-queue key requests.
        session = olm.inbound_group_store.get(row.room_id, event.sender_key, event.session_id)
        if session is None:
            return None
        index = int(session.first_known_index)
        if self.tried.get(row.event_id) == index:
            return None
        self.tried[row.event_id] = index
        try:
            decrypted = client.decrypt_event(event)
        except EncryptionError:
            # A key from later in the session (it starts after this message): wait for an
            # earlier one.
            await self.service.db.write(partial(_tried_undecrypted, row.event_id))
            return None
        # A BadEvent (readable, but not a message) goes on too: the inbound part takes nothing
        # from it, and the stored row is dropped.
        return decrypted


async def tell_overdue(
    service: CareService, matrix: MatrixConfig, waiting: list[Undecrypted]
) -> None:
    """Ask, once, whoever has waited past the notice time to write again; delete what has
    waited past the keeping time."""
    now = service.services.clock()
    notice = now - timedelta(seconds=matrix.undecrypted_notice_seconds)
    keep = now - timedelta(hours=matrix.undecrypted_keep_hours)
    due = [row for row in waiting if row.told_at is None and row.first_seen <= notice]
    old = [row for row in waiting if row.first_seen < keep]
    if not due and not old:
        return
    staff_room = matrix.staff_room

    def work(tx: Transaction) -> tuple[list[Remark], int]:
        state = MatrixState(tx)
        remarks = []
        # One word per sender and room, however many of their messages wait.
        by_sender: dict[tuple[str, str], list[str]] = {}
        for row in due:
            by_sender.setdefault((row.room_id, row.sender), []).append(row.event_id)
        for (room_id, sender), ids in by_sender.items():
            if not state.told_undecrypted(ids, now):
                continue  # told already (another process)
            # The word asks for "your last message" again: their younger unreadable
            # messages, not yet due, are asked for too, so they count as told (late).
            state.told_undecrypted(
                [
                    row.event_id
                    for row in waiting
                    if (row.room_id, row.sender) == (room_id, sender) and row.event_id not in ids
                ],
                now,
            )
            remark = _unreadable_notice(state, room_id, sender, staff_room)
            if remark is not None:
                remarks.append(remark)
        return remarks, state.forget_undecrypted(keep)

    told, dropped = await service.remarks(work)
    if told:
        log.warning("matrix: asked %d sender(s) to write an unreadable message again", told)
    if dropped:
        log.warning("matrix: gave up on %d event(s) that could not be decrypted", dropped)


def _unreadable_notice(
    state: MatrixState, room_id: str, sender: str, staff_room: str
) -> Remark | None:
    """Whom to ask to write again: a patient in their room (in their language); staff (in the
    staff room, their direct room, or a patient's room) in their direct room with the bot, so
    a patient never reads words meant for staff; nobody else."""
    room = state.room(room_id)
    if room is not None and room.kind == "patient" and room.person == sender:
        return Remark(Address(PLATFORM, room_id), "matrix.undecrypted")
    person = Address(PLATFORM, sender)
    if room_id == staff_room:
        return Remark(person, "matrix.undecrypted_staff")
    if room is not None:
        return Remark(person, "matrix.undecrypted_staff", staff_only=True)
    return None


def _encrypted(row: Undecrypted) -> MegolmEvent | None:
    """The stored event rebuilt as nio gave it (nio sets the room id, absent from a sync)."""
    try:
        event = MegolmEvent.from_dict(json.loads(row.source))
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(event, MegolmEvent):
        return None
    event.room_id = row.room_id
    return event


def _drop_undecrypted(event_id: str, tx: Transaction) -> None:
    MatrixState(tx).drop_undecrypted(event_id)


def _tried_undecrypted(event_id: str, tx: Transaction) -> None:
    MatrixState(tx).tried_undecrypted(event_id)
