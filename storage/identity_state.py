"""e-ID login bookkeeping (migrations 0009, 0021): the e-ID web endpoint claims links and keeps its
logins here; the core adds the links it sends in chat (as `Repositories.login_links`).

Link tokens and OIDC states arrive here already hashed: the plain values never reach the
database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from storage.database import Transaction
from storage.records import from_db_time, to_db_time


class LinkRefusal(Enum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


@dataclass(frozen=True)
class ClaimedLink:
    chat_key: str = field(repr=False)


@dataclass(frozen=True)
class PendingLogin:
    id: str
    provider: str
    chat_key: str = field(repr=False)
    secret: dict[str, Any] = field(repr=False)
    created_at: datetime
    expires_at: datetime
    finished_at: datetime | None
    outcome: str | None
    browser_hash: str | None = field(default=None, repr=False)
    """The hash of the cookie set in the browser that started the login (migration 0021)."""


class IdentityState:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add_link(self, token_hash: str, chat_key: str, now: datetime, expires_at: datetime) -> None:
        self.tx.execute(
            "INSERT INTO eid_login_links (token_hash, chat_key, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (token_hash, chat_key, to_db_time(now), to_db_time(expires_at)),
        )

    def links_since(self, chat_key: str, since: datetime) -> int:
        """Unused login links sent to a chat account since `since`."""
        row = self.tx.one(
            "SELECT count(*) FROM eid_login_links"
            " WHERE chat_key = ? AND created_at >= ? AND used_at IS NULL",
            (chat_key, to_db_time(since)),
        )
        return int(row[0]) if row is not None else 0

    def claim_link(self, token_hash: str, now: datetime) -> ClaimedLink | LinkRefusal:
        """Marks the link used, once: a second claim, or one after expiry, is refused."""
        row = self.tx.one(
            "SELECT chat_key, expires_at, used_at FROM eid_login_links WHERE token_hash = ?",
            (token_hash,),
        )
        if row is None:
            return LinkRefusal.UNKNOWN
        if row["used_at"] is not None:
            return LinkRefusal.USED
        if str(row["expires_at"]) <= to_db_time(now):
            return LinkRefusal.EXPIRED
        changed = self.tx.execute(
            "UPDATE eid_login_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
            (to_db_time(now), token_hash),
        )
        if changed != 1:
            return LinkRefusal.USED
        return ClaimedLink(chat_key=str(row["chat_key"]))

    def add_login(
        self,
        login_id: str,
        key_hash: str,
        provider: str,
        chat_key: str,
        secret: dict[str, Any],
        now: datetime,
        expires_at: datetime,
        browser_hash: str | None = None,
    ) -> None:
        self.tx.execute(
            "INSERT INTO eid_logins (id, key_hash, provider, chat_key, secret, created_at,"
            " expires_at, browser_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                login_id,
                key_hash,
                provider,
                chat_key,
                json.dumps(secret),
                to_db_time(now),
                to_db_time(expires_at),
                browser_hash,
            ),
        )

    def login(self, key_hash: str, provider: str) -> PendingLogin | None:
        row = self.tx.one(
            "SELECT id, provider, chat_key, secret, created_at, expires_at, finished_at, outcome,"
            " browser_hash FROM eid_logins WHERE key_hash = ? AND provider = ?",
            (key_hash, provider),
        )
        if row is None:
            return None
        created = from_db_time(row["created_at"])
        expires = from_db_time(row["expires_at"])
        assert created is not None and expires is not None
        return PendingLogin(
            id=str(row["id"]),
            provider=str(row["provider"]),
            chat_key=str(row["chat_key"]),
            secret=json.loads(row["secret"]),
            created_at=created,
            expires_at=expires,
            finished_at=from_db_time(row["finished_at"]),
            outcome=None if row["outcome"] is None else str(row["outcome"]),
            browser_hash=None if row["browser_hash"] is None else str(row["browser_hash"]),
        )

    def finish_login(self, login_id: str, outcome: str, now: datetime) -> bool:
        """Marks the login finished, once; False if it already was. Forgets its secret."""
        changed = self.tx.execute(
            "UPDATE eid_logins SET finished_at = ?, outcome = ?, secret = '{}'"
            " WHERE id = ? AND finished_at IS NULL",
            (to_db_time(now), outcome, login_id),
        )
        return changed == 1

    def take_login(
        self, key_hash: str, provider: str, outcome: str, now: datetime
    ) -> PendingLogin | LinkRefusal:
        """The login with its secret, marked finished with ``outcome`` in the same step: a second
        take (a replayed callback) or one after expiry is refused."""
        login = self.login(key_hash, provider)
        if login is None:
            return LinkRefusal.UNKNOWN
        if login.finished_at is not None:
            return LinkRefusal.USED
        if login.expires_at <= now:
            self.finish_login(login.id, "expired", now)
            return LinkRefusal.EXPIRED
        if not self.finish_login(login.id, outcome, now):
            return LinkRefusal.USED
        return login

    def record_outcome(self, login_id: str, outcome: str) -> None:
        """The final outcome of a finished login (verified, failed, ...)."""
        self.tx.execute(
            "UPDATE eid_logins SET outcome = ? WHERE id = ? AND finished_at IS NOT NULL",
            (outcome, login_id),
        )

    def purge(self, before: datetime) -> int:
        """Deletes links and logins that expired before ``before``; returns how many."""
        cutoff = to_db_time(before)
        links = self.tx.execute("DELETE FROM eid_login_links WHERE expires_at < ?", (cutoff,))
        logins = self.tx.execute("DELETE FROM eid_logins WHERE expires_at < ?", (cutoff,))
        return links + logins
