"""Patient → clinician delivery in Matrix through the bot's patient room, against a direct
client-to-client message on the same Synapse in the same run; prints medians, p95 and the ratio.

In Matrix the bot does not copy the patient's words: the clinician it invited reads them in the
patient's room, while the bot records and moderates them in the same sync. So "through the bot"
is a message in an encrypted room where the bot is present and handling every event. The bot's
own answer time (a `!status` while the case is active) is printed as well, against a plain nio
echo bot (answers in a task, next sync at once, as the bot does) in another encrypted room with
the same patient: the difference is what the bot adds (sync handling, a transaction, the outbox).
Last, an answer the bot stores outside its sync loop (as the jobs and the e-ID endpoint do),
timed from the commit until the patient reads it.

Arrival times are taken in the receiving client's event callback, not by polling.

    .venv/bin/python bench/matrix_relay.py [--messages 50]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nio import MatrixRoom, RoomCreateResponse, RoomMessageNotice, RoomMessageText

from bot.events import Incoming
from storage.records import Address
from testkit.matrix import Bot, Person, World, answer_questionnaire, wait_until
from testkit.synapse_server import start


class Stopwatch:
    """Arrival times of message bodies at one client."""

    def __init__(self, person: Person) -> None:
        self.arrived: dict[str, float] = {}
        person.client.add_event_callback(self._on_message, RoomMessageText)

    async def _on_message(self, room: object, event: RoomMessageText) -> None:
        self.arrived.setdefault(event.body, time.perf_counter())


class Answers:
    """Arrival times at one client of every line `sender` writes in `room` (same bodies too)."""

    def __init__(self, person: Person, room: str, sender: str) -> None:
        self.room, self.sender = room, sender
        self.arrived: list[float] = []
        person.client.add_event_callback(self._on_message, (RoomMessageText, RoomMessageNotice))

    async def _on_message(self, room: MatrixRoom, event: RoomMessageText) -> None:
        if room.room_id == self.room and event.sender == self.sender:
            self.arrived.append(time.perf_counter())

    async def after(self, mark: int) -> float:
        await wait_until(lambda: len(self.arrived) > mark, "an answer", timeout=30)
        return self.arrived[mark]


class EchoBot:
    """A plain nio bot: answers `!status` in its room with a notice, nothing stored."""

    def __init__(self, person: Person, room: str) -> None:
        self.person, self.room = person, room
        self.tasks: set[asyncio.Task[None]] = set()
        person.client.add_event_callback(self._on_message, RoomMessageText)

    async def _on_message(self, room: MatrixRoom, event: RoomMessageText) -> None:
        if room.room_id == self.room and event.body == "!status":
            # Sent from a task, so the next sync starts at once (the bot's outbox does too).
            task = asyncio.create_task(self._answer())
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _answer(self) -> None:
        await self.person.client.room_send(
            self.room,
            "m.room.message",
            {"msgtype": "m.notice", "body": "status"},
            ignore_unverified_devices=True,
        )


async def _answer_time(patient: Person, room: str, answers: Answers) -> float:
    mark = len(answers.arrived)
    began = time.perf_counter()
    await patient.send(room, "!status")
    return (await answers.after(mark) - began) * 1000


async def _encrypted_room(owner: Person, guest: Person) -> str:
    created = await owner.client.room_create(
        invite=[guest.user_id],
        initial_state=[
            {
                "type": "m.room.encryption",
                "state_key": "",
                "content": {"algorithm": "m.megolm.v1.aes-sha2"},
            }
        ],
    )
    assert isinstance(created, RoomCreateResponse), created
    room = str(created.room_id)
    await wait_until(lambda: guest.in_room(room, guest.user_id), "join")
    await wait_until(lambda: owner.in_room(room, guest.user_id), "the join seen")
    return room


async def _timed(sender: Person, watch: Stopwatch, room: str, body: str) -> float:
    began = time.perf_counter()
    await sender.send(room, body)
    await wait_until(lambda: body in watch.arrived, f"{body!r} to arrive", timeout=30)
    return (watch.arrived[body] - began) * 1000


async def active_with(bot: Bot, room: str, clinician: Person) -> None:
    """Exit 1 unless the patient's case is active with the clinician: the bench times messages
    in a room where the bot relays and moderates an active case, not an intake."""
    case = await bot.case_of(room)
    want = Address("matrix", clinician.user_id)
    if case is None or case.state != "active" or case.clinician != want:
        found = "no case" if case is None else f"{case.state} with {case.clinician}"
        print(f"set-up failed: the patient's case is {found}, not active with {want}")
        raise SystemExit(1)


def _summary(name: str, values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p50 = statistics.median(ordered)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(f"{name}: median {p50:.1f} ms, p95 {p95:.1f} ms ({len(values)} messages)")
    return p50, p95


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        server = start(tmp / "synapse")
        try:
            world = World(server, tmp, prefix="_bench")
            clinician = await world.person("clinician", "Anna Lind (sjuksköterska)")
            staff_room = await world.staff_room(clinician, world.bot_user())
            bot = await world.bot(staff_room)
            await bot.start()
            patient = await world.person("patient")
            room = await world.patient_room(patient, bot)
            await patient.talk(room, bot.user_id, "hej", "Vilket språk")
            await patient.talk(room, bot.user_id, "1", "Vem söker du vård för?")
            await patient.talk(room, bot.user_id, "1", "Hur gammal är du?")
            await patient.talk(room, bot.user_id, "34", "Vad söker du vård för?")
            await answer_questionnaire(patient, bot, room, "ont i halsen")
            await clinician.send(staff_room, "!next")
            await wait_until(lambda: clinician.in_room(room, clinician.user_id), "the invite")
            await patient.expect(room, bot.user_id, "Nu är det din tur")
            await active_with(bot, room, clinician)

            direct_room = await _encrypted_room(patient, clinician)
            watch = Stopwatch(clinician)
            # Warm both rooms up (first encrypted messages share keys).
            for warm in range(3):
                await _timed(patient, watch, room, f"warm-bot-{warm}")
                await _timed(patient, watch, direct_room, f"warm-direct-{warm}")

            through, plain = [], []
            for number in range(count):
                through.append(await _timed(patient, watch, room, f"via bot {number}"))
                plain.append(await _timed(patient, watch, direct_room, f"direct {number}"))

            echo = await world.person("echo")
            echo_room = await _encrypted_room(patient, echo)
            echo_bot = EchoBot(echo, echo_room)
            from_bot = Answers(patient, room, bot.user_id)
            from_echo = Answers(patient, echo_room, echo.user_id)
            await _answer_time(patient, echo_room, from_echo)  # shares the echo's keys
            answers, echoes = [], []
            for _ in range(min(count, 20)):
                answers.append(await _answer_time(patient, room, from_bot))
                echoes.append(await _answer_time(patient, echo_room, from_echo))

            stored = []
            for number in range(min(count, 10)):
                mark = len(from_bot.arrived)
                at = bot.clock()
                event = Incoming(
                    f"bench:{number}",
                    Address("matrix", room),
                    Address("matrix", room),
                    "!status",
                    at,
                )
                await bot.service.handle(event)
                committed = time.perf_counter()
                stored.append((await from_bot.after(mark) - committed) * 1000)
                await asyncio.sleep(0.2)  # out of step with the bot's sync and outbox poll
            del echo_bot

            bot_p50, _ = _summary("patient → clinician in the patient room (bot present)", through)
            direct_p50, _ = _summary("patient → clinician in a room without the bot", plain)
            print(
                f"added by the bot at the median: {bot_p50 - direct_p50:+.1f} ms"
                f" (ratio {bot_p50 / direct_p50:.2f})"
            )
            answer_p50, _ = _summary(
                "the bot's answer to !status (its sync and processing)", answers
            )
            echo_p50, _ = _summary("a plain nio echo bot's answer in the same run", echoes)
            print(
                f"added by the bot's processing at the median: {answer_p50 - echo_p50:+.1f} ms"
                f" (ratio {answer_p50 / echo_p50:.2f})"
            )
            _summary("an answer stored outside the sync loop, commit → patient", stored)
            await world.close()
        finally:
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50)
    asyncio.run(main(parser.parse_args().messages))
