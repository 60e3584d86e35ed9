"""Stopping the core at any point loses no case and no acknowledged message.

Each step of a whole journey is first cut short at every database statement in turn (the process
"dies" there), the bot is started again on the same file, and the platform redelivers the event it
never acknowledged. Whatever was committed stays; whatever was not is done exactly once.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from adapters.shell import PLATFORM, STAFF_ROOM, register_staff
from bot.assembly import build_services
from bot.config import Config
from bot.context import Services
from bot.events import Incoming
from bot.outbox import Dispatcher
from bot.service import CareService
from storage import database, open_database
from storage.database import Database
from storage.postgres import PostgresTransaction
from storage.records import Address
from storage.repositories import Repositories
from tests.conftest import Clock

SCRIPT = [
    ("patient", "hej"),
    ("patient", "1"),
    ("patient", "1"),
    ("patient", "34"),  # their age, asked once without e-ID (DESIGN 11)
    ("patient", "halsen gör ont"),
    ("patient", "1"),  # the suggested questionnaire: sore throat
    *[("patient", "nej")] * 12,
    ("patient", "2"),
    ("patient", "nej"),
    ("patient", "nej"),
    ("patient", "3"),
    *[("patient", "nej")] * 5,
    ("patient", "inget mer"),
    ("patient", "1"),  # send the summary
    ("clinician", "!next"),
    ("patient", "tack, jag väntar"),
    ("clinician", "Hur länge har du haft ont?"),
    ("clinician", "!close"),
]


class Died(BaseException):
    """A process killed right there: nothing the bot can catch and answer (a BaseException,
    like SystemExit), so it is never taken for a failure of the handling."""


class Fuse:
    """Makes the Nth database statement from now raise, like a process killed right there."""

    def __init__(self) -> None:
        self.remaining: int | None = None

    def tick(self) -> None:
        if self.remaining is None:
            return
        if self.remaining == 0:
            self.remaining = None
            raise Died()
        self.remaining -= 1


_SERVICES: dict[Path | str, Services] = {}


async def _start(
    path: Path | str, clock: Clock, out: io.StringIO
) -> tuple[Database, CareService, Dispatcher]:
    config = Config.model_validate({"storage": {"path": str(path)}})
    db = await open_database(path)
    await register_staff(db, config, clock())
    # Loading questionnaires, texts and the lexicon takes half a second; a restart reads the
    # database's state again (a new CareService refreshes closures and lexicon changes), so the
    # loaded files are reused to keep hundreds of restarts quick.
    if path not in _SERVICES:
        _SERVICES[path] = build_services(config, {PLATFORM: STAFF_ROOM}, clock)
    service = CareService(db, _SERVICES[path])

    async def deliver(action: object) -> None:
        out.write(repr(action) + "\n")

    return db, service, Dispatcher(db, PLATFORM, deliver, clock)  # type: ignore[arg-type]


async def _counts(db: Database) -> tuple[int, int, int, int]:
    row = await db.read(
        lambda tx: tx.one(
            "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM messages),"
            " (SELECT count(*) FROM inbox), (SELECT count(*) FROM outbox)"
        )
    )
    assert row is not None
    return tuple(row)  # type: ignore[return-value]


@pytest.mark.parametrize("stride", [1])
async def test_dying_at_any_statement_loses_nothing(
    db_location: Path | str, clock: Clock, monkeypatch: pytest.MonkeyPatch, stride: int
) -> None:
    fuse = Fuse()
    # The statements of whichever backend this run is on (PostgreSQL's has its own methods).
    kind = database.Transaction if isinstance(db_location, Path) else PostgresTransaction
    for name in ("execute", "insert", "one", "all", "many"):
        original = getattr(kind, name)

        def wrapped(self: object, *args: object, _original: object = original) -> object:
            fuse.tick()
            return _original(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(kind, name, wrapped)

    path = db_location
    out = io.StringIO()
    db, service, dispatcher = await _start(path, clock, out)
    deaths = 0
    try:
        for number, (role, text) in enumerate(SCRIPT):
            address = Address(PLATFORM, role)
            event = Incoming(f"evt-{number}", address, address, text, clock())
            cut = 0
            while True:
                before = await _counts(db)
                fuse.remaining = cut
                try:
                    actions = await service.handle(event)
                except Died:
                    deaths += 1
                    # Nothing of the unfinished step may remain: no half case, no half message.
                    await db.close()
                    db, service, dispatcher = await _start(path, clock, out)
                    assert await _counts(db) == before
                    cut += stride
                    continue
                fuse.remaining = None
                assert actions is not None, "the first complete delivery is handled"
                break
            # The platform redelivers an event it is unsure about: nothing happens twice.
            again = await service.handle(event)
            assert again is None
            await dispatcher.drain()
            clock.advance(seconds=3)
    finally:
        fuse.remaining = None
        await db.close()

    assert deaths > len(SCRIPT)  # every step was cut at least once
    db = await open_database(path)

    def check(tx: database.Transaction) -> None:
        repos = Repositories(tx)
        # The only case, whatever its number: PostgreSQL's ids are not reused after a rollback.
        (only,) = tx.all("SELECT id FROM cases")
        case = repos.cases.get(only[0])
        assert case is not None and case.state == "closed"
        record = repos.record.of_case(case.id)
        assert sum(1 for line in record if line.body == "tack, jag väntar") == 1
        assert sum(1 for line in record if line.body == "Hur länge har du haft ont?") == 1
        assert repos.outbox.unsent_count() == 0
        assert repos.cases.count_by_state() == {"closed": 1}

    await db.read(check)
    await db.close()
