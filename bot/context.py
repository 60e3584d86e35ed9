"""What the service's parts share: config, questionnaires, texts, calendar and clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.config import Config
from bot.detection import Detector
from bot.hours import Closure, StaffedCalendar
from bot.identity.links import new_link_token
from bot.moderation import Moderator
from bot.moderation.changes import LexiconChange, apply_changes
from bot.texts import Catalogue
from flows.model import Questionnaire
from storage.records import Address
from storage.repositories import Repositories


class CalendarBox:
    """The staffed calendar, rebuilt only when the admins' closures change."""

    def __init__(self, build: Callable[[Sequence[Closure]], StaffedCalendar]) -> None:
        self._build = build
        self._closures: tuple[Closure, ...] = ()
        self.current = build(())

    def refresh(self, closures: Sequence[Closure]) -> None:
        wanted = tuple(closures)
        if wanted != self._closures:
            self.current = self._build(wanted)
            self._closures = wanted


class ModeratorBox:
    """The moderator for the shipped lexicon plus the admins' changes, rebuilt on a change."""

    def __init__(self, shipped: Moderator) -> None:
        self.shipped = shipped
        self._changes: tuple[LexiconChange, ...] = ()
        self.current = shipped

    def refresh(self, changes: Sequence[LexiconChange]) -> None:
        wanted = tuple(changes)
        if wanted != self._changes:
            self.current = Moderator(apply_changes(self.shipped.lexicon, wanted))
            self._changes = wanted


@dataclass(frozen=True)
class Services:
    config: Config
    questionnaires: Mapping[str, Questionnaire]
    texts: Catalogue
    calendars: CalendarBox
    clock: Callable[[], datetime]
    staff_rooms: Mapping[str, Address]
    moderation: ModeratorBox | None = None
    # Which of our languages a message seems to be in (None: detection off); only offers.
    detector: Detector | None = None
    # Random login-link tokens; tests may inject their own, like the clock.
    tokens: Callable[[], str] = new_link_token

    def refresh(self, repos: Repositories) -> None:
        """Pick up what admins changed at run time: closures and lexicon entries. Called at
        start, after an admin's change and on every tick (which also covers other processes)."""
        self.calendars.refresh(
            [Closure(start, end, reason) for start, end, reason in repos.closures.all()]
        )
        if self.moderation is not None:
            self.moderation.refresh([LexiconChange(*row) for row in repos.lexicon.all()])

    @property
    def moderator(self) -> Moderator | None:
        return None if self.moderation is None else self.moderation.current

    @property
    def calendar(self) -> StaffedCalendar:
        return self.calendars.current

    @property
    def aging(self) -> dict[int, int]:
        return {int(k): v for k, v in self.config.queue.aging_minutes.items()}

    def staff_room(self, platform: str) -> Address | None:
        return self.staff_rooms.get(platform)
