"""Waiting to be woken, in the loops that run until they are stopped (the outbox's delivery,
Telegram's sending)."""

from __future__ import annotations

import asyncio
import contextlib


async def woken_within(event: asyncio.Event, seconds: float) -> bool:
    """Wait until `event` is set, at most `seconds`; whether it was.

    asyncio.timeout rather than wait_for: on Python 3.11 wait_for swallows a cancel that comes
    in the loop turn in which the event is set, so a loop around it went on after its stop, and
    the stop (a shutdown, a test's teardown) waited for it forever."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await event.wait()
    return event.is_set()
