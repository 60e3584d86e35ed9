"""`minvard backup PATH` and `minvard restore PATH`: what the operator types and reads.

The work is in `storage/backup.py`; this turns its outcome into lines an operator can act on.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from storage import is_postgres_url
from storage.backup import BackupError, DatabaseInUse, Summary, backup, restore

GUIDE = "docs/operations.md"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    size = float(n)
    for unit in ("kB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            break
    return f"{size:.1f} {unit}"


def _what(summary: Summary) -> str:
    states = ", ".join(f"{count} {state}" for state, count in sorted(summary.cases.items()))
    cases = f"{summary.case_count} cases" + (f" ({states})" if states else "")
    return f"{_size(summary.size)}, schema version {summary.schema_version}, {cases}"


def backup_command(config: Config, target: Path) -> int:
    if is_postgres_url(config.storage.url):
        print(
            "this bot keeps its data in PostgreSQL ([storage] url); back it up with pg_dump"
            f" (and WAL archiving for point-in-time recovery), as {GUIDE} describes",
            file=sys.stderr,
        )
        return 2
    source = Path(config.storage.path)
    try:
        saved = backup(source, target, datetime.now(UTC))
    except BackupError as exc:
        print(f"backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"saved {saved.path}: {_what(saved)}; integrity checked")
    return 0


def restore_command(config: Config, source: Path) -> int:
    if is_postgres_url(config.storage.url):
        print(
            "this bot keeps its data in PostgreSQL ([storage] url); restore it with pg_restore"
            f" (or point-in-time recovery), as {GUIDE} describes",
            file=sys.stderr,
        )
        return 2
    target = Path(config.storage.path)
    try:
        done = restore(source, target, datetime.now(UTC))
    except DatabaseInUse as exc:
        print(
            f"restore refused: {exc}. Stop the bot first (e.g. `systemctl stop minvard`), then"
            " run the restore again; nothing was changed",
            file=sys.stderr,
        )
        return 1
    except BackupError as exc:
        print(f"restore refused: {exc}; nothing was changed", file=sys.stderr)
        return 1
    print(f"restored {source} into {done.summary.path}: {_what(done.summary)}")
    if done.kept_aside:
        print("the database it replaced is kept as " + " and ".join(map(str, done.kept_aside)))
    else:
        print(f"{target} was a new path; nothing was replaced")
    print("start the bot as usual; it carries on from the backup")
    return 0
