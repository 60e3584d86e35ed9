"""PostgreSQL behind the same repositories and the same unit of work as SQLite.

The shape is SQLite's (storage/database.py): one thread owns one connection and runs every unit
of work there, consecutive writes sharing one COMMIT (group commit), each unit in its own
SAVEPOINT. Why not a pool of writers: the work per message is many short statements, each a round
trip to the server, and on this machine's two cores one thread that batches commits was faster
than several that each wait for their own (docs/decisions.md has the figures). The server does
the locking, so several bot processes can share one database: case transitions stay conditional
updates, and taking rows that another process may be taking uses `FOR UPDATE SKIP LOCKED`.

psycopg (3) is imported here only, so a SQLite installation never loads it.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import pq, sql
from psycopg.adapt import Dumper
from psycopg.rows import RowMaker

from storage.database import Database, Transaction, _Job, _migration_files
from storage.dialect import POSTGRESQL, Dialect, Row, to_pyformat

log = logging.getLogger(__name__)

# Every process migrating at start takes this lock first, so two never apply the same migration.
_MIGRATION_LOCK = 0x6D696E76  # "minv"


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
    names = tuple(c.name for c in cursor.description or ())
    cls = _row_class(names)
    return lambda values: cls(values)


class _FlagDumper(Dumper):
    """A Python bool as 0/1: the schema's flags are integers on both backends (SQLite has no
    boolean), and the repositories hand over True/False."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class PostgresTransaction(Transaction):
    dialect: Dialect = POSTGRESQL

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.pg = conn

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        return self.pg.execute(to_pyformat(sql), params).rowcount

    def insert(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        # PostgreSQL has no last row id: the new id comes back with the INSERT itself.
        row = self.pg.execute(to_pyformat(sql) + " RETURNING id", params).fetchone()
        assert row is not None
        return int(row[0])

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            with self.pg.cursor() as cur:
                cur.executemany(to_pyformat(sql), rows)

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Row | None:
        row: _Row | None = self.pg.execute(to_pyformat(sql), params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        return list(self.pg.execute(to_pyformat(sql), params).fetchall())


def connect(url: str) -> psycopg.Connection[Any]:
    """A connection set up as the repositories expect (rows by name, flags as integers), in
    autocommit mode: the caller says BEGIN and COMMIT itself. Also for a dedicated connection
    beside the database's own (an advisory-lock lease holds one for as long as it lives)."""
    conn: psycopg.Connection[Any] = psycopg.connect(url, autocommit=True, row_factory=_rows)
    conn.adapters.register_dumper(bool, _FlagDumper)
    return conn


class PostgresDatabase(Database):
    """The same interface as `Database` (open, close, migrate, write, read) on PostgreSQL."""

    dialect: Dialect = POSTGRESQL

    def __init__(self, conn: psycopg.Connection[Any], url: str, *, max_group: int = 64) -> None:
        self._pg = conn
        self.url = url
        self._start(_without_password(url), max_group)

    @classmethod
    async def open(cls, path: Any, *, durable: bool = True) -> PostgresDatabase:
        """`path` is a postgresql:// URL. `durable`: every COMMIT waits until its WAL is on
        disk (synchronous_commit on, the server's default) before the bot acknowledges it."""
        url = str(path)
        conn = connect(url)
        conn.execute(f"SET synchronous_commit = {'on' if durable else 'off'}")
        db = cls(conn, url)
        try:
            await db.migrate()
        except BaseException:
            await db.close()
            raise
        return db

    def connect(self) -> psycopg.Connection[Any]:
        """A new connection of its own to the same database (see `connect`)."""
        return connect(self.url)

    # The hooks of the database thread (storage/database.py)

    def _transaction(self) -> Transaction:
        return PostgresTransaction(self._pg)

    def _control(self, sql: str) -> None:
        self._pg.execute(sql)

    def _begin_writes(self) -> None:
        # Read committed: a conditional UPDATE re-reads a row another transaction changed
        # meanwhile, so `UPDATE … WHERE state = ?` still decides who won.
        self._control("BEGIN")

    def _run_writes(self, jobs: list[_Job]) -> list[tuple[_Job, bool, Any]]:
        """As SQLite's, with the bookkeeping between units sent together: a round trip to the
        server costs about as much as a statement, so BEGIN goes with the first SAVEPOINT, and
        each unit's RELEASE (or ROLLBACK TO) with the next SAVEPOINT or the COMMIT."""
        outcomes: list[tuple[_Job, bool, Any]] = []
        tx = self._transaction()
        try:
            self._control("BEGIN; SAVEPOINT unit")
            for number, job in enumerate(jobs, 1):
                try:
                    value = job.work(tx)
                except BaseException as exc:
                    end = "ROLLBACK TO SAVEPOINT unit; RELEASE SAVEPOINT unit"
                    outcomes.append((job, False, exc))
                else:
                    end = "RELEASE SAVEPOINT unit"
                    outcomes.append((job, True, value))
                self._control(end + ("; SAVEPOINT unit" if number < len(jobs) else "; COMMIT"))
        except BaseException as exc:
            # The commit itself failed (the server gone, the disk full): nothing happened.
            if self._in_transaction():
                self._control("ROLLBACK")
            return [(job, False, exc) for job in jobs]
        return outcomes

    def _in_transaction(self) -> bool:
        return self._pg.info.transaction_status != pq.TransactionStatus.IDLE

    def _close_connection(self) -> None:
        self._pg.close()

    def _migrate(self) -> list[str]:
        conn = self._pg
        applied: list[str] = []
        conn.execute("BEGIN")
        try:
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
            conn.execute("COMMIT")
        except BaseException:
            if self._in_transaction():
                conn.execute("ROLLBACK")
            raise
        return applied


def _without_password(url: str) -> str:
    """The URL as it may be shown (`Database.path` is printed and logged)."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    shown = {k: v for k, v in info.items() if k != "password" and v is not None}
    return " ".join(f"{k}={v}" for k, v in sorted(shown.items()))


def create_scratch_database(server_url: str, prefix: str = "minvard_scratch") -> str:
    """A new, empty database on the server of `server_url` (for tests and the bench); its URL.
    Made from template0 in UTF-8, so nothing another database left in template1 comes along."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                sql.Identifier(name)
            )
        )
    return urlunsplit(urlsplit(server_url)._replace(path="/" + name))


def drop_scratch_database(server_url: str, url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
