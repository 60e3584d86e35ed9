"""Patient → clinician delivery in Matrix through the bot's patient room, against a direct
client-to-client message on the same Synapse in the same run; prints medians, p95 and the ratio.

In Matrix the bot does not copy the patient's words: the clinician it invited reads them in the
patient's room, while the bot records and moderates them in the same sync. So "through the bot"
is a message in an encrypted room where the bot is present and handling every event. The bot's
own answer time (a `!status` while the case is active) is printed as well.

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

from nio import RoomCreateResponse, RoomMessageText

from tests.matrix.conftest import (
    Person,
    World,
    answer_questionnaire,
    wait_until,
)
from tests.matrix.synapse_server import start


class Stopwatch:
    """Arrival times of message bodies at one client."""

    def __init__(self, person: Person) -> None:
        self.arrived: dict[str, float] = {}
        person.client.add_event_callback(self._on_message, RoomMessageText)

    async def _on_message(self, room: object, event: RoomMessageText) -> None:
        self.arrived.setdefault(event.body, time.perf_counter())


async def _timed(sender: Person, watch: Stopwatch, room: str, body: str) -> float:
    began = time.perf_counter()
    await sender.send(room, body)
    await wait_until(lambda: body in watch.arrived, f"{body!r} to arrive", timeout=30)
    return (watch.arrived[body] - began) * 1000


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
            await patient.talk(room, bot.user_id, "1", "Beskriv med egna ord")
            await answer_questionnaire(patient, bot, room, "ont i halsen")
            await clinician.send(staff_room, "!next")
            await wait_until(lambda: clinician.in_room(room, clinician.user_id), "the invite")
            await patient.expect(room, bot.user_id, "Nu är det din tur")

            direct = await patient.client.room_create(
                invite=[clinician.user_id],
                initial_state=[
                    {
                        "type": "m.room.encryption",
                        "state_key": "",
                        "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                    }
                ],
            )
            assert isinstance(direct, RoomCreateResponse), direct
            direct_room = str(direct.room_id)
            await wait_until(lambda: clinician.in_room(direct_room, clinician.user_id), "join")
            watch = Stopwatch(clinician)
            patient_watch = Stopwatch(patient)
            # Warm both rooms up (first encrypted messages share keys).
            for warm in range(3):
                await _timed(patient, watch, room, f"warm-bot-{warm}")
                await _timed(patient, watch, direct_room, f"warm-direct-{warm}")

            through, plain, answers = [], [], []
            for number in range(count):
                through.append(await _timed(patient, watch, room, f"via bot {number}"))
                plain.append(await _timed(patient, watch, direct_room, f"direct {number}"))
            for _ in range(min(count, 20)):
                mark = len(patient.said(room, bot.user_id))
                began = time.perf_counter()
                await patient.send(room, "!status")
                await wait_until(lambda m=mark: len(patient.said(room, bot.user_id)) > m, "reply")
                answers.append((time.perf_counter() - began) * 1000)
            del patient_watch

            bot_p50, _ = _summary("patient → clinician in the patient room (bot present)", through)
            direct_p50, _ = _summary("patient → clinician in a room without the bot", plain)
            _summary("the bot's answer to !status (includes its sync and processing)", answers)
            print(
                f"added by the bot at the median: {bot_p50 - direct_p50:+.1f} ms"
                f" (ratio {bot_p50 / direct_p50:.2f})"
            )
            await world.close()
        finally:
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50)
    asyncio.run(main(parser.parse_args().messages))
