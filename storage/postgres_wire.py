"""How the PostgreSQL connection reads rows and binds values client-side (storage/postgres.py):
rows read by column name, booleans sent as the server's, statements bound with the connection's
own adapters, and the traffic counted."""

from __future__ import annotations

import ctypes
import select
from dataclasses import dataclass
from typing import Any, ClassVar

import psycopg
from psycopg import generators, pq
from psycopg._queries import PostgresClientQuery, PostgresQuery
from psycopg.adapt import Dumper, Transformer
from psycopg.pq.abc import PGresult
from psycopg.rows import RowMaker

from storage.dialect import to_pyformat


class _Row(tuple[Any, ...]):
    """A row like sqlite3.Row: by position or by column name."""

    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


_row_classes: dict[tuple[str, ...], type[_Row]] = {}


def _row_class(names: tuple[str, ...]) -> type[_Row]:
    cls = _row_classes.get(names)
    if cls is None:
        cls = type("Row", (_Row,), {"_index": {n: i for i, n in enumerate(names)}})
        _row_classes[names] = cls
    return cls


def _rows(cursor: psycopg.Cursor[Any]) -> RowMaker[_Row]:
    # The names straight from the result: `cursor.description` builds a Column per column per
    # statement, a cost the bench could see.
    return _row_class_of(cursor.pgresult)


def _row_class_of(result: PGresult | None) -> type[_Row]:
    if result is None or not result.nfields:
        return _NO_COLUMNS  # BEGIN, SAVEPOINT, an INSERT
    return _row_class(tuple((result.fname(i) or b"").decode() for i in range(result.nfields)))


_NO_COLUMNS = _row_class(())

# The row class by statement: the same statement gives the same columns, and reading the
# names from every result was about 7% of the database thread's CPU.
_ROWS_BY_SQL: dict[str, type[_Row]] = {}
_ROWS_BY_SQL_MAX = 4096


def _row_class_for(sql: str, result: PGresult) -> type[_Row]:
    cls = _ROWS_BY_SQL.get(sql)
    if cls is None:
        cls = _row_class_of(result)
        if len(_ROWS_BY_SQL) < _ROWS_BY_SQL_MAX:
            _ROWS_BY_SQL[sql] = cls
    return cls


