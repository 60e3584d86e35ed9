"""PostgreSQL behind the same repositories and the same unit of work as SQLite.

The shape is SQLite's (storage/database.py), twice: each of two threads (lanes) owns one
connection and runs its units of work there, consecutive writes sharing one COMMIT (group
commit), each unit in its own SAVEPOINT. An event's units always run on its chat's lane, so one
chat's events keep their order; the other lane's run meanwhile, and the bot prepares one lane's
units while the server answers the other's (one thread waited at every query, so the bot's CPU
and the server's added up; docs/decisions.md has the figures). Not a pool of writers, each
waiting for its own commit: the work per message is many short statements. The server does the
locking, so lanes, and several bot processes, share one database: case transitions stay
conditional updates, and taking rows that another may be taking uses `FOR UPDATE SKIP LOCKED`.

psycopg (3) is imported here only, so a SQLite installation never loads it.
"""

from __future__ import annotations

import contextlib
import logging
import zlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar, cast

import psycopg
from psycopg import errors, generators
from psycopg.adapt import Transformer
from psycopg.pq import ExecStatus
from psycopg.pq.abc import PGresult

from storage import pg_text
from storage.database import Database, Later, Transaction, _Job, _migration_files
from storage.dialect import POSTGRESQL, Dialect, Row, to_pyformat
from storage.postgres_wire import Binder, Traffic, _FlagDumper, _Row, _row_class_for, _rows

log = logging.getLogger(__name__)
T = TypeVar("T")

# Every process migrating at start takes this lock first, so two never apply the same migration.
_MIGRATION_LOCK = 0x6D696E76  # "minv"


_TUPLES_OK = ExecStatus.TUPLES_OK
_COMMAND_OK = ExecStatus.COMMAND_OK
_EMPTY_QUERY = ExecStatus.EMPTY_QUERY
_FATAL_ERROR = ExecStatus.FATAL_ERROR

# Between statements sent together: on a line of its own, so that a statement ending in a
# `--` comment does not swallow the next.
_SEPARATOR = b";\n"


