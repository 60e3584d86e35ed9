"""Many simulated patients through the whole journey, in one process, on a real SQLite file
(or a PostgreSQL database of its own with --database).

Each patient: first message, language, "myself", a complaint, the whole general questionnaire,
a few messages with the clinician, and the clinician's close. Every message is one durable
commit (synchronous=FULL) with its outbox rows; a dispatcher drains the outbox meanwhile.

Prints patient messages per second (all messages, patients' and clinicians') and the per-message
latency (from handing the event to the core until its transaction is committed) p50/p99.

    .venv/bin/python bench/journey.py [--patients 300] [--concurrency 4]
    .venv/bin/python bench/journey.py --database postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.shell import PLATFORM, STAFF_ROOM, register_staff
from bot.assembly import build_services
from bot.config import Config
from bot.events import Action, Incoming
from bot.outbox import Dispatcher
from bot.service import CareService
from storage import open_database
from storage.database import Transaction
from storage.postgres_scratch import create_scratch_database, drop_scratch_database
from storage.records import Address
from storage.repositories import Repositories
from testkit.calm import calm_answer

OPEN = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


class Bench:
    def __init__(self, service: CareService) -> None:
        self.service = service
        self.latencies: list[float] = []
        self.patient_messages = 0
        self.counter = 0
        self.answers: list[str] | None = None

    async def send(self, who: Address, text: str) -> None:
        self.counter += 1
        event = Incoming(f"bench-{self.counter}", who, who, text, OPEN)
        start = time.perf_counter()
        await self.service.handle(event)
        self.latencies.append(time.perf_counter() - start)
        if who.chat.startswith("p"):
            self.patient_messages += 1

    async def answer(self, who: Address) -> str | None:
        """Give a calm answer to what the intake asks; None when the case has been sent."""

        def look(tx: Transaction) -> str | None:
            repos = Repositories(tx)
            patient = repos.patients.by_account(who)
            assert patient is not None
            case = repos.cases.latest_for_patient(patient.id)
            assert case is not None
            if case.state != "intake":
                return None
            return calm_answer(self.service.intake, repos, case)

        text = await self.service.db.read(look)
        if text is not None:
            await self.send(who, text)
        return text

    async def patient(self, number: int, clinician: Address) -> None:
        who = Address(PLATFORM, f"p{number}")
        # The complaint's words suggest the sore-throat questionnaire; the calm answers pick it.
        for text in ("hej", "1", "1", "34", "Jag har ont i halsen sedan i går"):
            await self.send(who, text)
        if self.answers is None:
            # The first patient finds the calm answers by looking at each question; everyone
            # after replays them, so the timed run measures the bot, not the simulation.
            found = []
            while (answer := await self.answer(who)) is not None:
                found.append(answer)
            self.answers = found
        else:
            for answer in self.answers:
                await self.send(who, answer)
        await self.send(clinician, f"!take {await self.case_id(who)}")
        for text in ("Hej, jag är här nu", "Det gör ont när jag sväljer", "Tack så mycket"):
            await self.send(who, text)
            await self.send(clinician, "Jag förstår. Drick varmt och vila.")
        await self.send(clinician, "!close advice")

    async def case_id(self, who: Address) -> int:
        def look(tx: Transaction) -> int:
            repos = Repositories(tx)
            patient = repos.patients.by_account(who)
            assert patient is not None
            case = repos.cases.latest_for_patient(patient.id)
            assert case is not None
            return case.id

        return await self.service.db.read(look)


async def main(
    patients: int, concurrency: int, durable: bool, server: str | None, lanes: int | None = None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path: Path | str = Path(folder) / "bench.db"
        if server is not None:
            # A database of its own for the run, on the server named, dropped afterwards.
            path = create_scratch_database(server, "minvard_bench")
        try:
            await run(path, patients, concurrency, durable, lanes)
        finally:
            if server is not None:
                drop_scratch_database(server, str(path))


async def run(
    path: Path | str, patients: int, concurrency: int, durable: bool, lanes: int | None = None
) -> None:
    config = Config.model_validate(
        {
            "storage": {"path": str(path), "durable": durable},
            "shell": {
                "staff": [
                    {"role": f"clinician{i}", "name": f"Kliniker {i}", "kind": "clinician"}
                    for i in range(concurrency)
                ]
            },
        }
    )
    if lanes is not None:
        from storage.postgres import PostgresDatabase

        PostgresDatabase.LANES = lanes
    db = await open_database(path, durable=durable)
    await register_staff(db, config, OPEN)
    service = CareService(db, build_services(config, {PLATFORM: STAFF_ROOM}, lambda: OPEN))
    bench = Bench(service)
    delivered = 0

    async def deliver(action: Action) -> None:
        nonlocal delivered
        delivered += 1

    dispatcher = Dispatcher(db, PLATFORM, deliver, lambda: OPEN, batch=500)
    sender = asyncio.create_task(dispatcher.run(poll_seconds=0.05))
    # The first patient goes through before the clock starts: they find the calm answers
    # (the simulation's reads), and the catalogues and vocabularies the core loads on first
    # use (about a second of CPU once, kept lazy for a small footprint) are loaded by then.
    # The timed run is the steady state every later patient sees.
    await bench.patient(0, Address(PLATFORM, "clinician0"))
    bench.latencies.clear()
    bench.patient_messages = 0
    todo = iter(range(1, patients))

    async def worker(index: int) -> None:
        clinician = Address(PLATFORM, f"clinician{index}")
        for number in todo:
            await bench.patient(number, clinician)

    # The server's processes for this run's database: one per connection (each of the
    # database's lanes has its own).
    backends = await db.read(
        lambda tx: (
            [
                int(row[0])
                for row in tx.all(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                )
            ]
            if tx.dialect.name == "postgresql"
            else []
        )
    )
    server_cpu = _cpu_seconds(backends)
    cpu = time.process_time()
    start = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    if server_cpu is not None:
        server_cpu = (_cpu_seconds(backends) or 0.0) - server_cpu
    sender.cancel()
    await dispatcher.drain()
    states = await db.read(lambda tx: Repositories(tx).cases.count_by_state())
    # What the server itself says of its commits during the run, not what we asked for.
    commits = await db.read(
        lambda tx: (
            f"synchronous_commit={_value(tx, 'SHOW synchronous_commit')}"
            if tx.dialect.name == "postgresql"
            else f"synchronous={_value(tx, 'PRAGMA synchronous')}"
        )
    )
    await db.close()

    if states != {"closed": patients}:
        # Every patient's journey ends closed by the clinician; anything else timed less.
        print(f"set-up failed: cases by state {states}, not {patients} closed", file=sys.stderr)
        raise SystemExit(1)
    lat = sorted(bench.latencies)
    p50 = statistics.median(lat) * 1000
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000
    total = len(lat)
    where = "PostgreSQL" if isinstance(path, str) else "SQLite"
    lanes_used = len(getattr(db, "_lanes", ())) or 1
    print(f"database: {where} ({db.path}; {commits}; database threads: {lanes_used})")
    print(
        f"patients: {patients} (the first before the clock), concurrency: {concurrency},"
        f" durable commits: {durable}"
    )
    print(f"cases by state: {states}; outbox messages delivered: {delivered}")
    print(f"messages handled: {total} ({bench.patient_messages} from patients) in {elapsed:.2f} s")
    print(
        f"messages per second: {total / elapsed:,.0f} (patient messages: "
        f"{bench.patient_messages / elapsed:,.0f}/s)"
    )
    print(f"latency per message: p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {lat[-1] * 1000:.2f} ms")
    # On a busy machine the rate says little; the CPU each message costs says what a quiet
    # one could do (the server's: its process for this connection, when it runs here).
    print(
        f"CPU per message: bot process {cpu / total * 1000:.2f} ms"
        + ("" if server_cpu is None else f", database server {server_cpu / total * 1000:.2f} ms")
        + f"; load average {os.getloadavg()[0]:.1f}"
    )
    traffic = getattr(db, "traffic", None)
    if traffic is not None:
        # Everything the run said to the server (the dispatcher's and the bench's reads too).
        print(
            f"per message: {traffic.statements / total:.1f} statements,"
            f" {traffic.round_trips / total:.1f} round trips to the server"
        )


def _value(tx: Transaction, sql: str) -> Any:
    row = tx.one(sql)
    assert row is not None
    return row[0]


def _cpu_seconds(pids: list[int]) -> float | None:
    """CPU time (user and system) of processes on this machine, None if none is here."""
    total = None
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total = (total or 0.0) + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--no-durable", action="store_true", help="synchronous=NORMAL instead")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="a PostgreSQL server (postgresql://…): the run makes its own database there and"
        " drops it after; without it, a SQLite file in a temporary folder",
    )
    parser.add_argument(
        "--lanes",
        type=int,
        help="PostgreSQL: database threads, each with its connection (default: the bot's own)",
    )
    args = parser.parse_args()
    asyncio.run(
        main(args.patients, args.concurrency, not args.no_durable, args.database, args.lanes)
    )
