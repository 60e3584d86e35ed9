"""Storage: the database (SQLite, or PostgreSQL for several processes), its migrations and the
repositories, the only place with SQL."""

from __future__ import annotations

from pathlib import Path

from storage.database import Database

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


async def open_database(location: str | Path, *, durable: bool = True) -> Database:
    """SQLite for a file path (the embedded default), PostgreSQL for a postgresql:// URL."""
    if is_postgres_url(location):
        # Imported only here: a SQLite installation never loads the PostgreSQL driver.
        from storage.postgres import PostgresDatabase

        return await PostgresDatabase.open(str(location), durable=durable)
    return await Database.open(location, durable=durable)
