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
- An edit (`m.replace`) inside a case conversation is a new line marked as edited, as on
  Telegram: recorded and put through the tone rules like any line. It names the message it
  edits (`Incoming.replaces`, when that message is the same person's), so a threat added by
  editing is taken back together with that message: the room shows an edit on top of its
  original, and redacting only one of them leaves words on screen. Elsewhere (an intake answer
  already taken) an edit gets a kind answer.
- A line by staff in a patient's room belongs to the case they have there (`case_hint`), not to
  whichever of their cases is in front; without a case of theirs in that room it is not taken.
- The bot needs the power to invite, remove and redact in a patient's room (and to turn on
  encryption if the patient did not). A room made as a plain private chat gives none of that:
  on joining, the bot tells the patient how to fix it, and care goes on regardless.

Restart safety (DESIGN 13): each event goes through `CareService.handle` (inbox + outbox in one
transaction); the sync token is saved only after every event of its batch was handled, so a
restarted bot resumes exactly there and a redelivered event does nothing twice. The outbox is
delivered by one `Dispatcher`; `M_LIMIT_EXCEEDED` becomes `RetryLater(retry_after_ms)`.

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

Device trust: trust on first use. A patient's new phone is a new device, and a care bot that
waited for a patient to verify it with an emoji comparison would leave them unanswered. nio
decrypts from unverified devices anyway; what trust decides is whether the bot shares its own
keys with a device, and the bot shares with every device in the room, trusting a device the
first time it sees it (its key logged, so a later change can be checked). Nothing is
blacklisted.

A device that appears later (a clinician's second computer, a patient's new phone) reads what
the bot sends from then on: nio uses one outbound Megolm session per room, but starts a new
one, shared with every device then known, when a room member's device list changes (their
user comes in the sync's `device_lists.changed`, `_keys` queries them, and nio drops the
room's session) or when the bot first trusts a device. What it sent in the moment between
the device's login and that sync stays unreadable there: nio answers no other user's key
requests (tests/matrix/test_matrix_room_keys.py).
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
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    EncryptionError,
    ErrorResponse,
    ForwardedRoomKeyEvent,
    InviteMemberEvent,
    JoinedMembersError,
    JoinError,
    LoginResponse,
    MegolmEvent,
    RoomCreateError,
    RoomEncryptedMedia,
    RoomGetEventResponse,
    RoomGetStateEventResponse,
    RoomMemberEvent,
    RoomMessageMedia,
    RoomMessageNotice,
    RoomMessageText,
    RoomRedactResponse,
    RoomSendResponse,
    SyncResponse,
    WhoamiResponse,
)
from nio import MatrixRoom as NioRoom
from nio.crypto import Olm, TrustState
from nio.event_builders import RoomKeyRequestMessage

from bot.config import Config
from bot.events import Action, Incoming, JoinCase, LeaveCase, Send, Withdraw, encode_action
from bot.metrics import PLATFORM_ERRORS
from bot.outbox import Dispatcher, Dropped, RetryLater
from bot.service import CareService
from storage.database import Transaction
from storage.matrix_state import MatrixRoom, MatrixState, Undecrypted
from storage.records import Address, Patient, StaffMember
from storage.repositories import Repositories

log = logging.getLogger(__name__)

PLATFORM = "matrix"
SESSION_FILE = "session.json"
# Enough events per room per sync that a restarted bot normally gets every missed event in one
# answer; a gap beyond it is filled from /messages.
TIMELINE_LIMIT = 100
_TITLED = re.compile(r"^\s*(.+?)\s*\((.+)\)\s*$")
MEGOLM = "m.megolm.v1.aes-sha2"
# Bookkeeping that must be committed with the handling of an event (see `CareService.handle`).
Along = Callable[[Transaction], object]


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


def _take_forwards_from_creators(olm: Olm) -> None:
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


