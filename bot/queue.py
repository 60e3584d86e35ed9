"""Queue order, ageing, targets and wait estimates (DESIGN.md section 6).

`order_queue` (with `rank_queue`, the same order plus effective priorities) is the project's one
queue-ordering function: storage loads a unit's queued cases as `QueueEntry` values and every
reader (status, position, `next`, staff view) orders them here.
Pure: the caller passes `now` and the unit's `StaffedCalendar`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from types import MappingProxyType
from typing import Literal, get_args

from bot.hours import StaffedCalendar, require_aware


class Priority(IntEnum):
    """1177 direkt's chat priorities; lower is more urgent."""

    P1 = 1
    P2 = 2
    P3 = 3
    P4 = 4
    P5 = 5


_PRIORITY_VALUES = frozenset(int(p) for p in Priority)

# Targets while open, in minutes. P1-P3 count staffed minutes: their targets are hours, and an hour
# with nobody at work cannot be used to answer anyone. P4 ("within days") counts wall-clock minutes:
# two days of staffed time would be six working days or more, far beyond what the scale promises.
# P5 has no target: self-care advice was already given.
# Read-only because they are shared defaults: a caller mutating one would change every queue.
TARGET_MINUTES: Mapping[int, int] = MappingProxyType({1: 15, 2: 60, 3: 240, 4: 2 * 24 * 60})
WALL_CLOCK_TARGETS: frozenset[int] = frozenset({4})

# Staffed minutes per step up in priority. P1 and P2 are absent on purpose: P1 is already first and
# nothing may age into it, so P2 has nowhere to go.
DEFAULT_AGING: Mapping[int, int] = MappingProxyType({3: 120, 4: 240, 5: 240})

# What decides between cases at the same effective priority ([queue] tie_break). "p2_first" is
# DESIGN 6 as decided: at effective P2 the cases triaged P2 go first (by arrival), then those that
# aged to P2 (by arrival); under overload ageing lifts much of the backlog to P2, and by arrival
# alone true P2s queued behind it for hours. Below P2 ties stay by arrival, so an old P4 still
# passes a new P3. "arrival" (ties by arrival at every level) is kept to compare against.
TieBreak = Literal["p2_first", "arrival"]
TIE_BREAKS: tuple[TieBreak, ...] = get_args(TieBreak)


@dataclass(frozen=True, slots=True)
class QueueEntry:
    case_id: int
    priority: int
    queued_at: datetime
    unit: str = "default"

    def __post_init__(self) -> None:
        if isinstance(self.priority, bool) or self.priority not in _PRIORITY_VALUES:
            raise ValueError(f"priority must be 1..5, got {self.priority!r}")
        require_aware(self.queued_at, "QueueEntry.queued_at")


def _aged(priority: int, waited_staffed_minutes: float, aging: Mapping[int, float]) -> int:
    if priority <= Priority.P2:
        return priority
    step = aging.get(priority)
    if step is None:
        return priority
    if step <= 0:
        raise ValueError(f"aging step for P{priority} must be positive, got {step}")
    return max(int(Priority.P2), priority - math.floor(waited_staffed_minutes / step))


def _needs_waited(priority: int, aging: Mapping[int, float]) -> bool:
    return priority > Priority.P2 and priority in aging


def effective_priority(
    entry: QueueEntry,
    now: datetime,
    calendar: StaffedCalendar,
    aging: Mapping[int, float] = DEFAULT_AGING,
) -> int:
    """The priority `entry` is ordered by at `now`: it rises one step per `aging[P]` staffed
    minutes waited, never above P2 (only triage makes a case P1)."""
    if not _needs_waited(entry.priority, aging):
        return entry.priority
    waited = calendar.staffed_minutes(entry.queued_at, now)
    return _aged(entry.priority, waited, aging)


