"""What every chat adapter is (the `PlatformAdapter` protocol) and the pieces they share.

A chat adapter has three parts: a session (login, the platform's cursor), an inbound part that
turns platform events into `Incoming` for `CareService.handle`, and a sending part that carries
out the outbox's actions (`bot.outbox.Dispatcher`, or a queue of its own that settles through
`bot.outbox`). It keeps its own platform state in its `storage/*_state.py` store, and asks the
core for everything else (who is staff, which language a chat speaks, a word the core has no
event for: `CareService.remark`), so it never decides and never writes the record or the outbox.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.events import Incoming
from bot.service import CareService
from storage.records import Address

log = logging.getLogger(__name__)


class PlatformAdapter(Protocol):
    """What the composition root (`adapters/cli.py`) needs of a chat platform's adapter."""

    platform: str  # the `Address.platform` of its people and rooms, and its outbox queue
    connected: bool  # receiving works now (/readyz)

    def staff_room(self) -> Address | None:
        """The configured staff room or group, if any: the core's `staff_rooms`."""
        ...

    async def run(self, service: CareService) -> None:
        """Receive events and deliver the outbox until cancelled."""


async def handled_or_set_aside(
    service: CareService,
    handle: Callable[[], Awaitable[object]],
    plain: Callable[[], Incoming | None],
    *,
    attempts: int,
    retry_seconds: float,
    what: str,
) -> None:
    """One platform event, handled or set aside as a dead letter before the adapter's cursor
    moves past it (DESIGN 13), so a person's message is never lost. The core sets aside what
    it cannot handle itself; this is for a failure in the adapter, around it. `plain` is the
    event as the core would take it from its plain fields alone (what failed may be the
    adapter's own look-ups), or None for an event with nobody to answer. Past `attempts` it
    tries on only while not even the dead letter can be stored. `what` names it in the log."""
    attempt = 0
    while True:
        attempt += 1
        try:
            await handle()
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("%s failed (%s), attempt %d", what, type(exc).__name__, attempt)
            if attempt >= attempts:
                event = plain()
                if event is None:
                    log.warning("%s: nobody to answer; passed over", what)
                    return
                try:
                    await service.set_aside(event, exc, attempts)
                    return
                except Exception as stored:  # not even that: the cursor stays put
                    log.error("%s: not set aside (%s)", what, type(stored).__name__)
        await asyncio.sleep(min(30.0, retry_seconds * attempt))
