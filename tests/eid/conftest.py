"""The e-ID web endpoint on 127.0.0.1 with a real SQLite file, the local OpenID Connect provider
and the BankID fake; a settable clock shared by all of them; a browser that keeps cookies but
does not follow redirects by itself."""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import httpx
import pytest

from adapters.eid.bankid import BankIdClient, BankIdSettings, http_client
from adapters.eid.endpoint import eid_endpoint
from adapters.eid.oidc import OidcClient, OidcSettings
from adapters.eid.web import EidWeb, WebSettings
from bot.config import Config
from bot.identity.personnummer import luhn_check_digit
from storage.database import Database
from tests.conftest import Chat, Clock, make_chat
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
class Refused:
    """Stands in for `CareService.login_not_completed`: which chats were told, in what language."""

    calls: list[str] = field(default_factory=list)
    language: str = "sv"

    async def __call__(self, chat_key: str) -> str:
        self.calls.append(chat_key)
        return self.language


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
    refused: Refused


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
    refused = Refused()
    eid = EidWeb(
        db,
        clock,
        bound,
        WebSettings(public_url=base_url),
        oidc=oidc,
        bankid=BankIdClient(bankid_http),
        on_refused=refused,
    )
    runner = eid.runner()
    await runner.setup()
    await web.SockSite(runner, sock).start()
    browser = httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False)
    try:
        yield EidHarness(clock, db, eid, bound, provider, bankid, oidc, browser, base_url, refused)
    finally:
        await browser.aclose()
        await runner.cleanup()
        await rp_http.aclose()
        await bankid_http.aclose()
        await db.close()
        await bankid.stop()
        await provider.stop()


# -- the whole bot with e-ID: the shell chat, the e-ID endpoint as `minvard run` builds it, and a
# browser that follows the link the bot sent -----------------------------------------------------

LINK = re.compile(r"http://127\.0\.0\.1:\d+/(?:login|bankid)/[A-Za-z0-9_-]+")


def personnummer(birth: str, serial: str = "238") -> str:
    """A valid 12-digit personnummer born on `birth` (YYYYMMDD)."""
    return f"{birth}{serial}{luhn_check_digit(birth[2:] + serial)}"


@dataclass
class Journey:
    chat: Chat
    web: EidWeb
    provider: FakeOidcProvider
    bankid: FakeBankId
    browser: aiohttp.ClientSession
    clock: Clock

    @staticmethod
    def link(printed: str) -> str:
        found = LINK.findall(printed)
        assert found, f"no login link in {printed!r}"
        return str(found[-1])

    async def output(self) -> str:
        """What the bot sent since the last line (after a login in the browser, say)."""
        out = self.chat.out
        start = out.tell()
        await self.chat.shell.drain()
        out.seek(start)
        return out.read()

    async def get(self, url: str) -> tuple[int, str, str]:
        """(status, Location header, body) without following redirects."""
        async with self.browser.get(url, allow_redirects=False) as response:
            return response.status, response.headers.get("Location", ""), await response.text()

    async def login_oidc(self, link: str, person: Person) -> tuple[str, str]:
        """Opens the link, logs in at the provider as `person`, returns to the bot. Returns
        what the bot said in chat, and the callback URL (for replaying it)."""
        self.provider.person = person
        status, to_provider, _ = await self.get(link)
        assert status == 302, status
        status, callback, _ = await self.get(to_provider)
        assert status == 302 and "/callback?" in callback
        status, _, page = await self.get(callback)
        assert status == 200, page
        return await self.output(), callback

    async def login_bankid(self, link: str, person: Person) -> str:
        before = set(self.bankid.orders)
        status, _, page = await self.get(link)
        assert status == 200, page
        (order_ref,) = set(self.bankid.orders) - before
        self.bankid.complete(
            order_ref, person.personal_number, person.given_name, person.family_name
        )
        status, _, body = await self.get(link + "/qr")
        assert status == 200 and '"complete"' in body, body
        return await self.output()


JourneyFactory = Callable[..., Awaitable[Journey]]


@pytest.fixture
async def journeys(tmp_path: Path, clock: Clock) -> AsyncIterator[JourneyFactory]:
    """`await journeys("oidc", reidentify_per_case=True)`: a bot with that [identity]."""
    async with AsyncExitStack() as stack:

        async def make(provider: str = "oidc", **identity: Any) -> Journey:
            oidc = FakeOidcProvider(clock=clock)
            await oidc.start()
            stack.push_async_callback(oidc.stop)
            bankid = FakeBankId()
            await bankid.start()
            stack.push_async_callback(bankid.stop)
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
            sock.close()
            config = Config.model_validate(
                {
                    "storage": {"path": str(tmp_path / "minvard.db")},
                    "identity": {
                        "provider": provider,
                        "public_url": f"http://127.0.0.1:{port}",
                        "listen_port": port,
                        "oidc": {
                            "issuer": oidc.issuer,
                            "client_id": CLIENT_ID,
                            "client_secret": CLIENT_SECRET,
                        },
                        "bankid": {"api_url": bankid.base_url},
                        **identity,
                    },
                }
            )
            chat = await make_chat(tmp_path / "minvard.db", clock, config)
            stack.push_async_callback(chat.db.close)
            web = await stack.enter_async_context(
                eid_endpoint(
                    config.identity,
                    chat.db,
                    clock,
                    chat.service.verified,
                    on_refused=chat.service.login_not_completed,
                )
            )
            # A browser keeps cookies, also from 127.0.0.1 (aiohttp's default jar drops those).
            jar = aiohttp.CookieJar(unsafe=True)
            browser = await stack.enter_async_context(aiohttp.ClientSession(cookie_jar=jar))
            assert web is not None or provider == "demo"
            return Journey(chat, web, oidc, bankid, browser, clock)  # type: ignore[arg-type]

        yield make


async def log_in(j: Journey, person: Person, role: str = "patient", register: bool = True) -> str:
    """The role writes, follows the link with `person`'s e-ID and (on a first login) skips the
    contact questions. Returns what the bot said after the login."""
    printed = await j.chat.say(_as(role, "hej"))
    said, _ = await j.login_oidc(j.link(printed), person)
    if register and "Vilket språk" in said:  # someone new: their language first
        said += await j.chat.say(_as(role, "1"))  # svenska
    if register and "Vill du få ett sms" in said:
        said += await j.chat.say(_as(role, "hoppa över"))
        said += await j.chat.say(_as(role, "hoppa över"))
    return said


async def to_queue(j: Journey, said: str, complaint: str, role: str = "patient") -> str:
    """From the first intake question (in `said`) to the queue, for the patient themself."""
    printed = ""
    case = await j.chat.case_of(role)
    if case is not None and case.step == "language":
        printed += await j.chat.say(_as(role, "1"))
    printed += await j.chat.say(_as(role, "1"))  # myself
    printed += await j.chat.say(_as(role, complaint))
    printed += await j.chat.answer_calmly(role)
    assert "Ditt ärende är skickat" in printed, printed
    return printed


def _as(role: str, text: str) -> str:
    return text if role == "patient" else f"{role}: {text}"
