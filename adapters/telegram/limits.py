"""Telegram's sending limits, kept by the one sending queue (DESIGN 10).

About 30 messages a second overall, one a second in a chat, 20 a minute in a group. A 429
`retry_after` pauses all sending for that long, limits on or off.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class SendLimits:
    def __init__(
        self,
        enabled: bool,
        *,
        per_second: float = 30.0,
        chat_interval: float = 1.0,
        group_interval: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        # A hair over 1/rate, so that no window of one second ever holds one too many.
        self.global_interval = 1.02 / per_second
        self.chat_interval = chat_interval
        self.group_interval = group_interval
        self.clock = clock
        self.paused_until = 0.0
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nothing is sent for `seconds`."""
        self.paused_until = max(self.paused_until, self.clock() + seconds)

    def _interval(self, chat_id: int) -> float:
        # Group and channel ids are negative; private chats are the user's (positive) id.
        return self.group_interval if chat_id < 0 else self.chat_interval

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message may be sent to `chat_id` now, and count it."""
        while True:
            now = self.clock()
            wait = self.paused_until - now
            if self.enabled:
                wait = max(wait, self._next_chat.get(chat_id, 0.0) - now)
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            if not self.enabled:
                return
            slot = max(now, self._next_global)
            self._next_global = slot + self.global_interval
            if slot > now:
                await asyncio.sleep(slot - now)
                if self.paused_until > self.clock():
                    continue  # a 429 came while we waited for the slot
            self._next_chat[chat_id] = self.clock() + self._interval(chat_id)
            if len(self._next_chat) > 10_000:
                self._forget_old()
            return

    def _forget_old(self) -> None:
        now = self.clock()
        self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
