"""The one sending worker per platform: reads the outbox in order and delivers with retries.

Order is kept within each chat, never across chats (DESIGN 13): a message that fails holds back
only the later messages to the same chat, until it is delivered or set aside. One that cannot
be read, or that fails `attempts` deliveries, is set aside as a dead letter with its error and
an admin is told (`notice`); one the platform refuses for good (`Dropped`) is recorded as
dropped. Neither is ever recorded as sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from bot.dead_letters import error_text
from bot.events import Action, UnreadableAction, decode_action
from bot.metrics import PLATFORM_ERRORS, PLATFORM_RETRIES
from bot.wake import woken_within
from storage.database import Database, Later, Transaction
from storage.delivery import lane_of
from storage.records import OutboxItem
from storage.repositories import Repositories

log = logging.getLogger(__name__)

Deliver = Callable[[Action], Awaitable[None]]
Notice = Callable[[], Awaitable[object]]
DELIVERY_ATTEMPTS = 8  # `[reliability] delivery_attempts`'s default
# How long a claimed row is left to the process that claimed it (see `Dispatcher`): longer
# than any one delivery takes, short enough that a dead process's rows go out soon after.
CLAIM_HOLD = timedelta(seconds=60)


class RetryLater(Exception):
    """Raised by a deliverer when the platform asks us to wait (e.g. HTTP 429 retry_after)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class Dropped(Exception):
    """Raised by a deliverer for an action the platform will never carry out (the person blocked
    the bot, the room is gone): recorded as dropped, with the reason, and not tried again."""


@dataclass
class _Outcome:
    sent: list[int] = field(default_factory=list)
    dropped: list[tuple[int, str]] = field(default_factory=list)
    dead: list[tuple[OutboxItem, str]] = field(default_factory=list)
    failed: list[tuple[OutboxItem, Exception]] = field(default_factory=list)


def record_outcomes(
    repos: Repositories,
    now: datetime,
    sent: Sequence[int],
    dropped: Sequence[tuple[int, str]],
    dead: Sequence[tuple[OutboxItem, str]],
) -> None:
    """What became of delivered messages, in the caller's transaction: sent, dropped (refused
    for good) or set aside as dead letters. One place for every sender (this dispatcher and
    Telegram's own sending queue), so an adapter never writes the outbox itself."""
    if sent:
        repos.outbox.mark_sent(sent, now)
    for item_id, error in dropped:
        repos.outbox.mark_dropped(item_id, error)
    for item, error in dead:
        repos.dead_letters.set_aside_outgoing(item, error, now)


def pending(platform: str, now: datetime, limit: int, tx: Transaction) -> list[OutboxItem]:
    """What is due for `platform`, oldest first: for a sending queue of an adapter's own
    (Telegram's), which reads the outbox through the core and writes it only through
    `record_outcomes_in`."""
    return Repositories(tx).outbox.pending(platform, now, limit)


def record_outcomes_in(
    tx: Transaction,
    now: datetime,
    sent: Sequence[int],
    dropped: Sequence[tuple[int, str]],
    dead: Sequence[tuple[OutboxItem, str]],
) -> None:
    """`record_outcomes` in a transaction of an adapter's own (with its state store's writes)."""
    record_outcomes(Repositories(tx), now, sent, dropped, dead)


# A batch to send, or (not shared) its read that comes with the unit's COMMIT.
_Batch = list[OutboxItem] | Later[list[OutboxItem]]


def _arrived(batch: _Batch) -> list[OutboxItem]:
    return batch.value if isinstance(batch, Later) else batch


