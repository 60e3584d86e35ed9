"""Text messages: numbers in E.164, neutral "your turn" texts, gateways at the HTTP boundary."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from aiohttp import web

from adapters.sms import FortySixElks, SmsDelivery, Twilio
from bot.config import SmsConfig
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
    assert gateway.requests == [{"To": "+46701234567", "From": "+4610", "Body": "Det är din tur."}]


async def test_an_unanswered_call_reminds_the_clinician_who_may_close_as_not_reached(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    chat.clock.advance(minutes=11)
    start = chat.out.tell()
    await chat.service.tick()
    await chat.shell.drain()
    chat.out.seek(start)
    reminder = chat.out.read()
    assert "[bot → clinician] Patienten i ärende #1 har inte svarat på 10 minuter." in reminder
    printed = await chat.say("clinician: !close not_reached")
    assert "[bot → patient] Vi försökte nå dig i chatten men fick inget svar" in printed
    case = await chat.case_of()
    assert case is not None and case.close_outcome == "not_reached"
