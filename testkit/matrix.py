"""The Matrix harness for tests and benches: the real bot over a SQLite file on a real Synapse,
and nio people (patients, clinicians) who keep every line they can read."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from nio import (
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    JoinResponse,
    LoginResponse,
    MatrixRoom,
    MegolmEvent,
    RoomCreateResponse,
    RoomMessageNotice,
    RoomMessageText,
    RoomPreset,
    RoomSendResponse,
)

from adapters.matrix import MatrixAdapter
from bot.assembly import build_services
from bot.config import Config
from bot.service import CareService
from storage.database import Database
from storage.records import Address, Case
from storage.repositories import Repositories
from testkit.calm import calm_answer
from testkit.synapse_server import Homeserver

T = TypeVar("T")
PASSWORD = "correct horse battery staple"
# A Wednesday morning (staffed); the bot's clock runs on from there in real time.
OPEN_TIME = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
WAIT = 30.0  # seconds: the longest any single expectation may take (a loaded machine)


async def wait_until(
    condition: Callable[[], bool | Awaitable[bool]], what: str, timeout: float = WAIT
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


@dataclass
class Line:
    room_id: str
    sender: str
    body: str
    notice: bool
    event_id: str


@dataclass
class Person:
    """A nio client playing a patient or a clinician; it keeps every line it can read."""

    client: AsyncClient
    lines: list[Line] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    accept_invites: bool = True
    # What went wrong on this person's side (a failed join, an event it could not decrypt):
    # for the message of a test that times out waiting for a line.
    trouble: list[str] = field(default_factory=list)

    @property
    def user_id(self) -> str:
        return str(self.client.user_id)

    async def _on_message(self, room: MatrixRoom, event: Any) -> None:
        notice = isinstance(event, RoomMessageNotice)
        self.lines.append(Line(room.room_id, event.sender, event.body, notice, event.event_id))

    async def _on_invite(self, room: MatrixRoom, event: InviteMemberEvent) -> None:
        if (
            self.accept_invites
            and event.state_key == self.user_id
            and event.membership == ("invite")
        ):
            answer = await self.client.join(room.room_id)
            if not isinstance(answer, JoinResponse):
                self.trouble.append(f"join {room.room_id} failed: {answer}")

    async def _on_unreadable(self, room: MatrixRoom, event: MegolmEvent) -> None:
        self.trouble.append(f"could not decrypt {event.event_id} in {room.room_id}")

    def start(self) -> None:
        self.client.add_event_callback(self._on_message, (RoomMessageText, RoomMessageNotice))
        self.client.add_event_callback(self._on_invite, InviteMemberEvent)
        self.client.add_event_callback(self._on_unreadable, MegolmEvent)
        self.task = asyncio.create_task(
            self.client.sync_forever(timeout=1000, full_state=True, set_presence="offline")
        )

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with _suppress_cancel():
                await self.task
        await self.client.close()

    async def send(self, room_id: str, text: str) -> str:
        await wait_until(lambda: room_id in self.client.rooms, f"{self.user_id} in the room")
        answer = await asyncio.wait_for(
            self.client.room_send(
                room_id,
                "m.room.message",
                {"msgtype": "m.text", "body": text},
                ignore_unverified_devices=True,
            ),
            WAIT,
        )
        assert isinstance(answer, RoomSendResponse), answer
        return str(answer.event_id)

    def said(self, room_id: str, by: str) -> list[str]:
        return [line.body for line in self.lines if line.room_id == room_id and line.sender == by]

    async def expect(self, room_id: str, by: str, text: str, after: int = 0) -> str:
        """Wait for a line by `by` containing `text`, among those after the first `after`."""

        def found() -> bool:
            return any(text in body for body in self.said(room_id, by)[after:])

        await wait_until(found, f"{text!r} from {by} in {room_id}")
        return next(body for body in self.said(room_id, by)[after:] if text in body)

    async def talk(self, room_id: str, bot: str, text: str, expect: str) -> str:
        mark = len(self.said(room_id, bot))
        await self.send(room_id, text)
        return await self.expect(room_id, bot, expect, mark)

    def in_room(self, room_id: str, user_id: str) -> bool:
        room = self.client.rooms.get(room_id)
        return room is not None and user_id in room.users and user_id not in room.invited_users


class _suppress_cancel:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> bool:
        return kind is not None and issubclass(kind, asyncio.CancelledError)


class RunningClock:
    """The bot's clock: from OPEN_TIME on in real time; a test may move it forward."""

    def __init__(self) -> None:
        self.began = datetime.now(UTC)
        self.ahead = timedelta(0)

    def __call__(self) -> datetime:
        return OPEN_TIME + (datetime.now(UTC) - self.began) + self.ahead

    def advance(self, **delta: float) -> None:
        self.ahead += timedelta(**delta)


