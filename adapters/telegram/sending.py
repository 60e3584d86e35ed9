"""The one sending queue: the outbox, delivered to Telegram in per-chat lanes.

Each chat's messages go out in outbox order, one at a time; different chats do not wait for each
other (except for the shared limits). A 429 pauses everything for `retry_after` and the same
message is tried again, so nothing is lost and order is kept. A message is marked sent only
after Telegram accepted it; a restart sends again whatever was not marked (at least once).
One Telegram refuses for good (blocked, chat gone, bad request) is recorded as dropped; one that
cannot be read, or fails `attempts` times, is set aside as a dead letter and an admin told, and
its chat's later messages go on (issue 13).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from adapters.telegram.limits import SendLimits
from bot.dead_letters import error_text
from bot.events import Action, Send, UnreadableAction, decode_action
from bot.metrics import PLATFORM_ERRORS, PLATFORM_RETRIES
from bot.outbox import DELIVERY_ATTEMPTS, Notice, pending, record_outcomes_in
from bot.wake import woken_within
from storage.database import Database, Transaction
from storage.records import Address, OutboxItem
from storage.telegram_state import Question, TelegramState

log = logging.getLogger(__name__)

PLATFORM = "telegram"
MAX_TEXT = 4096
MAX_CAPTION = 1024
# How long the last part of an album waits for the next part to be in the outbox.
ALBUM_WAIT = 0.3
# Refusals that will not get better by trying again (blocked by the user, chat gone, bad text).
PERMANENT = (TelegramBadRequest, TelegramForbiddenError, TelegramNotFound)


def case_tag(case_id: int) -> str:
    return f"#{case_id} ▸"


def tagged(case_id: int | None, text: str) -> str:
    return text if case_id is None else f"{case_tag(case_id)} {text}".rstrip()


def keyboard(choices: tuple[str, ...]) -> InlineKeyboardMarkup:
    """One button a row; the number is what a typed answer would be too."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=f"{n}. {label}", callback_data=f"a:{n}")]
            for n, label in enumerate(choices, 1)
        ]
    )


def chunks(text: str, size: int = MAX_TEXT) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


@dataclass
class _Done:
    ids: list[int] = field(default_factory=list)
    # Refused by Telegram for good (blocked, chat gone): recorded as dropped, never as sent.
    dropped: list[tuple[int, str]] = field(default_factory=list)
    # Unreadable, or failed `attempts` times: set aside as dead letters, an admin told.
    dead: list[tuple[OutboxItem, str]] = field(default_factory=list)
    case_messages: list[tuple[str, int, int]] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


