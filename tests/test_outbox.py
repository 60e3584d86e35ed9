"""The sending worker: a bot stopped in the middle of a batch does not send it again."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from bot.events import Action, Send, encode_action
from bot.outbox import Dispatcher
from storage.database import Database
from storage.records import Address
from storage.repositories import Repositories
from tests.conftest import Clock

WHO = Address("shell", "patient")


async def test_stopping_mid_batch_marks_what_went_out(tmp_path: Path, clock: Clock) -> None:
    db = await Database.open(tmp_path / "m.db")
    actions = [Send(WHO, f"rad {n}") for n in range(10)]
    await db.write(
        lambda tx: Repositories(tx).outbox.add_many(
            [("shell", encode_action(a)) for a in actions], clock()
        )
    )
    delivered: list[str] = []
    fourth = asyncio.Event()

    async def deliver(action: Action) -> None:
        assert isinstance(action, Send)
        delivered.append(action.text)
        if len(delivered) == 4:
            fourth.set()
            await asyncio.sleep(60)  # the stop comes while this one is on its way

    first = asyncio.create_task(Dispatcher(db, "shell", deliver, clock).drain())
    await fourth.wait()
    first.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await first

    async def deliver_again(action: Action) -> None:
        assert isinstance(action, Send)
        delivered.append(action.text)

    await Dispatcher(db, "shell", deliver_again, clock).drain()
    await db.close()
    # The one cut off in flight may go again (at least once); the three before it may not.
    assert delivered[:4] == ["rad 0", "rad 1", "rad 2", "rad 3"]
    assert delivered[4:] == [f"rad {n}" for n in range(3, 10)]