@dataclass
class Bot:
    """The real bot (core + Matrix adapter) over a SQLite file, startable and stoppable."""

    config: Config
    db: Database
    service: CareService
    adapter: MatrixAdapter | None = None
    task: asyncio.Task[None] | None = None
    timeline_limit: int = 100
    sync_timeout_ms: int = 1000
    outbox_poll_seconds: float = 1.0
    clock: RunningClock = field(default_factory=RunningClock)

    @property
    def user_id(self) -> str:
        return self.config.matrix.user_id

    async def start(self) -> None:
        self.adapter = MatrixAdapter(
            self.config,
            sync_timeout_ms=self.sync_timeout_ms,
            outbox_poll_seconds=self.outbox_poll_seconds,
            timeline_limit=self.timeline_limit,
        )
        self.task = asyncio.create_task(self.adapter.run(self.service))
        adapter = self.adapter
        await wait_until(lambda: self._alive() and adapter.batches > 0, "the bot's first sync")

    def _alive(self) -> bool:
        assert self.task is not None
        if self.task.done():
            self.task.result()  # raises what stopped it
        return True

    async def stop(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
            with _suppress_cancel(), contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.task, WAIT)
        self.task = None

    async def repos(self, look: Callable[[Repositories], T]) -> T:
        return await self.db.read(lambda tx: look(Repositories(tx)))

    async def case_of(self, room_id: str) -> Case | None:
        def latest(repos: Repositories) -> Case | None:
            patient = repos.patients.by_account(Address("matrix", room_id))
            return None if patient is None else repos.cases.latest_for_patient(patient.id)

        return await self.repos(latest)

    async def benign_answer(self, room_id: str) -> str | None:
        case = await self.case_of(room_id)
        if case is None:
            return None
        intake = self.service.intake
        return await self.repos(lambda repos: calm_answer(intake, repos, case))


