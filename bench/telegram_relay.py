"""Patient → clinician relay through the real aiogram bot against a local Bot API server.

The fake Bot API server (testkit/fake_bot_api.py) runs in its own process. `--pairs`
patients each have an active case with their own clinician (set up through the core; no staff
group, so that the group's 20 messages a minute do not hold up the setup with limits on). Then:

1. throughput: `--messages` patient messages are injected at once; messages per second is the
   count divided by the time from the first injection to the last relayed copy reaching the
   clinician's chat (both timed in the server process);
2. added latency: `--paced` messages at `--rate` a second, each timed from its injection to its
   relayed copy arriving (p50/p95).

Every message is a durable commit (synchronous=FULL) plus its outbox row, sent and marked.

    .venv/bin/python bench/telegram_relay.py [--pairs 20] [--messages 3000] [--limits]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from adapters.telegram import TelegramAdapter  # noqa: E402
from bot.assembly import build_services  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.events import Incoming  # noqa: E402
from bot.moderation import Moderator  # noqa: E402
from bot.moderation.lexicon import DEFAULT_DIRECTORY  # noqa: E402
from bot.service import CareService  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.records import Address, Case, StaffMember  # noqa: E402
from storage.repositories import Repositories  # noqa: E402
from testkit.calm import calm_answer  # noqa: E402

OPEN = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
TOKEN = "123456:BENCH-token"
PATIENT0 = 100_000
CLINICIAN0 = 200_000


def clock() -> datetime:
    return OPEN


def tg(chat: int) -> Address:
    return Address("telegram", str(chat))


# What the set-up answers at the steps before the questionnaire (calm_answer covers the rest).
OPENING = {"language": "1", "subject": "1", "complaint": "ont i halsen"}


class Setup:
    """Drives the core directly to bring each pair to an active case, through the patient's real
    journey: language, myself, the complaint, the questionnaire and the summary sent."""

    def __init__(self, service: CareService) -> None:
        self.service = service
        self.n = 0

    async def say(self, who: int, text: str, chat: int | None = None) -> None:
        self.n += 1
        where = tg(who if chat is None else chat)
        await self.service.handle(Incoming(f"setup:{self.n}", tg(who), where, text, clock()))

    async def case_of(self, who: int) -> Case | None:
        def look(tx: Any) -> Case | None:
            repos = Repositories(tx)
            patient = repos.patients.by_account(tg(who))
            return None if patient is None else repos.cases.latest_for_patient(patient.id)

        return await self.service.db.read(look)

    async def answer(self, who: int) -> str | None:
        """The calm answer to the step the patient's case is at; None once it left the intake."""
        case = await self.case_of(who)
        if case is None or case.state != "intake":
            return None
        intake = self.service.intake

        def look(tx: Any) -> str | None:
            return calm_answer(intake, Repositories(tx), case)

        return await self.service.db.read(look) or OPENING.get(case.step)

    async def pair(self, patient: int, clinician: int) -> None:
        await self.say(patient, "hej")
        for _ in range(80):
            answer = await self.answer(patient)
            if answer is None:
                break
            await self.say(patient, answer)
        await self.service.set_staff(
            StaffMember(tg(clinician), "clinician", f"Kliniker {clinician}", "", "default")
        )
        await self.say(clinician, "/next")

    async def check(self, patient: int, clinician: int) -> None:
        """Exit 1 unless the patient's case is active with this clinician: the bench measures
        relaying between the two, and a set-up that stopped short relays nothing."""
        case = await self.case_of(patient)
        if case is None:
            fail(f"patient {patient} has no case after the set-up")
        if case.state != "active" or case.clinician != tg(clinician):
            fail(
                f"patient {patient}'s case {case.id} is {case.state} at step {case.step!r} "
                f"with clinician {case.clinician}, not active with {tg(clinician)}"
            )


def fail(message: str) -> NoReturn:
    print(f"set-up failed: {message}", file=sys.stderr)
    raise SystemExit(1)


BURST, PACED = "m", "l"


def body(tag: str, n: int) -> str:
    return f"{tag}{n:05d}"


def clean_bodies(burst: int, paced: int) -> None:
    """Exit 1 if moderation would hold back any planned message: a held message is never relayed
    (tags and numbers can spell words: "b483" reads as "babe", "1488" is a hate code)."""
    moderator = Moderator.load(DEFAULT_DIRECTORY)
    planned = [body(BURST, n) for n in range(burst)] + [body(PACED, n) for n in range(paced)]
    held = [text for text in planned if moderator.check(text, "sv").flagged]
    if held:
        fail(f"moderation flags {len(held)} of the bench's own messages, e.g. {held[:5]}")


def _message(update_text: str, user: int, message_id: int) -> dict[str, Any]:
    chat = {"id": user, "type": "private", "first_name": "P"}
    return {
        "message": {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user, "is_bot": False, "first_name": "P"},
            "text": update_text,
        }
    }


def _cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU time of this process (all threads) or of `pid`."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "testkit.fake_bot_api", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.base = self.proc.stdout.readline().strip()
        self.since = 0

    async def inject(self, http: aiohttp.ClientSession, updates: list[dict[str, Any]]) -> None:
        async with http.post(f"{self.base}/control/inject", json={"updates": updates}) as r:
            await r.json()

    async def calls(self, http: aiohttp.ClientSession) -> tuple[list[dict[str, Any]], dict]:  # type: ignore[type-arg]
        async with http.get(f"{self.base}/control/calls", params={"since": self.since}) as r:
            body = await r.json()
        self.since = body["next"]
        return body["calls"], body["injected_at"]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(5)


