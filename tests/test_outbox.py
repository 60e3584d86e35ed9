"""The sending worker: a bot stopped in the middle of a batch does not send it again."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from bot.events import Action, Send, encode_action
from bot.outbox import Dispatcher
from storage import open_database
from storage.database import Database
from storage.postgres_scratch import create_scratch_database, drop_scratch_database
from storage.records import Address
from storage.repositories import Repositories
from tests.conftest import Clock
from tests.postgres import server_or_skip

WHO = Address("shell", "patient")


@pytest.mark.parametrize("shared", [False, True], ids=["one process", "shared outbox"])
async def test_stopping_mid_batch_marks_what_went_out(
    db_location: Path | str, clock: Clock, shared: bool
) -> None:
    db = await open_database(db_location)
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

    first = asyncio.create_task(Dispatcher(db, "shell", deliver, clock, shared=shared).drain())
    await fourth.wait()
    first.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await first

    async def deliver_again(action: Action) -> None:
        assert isinstance(action, Send)
        delivered.append(action.text)

    # Shared: the rows the stopped one had claimed were given back, not held for CLAIM_HOLD.
    await Dispatcher(db, "shell", deliver_again, clock, shared=shared).drain()
    await db.close()
    # The one cut off in flight may go again (at least once); the three before it may not.
    assert delivered[:4] == ["rad 0", "rad 1", "rad 2", "rad 3"]
    assert delivered[4:] == [f"rad {n}" for n in range(3, 10)]


async def test_two_processes_sharing_the_outbox_send_every_row_once(clock: Clock) -> None:
    """Two `minvard run` processes on one PostgreSQL database, each delivering SMS: every row
    goes out once, each chat's in order."""
    server = server_or_skip()
    url = create_scratch_database(server, "minvard_outbox")
    chats = [Address("shell", f"p{n}") for n in range(3)]
    try:
        first, second = await open_database(url), await open_database(url)
        rows = [
            (c.platform, encode_action(Send(c, f"{c.chat}:{n}"))) for n in range(20) for c in chats
        ]
        await first.write(lambda tx: Repositories(tx).outbox.add_many(rows, clock()))
        delivered: list[tuple[str, str]] = []

        def deliverer(name: str) -> Callable[[Action], Awaitable[None]]:
            async def deliver(action: Action) -> None:
                assert isinstance(action, Send)
                delivered.append((name, action.text))
                await asyncio.sleep(0.002)

            return deliver

        async def drain_all(db: Database, name: str) -> None:
            dispatcher = Dispatcher(db, "shell", deliverer(name), clock, batch=5, shared=True)
            async with asyncio.timeout(20):
                while len(delivered) < len(rows):  # as `run` does, without its waiting
                    await dispatcher.drain()
                    await asyncio.sleep(0.005)

        await asyncio.gather(drain_all(first, "first"), drain_all(second, "second"))
        texts = [text for _, text in delivered]
        print(f"delivered by: {Counter(name for name, _ in delivered)}")
        assert sorted(texts) == sorted(f"{c.chat}:{n}" for n in range(20) for c in chats)
        for c in chats:
            mine = [int(t.split(":")[1]) for t in texts if t.startswith(f"{c.chat}:")]
            assert mine == sorted(mine)
        await first.close()
        await second.close()
    finally:
        drop_scratch_database(server, url)


# Nothing blocks and nothing vanishes (issue 13, DESIGN 13).

ANNA = Address("shell", "anna")
BERIT = Address("shell", "berit")


async def _store(db: Database, clock: Clock, payloads: list[str]) -> None:
    await db.write(
        lambda tx: Repositories(tx).outbox.add_many([("shell", p) for p in payloads], clock())
    )


async def _rows(db: Database) -> list[tuple[str, str | None, str | None]]:
    rows = await db.read(
        lambda tx: tx.all("SELECT status, sent_at, last_error FROM outbox ORDER BY id")
    )
    return [(r[0], r[1], r[2]) for r in rows]


