"""The thin seam between SQLite and PostgreSQL: what differs, and nothing else.

The repositories write one SQL for both (plain SQL, `?` placeholders, `ON CONFLICT`,
`IS NOT DISTINCT FROM`); what cannot be the same is named here and asked of the transaction's
dialect (`tx.dialect`), never by comparing backend names in a repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol


class Row(Protocol):
    """A result row, by position (`row[0]`) or by column name (`row["id"]`): sqlite3.Row and
    PostgreSQL's rows alike."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Any]: ...

    def keys(self) -> list[str]: ...


@dataclass(frozen=True)
class Dialect:
    name: str
    # Appended to a SELECT that reads rows about to be changed. SQLite needs nothing: its
    # writer holds the whole database (BEGIN IMMEDIATE), so no other writer can come between.
    for_update: str
    # The same, for rows that another process may be taking right now: those are left out
    # instead of waited for (the next case in the queue, the next outbox rows to send).
    skip_locked: str
    # A statement (one `?`: a name) that makes writers taking the same name wait for each
    # other until their transactions end, or "" when writers never overlap (SQLite). Claiming
    # outbox rows needs it on PostgreSQL: SKIP LOCKED alone lets a second process pass over a
    # chat's rows that the first is claiming and take that chat's later ones, out of order.
    one_at_a_time: str


SQLITE = Dialect("sqlite", for_update="", skip_locked="", one_at_a_time="")
POSTGRESQL = Dialect(
    "postgresql",
    for_update=" FOR UPDATE",
    skip_locked=" FOR UPDATE SKIP LOCKED",
    # The two-number form, so that it never meets a lease's or the migrations' one-number key.
    one_at_a_time="SELECT pg_advisory_xact_lock(1836019318, hashtext(?))",
)


@lru_cache(maxsize=4096)
def to_pyformat(sql: str) -> str:
    """The repositories' SQL (`?` and `:name` placeholders) in psycopg's form (`%s`,
    `%(name)s`, a literal `%` doubled). String literals and quoted names are left as written.
    Cached: the repositories' statements are a small fixed set, translated once each."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in ("'", '"'):
            end = sql.find(ch, i + 1)
            while end != -1 and end + 1 < n and sql[end + 1] == ch:  # '' inside a literal
                end = sql.find(ch, end + 2)
            end = n - 1 if end == -1 else end
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
            continue
        if ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        elif ch == ":" and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_"):
            if i > 0 and sql[i - 1] == ":":  # PostgreSQL's cast `::type`
                out.append(ch)
            else:
                j = i + 1
                while j < n and (sql[j].isalnum() or sql[j] == "_"):
                    j += 1
                out.append(f"%({sql[i + 1 : j]})s")
                i = j
                continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)
