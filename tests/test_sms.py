"""Text messages: numbers in E.164, neutral "your turn" texts, gateways at the HTTP boundary."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import httpx
import pytest
from aiohttp import web

from adapters.sms import FortySixElks, SmsDelivery, Twilio, build_sender
from adapters.sms_callbacks import web_endpoints
from bot.config import Config, SmsConfig
from bot.events import SMS
from bot.outbox import Dispatcher
from bot.phone import parse_mobile
from tests.conftest import Chat


@dataclass
class Gateway:
    """A local stand-in for an SMS gateway: records requests, can fail on demand."""

    url: str = ""
    requests: list[dict[str, str]] = field(default_factory=list)
    auth: list[str] = field(default_factory=list)
    failures: int = 0


@pytest.fixture
async def gateway() -> AsyncIterator[Gateway]:
    state = Gateway()

    async def receive(request: web.Request) -> web.Response:
        state.auth.append(request.headers.get("Authorization", ""))
        if state.failures > 0:
            state.failures -= 1
            return web.json_response({"error": "busy"}, status=503)
        form = dict(await request.post())
        state.requests.append({k: str(v) for k, v in form.items()})
        number = len(state.requests)
        return web.json_response({"id": f"s{number}", "sid": f"SM{number}", "status": "created"})

    app = web.Application()
    app.router.add_post("/a1/sms", receive)
    app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", receive)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state.url = f"http://127.0.0.1:{port}"
    try:
        yield state
    finally:
        await runner.cleanup()


def test_numbers_are_stored_in_e164_and_landlines_refused() -> None:
    assert parse_mobile("070-123 45 67") == "+46701234567"
    assert parse_mobile("+46 70 123 45 67") == "+46701234567"
    assert parse_mobile("0046701234567") == "+46701234567"
    assert parse_mobile("08-123 456 78") is None  # a Stockholm landline
    assert parse_mobile("ring mig") is None


async def test_your_turn_comes_by_sms_without_health_information(chat: Chat) -> None:
    printed = await chat.say("mobil 070-123 45 67")
    assert "vi skickar ett sms till 070-123 45 67 när det är din tur" in printed.lower()
    await chat.start_to_queue(complaint="Svamp i underlivet och sveda när jag kissar")
    printed = await chat.say("clinician: !next")
    sms_lines = [line for line in printed.splitlines() if line.startswith("[bot → sms]")]
    assert sms_lines == ["[bot → sms] Det är din tur i Min vård. Öppna chatten för att fortsätta."]
    assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "sent")]


async def test_no_number_no_sms_and_a_bad_number_is_refused_kindly(chat: Chat) -> None:
    printed = await chat.say("mobil 08-123 456 78")
    assert "Det ser inte ut som ett mobilnummer." in printed
    await chat.start_to_queue()
    printed = await chat.say("clinician: !next")
    assert "[bot → sms]" not in printed
    assert await chat.repos(lambda r: r.sms.of_case(1)) == []


async def test_46elks_gets_e164_basic_auth_and_dontlog_and_retries_after_a_failure(
    chat: Chat, gateway: Gateway
) -> None:
    config = SmsConfig(
        provider="46elks",
        api_base=gateway.url,
        username="u123",
        password="secret",
        sender="MinVard",
    )
    async with httpx.AsyncClient(timeout=5) as client:
        delivery = SmsDelivery(chat.service, FortySixElks(config, client))
        chat.shell.sms = Dispatcher(chat.db, SMS, delivery.deliver, chat.clock)
        await chat.say("mobil +46 70 123 45 67")
        await chat.start_to_queue()
        gateway.failures = 1
        await chat.say("clinician: !next")  # the gateway answers 503: kept for a retry
        assert gateway.requests == []
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "retrying")]
        chat.clock.advance(seconds=5)
        await chat.shell.drain()
    # Exactly these fields: with no callback_url, no delivery report is asked for.
    assert gateway.requests == [
        {
            "from": "MinVard",
            "to": "+46701234567",
            "message": "Det är din tur i Min vård. Öppna chatten för att fortsätta.",
            "dontlog": "message",
        }
    ]
    assert gateway.auth[-1] == "Basic " + base64.b64encode(b"u123:secret").decode()
    assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "sent")]


async def test_twilio_gets_to_from_and_body(chat: Chat, gateway: Gateway) -> None:
    config = SmsConfig(
        provider="twilio", api_base=gateway.url, username="AC1", password="tok", sender="+4610"
    )
    async with httpx.AsyncClient(timeout=5) as client:
        sent_id = await Twilio(config, client).send("+46701234567", "Det är din tur.")
    assert sent_id == "SM1"
    # Exactly these fields: with no callback_url, no StatusCallback.
    assert gateway.requests == [{"To": "+46701234567", "From": "+4610", "Body": "Det är din tur."}]


async def test_an_unanswered_call_reminds_the_clinician_who_may_close_as_not_reached(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    await chat.say("mobil 070-123 45 67")
    await chat.say("clinician: !next")
    chat.clock.advance(minutes=11)
    start = chat.out.tell()
    await chat.service.tick()
    await chat.shell.drain()
    chat.out.seek(start)
    reminder = chat.out.read()
    assert "[bot → clinician] Patienten i ärende #1 har inte svarat på 10 minuter." in reminder
    # The log sender cannot confirm delivery: the clinician is told it is not confirmed.
    assert "är skickat men ännu inte bekräftat som levererat" in reminder
    printed = await chat.say("clinician: !close not_reached")
    assert "[bot → patient] Vi försökte nå dig i chatten men fick inget svar" in printed
    case = await chat.case_of()
    assert case is not None and case.close_outcome == "not_reached"


@pytest.mark.parametrize(
    ("status", "told"),
    [("delivered", "har kommit fram till telefonen"), ("failed", "kom inte fram till telefonen")],
)
async def test_the_reminder_says_whether_the_text_reached_the_phone(
    chat: Chat, status: str, told: str
) -> None:
    await chat.start_to_queue()
    await chat.say("mobil 070-123 45 67")
    await chat.say("clinician: !next")
    await chat.service.sms_status(1, status)  # as the gateway's delivery report records it
    chat.clock.advance(minutes=11)
    start = chat.out.tell()
    await chat.service.tick()
    await chat.shell.drain()
    chat.out.seek(start)
    assert told in chat.out.read()


SECRET = "Ch7tW2m9QxK4pLr8vNs3bZy6dFg1hJk5eAc0uTo-_iM"
MOBILE = "+46701234567"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(gateway: Gateway, provider: str, **more: Any) -> Config:
    port = _free_port()
    sms = {
        "provider": provider,
        "api_base": gateway.url,
        "username": "AC1" if provider == "twilio" else "u123",
        "password": "twilio-auth-token" if provider == "twilio" else "secret",
        "callback_url": f"http://127.0.0.1:{port}",
        "callback_secret": SECRET,
        "listen_port": port,
    }
    return Config.model_validate({"sms": sms, **more})


@asynccontextmanager
async def texting(chat: Chat, config: Config) -> AsyncIterator[None]:
    """The bot as `minvard run` has it: the gateway sender and the web endpoints."""
    async with (
        httpx.AsyncClient(timeout=5) as client,
        web_endpoints(config, chat.db, chat.clock, chat.service),
    ):
        delivery = SmsDelivery(chat.service, build_sender(config.sms, client))
        chat.shell.sms = Dispatcher(chat.db, SMS, delivery.deliver, chat.clock)
        yield


async def _your_turn(chat: Chat) -> None:
    await chat.say("mobil 070-123 45 67")
    await chat.start_to_queue()
    await chat.say("clinician: !next")


async def _post(url: str, form: dict[str, str], headers: dict[str, str] | None = None) -> int:
    """The gateway's side of a report (aiohttp: unlike httpx, it logs no URLs of its own)."""
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, data=form, headers=headers) as answer,
    ):
        return answer.status


