"""The one sending worker per platform: reads the outbox in order and delivers with retries."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial

from bot.events import Action, decode_action
from storage.database import Database, Transaction
from storage.records import OutboxItem
from storage.repositories import Repositories

log = logging.getLogger(__name__)

Deliver = Callable[[Action], Awaitable[None]]


class RetryLater(Exception):
    """Raised by a deliverer when the platform asks us to wait (e.g. HTTP 429 retry_after)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


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
    ) -> None:
        self.db = db
        self.platform = platform
        self.deliver = deliver
        self.clock = clock
        self.batch = batch
        self.max_backoff = max_backoff
        self.wake = asyncio.Event()

    async def drain(self) -> int:
        """Deliver everything due, in order. Stops at the first failure so order is kept."""
        delivered = 0
        while True:
            items = await self.db.read(partial(self._due, self.clock()))
            if not items:
                return delivered
            sent: list[int] = []
            failure: tuple[int, int, Exception] | None = None
            try:
                for item in items:
                    try:
                        await self.deliver(decode_action(item.payload))
                    except Exception as exc:  # any failure: keep the message, retry later
                        failure = (item.id, item.attempts, exc)
                        break
                    sent.append(item.id)
            finally:
                # Also when the bot is stopped mid-batch (cancelled): what went out is marked,
                # so a restart does not send it again. Only a hard kill can repeat a batch.
                await self.db.write(partial(self._settle, sent, failure))
            delivered += len(sent)
            if failure is not None:
                return delivered

    def _due(self, now: datetime, tx: Transaction) -> list[OutboxItem]:
        return Repositories(tx).outbox.pending(self.platform, now, self.batch)

    def _settle(
        self, sent: list[int], failure: tuple[int, int, Exception] | None, tx: Transaction
    ) -> None:
        repos = Repositories(tx)
        now = self.clock()
        if sent:
            repos.outbox.mark_sent(sent, now)
        if failure is not None:
            item_id, attempts, error = failure
            wait = (
                error.seconds
                if isinstance(error, RetryLater)
                else min(self.max_backoff, 2.0 ** min(attempts, 16))
            )
            log.warning(
                "outbox %d: delivery failed (%s); retry in %.1f s",
                item_id,
                type(error).__name__,
                wait,
            )
            repos.outbox.mark_failed(item_id, type(error).__name__, now + timedelta(seconds=wait))

    async def run(self, poll_seconds: float = 1.0) -> None:
        """Forever: drain, then sleep until woken or the poll interval passes."""
        while True:
            await self.drain()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), poll_seconds)
            self.wake.clear()
