"""Delivery reports that overtake the gateway's answer to the send.

A fast gateway can post "delivered" to our callback before its answer to the send (the message's
id) has been stored. The stand-in gateway here does exactly that: it posts its reports to the
real callback endpoint and only then answers. Such a report is kept and applied when the id is
stored; one whose id never comes is forgotten after a day; delivered and failed are final.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from tests.conftest import Chat, Clock, make_chat
from tests.test_sms import MOBILE, SECRET, Gateway, _config, _post, _signed, _your_turn, texting

TWILIO_TOKEN = "twilio-auth-token"  # what tests.test_sms._config gives Twilio
TEXT = "Det är din tur i Min vård"


def _gateway_id(provider: str, number: int) -> str:
    """Ids shaped like the gateways' own, unique enough to search the logs for."""
    digest = hashlib.sha256(f"{provider}-{number}".encode()).hexdigest()[:32]
    return ("SM" if provider == "twilio" else "s") + digest


@dataclass
class FastGateway(Gateway):
    """Posts `early` statuses to the message's report URL, then answers the send."""

    early: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # the ids it gave, in order
    answered: list[int] = field(default_factory=list)  # our endpoint's answers to the reports


@pytest.fixture
async def chat(db_location: Path | str, clock: Clock) -> AsyncIterator[Chat]:
    """Reports kept for an id not stored yet, and forgotten after a day, are storage's
    (storage/sms_log.py): on both backends."""
    chat = await make_chat(db_location, clock)
    try:
        yield chat
    finally:
        await chat.db.close()


@pytest.fixture
async def fast_gateway() -> AsyncIterator[FastGateway]:
    state = FastGateway()

    async def receive(request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        state.requests.append(form)
        twilio = "Body" in form
        message_id = _gateway_id("twilio" if twilio else "46elks", len(state.requests))
        state.ids.append(message_id)
        for status in state.early:
            if twilio:
                url = form["StatusCallback"]
                report = {
                    "AccountSid": "AC1",
                    "ApiVersion": "2010-04-01",
                    "From": "MinVard",
                    "MessageSid": message_id,
                    "MessageStatus": status,
                    "SmsSid": message_id,
                    "SmsStatus": status,
                    "To": form["To"],
                }
                signature = {"X-Twilio-Signature": _signed(TWILIO_TOKEN, url, report)}
                state.answered.append(await _post(url, report, signature))
            else:
                report = {"id": message_id, "status": status}
                state.answered.append(await _post(form["whendelivered"], report))
        return web.json_response({"id": message_id, "sid": message_id, "status": "created"})

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


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)


@pytest.mark.parametrize("reported", ["delivered", "failed"])
async def test_a_46elks_report_before_the_id_is_stored_counts_once_it_is(
    chat: Chat, fast_gateway: FastGateway, caplog: pytest.LogCaptureFixture, reported: str
) -> None:
    caplog.set_level(logging.DEBUG)
    fast_gateway.early = ["sent", reported]
    async with texting(chat, _config(fast_gateway, "46elks")):
        await _your_turn(chat)
    assert fast_gateway.answered == [200, 200]
    assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", reported)]
    assert await chat.repos(lambda r: r.sms.early_reports()) == []
    logged = _logged(caplog)
    for private in (SECRET, MOBILE, TEXT, fast_gateway.ids[0]):
        assert private not in logged, private