def _level(value: Any, default: int) -> int:
    # Older room versions allow levels written as strings.
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


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
    connected = False  # the last sync went through: /readyz

    def __init__(
        self,
        config: Config,
        *,
        sync_timeout_ms: int = 30_000,
        outbox_poll_seconds: float = 1.0,
        invite_wait: float = 5.0,
        timeline_limit: int = TIMELINE_LIMIT,
    ) -> None:
        self.config = config
        self.matrix = config.matrix
        self.sync_timeout_ms = sync_timeout_ms
        self.outbox_poll_seconds = outbox_poll_seconds
        self.invite_wait = invite_wait
        self.timeline_limit = timeline_limit
        self.store = Path(self.matrix.store_path)
        self.client: AsyncClient | None = None
        self.service: CareService | None = None
        self.dispatcher: Dispatcher | None = None
        self.batches = 0  # sync answers handled (tests wait on it)
        # Patient rooms joined since the last sync: their power levels are read once their
        # state has arrived (a restart in between skips the check; it only gives advice).
        self.joined: set[str] = set()
        # Undecryptable events of the batch being handled, stored with its sync token.
        self.undecrypted: list[tuple[Undecrypted, MegolmEvent]] = []
        # Stored event id -> the first known index of the key it was last tried with: a key
        # that did not fit is not tried again until a better one comes.
        self.tried: dict[str, int] = {}
        # Direct rooms made by this process whose first state the bot has not yet seen whole
        # (`_settle`); after a restart the first sync brings every room's whole state.
        self.unsettled: set[str] = set()

    # The PlatformAdapter protocol

    def staff_room(self) -> Address | None:
        return Address(PLATFORM, self.matrix.staff_room) if self.matrix.staff_room else None

    async def run(self, service: CareService) -> None:
        self.service = service
        client = await self._login()
        self.client = client
        dispatcher = Dispatcher(
            service.db,
            PLATFORM,
            self._deliver,
            service.services.clock,
            attempts=self.config.reliability.delivery_attempts,
            notice=service.tell_dead_letters,
        )
        self.dispatcher = dispatcher
        # Woken by each commit that stored messages: an answer leaves while the rest of its
        # batch is handled, and what the jobs or the e-ID endpoint store does not wait for the
        # poll. The saved token still moves only after the whole batch.
        stop_listening = service.listen(dispatcher.wake.set)
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
                    self.connected = False
                    PLATFORM_ERRORS.labels(PLATFORM, "receive").inc()
                    wait = min(30.0, 0.5 * 2**failures)
                    log.warning("sync failed (%s); retry in %.1f s", _error(response), wait)
                    await asyncio.sleep(wait)
                    continue
                failures = 0
                self.connected = True
                await self._keys(client)
                if first:
                    await self._start(client)
                await self._handle_batch(response, history=token is not None)
                token = response.next_batch
                kept, self.undecrypted = self.undecrypted, []
                await service.db.write(
                    partial(_save_token, token, service.services.clock(), [k for k, _ in kept])
                )
                if kept:
                    log.warning("matrix: %d event(s) could not be decrypted yet; kept", len(kept))
                    await self._ask_for_keys(client, [event for _, event in kept])
                if first:
                    sending = asyncio.create_task(
                        dispatcher.run(self.outbox_poll_seconds), name="matrix-outbox"
                    )
                    first = False
                if sending is not None and sending.done():
                    sending.result()  # the sending worker stopped: stop too, loudly
                dispatcher.wake.set()  # also what the adapter stored itself (kind answers)
                self.batches += 1
        finally:
            stop_listening()
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
        if client.olm is not None:
            _take_forwards_from_creators(client.olm)
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
        self.undecrypted = []
        # First what waited for a key (nio has taken this answer's keys): it was sent earlier.
        await self._waiting(client, service)
        for room_id, info in response.rooms.invite.items():
            await self._invited(room_id, info.invite_state)
        for room_id, info in response.rooms.join.items():
            if room_id != self.matrix.staff_room:
                await self._ensure_encrypted(room_id)
            if room_id in self.joined:
                self.joined.discard(room_id)
                await self._check_power(room_id)
            events = list(info.timeline.events)
            if history and info.timeline.limited and info.timeline.prev_batch:
                events = await self._missed(room_id, info.timeline.prev_batch) + events
            if not history:
                # The first run: what was said before the bot existed is not ours to answer;
                # only staff-room membership counts.
                events = [e for e in events if isinstance(e, RoomMemberEvent)]
            for event in events:
                await self._event_or_dead_letter(client, service, room_id, event)
        for room_id in response.rooms.leave:
            log.info("matrix: left a room")
            await service.db.write(partial(_forget_room, room_id))

    async def _event_or_dead_letter(
        self, client: AsyncClient, service: CareService, room_id: str, event: Any
    ) -> None:
        """One event, handled or set aside as a dead letter before the sync token moves past
        it (DESIGN 13). The core sets aside what it cannot handle itself; this is for a
        failure here, in the adapter, around it."""
        limit = self.config.reliability.event_attempts
        attempt = 0
        while True:
            attempt += 1
            try:
                await self._event(client, service, room_id, event)
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("matrix: an event failed (%s), attempt %d", type(exc).__name__, attempt)
                if attempt >= limit:
                    plain = _plain_event(event)
                    if plain is None:
                        return  # nobody's words: nothing to keep
                    try:
                        await service.set_aside(plain, exc, limit)
                        return
                    except Exception as stored:  # not even that: the token stays put
                        log.error("matrix: not set aside (%s)", type(stored).__name__)
            await asyncio.sleep(min(30.0, 0.5 * attempt))

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
        if room.kind == "patient":
            self.joined.add(room_id)
        if self.matrix.encryption:
            await self._encrypt(room_id)

    async def _check_power(self, room_id: str) -> None:
        """Can the bot do in this patient room what a case needs? If not, the patient hears
        how to fix it; nothing waits for that, and what cannot be done is handled where it
        fails (a relay instead of an invite, staff told of a message not withdrawn)."""
        client = self._client()
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
        service = self._service()
        patient = Address(PLATFORM, room_id)
        text = service.services.texts.get(self.config.service.default_language, "matrix.no_power")
        now = service.services.clock()
        await service.db.write(
            lambda tx: Repositories(tx).outbox.add(
                PLATFORM, encode_action(Send(patient, text)), now
            )
        )

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
        self,
        client: AsyncClient,
        service: CareService,
        room_id: str,
        event: Any,
        along: Along | None = None,
        *,
        late: bool = False,
    ) -> bool:
        """Handle one event; True if `along` was committed with it (else the caller commits
        it on its own: the event was one the bot does not take). `late`: a stored event read
        only after its sender was asked to write it again (`Incoming.late`)."""
        if room_id == self.matrix.staff_room and isinstance(event, RoomMemberEvent):
            if event.state_key == client.user_id:
                return False
            if event.membership == "join":
                await self._add_staff(event.state_key, (event.content or {}).get("displayname"))
            elif event.membership in ("leave", "ban"):
                await self._remove_staff(event.state_key)
            return False
        if isinstance(event, MegolmEvent):
            if event.sender != client.user_id:  # its own words the bot never takes
                self._keep(room_id, event)
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
                return await self._edited(
                    service, room_id, event, relates.get("event_id"), along, late=late
                )
            return False  # a changed caption: the record keeps the file as it was sent
        incoming = await self._incoming(service, room_id, event, text, attachment)
        if incoming is None:
            return False
        await _handle(service, replace(incoming, late=late), along)
        return True

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
            case_id = await service.db.read(partial(_case_taken_here, patient, sender))
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
        service: CareService,
        room_id: str,
        event: RoomMessageText,
        original: Any,
        along: Along | None,
        *,
        late: bool = False,
    ) -> bool:
        """An edit in a case conversation becomes a new line marked as edited (see the module
        docstring); elsewhere, where an answer once taken stays taken, a kind answer. True if
        `along` was committed with it."""
        if room_id == self.matrix.staff_room:
            return False  # staff talk among themselves; an edited command is not run again
        new = (event.source.get("content") or {}).get("m.new_content") or {}
        body = new.get("body")
        text = body if isinstance(body, str) else ""
        incoming = await self._incoming(service, room_id, event, text, None)
        if incoming is None:
            return False
        talking = await service.db.read(partial(_in_conversation, incoming.sender))
        # The words are the Telegram adapter's: an edit reads the same on every platform.
        if not text.strip() or not talking:
            if incoming.sender == incoming.chat and not late:
                await self._say(service, incoming, "telegram.edited", along)
                return True
            return False
        replaces = None
        if isinstance(original, str) and await self._sent_by(room_id, original, event.sender):
            replaces = f"{PLATFORM}:{original}"
        lang = await service.db.read(partial(_language_of, incoming.sender))
        marker = service.services.texts.get(
            lang or self.config.service.default_language, "telegram.edit_marker"
        )
        edited = replace(incoming, text=f"{marker} {text}", replaces=replaces, late=late)
        await _handle(service, edited, along)
        return True

    async def _sent_by(self, room_id: str, event_id: str, sender: str) -> bool:
        """Is the edited message really the editor's own? Only then is it theirs to have
        taken back with the edit (an edit may name any event; clients ignore a stranger's)."""
        answer = await self._client().room_get_event(room_id, event_id)
        return (
            isinstance(answer, RoomGetEventResponse)
            and getattr(answer.event, "sender", None) == sender
        )

    async def _say(
        self, service: CareService, incoming: Incoming, key: str, along: Along | None = None
    ) -> None:
        """A kind answer the core has no word for, handled once like any event."""
        texts = service.services.texts
        default = self.config.service.default_language
        now = service.services.clock()

        def work(tx: Transaction) -> None:
            if along is not None:
                along(tx)
            repos = Repositories(tx)
            if not repos.inbox.mark(incoming.event_id, now):
                return
            patient = repos.patients.by_account(incoming.sender)
            lang = patient.language if patient else default
            to = incoming.chat
            repos.outbox.add(PLATFORM, encode_action(Send(to, texts.get(lang, key))), now)

        await service.db.write(work)

    # Events that wait for their room key

    def _keep(self, room_id: str, event: MegolmEvent) -> None:
        """Kept with this batch's sync token (`run`): stored exactly when the token moves."""
        kept = Undecrypted(
            event.event_id,
            room_id,
            event.sender,
            int(event.server_timestamp),
            json.dumps(event.source, ensure_ascii=False, separators=(",", ":")),
            self._service().services.clock(),
        )
        self.undecrypted.append((kept, event))

    async def _ask_for_keys(self, client: AsyncClient, events: list[MegolmEvent]) -> None:
        """Ask each event's sending device for its room key, once per session (nio keeps the
        requests it sent in its store, across restarts)."""
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

    async def _waiting(self, client: AsyncClient, service: CareService) -> None:
        """Try the stored events again, oldest sent first; hand the readable ones to the core;
        then tell whoever has waited too long, and give up on the oldest."""
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
            event = await self._decrypted(client, service, row, encrypted)
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
            if not await self._event(client, service, row.room_id, event, along, late=late):
                await service.db.write(along)
        if still:
            await self._ask_for_keys(client, keyless)
            await self._overdue(service, still)

    async def _decrypted(
        self, client: AsyncClient, service: CareService, row: Undecrypted, event: MegolmEvent
    ) -> Any | None:
        """The decrypted event, or None while its key is missing (or did not fit)."""
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
            await service.db.write(partial(_tried_undecrypted, row.event_id))
            return None
        # A BadEvent (readable, but not a message) goes on too: `_event` takes nothing from
        # it, and the stored row is dropped.
        return decrypted

    async def _overdue(self, service: CareService, waiting: list[Undecrypted]) -> None:
        now = service.services.clock()
        notice = now - timedelta(seconds=self.matrix.undecrypted_notice_seconds)
        keep = now - timedelta(hours=self.matrix.undecrypted_keep_hours)
        due = [row for row in waiting if row.told_at is None and row.first_seen <= notice]
        old = [row for row in waiting if row.first_seen < keep]
        if not due and not old:
            return
        texts = service.services.texts
        default = self.config.service.default_language
        staff_room = self.matrix.staff_room

        def work(tx: Transaction) -> tuple[int, int]:
            state = MatrixState(tx)
            repos = Repositories(tx)
            told = 0
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
                        if (row.room_id, row.sender) == (room_id, sender)
                        and row.event_id not in ids
                    ],
                    now,
                )
                send = _unreadable_notice(repos, state, room_id, sender, staff_room)
                if send is None:
                    continue
                to, key, person = send
                lang = person.language if person is not None else default
                text = texts.get(lang or default, key)
                repos.outbox.add(PLATFORM, encode_action(Send(to, text)), now)
                told += 1
            return told, state.forget_undecrypted(keep)

        told, dropped = await service.db.write(work)
        for row in old:
            self.tried.pop(row.event_id, None)
        if told:
            log.warning("matrix: asked %d sender(s) to write an unreadable message again", told)
        if dropped:
            log.warning("matrix: gave up on %d event(s) that could not be decrypted", dropped)

    # Delivering

    async def _deliver(self, action: Action) -> None:
        # A `Dropped` goes up: the dispatcher records the action as dropped, with why.
        await self._carry_out(action)

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
        if room is None:
            room = await self._create_direct_room(user_id)
        if room in self.unsettled:
            await self._settle(room, user_id)
        return room

    async def _create_direct_room(self, user_id: str) -> str:
        service = self._service()
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
        client = self._client()

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
                await self._service().not_withdrawn(action)
                return
            _raise_for(answer, "withdraw a message")
        log.info("matrix: case %d: the held-back message was withdrawn", action.case_id)

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


