"""Telegram (aiogram 3): patients in private chats, clinicians in a staff supergroup (DESIGN 10).

- Updates are fetched in batches. One chat's updates are handled in order; different chats in
  parallel. The update offset is saved (and confirmed to Telegram) only after every update
  before it was committed by the core, so a restart loses and repeats nothing (the core's inbox
  makes a redelivered update a no-op).
- Staff are the members of the staff supergroup, checked with getChatMember and cached briefly.
- Case conversations run through each clinician's private chat with the bot; photos, documents
  and voice are relayed with copyMessage (the attachment reference is the source chat and
  message id). Replying to a relayed line answers that line's case.
- Choices are inline keyboards; a typed answer is still accepted.
- Everything goes out through the one sending queue (`sending.Sender`), which keeps the limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramRetryAfter
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    CallbackQuery,
    Message,
    Update,
    User,
)

from adapters.base import handled_or_set_aside
from adapters.telegram.limits import SendLimits
from adapters.telegram.sending import PLATFORM, Sender
from adapters.telegram.session import TelegramSession
from bot.assembly import system_clock
from bot.commands import menu_for
from bot.config import Config
from bot.events import Incoming
from bot.metrics import PLATFORM_ERRORS
from bot.service import CareService, Remark
from storage.database import Transaction
from storage.records import Address, StaffMember
from storage.telegram_state import Question, TelegramState

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
# Media that copyMessage relays as they are.
RELAYABLE = ("photo", "document", "voice", "audio", "video", "video_note", "animation")
IN_GROUP = ("creator", "administrator", "member")


def attachment_of(message: Message) -> str | None:
    """Our reference to a photo, file or voice message: where it is, for copyMessage."""
    if not any(getattr(message, kind, None) for kind in RELAYABLE):
        return None
    ref: dict[str, int | str] = {"chat": message.chat.id, "message": message.message_id}
    if message.media_group_id is not None:
        ref["album"] = message.media_group_id
    return json.dumps(ref)


def is_unsupported(message: Message) -> bool:
    """Stickers, locations, contacts, polls and the like: anything without words or a file."""
    return message.text is None and attachment_of(message) is None


class StaffDirectory:
    """Who is staff: members of the staff supergroup (and configured admins), cached briefly."""

    def __init__(
        self,
        bot: Bot,
        service: CareService,
        config: Config,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = bot
        self.service = service
        self.config = config
        self.ttl = ttl
        self.clock = clock
        self._known: dict[int, tuple[bool, float]] = {}

    def cached(self, user_id: int) -> bool | None:
        hit = self._known.get(user_id)
        return None if hit is None else hit[0]

    async def left(self, user: User) -> None:
        """Someone left the staff group: ask Telegram afresh (an admin stays an admin)."""
        self._known.pop(user.id, None)
        await self.check(user)

    async def check(self, user: User) -> bool:
        now = self.clock()
        hit = self._known.get(user.id)
        if hit is not None and hit[1] > now:
            return hit[0]
        chat_id = self.config.telegram.staff_chat_id
        in_group = False
        if chat_id:
            try:
                member = await self.bot.get_chat_member(chat_id=chat_id, user_id=user.id)
                in_group = member.status in IN_GROUP or (
                    member.status == "restricted" and bool(getattr(member, "is_member", False))
                )
            except TelegramBadRequest:
                in_group = False  # "user not found": not a member
            except Exception as exc:  # Telegram unwell, or an answer we cannot read
                if hit is not None:
                    return hit[0]  # keep the last answer while Telegram is unwell
                log.warning("staff check failed (%s)", type(exc).__name__)
                in_group = False
        role = (
            "clinician" if in_group else "admin" if user.id in self.config.telegram.admins else None
        )
        address = Address(PLATFORM, str(user.id))
        if role is not None:
            if hit is None or not hit[0]:
                await self.service.set_staff(
                    StaffMember(address, role, user.full_name, "", self.config.service.unit)
                )
        elif (hit is None or hit[0]) and await self.service.is_staff(address):
            log.info("a former staff member left the staff group")
            await self.service.remove_staff(address)
        self._known[user.id] = (role is not None, now + self.ttl)
        return role is not None


class TelegramAdapter:
    platform = PLATFORM
    connected = False  # the last getUpdates (or setWebhook) went through: /readyz

    def __init__(
        self,
        config: Config,
        *,
        clock: Callable[[], datetime] = system_clock,
        poll_timeout: int = 25,
        member_ttl: float = 60.0,
        retry_seconds: float = 1.0,
    ) -> None:
        self.config = config
        self.tg = config.telegram
        self.clock = clock
        self.poll_timeout = poll_timeout
        self.member_ttl = member_ttl
        self.retry_seconds = retry_seconds
        self.bot_key = self.tg.token.split(":", 1)[0]
        self.limits = SendLimits(self.tg.rate_limits)
        self.handled = 0
        self._chat_locks: dict[str, tuple[asyncio.Lock, list[int]]] = {}
        self.ready = asyncio.Event()
        self._staff_table: dict[str, tuple[bool, float]] = {}

    def staff_room(self) -> Address | None:
        return Address(PLATFORM, str(self.tg.staff_chat_id)) if self.tg.staff_chat_id else None

    def make_bot(self) -> Bot:
        session = (
            TelegramSession(api=TelegramAPIServer.from_base(self.tg.api_base))
            if self.tg.api_base
            else TelegramSession()
        )
        return Bot(self.tg.token, session=session)

    async def run(self, service: CareService) -> None:
        """Receive and send until cancelled."""
        # What the start built (the lexicon, the danger vocabulary, aiogram's and pydantic's
        # models: some 250,000 objects) lives as long as the process: kept out of the cycle
        # collector, whose every full pass over them cost about 150 ms of CPU.
        gc.freeze()
        bot = self.make_bot()
        self.bot = bot
        self.service = service
        self.staff = StaffDirectory(bot, service, self.config, self.member_ttl)
        self.sender = Sender(
            bot,
            service.db,
            self.limits,
            self._is_staff,
            self.clock,
            attempts=self.config.reliability.delivery_attempts,
            notice=service.tell_dead_letters,
        )
        # Messages stored outside the update loop (jobs, the e-ID endpoint) go out at once too,
        # not at the sender's next poll.
        stop_listening = service.listen(self.sender.wake)
        try:
            await self.register_commands()
            # Buttons shown before a restart are spent by a typed answer just the same.
            self.sender.keyboards.update(
                await service.db.read(lambda tx: TelegramState(tx).chats_with_questions())
            )
            receiving = self._poll() if self.tg.mode == "polling" else self._webhook()
            async with asyncio.TaskGroup() as tasks:  # one fails: the other is stopped too
                tasks.create_task(self.sender.run())
                tasks.create_task(receiving)
        finally:
            stop_listening()
            with contextlib.suppress(Exception):
                await bot.session.close()

    async def _is_staff(self, address: Address) -> bool:
        """For tagging relayed lines: the membership cache, else the staff table (cached)."""
        cached = self.staff.cached(int(address.chat))
        if cached is not None:
            return cached
        now = time.monotonic()
        hit = self._staff_table.get(address.chat)
        if hit is not None and hit[1] > now:
            return hit[0]
        found = await self.service.is_staff(address)
        self._staff_table[address.chat] = (found, now + self.member_ttl)
        return found

    async def register_commands(self) -> None:
        """Command menus in each language (bot/commands.py): patients' in private chats, staff's
        in the group."""
        services = self.service.services
        default = self.config.service.default_language
        languages: list[str | None] = [None, *self.config.service.languages]
        try:
            for code in languages:
                lang = code or default
                await self.bot.set_my_commands(
                    [
                        BotCommand(command=c, description=d)
                        for c, d in menu_for(services, "patient", lang)
                    ],
                    scope=BotCommandScopeAllPrivateChats(),
                    language_code=code,
                )
                if self.tg.staff_chat_id:
                    await self.bot.set_my_commands(
                        [
                            BotCommand(command=c, description=d)
                            for c, d in menu_for(services, "clinician", lang)
                        ],
                        scope=BotCommandScopeChat(chat_id=self.tg.staff_chat_id),
                        language_code=code,
                    )
        except TelegramAPIError as exc:  # a menu is a nicety; the bot works without it
            log.warning("setMyCommands failed (%s)", type(exc).__name__)

    # Receiving

    async def _poll(self) -> None:
        offset = await self.service.db.read(lambda tx: TelegramState(tx).offset(self.bot_key))
        with contextlib.suppress(TelegramAPIError):
            await self.bot.delete_webhook(drop_pending_updates=False)
        self.ready.set()
        while True:
            try:
                updates = await self.bot.get_updates(
                    offset=offset,
                    timeout=self.poll_timeout,
                    allowed_updates=ALLOWED_UPDATES,
                    request_timeout=self.poll_timeout + 10,
                )
            except TelegramRetryAfter as exc:
                await asyncio.sleep(float(exc.retry_after))
                continue
            except (TelegramAPIError, OSError, TimeoutError) as exc:
                log.warning("getUpdates failed (%s); trying again", type(exc).__name__)
                self.connected = False
                PLATFORM_ERRORS.labels(PLATFORM, "receive").inc()
                await asyncio.sleep(self.retry_seconds)
                continue
            self.connected = True
            if not updates:
                continue
            await self.handle_batch(updates)
            offset = updates[-1].update_id + 1
            await self.service.db.write(partial(_save_offset, self.bot_key, offset, self.clock()))

    async def _webhook(self) -> None:
        from aiohttp import web

        async def receive(request: web.Request) -> web.Response:
            update = Update.model_validate(await request.json(), context={"bot": self.bot})
            await self.handle_batch([update])
            return web.Response(text="ok")  # only now: Telegram sends it again otherwise

        app = web.Application()
        app.router.add_post(f"/telegram/{self.bot_key}", receive)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        host, _, port = self.tg.webhook_listen.rpartition(":")
        await web.TCPSite(runner, host or "127.0.0.1", int(port)).start()
        try:
            await self.bot.set_webhook(url=self.tg.webhook_url, allowed_updates=ALLOWED_UPDATES)
            self.connected = True
            self.ready.set()
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    async def handle_batch(self, updates: Iterable[Update]) -> None:
        """Each chat's updates in order; chats in parallel. Returns when all are committed."""
        by_chat: dict[str, list[Update]] = {}
        for update in updates:
            by_chat.setdefault(_chat_of(update), []).append(update)
        await asyncio.gather(*(self._handle_chat(chat, ups) for chat, ups in by_chat.items()))

    async def _handle_chat(self, chat: str, updates: list[Update]) -> None:
        # A lock per chat (webhook deliveries may overlap), dropped when nobody holds or waits.
        entry = self._chat_locks.setdefault(chat, (asyncio.Lock(), [0]))
        lock, users = entry
        users[0] += 1
        try:
            async with lock:
                for update in updates:
                    await self._handle_with_retries(update)
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._chat_locks[chat]

    async def _handle_with_retries(self, update: Update) -> None:
        """Until the update is handled or set aside as a dead letter: the offset moves past it
        only then (`adapters.base.handled_or_set_aside`)."""
        await handled_or_set_aside(
            self.service,
            partial(self.handle_update, update),
            partial(self._plain_event, update),
            attempts=self.config.reliability.event_attempts,
            retry_seconds=self.retry_seconds,
            what=f"telegram: update {update.update_id}",
        )
        self.handled += 1

    def _plain_event(self, update: Update) -> Incoming | None:
        """The update as the core would take it, from its plain fields alone (what failed may
        be the adapter's own look-ups): kept with the dead letter, to be handled again."""
        message = update.message or update.edited_message
        user = message.from_user if message is not None else None
        chat = message.chat.id if message is not None else None
        text = (message.text or message.caption or "") if message is not None else ""
        attachment = attachment_of(message) if message is not None else None
        query = update.callback_query
        if query is not None and query.message is not None:
            user, chat, text = query.from_user, query.message.chat.id, (query.data or "")[2:]
        if user is None or chat is None:
            return None
        return Incoming(
            event_id=self._event_id(update),
            sender=Address(PLATFORM, str(user.id)),
            chat=Address(PLATFORM, str(chat)),
            text=text,
            at=self.clock(),
            attachment=attachment,
        )

    def _event_id(self, update: Update) -> str:
        return f"telegram:{self.bot_key}:{update.update_id}"

    async def handle_update(self, update: Update) -> None:
        if update.message is not None:
            await self._message(update, update.message)
        elif update.callback_query is not None:
            await self._callback(update, update.callback_query)
        elif update.edited_message is not None:
            await self._edited(update, update.edited_message)

    async def _edited(self, update: Update, message: Message) -> None:
        """An edit: a new, marked line inside a case conversation, else a kind answer (the
        core decides: `CareService.edited`)."""
        if message.chat.type != "private" or message.from_user is None:
            return
        address = Address(PLATFORM, str(message.chat.id))
        await self.staff.check(message.from_user)
        edited = Incoming(
            event_id=self._event_id(update),
            sender=address,
            chat=address,
            text=message.text or message.caption or "",
            at=self.clock(),
        )
        await self.service.edited(edited)

    async def _message(self, update: Update, message: Message) -> None:
        user = message.from_user
        if user is None or user.is_bot:
            return
        chat = message.chat
        in_staff_room = chat.id == self.tg.staff_chat_id
        if chat.type != "private" and not in_staff_room:
            return  # a group that is not ours
        if in_staff_room and message.left_chat_member is not None:
            # Left the staff group (or was removed): staff no more, and their cases go back.
            await self.staff.left(message.left_chat_member)
            return
        text = message.text or message.caption or ""
        if in_staff_room and not text.lstrip().startswith(("/", "!")):
            return  # staff talking among themselves
        sender = Address(PLATFORM, str(user.id))
        here = Address(PLATFORM, str(chat.id))
        await self.staff.check(user)
        if is_unsupported(message):
            if not in_staff_room:
                remark = Remark(here, "telegram.unsupported", reader=sender)
                await self.service.remark(remark, event_id=self._event_id(update))
            return
        case_hint = None
        if message.reply_to_message is not None:
            await self.sender.flush()  # what was just sent is looked up below
            case_hint = await self.service.db.read(
                partial(_case_of_message, here.chat, message.reply_to_message.message_id)
            )
        if here.chat in self.sender.keyboards:
            await self._retire_keyboard(here.chat)  # a typed answer: the buttons are spent
        event = Incoming(
            event_id=self._event_id(update),
            sender=sender,
            chat=here,
            text=text,
            at=self.clock(),
            case_hint=case_hint,
            attachment=attachment_of(message),
        )
        await self.service.handle(event)
        self.sender.wake()

    async def _callback(self, update: Update, query: CallbackQuery) -> None:
        message = query.message
        data = query.data or ""
        if message is None or not data.startswith("a:") or not data[2:].isdigit():
            await self._answer_callback(query.id)
            return
        chat = str(message.chat.id)
        await self.sender.flush()  # the question may have been sent a moment ago
        question = await self.service.db.read(partial(_question, chat))
        number = int(data[2:])
        if (
            question is None
            or question.message_id != message.message_id
            or not 1 <= number <= len(question.choices)
        ):
            lang = await self.service.language_of(_person(query.from_user))
            await self._answer_callback(
                query.id, self.service.services.texts.get(lang, "telegram.stale_button")
            )
            return
        await self.staff.check(query.from_user)
        event = Incoming(
            event_id=self._event_id(update),
            sender=Address(PLATFORM, str(query.from_user.id)),
            chat=Address(PLATFORM, chat),
            text=str(number),
            at=self.clock(),
        )
        await self.service.handle(event)
        self.sender.wake()
        # The answer is committed; now the buttons are spent and the question shows the choice.
        await self.service.db.write(partial(_forget_question, chat, message.message_id))
        self.sender.keyboards.discard(chat)
        await self._answer_callback(query.id)
        lang = await self.service.language_of(_person(query.from_user))
        shown = self.service.services.texts.get(
            lang, "telegram.answered", choice=question.choices[number - 1]
        )
        with contextlib.suppress(TelegramAPIError):
            await self.limits.acquire(message.chat.id)
            await self.bot.edit_message_text(
                chat_id=message.chat.id,
                message_id=message.message_id,
                text=f"{question.text}\n\n{shown}",
            )

    async def _retire_keyboard(self, chat: str) -> None:
        question = await self.service.db.read(partial(_question, chat))
        self.sender.keyboards.discard(chat)
        if question is None:
            return
        await self.service.db.write(partial(_forget_question, chat, question.message_id))
        with contextlib.suppress(TelegramAPIError):
            await self.bot.edit_message_reply_markup(
                chat_id=int(chat), message_id=question.message_id, reply_markup=None
            )

    async def _answer_callback(self, query_id: str, text: str | None = None) -> None:
        with contextlib.suppress(TelegramAPIError):
            await self.bot.answer_callback_query(callback_query_id=query_id, text=text)


def _person(user: User) -> Address:
    return Address(PLATFORM, str(user.id))


def _chat_of(update: Update) -> str:
    for message in (update.message, update.edited_message):
        if message is not None:
            return str(message.chat.id)
    query = update.callback_query
    if query is not None and query.message is not None:
        return str(query.message.chat.id)
    return f"update:{update.update_id}"


def _save_offset(bot: str, offset: int, now: datetime, tx: Transaction) -> None:
    TelegramState(tx).save_offset(bot, offset, now)


def _case_of_message(chat: str, message_id: int, tx: Transaction) -> int | None:
    return TelegramState(tx).case_of_message(chat, message_id)


def _question(chat: str, tx: Transaction) -> Question | None:
    return TelegramState(tx).question(chat)


def _forget_question(chat: str, message_id: int, tx: Transaction) -> None:
    TelegramState(tx).forget_question(chat, message_id)


__all__ = ["PLATFORM", "StaffDirectory", "TelegramAdapter", "attachment_of", "is_unsupported"]