class Sender:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        limits: SendLimits,
        is_staff: Callable[[Address], Awaitable[bool]],
        clock: Callable[[], datetime],
        *,
        poll_seconds: float = 1.0,
        attempts: int = DELIVERY_ATTEMPTS,
        notice: Notice | None = None,
    ) -> None:
        self.bot = bot
        self.attempts = attempts
        self.notice = notice
        self.db = db
        self.limits = limits
        self.is_staff = is_staff
        self.clock = clock
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._flush_wake = asyncio.Event()
        self._flush_lock = asyncio.Lock()
        self._lanes: dict[str, deque[tuple[OutboxItem, Send]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._in_flight: set[int] = set()
        self._done = _Done()
        # Chats whose latest question still shows buttons (spent by a typed answer).
        self.keyboards: set[str] = set()
        self.sent_count = 0
        self.retried_429 = 0

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        flusher = asyncio.create_task(self._flusher())
        try:
            while True:
                self._wake.clear()
                await self._take_new()
                await woken_within(self._wake, self.poll_seconds)
        finally:
            flusher.cancel()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(flusher, *self._tasks, return_exceptions=True)
            with contextlib.suppress(Exception):
                await asyncio.shield(self.flush())

    async def _take_new(self) -> None:
        # Unsent rows come back until they are marked, so ask for those in flight plus more.
        limit = len(self._in_flight) + 500
        items = await self.db.read(partial(_pending, self.clock(), limit))
        for item in items:
            if item.id in self._in_flight:
                continue
            self._in_flight.add(item.id)
            try:
                action: Action = decode_action(item.payload)
            except UnreadableAction as exc:
                log.error("outbox %d: unreadable; set aside", item.id)
                self._finish_dead(item, error_text(exc))
                continue
            if not isinstance(action, Send):
                # Shared rooms (joining, leaving, withdrawing a line read there) have no
                # meaning in Telegram: the bot relays every line itself.
                self._finish(item.id)
                continue
            chat = action.to.chat
            lane = self._lanes.get(chat)
            if lane is None:
                lane = self._lanes[chat] = deque()
                task = asyncio.create_task(self._lane(chat, lane))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            lane.append((item, action))

    async def _lane(self, chat: str, lane: deque[tuple[OutboxItem, Send]]) -> None:
        while lane:
            first = lane.popleft()
            group = [first]
            album = _album(first[1])
            while album is not None and len(group) < 10:
                if not lane:
                    await asyncio.sleep(ALBUM_WAIT)  # its other parts are usually right behind
                if not lane or _album(lane[0][1]) != album:
                    break
                group.append(lane.popleft())
            await self._deliver(group)
        # No await between the check above and the removal: a new item starts a new lane.
        del self._lanes[chat]

    async def _deliver(self, group: list[tuple[OutboxItem, Send]]) -> None:
        """One message, or the parts of one album; tried until Telegram takes or refuses it,
        or `attempts` tries have failed (then set aside: the chat's later messages go on)."""
        item, action = group[0]
        item_id = item.id
        chat_id = int(action.to.chat)
        attempt = 0
        while True:
            await self.limits.acquire(chat_id)
            try:
                if len(group) > 1:
                    message_ids = await self._send_album(chat_id, [a for _, a in group])
                else:
                    message_ids = await self._send(chat_id, action)
            except TelegramRetryAfter as exc:
                self.retried_429 += 1
                PLATFORM_RETRIES.labels(PLATFORM, "rate_limited").inc()
                log.warning("outbox %d: 429, retry after %s s", item_id, exc.retry_after)
                self.limits.pause(float(exc.retry_after))
                continue
            except PERMANENT as exc:
                log.warning("outbox %d: refused by Telegram (%s); dropped", item_id, exc.message)
                for part, _ in group:
                    self._finish_dropped(part.id, error_text(exc))
                return
            except Exception as exc:  # network, server errors: keep it, try again later
                attempt += 1
                PLATFORM_ERRORS.labels(PLATFORM, "send").inc()
                if item.attempts + attempt >= self.attempts:
                    log.error(
                        "outbox %d: failed %d times (%s); set aside",
                        item_id,
                        item.attempts + attempt,
                        type(exc).__name__,
                    )
                    for part, _ in group:
                        tried = OutboxItem(
                            part.id, part.platform, part.payload, part.attempts + attempt
                        )
                        self._finish_dead(tried, error_text(exc))
                    return
                wait = min(30.0, 0.25 * 2**attempt)
                PLATFORM_RETRIES.labels(PLATFORM, "error").inc()
                log.warning("outbox %d: %s; retry in %.1f s", item_id, type(exc).__name__, wait)
                await asyncio.sleep(wait)
                continue
            self.sent_count += len(group)
            chat = str(chat_id)
            question = None
            if action.choices and message_ids:
                question = Question(chat, message_ids[-1], action.text, action.choices)
                self.keyboards.add(chat)
            cases = (
                [(chat, m, action.case_id) for m in message_ids]
                if action.case_id is not None
                else []
            )
            self._finish(item_id, cases, question)
            for other, _ in group[1:]:
                self._finish(other.id)
            return

    async def _tag_case(self, action: Send) -> int | None:
        """The case to tag a relayed line with: lines to staff carry their case."""
        if action.kind != "relay" or action.case_id is None:
            return None
        return action.case_id if await self.is_staff(action.to) else None

    async def _send(self, chat_id: int, action: Send) -> list[int]:
        """Send one action; returns the Telegram message ids it became."""
        case_id = await self._tag_case(action)
        if action.attachment is not None:
            ref = json.loads(action.attachment)
            caption = tagged(case_id, action.text)
            copied = await self.bot.copy_message(
                chat_id=chat_id,
                from_chat_id=int(ref["chat"]),
                message_id=int(ref["message"]),
                caption=caption[:MAX_CAPTION] if caption else None,
            )
            return [copied.message_id]
        parts = chunks(tagged(case_id, action.text))
        ids = []
        for number, part in enumerate(parts, 1):
            markup = keyboard(action.choices) if action.choices and number == len(parts) else None
            sent = await self.bot.send_message(chat_id=chat_id, text=part, reply_markup=markup)
            ids.append(sent.message_id)
        return ids

    async def _send_album(self, chat_id: int, actions: list[Send]) -> list[int]:
        """The parts of an album, copied together so they stay one album (captions kept)."""
        case_id = await self._tag_case(actions[0])
        ids: list[int] = []
        if case_id is not None:
            captions = " ".join(a.text for a in actions if a.text)
            sent = await self.bot.send_message(chat_id=chat_id, text=tagged(case_id, captions))
            ids.append(sent.message_id)
        refs = [json.loads(a.attachment or "{}") for a in actions]
        copied = await self.bot.copy_messages(
            chat_id=chat_id,
            from_chat_id=int(refs[0]["chat"]),
            message_ids=sorted(int(r["message"]) for r in refs),
        )
        return ids + [c.message_id for c in copied]

    def _finish_dropped(self, item_id: int, error: str) -> None:
        self._done.dropped.append((item_id, error))
        self._flush_wake.set()

    def _finish_dead(self, item: OutboxItem, error: str) -> None:
        self._done.dead.append((item, error))
        self._flush_wake.set()

    def _finish(
        self,
        item_id: int,
        case_messages: list[tuple[str, int, int]] | None = None,
        question: Question | None = None,
    ) -> None:
        self._done.ids.append(item_id)
        self._done.case_messages.extend(case_messages or ())
        if question is not None:
            self._done.questions.append(question)
        self._flush_wake.set()

    async def _flusher(self) -> None:
        while True:
            await self._flush_wake.wait()
            self._flush_wake.clear()
            await self.flush()

    async def flush(self) -> None:
        """Mark delivered messages sent and remember their cases, in one transaction."""
        async with self._flush_lock:
            done, self._done = self._done, _Done()
            ids = done.ids + [i for i, _ in done.dropped] + [item.id for item, _ in done.dead]
            if not ids:
                return
            await self.db.write(partial(_settle, done, self.clock()))
            self._in_flight.difference_update(ids)
        if done.dead and self.notice is not None:
            await self.notice()


def _pending(now: datetime, limit: int, tx: Transaction) -> list[OutboxItem]:
    return pending(PLATFORM, now, limit, tx)


def _album(action: Send) -> str | None:
    """The album a relayed part belongs to (parts of one album are copied together)."""
    if action.attachment is None:
        return None
    album = json.loads(action.attachment).get("album")
    return None if album is None else f"{action.case_id}:{album}"


def _settle(done: _Done, now: datetime, tx: Transaction) -> None:
    record_outcomes_in(tx, now, done.ids, done.dropped, done.dead)
    state = TelegramState(tx)
    if done.case_messages:
        state.remember_case_messages(done.case_messages)
    if done.questions:
        state.put_questions(done.questions)
