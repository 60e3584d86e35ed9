"""`[queue] tie_break` in the chat: the waiting room, `!queue` and `!next` share one order."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Config
from tests.conftest import STOCKHOLM, Chat, Clock, make_chat

P2 = {"pain": "9"}
P3 = {"fever": "ja", "temp_measured": "ja", "temperature": "39,3"}
QUEUED = "Tack! Ditt ärende är skickat till vårdpersonalen. Du är nummer {} i kön"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute, tzinfo=STOCKHOLM)  # a Wednesday


def _queue_order(printed: str) -> list[tuple[int, int, int]]:
    """(case id, triage priority, effective priority) in the order staff see them."""
    return [
        (int(m[0]), int(m[1]), int(m[2])) for m in re.findall(r"#(\d+) P(\d) \(nu P(\d)\)", printed)
    ]


@asynccontextmanager
async def _chat(tmp_path: Path, queue: dict[str, Any]) -> AsyncIterator[Chat]:
    path = tmp_path / "minvard.db"
    config = Config.model_validate({"storage": {"path": str(path)}, "queue": queue})
    chat = await make_chat(path, Clock(at(8)), config)
    try:
        yield chat
    finally:
        await chat.db.close()


async def _aged_p3_then_true_p2(chat: Chat) -> str:
    """Case 1, a P3 at 08:00; case 2, a P2 at 10:05, when the P3 has aged to P2. Returns what
    queuing the P2 printed."""
    await chat.start_to_queue("patient", "feber", P3)
    chat.clock.now = at(10, 5)
    return await chat.start_to_queue("patient2", "mycket ont i magen", P2)


async def test_by_default_next_takes_the_true_p2_before_an_earlier_aged_p3(
    tmp_path: Path,
) -> None:
    # DESIGN 6 as decided: at effective P2 the case triaged P2 goes first, the aged P3 after it.
    async with _chat(tmp_path, {}) as chat:
        printed = await _aged_p3_then_true_p2(chat)
        assert "[bot → patient2] " + QUEUED.format(1) in printed
        assert _queue_order(await chat.say("clinician: !queue")) == [(2, 2, 2), (1, 3, 2)]
        printed = await chat.say("clinician: !next")
        assert "[bot → patient2] Nu är det din tur!" in printed
        assert "[bot → patient] Nu är det din tur!" not in printed


async def test_with_ties_by_arrival_the_earlier_aged_p3_is_taken_first(tmp_path: Path) -> None:
    # The old rule, kept to compare against: at equal effective priority the earlier case first.
    async with _chat(tmp_path, {"tie_break": "arrival"}) as chat:
        printed = await _aged_p3_then_true_p2(chat)
        assert "[bot → patient2] " + QUEUED.format(2) in printed
        assert _queue_order(await chat.say("clinician: !queue")) == [(1, 3, 2), (2, 2, 2)]
        printed = await chat.say("clinician: !next")
        assert "[bot → patient] Nu är det din tur!" in printed
        assert "[bot → patient2] Nu är det din tur!" not in printed
