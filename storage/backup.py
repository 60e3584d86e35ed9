"""Backing up and restoring the SQLite database (`minvard backup PATH`, `minvard restore PATH`).

A backup is one self-contained SQLite file, made with SQLite's online backup API in a single
step: that step reads one snapshot, so the copy is consistent while the bot keeps writing (in
WAL mode a reader never stops a writer). It is written to a temporary file beside the target,
checked, and only then renamed into place, so a half-written backup never carries the name.

A restore checks the backup first, refuses while any process has the database open (see
`storage/file_lock.py`), copies the backup in beside the live file, and keeps the old file
(with its WAL) aside under a dated name before renaming the copy into place.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from storage.database import _migration_files
from storage.file_lock import DatabaseInUse, DatabaseLock

__all__ = ["BackupError", "DatabaseInUse", "Restored", "Summary", "backup", "describe", "restore"]

_SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """Something the operator can fix: the message says what and how."""


@dataclass(frozen=True)
class Summary:
    """What a database file holds, as checked: size, schema version, cases by state."""

    path: Path
    size: int
    schema_version: int
    cases: dict[str, int] = field(default_factory=dict)

    @property
    def case_count(self) -> int:
        return sum(self.cases.values())


@dataclass(frozen=True)
class Restored:
    summary: Summary
    # The replaced database and its WAL, renamed; empty when the target was a new path.
    kept_aside: list[Path]


def known_schema_version() -> int:
    """The newest migration this minvard knows."""
    return max(number for number, _, _ in _migration_files())


def describe(path: Path) -> Summary:
    """Check that `path` is a whole minvard database this version can run, and say what it holds."""
    if not path.exists():
        raise BackupError(f"there is no file at {path}")
    if path.is_dir():
        raise BackupError(f"{path} is a folder, not a database file")
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise BackupError(f"{path} is not an SQLite database (so not a minvard backup)")
    try:
        with closing(_read_only(path)) as conn:
            return _summary(conn, path)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} cannot be read as a database: {exc}") from exc


def backup(source: Path, target: Path, now: datetime) -> Summary:
    """Copy the live database at `source` to `target` (a file, or a folder to hold a dated one)."""
    if not source.exists():
        raise BackupError(f"there is no database at {source}; nothing to back up")
    if target.is_dir():
        target = target / f"{source.stem}-{now.strftime('%Y%m%dT%H%M%SZ')}{source.suffix}"
    if target.exists():
        if _same_file(source, target):
            raise BackupError(f"{target} is the live database itself; choose another path")
        if not _looks_like_sqlite(target):
            raise BackupError(f"{target} exists and is not a database; it is left as it is")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(_read_only(source)) as live:
            _summary(live, source)  # refuse to back up what is not a minvard database
            with _temporary_beside(target) as temporary:
                _copy(live, temporary)
                summary = describe(temporary)
                os.replace(temporary, target)
                _sync_folder(target.parent)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} could not be copied: {exc}") from exc
    return Summary(target, target.stat().st_size, summary.schema_version, summary.cases)


def restore(source: Path, target: Path, now: datetime) -> Restored:
    """Replace the database at `target` with the backup at `source`.

    Raises DatabaseInUse while a bot has `target` open; BackupError when the backup is not one
    this minvard can run. Nothing changes at `target` in either case."""
    summary = describe(source)
    if target.exists() and _same_file(source, target):
        raise BackupError(f"{source} is the live database itself; nothing to restore")
    target.parent.mkdir(parents=True, exist_ok=True)
    with DatabaseLock.exclusive(target), _temporary_beside(target) as temporary:
        with closing(_read_only(source)) as backup_conn:
            _copy(backup_conn, temporary)
        copied = describe(temporary)
        if copied.cases != summary.cases:
            raise BackupError(f"the copy of {source} differs from it; nothing was replaced")
        kept = _set_aside(target, now)
        os.replace(temporary, target)
        _sync_folder(target.parent)
    return Restored(
        Summary(target, target.stat().st_size, summary.schema_version, summary.cases), kept
    )


# Helpers


def _read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: checking or copying never creates a file, or changes one.
    conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def _summary(conn: sqlite3.Connection, path: Path) -> Summary:
    if (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        is None
    ):
        raise BackupError(
            f"{path} is an SQLite database but not a minvard one (no schema_migrations)"
        )
    version = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
    known = known_schema_version()
    if version > known:
        raise BackupError(
            f"{path} has schema version {version}, made by a newer minvard (this one knows up to"
            f" {known}): install that version or a later one, then try again"
        )
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError(f"{path} is damaged: {'; '.join(problems[:5])}")
    has_cases = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'"
    ).fetchone()
    cases: dict[str, int] = {}
    if has_cases is not None:
        cases = dict(
            conn.execute("SELECT state, COUNT(*) FROM cases GROUP BY state ORDER BY state")
        )
    return Summary(path, path.stat().st_size, int(version), cases)


def _copy(source: sqlite3.Connection, target: Path) -> None:
    with closing(sqlite3.connect(target, isolation_level=None)) as copy:
        # pages=-1: the whole database in one step, so one snapshot; several steps would
        # restart whenever the bot commits in between.
        source.backup(copy, pages=-1)
        # One self-contained file: no -wal beside it to forget when it is moved or copied.
        copy.execute("PRAGMA journal_mode=DELETE")
    with target.open("rb") as handle:
        os.fsync(handle.fileno())


@contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A new empty path in the target's folder (so the final rename is atomic); removed unless
    it was renamed into place."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            with suppress(FileNotFoundError):
                leftover.unlink()


def _set_aside(target: Path, now: datetime) -> list[Path]:
    """Rename the old database and its WAL to `<name>.before-restore-<time>`; drop the -shm
    (an index SQLite rebuilds). A WAL left beside the new file would be replayed into it."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = target.with_name(f"{target.name}.before-restore-{stamp}")
    if target.exists():
        _checkpoint(target)
    kept = []
    for suffix in ("", "-wal"):
        old = Path(f"{target}{suffix}")
        if old.exists():
            new = Path(f"{aside}{suffix}")
            os.replace(old, new)
            kept.append(new)
    with suppress(FileNotFoundError):
        Path(f"{target}-shm").unlink()
    return kept


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the old file, so the file kept aside is whole on its own. A damaged
    file (perhaps why we restore) is kept as it is, WAL and all."""
    with (
        suppress(sqlite3.DatabaseError),
        closing(sqlite3.connect(path, isolation_level=None)) as conn,
    ):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except FileNotFoundError:
        return False


def _looks_like_sqlite(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry has reached the disk.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
