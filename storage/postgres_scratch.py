"""Scratch PostgreSQL databases for the tests and the bench: made empty, dropped after, and
the ones a killed run left behind swept by the next run."""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

# Scratch databases a killed run left behind are dropped by the next run that makes one.
_SCRATCH_PREFIXES = ("minvard_scratch", "minvard_test", "minvard_bench")
_STALE_AFTER_SECONDS = 3600
_swept: set[str] = set()


def create_scratch_database(server_url: str, prefix: str = "minvard_scratch") -> str:
    """A new, empty database on the server of `server_url` (for tests and the bench); its URL.
    Made from template0 in UTF-8, so nothing another database left in template1 comes along."""
    if server_url not in _swept:
        _swept.add(server_url)
        try:
            drop_stale_scratch_databases(server_url)
        except psycopg.Error as exc:  # tidying up, not the run's business
            log.warning("could not look for stale scratch databases: %s", type(exc).__name__)
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


def drop_stale_scratch_databases(
    server_url: str, older_than_seconds: float = _STALE_AFTER_SECONDS
) -> list[str]:
    """Drop the scratch databases (tests', the bench's) that nobody is connected to and that
    were made more than `older_than_seconds` ago: a run that was killed never dropped its own.
    One in use, or young (another run's, right now), is left alone. Their names."""
    dropped: list[str] = []
    with psycopg.connect(server_url, autocommit=True) as admin:
        # A database's age: its directory's PG_VERSION file is written when it is made.
        rows = admin.execute(
            "SELECT d.datname FROM pg_database d"
            " WHERE d.datname ~ %s"
            " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)"
            " AND (pg_stat_file('base/' || d.oid || '/PG_VERSION', true)).modification"
            " < now() - make_interval(secs => %s)",
            ("^(" + "|".join(_SCRATCH_PREFIXES) + ")_[0-9a-f]{12}$", older_than_seconds),
        ).fetchall()
        for (name,) in rows:
            try:
                # Without FORCE: one that somebody connected to meanwhile stays.
                admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            except psycopg.Error:
                continue
            dropped.append(name)
    if dropped:
        log.info("dropped %d scratch databases left by killed runs", len(dropped))
    return dropped
