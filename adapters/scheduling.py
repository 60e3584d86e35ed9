"""Runs the core's periodic jobs on a timer (APScheduler), for the long-running modes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.service import CareService

log = logging.getLogger(__name__)


def start_jobs(
    service: CareService,
    after_tick: Callable[[], Awaitable[None]] | None = None,
    runs_here: Callable[[], bool] = lambda: True,
) -> AsyncIOScheduler:
    """Call `service.tick()` every `[jobs] tick_seconds`; `after_tick` sends what it stored.
    `runs_here`: asked before each run; with several processes only the holder of the jobs'
    lease answers yes (adapters/leasing.py), so a reminder goes out once, not once a process."""

    async def tick() -> None:
        if not runs_here():
            return
        try:
            await service.tick()
            if after_tick is not None:
                await after_tick()
        except Exception:  # a failed tick must not stop the next one
            log.exception("periodic jobs failed")

    scheduler = AsyncIOScheduler()
    # coalesce + one instance: after a pause the jobs run once, never piled up or overlapping.
    scheduler.add_job(
        tick,
        "interval",
        seconds=service.services.config.jobs.tick_seconds,
        coalesce=True,
        max_instances=1,
    )
    scheduler.start()
    return scheduler
