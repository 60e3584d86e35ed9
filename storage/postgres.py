"""PostgreSQL behind the same repositories and the same unit of work as SQLite.

The shape is SQLite's (storage/database.py), twice: each of two threads (lanes) owns one
connection and runs its units of work there, consecutive writes sharing one COMMIT (group
commit), each unit but the first in its own SAVEPOINT. An event's units always run on its
chat's lane, so one chat's events keep their order; the other lane's run meanwhile, and the
bot prepares one lane's units while the server answers the other's (one thread waited at every
query, so the bot's CPU and the server's added up; docs/decisions.md has the figures). Not a
pool of writers, each waiting for its own commit: the work per message is many short
statements. The server does the locking, so lanes, and several bot processes, share one
database: case transitions stay conditional updates, and taking rows that another may be
taking uses `FOR UPDATE SKIP LOCKED`.

psycopg (3) is imported here only, so a SQLite installation never loads it.
"""

from __future__ import annotations

import contextlib
import logging
import zlib
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import psycopg

from storage import pg_text
from storage.database import Database, Transaction, _Job, _migration_files
from storage.dialect import POSTGRESQL, Dialect
from storage.postgres_transaction import PostgresTransaction
from storage.postgres_wire import Binder, Traffic, _FlagDumper, _rows

log = logging.getLogger(__name__)
T = TypeVar("T")

# Every process migrating at start takes this lock first, so two never apply the same migration.
_MIGRATION_LOCK = 0x6D696E76  # "minv"


def connect(url: str) -> psycopg.Connection[Any]:
    """A connection set up as the repositories expect (rows by name, flags as integers), in
    autocommit mode: the caller says BEGIN and COMMIT itself. Also for a dedicated connection
    beside the database's own (an advisory-lock lease holds one for as long as it lives)."""
    conn: psycopg.Connection[Any] = psycopg.connect(url, autocommit=True, row_factory=_rows)
    conn.adapters.register_dumper(bool, _FlagDumper)
    pg_text.register(conn)  # a NUL in a patient's words, kept as SQLite keeps it
    return conn