class Dispatcher:
    def __init__(
        self,
        db: Database,
        platform: str,
        deliver: Deliver,
        clock: Callable[[], datetime],
        *,
        batch: int = 100,
        max_backoff: float = 300.0,
        attempts: int = DELIVERY_ATTEMPTS,
        notice: Notice | None = None,
        shared: bool = False,
    ) -> None:
        """`shared`: other processes deliver the same outbox (several `minvard run` on one
        PostgreSQL database): rows are claimed in a write (`SKIP LOCKED` there), so no two
        processes send the same row; a process that dies mid-send leaves its rows to the others
        after `CLAIM_HOLD`."""
        self.db = db
        self.platform = platform
        self.deliver = deliver
        self.clock = clock
        self.batch = batch
        self.max_backoff = max_backoff
        self.attempts = attempts
        # Tells admins of what was set aside (CareService.tell_dead_letters); without it the
        # next tick does.
        self.notice = notice
        self.wake = asyncio.Event()
        self._paused_until: datetime | None = None
        self.shared = shared
        # Its units of work on a lane of their own (PostgreSQL): not queued behind every
        # other unit given without a key.
        self._key = f"outbox:{platform}"

    async def drain(self) -> int:
        """Deliver everything due, each chat in order. Returns how many were delivered."""
        delivered = 0
        if self._paused:
            return delivered  # the platform asked us to wait
        items = _arrived(await self.db.write(partial(self._take, self.clock()), key=self._key))
        while items:
            outcome = _Outcome()
            try:
                await self._deliver_batch(items, outcome)
            except BaseException:
                # Also when the bot is stopped mid-batch (cancelled): what went out is marked,
                # so a restart does not send it again. Only a hard kill can repeat a batch.
                await self.db.write(partial(self._settle, outcome, items), key=self._key)
                raise
            delivered += len(outcome.sent)
            # What is left waits for its retry time, or the platform asked us to wait.
            more = bool(outcome.sent or outcome.dropped or outcome.dead) and not self._paused
            if outcome.dead and self.notice is not None:
                # The admins' notice goes out in this drain: read after it is stored.
                await self.db.write(partial(self._settle, outcome, items), key=self._key)
                await self.notice()
                take = partial(self._take, self.clock())
                items = _arrived(await self.db.write(take, key=self._key)) if more else []
                continue
            # The next batch is read in the same unit of work as this one's outcome: on
            # PostgreSQL one round trip and one commit a batch instead of two each.
            following = partial(self._settle_and_take, outcome, items, more)
            items = _arrived(await self.db.write(following, key=self._key))
        return delivered

    @property
    def _paused(self) -> bool:
        return self._paused_until is not None and self.clock() < self._paused_until

    async def _deliver_batch(self, items: list[OutboxItem], outcome: _Outcome) -> None:
        held: set[str | None] = set()  # chats whose earlier message failed in this batch
        for item in items:
            lane = lane_of(item.payload)
            if lane in held:
                continue
            try:
                action = decode_action(item.payload)
            except UnreadableAction as exc:
                log.error("outbox %d: unreadable; set aside", item.id)
                outcome.dead.append((item, error_text(exc)))
                continue
            try:
                await self.deliver(action)
            except Dropped as exc:
                log.warning("outbox %d: refused for good; dropped", item.id)
                outcome.dropped.append((item.id, error_text(exc)))
                continue
            except RetryLater as exc:
                # The platform's limit is the account's: everything waits, nothing is lost.
                outcome.failed.append((item, exc))
                self._paused_until = self.clock() + timedelta(seconds=exc.seconds)
                return
            except Exception as exc:  # any other failure: keep it, retry later
                held.add(lane)
                PLATFORM_ERRORS.labels(self.platform, "send").inc()
                tried = item.attempts + 1
                if tried >= self.attempts:
                    log.error(
                        "outbox %d: delivery failed %d times (%s); set aside",
                        item.id,
                        tried,
                        type(exc).__name__,
                    )
                    outcome.dead.append(
                        (OutboxItem(item.id, item.platform, item.payload, tried), error_text(exc))
                    )
                else:
                    outcome.failed.append((item, exc))
                continue
            outcome.sent.append(item.id)

    def _take(self, now: datetime, tx: Transaction) -> _Batch:
        """The next batch due: claimed for this process if others share the outbox; if not,
        read with the unit's COMMIT (nothing in the unit needs it)."""
        outbox = Repositories(tx).outbox
        if self.shared:
            return outbox.claim(self.platform, now, CLAIM_HOLD, self.batch)
        return outbox.pending_later(self.platform, now, self.batch)

    def _settle_and_take(
        self, outcome: _Outcome, taken: list[OutboxItem], more: bool, tx: Transaction
    ) -> _Batch:
        self._settle(outcome, taken, tx)
        return self._take(self.clock(), tx) if more else []

    def _settle(self, outcome: _Outcome, taken: list[OutboxItem], tx: Transaction) -> None:
        repos = Repositories(tx)
        now = self.clock()
        record_outcomes(repos, now, outcome.sent, outcome.dropped, outcome.dead)
        if self.shared:
            done = {*outcome.sent, *(i for i, _ in outcome.dropped)}
            done |= {item.id for item, _ in (*outcome.dead, *outcome.failed)}
            repos.outbox.release([i.id for i in taken if i.id not in done], now)
        for item, exc in outcome.failed:
            limited = isinstance(exc, RetryLater)
            wait = (
                exc.seconds
                if isinstance(exc, RetryLater)
                else min(self.max_backoff, 2.0 ** min(item.attempts, 16))
            )
            log.warning(
                "outbox %d: delivery failed (%s); retry in %.1f s",
                item.id,
                type(exc).__name__,
                wait,
            )
            repos.outbox.mark_failed(
                item.id, type(exc).__name__, now + timedelta(seconds=wait), counts=not limited
            )
            PLATFORM_RETRIES.labels(self.platform, "rate_limited" if limited else "error").inc()

    async def run(self, poll_seconds: float = 1.0) -> None:
        """Forever: drain, then sleep until woken or the poll interval passes."""
        while True:
            await self.drain()
            await woken_within(self.wake, poll_seconds)
            self.wake.clear()
