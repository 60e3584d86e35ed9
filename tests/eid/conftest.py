"""The e-ID web endpoint on 127.0.0.1 with a real SQLite file, the local OpenID Connect provider
and the BankID fake; a settable clock shared by all of them; a browser that does not follow
redirects by itself."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from adapters.eid.bankid import BankIdClient, BankIdSettings, http_client
from adapters.eid.oidc import OidcClient, OidcSettings
from adapters.eid.web import EidWeb, WebSettings
from storage.database import Database
from tests.conftest import Clock
from tests.eid.fake_bankid import FakeBankId
from tests.eid.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeOidcProvider, Person

STOCKHOLM = ZoneInfo("Europe/Stockholm")
START = datetime(2026, 11, 25, 9, 0, tzinfo=STOCKHOLM)
TIMEOUT = httpx.Timeout(5.0)

ALICE = Person("198112189876", "Alice", "Andersson")
BOB = Person("191212121212", "Tolvan", "Tolvansson")


@dataclass
class Bound:
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    async def __call__(self, chat_key: str, personnummer: str, name: str) -> None:
        self.calls.append((chat_key, personnummer, name))


@dataclass
class EidHarness:
    clock: Clock
    db: Database
    web: EidWeb
    bound: Bound
    provider: FakeOidcProvider
    bankid: FakeBankId
    oidc: OidcClient
    browser: httpx.AsyncClient
    base_url: str


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
async def harness(tmp_path: Path, clock: Clock) -> AsyncIterator[EidHarness]:
    from aiohttp import web

    provider = FakeOidcProvider(clock=clock)
    await provider.start()
    bankid = FakeBankId()
    await bankid.start()
    db = await Database.open(tmp_path / "eid.db")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    rp_http = httpx.AsyncClient(timeout=TIMEOUT)
    bankid_http = http_client(BankIdSettings(base_url=bankid.base_url, timeout_seconds=5.0))
    oidc = OidcClient(
        OidcSettings(
            issuer=provider.issuer,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            redirect_uri=f"{base_url}/callback",
        ),
        rp_http,
        clock,
    )
    bound = Bound()
    eid = EidWeb(
        db,
        clock,
        bound,
        WebSettings(public_url=base_url),
        oidc=oidc,
        bankid=BankIdClient(bankid_http),
    )
    runner = eid.runner()
    await runner.setup()
    await web.SockSite(runner, sock).start()
    browser = httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False)
    try:
        yield EidHarness(clock, db, eid, bound, provider, bankid, oidc, browser, base_url)
    finally:
        await browser.aclose()
        await runner.cleanup()
        await rp_http.aclose()
        await bankid_http.aclose()
        await db.close()
        await bankid.stop()
        await provider.stop()