class PostgresTransaction(Transaction):
    """The repositories' statements on the database thread's connection (see
    PostgresDatabase). A statement whose result is read waits for the server; one whose
    result nobody reads (`run`, `many`, BEGIN, SAVEPOINT, …) waits in `pending` and goes out
    in the same message as the next that waits, or when the unit of work ends (`settle`).

    With a `binder` the pending statements and the one that waits are bound client-side and
    sent as one query (the simple protocol: several statements, one round trip). psycopg's
    work per statement sent on its own, in pipeline mode as before, was about half of the
    bot's CPU per message (docs/decisions.md). Without a binder (a connection of one's own,
    `connect`) every statement is sent and waited for on its own."""

    dialect: Dialect = POSTGRESQL

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        binder: Binder | None = None,
        traffic: Traffic | None = None,
        pending: list[bytes] | None = None,
    ) -> None:
        self.pg = conn
        self._binder = binder
        self.traffic = Traffic() if traffic is None else traffic
        # Shared with the database (its BEGIN, SAVEPOINT and RELEASE wait here too).
        self.pending: list[bytes] = [] if pending is None else pending
        self.cursor = conn.cursor()
        # Rows of a batch's last result, by the connection's own loaders (NUL in text).
        self._loader = Transformer(conn)
        self.sent = 0  # messages sent so far (a unit that fails knows what went out)
        # A message sent ahead (`send_ahead`) whose answer is still to be read.
        self._owed = False
        # Reads whose rows wait for a later message (`later`): by their place among what is
        # pending, then among what was sent last.
        self._laters: list[tuple[int, str, Later[Any]]] = []
        self._in_flight: list[tuple[int, str, Later[Any]]] = []
        self.new_unit()

    def new_unit(self) -> None:
        super().new_unit()
        self._unsettled = False

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        self._wrote(sql)
        self._unsettled = False  # the row count is only known once the server has answered
        if self._binder is None:
            return self._alone(sql, params).rowcount
        count = self._ask(sql, params).command_tuples
        return -1 if count is None else count

    def run(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> None:
        self._wrote(sql)
        if self._binder is None:
            self._alone(sql, params)
            return
        self.traffic.statements += 1
        self.pending.append(self._binder.bind(sql, params))
        self._unsettled = True

    def insert(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        # PostgreSQL has no last row id: the new id comes back with the INSERT itself.
        self._wrote(sql)
        row = self.one(sql + " RETURNING id", params)
        assert row is not None
        return int(row[0])

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        self._wrote(sql)
        if self._binder is None:
            self.traffic.statements += len(rows)
            self.traffic.round_trips += 1
            self.cursor.executemany(to_pyformat(sql), rows)
            return
        self.traffic.statements += len(rows)
        self.pending.extend(self._binder.bind(sql, row) for row in rows)
        self._unsettled = True

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Row | None:
        self._unsettled = False
        if self._binder is None:
            found: _Row | None = self._alone(sql, params).fetchone()
            return found
        result = self._ask(sql, params)
        if not result.ntuples:
            return None
        self._loader.set_pgresult(result)
        return cast(_Row, self._loader.load_row(0, _row_class_for(sql, result)))

    def all(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        self._unsettled = False
        if self._binder is None:
            return list(self._alone(sql, params).fetchall())
        result = self._ask(sql, params)
        self._loader.set_pgresult(result)
        return list(self._loader.load_rows(0, result.ntuples, _row_class_for(sql, result)))

    def all_of(self, queries: Sequence[tuple[str, tuple[Any, ...]]]) -> list[list[Row]]:
        self._unsettled = False
        if self._binder is None:
            return [self.all(sql, params) for sql, params in queries]
        if not queries:
            return []
        for statement, _ in queries:
            self._wrote_unless_read(statement)
        self.traffic.statements += len(queries)
        self.traffic.round_trips += 1
        self.pending.extend(self._binder.bind(sql, params) for sql, params in queries)
        # One result per statement sent: the last ones are the queries'.
        results = self._query_all()[-len(queries) :]
        found: list[list[Row]] = []
        for (statement, _), result in zip(queries, results, strict=True):
            self._loader.set_pgresult(result)
            rows = self._loader.load_rows(0, result.ntuples, _row_class_for(statement, result))
            found.append(cast(list[Row], rows))
        return found

    def later(self, sql: str, params: tuple[Any, ...], shape: Callable[[list[Row]], T]) -> Later[T]:
        if self._binder is None:
            return super().later(sql, params, shape)
        self.traffic.statements += 1
        found = Later(shape)
        self._laters.append((len(self.pending), sql, found))
        self.pending.append(self._binder.bind(sql, params))
        self._unsettled = True
        return found

    def drop_pending(self, start: int) -> None:
        """What is pending from `start` on is never sent (a unit of work that failed)."""
        del self.pending[start:]
        self._laters = [entry for entry in self._laters if entry[0] < start]

    def settle(self) -> None:
        """Send what is pending and wait for the server's answer: an error in a statement
        sent without waiting is raised here, in the unit of work that sent it."""
        if self.pending:
            self.traffic.round_trips += 1
            self._query()
        self._unsettled = False

    def _alone(self, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> psycopg.Cursor[Any]:
        """One statement, sent and waited for on its own (a connection without a binder)."""
        self.traffic.statements += 1
        self.traffic.round_trips += 1
        return self.cursor.execute(to_pyformat(sql), params)

    def _ask(self, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> PGresult:
        """One statement that waits, sent with whatever is pending before it; its result."""
        self.traffic.statements += 1
        self.traffic.round_trips += 1
        assert self._binder is not None
        self.pending.append(self._binder.bind(sql, params))
        return self._query()

    def send_ahead(self) -> None:
        """Send what is pending without waiting for the answer, which is read before the
        next message goes (`collect`). For a read's ROLLBACK at the end of a group: it must
        not wait unsent while the thread waits for work (the read's snapshot would be held),
        and waiting for its answer there was a round trip of its own."""
        if not self.pending:
            return
        self._send_pending()
        self.pg.wait(generators.send(self.pg.pgconn))
        self._owed = True

    def _send_pending(self) -> None:
        """Put what is pending on the wire as one simple-protocol query (after reading the
        answer still owed)."""
        self.collect()
        self.sent += 1
        batch = _SEPARATOR.join(self.pending)
        self.pending.clear()
        self._in_flight, self._laters = self._laters, []
        self.pg.pgconn.send_query(batch)

    def collect(self) -> None:
        """Read the answer to what was sent ahead, if any: the connection takes no other
        query until it is read. Its error, if any, is raised here."""
        if self._owed:
            self._owed = False
            results: list[PGresult] = self.pg.wait(generators.fetch_many(self.pg.pgconn))
            self._arrived(results)
            self._check(results)

    def _query(self) -> PGresult:
        """Send what is pending as one query and wait for all of its results; the last.
        Straight through the connection's libpq: psycopg's cursor costs about 30 µs more a
        query (it prepares, converts and picks each result in turn), and the last result
        is the only one read."""
        return self._query_all()[-1]

    def _query_all(self) -> list[PGresult]:
        """As `_query`: every result, one per statement sent."""
        self._send_pending()
        results: list[PGresult] = self.pg.wait(generators.execute(self.pg.pgconn))
        self._arrived(results)
        self._check(results)
        return results

    def _arrived(self, results: list[PGresult]) -> None:
        """The rows of the `later` reads in the message just answered (one result a
        statement, up to a refused one)."""
        if not self._in_flight:
            return
        flight, self._in_flight = self._in_flight, []
        for index, sql, found in flight:
            if index < len(results) and results[index].status == _TUPLES_OK:
                result = results[index]
                self._loader.set_pgresult(result)
                rows = self._loader.load_rows(0, result.ntuples, _row_class_for(sql, result))
                found.arrived(cast(list[Row], rows))

    def _check(self, results: list[PGresult]) -> None:
        for result in results:
            status = result.status
            if status != _TUPLES_OK and status != _COMMAND_OK and status != _EMPTY_QUERY:
                if status == _FATAL_ERROR:
                    raise errors.error_from_result(result, encoding=self.pg.info.encoding)
                raise psycopg.InternalError(f"unexpected result: {ExecStatus(status).name}")
        if not results:
            raise psycopg.InternalError("no result from the query")

    @property
    def unsettled(self) -> bool:
        return self._unsettled


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

    def _run_writes(self, jobs: list[_Job]) -> list[tuple[_Job, bool, Any]]:
        """As SQLite's: one COMMIT for the group, a SAVEPOINT per unit of work. Only the
        COMMIT and what a unit reads wait for the server; the rest is sent along."""
        outcomes: list[tuple[_Job, bool, Any]] = []
        tx = self._tx
        last_unsettled = False
        try:
            # Read committed: a conditional UPDATE re-reads a row another transaction changed
            # meanwhile, so `UPDATE … WHERE state = ?` still decides who won.
            self._control("BEGIN")
            for job in jobs:
                tx.new_unit()
                # The first unit needs no savepoint: undoing it is undoing the transaction,
                # which nothing else has written to yet. Most groups are one unit, and a
                # savepoint is two statements more and a subtransaction on the server.
                first = job is jobs[0]
                if not first:
                    self._control("SAVEPOINT unit")
                # What the unit itself sends comes after this, until something is sent.
                mark, sent = len(self._pending), tx.sent
                try:
                    value = job.work(tx)
                    # The last unit's unanswered statements wait together with the COMMIT
                    # (a round trip fewer per group); `_commit_without_last` if one failed.
                    last_unsettled = tx.unsettled and job is jobs[-1]
                    if not first:
                        self._control("RELEASE SAVEPOINT unit")
                    if tx.unsettled and not last_unsettled:
                        # Its writes and their RELEASE: a refusal there is this unit's.
                        tx.settle()
                except BaseException as exc:
                    last_unsettled = False
                    # What the unit left unsent is never sent: never done. (After a send,
                    # all that is pending is the unit's own.)
                    tx.drop_pending(mark if tx.sent == sent else 0)
                    if first:
                        # Its BEGIN may not have gone yet: then this ends nothing, harmlessly.
                        self._control("ROLLBACK")
                        self._control("BEGIN")
                    else:
                        self._control("ROLLBACK TO SAVEPOINT unit")
                        self._control("RELEASE SAVEPOINT unit")
                    outcomes.append((job, False, exc))
                else:
                    outcomes.append((job, True, value))
            try:
                self._control("COMMIT")
                self._sync()
            except psycopg.Error as exc:
                if not last_unsettled or len(jobs) == 1:
                    # A unit alone: the transaction was its own, and it fails with it.
                    raise
                self._commit_without_last(exc)
                outcomes[-1] = (jobs[-1], False, exc)
        except BaseException as exc:
            # The commit itself failed (the server gone, the disk full): nothing happened.
            tx.drop_pending(0)
            with contextlib.suppress(psycopg.Error):
                self._control("ROLLBACK")
                self._sync()
            return [(job, False, exc) for job in jobs]
        return outcomes

    def _commit_without_last(self, error: psycopg.Error) -> None:
        """The COMMIT's message raised `error`. If a statement of the last unit failed, the
        server skipped what followed it (its RELEASE, the COMMIT): the transaction is still
        open at that unit's savepoint, so the units before it are committed and only it
        fails, as if it had waited on its own. If the COMMIT itself failed, the transaction
        is gone, the rollback to the savepoint fails, and `error` fails the whole group."""
        try:
            self._control("ROLLBACK TO SAVEPOINT unit")
            self._control("RELEASE SAVEPOINT unit")
            self._control("COMMIT")
            self._sync()
        except psycopg.Error:
            raise error from None


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
