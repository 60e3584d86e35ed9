"""Sending: the outbox's actions carried out in Matrix (one `Dispatcher` delivers them).

Clinician and patient read each other in the patient's room, so relayed lines (`Send.origin`
set) are not posted again where both already are; only when they do not share the room is the
line posted. For the same reason a held-back threat (`Withdraw`) is redacted in the patient's
room, with a neutral reason; the words stay in the bot's record and in the staff alert. The bot
needs the power to redact there (a direct chat made as Element makes one gives it); without
it, staff are told the clinician can still see the message. `M_LIMIT_EXCEEDED` becomes
`RetryLater(retry_after_ms)`.
"""

from __future__ import annotations

import hashlib
import logging

from nio import AsyncClient, RoomRedactResponse, RoomSendResponse

from adapters.matrix.answers import raise_for
from adapters.matrix.rooms import Rooms
from bot.events import Action, JoinCase, LeaveCase, Send, Withdraw
from bot.outbox import Dropped
from bot.service import CareService

log = logging.getLogger(__name__)

PLATFORM = "matrix"


def format_text(send: Send) -> str:
    lines = [send.text]
    lines.extend(f"{number}. {label}" for number, label in enumerate(send.choices, 1))
    return "\n".join(lines)


class Delivery:
    def __init__(self, client: AsyncClient, service: CareService, rooms: Rooms) -> None:
        self.client = client
        self.service = service
        self.rooms = rooms

    async def deliver(self, action: Action) -> None:
        # A `Dropped` goes up: the dispatcher records the action as dropped, with why.
        if isinstance(action, JoinCase):
            await self.rooms.join_case(action)
        elif isinstance(action, LeaveCase):
            await self.rooms.leave_case(action)
        elif isinstance(action, Withdraw):
            await self._withdraw(action)
        elif not isinstance(action, Send):
            raise TypeError(f"not a Matrix action: {action.kind}")  # SMS has its own queue
        elif action.origin is not None:
            await self._relay(action)
        else:
            room = await self.rooms.room_for(action.to, action.case_id)
            await self._send(room, format_text(action), notice=True)

    async def _relay(self, send: Send) -> None:
        assert send.origin is not None
        room = await self.rooms.room_for(send.to, send.case_id)
        if self.rooms.shares(send.origin, room):
            return  # both are in the room and already read each other
        name = send.origin.chat
        if send.case_id is not None:
            name = f"#{send.case_id} {name}"
        await self._send(room, f"{name}: {send.text}".strip(), notice=False)

    async def _withdraw(self, action: Withdraw) -> None:
        client = self.client
        room_id = action.chat.chat
        prefix = f"{PLATFORM}:"
        # An edit goes with the message it edited: a client shows that message with the edit's
        # words, and Synapse keeps serving an edit whose original alone was redacted.
        ids = [action.event_id] if action.replaces is None else [action.event_id, action.replaces]
        if not all(i.startswith(prefix) for i in ids):
            raise Dropped("not a Matrix event")
        if room_id not in client.rooms:
            raise Dropped("the bot is not in the room")
        for event_id in (i.removeprefix(prefix) for i in ids):
            # The same transaction id on every attempt: a retry after a restart is, to the
            # homeserver, the same request again (and redacting a redacted event is harmless).
            tx_id = "withdraw-" + hashlib.sha256(event_id.encode()).hexdigest()[:32]
            answer = await client.room_redact(room_id, event_id, reason=action.reason, tx_id=tx_id)
            if isinstance(answer, RoomRedactResponse):
                continue
            if getattr(answer, "status_code", None) == "M_FORBIDDEN":
                # The patient made the room without giving the bot the power to redact: the
                # clinician still sees the message, and staff must know that.
                log.warning(
                    "matrix: case %d: no power to withdraw the held-back message", action.case_id
                )
                await self.service.not_withdrawn(action)
                return
            raise_for(answer, "withdraw a message")
        log.info("matrix: case %d: the held-back message was withdrawn", action.case_id)

    async def _send(self, room_id: str, body: str, *, notice: bool) -> None:
        client = self.client
        if room_id not in client.rooms:
            # Not a room the bot is in (the patient left, or no such room): nothing to retry.
            raise Dropped("the bot is not in the room")
        self.rooms.trust_new_devices(room_id)
        content = {"msgtype": "m.notice" if notice else "m.text", "body": body}
        answer = await client.room_send(
            room_id, "m.room.message", content, ignore_unverified_devices=True
        )
        if not isinstance(answer, RoomSendResponse):
            raise_for(answer, "send")
