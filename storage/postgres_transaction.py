"""A unit of work's statements on a lane's connection (storage/postgres.py): sent together,
only those whose answer is read waiting for the server, each refusal raised in the unit of
work whose statement it was."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import psycopg
from psycopg import errors, generators
from psycopg.adapt import Transformer
from psycopg.pq import ExecStatus
from psycopg.pq.abc import PGresult

from storage.database import Later, Transaction
from storage.dialect import POSTGRESQL, Dialect, Row, to_pyformat
from storage.postgres_wire import Binder, Traffic, _Row, _row_class_for

T = TypeVar("T")

_TUPLES_OK = ExecStatus.TUPLES_OK
_COMMAND_OK = ExecStatus.COMMAND_OK
_EMPTY_QUERY = ExecStatus.EMPTY_QUERY
_FATAL_ERROR = ExecStatus.FATAL_ERROR

# `PostgresTransaction.failed` when nothing was refused.
NOBODY = object()

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
        # Whose statements are pending (`own`): from a place among them on, a unit of work's
        # number in its group, or None (BEGIN, COMMIT); then the same for the message sent.
        self._owners: list[tuple[int, int | None]] = []
        self._owner_first: int | None = None  # of what was pending before the first of those
        self._owners_sent: list[tuple[int, int | None]] = []
        # The owner of the first statement the server refused since `forget_failure`, and its
        # error; NOBODY if none.
        self.failed: int | object | None = NOBODY
        self.failure: psycopg.Error | None = None
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
        self._owners = [entry for entry in self._owners if entry[0] < start]

    def own(self, owner: int | None) -> None:
        """What is added to `pending` from now on is `owner`'s: a refusal of one of those
        statements is theirs (`failed`), even when it comes back with another's message."""
        self._owners.append((len(self.pending), owner))

    def forget_failure(self) -> None:
        self.failed, self.failure = NOBODY, None

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
        self._owners_sent = [(0, self._owner_first), *self._owners]
        self._owner_first = self._owners_sent[-1][1]
        self._owners = []
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
        for index, result in enumerate(results):
            status = result.status
            if status != _TUPLES_OK and status != _COMMAND_OK and status != _EMPTY_QUERY:
                if status == _FATAL_ERROR:
                    error = errors.error_from_result(result, encoding=self.pg.info.encoding)
                    if self.failed is NOBODY:
                        owner = self._owner_first
                        for start, whose in self._owners_sent:
                            if start <= index:
                                owner = whose
                        self.failed, self.failure = owner, error
                    raise error
                raise psycopg.InternalError(f"unexpected result: {ExecStatus(status).name}")
        if not results:
            raise psycopg.InternalError("no result from the query")

    @property
    def unsettled(self) -> bool:
        return self._unsettled
