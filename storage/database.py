"""The SQLite connection, migrations and the unit of work.

One process writes through one connection; a lock makes each unit of work a single
`BEGIN IMMEDIATE ... COMMIT`, so every case transition, its event log row, its outgoing messages
and the inbox mark land together or not at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "storage.migrations"


def _migration_files() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number = int(name.split("_", 1)[0])
        found.append((number, name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """Owns the connection. Use `unit_of_work()` for every change."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, durable: bool = True) -> Database:
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit has reached the disk before the bot acknowledges anything.
        await conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        db = cls(conn, path)
        await db.migrate()
        return db

    async def close(self) -> None:
        await self.conn.close()

    async def migrate(self) -> list[str]:
        """Apply the numbered migrations not yet applied; returns their names."""
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        async with self.conn.execute("SELECT version FROM schema_migrations") as cur:
            done = {row[0] for row in await cur.fetchall()}
        applied = []
        for number, name, sql in _migration_files():
            if number in done:
                continue
            # executescript commits on its own, so the migration and its mark are one script.
            script = (
                "BEGIN IMMEDIATE;\n"
                + sql
                + f"\nINSERT INTO schema_migrations VALUES ({number}, '{name}', datetime('now'));"
                + "\nCOMMIT;"
            )
            try:
                await self.conn.executescript(script)
            except Exception:
                if self.conn.in_transaction:
                    await self.conn.execute("ROLLBACK")
                raise
            log.info("applied migration %s", name)
            applied.append(name)
        return applied

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[Transaction]:
        async with self._lock:
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                yield Transaction(self.conn)
            except BaseException:
                # Also when the task was cancelled while BEGIN still waited in the connection's
                # queue: it runs later, so ROLLBACK is queued behind it rather than skipped on a
                # look at `in_transaction`. A transaction left open would swallow the next one.
                with contextlib.suppress(sqlite3.OperationalError):
                    await asyncio.shield(self.conn.execute("ROLLBACK"))
                raise
            await self.conn.execute("COMMIT")

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Transaction]:
        """Reads wait for the writer too, so they never see half a change."""
        async with self._lock:
            yield Transaction(self.conn)


class Transaction:
    """Thin helpers over the connection, used only by the repositories.

    Each helper is one trip to the connection's thread (aiosqlite hands every call to it); the
    trips, not SQLite, are most of the cost of a message, so none of them opens a cursor to close.
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    async def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        cursor = await self.conn.execute(sql, params)
        return cursor.rowcount

    async def insert(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        row = await self.conn.execute_insert(sql, params)
        assert row is not None
        return int(row[0])

    async def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        await self.conn.executemany(sql, rows)

    async def one(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> sqlite3.Row | None:
        rows = await self.conn.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def all(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[sqlite3.Row]:
        return list(await self.conn.execute_fetchall(sql, params))
