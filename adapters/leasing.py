"""Which platform accounts and jobs this process works, for `minvard run` on PostgreSQL.

Each platform account has its lease (storage/lease.py): the holder runs that adapter, its
receiving loop and its sending queue both, since the account's limits and (Matrix) its device's
encryption keys are the account's, not the process's. The periodic jobs have a lease of their
own, so they run in one process, whichever holds it. Every process handles what reaches it
otherwise (the SMS and e-ID endpoints) and delivers SMS, claiming outbox rows with
`SKIP LOCKED`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from adapters.base import PlatformAdapter
from bot.config import Config
from bot.service import CareService
from storage.lease import Lease

log = logging.getLogger(__name__)


def account_lease(config: Config, platform: str) -> str:
    """The lease name of the platform's account: the same in every process with this config,
    and different for another bot or homeserver user on the same database."""
    if platform == "telegram":
        return f"telegram:{config.telegram.token.split(':', 1)[0]}"
    if platform == "matrix":
        return f"matrix:{config.matrix.user_id}"
    return f"{platform}:"


def jobs_lease(config: Config) -> str:
    return f"jobs:{config.service.unit}"


async def run_leased(lease: Lease, adapter: PlatformAdapter, service: CareService) -> None:
    """The adapter, whenever this process holds its account's lease (from scratch each time:
    the saved sync token or update offset says where to go on)."""

    async def work() -> None:
        log.info("%s: this process holds the account; receiving", adapter.platform)
        try:
            await adapter.run(service)
        finally:
            adapter.connected = False  # not receiving here any more (/readyz)
            log.info("%s: stopped receiving here", adapter.platform)

    await lease.run_while_held(work)


def lease_state(leases: Mapping[str, Lease]) -> str:
    """For /readyz: "holder" when this process holds every lease, "standby" when none, else
    the ones it holds."""
    held = sorted(name for name, lease in leases.items() if lease.held)
    if len(held) == len(leases):
        return "holder"
    if not held:
        return "standby"
    return "holder of " + ", ".join(held)
