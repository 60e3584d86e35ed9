"""How the PostgreSQL connection reads rows and binds values client-side (storage/postgres.py):
rows read by column name, booleans sent as the server's, statements bound with the connection's
own adapters, and the traffic counted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import psycopg
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
