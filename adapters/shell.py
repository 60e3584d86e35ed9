"""The terminal transport (DESIGN 5.1): `ROLE: text` in, `[SENDER → RECIPIENT] text` out.

A bare line is the patient. Roles are `patient`, `patient2`, …, `clinician`, `clinician2`, …,
`admin`; the staff roles come from `[shell]` in the config. It reads until EOF, so a file of lines
is a scripted conversation.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import re
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from bot.config import Config
from bot.events import SMS, Action, Incoming, Send, SendSms
from bot.outbox import Dispatcher
from bot.service import CareService
from bot.shown_text import shown
from storage.database import Database
from storage.records import Address, StaffMember

log = logging.getLogger(__name__)

PLATFORM = "shell"
STAFF_ROOM = Address(PLATFORM, "staff")
_ROLE = re.compile(r"^\s*([A-Za-z]+[0-9]*)\s*:\s?(.*)$")
_KNOWN_PREFIXES = ("patient", "clinician", "admin")


def parse_line(line: str) -> tuple[str, str]:
    """(role, text). Only known role words count as a role, so 'Obs: ont' stays the patient's."""
    match = _ROLE.match(line)
    if match and match.group(1).lower().rstrip("0123456789") in _KNOWN_PREFIXES:
        return match.group(1).lower(), match.group(2).strip()
    return "patient", line.strip()


def format_action(action: Action) -> list[str]:
    if isinstance(action, SendSms):
        return [f"[bot → sms] {action.text}"]  # the number stays off the screen
    if not isinstance(action, Send):
        # Shared rooms (joining, leaving, withdrawing a line read there) have no meaning in
        # one terminal: the bot relays every line itself.
        return []
    sender = action.origin.chat if action.origin is not None else "bot"
    # The core already cleans what it shows; this is the terminal's own last guard, for text
    # stored before that or put in the outbox by someone else. Continuation lines are indented,
    # so words after a newline can never pass for a `[x → y]` line of their own.
    lines = shown(action.text).split("\n")
    out = [f"[{sender} → {action.to.chat}] {lines[0]}"]
    out.extend(f"    {line}" if line else "" for line in lines[1:])
    out.extend(
        f"    {number}. {' '.join(shown(label).split())}"
        for number, label in enumerate(action.choices, 1)
    )
    if action.image is not None:
        out.append(f"    [PNG, {len(base64.b64decode(action.image)) // 1024 + 1} kB]")
    return out


async def register_staff(db: Database, config: Config, now: datetime) -> None:
    """The staff roles `[shell]` names, as staff of the configured unit."""
    members = [
        StaffMember(
            Address(PLATFORM, person.role),
            person.kind,
            person.name,
            person.title,
            config.service.unit,
        )
        for person in config.shell.staff
    ]
    await CareService.put_staff(db, members, now)


class Shell:
    def __init__(
        self,
        service: CareService,
        out: TextIO,
        clock: Callable[[], datetime],
        run_id: str | None = None,
    ) -> None:
        self.service = service
        self.out = out
        self.clock = clock
        self.run_id = run_id or uuid.uuid4().hex[:12]
        self.line_number = 0
        attempts = service.services.config.reliability.delivery_attempts
        notice = service.tell_dead_letters
        self.dispatcher = Dispatcher(
            service.db, PLATFORM, self._deliver, clock, attempts=attempts, notice=notice
        )
        # In the terminal a text message is a line too, so the whole journey can be seen.
        self.sms = Dispatcher(
            service.db, SMS, self._deliver_sms, clock, attempts=attempts, notice=notice
        )
        self._draining = asyncio.Lock()
        self._woken: set[asyncio.Task[None]] = set()

    async def _deliver(self, action: Action) -> None:
        for line in format_action(action):
            self.out.write(line + "\n")
        self.out.flush()

    async def _deliver_sms(self, action: Action) -> None:
        await self._deliver(action)
        if isinstance(action, SendSms):
            await self.service.sms_status(action.sms_id, "sent", PLATFORM)

    async def feed(self, line: str) -> None:
        """Handle one input line, then print what it caused."""
        self.line_number += 1
        if not line.strip():
            return
        role, text = parse_line(line)
        address = Address(PLATFORM, role)
        event = Incoming(
            event_id=f"{PLATFORM}:{self.run_id}:{self.line_number}",
            sender=address,
            chat=address,
            text=text,
            at=self.clock(),
        )
        try:
            # A line the core cannot handle is set aside and answered kindly there; this is
            # for when not even that could be stored (the database is unwell).
            await self.service.handle(event)
        except Exception as exc:
            log.error("line %d: not handled (%s)", self.line_number, type(exc).__name__)
            texts = self.service.services.texts
            lang = self.service.services.config.service.default_language
            await self._deliver(Send(address, texts.get(lang, "errors.failed")))
        await self.drain()

    async def drain(self) -> None:
        # One drain at a time: two at once could both print the same stored message.
        async with self._draining:
            await self.dispatcher.drain()
            await self.sms.drain()

    def wake(self) -> None:
        """Print what was stored without an input line (an e-ID login finishing in a browser)."""
        task = asyncio.get_running_loop().create_task(self.drain())
        self._woken.add(task)
        task.add_done_callback(self._woken.discard)

    async def run(self, stream: TextIO) -> None:
        await self.drain()  # whatever a stopped run stored but did not print
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, read_line, stream)
            if not line:
                # Prints woken before the end finish before the caller closes the database.
                await asyncio.gather(*self._woken)
                return
            await self.feed(line.rstrip("\n"))


def read_line(stream: TextIO) -> str:
    """The next input line, "" at the end. Bytes that are not UTF-8 (a terminal in Latin-1, a
    pasted binary) become U+FFFD: the line is still read and answered, never the end of the bot."""
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        data: bytes = raw.readline()
        return data.decode("utf-8", errors="replace")
    line = stream.readline()
    # A text stream may already hold undecodable bytes as lone surrogates, which no database
    # or screen takes.
    try:
        data = line.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        data = line.encode("utf-8", errors="replace")
    return data.decode("utf-8", errors="replace")


def intro(service: CareService) -> str:
    texts = service.services.texts
    return texts.get(service.services.config.service.default_language, "shell.intro")


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


__all__ = ["PLATFORM", "STAFF_ROOM", "Shell", "format_action", "parse_line", "register_staff"]