def rank_queue(
    entries: Iterable[QueueEntry],
    now: datetime,
    calendar: StaffedCalendar,
    aging: Mapping[int, float] = DEFAULT_AGING,
    tie_break: TieBreak = "p2_first",
) -> list[tuple[QueueEntry, int]]:
    """`order_queue` with each entry's effective priority alongside, for views that show it
    without measuring every wait a second time."""
    if tie_break not in TIE_BREAKS:
        raise ValueError(f"tie_break must be one of {', '.join(TIE_BREAKS)}, got {tie_break!r}")
    # Staffed minutes are the costly part, so each entry's are measured exactly once here.
    ranked = [(entry, effective_priority(entry, now, calendar, aging)) for entry in entries]
    # Whether a case aged into its level is a key of its own only at effective P2 under
    # "p2_first"; elsewhere it is constant, which leaves arrival to decide. Arrival is compared in
    # UTC: two datetimes sharing a zoneinfo compare by wall time, which misorders cases queued in
    # the repeated autumn hour.
    p2_first = tie_break == "p2_first"
    ranked.sort(
        key=lambda pair: (
            pair[1],
            p2_first and pair[1] == Priority.P2 and pair[0].priority != Priority.P2,
            pair[0].queued_at.astimezone(UTC),
            pair[0].case_id,
        )
    )
    return ranked


def order_queue(
    entries: Iterable[QueueEntry],
    now: datetime,
    calendar: StaffedCalendar,
    aging: Mapping[int, float] = DEFAULT_AGING,
    tie_break: TieBreak = "p2_first",
) -> list[QueueEntry]:
    """Entries in the order clinicians should take them.

    P1 first by arrival (it is the only effective priority 1); then by effective priority; at
    effective P2 the cases triaged P2 before those aged to P2 (`tie_break="p2_first"`, DESIGN 6,
    the default; `"arrival"` leaves that tie to arrival too); otherwise by arrival; and last by
    case id, a total order so every reader sees the same queue. Orders whatever it is given:
    pass one unit's entries.
    """
    return [entry for entry, _ in rank_queue(entries, now, calendar, aging, tie_break)]


def position(case_id: int, ordered: Sequence[QueueEntry]) -> int | None:
    """1-based place of `case_id` in an `order_queue` result, or None if it is not queued."""
    for index, entry in enumerate(ordered, start=1):
        if entry.case_id == case_id:
            return index
    return None


def overdue(entry: QueueEntry, now: datetime, calendar: StaffedCalendar) -> bool:
    """Whether `entry` has waited past its own triage priority's target (ageing does not move the
    target: the medical urgency it stands for has not changed)."""
    target = TARGET_MINUTES.get(entry.priority)
    if target is None:
        return False
    if entry.priority in WALL_CLOCK_TARGETS:
        require_aware(now, "now")
        waited = (now.astimezone(UTC) - entry.queued_at.astimezone(UTC)).total_seconds() / 60
    else:
        waited = calendar.staffed_minutes(entry.queued_at, now)
    return waited > target


# -- wait estimates -------------------------------------------------------------------------------

# The spread of the range: takes vary a lot from case to case, and a late estimate costs more trust
# than an early one, so the range reaches further up than down.
LOW_FACTOR = 0.7
HIGH_FACTOR = 1.5

# Ceiling on an estimate: a near-zero take rate would otherwise ask for a wait of centuries, which
# says nothing and makes the per-day calendar walk in add_staffed_minutes unbounded. A month of
# staffed time is already several months on the clock.
MAX_ESTIMATE_MINUTES = 30 * 24 * 60


@dataclass(frozen=True, slots=True)
class WaitEstimate:
    """A range, never a promise: minutes are staffed minutes from `opens_at` (if closed) or now."""

    low_minutes: int
    high_minutes: int
    earliest: datetime
    latest: datetime
    opens_at: datetime | None
    # The clock time of the central estimate (between `earliest` and `latest`): when the case is
    # expected to be taken, which is what a target is held against.
    expected: datetime


def _step(minutes: float) -> int:
    # Precision a patient can use: five minutes is meaningful within the hour, not beyond it.
    return 5 if minutes < 60 else 15


def _round_down(minutes: float) -> int:
    step = _step(minutes)
    return int(math.floor(minutes / step) * step)


def _round_up(minutes: float) -> int:
    step = _step(minutes)
    return int(math.ceil(minutes / step) * step)