@pytest.mark.parametrize("reported", ["delivered", "failed"])
async def test_46elks_reports_whether_your_turn_reached_the_phone(
    chat: Chat, gateway: Gateway, caplog: pytest.LogCaptureFixture, reported: str
) -> None:
    caplog.set_level(logging.DEBUG)
    config = _config(gateway, "46elks")
    async with texting(chat, config):
        await _your_turn(chat)
        (sent,) = gateway.requests
        assert sent["whendelivered"] == f"{config.sms.callback_url}/sms/46elks/{SECRET}"
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "sent")]
        report = {"id": "s1", "status": reported}
        if reported == "delivered":
            report["delivered"] = "2026-11-25T08:00:12.345678"
        assert await _post(sent["whendelivered"], report) == 200
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", reported)]
        # 46elks reports "sent" too, and not always in order: it does not undo the outcome.
        assert await _post(sent["whendelivered"], {"id": "s1", "status": "sent"}) == 200
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", reported)]
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    assert SECRET not in logged and MOBILE not in logged


async def test_a_report_without_the_secret_is_refused_and_an_unknown_id_changes_nothing(
    chat: Chat, gateway: Gateway
) -> None:
    config = _config(gateway, "46elks")
    async with texting(chat, config):
        await _your_turn(chat)
        base = f"{config.sms.callback_url}/sms/46elks/"
        wrong = "x" * len(SECRET)
        assert await _post(base + wrong, {"id": "s1", "status": "failed"}) == 403
        assert await _post(base + SECRET, {"id": "s999", "status": "failed"}) == 200
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "sent")]