async def _letters(db: Database) -> list[tuple[str, int | None, int, str]]:
    rows = await db.read(
        lambda tx: tx.all(
            "SELECT direction, outbox_id, attempts, error FROM dead_letters ORDER BY id"
        )
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


async def test_an_undeliverable_message_is_set_aside_and_other_chats_never_wait(
    db_location: Path | str, clock: Clock
) -> None:
    db = await open_database(db_location)
    await _store(
        db,
        clock,
        [encode_action(a) for a in (Send(ANNA, "a1"), Send(BERIT, "b1"), Send(ANNA, "a2"))],
    )
    delivered: list[str] = []

    async def deliver(action: Action) -> None:
        assert isinstance(action, Send)
        if action.text == "a1":
            raise ConnectionError("the platform is unwell for Anna")
        delivered.append(action.text)

    told: list[int] = []

    async def notice() -> None:
        told.append(len(await _letters(db)))

    dispatcher = Dispatcher(db, "shell", deliver, clock, attempts=3, notice=notice)
    await dispatcher.drain()
    # Berit's message went at once; Anna's second waits behind her first (her order).
    assert delivered == ["b1"]
    for _ in range(2):
        clock.advance(seconds=301)  # past the backoff
        await dispatcher.drain()
    # The third failure set it aside; then Anna's second message went.
    assert delivered == ["b1", "a2"]
    assert await _letters(db) == [("out", 1, 3, "ConnectionError: the platform is unwell for Anna")]
    assert told == [1]
    assert [status for status, _, _ in await _rows(db)] == ["dead", "sent", "sent"]
    assert await db.read(lambda tx: Repositories(tx).outbox.unsent_count()) == 0
    await db.close()


async def test_an_unreadable_or_unknown_message_is_set_aside_at_once(
    db_location: Path | str, clock: Clock
) -> None:
    db = await open_database(db_location)
    unknown = '{"kind": "hologram", "to": {"platform": "shell", "chat": "anna"}, "text": "x"}'
    no_address = '{"kind": "text", "text": "vart?"}'
    await _store(db, clock, ["{not json", unknown, no_address, encode_action(Send(ANNA, "efter"))])
    delivered: list[str] = []

    async def deliver(action: Action) -> None:
        assert isinstance(action, Send)
        delivered.append(action.text)

    await Dispatcher(db, "shell", deliver, clock).drain()
    assert delivered == ["efter"]
    letters = await _letters(db)
    assert [(d, o, a) for d, o, a, _ in letters] == [("out", 1, 0), ("out", 2, 0), ("out", 3, 0)]
    errors = [e for _, _, _, e in letters]
    assert errors[0].startswith("UnreadableAction: not JSON")
    # The intended error, not a KeyError about a field the unknown kind does not have.
    assert errors[1] == "UnreadableAction: unknown action kind 'hologram'"
    assert errors[2] == "UnreadableAction: to: not an address"
    await db.close()


async def test_a_message_refused_for_good_is_recorded_as_dropped_not_sent(
    db_location: Path | str, clock: Clock
) -> None:
    from bot.outbox import Dropped

    db = await open_database(db_location)
    await _store(
        db, clock, [encode_action(Send(ANNA, "blockerad")), encode_action(Send(ANNA, "nästa"))]
    )
    delivered: list[str] = []

    async def deliver(action: Action) -> None:
        assert isinstance(action, Send)
        if action.text == "blockerad":
            raise Dropped("the person blocked the bot")
        delivered.append(action.text)

    await Dispatcher(db, "shell", deliver, clock).drain()
    assert delivered == ["nästa"]
    rows = await _rows(db)
    assert rows[0] == ("dropped", None, "Dropped: the person blocked the bot")
    assert rows[1][0] == "sent" and rows[1][1] is not None
    assert await _letters(db) == []  # refused for good: no admin needed
    await db.close()


async def test_the_admins_hear_of_a_set_aside_message_without_its_words(
    tmp_path: Path, clock: Clock
) -> None:
    from tests.conftest import make_chat

    chat = await make_chat(tmp_path / "m.db", clock)
    try:
        await _store(chat.db, clock, ["{trasig"])
        await chat.shell.drain()
        printed = chat.out.getvalue()
        assert "[bot → staff] ⚠️ Undanlagt #1: ett utgående meddelande (shell)" in printed
        assert "[bot → admin] ⚠️ Undanlagt #1" in printed
        assert "trasig" not in printed
        listed = await chat.say("admin: !deadletters list")
        assert "• #1 utgående, shell," in listed and "0 försök, väntar: UnreadableAction" in listed
        # A retry puts it back in the outbox (still unreadable here, so set aside anew).
        printed = await chat.say("admin: !deadletters retry 1")
        assert "[bot → admin] #1 ligger i kön och skickas igen." in printed
        assert "[bot → staff] ⚠️ Undanlagt #2: ett utgående meddelande" in printed
    finally:
        await chat.db.close()


def test_payload_checks_hold_under_python_optimised() -> None:
    import subprocess
    import sys

    code = (
        "from bot.events import decode_action, UnreadableAction\n"
        "try:\n"
        '    decode_action(\'{"kind": "join", "case_id": 1}\')\n'
        "except UnreadableAction as exc:\n"
        "    print('refused:', exc)\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-O", "-c", code], capture_output=True, text=True, cwd=root, timeout=60
    )
    assert done.stdout.strip() == "refused: clinician: not an address", done.stderr
