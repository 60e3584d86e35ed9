"""Shared fixtures: a real SQLite file, the real core and the shell transport, a settable clock."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest

from adapters.shell import PLATFORM, STAFF_ROOM, Shell, parse_line, register_staff
from bot.assembly import build_services
from bot.config import Config
from bot.service import CareService
from storage import open_database
from storage.database import Database
from storage.records import Case
from storage.repositories import Repositories
from testkit.calm import calm_answer
from tests.postgres import JOURNEY_DATABASES, JOURNEYS_ON, ScratchDatabases, server_or_skip

T = TypeVar("T")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A Wednesday morning: staffed.
OPEN_TIME = datetime(2026, 11, 25, 9, 0, tzinfo=STOCKHOLM)
# A Saturday evening: closed until Sunday 10.00.
CLOSED_TIME = datetime(2026, 11, 28, 20, 0, tzinfo=STOCKHOLM)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now = self.now + timedelta(**delta)


@dataclass
class Chat:
    """Drives the shell adapter in-process and returns what each line printed."""

    shell: Shell
    out: io.StringIO
    db: Database
    clock: Clock
    service: CareService
    transcript: list[str] = field(default_factory=list)
    # What a patient answers when the bot asks their own age (no e-ID: asked once, DESIGN 11),
    # so that scripts about something else need not say it; None: the test answers itself.
    age: str | None = "34"

    async def say(self, line: str) -> str:
        start = self.out.tell()
        await self.shell.feed(line)
        self.clock.advance(seconds=5)
        self.out.seek(start)
        printed = self.out.read()
        self.transcript.append(f"> {line}\n{printed}")
        role, _ = parse_line(line)
        if self.age is not None and role.startswith("patient"):
            case = await self.case_of(role)
            if case is not None and case.state == "intake" and case.step == "self_age":
                prefix = "" if role == "patient" else f"{role}: "
                printed += await self.say(prefix + self.age)
        return printed

    async def case_of(self, role: str = "patient") -> Case | None:
        def latest(repos: Repositories) -> Case | None:
            patient = repos.patients.by_account(_address(role))
            return None if patient is None else repos.cases.latest_for_patient(patient.id)

        return await self.repos(latest)

    async def repos(self, look: Callable[[Repositories], T]) -> T:
        """Look at the database through the repositories (read-only)."""
        return await self.db.read(lambda tx: look(Repositories(tx)))

    async def benign_answer(
        self, role: str = "patient", overrides: dict[str, str] | None = None
    ) -> str | None:
        """A calm answer to what the patient is being asked (None: nothing to answer)."""
        case = await self.case_of(role)
        if case is None:
            return None
        intake = self.service.intake
        return await self.repos(lambda repos: calm_answer(intake, repos, case, overrides))

    async def answer_calmly(
        self, role: str = "patient", limit: int = 60, overrides: dict[str, str] | None = None
    ) -> str:
        """Answer every question with a calm answer, pick the suggested questionnaire and send
        the summary; returns all that was printed."""
        printed = ""
        for _ in range(limit):
            answer = await self.benign_answer(role, overrides)
            if answer is None:
                return printed
            line = answer if role == "patient" else f"{role}: {answer}"
            printed += await self.say(line)
        raise AssertionError("the questionnaire did not end")

    async def answer_to_summary(self, overrides: dict[str, str] | None = None) -> str:
        """Calm answers until the patient's own summary is shown (not sent); returns what the
        last answer printed: the summary."""
        printed = ""
        for _ in range(60):
            case = await self.case_of()
            assert case is not None
            if case.step == "confirm":
                return printed
            answer = await self.benign_answer(overrides=overrides)
            assert answer is not None, case.step
            printed = await self.say(answer)
        raise AssertionError("no summary")

    async def start_to_queue(
        self,
        role: str = "patient",
        complaint: str = "ont i halsen",
        overrides: dict[str, str] | None = None,
    ) -> str:
        prefix = "" if role == "patient" else f"{role}: "
        printed = await self.say(f"{prefix}hej")
        if "Vilket språk" in printed:
            printed += await self.say(f"{prefix}1")
        printed += await self.say(f"{prefix}1")  # myself
        printed += await self.say(f"{prefix}{complaint}")
        printed += await self.answer_calmly(role, overrides=overrides)
        return printed


def _address(role: str) -> Any:
    from storage.records import Address

    return Address(PLATFORM, role)


async def make_chat(path: Path | str, clock: Clock, config: Config | None = None) -> Chat:
    """`path`: a SQLite file, or a PostgreSQL URL (`db_location`)."""
    config = config or Config.model_validate({"storage": {"path": str(path)}})
    # MINVARD_TEST_DATABASE=postgresql://…: the same journeys on a fresh PostgreSQL database.
    if _JOURNEY_DATABASES is not None and isinstance(path, Path):
        path = _JOURNEY_DATABASES.for_path(path)
    db = await open_database(path)
    await register_staff(db, config, clock())
    services = build_services(config, {PLATFORM: STAFF_ROOM}, clock)
    service = CareService(db, services)
    out = io.StringIO()
    shell = Shell(service, out, clock, run_id="test")
    return Chat(shell, out, db, clock, service)


@pytest.fixture
def clock() -> Clock:
    return Clock(OPEN_TIME)


_JOURNEY_DATABASES = JOURNEY_DATABASES


@pytest.fixture(autouse=True)
def _journey_databases() -> Iterator[None]:
    """With MINVARD_TEST_DATABASE, drops the databases a test's harness made."""
    if _JOURNEY_DATABASES is not None:
        server_or_skip(JOURNEYS_ON)
    yield
    if _JOURNEY_DATABASES is not None:
        _JOURNEY_DATABASES.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """Where a storage test keeps its database, once per backend: a SQLite file, or a fresh
    PostgreSQL database (dropped after the test). Open it with `storage.open_database`, as
    often as the test restarts."""
    if request.param == "sqlite":
        yield tmp_path / "storage.db"
        return
    scratch = ScratchDatabases(server_or_skip())
    try:
        yield scratch.new("test")
    finally:
        scratch.drop_all()


@pytest.fixture
async def chat(tmp_path: Path, clock: Clock) -> AsyncIterator[Chat]:
    chat = await make_chat(tmp_path / "minvard.db", clock)
    try:
        yield chat
    finally:
        await chat.db.close()