def _take_invite_as_sent(client: AsyncClient, room: NioRoom, user_id: str) -> None:
    """Put an invite the homeserver has accepted into nio's view of the room before a sync
    brings it, as nio does with the real one: the member added and the room's outbound
    session dropped, so the next message's room key is shared with the invited person's
    devices too. nio takes the real invite later as no change; their join starts a session."""
    log.info("matrix: an invite was late to come back; taken as sent")
    room.add_member(user_id, None, None, invited=True)
    if client.olm is not None:
        client.invalidate_outbound_session(room.room_id)


def _case_taken_here(patient: Address, clinician: Address, tx: Transaction) -> int | None:
    """The active case of this patient room that this clinician has, if any."""
    repos = Repositories(tx)
    owner = repos.patients.by_account(patient)
    if owner is None:
        return None
    cases = repos.cases.open_for_patient(owner.id)
    return next((c.id for c in cases if c.state == "active" and c.clinician == clinician), None)


def _in_conversation(address: Address, tx: Transaction) -> bool:
    """Is this person in a case conversation now (an active case, as patient or clinician)?"""
    repos = Repositories(tx)
    if repos.cases.active_for_clinician(address):
        return True
    patient = repos.patients.by_account(address)
    return patient is not None and any(
        case.state == "active" for case in repos.cases.open_for_patient(patient.id)
    )


