"""What the service's parts share: config, questionnaires, texts, calendar and clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.config import Config
from bot.hours import StaffedCalendar
from bot.texts import Catalogue
from flows.model import Questionnaire
from storage.records import Address


@dataclass(frozen=True)
class Services:
    config: Config
    questionnaires: Mapping[str, Questionnaire]
    texts: Catalogue
    calendar: StaffedCalendar
    clock: Callable[[], datetime]
    staff_rooms: Mapping[str, Address]

    @property
    def aging(self) -> dict[int, int]:
        return {int(k): v for k, v in self.config.queue.aging_minutes.items()}

    def staff_room(self, platform: str) -> Address | None:
        return self.staff_rooms.get(platform)
