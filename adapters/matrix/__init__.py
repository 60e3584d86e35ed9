"""The Matrix adapter (DESIGN 10): matrix-nio with end-to-end encryption.

Rooms and addresses:
- A patient talks to the bot in their own room (they invite the bot; the bot joins and turns
  encryption on). The patient is `Address("matrix", room_id)`, as sender and as chat, so every
  reply goes to the room.
- The configured staff room: its joined members are the clinicians (`staff.py`);
  `Address("matrix", staff_room)`.
- A staff member is `Address("matrix", user_id)`. A bot text to a staff member goes to the
  patient room of the case it is about while they are in it (the case summary on take), and
  otherwise to the bot's direct room with them (created on first use, encrypted). A staff member
  may also invite the bot to a direct room.
- JoinCase invites the clinician into the patient's room; LeaveCase removes them (`rooms.py`).

The parts, one concern each: `session.py` (login, the bot's device), `staff.py` (the staff
room's members), `inbound.py` (events to `Incoming`), `rooms.py` (rooms, powers, encryption),
`keys.py` (undecryptable messages and key requests), `sending.py` (the outbox's actions).
This module runs the sync loop that ties them together.

Restart safety (DESIGN 13): each event goes through `CareService.handle` (inbox + outbox in one
transaction); the sync token is saved only after every event of its batch was handled, so a
restarted bot resumes exactly there and a redelivered event does nothing twice. The outbox is
delivered by one `Dispatcher`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from functools import partial
from pathlib import Path

from nio import AsyncClient, SyncResponse

from adapters.matrix.answers import error_of
from adapters.matrix.inbound import Inbound
from adapters.matrix.keys import Unreadable, forwarded_by_creator
from adapters.matrix.rooms import Rooms, missing_powers
from adapters.matrix.sending import Delivery, format_text
from adapters.matrix.session import SESSION_FILE, exchange_keys, login
from adapters.matrix.staff import StaffSync, staff_name
from bot.config import Config
from bot.metrics import PLATFORM_ERRORS
from bot.outbox import Dispatcher
from bot.service import CareService
from storage.database import Transaction
from storage.matrix_state import MatrixState, Undecrypted
from storage.records import Address

log = logging.getLogger(__name__)

PLATFORM = "matrix"
# Enough events per room per sync that a restarted bot normally gets every missed event in one
# answer; a gap beyond it is filled from /messages.
TIMELINE_LIMIT = 100


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
        self._invite_wait = invite_wait
        self.timeline_limit = timeline_limit
        self.store = Path(self.matrix.store_path)
        self.client: AsyncClient | None = None
        self.dispatcher: Dispatcher | None = None
        self.rooms: Rooms | None = None
        self.batches = 0  # sync answers handled (tests wait on it)

    @property
    def invite_wait(self) -> float:
        """How long the bot waits for an invite or a new room to come back in a sync."""
        return self._invite_wait

    @invite_wait.setter
    def invite_wait(self, seconds: float) -> None:
        self._invite_wait = seconds
        if self.rooms is not None:
            self.rooms.invite_wait = seconds

    def staff_room(self) -> Address | None:
        return Address(PLATFORM, self.matrix.staff_room) if self.matrix.staff_room else None

    async def run(self, service: CareService) -> None:
        client = await login(self.matrix, self.store)
        self.client = client
        staff = StaffSync(client, service, self.config)
        rooms = Rooms(client, service, self.config, self._invite_wait)
        self.rooms = rooms
        unreadable = Unreadable(client, service, self.config)
        inbound = Inbound(client, service, self.config, staff, rooms, unreadable)
        dispatcher = Dispatcher(
            service.db,
            PLATFORM,
            Delivery(client, service, rooms).deliver,
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
                    log.warning("sync failed (%s); retry in %.1f s", error_of(response), wait)
                    await asyncio.sleep(wait)
                    continue
                failures = 0
                self.connected = True
                await exchange_keys(client)
                if first:
                    await staff.start()
                await inbound.batch(response, history=token is not None)
                token = response.next_batch
                kept = unreadable.take_kept()
                await service.db.write(
                    partial(_save_token, token, service.services.clock(), [k for k, _ in kept])
                )
                if kept:
                    log.warning("matrix: %d event(s) could not be decrypted yet; kept", len(kept))
                    await unreadable.ask_for_keys([event for _, event in kept])
                if first:
                    sending = asyncio.create_task(
                        dispatcher.run(self.outbox_poll_seconds), name="matrix-outbox"
                    )
                    first = False
                if sending is not None and sending.done():
                    sending.result()  # the sending worker stopped: stop too, loudly
                dispatcher.wake.set()
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


def _save_token(token: str, at: datetime, kept: list[Undecrypted], tx: Transaction) -> None:
    state = MatrixState(tx)
    state.keep_undecrypted(kept)
    state.save_sync_token(token, at)


__all__ = [
    "PLATFORM",
    "MatrixAdapter",
    "format_text",
    "forwarded_by_creator",
    "missing_powers",
    "staff_name",
]
