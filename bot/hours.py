"""Staffed hours of a care unit: the one calendar behind queue ageing, wait estimates, target alerts
and out-of-hours replies (DESIGN.md section 7).

Pure: no clock reads and no I/O. Every instant in and out is timezone-aware. Internally all
arithmetic is done in UTC, because Python compares and subtracts two datetimes that share a
tzinfo by wall time, which is wrong across a DST change and inside the repeated autumn hour.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

# Bounded so a process that runs for years, or one long range query, cannot grow the cache forever;
# a few years of days is far more than queue reads ever revisit.
_DAY_CACHE_SIZE = 2048

_ONE_DAY = timedelta(days=1)

Interval = tuple[datetime, datetime]


def require_aware(value: datetime, name: str) -> None:
    """Reject naive datetimes: astimezone() would silently read them as the host's local time."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")


@functools.cache
def _swedish_holidays(year: int) -> dict[date, tuple[str, ...]]:
    """Public and de-facto holidays of one year, Swedish names. Shared by every calendar: building
    the table is the slow part, and it is the same for every unit."""
    table = holidays.country_holidays(
        "SE", years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO), language="sv"
    )
    return {day: tuple(table.get_list(day)) for day in table}


@dataclass(frozen=True, slots=True)
class Closure:
    """A one-off closure added by an admin; `reason` is kept for the audit trail and staff view."""

    start: datetime
    end: datetime
    reason: str

    def __post_init__(self) -> None:
        require_aware(self.start, "Closure.start")
        require_aware(self.end, "Closure.end")
        if self.end <= self.start:
            raise ValueError(f"Closure must end after it starts: {self.start} .. {self.end}")


