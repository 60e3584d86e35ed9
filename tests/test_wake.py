"""The loops that run until stopped (outbox delivery, Telegram's sending) stop when told, even
when the stop comes in the very loop turn in which they are woken."""

from __future__ import annotations

import asyncio

from bot.wake import woken_within


async def test_a_stop_that_comes_with_a_wake_ends_the_loop() -> None:
    wake = asyncio.Event()
    rounds: list[bool] = []

    async def deliver_forever() -> None:
        while True:
            rounds.append(await woken_within(wake, 10.0))
            wake.clear()

    loop = asyncio.create_task(deliver_forever())
    await asyncio.sleep(0.01)

    async def wake_and_stop() -> None:
        wake.set()  # a new message and the shutdown in the same turn
        loop.cancel()

    await wake_and_stop()
    done, _ = await asyncio.wait({loop}, timeout=2.0)
    loop.cancel()  # ends it when it went on
    assert loop in done, "the loop went on after its stop"


async def test_it_says_whether_it_was_woken_or_the_time_ran_out() -> None:
    wake = asyncio.Event()
    assert await woken_within(wake, 0.01) is False
    asyncio.get_running_loop().call_later(0.01, wake.set)
    assert await woken_within(wake, 5.0) is True