class _Lane(Database):
    """One database thread with its own connection: SQLite's shape (storage/database.py),
    consecutive writes sharing one COMMIT, each unit of work in its own SAVEPOINT.
    PostgresDatabase runs several, each chat's units always on the same one."""

    dialect: Dialect = POSTGRESQL

    def __init__(
        self, conn: psycopg.Connection[Any], url: str, settings: str, name: str, max_group: int
    ) -> None:
        self._pg = conn
        self.traffic = Traffic()
        self.url = url
        self._settings = settings  # said again on a new connection
        self._start(_without_password(url), max_group, name)

    # The hooks of the database thread (storage/database.py)

    def _serve(self) -> None:
        self._new_connection_state()
        try:
            super()._serve()
        finally:
            self._close_connection()

    def _run_group(self, group: list[_Job]) -> None:
        if self._pg.broken:
            # The server restarted or the connection was cut: the units that were running
            # then failed (none half-done); these get a new connection.
            self._close_connection()
            try:
                self._pg = connect(self.url)
                self._pg.execute(self._settings)
            except psycopg.Error:
                log.warning("the database does not answer; the units waiting now fail")
            else:
                log.warning("reconnected to the database")
            self._new_connection_state()
        if self._binder.has_waiting:
            with contextlib.suppress(psycopg.Error):  # a broken connection: the units say so
                self._tx.collect()
            self._binder.prepare_waiting(self._tx.cursor)
        try:
            super()._run_group(group)
        finally:
            if self._pending:
                # A read's ROLLBACK: not left unsent while the thread waits for work, or the
                # read's transaction would hold its snapshot; its answer is read later.
                with contextlib.suppress(psycopg.Error):
                    self._tx.send_ahead()

    def _new_connection_state(self) -> None:
        # Statements that wait for the next one sent (BEGIN, SAVEPOINT, a unit's writes).
        self._pending: list[bytes] = []
        # The Binder prepares statements itself. psycopg's own preparing would also, on any
        # ROLLBACK it sees (every read ends with one), say DEALLOCATE ALL: the Binder's too.
        self._pg.prepare_threshold = None
        self._binder = Binder(self._pg)
        self._tx = PostgresTransaction(self._pg, self._binder, self.traffic, self._pending)

    def _close_connection(self) -> None:
        self._pg.close()

    def _transaction(self) -> Transaction:
        self._tx.new_unit()
        return self._tx

    def _control(self, sql: str) -> None:
        """BEGIN, SAVEPOINT, COMMIT and the like: sent with the next statement that waits."""
        self.traffic.statements += 1
        self._pending.append(sql.encode())

    def _sync(self) -> None:
        self._tx.settle()

    def _run_read(self, job: _Job) -> tuple[_Job, bool, Any]:
        # One snapshot for all of the read, even if other processes write meanwhile.
        self._tx.own(None)
        self._control("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            outcome: tuple[_Job, bool, Any] = (job, True, job.work(self._transaction()))
            if self._tx.unsettled:
                self._tx.settle()  # a `later` read: answered before the caller looks
        except BaseException as exc:
            outcome = (job, False, exc)
        # Sent with what comes next; the group's end makes sure it has gone (_run_group).
        self._control("ROLLBACK")
        return outcome

    def _run_writes(self, jobs: list[_Job], last: bool = False) -> list[tuple[_Job, bool, Any]]:
        """As SQLite's: one COMMIT for the group, a SAVEPOINT per unit of work but the first.
        Only what a unit reads and the COMMIT wait for the server; the rest goes along with
        the next message, the next unit's first read or the COMMIT (a round trip fewer per
        unit). A statement the server refuses is its unit's (`PostgresTransaction.own`): when
        it was an earlier unit's, that one is undone and fails, and the units after it run
        again, as if each had waited for its own writes.

        `last`: the group's last writes. Units that came meanwhile join them before the COMMIT
        (`_more_writes`): at four chats on two lanes, one in four commits then carried a
        unit that had come while the group ran and would have waited for the next, with a
        commit and a WAL flush of its own."""
        tx = self._tx
        jobs = list(jobs)  # grows with the units that join
        outcomes: list[tuple[_Job, bool, Any]] = []
        tx.forget_failure()
        try:
            # Read committed: a conditional UPDATE re-reads a row another transaction changed
            # meanwhile, so `UPDATE … WHERE state = ?` still decides who won.
            tx.own(None)
            self._control("BEGIN")
            opened = 0  # the unit that opened the transaction: it needs no savepoint
            index = 0
            while True:
                while index < len(jobs):
                    outcome = self._run_unit(jobs[index], index, index == opened)
                    earlier = tx.failed
                    if isinstance(earlier, int) and earlier < index:
                        index, opened = self._undo(jobs, earlier, opened, outcomes)
                        continue
                    outcomes.append(outcome)
                    if not outcome[1] and index == opened:
                        opened += 1  # it rolled the transaction back and began another
                    index += 1
                if last and len(jobs) < self._max_group:
                    more = self._more_writes(self._max_group - len(jobs))
                    if more:
                        jobs.extend(more)
                        continue
                try:
                    tx.own(None)
                    self._control("COMMIT")
                    self._sync()
                except psycopg.Error:
                    earlier = tx.failed
                    if not isinstance(earlier, int):
                        raise  # the COMMIT itself: nothing of the group happened
                    index, opened = self._undo(jobs, earlier, opened, outcomes)
                    continue
                return outcomes
        except BaseException as exc:
            # The commit itself failed (the server gone, the disk full): nothing happened.
            tx.drop_pending(0)
            with contextlib.suppress(psycopg.Error):
                tx.own(None)
                self._control("ROLLBACK")
                self._sync()
            return [(job, False, exc) for job in jobs]

    def _run_unit(self, job: _Job, index: int, opens: bool) -> tuple[_Job, bool, Any]:
        tx = self._tx
        tx.new_unit()
        tx.own(index)
        if not opens:
            # The unit that opened the transaction is undone by undoing the transaction:
            # most groups are one unit, and a savepoint is two statements and a
            # subtransaction on the server.
            self._control("SAVEPOINT unit")
        # What the unit itself sends comes after this, until something is sent.
        mark, sent = len(self._pending), tx.sent
        try:
            value = job.work(tx)
            if tx.failed == index:  # it went on past its own refused statement
                raise tx.failure or psycopg.InternalError("refused")
            if not opens:
                self._control("RELEASE SAVEPOINT unit")
            return job, True, value
        except BaseException as exc:
            if isinstance(tx.failed, int) and tx.failed < index:
                return job, False, exc  # an earlier unit's: `_run_writes` runs this again
            # What the unit left unsent is never sent: never done. (After a send, all that
            # is pending is the unit's own.)
            tx.drop_pending(mark if tx.sent == sent else 0)
            tx.forget_failure()
            tx.own(None)
            if opens:
                self._control("ROLLBACK")
                self._control("BEGIN")
            else:
                self._control("ROLLBACK TO SAVEPOINT unit")
                self._control("RELEASE SAVEPOINT unit")
            return job, False, exc

    def _undo(
        self, jobs: list[_Job], failed: int, opened: int, outcomes: list[tuple[_Job, bool, Any]]
    ) -> tuple[int, int]:
        """A statement of unit `failed`, sent with a later unit's, was refused: the server
        skipped what followed it, so the transaction stands at that unit's savepoint. It is
        undone and fails; the units after it are forgotten, to run again. Returns the unit to
        go on with, and the one that opened the transaction (the next, if `failed` had)."""
        tx = self._tx
        error = tx.failure
        assert error is not None
        del outcomes[failed:]
        outcomes.append((jobs[failed], False, error))
        tx.drop_pending(0)
        tx.forget_failure()
        tx.own(None)
        if failed == opened:
            self._control("ROLLBACK")
            self._control("BEGIN")
            return failed + 1, failed + 1
        self._control("ROLLBACK TO SAVEPOINT unit")
        self._control("RELEASE SAVEPOINT unit")
        return failed + 1, opened


class PostgresDatabase(Database):
    """The same interface as `Database` (open, close, migrate, write, read) on PostgreSQL,
    with several database threads (lanes), each with a connection of its own.

    Why several: one thread waits for the server at every query it reads, so the bot's CPU and
    the server's add up on its one path (docs/decisions.md, "PostgreSQL speed"). With two, one
    prepares its units while the server runs the other's. A unit of work given a `key` (the
    chat of an event) always runs on the lane of that key, so one chat's events still run one
    after another, in the order they came; units of different chats may run at once, in
    transactions of their own, as they would in two bot processes on the same database (the
    case transitions are conditional updates, `SKIP LOCKED` where rows are taken). A unit
    without a key runs on the first lane."""

    dialect: Dialect = POSTGRESQL

    # Two: this machine has two cores, and the bot's Python runs one thread at a time.
    LANES = 2

    def __init__(
        self,
        conns: list[psycopg.Connection[Any]],
        url: str,
        settings: str,
        *,
        max_group: int = 64,
    ) -> None:
        self.url = url
        self.path = _without_password(url)
        self._lanes = [
            _Lane(conn, url, settings, f"minvard-db-{i}", max_group) for i, conn in enumerate(conns)
        ]

    @classmethod
    async def open(
        cls, path: Any, *, durable: bool = True, lanes: int | None = None
    ) -> PostgresDatabase:
        """`path` is a postgresql:// URL. `durable`: every COMMIT waits until its WAL is on
        disk (synchronous_commit on, the server's default) before the bot acknowledges it."""
        url = str(path)
        settings = f"SET synchronous_commit = {'on' if durable else 'off'}"
        conns: list[psycopg.Connection[Any]] = []
        try:
            for _ in range(cls.LANES if lanes is None else max(1, lanes)):
                conn = connect(url)
                conns.append(conn)
                conn.execute(settings)
        except BaseException:
            for conn in conns:
                conn.close()
            raise
        db = cls(conns, url, settings)
        try:
            await db.migrate()
        except BaseException:
            await db.close()
            raise
        return db

    def connect(self) -> psycopg.Connection[Any]:
        """A new connection of its own to the same database (see `connect`)."""
        return connect(self.url)

    @property
    def traffic(self) -> Traffic:
        """What all the lanes have said to the server."""
        return Traffic(
            sum(lane.traffic.statements for lane in self._lanes),
            sum(lane.traffic.round_trips for lane in self._lanes),
        )

    async def close(self) -> None:
        for lane in self._lanes:
            await lane.close()

    def _submit(
        self,
        work: Callable[[Transaction], T],
        *,
        writes: bool,
        alone: bool = False,
        key: str | None = None,
    ) -> Awaitable[T]:
        lanes = self._lanes
        lane = lanes[0] if key is None else lanes[zlib.crc32(key.encode()) % len(lanes)]
        return lane._submit(work, writes=writes, alone=alone)

    def _migrate(self) -> list[str]:
        # On a connection of its own, in one transaction of its own, away from the thread's
        # batches and prepared statements.
        applied: list[str] = []
        with connect(self.url) as conn, conn.transaction():
            # Every process migrates at start; the lock lets one at a time look and apply.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
            for number, name, sql in _migration_files(POSTGRESQL):
                if number in done:
                    continue
                # Without parameters the script goes as one simple query: several statements.
                conn.execute(sql.encode("utf-8"))
                conn.execute(
                    "INSERT INTO schema_migrations VALUES (%s, %s,"
                    " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))",
                    (number, name),
                )
                log.info("applied migration %s", name)
                applied.append(name)
            # All of them or none: DDL is transactional on PostgreSQL.
        return applied


def _without_password(url: str) -> str:
    """The URL as it may be shown (`Database.path` is printed and logged)."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    shown = {k: v for k, v in info.items() if k != "password" and v is not None}
    return " ".join(f"{k}={v}" for k, v in sorted(shown.items()))