def _signed(token: str, url: str, params: dict[str, str]) -> str:
    """As Twilio documents it: the URL, then each POST parameter's name and value sorted by
    name, HMAC-SHA1 with the auth token, base64."""
    data = url + "".join(name + params[name] for name in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


async def test_twilio_reports_are_taken_only_with_twilios_signature(
    chat: Chat, gateway: Gateway
) -> None:
    documented = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    example = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert _signed("12345", example, documented) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    config = _config(gateway, "twilio")
    async with texting(chat, config):
        await _your_turn(chat)
        (sent,) = gateway.requests
        url = sent["StatusCallback"]
        assert url == f"{config.sms.callback_url}/sms/twilio/{SECRET}"
        report = {
            "AccountSid": "AC1",
            "ApiVersion": "2010-04-01",
            "ErrorCode": "30003",
            "From": "MinVard",
            "MessageSid": "SM1",
            "MessageStatus": "undelivered",
            "SmsSid": "SM1",
            "SmsStatus": "undelivered",
            "To": MOBILE,
        }
        forged = _signed("not-the-auth-token", url, report)
        assert await _post(url, report, {"X-Twilio-Signature": forged}) == 403
        assert await _post(url, report) == 403
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "sent")]
        genuine = _signed("twilio-auth-token", url, report)
        assert await _post(url, report, {"X-Twilio-Signature": genuine}) == 200
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "failed")]


async def test_reports_share_the_e_id_endpoint_when_they_listen_on_its_address(
    chat: Chat, gateway: Gateway
) -> None:
    port = _free_port()
    identity = {
        "provider": "oidc",
        "public_url": f"http://127.0.0.1:{port}",
        "listen_port": port,
        "oidc": {"issuer": "http://127.0.0.1:9", "client_id": "minvard"},
    }
    config = _config(gateway, "46elks", identity=identity)
    config = config.model_copy(update={"sms": config.sms.model_copy(update={"listen_port": port})})
    async with texting(chat, config):
        await _your_turn(chat)
        url = f"http://127.0.0.1:{port}/sms/46elks/{SECRET}"
        assert await _post(url, {"id": "s1", "status": "delivered"}) == 200
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "delivered")]
        async with httpx.AsyncClient(timeout=5) as http:
            login = await http.get(f"http://127.0.0.1:{port}/login/{'a' * 43}")
        # The e-ID endpoint's own page (its identity broker is not running here).
        assert "text/html" in login.headers["content-type"]
