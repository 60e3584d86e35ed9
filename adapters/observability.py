"""The operators' HTTP edge on `[observability] listen`: /healthz, /readyz and /metrics.

- /healthz: 200 while the process serves HTTP at all (a container's liveness check).
- /readyz: 200 only when the database answers a query within a moment and every configured
  platform is connected; 503 otherwise. The JSON body gives each check, so an operator sees
  which one failed. The lease state is reported too ("holder", "standby"; adapters/leasing.py):
  a platform another process holds shows "standby" and is not waited for, since a standby
  process is still ready: it handles events and delivers the outbox.
- /metrics: Prometheus text format (bot/metrics.py).

Nothing here reads a person or a message, and requests are not logged (a scrape every few
seconds would drown the log).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.config import ObservabilityConfig
from bot.metrics import Scrape, exposition, take_snapshot
from bot.service import CareService
from storage.metrics_queries import MetricsQueries

log = logging.getLogger(__name__)

# How long the database may take to answer a readiness or metrics query.
DATABASE_TIMEOUT = 2.0


class Connected(Protocol):
    """A platform adapter as readiness sees it: its name and whether it is connected now."""

    platform: str
    connected: bool


def holder() -> str:
    # One process (SQLite, the shell) holds every platform account.
    return "holder"


def works_every_platform(platform: str) -> bool:
    return True


@dataclass
class Observability:
    service: CareService
    adapters: Sequence[Connected]
    lease: Callable[[], str] = holder
    # Whether this process receives on `platform` now (holds its account's lease).
    works: Callable[[str], bool] = works_every_platform
    timeout: float = DATABASE_TIMEOUT
    port: int = 0  # the port it listens on (the configured one, or the one given for 0)

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        app.router.add_get("/metrics", self._metrics)
        return app

    async def readiness(self) -> tuple[bool, dict[str, Any]]:
        database = await self._database_answers()
        platforms = {a.platform: self._platform_state(a) for a in self.adapters}
        ready = database and all(state != "down" for state in platforms.values())
        checks: dict[str, Any] = {
            "database": "ok" if database else "unreachable",
            "platforms": platforms,
            "lease": self.lease(),
        }
        return ready, checks

    def _platform_state(self, adapter: Connected) -> str:
        if not self.works(adapter.platform):
            return "standby"  # another process receives there
        return "connected" if adapter.connected else "down"

    async def _database_answers(self) -> bool:
        try:
            return await asyncio.wait_for(
                self.service.db.read(lambda tx: MetricsQueries(tx).ping()), self.timeout
            )
        except Exception as exc:  # closed, locked, gone: not ready, whatever the reason
            log.warning("readiness: the database did not answer (%s)", type(exc).__name__)
            return False

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "up"})

    async def _readyz(self, request: web.Request) -> web.Response:
        ready, checks = await self.readiness()
        return web.json_response({"ready": ready, **checks}, status=200 if ready else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        services = self.service.services
        snapshot = await take_snapshot(self.service.db, services.clock, self.timeout)
        scrape = Scrape(
            snapshot,
            services.calendar,
            (services.config.service.unit,),
            {a.platform: a.connected for a in self.adapters},
        )
        return web.Response(body=exposition(scrape), headers={"Content-Type": CONTENT_TYPE_LATEST})


@asynccontextmanager
async def observability_endpoint(
    config: ObservabilityConfig,
    service: CareService,
    adapters: Sequence[Connected] = (),
    *,
    timeout: float = DATABASE_TIMEOUT,
    lease: Callable[[], str] = holder,
    works: Callable[[str], bool] = works_every_platform,
) -> AsyncIterator[Observability | None]:
    """Serves the three paths while inside; yields None (and serves nothing) when `listen` is
    empty."""
    if not config.listen:
        yield None
        return
    endpoint = Observability(service, adapters, lease, works, timeout=timeout)
    runner = web.AppRunner(endpoint.make_app(), access_log=None)
    await runner.setup()
    try:
        host, port = config.host_port
        await web.TCPSite(runner, host, port).start()
        endpoint.port = runner.addresses[0][1]
        log.info("observability endpoint listening on %s:%d", host, endpoint.port)
        yield endpoint
    finally:
        await runner.cleanup()
