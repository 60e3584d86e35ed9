"""The SQLite connection, migrations and the unit of work.

One thread owns the connection, and a whole unit of work runs there in one trip: the event's
repositories calls, decisions and writes, between `BEGIN IMMEDIATE` and `COMMIT`. So every case
transition, its event log row, its outgoing messages and the inbox mark land together or not at
all, and the event loop never waits on SQLite or on the disk.

Why not a trip per statement (aiosqlite): a trip costs about 100 µs on this machine and a
patient's message takes about 15 statements, so per-statement trips alone would cap the bot at
a few hundred messages a second (docs/decisions.md has the numbers).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "storage.migrations"
T = TypeVar("T")


def _migration_files() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number = int(name.split("_", 1)[0])
        found.append((number, name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Transaction:
    """Thin helpers over the connection, used only by the repositories."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        return self.conn.execute(sql, params).rowcount

    def insert(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        rowid = self.conn.execute(sql, params).lastrowid
        assert rowid is not None
        return rowid

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.conn.executemany(sql, rows)

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params).fetchall())


class Database:
    """Owns the connection and its thread. Every change goes through `write()`."""

    def __init__(self, conn: sqlite3.Connection, path: str, executor: ThreadPoolExecutor) -> None:
        self._conn = conn
        self.path = path
        self._executor = executor

    @classmethod
    async def open(cls, path: str | Path, *, durable: bool = True) -> Database:
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minvard-db")

        def connect() -> sqlite3.Connection:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit has reached the disk before the bot acknowledges anything.
            conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=5000")
            return conn

        loop = asyncio.get_running_loop()
        conn = await loop.run_in_executor(executor, connect)
        db = cls(conn, path, executor)
        await db.migrate()
        return db

    async def _in_thread(self, fn: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        # Shielded: a cancelled caller must not leave a transaction half-way in the thread; the
        # work finishes (commit or rollback) and only the caller stops waiting for it.
        return await asyncio.shield(loop.run_in_executor(self._executor, fn))

    async def close(self) -> None:
        await self._in_thread(self._conn.close)
        self._executor.shutdown(wait=True)

    async def migrate(self) -> list[str]:
        """Apply the numbered migrations not yet applied; returns their names."""
        return await self._in_thread(self._migrate)

    def _migrate(self) -> list[str]:
        conn = self._conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
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
                conn.executescript(script)
            except Exception:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            log.info("applied migration %s", name)
            applied.append(name)
        return applied

    async def write(self, work: Callable[[Transaction], T]) -> T:
        """Run `work` as one unit of work: all of it is committed, or none of it."""

        def run() -> T:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(Transaction(self._conn))
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            return result

        return await self._in_thread(run)

    async def read(self, work: Callable[[Transaction], T]) -> T:
        """Run `work` on one consistent snapshot, changing nothing."""

        def run() -> T:
            self._conn.execute("BEGIN")
            try:
                return work(Transaction(self._conn))
            finally:
                self._conn.execute("ROLLBACK")

        return await self._in_thread(run)