@pytest.mark.parametrize(
    ("reported", "stored"), [("delivered", "delivered"), ("undelivered", "failed")]
)
async def test_a_twilio_report_before_the_id_is_stored_counts_once_it_is(
    chat: Chat,
    fast_gateway: FastGateway,
    caplog: pytest.LogCaptureFixture,
    reported: str,
    stored: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    fast_gateway.early = ["queued", "sent", reported]
    async with texting(chat, _config(fast_gateway, "twilio")):
        await _your_turn(chat)
    assert fast_gateway.answered == [200, 200, 200]
    assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", stored)]
    assert await chat.repos(lambda r: r.sms.early_reports()) == []
    logged = _logged(caplog)
    for private in (SECRET, MOBILE, TEXT, fast_gateway.ids[0]):
        assert private not in logged, private


@pytest.mark.parametrize(("hours", "status"), [(23, "delivered"), (25, "sent")])
async def test_a_report_waits_a_day_for_its_id_and_is_then_forgotten(
    chat: Chat, fast_gateway: FastGateway, hours: int, status: str
) -> None:
    config = _config(fast_gateway, "46elks")
    url = f"{config.sms.callback_url}/sms/46elks/{SECRET}"
    first = _gateway_id("46elks", 1)  # the id the gateway will give the message
    async with texting(chat, config):
        assert await _post(url, {"id": first, "status": "delivered"}) == 200
        assert await chat.repos(lambda r: r.sms.early_reports()) == [("46elks", first, "delivered")]
        chat.clock.advance(hours=hours)
        await _your_turn(chat)
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", status)]
        # Applied or expired: either way nothing is left waiting.
        assert await chat.repos(lambda r: r.sms.early_reports()) == []


async def test_an_orphan_report_is_deleted_after_a_day_by_the_next_report(
    chat: Chat, fast_gateway: FastGateway
) -> None:
    config = _config(fast_gateway, "twilio")
    url = f"{config.sms.callback_url}/sms/twilio/{SECRET}"

    async def report(message_id: str) -> int:
        form = {"MessageSid": message_id, "MessageStatus": "undelivered"}
        return await _post(url, form, {"X-Twilio-Signature": _signed(TWILIO_TOKEN, url, form)})

    async with texting(chat, config):
        assert await report("SMnever") == 200
        chat.clock.advance(hours=23)
        assert await report("SMlater") == 200
        assert await chat.repos(lambda r: r.sms.early_reports()) == [
            ("twilio", "SMnever", "failed"),
            ("twilio", "SMlater", "failed"),
        ]
        chat.clock.advance(hours=2)
        assert await report("SMlast") == 200
        assert await chat.repos(lambda r: r.sms.early_reports()) == [
            ("twilio", "SMlater", "failed"),
            ("twilio", "SMlast", "failed"),
        ]


async def test_the_first_outcome_stands_whatever_is_reported_after_it(
    chat: Chat, fast_gateway: FastGateway
) -> None:
    # Before the id is stored: delivered, then a contradicting failed and a late sent.
    fast_gateway.early = ["delivered", "failed", "sent"]
    config = _config(fast_gateway, "46elks")
    async with texting(chat, config):
        await _your_turn(chat)
        assert fast_gateway.answered == [200, 200, 200]
        assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "delivered")]
        # After it is stored, the same: neither a failed nor a sent undoes the delivery.
        url = f"{config.sms.callback_url}/sms/46elks/{SECRET}"
        for late in ("failed", "sent"):
            assert await _post(url, {"id": fast_gateway.ids[0], "status": late}) == 200
            assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "delivered")]
        assert await chat.repos(lambda r: r.sms.early_reports()) == []


async def test_our_own_late_sent_does_not_undo_a_reported_outcome(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("mobil 070-123 45 67")
    await chat.say("clinician: !next")
    await chat.service.sms_status(1, "failed")
    await chat.service.sms_status(1, "sent", "46elks", "s-late")
    assert await chat.repos(lambda r: r.sms.of_case(1)) == [("your_turn", "failed")]


async def test_an_orphan_report_is_deleted_by_the_jobs_after_a_quiet_day(
    chat: Chat, fast_gateway: FastGateway
) -> None:
    config = _config(fast_gateway, "46elks")
    async with texting(chat, config):
        url = f"{config.sms.callback_url}/sms/46elks/{SECRET}"
        assert await _post(url, {"id": "snever", "status": "delivered"}) == 200
    await chat.service.tick()
    assert len(await chat.repos(lambda r: r.sms.early_reports())) == 1
    chat.clock.advance(hours=25)
    await chat.service.tick()  # no text message or report came in all day
    assert await chat.repos(lambda r: r.sms.early_reports()) == []
