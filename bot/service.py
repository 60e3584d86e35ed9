"""The service layer: one incoming event, one transaction, a list of actions in the outbox."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import TypeVar

from bot.clinician import StaffDesk
from bot.context import Services
from bot.dead_letters import error_text, tell_admins
from bot.events import (
    Action,
    Incoming,
    Send,
    Withdraw,
    decode_incoming,
    encode_action,
    encode_incoming,
    platform_of,
)
from bot.identity import parse_personnummer, stockholm_date
from bot.identity.desk import IdentityDesk
from bot.intake import Intake
from bot.jobs import Jobs
from bot.metrics import HANDLING_SECONDS, timed
from bot.patient import PatientDesk
from bot.staff_removal import remove_from_staff
from bot.turn import Turn
from storage.database import Database, Later, Transaction
from storage.dead_letters import NOTICE
from storage.records import Address, StaffMember
from storage.repositories import Repositories

log = logging.getLogger(__name__)

T = TypeVar("T")
# An adapter's own bookkeeping (its `*_state` store) committed with what the core stores.
Along = Callable[[Transaction], object]


@dataclass(frozen=True)
class Remark:
    """A word an adapter needs said where the core has no event to answer (a sticker, an edit
    after the fact, a room without powers, a message that could not be read): the catalogue's
    `key`, to `to`, in the language of `reader` (default `to`). `staff_only`: said only if `to`
    is staff, so a patient never reads words meant for staff."""

    to: Address
    key: str
    reader: Address | None = None
    staff_only: bool = False


class CareService:
    """Takes events, decides, and stores the decision with its outgoing messages atomically."""

    def __init__(self, db: Database, services: Services) -> None:
        self.db = db
        self.services = services
        self.intake = Intake(services)
        self.identity = IdentityDesk(services, self.intake)
        self.patients = PatientDesk(services, self.intake, self.identity)
        self.staff = StaffDesk(services)
        self.jobs = Jobs(services)
        self._listeners: list[Callable[[], None]] = []
        # Between the tries of an event that failed (times the try's number): a moment for
        # what was passing (a busy database) to pass.
        self.retry_seconds = 0.2
        self._fresh = False  # closures and lexicon changes read once; then kept up to date

    def listen(self, wake: Callable[[], None]) -> Callable[[], None]:
        """Call `wake` after every commit that stored outgoing messages (a dispatcher's cue).
        Returns what stops it (an adapter started again on the same service)."""
        self._listeners.append(wake)
        return partial(self._listeners.remove, wake)

    def _stored(self, actions: list[Action] | None) -> None:
        if actions:
            for wake in self._listeners:
                wake()

    @timed(HANDLING_SECONDS)
    async def handle(
        self, event: Incoming, *, along: Callable[[Transaction], object] | None = None
    ) -> list[Action] | None:
        """Handle one event. Returns None for an event already handled (a redelivery).

        `along` is an adapter's own bookkeeping that must land in the same transaction as the
        event, redelivery or not (the Matrix adapter drops a stored encrypted event there).

        Nothing an event does stops the bot (DESIGN 13): a handling that fails is tried again
        (`[reliability] event_attempts` in all); then the event is set aside as a dead letter,
        its sender answered kindly and an admin told, in one transaction with its inbox mark,
        and this returns normally, so the adapter's cursor moves on. It raises only when even
        that could not be stored (the database is unwell): the cursor must then stay put."""

        def work(tx: Transaction) -> tuple[list[Action] | None, Later[list[int]] | None]:
            if along is not None:
                along(tx)
            repos = Repositories(tx)
            actions = self.decide(repos, event)
            # An admin's `deadletters retry` is carried out once it is committed.
            retry = (
                repos.dead_letters.retrying() if actions and self._by_staff(repos, event) else None
            )
            return actions, retry

        limit = self.services.config.reliability.event_attempts
        for attempt in range(1, limit + 1):
            try:
                # By its chat: one chat's events one after another, in order (PostgreSQL may
                # run other chats' meanwhile, storage/postgres.py).
                actions, retry = await self.db.write(work, key=event.chat.key())
            except Exception as exc:  # a process dying is not an Exception: it stops us
                _log_failure(event.event_id, exc, attempt, limit)
                if attempt < limit:
                    await asyncio.sleep(self.retry_seconds * attempt)
                    continue
                actions = await self.db.write(
                    partial(self._set_aside, event, error_text(exc), attempt, along),
                    key=event.chat.key(),
                )
                self._stored(actions)
                return actions
            self._stored(actions)
            for letter_id in [] if retry is None else retry.value:
                await self._retry_incoming(letter_id)
            return actions
        raise AssertionError("unreachable: event_attempts is at least 1")

    async def set_aside(self, event: Incoming, error: Exception, attempts: int) -> None:
        """An adapter could not get `event` handled (its own part failed): set it aside as a
        dead letter, answer its sender kindly and tell an admin, like `handle` does."""
        actions = await self.db.write(
            partial(self._set_aside, event, error_text(error), attempts, None)
        )
        self._stored(actions)

    def _by_staff(self, repos: Repositories, event: Incoming) -> bool:
        return repos.staff.get(event.sender) is not None

    def _set_aside(
        self,
        event: Incoming,
        error: str,
        attempts: int,
        along: Callable[[Transaction], object] | None,
        tx: Transaction,
    ) -> list[Action] | None:
        """The event as a dead letter, its inbox mark, a kind answer and the admins' notice:
        all of it or nothing, so a redelivery after a crash here tries the event again."""
        if along is not None:
            along(tx)
        repos = Repositories(tx)
        now = self.services.clock()
        if not repos.inbox.mark(event.event_id, now):
            return None  # handled meanwhile (another process, or a redelivery that went well)
        letter = repos.dead_letters.add_incoming(
            event.chat.platform,
            event.event_id,
            event.sender.key(),
            encode_incoming(event),
            error,
            attempts,
            now,
        )
        log.warning("event %s set aside as dead letter %d", event.event_id, letter)
        actions: list[Action] = []
        if not event.late:  # a late one's moment has passed; its sender wrote again (late.py)
            actions.append(
                Send(event.chat, self.services.texts.get(self._lang(repos, event), "errors.failed"))
            )
            repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in actions], now)
        return actions + self._tell_admins(repos, now)

    def _lang(self, repos: Repositories, event: Incoming) -> str:
        patient = repos.patients.by_account(event.sender)
        return patient.language if patient else self.services.config.service.default_language

    def _tell_admins(self, repos: Repositories, now: datetime) -> list[Action]:
        notices = tell_admins(repos, self.services, now)
        repos.outbox.add_many(
            [(platform_of(a), encode_action(a)) for a in notices], now, purpose=NOTICE
        )
        return notices

    async def tell_dead_letters(self) -> None:
        """Tell admins of dead letters set aside by a sending worker (which knows no texts)."""
        actions = await self.db.write(
            lambda tx: self._tell_admins(Repositories(tx), self.services.clock())
        )
        self._stored(actions)

    async def _retry_incoming(self, letter_id: int) -> None:
        """An admin's retry of an incoming dead letter: handled again, as new, in one unit of
        work with its settling; a failure keeps it in the list and tells the admins anew."""

        def work(tx: Transaction) -> list[Action]:
            repos = Repositories(tx)
            letter = repos.dead_letters.get(letter_id)
            if letter is None or letter.status != "retrying" or letter.direction != "in":
                return []
            event = decode_incoming(letter.payload)
            repos.inbox.forget(event.event_id)
            actions = self.decide(repos, event) or []
            repos.dead_letters.settle(letter_id, "retried", None, self.services.clock())
            return actions

        try:
            actions = await self.db.write(work)
        except Exception as exc:
            log.warning("dead letter %d: the retry failed (%s)", letter_id, type(exc).__name__)
            error = error_text(exc)

            def failed(tx: Transaction) -> list[Action]:
                repos = Repositories(tx)
                now = self.services.clock()
                repos.dead_letters.failed_again(letter_id, error, now)
                return self._tell_admins(repos, now)

            actions = await self.db.write(failed)
        self._stored(actions)

    async def set_staff(self, member: StaffMember) -> None:
        """Adapters call this when they learn who is staff (staff room membership, config)."""
        await self.db.write(lambda tx: Repositories(tx).staff.put(member, self.services.clock()))

    async def remove_staff(self, address: Address) -> None:
        """Someone left the staff room or group: their active cases go back to the queue at
        their old place, the patients and the staff room are told, nothing more reaches them."""
        actions = await self.db.write(lambda tx: self._remove_staff(Repositories(tx), address))
        self._stored(actions)

    def _remove_staff(self, repos: Repositories, address: Address) -> list[Action]:
        now = self.services.clock()
        if not self._fresh:
            self.services.refresh(repos)
            self._fresh = True
        event = Incoming("staff-removed", address, address, "", now)
        turn = Turn(repos, event, now, self.services.texts)
        remove_from_staff(turn, self.services, address, address)
        repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in turn.actions], now)
        return turn.actions

    async def is_staff(self, address: Address) -> bool:
        return await self.db.read(lambda tx: Repositories(tx).staff.get(address)) is not None

    @staticmethod
    async def put_staff(db: Database, members: Iterable[StaffMember], now: datetime) -> None:
        """Staff known before any service runs (the shell's configured roles), together."""

        def work(tx: Transaction) -> None:
            repos = Repositories(tx)
            for member in members:
                repos.staff.put(member, now)

        await db.write(work)

    # What every chat adapter asks the core, rather than reading the record itself.

    async def in_conversation(self, address: Address) -> bool:
        """Is this person in a case conversation now (an active case, as patient or clinician)?"""
        return await self.db.read(lambda tx: _in_conversation(Repositories(tx), address))

    async def language_of(self, address: Address) -> str:
        """The language this chat account speaks: the patient's choice, else the default."""
        return await self.db.read(lambda tx: self._language_of(Repositories(tx), address))

    def _language_of(self, repos: Repositories, address: Address) -> str:
        patient = repos.patients.by_account(address)
        default = self.services.config.service.default_language
        return (patient.language if patient else None) or default

    async def case_here(self, patient: Address, clinician: Address) -> int | None:
        """The active case of the patient on this account that this clinician has, if any: a
        line by staff in a patient's shared room belongs to it, and never to another case."""

        def read(tx: Transaction) -> int | None:
            repos = Repositories(tx)
            owner = repos.patients.by_account(patient)
            if owner is None:
                return None
            cases = repos.cases.open_for_patient(owner.id)
            return next(
                (c.id for c in cases if c.state == "active" and c.clinician == clinician), None
            )

        return await self.db.read(read)

    async def remark(
        self, remark: Remark, *, event_id: str | None = None, along: Along | None = None
    ) -> None:
        """Say `remark`. With `event_id`, as the answer to that event, once: the event is marked
        handled with it, and a redelivery says nothing more. `along` as in `handle`."""

        def work(tx: Transaction) -> list[Action]:
            if along is not None:
                along(tx)
            repos = Repositories(tx)
            now = self.services.clock()
            if event_id is not None and not repos.inbox.mark(event_id, now):
                return []
            return self._remark(repos, [remark], now)

        self._stored(await self.db.write(work))

    async def remarks(self, work: Callable[[Transaction], tuple[list[Remark], T]]) -> tuple[int, T]:
        """Remarks an adapter's own bookkeeping decides on (`work`: it returns them, and what
        the caller wants back), stored in one transaction with it, so a crash neither loses
        nor doubles them. Returns how many were said, and `work`'s own result."""

        def unit(tx: Transaction) -> tuple[list[Action], T]:
            remarks, result = work(tx)
            return self._remark(Repositories(tx), remarks, self.services.clock()), result

        actions, result = await self.db.write(unit)
        self._stored(actions)
        return len(actions), result

    def _remark(self, repos: Repositories, remarks: list[Remark], now: datetime) -> list[Action]:
        actions: list[Action] = []
        for remark in remarks:
            if remark.staff_only and repos.staff.get(remark.to) is None:
                continue
            lang = self._language_of(repos, remark.reader or remark.to)
            actions.append(Send(remark.to, self.services.texts.get(lang, remark.key)))
        repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in actions], now)
        return actions

    async def edited(self, event: Incoming, *, along: Along | None = None) -> bool:
        """A person changed a message they had sent (`event.text`: the new words). Inside a
        case conversation the edit goes on as a new line marked as edited, so it is recorded
        and put through the tone rules like any line; elsewhere an answer once taken stays
        taken, and the person is told so in their own chat (not for a `late` event: that
        moment has passed). The same on every platform. True if `along` was committed."""
        if event.text.strip() and await self.in_conversation(event.sender):
            marker = self.services.texts.get(
                await self.language_of(event.sender), "chat.edit_marker"
            )
            marked = replace(event, text=f"{marker} {event.text}")
            # Without `along`, as adapters call `handle` (tests stand in for it so).
            await (self.handle(marked) if along is None else self.handle(marked, along=along))
            return True
        if event.sender == event.chat and not event.late:
            remark = Remark(event.chat, "chat.edited", reader=event.sender)
            await self.remark(remark, event_id=event.event_id, along=along)
            return True
        return False

    async def tick(self) -> list[Action]:
        """Run the periodic jobs once (the scheduler calls this; tests call it with their clock)."""
        actions = await self.db.write(lambda tx: self._tick(Repositories(tx)))
        self._stored(actions)
        return actions

    def _tick(self, repos: Repositories) -> list[Action]:
        now = self.services.clock()
        self.services.refresh(repos)
        staff = Address("bot", "jobs")
        turn = Turn(repos, Incoming("tick", staff, staff, "", now), now, self.services.texts)
        self.jobs.run(turn)
        repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in turn.actions], now)
        # Dead letters nobody was told of yet (a worker without a notice hook, or a crash
        # between setting one aside and telling).
        return turn.actions + self._tell_admins(repos, now)

    async def verified(self, chat_key: str, personnummer: str, name: str) -> None:
        """The e-ID web endpoint verified who uses the chat account `chat_key` (an address key):
        bind them, confirm in chat and go on with care, in one transaction."""
        actions = await self.db.write(
            lambda tx: self._verified(Repositories(tx), chat_key, personnummer, name)
        )
        self._stored(actions)

    def _verified(
        self, repos: Repositories, chat_key: str, personnummer: str, name: str
    ) -> list[Action]:
        provider = self.services.config.identity.provider
        if provider not in ("oidc", "bankid"):
            raise ValueError(f"no e-ID login with provider {provider!r}")
        now = self.services.clock()
        number = parse_personnummer(personnummer, stockholm_date(now))
        if number is None:
            raise ValueError("not a valid personnummer")
        if not self._fresh:
            self.services.refresh(repos)
            self._fresh = True
        account = Address.from_key(chat_key)
        turn = Turn(
            repos, Incoming("identity", account, account, "", now), now, self.services.texts
        )
        self.identity.bind(turn, number, " ".join(name.split()), provider)
        repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in turn.actions], now)
        return turn.actions

    async def login_not_completed(self, chat_key: str) -> str:
        """The e-ID web endpoint refused a login from the chat account `chat_key` (finished in
        another browser than the one that opened the link): tell the chat. Returns the language
        of the page the endpoint shows."""
        lang, actions = await self.db.write(
            lambda tx: self._login_not_completed(Repositories(tx), chat_key)
        )
        self._stored(actions)
        return lang

    def _login_not_completed(self, repos: Repositories, chat_key: str) -> tuple[str, list[Action]]:
        now = self.services.clock()
        account = Address.from_key(chat_key)
        turn = Turn(
            repos, Incoming("identity", account, account, "", now), now, self.services.texts
        )
        lang = self.identity.login_not_completed(turn)
        repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in turn.actions], now)
        return lang, turn.actions

    async def not_withdrawn(self, withdraw: Withdraw) -> None:
        """The platform could not take back a held-back message: tell staff, once however
        often the delivery is retried (the original event's id marks it handled)."""
        actions = await self.db.write(lambda tx: self._not_withdrawn(Repositories(tx), withdraw))
        self._stored(actions)

    def _not_withdrawn(self, repos: Repositories, withdraw: Withdraw) -> list[Action]:
        now = self.services.clock()
        case = repos.cases.get(withdraw.case_id)
        if withdraw.what != "threat":
            return []
        if case is None or not repos.inbox.mark(f"not-withdrawn:{withdraw.event_id}", now):
            return []
        event = Incoming("not-withdrawn", withdraw.chat, withdraw.chat, "", now)
        turn = Turn(repos, event, now, self.services.texts)
        self.patients.conduct.not_withdrawn(turn, case)
        repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in turn.actions], now)
        return turn.actions

    async def sms_status(
        self, sms_id: int, status: str, provider: str | None = None, provider_id: str | None = None
    ) -> None:
        """Record how far a text message got (sent, delivered, failed)."""
        now = self.services.clock()
        await self.db.write(
            lambda tx: Repositories(tx).sms.set_status(sms_id, status, now, provider, provider_id)
        )

    async def sms_report(self, provider: str, provider_id: str, status: str) -> str:
        """The gateway's delivery report (delivered, failed) for the message it knows by
        `provider_id`: "applied", "unchanged" (the message had its outcome already) or "kept"
        (its id is not stored yet: a fast gateway; applied when it is, forgotten after a day)."""
        now = self.services.clock()
        return await self.db.write(
            lambda tx: Repositories(tx).sms.report(provider, provider_id, status, now)
        )

    def decide(self, repos: Repositories, event: Incoming) -> list[Action] | None:
        """The whole of one event inside its transaction (runs in the database's thread)."""
        now = self.services.clock()
        # With the sender: who they are is read in the same round trip (routing asks next).
        if not repos.inbox.mark(event.event_id, now, sender=event.sender):
            log.debug("event %s already handled", event.event_id)
            return None
        if not self._fresh:
            self.services.refresh(repos)
            self._fresh = True
        turn = Turn(repos, event, now, self.services.texts)
        self._route(turn)
        repos.outbox.add_many([(platform_of(a), encode_action(a)) for a in turn.actions], now)
        return turn.actions

    def _route(self, turn: Turn) -> None:
        member = turn.repos.staff.get(turn.event.sender)
        if member is not None:
            self.staff.handle(turn, member)
            return
        if turn.event.chat in self.services.staff_rooms.values():
            # Someone who is not staff wrote in the staff room (or sent it a command).
            log.info("refused a message in the staff room from a non-member")
            if turn.event.late:
                return  # the moment for an answer has passed (bot/late.py)
            turn.say(
                turn.event.chat,
                self.services.config.service.default_language,
                "errors.not_staff",
            )
            return
        self.patients.handle(turn)


def _in_conversation(repos: Repositories, address: Address) -> bool:
    if repos.cases.active_for_clinician(address):
        return True
    patient = repos.patients.by_account(address)
    return patient is not None and any(
        case.state == "active" for case in repos.cases.open_for_patient(patient.id)
    )


def _log_failure(event_id: str, error: Exception, attempt: int, limit: int) -> None:
    """The event id, the kind of error and where it happened: never its message, which may
    quote what someone wrote (the dead letter keeps it, in the database)."""
    # Where, without the source lines: even code can quote a message (a test's fault does).
    frames = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
    )
    log.error(
        "event %s: handling failed (%s), attempt %d of %d\n%s",
        event_id,
        type(error).__name__,
        attempt,
        limit,
        frames.rstrip(),
    )