def _usable_rate(rate: float) -> bool:
    return math.isfinite(rate) and rate > 0


def estimate_wait(
    position: int,
    takes_per_staffed_hour: float | None,
    now: datetime,
    calendar: StaffedCalendar,
    default_rate: float = 4.0,
) -> WaitEstimate:
    """Expected wait for the case at `position` (1-based), as a rounded range of staffed minutes
    and the clock times they correspond to."""
    if position < 1:
        raise ValueError(f"position is 1-based, got {position}")
    if not _usable_rate(default_rate):
        raise ValueError(f"default_rate must be a positive number, got {default_rate}")
    rate = default_rate
    if takes_per_staffed_hour is not None and _usable_rate(takes_per_staffed_hour):
        rate = takes_per_staffed_hour
    # The cases ahead plus the patient's own: they are waiting until theirs is taken.
    minutes = position / rate * 60
    minutes = min(minutes, MAX_ESTIMATE_MINUTES)
    low = _round_down(min(minutes * LOW_FACTOR, MAX_ESTIMATE_MINUTES))
    high = _round_up(min(minutes * HIGH_FACTOR, MAX_ESTIMATE_MINUTES))
    opens_at = None if calendar.is_open(now) else calendar.next_opening(now)
    # Started from the opening, not from now, so that a zero low end reads "when we open"
    # rather than a time in the middle of the night.
    clock_from = now if opens_at is None else opens_at
    return WaitEstimate(
        low_minutes=low,
        high_minutes=high,
        earliest=calendar.add_staffed_minutes(clock_from, low),
        latest=calendar.add_staffed_minutes(clock_from, high),
        opens_at=opens_at,
        expected=calendar.add_staffed_minutes(clock_from, minutes),
    )


# What a P1 or P2 patient is told to do instead of waiting for the chat (DESIGN 6).
ElsewhereAdvice = Literal["emergency", "1177"]


def care_elsewhere(priority: int, estimate: WaitEstimate, now: datetime) -> ElsewhereAdvice | None:
    """Whether a case triaged P1 or P2 must be sent elsewhere at once instead of told its wait:
    "emergency" (the emergency department, P1) or "1177" (P2) when the chat is closed, or when
    the case is expected to be taken later than its target on the clock; None otherwise.

    On the clock, not in staffed minutes: ten staffed minutes before closing and five after
    opening are fifteen staffed minutes, but the patient waits all night. Both ends of the
    estimate are guesses, so the central one decides; the case stays queued either way."""
    require_aware(now, "now")
    if priority not in (Priority.P1, Priority.P2):
        return None
    advice: ElsewhereAdvice = "emergency" if priority == Priority.P1 else "1177"
    if estimate.opens_at is not None:
        return advice
    waited = (estimate.expected.astimezone(UTC) - now.astimezone(UTC)).total_seconds() / 60
    return advice if waited > TARGET_MINUTES[priority] else None


def takes_per_staffed_hour(
    take_times: Sequence[datetime],
    now: datetime,
    calendar: StaffedCalendar,
    window_staffed_hours: float = 8,
) -> float | None:
    """Cases taken per staffed hour over the last `window_staffed_hours` staffed hours before
    `now`, or None with fewer than 3 takes there (too few to say anything)."""
    if window_staffed_hours <= 0:
        raise ValueError(f"window_staffed_hours must be positive, got {window_staffed_hours}")
    window_minutes = window_staffed_hours * 60
    require_aware(now, "now")
    for taken_at in take_times:
        require_aware(taken_at, "take_times[]")
    now_utc = now.astimezone(UTC)
    # Compared in UTC: datetimes sharing a zoneinfo compare by wall time, wrong in the autumn hour.
    recent = sorted(
        (t for t in (t.astimezone(UTC) for t in take_times) if t <= now_utc), reverse=True
    )
    count = 0
    for taken_at in recent:
        # Newest first: staffed time back to now only grows, so the first take outside the window
        # ends the walk without measuring older ones.
        if calendar.staffed_minutes(taken_at, now_utc) >= window_minutes:
            break
        count += 1
    if count < 3:
        return None
    return count / window_staffed_hours
