"""Who holds a database file: each open bot shares a lock on `<file>.lock`; a restore takes it
alone.

SQLite in WAL mode lets another connection read and even write while the bot runs, so SQLite's
own locks cannot tell a restore that a bot still has the file open; replacing it then would
leave the bot writing into a file nobody reads. An advisory `flock` on a file beside the
database can: the kernel drops it when the process ends, however it ends, so a killed bot
never leaves a stale lock behind. Locks are per open file, so this works within one process
too (tests, a shell and a restore in the same interpreter).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class DatabaseInUse(Exception):
    """Another process (or open Database) holds the file."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class DatabaseLock:
    """One held lock; `release()` (or the process ending) lets it go."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def shared(cls, database: Path, *, wait_seconds: float = 30.0) -> DatabaseLock:
        """Held by every process that opens the database. Waits while a restore is replacing
        the file (seconds at most), then gives up rather than hang at start for ever."""
        fd, path = _open(database)
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return cls(fd, path)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise DatabaseInUse(
                        f"{database} is being restored by another process (it holds {path})"
                    ) from None
                time.sleep(0.05)

    @classmethod
    def exclusive(cls, database: Path) -> DatabaseLock:
        """Taken by a restore: refused at once while any bot has the database open."""
        fd, path = _open(database)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatabaseInUse(f"{database} is open in a running minvard process") from None
        return cls(fd, path)

    def release(self) -> None:
        if self._fd is not None:
            # Closing the descriptor drops the lock; the file stays for the next holder.
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _open(database: Path) -> tuple[int, Path]:
    path = lock_path(database.absolute())
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600), path
