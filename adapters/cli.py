"""The `minvard` command: reads the config and builds storage, the core and the adapters."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from adapters.backup_command import backup_command, restore_command
from adapters.base import PlatformAdapter
from adapters.eid import serves_logins
from adapters.leasing import account_lease, jobs_lease, lease_state, run_leased
from adapters.log_format import configure_logging
from adapters.shell import PLATFORM as SHELL
from adapters.shell import STAFF_ROOM, Shell, intro, is_terminal, register_staff
from bot.assembly import (
    build_services,
    calendar_for,
    check,
    checked_questionnaires,
    questionnaire_dir,
    system_clock,
    warnings,
)
from bot.config import Config, ConfigError, load_config
from bot.events import SMS
from bot.memory import releasing_when_idle
from bot.outbox import Dispatcher
from bot.service import CareService
from flows.loader import load_directory
from flows.model import Questionnaire
from storage import open_database
from storage.database import Database
from storage.file_check import storage_problem
from storage.lease import leases
from storage.repositories import Repositories


def _clock_from(start: str | None) -> Callable[[], datetime]:
    """A clock that starts at `start` (for demos and scripted tests) and runs in real time."""
    if not start:
        return system_clock
    origin = datetime.fromisoformat(start)
    if origin.tzinfo is None:
        raise SystemExit(f"--now needs a time zone offset, e.g. {start}+01:00")
    began = datetime.now(UTC)
    return lambda: origin + (datetime.now(UTC) - began)


# Imported only where used: what a start loads costs memory for the process's whole life and
# time at every start. The e-ID stack (aiohttp, joserfc, cryptography), httpx and the HTTP
# endpoints come only with the config sections that need them (docs/decisions.md, Footprint).


def _logins(
    config: Config, db: Database, clock: Callable[[], datetime], service: CareService
) -> AbstractAsyncContextManager[Any]:
    """The e-ID login endpoint for a provider that serves logins; else nothing (None)."""
    if not serves_logins(config.identity):
        return nullcontext()
    from adapters.eid.endpoint import eid_endpoint

    return eid_endpoint(
        config.identity, db, clock, service.verified, on_refused=service.login_not_completed
    )


def _observability(config: Config, service: CareService) -> AbstractAsyncContextManager[Any]:
    """/healthz, /readyz and /metrics when `[observability] listen` is set; else nothing."""
    if not config.observability.listen:
        return nullcontext()
    from adapters.observability import observability_endpoint

    return observability_endpoint(config.observability, service)


async def _shell(
    config: Config, clock: Callable[[], datetime], questionnaires: dict[str, Questionnaire]
) -> None:
    db = await open_database(config.storage.location, durable=config.storage.durable)
    try:
        await register_staff(db, config, clock())
        services = build_services(config, {SHELL: STAFF_ROOM}, clock, questionnaires)
        service = CareService(db, services)
        shell = Shell(service, sys.stdout, clock)
        scheduler = None
        if is_terminal(sys.stdin):
            print(intro(service), flush=True)
            # Interactive only: a piped script stays deterministic, line by line.
            from adapters.scheduling import start_jobs

            scheduler = start_jobs(service, shell.drain)
        try:
            async with _logins(config, db, clock, service) as eid:
                if eid is not None:
                    # A login ends in the browser, not on an input line: say so when it is stored.
                    service.listen(shell.wake)
                async with _observability(config, service), releasing_when_idle():
                    await shell.run(sys.stdin)
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)
    finally:
        await db.close()


def _platform_adapters(config: Config) -> list[PlatformAdapter]:
    # Imported only when enabled: a shell-only install never loads aiogram or nio.
    found: list[PlatformAdapter] = []
    if config.telegram.enabled:
        from adapters.telegram import TelegramAdapter

        found.append(TelegramAdapter(config))
    if config.matrix.enabled:
        from adapters.matrix import MatrixAdapter

        found.append(MatrixAdapter(config))
    return found


async def _platforms(
    config: Config,
    adapters: list[PlatformAdapter],
    clock: Callable[[], datetime],
    questionnaires: dict[str, Questionnaire],
) -> None:
    import httpx

    from adapters.observability import observability_endpoint
    from adapters.scheduling import start_jobs
    from adapters.sms import SmsDelivery, build_sender
    from adapters.sms_callbacks import web_endpoints

    db = await open_database(config.storage.location, durable=config.storage.durable)
    try:
        rooms = {a.platform: room for a in adapters if (room := a.staff_room()) is not None}
        service = CareService(db, build_services(config, rooms, clock, questionnaires))
        # Several processes may share a PostgreSQL database: each account is worked by the
        # holder of its lease, the jobs by the holder of theirs (adapters/leasing.py).
        accounts = {a.platform: account_lease(config, a.platform) for a in adapters}
        async with leases(config.storage.url, [*accounts.values(), jobs_lease(config)]) as held:
            jobs = held[jobs_lease(config)]
            scheduler = start_jobs(service, runs_here=lambda: jobs.held)
            async with httpx.AsyncClient(timeout=30) as client:
                sms = SmsDelivery(service, build_sender(config.sms, client))
                texts = Dispatcher(
                    db,
                    SMS,
                    sms.deliver,
                    clock,
                    attempts=config.reliability.delivery_attempts,
                    notice=service.tell_dead_letters,
                    shared=bool(config.storage.url),  # every process sends SMS
                )
                service.listen(texts.wake.set)
                try:
                    async with (
                        web_endpoints(config, db, clock, service),
                        observability_endpoint(
                            config.observability,
                            service,
                            adapters,
                            lease=lambda: lease_state(held),
                            works=lambda platform: held[accounts[platform]].held,
                        ),
                        releasing_when_idle(),
                    ):
                        await asyncio.gather(
                            texts.run(),
                            *(run_leased(held[accounts[a.platform]], a, service) for a in adapters),
                        )
                finally:
                    scheduler.shutdown(wait=False)
    finally:
        await db.close()


async def _history(config: Config) -> list[tuple[datetime, int]]:
    db = await open_database(config.storage.location, durable=config.storage.durable)
    try:
        unit = config.service.unit
        return await db.read(lambda tx: Repositories(tx).stats.arrivals(unit))
    finally:
        await db.close()


def _simulate(config: Config, args: argparse.Namespace) -> int:
    from bot.simulation import LIVE_POLICIES, Scenario, compare, mix_from_history
    from bot.simulation_report import report

    calendar = calendar_for(config)
    start = (
        datetime.fromisoformat(args.start).replace(tzinfo=calendar.tz)
        if args.start
        else datetime.combine(datetime.now(calendar.tz).date(), time(), tzinfo=calendar.tz)
    )
    scenario = Scenario.default(start, days=args.days, seed=args.seed)
    if args.from_db:
        rows = asyncio.run(_history(config))
        if len(rows) < 10:
            print(f"only {len(rows)} queued cases in the database; using the default mix")
        else:
            per_hour, mix = mix_from_history(rows, calendar.tz)
            scenario = replace(scenario, arrivals_per_hour=per_hour, priority_mix=mix)
    if args.load != 1.0:
        scaled = {h: rate * args.load for h, rate in scenario.arrivals_per_hour.items()}
        scenario = replace(scenario, arrivals_per_hour=scaled)
    if args.clinicians is not None:
        scenario = scenario.with_clinicians(args.clinicians)
    live = LIVE_POLICIES[config.queue.tie_break]
    print(report(compare(scenario, calendar), calendar, live=live))
    return 0


async def _migrate(config: Config) -> list[str]:
    db = await open_database(config.storage.location, durable=config.storage.durable)
    try:
        return await db.migrate()
    finally:
        await db.close()


def refusals(config: Config, source: str) -> list[str]:
    """What would stop the bot after it started, as 'file: key: problem' lines; the bot does
    not start while there are any."""
    problems = []
    # PostgreSQL (storage.url) is checked when it is opened: it is a server, not a file here.
    storage = None if config.storage.url else storage_problem(config.storage.path)
    if storage is not None:
        key = "storage.path"
        if os.environ.get("MINVARD_STORAGE_PATH"):
            key += " (from MINVARD_STORAGE_PATH)"
        problems.append(f"{source}: {key}: {storage}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="minvard", description="Min vård chat bot")
    parser.add_argument("--config", type=Path, help="TOML config file (default: built-in)")
    sub = parser.add_subparsers(dest="command")
    for name, text in (
        ("run", "run every platform enabled in the config (the shell if none)"),
        ("shell", "the full bot in this terminal"),
        ("check", "validate config, questionnaires and texts"),
        ("migrate", "apply database migrations and exit"),
        ("simulate", "simulate days of the queue: our orders against FCFS and strict priority"),
        ("flows", "questionnaires for clinicians: `flows doc [ID]` prints Markdown"),
        ("backup", "copy the SQLite database to PATH (a file, or a folder), safe while running"),
        ("restore", "replace the SQLite database with the backup at PATH (bot stopped)"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--config", type=Path, default=argparse.SUPPRESS)
        if name in ("run", "shell"):
            cmd.add_argument("--now", help="start the clock at this ISO time (demos, tests)")
        if name in ("backup", "restore"):
            cmd.add_argument("path", type=Path)
        if name == "flows":
            cmd.add_argument("action", choices=["doc"])
            cmd.add_argument("id", nargs="?", help="one questionnaire (default: all)")
            cmd.add_argument("--lang", default="sv", choices=["sv", "en", "fi"])
        if name == "simulate":
            cmd.add_argument("--days", type=int, default=7)
            cmd.add_argument("--seed", type=int, default=1)
            cmd.add_argument("--start", help="first day, e.g. 2026-11-23 (default: today)")
            cmd.add_argument(
                "--load", type=float, default=1.0, help="scale the arrivals (1.5 = 50%% more)"
            )
            cmd.add_argument("--clinicians", type=int, help="clinicians on duty in every hour")
            cmd.add_argument(
                "--from-db", action="store_true", help="arrivals per hour and mix from history"
            )
    args = parser.parse_args(argv)
    command = args.command or "run"
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    configure_logging(config.logging)
    for warning in warnings(config):
        # Loud on purpose, and on every command: the config may be about to serve patients.
        print(f"WARNING: {warning}", file=sys.stderr)
    source = str(args.config) if args.config is not None else "(defaults)"
    if command == "check":
        problems = refusals(config, source) + check(config)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 1
        print("ok", file=sys.stderr)
        return 0
    if command == "simulate":
        return _simulate(config, args)
    if command == "backup":
        return backup_command(config, args.path)
    if command == "restore":
        return restore_command(config, args.path)
    if command == "flows":
        questionnaires = load_directory(questionnaire_dir(config))
        if args.id is not None and args.id not in questionnaires:
            print(f"no questionnaire {args.id!r}; there are: {', '.join(sorted(questionnaires))}")
            return 1
        chosen = {args.id: questionnaires[args.id]} if args.id else questionnaires
        from flows.doc import markdown_all

        print(markdown_all(chosen, args.lang))
        return 0
    # `run`, `shell` and `migrate` only from here. They refuse, in `check`'s words, what would
    # stop them later (a database that cannot be opened) and, to run, what `check` finds in the
    # questionnaires: a broken one would start and quietly skip questions, red flags among them.
    problems = refusals(config, source)
    # Read here once and handed to the service: checking and building read the same files.
    flows: dict[str, Questionnaire] = {}
    if command != "migrate":
        found, flows = checked_questionnaires(config)
        problems += found
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    if command == "migrate":
        for name in asyncio.run(_migrate(config)):
            print(f"applied {name}")
        return 0
    clock = _clock_from(getattr(args, "now", None))
    adapters = _platform_adapters(config) if command == "run" else []
    try:
        if adapters:
            asyncio.run(_platforms(config, adapters, clock, flows))
        else:
            # `run` with no platform enabled is the shell: the default always does something.
            asyncio.run(_shell(config, clock, flows))
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
