"""PostgreSQL for the tests: a fresh database per test, made on the local server and dropped
after. Without a server the PostgreSQL tests are skipped with the reason; under CI (`CI=true`)
they fail instead, since CI starts PostgreSQL (.ci/run) and must not pass by skipping."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import psycopg
import pytest

from storage.postgres_scratch import create_scratch_database, drop_scratch_database

SERVER = os.environ.get("MINVARD_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
# The journey suite on PostgreSQL: the harness (tests/conftest.py make_chat) gives each test a
# fresh database on this server instead of a SQLite file.
JOURNEYS_ON = os.environ.get("MINVARD_TEST_DATABASE", "")

# What either backend raises when the schema refuses a change (a unique index, the audit's
# append-only trigger).
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, psycopg.IntegrityError)

_unreachable: str | None = None


def server_or_skip(server: str = SERVER) -> str:
    """The server's URL; skips the test (fails it under CI) when it does not answer."""
    global _unreachable
    if _unreachable is None:
        try:
            with psycopg.connect(server, connect_timeout=3) as conn:
                conn.execute("SELECT 1")
            _unreachable = ""
        except psycopg.OperationalError as exc:
            _unreachable = f"PostgreSQL does not answer at {_shown(server)}: {exc}".strip()
    if _unreachable:
        if os.environ.get("CI") == "true":
            pytest.fail(_unreachable + " (CI=true: PostgreSQL must run)")
        pytest.skip(_unreachable)
    return server


def _shown(server: str) -> str:
    return psycopg.conninfo.conninfo_to_dict(server).get("host") or server


class ScratchDatabases:
    """Fresh databases, each dropped by `drop_all`."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.made: dict[Path | str, str] = {}

    def new(self, key: Path | str) -> str:
        url = create_scratch_database(self.server, "minvard_test")
        self.made[key] = url
        return url

    def for_path(self, path: Path) -> str:
        """The same database every time for the same SQLite path (a test that restarts the
        bot opens its database again)."""
        return self.made.get(path) or self.new(path)

    def drop_all(self) -> None:
        # Each one even if dropping another fails: none is left behind for a failure's sake.
        made, self.made = list(self.made.values()), {}
        errors = []
        for url in made:
            try:
                drop_scratch_database(self.server, url)
            except Exception as exc:
                errors.append(exc)
        if errors:
            raise errors[0]


# The journeys' databases with MINVARD_TEST_DATABASE: one collection for the whole run, here and
# not in conftest, because a test module that imports `tests.conftest` gets a second copy of
# conftest (pytest loads its own), and what that copy made its autouse fixture never dropped.
JOURNEY_DATABASES = ScratchDatabases(JOURNEYS_ON) if JOURNEYS_ON else None
