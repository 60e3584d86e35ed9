"""The SQLite connection, migrations and the unit of work.

One thread owns the connection, and a whole unit of work runs there in one trip: the event's
repository calls, decisions and writes, inside one transaction. So every case
transition, its event log row, its outgoing messages and the inbox mark land together or not at
all, and the event loop never waits on SQLite or on the disk.

Why not a trip per statement (aiosqlite): a trip costs about 100 µs on this machine and a
patient's message takes about 15 statements, so per-statement trips alone would cap the bot at
a few hundred messages a second (docs/decisions.md has the numbers).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import re
import sqlite3
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

from storage.dialect import SQLITE, Dialect, Row
from storage.file_lock import DatabaseLock

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "storage.migrations"
T = TypeVar("T")


def _migration_files(dialect: Dialect = SQLITE) -> list[tuple[int, str, str]]:
    """(number, name, SQL) in order. A migration whose SQL must differ on PostgreSQL has a twin
    beside it (`0001_initial.postgresql.sql`), used there instead; SQLite never reads a twin.
    The name is the plain one on both, so both record the same migrations."""
    plain: dict[int, tuple[str, str]] = {}
    twins: dict[int, str] = {}
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number = int(name.split("_", 1)[0])
        stem = name.removesuffix(".sql")
        if "." in stem:
            if stem.endswith("." + dialect.name):
                twins[number] = entry.read_text(encoding="utf-8")
            continue
        plain[number] = (name, entry.read_text(encoding="utf-8"))
    return [(n, name, twins.get(n, sql)) for n, (name, sql) in sorted(plain.items())]


_WRITTEN = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|REPLACE\s+INTO)\s+(\w+)", re.IGNORECASE
)


@lru_cache(maxsize=1024)
def written_table(sql: str) -> str | None:
    """The table an INSERT or UPDATE writes, or None for anything else (a DELETE, a WITH,
    a function that may write anywhere): then nothing remembered is trusted any longer."""
    match = _WRITTEN.match(sql)
    return None if match is None else match.group(1).lower()


class Transaction:
    """Thin helpers over the connection, used only by the repositories."""

    dialect: Dialect = SQLITE

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.new_unit()

    def new_unit(self) -> None:
        """A unit of work starts on this transaction: nothing the previous one read is
        remembered (it may have been rolled back, and its reads are not this unit's)."""
        self._memo: dict[tuple[Any, ...], tuple[frozenset[str], Any]] = {}

    def remember(self, key: tuple[Any, ...], tables: frozenset[str], load: Callable[[], T]) -> T:
        """`load()` once per unit of work for `key`: the core asks some things twice in one
        decision (is the sender staff, the case's subject), and on PostgreSQL each asking is
        a round trip. Forgotten as soon as the unit writes to one of `tables`. Only for
        values nobody changes in place (frozen records, None)."""
        hit = self._memo.get(key)
        if hit is not None:
            value: T = hit[1]
            return value
        value = load()
        self._memo[key] = (tables, value)
        return value

    def _wrote(self, sql: str) -> None:
        if not self._memo:
            return
        table = written_table(sql)
        if table is None:
            self._memo.clear()
        else:
            for key in [k for k, (tables, _) in self._memo.items() if table in tables]:
                del self._memo[key]

    def _wrote_unless_read(self, sql: str) -> None:
        if sql.lstrip()[:6].upper() != "SELECT":
            self._wrote(sql)

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        self._wrote(sql)
        return self.conn.execute(sql, params).rowcount

    def run(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> None:
        """A statement whose result nobody reads (PostgreSQL sends it along with the next
        one instead of waiting for it): the record, the event log, the outbox."""
        self._wrote(sql)
        self.conn.execute(sql, params)

    def insert(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        self._wrote(sql)
        rowid = self.conn.execute(sql, params).lastrowid
        assert rowid is not None
        return rowid

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self._wrote(sql)
        self.conn.executemany(sql, rows)

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def all_of(self, queries: Sequence[tuple[str, tuple[Any, ...]]]) -> list[list[Row]]:
        """The rows of several statements, in order: on PostgreSQL one round trip for all.
        A write among them returns its rows with RETURNING."""
        for sql, _ in queries:
            self._wrote_unless_read(sql)
        return [self.all(sql, params) for sql, params in queries]

    def later(self, sql: str, params: tuple[Any, ...], shape: Callable[[list[Row]], T]) -> Later[T]:
        """A read looked at only after the unit of work is committed (`Later`); here, where
        nothing waits for a server, read at once."""
        found = Later(shape)
        found.arrived(self.all(sql, params))
        return found


class Later(Generic[T]):
    """What a read finds, when its unit of work needs it only once committed (what to do
    next, after the commit): on PostgreSQL the read goes out with the unit's other
    statements, the COMMIT's message at the latest, instead of waiting on its own.
    `shape` makes the value of the rows."""

    __slots__ = ("_done", "_shape", "_value")

    def __init__(self, shape: Callable[[list[Row]], T]) -> None:
        self._shape = shape
        self._done = False

    def arrived(self, rows: list[Row]) -> None:
        self._value = self._shape(rows)
        self._done = True

    @property
    def value(self) -> T:
        if not self._done:
            raise RuntimeError("read before its unit of work was committed")
        return self._value


@dataclass
class _Job:
    work: Callable[[Transaction], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop
    writes: bool
    alone: bool = False  # runs outside any transaction (migrations manage their own)


class Database:
    """Owns the connection and its thread. Every change goes through `write()`.

    The thread takes every unit of work waiting for it and commits them together (group
    commit): each runs inside its own SAVEPOINT, so one that fails is rolled back alone, and
    none is reported done before the shared COMMIT has reached the disk.
    """

    dialect: Dialect = SQLITE

    # The file's lock (storage/file_lock.py), released on close; None in memory.
    held: DatabaseLock | None = None

    def __init__(self, conn: sqlite3.Connection, path: str, *, max_group: int = 64) -> None:
        self._conn = conn
        self._start(path, max_group)

    def _start(self, path: str, max_group: int, name: str = "minvard-db") -> None:
        self.path = path
        self._max_group = max_group
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        # A job taken from the queue to see whether it could join a group, and could not: the
        # next to run (`_more_writes`).
        self._carried: list[_Job | None] = []
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    @classmethod
    async def open(cls, path: str | Path, *, durable: bool = True) -> Database:
        path = str(path)
        held = None
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            # Held while open, so `minvard restore` never replaces the file under a running bot.
            held = await asyncio.to_thread(DatabaseLock.shared, Path(path))
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit has reached the disk before the bot acknowledges anything.
        conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        db = cls(conn, path)
        db.held = held
        await db.migrate()
        return db

    async def close(self) -> None:
        self._jobs.put(None)
        await asyncio.get_running_loop().run_in_executor(None, self._thread.join)
        if self.held is not None:
            self.held.release()

    async def migrate(self) -> list[str]:
        """Apply the numbered migrations not yet applied; returns their names."""
        return await self._submit(lambda tx: self._migrate(), writes=False, alone=True)

    async def write(self, work: Callable[[Transaction], T], *, key: str | None = None) -> T:
        """Run `work` as one unit of work: all of it is committed, or none of it. Units with
        the same `key` (an event's chat) run in the order they were given; here every unit
        does (one thread), PostgreSQL may run units of different keys at once."""
        return await self._submit(work, writes=True, key=key)

    async def read(self, work: Callable[[Transaction], T], *, key: str | None = None) -> T:
        """Run `work` on the committed data, changing nothing."""
        return await self._submit(work, writes=False, key=key)

    def _submit(
        self,
        work: Callable[[Transaction], T],
        *,
        writes: bool,
        alone: bool = False,
        key: str | None = None,
    ) -> Awaitable[T]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put(_Job(work, future, loop, writes, alone))
        # Shielded: a cancelled caller stops waiting, but its unit of work still ends whole in
        # the thread (committed or rolled back), never half-way.
        return asyncio.shield(future)

    # The database thread

    def _serve(self) -> None:
        while True:
            job = self._carried.pop() if self._carried else self._jobs.get()
            if job is None:
                self._close_connection()
                return
            group = [job]
            stop = False
            while len(group) < self._max_group:
                try:
                    more = self._carried.pop() if self._carried else self._jobs.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                group.append(more)
            self._run_group(group)
            if stop:
                self._close_connection()
                return

    def _run_group(self, group: list[_Job]) -> None:
        """Run in arrival order: consecutive writes share a commit; a read waits for it."""
        results: list[tuple[_Job, bool, Any]] = []
        writes: list[_Job] = []
        for job in group:
            if job.writes:
                writes.append(job)
                continue
            if writes:
                results.extend(self._run_writes(writes))
                writes = []
            results.append(self._run_alone(job) if job.alone else self._run_read(job))
        if writes:
            results.extend(self._run_writes(writes, last=True))
        _resolve_all(results)

    def _more_writes(self, room: int) -> list[_Job]:
        """Units of work that came while a group ran and may join it before its COMMIT
        (PostgreSQL's lanes): writes only, in the order they came, up to the first that is
        not one, which runs next. Only for a group's last writes (`last`): nothing given
        before them is then still waiting."""
        more: list[_Job] = []
        while len(more) < room and not self._carried:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is None or not job.writes or job.alone:
                self._carried.append(job)
                break
            more.append(job)
        return more

    # What differs between the backends' connections (storage/postgres.py overrides these)

    def _transaction(self) -> Transaction:
        return Transaction(self._conn)

    def _control(self, sql: str) -> None:
        """BEGIN, SAVEPOINT, COMMIT and the like."""
        self._conn.execute(sql)

    def _begin_writes(self) -> None:
        self._control("BEGIN IMMEDIATE")

    def _in_transaction(self) -> bool:
        return self._conn.in_transaction

    def _close_connection(self) -> None:
        self._conn.close()

    def _run_alone(self, job: _Job) -> tuple[_Job, bool, Any]:
        try:
            return job, True, job.work(self._transaction())
        except BaseException as exc:
            return job, False, exc

    def _run_read(self, job: _Job) -> tuple[_Job, bool, Any]:
        try:
            # One snapshot for all of the read, even if another process writes meanwhile.
            self._control("BEGIN")
            try:
                return job, True, job.work(self._transaction())
            finally:
                self._control("ROLLBACK")
        except BaseException as exc:
            return job, False, exc

    def _run_writes(self, jobs: list[_Job], last: bool = False) -> list[tuple[_Job, bool, Any]]:
        outcomes: list[tuple[_Job, bool, Any]] = []
        try:
            self._begin_writes()
            tx = self._transaction()
            for job in jobs:
                tx.new_unit()
                self._control("SAVEPOINT unit")
                try:
                    value = job.work(tx)
                except BaseException as exc:
                    self._control("ROLLBACK TO SAVEPOINT unit")
                    self._control("RELEASE SAVEPOINT unit")
                    outcomes.append((job, False, exc))
                else:
                    self._control("RELEASE SAVEPOINT unit")
                    outcomes.append((job, True, value))
            self._control("COMMIT")
        except BaseException as exc:
            # The commit itself failed (disk full, I/O error): nothing of the group happened.
            if self._in_transaction():
                self._control("ROLLBACK")
            return [(job, False, exc) for job in jobs]
        return outcomes

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


def _resolve_all(results: list[tuple[_Job, bool, Any]]) -> None:
    """Hand the group's outcomes to their event loops: once per loop, not once per unit (each
    hand-over wakes the loop through a pipe)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Job, bool, Any]]] = {}
    for outcome in results:
        by_loop.setdefault(outcome[0].loop, []).append(outcome)
    for loop, outcomes in by_loop.items():
        loop.call_soon_threadsafe(_settle, outcomes)


def _settle(outcomes: list[tuple[_Job, bool, Any]]) -> None:
    for job, ok, value in outcomes:
        if job.future.cancelled():
            continue
        if ok:
            job.future.set_result(value)
        else:
            job.future.set_exception(value)