async def _relayed(
    http: aiohttp.ClientSession, server: Server, want: set[str], timeout: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Wait until every text in `want` was relayed; returns text → arrival time, and injections."""
    arrived: dict[str, float] = {}
    injected: dict[str, float] = {}
    others: list[str] = []  # what else the bot sent: why a message was not relayed
    deadline = time.monotonic() + timeout
    while len(arrived) < len(want):
        if time.monotonic() > deadline:
            missing = sorted(want - arrived.keys())
            fail(
                f"only {len(arrived)} of {len(want)} relayed in {timeout} s; not {missing[:5]}; "
                f"the bot sent {len(others)} other messages meanwhile, the last: {others[-3:]}"
            )
        await asyncio.sleep(0.05)
        calls, injected = await server.calls(http)
        for call in calls:
            if call["method"] == "sendMessage":
                text = call["params"].get("text", "")
                body = text.split("▸ ", 1)[-1]
                if body in want and body not in arrived:
                    arrived[body] = call["at"]
                elif body not in want:
                    others.append(text)
    return arrived, injected


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--paced", type=int, default=600)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--limits", action="store_true", help="keep Telegram's limits")
    parser.add_argument("--not-durable", action="store_true", help="synchronous=NORMAL")
    args = parser.parse_args()

    server = Server()
    try:
        await run(args, server)
    finally:
        server.stop()


async def run(args: argparse.Namespace, server: Server) -> None:
    tmp = Path(tempfile.mkdtemp())
    config = Config.model_validate(
        {
            "storage": {"path": str(tmp / "bench.db"), "durable": not args.not_durable},
            "telegram": {
                "enabled": True,
                "token": TOKEN,
                "api_base": server.base,
                "rate_limits": args.limits,
            },
        }
    )
    clean_bodies(args.messages, args.paced)
    db = await Database.open(config.storage.path, durable=config.storage.durable)
    service = CareService(db, build_services(config, {}, clock))
    setup = Setup(service)
    patients = [PATIENT0 + i for i in range(args.pairs)]
    for i, patient in enumerate(patients):
        await setup.pair(patient, CLINICIAN0 + i)
    for i, patient in enumerate(patients):
        await setup.check(patient, CLINICIAN0 + i)
    print(f"{args.pairs} active cases set up, each with its clinician", file=sys.stderr)
    adapter = TelegramAdapter(config, clock=clock, poll_timeout=5)
    task = asyncio.create_task(adapter.run(service))
    try:
        async with aiohttp.ClientSession() as http:
            await asyncio.wait_for(adapter.ready.wait(), 10)
            # Let the setup's own messages go out first.
            while await db.read(lambda tx: Repositories(tx).outbox.unsent_count()):
                await asyncio.sleep(0.05)
            await server.calls(http)
            message_ids = dict.fromkeys(patients, 1000)

            def update(n: int, tag: str) -> dict[str, Any]:
                patient = patients[n % len(patients)]
                message_ids[patient] += 1
                return _message(body(tag, n), patient, message_ids[patient])

            # 1. Throughput.
            cpu_bot, cpu_server = _cpu_seconds(), _cpu_seconds(server.proc.pid)
            burst = [update(n, BURST) for n in range(args.messages)]
            for i in range(0, len(burst), 500):
                await server.inject(http, burst[i : i + 500])
            want = {body(BURST, n) for n in range(args.messages)}
            arrived, injected = await _relayed(http, server, want, timeout=120)
            first = min(injected.values())
            seconds = max(arrived.values()) - first
            bot_ms = (_cpu_seconds() - cpu_bot) * 1000 / args.messages
            server_ms = (_cpu_seconds(server.proc.pid) - cpu_server) * 1000 / args.messages
            print(
                f"throughput: {args.messages} messages relayed in {seconds:.2f} s = "
                f"{args.messages / seconds:.0f} messages/s "
                f"({args.pairs} patient→clinician pairs, limits {'on' if args.limits else 'off'})"
            )
            print(
                f"cpu per message: bot process {bot_ms:.2f} ms (all threads), fake server "
                f"{server_ms:.2f} ms; load average now {os.getloadavg()[0]:.1f} on "
                f"{os.cpu_count()} cores"
            )

            # 2. Added latency at a steady rate.
            sent_at: list[float] = []
            for n in range(args.paced):
                await server.inject(http, [update(n, PACED)])
                sent_at.append(time.monotonic())
                await asyncio.sleep(max(0.0, sent_at[0] + (n + 1) / args.rate - time.monotonic()))
            want = {body(PACED, n) for n in range(args.paced)}
            arrived, injected = await _relayed(http, server, want, timeout=120)
            # The server numbers updates in injection order: the burst first, then these.
            base = args.messages
            delays = sorted(
                (arrived[body(PACED, n)] - injected[str(base + n + 1)]) * 1000
                for n in range(args.paced)
            )
            p50 = statistics.median(delays)
            p95 = delays[int(len(delays) * 0.95) - 1]
            print(
                f"added latency at {args.rate:.0f} messages/s: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                f"(injection → relayed copy at the clinician's chat)"
            )
            print(f"429 retries: {adapter.sender.retried_429}; sent {adapter.sender.sent_count}")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