class _FlagDumper(Dumper):
    """A Python bool as 0/1: the schema's flags are integers on both backends (SQLite has no
    boolean), and the repositories hand over True/False."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


@dataclass
class Traffic:
    """What the database thread has said to the server: statements sent, and the times it
    waited for an answer (round trips). The bench divides them by the messages handled."""

    statements: int = 0
    round_trips: int = 0


class Binder:
    """The repositories' statements with their values written in (client-side binding), as
    psycopg's ClientCursor does it, with the connection's own adapters (flags, NUL in text).
    Several such statements go to the server as one message (see PostgresTransaction).

    A statement used again is prepared on the server (`prepare_waiting`, between groups) and
    from then on sent as `EXECUTE name(values)`: the server plans it once instead of at every
    message (its CPU per message was a third higher without). One the server cannot prepare
    (a value whose type it cannot tell) stays written out in full."""

    # Prepared statements a connection keeps at most; the repositories have far fewer.
    MAX_PREPARED = 500

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._tx = Transformer(conn)
        # By the statement (in psycopg's form): its prepared name; None if it is not to be
        # prepared; missing until it is seen a second time.
        self._names: dict[str, bytes | None] = {}
        self._seen: set[str] = set()
        self._waiting: dict[str, tuple[Any, ...]] = {}  # to prepare, with values of a use

    def bind(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> bytes:
        pyformat = to_pyformat(sql)
        name = self._names.get(pyformat)
        if name is not None and isinstance(params, tuple):
            as_literal = self._tx.as_literal
            values = b", ".join(b"NULL" if v is None else as_literal(v) for v in params)
            return b"EXECUTE " + name + (b"(" + values + b")" if values else b"")
        if pyformat not in self._names:
            if pyformat in self._seen and isinstance(params, tuple):
                self._waiting[pyformat] = params
            self._seen.add(pyformat)
        query = PostgresClientQuery(self._tx)
        # Always with the values (an empty tuple too): only then is a doubled % undone.
        query.convert(pyformat, params)
        return query.query

    def prepare_waiting(self, cursor: psycopg.Cursor[Any]) -> None:
        """Prepare the statements seen twice since the last call. Outside any transaction:
        one the server refuses to prepare fails alone, and is sent written out from then on."""
        waiting, self._waiting = self._waiting, {}
        for pyformat, params in waiting.items():
            if len(self._names) >= self.MAX_PREPARED:
                self._names[pyformat] = None
                continue
            name = b"m%d" % len(self._names)
            numbered = PostgresQuery(self._tx)
            numbered.convert(pyformat, params)  # `$1, $2, …` for the values
            try:
                cursor.execute(b"PREPARE " + name + b" AS " + numbered.query)
            except psycopg.Error:
                self._names[pyformat] = None
            else:
                self._names[pyformat] = name

    @property
    def has_waiting(self) -> bool:
        return bool(self._waiting)


class Wire:
    """A lane's query on the wire and its results, the thread keeping the GIL while it works.

    psycopg's own waiting lets go of the GIL around every result it reads (about a dozen a
    message: one per statement); each time, another thread that wanted the GIL (the other
    lane, the event loop) may take it, and this lane then waits for it to give it back
    before reading on, a slice of up to 5 ms. Here the GIL is let go only to wait for a
    silent socket, once per round trip: libpq's `PQisBusy` is called without letting it go
    (psycopg's wrapper lets it go; the call never waits). The send still lets it go: its
    `send()` wakes the server's process, which may take this thread's core meanwhile (py-spy
    showed the lane's time there the same either way), and others may run then. Without that
    libpq at hand (another libpq build, another system), psycopg's generators as before."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn
        self._pgconn = conn.pgconn
        self._poll = select.poll()
        self._poll.register(self._pgconn.socket, select.POLLIN)
        self._poll_out = select.poll()
        self._poll_out.register(self._pgconn.socket, select.POLLOUT)
        self.quiet = _LIBPQ is not None

    def send(self, query: bytes) -> None:
        """Put `query` (several statements, the simple protocol) on the wire."""
        pgconn = self._pgconn
        pgconn.send_query(query)
        if _LIBPQ is None:
            self._conn.wait(generators.send(pgconn))
            return
        while pgconn.flush():  # only a message larger than the socket's buffer
            self._poll_out.poll()

    def results(self) -> list[Any]:
        """Every result of what was sent, one per statement up to a refused one; waits."""
        if _LIBPQ is None:
            found: list[Any] = self._conn.wait(generators.fetch_many(self._pgconn))
            return found
        pgconn, busy, poll = self._pgconn, _LIBPQ.PQisBusy, self._poll.poll
        # Asked again at every call: None (NULL, which libpq refuses) once the connection
        # is closed, never a pointer to what libpq has freed.
        ptr = _pointer(pgconn)
        results: list[Any] = []
        while True:
            while busy(ptr):
                poll()  # the one wait that lets go of the GIL: nothing to read yet
                pgconn.consume_input()
            result = pgconn.get_result()
            if result is None:
                return results
            results.append(result)


def _pointer(pgconn: Any) -> int | None:
    found: int | None = pgconn.pgconn_ptr
    return found


def _libpq() -> Any:
    """The libpq psycopg itself runs on, its calls keeping the GIL (`ctypes.PyDLL`); None if
    it cannot be found for sure (then `Wire` uses psycopg's generators)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "/libpq" in line}
    except OSError:
        return None
    if pq.__impl__ == "binary":
        paths = {p for p in paths if "psycopg_binary" in p}
    if len(paths) != 1:
        return None  # none, or two libpq loaded: which one psycopg uses is not known here
    try:
        lib = ctypes.PyDLL(paths.pop())
        if lib.PQlibVersion() != pq.version():
            return None
    except (OSError, AttributeError):
        return None
    lib.PQisBusy.argtypes = [ctypes.c_void_p]
    lib.PQisBusy.restype = ctypes.c_int
    return lib


_LIBPQ = _libpq()