def _language_of(address: Address, tx: Transaction) -> str | None:
    patient = Repositories(tx).patients.by_account(address)
    return patient.language if patient else None


def _forget_room(room_id: str, tx: Transaction) -> None:
    MatrixState(tx).forget_room(room_id)


def _save_token(token: str, at: datetime, kept: list[Undecrypted], tx: Transaction) -> None:
    state = MatrixState(tx)
    state.keep_undecrypted(kept)
    state.save_sync_token(token, at)


def _drop_undecrypted(event_id: str, tx: Transaction) -> None:
    MatrixState(tx).drop_undecrypted(event_id)


def _tried_undecrypted(event_id: str, tx: Transaction) -> None:
    MatrixState(tx).tried_undecrypted(event_id)


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


def _unreadable_notice(
    repos: Repositories, state: MatrixState, room_id: str, sender: str, staff_room: str
) -> tuple[Address, str, Patient | None] | None:
    """Whom to ask to write again, with which text and whose language: a patient in their
    room; staff (in the staff room, their direct room, or a patient's room) in their direct
    room with the bot, so a patient never reads words meant for staff; nobody else."""
    room = state.room(room_id)
    if room is not None and room.kind == "patient" and room.person == sender:
        patient = Address(PLATFORM, room_id)
        return patient, "matrix.undecrypted", repos.patients.by_account(patient)
    person = Address(PLATFORM, sender)
    if room_id == staff_room or (room is not None and repos.staff.get(person) is not None):
        return person, "matrix.undecrypted_staff", None
    return None


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


def _raise_for(answer: Any, what: str) -> None:
    """RetryLater or RuntimeError for what the outbox should retry; Dropped for the rest."""
    code = getattr(answer, "status_code", None)
    if code == "M_LIMIT_EXCEEDED":
        retry_ms = getattr(answer, "retry_after_ms", None) or 1000
        raise RetryLater(retry_ms / 1000)
    if code in PERMANENT:
        raise Dropped(f"could not {what} ({code})")
    raise RuntimeError(f"matrix: could not {what} ({_error(answer)})")


__all__ = [
    "PLATFORM",
    "MatrixAdapter",
    "format_text",
    "forwarded_by_creator",
    "missing_powers",
    "staff_name",
]