@dataclass
class World:
    """One test's people on the session's homeserver: a bot, a staff room, patients."""

    server: Homeserver
    tmp: Path
    people: list[Person] = field(default_factory=list)
    bots: list[Bot] = field(default_factory=list)
    prefix: str = ""

    def name(self, role: str) -> str:
        return f"{role}{self.prefix}"

    async def person(self, role: str, display: str | None = None) -> Person:
        name = self.name(role)
        self.server.register(name, PASSWORD)
        store = self.tmp / "people" / name
        store.mkdir(parents=True, exist_ok=True)
        client = AsyncClient(
            self.server.url,
            self.server.user_id(name),
            store_path=str(store),
            config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False),
        )
        answer = await client.login(PASSWORD, device_name=role)
        assert isinstance(answer, LoginResponse), answer
        if display:
            await client.set_displayname(display)
        person = Person(client)
        person.start()
        self.people.append(person)
        return person

    async def device(self, person: Person, label: str) -> Person:
        """The same user logged in on one more device (a clinician's second computer, a
        patient's new phone): a new device id with its own keys, uploaded before it returns,
        so from then on the device exists for everyone who shares a room with the user."""
        store = self.tmp / "people" / f"{person.user_id}-{label}"
        store.mkdir(parents=True, exist_ok=True)
        client = AsyncClient(
            self.server.url,
            person.user_id,
            store_path=str(store),
            config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False),
        )
        answer = await client.login(PASSWORD, device_name=label)
        assert isinstance(answer, LoginResponse), answer
        if client.should_upload_keys:
            await client.keys_upload()
        device = Person(client)
        device.start()
        self.people.append(device)
        return device

    async def staff_room(self, owner: Person, bot_user: str) -> str:
        created = await owner.client.room_create(
            name="Personal",
            invite=[bot_user],
            initial_state=[
                {
                    "type": "m.room.encryption",
                    "state_key": "",
                    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                }
            ],
        )
        assert isinstance(created, RoomCreateResponse), created
        return str(created.room_id)

    async def bot(self, staff_room: str, **matrix: Any) -> Bot:
        name = self.name("bot")
        self.server.register(name, PASSWORD)
        settings = {
            "enabled": True,
            "homeserver": self.server.url,
            "user_id": self.server.user_id(name),
            "password": PASSWORD,
            "store_path": str(self.tmp / "bot-store"),
            "staff_room": staff_room,
            **matrix,
        }
        config = Config.model_validate(
            {"storage": {"path": str(self.tmp / "minvard.db")}, "matrix": settings}
        )
        db = await Database.open(config.storage.path)
        clock = RunningClock()
        services = build_services(config, {"matrix": Address("matrix", staff_room)}, clock)
        bot = Bot(config, db, CareService(db, services), clock=clock)
        self.bots.append(bot)
        return bot

    def bot_user(self) -> str:
        return self.server.user_id(self.name("bot"))

    async def patient_room(self, patient: Person, bot: Bot, *, bot_power: bool = True) -> str:
        """The patient opens a direct chat with the bot, as Element does (not yet encrypted:
        the bot turns encryption on). Without `bot_power`, a plain private room the patient
        encrypts, where the bot may write and invite but not moderate."""
        if bot_power:
            created = await patient.client.room_create(
                is_direct=True, preset=RoomPreset.trusted_private_chat, invite=[bot.user_id]
            )
        else:
            created = await patient.client.room_create(
                preset=RoomPreset.private_chat,
                invite=[bot.user_id],
                initial_state=[
                    {
                        "type": "m.room.encryption",
                        "state_key": "",
                        "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                    }
                ],
            )
        assert isinstance(created, RoomCreateResponse), created
        room_id = str(created.room_id)
        await wait_until(lambda: patient.in_room(room_id, bot.user_id), "the bot to join")
        await wait_until(
            lambda: (r := patient.client.rooms.get(room_id)) is not None and r.encrypted,
            "the bot to turn encryption on",
        )
        return room_id

    async def close(self) -> None:
        for bot in self.bots:
            await bot.stop()
            await bot.db.close()
        for person in self.people:
            await person.stop()


async def queue_patient(
    world: World, bot: Bot, role: str, complaint: str, *, bot_power: bool = True
) -> tuple[Person, str]:
    """A new patient who goes through intake until queued; returns them and their room."""
    patient = await world.person(role)
    room = await world.patient_room(patient, bot, bot_power=bot_power)
    await patient.talk(room, bot.user_id, "hej", "Vilket språk")
    await patient.talk(room, bot.user_id, "1", "Vem söker du vård för?")
    await patient.talk(room, bot.user_id, "1", "Hur gammal är du?")
    await patient.talk(room, bot.user_id, "34", "Vad söker du vård för?")
    await answer_questionnaire(patient, bot, room, complaint)
    return patient, room


async def answer_questionnaire(patient: Person, bot: Bot, room: str, complaint: str) -> None:
    # Either the questionnaires the words suggest, or the first question: both begin "Tack."
    await patient.talk(room, bot.user_id, complaint, "Tack.")
    for _ in range(60):
        answer = await bot.benign_answer(room)
        if answer is None:
            break
        mark = len(patient.said(room, bot.user_id))
        await patient.send(room, answer)
        await wait_until(_more_than(patient, room, bot.user_id, mark), "an answer")
    await patient.expect(room, bot.user_id, "Ditt ärende är skickat")


def _more_than(person: Person, room: str, by: str, count: int) -> Callable[[], bool]:
    return lambda: len(person.said(room, by)) > count
