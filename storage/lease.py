"""Leases: which process works a platform account (or runs the periodic jobs) right now.

Several `minvard run` processes may share one PostgreSQL database. Each of them handles events
and delivers SMS, but a platform account is synced or polled by one process at a time: two
pollers of one Telegram bot would each get the other's updates, and two Matrix processes would
share one device's encryption keys. The lease is a PostgreSQL session advisory lock, held on a
connection of the lease's own (never the database thread's): the server frees it the moment that
connection ends, so when the holder dies, even by SIGKILL, another process gets it at its next
try (every `interval` seconds). The holder asks its connection every `interval` too; when the
connection fails it gives the lease up at once, and its work is cancelled (fencing), because the
server may already have given the lock to another process.

On SQLite there is one process (the file lock sees to that), so the lease is always held.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any, Protocol

log = logging.getLogger(__name__)

# How often a standby tries the lock, and the holder checks its connection (seconds).
INTERVAL = 1.0


def lease_key(name: str) -> int:
    """The advisory lock's key for a lease name ("telegram:<bot id>", "matrix:<user id>",
    "jobs:<unit>"): a stable signed 64-bit number, the same in every process."""
    digest = hashlib.blake2b(f"minvard-lease:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class Lease(Protocol):
    name: str

    @property
    def held(self) -> bool: ...

    async def run_while_held(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run `work()` whenever the lease is held; cancel it when the lease is lost and start it
        again when the lease comes back. Returns (or raises) when `work` does on its own."""
        ...


class AlwaysHeld:
    """One process on SQLite: nobody else to share with."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def held(self) -> bool:
        return True

    async def run_while_held(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        await work()


class AdvisoryLease:
    """A PostgreSQL session advisory lock on a connection of its own (see the module doc)."""

    def __init__(self, url: str, name: str, *, interval: float = INTERVAL) -> None:
        self.url = url
        self.name = name
        self.key = lease_key(name)
        self.interval = interval
        self._conn: Any = None  # psycopg.AsyncConnection, imported only on PostgreSQL
        self._held = asyncio.Event()
        self._lost = asyncio.Event()
        self._lost.set()
        self._keeper: asyncio.Task[None] | None = None
        self._closing = False

    @property
    def held(self) -> bool:
        return self._held.is_set()

    def start(self) -> None:
        self._keeper = asyncio.create_task(self._keep(), name=f"lease {self.name}")

    async def close(self) -> None:
        self._closing = True  # the keeper stops at its next turn even if a cancel were lost
        if self._keeper is not None:
            self._keeper.cancel()
            # Waited for without taking its end as ours: a cancel of this caller still stops it.
            await asyncio.wait({self._keeper})
        await self._drop()  # closing the connection frees the lock for the next process

    async def run_while_held(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        while True:
            await self._held.wait()
            task: asyncio.Task[None] = asyncio.create_task(work())
            lost = asyncio.create_task(self._lost.wait())
            try:
                await asyncio.wait({task, lost}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                lost.cancel()
                if not task.done():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
            if not task.cancelled():
                task.result()  # the work ended by itself (or failed): so does this
                return

    async def _keep(self) -> None:
        while not self._closing:
            try:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancel that
                # comes in the loop turn in which the round ends, and close() waited forever.
                async with asyncio.timeout(self.interval * 2):
                    await self._round()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the server gone, the network cut, a timeout
                if self.held:
                    log.warning("lease %s lost (%s)", self.name, type(exc).__name__)
                await self._drop()
            await asyncio.sleep(self.interval)

    async def _round(self) -> None:
        """Standby: try the lock. Holder: make sure the connection (and so the lock) is alive."""
        if self._conn is None:
            import psycopg

            self._conn = await psycopg.AsyncConnection.connect(self.url, autocommit=True)
        if self.held:
            await self._conn.execute("SELECT 1")
            return
        cur = await self._conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,))
        row = await cur.fetchone()
        if row is not None and row[0]:
            log.info("lease %s taken", self.name)
            self._lost.clear()
            self._held.set()

    async def _drop(self) -> None:
        self._held.clear()
        self._lost.set()
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(self.interval):
                    await conn.close()


@contextlib.asynccontextmanager
async def leases(url: str | None, names: list[str]) -> AsyncIterator[dict[str, Lease]]:
    """A lease per name while inside: advisory locks on PostgreSQL (`url`), always held
    without one (SQLite)."""
    if not url:
        yield {name: AlwaysHeld(name) for name in names}
        return
    made = {name: AdvisoryLease(url, name) for name in names}
    for lease in made.values():
        lease.start()
    try:
        yield dict(made)
    finally:
        for lease in made.values():
            await lease.close()
