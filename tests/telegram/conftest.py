"""The real aiogram bot, the real core and a real SQLite file, against the fake Bot API server."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from adapters.telegram import TelegramAdapter
from bot.assembly import build_services
from bot.config import Config
from bot.service import CareService
from storage.database import Database
from storage.records import Address, Case
from storage.repositories import Repositories
from testkit.calm import calm_answer
from testkit.fake_bot_api import Call, FakeBotAPI
from tests.conftest import Clock

T = TypeVar("T")
TOKEN = "123456:TEST-token"
STAFF_CHAT = -1001000
PATIENT = 1001
PATIENT2 = 1002
ANNA = 2001
ERIK = 2002
STRANGER = 3003


def tg(chat: int) -> Address:
    return Address("telegram", str(chat))


@dataclass
class World:
    """The fake server, the database and a running adapter that tests can stop and start."""

    api: FakeBotAPI
    path: Path
    clock: Clock
    rate_limits: bool = False
    db: Database | None = None
    service: CareService | None = None
    adapter: TelegramAdapter | None = None
    task: asyncio.Task[None] | None = None
    injected: int = 0
    wrap_handle: Callable[[CareService], None] | None = None
    telegram: dict[str, Any] = field(default_factory=dict)
    config: Config = field(init=False)

    def __post_init__(self) -> None:
        self.config = Config.model_validate(
            {
                "storage": {"path": str(self.path)},
                "telegram": {
                    "enabled": True,
                    "token": TOKEN,
                    "api_base": self.api.base,
                    "staff_chat_id": STAFF_CHAT,
                    "rate_limits": self.rate_limits,
                    **self.telegram,
                },
            }
        )

    async def start(self) -> None:
        self.db = await Database.open(self.path)
        adapter = TelegramAdapter(
            self.config, clock=self.clock, poll_timeout=1, retry_seconds=0.05, member_ttl=0.2
        )
        services = build_services(self.config, {"telegram": tg(STAFF_CHAT)}, self.clock)
        self.service = CareService(self.db, services)
        if self.wrap_handle is not None:
            self.wrap_handle(self.service)
        self.adapter = adapter
        self.injected = 0
        self.task = asyncio.create_task(adapter.run(self.service))
        await asyncio.wait_for(adapter.ready.wait(), 5)

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None
        if self.db is not None:
            await self.db.close()
            self.db = None

    async def unsent(self) -> int:
        assert self.db is not None
        return await self.db.read(lambda tx: Repositories(tx).outbox.unsent_count())

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait until every injected update was handled and the outbox is empty."""
        assert self.adapter is not None
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            if self.task is not None and self.task.done():
                self.task.result()  # the adapter died: show why
            if self.adapter.handled >= self.injected and await self.unsent() == 0:
                return
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(
                    f"not settled: handled {self.adapter.handled} of {self.injected}, "
                    f"unsent {await self.unsent()}"
                )
            await asyncio.sleep(0.01)

    async def say(self, user: int, text: str | None, **kw: Any) -> list[str]:
        """`user` writes; returns what the bot sent to that chat in answer."""
        chat = kw.get("chat", user)
        before = len(self.api.texts(chat))
        await self.api.message(user, text, **kw)
        self.injected += 1
        await self.settle()
        return self.api.texts(chat)[before:]

    async def press(self, user: int, question: Call, number: int) -> list[str]:
        chat = int(question.params["chat_id"])
        before = len(self.api.texts(chat))
        await self.api.press(user, question, f"a:{number}")
        self.injected += 1
        await self.settle()
        return self.api.texts(chat)[before:]

    async def repos(self, look: Callable[[Repositories], T]) -> T:
        assert self.db is not None
        return await self.db.read(lambda tx: look(Repositories(tx)))

    async def case_of(self, user: int) -> Case | None:
        def latest(repos: Repositories) -> Case | None:
            patient = repos.patients.by_account(tg(user))
            return None if patient is None else repos.cases.latest_for_patient(patient.id)

        return await self.repos(latest)

    async def benign_answer(self, user: int) -> str | None:
        case = await self.case_of(user)
        if case is None:
            return None
        assert self.service is not None
        intake = self.service.intake
        return await self.repos(lambda repos: calm_answer(intake, repos, case))

    async def to_queue(self, user: int, complaint: str = "ont i halsen") -> list[str]:
        said = await self.say(user, "hej")
        said += await self.say(user, "1")  # Svenska
        said += await self.say(user, "1")  # myself
        said += await self.say(user, "34")  # their age: asked once without e-ID
        said += await self.say(user, complaint)
        for _ in range(60):
            answer = await self.benign_answer(user)
            if answer is None:
                return said
            said += await self.say(user, answer)
        raise AssertionError("the questionnaire did not end")

    def sent_id(self, chat: int, prefix: str) -> int:
        """The message id of the first line the bot sent `chat` starting with `prefix` (to reply
        to it, as a clinician answers a relayed line)."""
        call = next(
            c for c in self.api.sent("sendMessage", chat) if c.params["text"].startswith(prefix)
        )
        return int(call.result["message_id"])

    def keyboard_of(self, call: Call) -> list[str]:
        markup = call.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [row[0]["text"] for row in markup.get("inline_keyboard", [])]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    server.members[STAFF_CHAT].update({ANNA: "member", ERIK: "administrator"})
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def world(api: FakeBotAPI, tmp_path: Path, clock: Clock) -> AsyncIterator[World]:
    w = World(api, tmp_path / "minvard.db", clock)
    await w.start()
    try:
        yield w
    finally:
        await w.stop()
