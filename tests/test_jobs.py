"""The periodic jobs with an injected clock: notices, alerts and clean-up happen once each."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import STOCKHOLM, Chat, Clock, make_chat


@pytest.fixture
async def chat(db_location: Path | str, clock: Clock) -> AsyncIterator[Chat]:
    """The jobs read and delete through storage (the queue's figures, stale intakes, records
    past their time): on both backends."""
    chat = await make_chat(db_location, clock)
    try:
        yield chat
    finally:
        await chat.db.close()


async def _tick(chat: Chat) -> str:
    start = chat.out.tell()
    await chat.service.tick()
    await chat.shell.dispatcher.drain()
    chat.out.seek(start)
    return chat.out.read()


async def test_opening_digest_and_closing_notice_once_each(chat: Chat) -> None:
    chat.clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=STOCKHOLM)  # Friday, open
    assert await _tick(chat) == ""  # the first tick only learns the state
    chat.clock.now = datetime(2026, 11, 27, 16, 0, tzinfo=STOCKHOLM)
    await chat.start_to_queue()
    await chat.start_to_queue("patient2", "svår smärta", {"pain": "9"})
    closing = await _tick(chat)
    assert (
        "[bot → staff] Chatten är obemannad från och med nu. Kvar i kön: 2 (P2 1, P4 1)." in closing
    )
    assert await _tick(chat) == ""
    chat.clock.now = datetime(2026, 11, 28, 10, 0, tzinfo=STOCKHOLM)  # Saturday 10.00
    opening = await _tick(chat)
    assert "[bot → staff] God morgon! Chatten är bemannad nu. I kön: 2 (P2 1, P4 1)." in opening
    assert await _tick(chat) == ""


async def test_a_case_past_its_target_alerts_the_staff_room_once(chat: Chat) -> None:
    await chat.start_to_queue("patient", "svår smärta", {"pain": "9"})  # P2: 60 minutes
    chat.clock.advance(minutes=55)
    assert "⏰" not in await _tick(chat)
    chat.clock.advance(minutes=10)
    alert = await _tick(chat)
    assert "[bot → staff] ⏰ Ärende #1 (P2) har väntat längre än målet på 60 min." in alert
    chat.clock.advance(minutes=10)
    assert "⏰" not in await _tick(chat)


async def test_an_unfinished_intake_is_purged_and_the_patient_told(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")
    await chat.say("Jag har ont i foten sedan jag ramlade")
    chat.clock.advance(hours=23)
    assert "tagit bort" not in await _tick(chat)
    chat.clock.advance(hours=2)
    printed = await _tick(chat)
    assert "[bot → patient] Ditt påbörjade ärende skickades aldrig in" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "cancelled" and case.complaint is None
    assert await chat.repos(lambda r: r.record.of_case(case.id)) == []
    assert await chat.repos(lambda r: r.answers.count(case.id)) == 0


async def _rows(chat: Chat, table: str) -> int:
    row = await chat.db.read(lambda tx: tx.one(f"SELECT count(*) FROM {table}"))
    assert row is not None
    return int(row[0])


async def test_closed_records_are_kept_ten_years_and_then_deleted(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("mobil 070-123 45 67")
    printed = await chat.say("clinician: !next")
    assert "[bot → sms]" in printed  # an SMS log row belongs to the case
    printed = await chat.say("fan vad ont det gör")
    await chat.say("clinician: !close")
    assert await _rows(chat, "moderation_verdicts")  # and so does the moderation verdict
    chat.clock.advance(days=365 * 10)
    await _tick(chat)
    assert await chat.repos(lambda r: r.cases.get(1)) is not None
    chat.clock.advance(days=10)
    await _tick(chat)
    assert await chat.repos(lambda r: r.cases.get(1)) is None
    assert await chat.repos(lambda r: r.record.of_case(1)) == []
    assert await _rows(chat, "moderation_verdicts") == 0
    assert await _rows(chat, "sms") == 0
    # The audit trail of who accessed the case outlives the record.
    assert ("shell:clinician", "take") in await chat.repos(lambda r: r.audit.of_case(1))


async def test_the_daily_summary_at_closing_has_the_figures_and_a_chart(chat: Chat) -> None:
    import base64

    from bot.events import Send

    chat.clock.now = datetime(2026, 11, 27, 9, 0, tzinfo=STOCKHOLM)  # Friday, open
    await _tick(chat)
    await chat.start_to_queue()
    await chat.start_to_queue("patient2", "svår smärta", {"pain": "9"})
    chat.clock.now = datetime(2026, 11, 27, 9, 40, tzinfo=STOCKHOLM)
    await chat.say("clinician: !next")
    await chat.say("clinician: !close")
    await chat.say("clinician: !next")
    chat.clock.now = datetime(2026, 11, 27, 16, 0, tzinfo=STOCKHOLM)
    actions = await chat.service.tick()
    summaries = [a for a in actions if isinstance(a, Send) and a.image is not None]
    assert len(summaries) == 1
    assert summaries[0].text.startswith("I dag:")
    assert "P2: 1 tagna" in summaries[0].text and "P4: 1 tagna" in summaries[0].text
    png = base64.b64decode(summaries[0].image or "")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    start = chat.out.tell()
    await chat.shell.drain()
    chat.out.seek(start)
    assert "[PNG, " in chat.out.read()
