"""The e-ID bookkeeping tables, on both backends: one-time claims, and purging what expired."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage import open_database
from storage.database import Transaction
from storage.identity_state import ClaimedLink, IdentityState, LinkRefusal, PendingLogin
from tests.eid.conftest import START, EidHarness


async def test_link_claimed_once(db_location: Path | str) -> None:
    db = await open_database(db_location)
    try:
        end = START + timedelta(minutes=5)
        await db.write(lambda tx: IdentityState(tx).add_link("h1", "telegram:1", START, end))
        first = await db.write(lambda tx: IdentityState(tx).claim_link("h1", START))
        assert first == ClaimedLink("telegram:1")
        second = await db.write(lambda tx: IdentityState(tx).claim_link("h1", START))
        assert second is LinkRefusal.USED
        unknown = await db.write(lambda tx: IdentityState(tx).claim_link("h2", START))
        assert unknown is LinkRefusal.UNKNOWN
    finally:
        await db.close()


async def test_login_taken_once_and_secret_forgotten(db_location: Path | str) -> None:
    db = await open_database(db_location)
    try:
        end = START + timedelta(minutes=10)
        await db.write(
            lambda tx: IdentityState(tx).add_login(
                "id1", "k1", "oidc", "telegram:1", {"nonce": "n"}, START, end
            )
        )
        taken = await db.write(lambda tx: IdentityState(tx).take_login("k1", "oidc", "x", START))
        assert isinstance(taken, PendingLogin) and taken.secret == {"nonce": "n"}
        again = await db.write(lambda tx: IdentityState(tx).take_login("k1", "oidc", "x", START))
        assert again is LinkRefusal.USED
        other = await db.write(lambda tx: IdentityState(tx).take_login("k1", "bankid", "x", START))
        assert other is LinkRefusal.UNKNOWN
        stored = await db.read(lambda tx: IdentityState(tx).login("k1", "oidc"))
        assert stored is not None and stored.secret == {} and stored.outcome == "x"
    finally:
        await db.close()


async def test_purge_forgets_expired_links_and_logins(harness: EidHarness) -> None:
    h = harness
    await h.web.issue_link("telegram:1")
    h.clock.advance(hours=1)
    await h.web.issue_link("telegram:2")
    assert await h.web.purge() == 0
    h.clock.advance(days=1)
    assert await h.web.purge() == 1
    rows = await h.db.read(lambda tx: tx.all("SELECT chat_key FROM eid_login_links"))
    assert [row["chat_key"] for row in rows] == ["telegram:2"]


async def test_purge_deletes_only_what_expired_before_the_cutoff(db_location: Path | str) -> None:
    db = await open_database(db_location)
    try:
        soon, later = START + timedelta(minutes=5), START + timedelta(hours=2)

        def issue(tx: Transaction) -> None:
            state = IdentityState(tx)
            state.add_link("h1", "telegram:1", START, soon)
            state.add_link("h2", "telegram:1", START + timedelta(minutes=1), later)
            state.add_login("id1", "k1", "oidc", "telegram:1", {"nonce": "n"}, START, soon)
            state.add_login("id2", "k2", "bankid", "telegram:2", {}, START, later)

        await db.write(issue)
        since = START + timedelta(seconds=30)
        assert await db.read(lambda tx: IdentityState(tx).links_since("telegram:1", since)) == 1
        assert await db.write(lambda tx: IdentityState(tx).purge(START + timedelta(hours=1))) == 2

        def left(tx: Transaction) -> tuple[object, ...]:
            state = IdentityState(tx)
            return (
                state.claim_link("h1", START),
                state.login("k1", "oidc"),
                state.login("k2", "bankid"),
            )

        gone_link, gone_login, kept_login = await db.write(left)
        assert gone_link is LinkRefusal.UNKNOWN and gone_login is None
        assert kept_login is not None and kept_login.provider == "bankid"
    finally:
        await db.close()
