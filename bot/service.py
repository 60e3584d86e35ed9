"""The service layer: one incoming event, one transaction, a list of actions in the outbox."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from bot.clinician import StaffDesk
from bot.context import Services
from bot.events import Action, Incoming, Withdraw, encode_action, platform_of
from bot.identity import parse_personnummer, stockholm_date
from bot.identity.desk import IdentityDesk
from bot.intake import Intake
from bot.jobs import Jobs
from bot.patient import PatientDesk
from bot.staff_removal import remove_from_staff
from bot.turn import Turn
from storage.database import Database, Transaction
from storage.records import Address, StaffMember
from storage.repositories import Repositories

log = logging.getLogger(__name__)


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

    async def handle(
        self, event: Incoming, *, along: Callable[[Transaction], object] | None = None
    ) -> list[Action] | None:
        """Handle one event. Returns None for an event already handled (a redelivery).

        `along` is an adapter's own bookkeeping that must land in the same transaction as the
        event, redelivery or not (the Matrix adapter drops a stored encrypted event there)."""

        def work(tx: Transaction) -> list[Action] | None:
            if along is not None:
                along(tx)
            return self.decide(Repositories(tx), event)

        actions = await self.db.write(work)
        self._stored(actions)
        return actions

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
        return turn.actions

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
        if not repos.inbox.mark(event.event_id, now):
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
