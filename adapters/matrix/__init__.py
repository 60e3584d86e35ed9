"""The Matrix adapter (DESIGN 10): matrix-nio with end-to-end encryption.

Rooms and addresses:
- A patient talks to the bot in their own room (they invite the bot; the bot joins and turns
  encryption on). The patient is `Address("matrix", room_id)`, as sender and as chat, so every
  reply goes to the room.
- The configured staff room: its joined members are the clinicians (registered with
  `CareService.set_staff`, kept in sync on membership changes); `Address("matrix", staff_room)`.
- A staff member is `Address("matrix", user_id)`. A bot text to a staff member goes to the
  patient room of the case it is about while they are in it (the case summary on take), and
  otherwise to the bot's direct room with them (created on first use, encrypted). A staff member
  may also invite the bot to a direct room.
- JoinCase invites the clinician into the patient's room; LeaveCase removes them. Clinician and
  patient then read each other in the room, so relayed lines (`Send.origin` set) are not posted
  again where both already are; only when they do not share the room is the line posted.
- For the same reason a held-back threat (`Withdraw`) is redacted in the patient's room, with a
  neutral reason; the words stay in the bot's record and in the staff alert. The bot needs the
  power to redact there (a direct chat made as Element makes one gives it); without it, staff are
  told the clinician can still see the message.

Restart safety (DESIGN 13): each event goes through `CareService.handle` (inbox + outbox in one
transaction); the sync token is saved only after every event of its batch was handled, so a
restarted bot resumes exactly there and a redelivered event does nothing twice. The outbox is
delivered by one `Dispatcher`; `M_LIMIT_EXCEEDED` becomes `RetryLater(retry_after_ms)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    ErrorResponse,
    InviteMemberEvent,
    JoinedMembersError,
    JoinError,
    LoginResponse,
    MegolmEvent,
    RoomCreateError,
    RoomEncryptedMedia,
    RoomMemberEvent,
    RoomMessageMedia,
    RoomMessageNotice,
    RoomMessageText,
    RoomRedactResponse,
    RoomSendResponse,
    SyncResponse,
    WhoamiResponse,
)
from nio.crypto import TrustState

from bot.config import Config
from bot.events import Action, Incoming, JoinCase, LeaveCase, Send, Withdraw
from bot.outbox import Dispatcher, RetryLater
from bot.service import CareService
from storage.database import Transaction
from storage.matrix_state import MatrixRoom, MatrixState
from storage.records import Address, StaffMember

log = logging.getLogger(__name__)

PLATFORM = "matrix"
SESSION_FILE = "session.json"
# Enough events per room per sync that a restarted bot normally gets every missed event in one
# answer; a gap beyond it is filled from /messages.
TIMELINE_LIMIT = 100
_TITLED = re.compile(r"^\s*(.+?)\s*\((.+)\)\s*$")


def staff_name(display_name: str | None, user_id: str) -> tuple[str, str]:
    """(name, title) from a display name such as 'Anna Lind (sjuksköterska)'."""
    shown = (display_name or "").strip() or user_id
    match = _TITLED.match(shown)
    if match:
        return match.group(1), match.group(2)
    return shown, ""


def format_text(send: Send) -> str:
    lines = [send.text]
    lines.extend(f"{number}. {label}" for number, label in enumerate(send.choices, 1))
    return "\n".join(lines)


@dataclass(frozen=True)
class Session:
    user_id: str
    device_id: str
    access_token: str


class MatrixAdapter:
    platform = PLATFORM

    def __init__(
        self,
        config: Config,
        *,
        sync_timeout_ms: int = 30_000,
        invite_wait: float = 5.0,
        timeline_limit: int = TIMELINE_LIMIT,
    ) -> None:
        self.config = config
        self.matrix = config.matrix
        self.sync_timeout_ms = sync_timeout_ms
        self.invite_wait = invite_wait
        self.timeline_limit = timeline_limit
        self.store = Path(self.matrix.store_path)
        self.client: AsyncClient | None = None
        self.service: CareService | None = None
        self.dispatcher: Dispatcher | None = None
        self.batches = 0  # sync answers handled (tests wait on it)

    # The PlatformAdapter protocol

    def staff_room(self) -> Address | None:
        return Address(PLATFORM, self.matrix.staff_room) if self.matrix.staff_room else None

    async def run(self, service: CareService) -> None:
        self.service = service
        client = await self._login()
        self.client = client
        dispatcher = Dispatcher(service.db, PLATFORM, self._deliver, service.services.clock)
        self.dispatcher = dispatcher
        sending: asyncio.Task[None] | None = None
        try:
            token = await service.db.read(lambda tx: MatrixState(tx).sync_token())
            first = True
            failures = 0
            while True:
                response = await client.sync(
                    timeout=0 if first else self.sync_timeout_ms,
                    sync_filter={"room": {"timeline": {"limit": self.timeline_limit}}},
                    since=token,
                    full_state=first,  # nio keeps no room state on disk: reload it all
                    set_presence="offline",
                )
                if not isinstance(response, SyncResponse):
                    if getattr(response, "status_code", None) == "M_UNKNOWN_TOKEN":
                        raise RuntimeError(
                            "matrix: the homeserver no longer accepts the saved login; remove"
                            f" {self.store / SESSION_FILE} to log in as a new device"
                        )
                    failures += 1
                    wait = min(30.0, 0.5 * 2**failures)
                    log.warning("sync failed (%s); retry in %.1f s", _error(response), wait)
                    await asyncio.sleep(wait)
                    continue
                failures = 0
                await self._keys(client)
                if first:
                    await self._start(client)
                await self._handle_batch(response, history=token is not None)
                token = response.next_batch
                await service.db.write(partial(_save_token, token, service.services.clock()))
                if first:
                    sending = asyncio.create_task(dispatcher.run(), name="matrix-outbox")
                    first = False
                if sending is not None and sending.done():
                    sending.result()  # the sending worker stopped: stop too, loudly
                dispatcher.wake.set()
                self.batches += 1
        finally:
            if sending is not None:
                sending.cancel()
                # Bounded: a stop must never hang on a send in flight; the outbox keeps the
                # message and the next start sends it.
                with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                    await asyncio.wait_for(sending, 5)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.close(), 5)

    # Login and keys

    async def _login(self) -> AsyncClient:
        self.store.mkdir(parents=True, exist_ok=True)
        client = AsyncClient(
            self.matrix.homeserver,
            self.matrix.user_id,
            store_path=str(self.store),
            config=AsyncClientConfig(
                encryption_enabled=True,
                store_sync_tokens=False,  # ours go to the database with the batch's effects
                max_limit_exceeded=0,  # a 429 comes back to us: the outbox waits, in order
            ),
        )
        session = self._saved_session()
        if session is None and self.matrix.access_token:
            client.access_token = self.matrix.access_token
            who = await client.whoami()
            if not isinstance(who, WhoamiResponse) or not who.device_id:
                await client.close()
                raise RuntimeError(f"matrix: the access token was refused ({_error(who)})")
            session = Session(who.user_id, who.device_id, self.matrix.access_token)
            self._save_session(session)
        if session is None:
            if not self.matrix.password:
                await client.close()
                raise RuntimeError("matrix: neither a password nor an access token is set")
            answer = await client.login(self.matrix.password, device_name=self.matrix.device_name)
            if not isinstance(answer, LoginResponse):
                await client.close()
                raise RuntimeError(f"matrix: login failed ({_error(answer)})")
            session = Session(answer.user_id, answer.device_id, answer.access_token)
            self._save_session(session)
            log.info("matrix: logged in as a new device %s", session.device_id)
        else:
            client.restore_login(session.user_id, session.device_id, session.access_token)
            log.info("matrix: restored device %s", session.device_id)
        if client.should_upload_keys:
            await client.keys_upload()
        return client

    def _saved_session(self) -> Session | None:
        path = self.store / SESSION_FILE
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("user_id") != self.matrix.user_id:
            return None
        return Session(data["user_id"], data["device_id"], data["access_token"])

    def _save_session(self, session: Session) -> None:
        path = self.store / SESSION_FILE
        # Holds the access token: readable by the bot's user only, from the first byte.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(session.__dict__, out)

    async def _keys(self, client: AsyncClient) -> None:
        await client.send_to_device_messages()
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())

    async def _start(self, client: AsyncClient) -> None:
        """After the first sync: be in the staff room and know who its members are."""
        room = self.matrix.staff_room
        if not room:
            await self._register_admins(set())
            return
        if room not in client.rooms:
            joined = await client.join(room)
            if isinstance(joined, JoinError):
                log.error("matrix: cannot join the staff room (%s)", _error(joined))
                return
        await self._reconcile_staff(client)

    # Staff

    async def _reconcile_staff(self, client: AsyncClient) -> None:
        service = self._service()
        members = await client.joined_members(self.matrix.staff_room)
        if isinstance(members, JoinedMembersError):
            log.error("matrix: cannot list the staff room (%s)", _error(members))
            return
        present = {
            m.user_id: m.display_name for m in members.members if m.user_id != client.user_id
        }
        known = await service.db.read(lambda tx: MatrixState(tx).staff())
        for user_id, display in present.items():
            await self._add_staff(user_id, display)
        for user_id in known - present.keys():
            await self._remove_staff(user_id)
        await self._register_admins(set(present))

    async def _register_admins(self, present: set[str]) -> None:
        """Configured admins are staff wherever they are (members got their name above)."""
        service = self._service()
        for admin in self.matrix.admins:
            if admin not in present:
                name, title = staff_name(None, admin)
                await service.set_staff(
                    StaffMember(Address(PLATFORM, admin), "admin", name, title, self._unit())
                )

    async def _add_staff(self, user_id: str, display: str | None) -> None:
        service = self._service()
        name, title = staff_name(display, user_id)
        role = "admin" if user_id in self.matrix.admins else "clinician"
        await service.set_staff(
            StaffMember(Address(PLATFORM, user_id), role, name, title, self._unit())
        )
        now = service.services.clock()
        await service.db.write(lambda tx: MatrixState(tx).add_staff(user_id, now))

    async def _remove_staff(self, user_id: str) -> None:
        service = self._service()
        if user_id in self.matrix.admins:
            return
        await service.remove_staff(Address(PLATFORM, user_id))
        await service.db.write(lambda tx: MatrixState(tx).remove_staff(user_id))

    def _unit(self) -> str:
        return self.config.service.unit

    # Receiving

    async def _handle_batch(self, response: SyncResponse, *, history: bool) -> None:
        """Every event of one sync answer, in order; returns when all are committed."""
        client = self._client()
        service = self._service()
        for room_id, info in response.rooms.invite.items():
            await self._invited(room_id, info.invite_state)
        for room_id, info in response.rooms.join.items():
            if room_id != self.matrix.staff_room:
                await self._ensure_encrypted(room_id)
            events = list(info.timeline.events)
            if history and info.timeline.limited and info.timeline.prev_batch:
                events = await self._missed(room_id, info.timeline.prev_batch) + events
            if not history:
                # The first run: what was said before the bot existed is not ours to answer;
                # only staff-room membership counts.
                events = [e for e in events if isinstance(e, RoomMemberEvent)]
            for event in events:
                await self._event(client, service, room_id, event)
        for room_id in response.rooms.leave:
            log.info("matrix: left a room")
            await service.db.write(partial(_forget_room, room_id))

    async def _missed(self, room_id: str, prev_batch: str) -> list[Any]:
        """Events before a truncated timeline, back to the saved sync token (oldest first)."""
        client = self._client()
        token = await self._service().db.read(lambda tx: MatrixState(tx).sync_token())
        found: list[Any] = []
        start = prev_batch
        for _ in range(50):
            page = await client.room_messages(room_id, start, end=token, limit=100)
            chunk = getattr(page, "chunk", None)
            if not chunk:
                break
            found.extend(chunk)
            start = page.end
            if not start:
                break
        found.reverse()
        return found

    async def _invited(self, room_id: str, invite_state: list[Any]) -> None:
        client = self._client()
        service = self._service()
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
        staff = await service.is_staff(Address(PLATFORM, inviter))
        joined = await client.join(room_id)
        if isinstance(joined, JoinError):
            log.warning("matrix: could not join an invited room (%s)", _error(joined))
            return
        room = MatrixRoom(room_id, "direct" if staff else "patient", inviter)
        now = service.services.clock()
        await service.db.write(lambda tx: MatrixState(tx).put_room(room, now))
        log.info("matrix: joined a %s room", room.kind)
        if self.matrix.encryption:
            await self._encrypt(room_id)

    async def _ensure_encrypted(self, room_id: str) -> None:
        client = self._client()
        room = client.rooms.get(room_id)
        if self.matrix.encryption and room is not None and not room.encrypted:
            await self._encrypt(room_id)

    async def _encrypt(self, room_id: str) -> None:
        answer = await self._client().room_put_state(
            room_id, "m.room.encryption", {"algorithm": "m.megolm.v1.aes-sha2"}
        )
        if isinstance(answer, ErrorResponse):
            log.warning("matrix: could not turn on encryption (%s)", _error(answer))

    async def _event(
        self, client: AsyncClient, service: CareService, room_id: str, event: Any
    ) -> None:
        if room_id == self.matrix.staff_room and isinstance(event, RoomMemberEvent):
            if event.state_key == client.user_id:
                return
            if event.membership == "join":
                await self._add_staff(event.state_key, (event.content or {}).get("displayname"))
            elif event.membership in ("leave", "ban"):
                await self._remove_staff(event.state_key)
            return
        if isinstance(event, MegolmEvent):
            log.warning("matrix: an event could not be decrypted (session %s)", event.session_id)
            with contextlib.suppress(Exception):
                await client.request_room_key(event)
            return
        if getattr(event, "sender", None) == client.user_id:
            return
        if isinstance(event, RoomMessageNotice):
            return  # notices are bots' words, never commands or answers
        if isinstance(event, RoomMessageText):
            text, attachment = event.body, None
        elif isinstance(event, RoomMessageMedia | RoomEncryptedMedia):
            text, attachment = "", event.event_id
        else:
            return
        relates = (event.source.get("content") or {}).get("m.relates_to") or {}
        if relates.get("rel_type") == "m.replace":
            return  # an edit: the original was handled; the record keeps what was sent
        incoming = await self._incoming(service, room_id, event, text, attachment)
        if incoming is not None:
            await service.handle(incoming)

    async def _incoming(
        self, service: CareService, room_id: str, event: Any, text: str, attachment: str | None
    ) -> Incoming | None:
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
            return Incoming(event_id, sender, patient, text, at, attachment=attachment)
        log.info("matrix: ignored a message from a third person in a patient room")
        return None

    # Delivering

    async def _deliver(self, action: Action) -> None:
        try:
            await self._carry_out(action)
        except Dropped as exc:
            log.error("matrix: %s action dropped: %s", action.kind, exc)

    async def _carry_out(self, action: Action) -> None:
        if isinstance(action, JoinCase):
            await self._join_case(action)
        elif isinstance(action, LeaveCase):
            await self._leave_case(action)
        elif isinstance(action, Withdraw):
            await self._withdraw(action)
        elif not isinstance(action, Send):
            raise TypeError(f"not a Matrix action: {action.kind}")  # SMS has its own queue
        elif action.origin is not None:
            await self._relay(action)
        else:
            room = await self._room_for(action.to, action.case_id)
            await self._send(room, format_text(action), notice=True)

    async def _relay(self, send: Send) -> None:
        assert send.origin is not None
        room = await self._room_for(send.to, send.case_id)
        if self._shares(send.origin, room):
            return  # both are in the room and already read each other
        name = send.origin.chat
        if send.case_id is not None:
            name = f"#{send.case_id} {name}"
        await self._send(room, f"{name}: {send.text}".strip(), notice=False)

    def _shares(self, origin: Address, room_id: str) -> bool:
        if origin.chat == room_id:
            return True
        room = self._client().rooms.get(room_id)
        return room is not None and origin.chat in room.users

    async def _room_for(self, to: Address, case_id: int | None) -> str:
        if not to.chat.startswith("@"):
            return to.chat
        service = self._service()
        if case_id is not None:
            room = await service.db.read(lambda tx: MatrixState(tx).case_room(case_id, to.chat))
            if room is not None:
                return room
        return await self._direct_room(to.chat)

    async def _direct_room(self, user_id: str) -> str:
        service = self._service()
        room = await service.db.read(lambda tx: MatrixState(tx).direct_room_of(user_id))
        if room is not None:
            return room
        initial = []
        if self.matrix.encryption:
            initial.append(
                {
                    "type": "m.room.encryption",
                    "state_key": "",
                    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                }
            )
        created = await self._client().room_create(
            is_direct=True, invite=[user_id], initial_state=initial
        )
        if isinstance(created, RoomCreateError):
            _raise_for(created, "create a direct room")
        room_id: str = created.room_id
        now = service.services.clock()
        await service.db.write(
            lambda tx: MatrixState(tx).put_room(MatrixRoom(room_id, "direct", user_id), now)
        )
        await self._wait_for(lambda: room_id in self._client().rooms)
        return room_id

    async def _join_case(self, action: JoinCase) -> None:
        client = self._client()
        service = self._service()
        room_id, user_id = action.patient.chat, action.clinician.chat
        room = client.rooms.get(room_id)
        if room is None or user_id not in room.users:
            answer = await client.room_invite(room_id, user_id)
            if isinstance(answer, ErrorResponse) and not _already_in(answer):
                _raise_for(answer, "invite")
        now = service.services.clock()
        await service.db.write(
            lambda tx: MatrixState(tx).put_case_room(action.case_id, room_id, user_id, now)
        )
        # What the bot sends next must be readable by the clinician: wait until the invite is
        # in the bot's room state, so the next message's keys are shared with them too.
        await self._wait_for(
            lambda: (r := client.rooms.get(room_id)) is not None and user_id in r.users
        )

    async def _leave_case(self, action: LeaveCase) -> None:
        client = self._client()
        service = self._service()
        room_id, user_id = action.patient.chat, action.clinician.chat
        room = client.rooms.get(room_id)
        if room is None or user_id in room.users:
            answer = await client.room_kick(room_id, user_id)
            if isinstance(answer, ErrorResponse) and not _not_in(answer):
                _raise_for(answer, "remove")
        await service.db.write(lambda tx: MatrixState(tx).drop_case_room(action.case_id))

    async def _withdraw(self, action: Withdraw) -> None:
        client = self._client()
        room_id = action.chat.chat
        prefix = f"{PLATFORM}:"
        if not action.event_id.startswith(prefix):
            raise Dropped("not a Matrix event")
        event_id = action.event_id.removeprefix(prefix)
        if room_id not in client.rooms:
            raise Dropped("the bot is not in the room")
        # The same transaction id on every attempt: a retry after a restart is, to the
        # homeserver, the same request again (and redacting a redacted event is harmless).
        tx_id = "withdraw-" + hashlib.sha256(event_id.encode()).hexdigest()[:32]
        answer = await client.room_redact(room_id, event_id, reason=action.reason, tx_id=tx_id)
        if isinstance(answer, RoomRedactResponse):
            log.info("matrix: case %d: the held-back message was withdrawn", action.case_id)
            return
        if getattr(answer, "status_code", None) == "M_FORBIDDEN":
            # The patient made the room without giving the bot the power to redact: the
            # clinician still sees the message, and staff must know that.
            log.warning(
                "matrix: case %d: no power to withdraw the held-back message", action.case_id
            )
            await self._service().not_withdrawn(action)
            return
        _raise_for(answer, "withdraw a message")

    async def _send(self, room_id: str, body: str, *, notice: bool) -> None:
        client = self._client()
        if room_id not in client.rooms:
            # Not a room the bot is in (the patient left, or no such room): nothing to retry.
            raise Dropped("the bot is not in the room")
        self._trust_new_devices(room_id)
        content = {"msgtype": "m.notice" if notice else "m.text", "body": body}
        answer = await client.room_send(
            room_id, "m.room.message", content, ignore_unverified_devices=True
        )
        if not isinstance(answer, RoomSendResponse):
            _raise_for(answer, "send")

    def _trust_new_devices(self, room_id: str) -> None:
        """Trust on first use (DESIGN 10): a device seen for the first time is trusted, and
        its key is logged so a later change can be checked."""
        client = self._client()
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

    # Helpers

    def _client(self) -> AsyncClient:
        assert self.client is not None, "the adapter is not running"
        return self.client

    def _service(self) -> CareService:
        assert self.service is not None, "the adapter is not running"
        return self.service


def _forget_room(room_id: str, tx: Transaction) -> None:
    MatrixState(tx).forget_room(room_id)


def _save_token(token: str, at: datetime, tx: Transaction) -> None:
    MatrixState(tx).save_sync_token(token, at)


def _error(answer: Any) -> str:
    code = getattr(answer, "status_code", None)
    return f"{code or type(answer).__name__}"


def _already_in(answer: ErrorResponse) -> bool:
    return "already in the room" in (answer.message or "")


def _not_in(answer: ErrorResponse) -> bool:
    message = answer.message or ""
    return "not in the room" in message or "not a member" in message


# Answers that no retry will change (the bot is not in the room, lacks the power, the room or
# user does not exist): the action is dropped with an error in the log, so that one impossible
# action never blocks the queue behind it (see `Dropped`).
PERMANENT = frozenset(
    {"M_FORBIDDEN", "M_NOT_FOUND", "M_UNKNOWN", "M_BAD_JSON", "M_INVALID_PARAM", "M_NOT_JSON"}
)


class Dropped(Exception):
    """An action that can never succeed; delivery logs it and goes on to the next."""


def _raise_for(answer: Any, what: str) -> None:
    """RetryLater or RuntimeError for what the outbox should retry; Dropped for the rest."""
    code = getattr(answer, "status_code", None)
    if code == "M_LIMIT_EXCEEDED":
        retry_ms = getattr(answer, "retry_after_ms", None) or 1000
        raise RetryLater(retry_ms / 1000)
    if code in PERMANENT:
        raise Dropped(f"could not {what} ({code})")
    raise RuntimeError(f"matrix: could not {what} ({_error(answer)})")


__all__ = ["PLATFORM", "MatrixAdapter", "format_text", "staff_name"]
