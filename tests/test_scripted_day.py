"""A scripted stretch of the staffed calendar: overnight arrivals, a weekday and julafton.

Cases arrive overnight, staff start at 08:00 (10:00 on julafton, a de-facto holiday), a P2 case
overtakes earlier P4 cases, old P4 cases age ahead of a newer P3, and nothing ages into P1.
"""

from __future__ import annotations

import re
from datetime import datetime

from tests.conftest import STOCKHOLM, Chat

P2 = {"pain": "9"}
P3 = {"fever": "ja", "temp_measured": "ja", "temperature": "39,3"}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=STOCKHOLM)


async def _tick(chat: Chat) -> str:
    start = chat.out.tell()
    await chat.service.tick()
    await chat.shell.dispatcher.drain()
    chat.out.seek(start)
    return chat.out.read()


def _queue_order(printed: str) -> list[tuple[int, int, int]]:
    """(case id, triage priority, effective priority) in the order staff see them."""
    return [
        (int(m[0]), int(m[1]), int(m[2])) for m in re.findall(r"#(\d+) P(\d) \(nu P(\d)\)", printed)
    ]


async def test_a_scripted_weekday_and_julafton(chat: Chat) -> None:
    chat.clock.now = at(22, 22, 0)  # Tuesday evening
    await _tick(chat)
    printed = await chat.start_to_queue("patient", "ont i knät")
    assert "vi öppnar igen i morgon kl. 8.00" in printed
    chat.clock.now = at(23, 3, 0)  # in the night
    await chat.start_to_queue("patient2", "utslag")

    chat.clock.now = at(23, 7, 59)
    assert "God morgon" not in await _tick(chat)
    chat.clock.now = at(23, 8, 0)
    assert "God morgon! Chatten är bemannad nu. I kön: 2 (P4 2)." in await _tick(chat)

    chat.clock.now = at(23, 8, 30)
    await chat.start_to_queue("patient3", "mycket ont i magen", P2)
    assert _queue_order(await chat.say("clinician: !queue")) == [(3, 2, 2), (1, 4, 4), (2, 4, 4)]

    chat.clock.now = at(23, 11, 0)
    await chat.start_to_queue("patient4", "feber", P3)
    assert [c[0] for c in _queue_order(await chat.say("clinician: !queue"))] == [3, 4, 1, 2]

    # By noon the overnight P4 cases have waited 240 staffed minutes (from 08:00, not from when
    # they arrived): they count as P3 and, having come first, go ahead of the 11:00 P3.
    chat.clock.now = at(23, 12, 1)
    assert _queue_order(await chat.say("clinician: !queue")) == [
        (3, 2, 2),
        (1, 4, 3),
        (2, 4, 3),
        (4, 3, 3),
    ]
    printed = await chat.say("clinician: !next")
    assert "[bot → patient3] Nu är det din tur!" in printed
    await chat.say("clinician: !close")

    chat.clock.now = at(23, 16, 0)
    assert "Chatten är obemannad från och med nu. Kvar i kön: 3" in await _tick(chat)

    # Julafton: weekend hours, 10–14. At 08:00 it is still closed.
    chat.clock.now = at(24, 8, 0)
    assert await _tick(chat) == ""
    chat.clock.now = at(24, 8, 30)
    printed = await chat.start_to_queue("patient5", "hosta")
    assert "vi öppnar igen i dag kl. 10.00" in printed
    chat.clock.now = at(24, 10, 0)
    assert "God morgon! Chatten är bemannad nu. I kön: 4" in await _tick(chat)

    # Waiting since Wednesday: P3 and P4 cases age as far as P2, never into P1.
    chat.clock.now = at(24, 13, 59)
    order = _queue_order(await chat.say("clinician: !queue"))
    assert [c[0] for c in order[:3]] == [1, 2, 4]
    assert all(effective >= 2 for _, _, effective in order)
    assert (4, 3, 2) in order