class StaffedCalendar:
    """When clinicians are at work for one care unit.

    Weekdays use `weekday_hours`; Saturdays, Sundays, Swedish public holidays and the de-facto
    holidays (midsommarafton, julafton, nyårsafton) use `weekend_hours`. Closures remove time.
    Staffed periods are half-open: open at the start minute, closed at the end minute.
    """

    def __init__(
        self,
        timezone: str = "Europe/Stockholm",
        weekday_hours: tuple[time, time] = (time(8, 0), time(16, 0)),
        weekend_hours: tuple[time, time] = (time(10, 0), time(14, 0)),
        closures: Sequence[Closure] = (),
    ) -> None:
        for label, (opens, closes) in (
            ("weekday_hours", weekday_hours),
            ("weekend_hours", weekend_hours),
        ):
            if opens.tzinfo is not None or closes.tzinfo is not None:
                raise ValueError(f"{label} must be naive wall times in the calendar's timezone")
            # Periods must not cross midnight: every per-day walk below relies on a staffed period
            # lying inside its own local date, and on every ordinary day having one.
            if not opens < closes:
                raise ValueError(f"{label} must open before it closes: {opens} .. {closes}")
        self._tz = ZoneInfo(timezone)
        self._weekday_hours = weekday_hours
        self._weekend_hours = weekend_hours
        self._closures = tuple(closures)
        # Sorted by start, so the per-day subtraction can stop at the first closure past the day;
        # overlaps need no merging because it tracks how far the closed time reaches.
        self._closed_spans = sorted(
            (c.start.astimezone(UTC), c.end.astimezone(UTC)) for c in self._closures
        )
        self._periods_utc = functools.lru_cache(maxsize=_DAY_CACHE_SIZE)(self._compute_periods)

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    @property
    def closures(self) -> tuple[Closure, ...]:
        return self._closures

    # -- days -------------------------------------------------------------------------------

    def holiday_name(self, d: date) -> str | None:
        """The Swedish name of the holiday on `d`, or None (plain weekends are not holidays).

        When two holidays fall on one day (Nationaldagen and Pingstdagen in 2049) only the first
        is returned, because the name is dropped into a single sentence.
        """
        names = _swedish_holidays(d.year).get(d)
        return names[0] if names else None

    def _scheduled_hours(self, d: date) -> tuple[time, time]:
        if d.weekday() >= 5 or d in _swedish_holidays(d.year):
            return self._weekend_hours
        return self._weekday_hours

    def _local(self, d: date, t: time) -> datetime:
        # The UTC round trip settles wall times that a DST jump skips, should hours ever be set
        # inside the night-time gap.
        return datetime.combine(d, t, tzinfo=self._tz).astimezone(UTC)

    def _compute_periods(self, d: date) -> tuple[Interval, ...]:
        opens, closes = self._scheduled_hours(d)
        start, end = self._local(d, opens), self._local(d, closes)
        periods: list[Interval] = []
        cursor = start  # everything before the cursor is open (already appended) or closed
        for c_start, c_end in self._closed_spans:
            if c_end <= cursor:
                continue
            if c_start >= end:
                break
            if c_start > cursor:
                periods.append((cursor, c_start))
            cursor = c_end
            if cursor >= end:
                break
        if cursor < end:
            periods.append((cursor, end))
        return tuple(periods)

    def _local_date(self, instant_utc: datetime) -> date:
        return instant_utc.astimezone(self._tz).date()

    def staffed_periods(self, d: date) -> list[tuple[datetime, datetime]]:
        """The staffed periods of local date `d` after closures, in the calendar's timezone
        (empty when closed all day; two periods when a closure cuts the day in the middle)."""
        return [(a.astimezone(self._tz), b.astimezone(self._tz)) for a, b in self._periods_utc(d)]

    def day_hours(self, d: date) -> tuple[datetime, datetime] | None:
        """First opening and last closing of local date `d` after closures, or None when closed
        all day. A closure in the middle of the day is not visible here; see `staffed_periods`."""
        periods = self._periods_utc(d)
        if not periods:
            return None
        return periods[0][0].astimezone(self._tz), periods[-1][1].astimezone(self._tz)

    # -- instants ---------------------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        require_aware(at, "at")
        instant = at.astimezone(UTC)
        return any(a <= instant < b for a, b in self._periods_utc(self._local_date(instant)))

    def next_opening(self, at: datetime) -> datetime:
        """`at` itself when open, else the start of the next staffed period."""
        require_aware(at, "at")
        instant = at.astimezone(UTC)
        day = self._local_date(instant)
        # Terminates: closures are finite and every day without one has a staffed period.
        while True:
            for a, b in self._periods_utc(day):
                if b > instant:
                    return max(a, instant).astimezone(self._tz)
            day += _ONE_DAY

    def closing_time(self, at: datetime) -> datetime | None:
        """End of the staffed period `at` falls in (a closure's start counts), or None if closed."""
        require_aware(at, "at")
        instant = at.astimezone(UTC)
        for a, b in self._periods_utc(self._local_date(instant)):
            if a <= instant < b:
                return b.astimezone(self._tz)
        return None

    # -- durations --------------------------------------------------------------------------

    def staffed_minutes(self, start: datetime, end: datetime) -> float:
        """Minutes of staffed time in [start, end); 0.0 when end is not after start."""
        require_aware(start, "start")
        require_aware(end, "end")
        lo, hi = start.astimezone(UTC), end.astimezone(UTC)
        if hi <= lo:
            return 0.0
        # Summed as timedelta (integer microseconds) so the result is exact up to the final
        # division, which keeps add_staffed_minutes an exact inverse.
        total = timedelta(0)
        day, last_day = self._local_date(lo), self._local_date(hi)
        while day <= last_day:
            for a, b in self._periods_utc(day):
                overlap_start, overlap_end = max(a, lo), min(b, hi)
                if overlap_end > overlap_start:
                    total += overlap_end - overlap_start
            day += _ONE_DAY
        return total / timedelta(minutes=1)

    def add_staffed_minutes(self, start: datetime, minutes: float) -> datetime:
        """The earliest instant by which `minutes` staffed minutes have passed since `start`.

        The result is in the calendar's timezone. When the minutes run out exactly at a closing
        time, that closing time is returned rather than the next opening.
        """
        require_aware(start, "start")
        if not 0 <= minutes < math.inf:
            raise ValueError(f"minutes must be finite and not negative, got {minutes}")
        instant = start.astimezone(UTC)
        remaining = timedelta(minutes=minutes)
        if remaining <= timedelta(0):
            return instant.astimezone(self._tz)
        day = self._local_date(instant)
        while True:
            for a, b in self._periods_utc(day):
                from_ = max(a, instant)
                if b <= from_:
                    continue
                available = b - from_
                if remaining <= available:
                    return (from_ + remaining).astimezone(self._tz)
                remaining -= available
            day += _ONE_DAY
