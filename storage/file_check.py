"""Whether the SQLite file can be opened and written, asked before anything starts.

Here and not in the command line because it opens the file with SQL (every statement lives in
storage/)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path


def storage_problem(path_text: str) -> str | None:
    """Why the database file cannot be opened or written, or None. Creates nothing: `check`
    says this without leaving a file behind, and `run` before anything starts."""
    if path_text == ":memory:":
        return None
    path = Path(path_text).absolute()
    if path.is_dir():
        return f"{path} is a directory; give the database file's path, e.g. {path / 'minvard.db'}"
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            return f"{path} cannot be read and written by this user"
        try:
            with closing(sqlite3.connect(path.as_uri() + "?mode=rw", uri=True)) as conn:
                conn.execute("PRAGMA schema_version")
        except sqlite3.Error as exc:
            return f"{path} cannot be opened as a database: {exc}"
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        return f"the folder {path.parent} cannot be made: {folder} is a file"
    try:
        # SQLite writes its journal beside the file, so the folder itself must take new files.
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if folder != path.parent:
            return f"the folder {path.parent} cannot be made in {folder} ({reason})"
        return f"nothing can be written in {folder} ({reason})"
    return None
