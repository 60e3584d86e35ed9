"""A discrete-event simulation of a care unit's chat queue (`minvard simulate`, issue 7).

Cases arrive around the clock (a Poisson process whose rate changes by hour of day), get a
priority from a fixed mix and a handling time from a lognormal; clinicians take cases only while
the unit's `StaffedCalendar` is open, as many at a time as are on duty that hour. The same
arrivals are run through four orders, so a manager can see what staffing keeps each priority
within its target:

- "ours": `order_queue` with ageing, the project's one queue-ordering function, as the live queue
  runs it by default (DESIGN 6, `[queue] tie_break = "p2_first"`: at effective P2 the cases
  triaged P2 first, then aged cases, each by arrival; other ties by arrival);
- "ours-arrival": the same with every tie broken by arrival (`tie_break = "arrival"`);
- "strict": strict priority, then arrival (`order_queue` with no ageing);
- "fcfs": first come, first served.

Waits are measured like the live queue measures them: staffed minutes (time while the unit is
open) and wall-clock minutes, from arrival until a clinician takes the case. A clinician who
takes a case finishes it, even past closing or past the end of their hour; nobody takes a new one
while the unit is closed.

The queue starts empty at `Scenario.start`. Arrivals stop after `Scenario.days`; clinicians then
work through what is left for at most `drain_days` more, and a case still waiting then counts
with its wait so far (a lower bound) and as not taken within target, so no order looks good by
leaving its hardest cases in the queue.

The report for managers is `bot/simulation_report.py`.

Pure: one seeded `random.Random`, no clock reads and no I/O. All instants are aware; the
simulation runs in UTC and reads hours of day in the calendar's timezone.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from bot.hours import StaffedCalendar, require_aware
from bot.queue import (
    DEFAULT_AGING,
    TARGET_MINUTES,
    WALL_CLOCK_TARGETS,
    Priority,
    QueueEntry,
    TieBreak,
    order_queue,
)

Policy = Literal["ours", "ours-arrival", "strict", "fcfs"]
POLICIES: tuple[Policy, ...] = get_args(Policy)
# The live queue's orders, by their `[queue] tie_break`; the others are yardsticks.
LIVE_POLICIES: Mapping[TieBreak, Policy] = MappingProxyType(
    {"p2_first": "ours", "arrival": "ours-arrival"}
)
_TIE_BREAKS: Mapping[Policy, TieBreak] = MappingProxyType(
    {policy: tie_break for tie_break, policy in LIVE_POLICIES.items()}
)
Clock = Literal["staffed", "wall"]

PRIORITIES: tuple[int, ...] = tuple(int(p) for p in Priority)

# After the last arrival the clinicians keep working through what is left, for at most this many
# days: a policy must not look good by leaving its hardest cases in the queue when the clock stops.
DEFAULT_DRAIN_DAYS = 7

_HOUR = timedelta(hours=1)
_MINUTE = timedelta(minutes=1)
_EMPTY_AGING: Mapping[int, float] = MappingProxyType({})
# Largest handling-time sd accepted, as a multiple of the mean: far beyond any real spread.
_MAX_SPREAD = 1000.0


def _frozen(mapping: Mapping[int, object]) -> MappingProxyType[int, object]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Scenario:
    """What is simulated. Hours of day are read in the calendar's timezone.

    `arrivals_per_hour`: hour 0-23 to the mean number of arrivals in that hour (missing hours
    have none). `priority_mix`: priority 1-5 to its share (normalised; missing priorities never
    arrive). `clinicians_per_hour`: hour to clinicians on duty, counted only while the calendar is
    open (missing hours have nobody). `handling_minutes`: priority to (mean, sd) of the minutes a
    clinician spends on a case, lognormal; required for every priority with a share. `seed`
    alone decides the arrivals. `drain_days`: see the module docstring.
    """

    start: datetime
    days: int
    arrivals_per_hour: Mapping[int, float]
    priority_mix: Mapping[int, float]
    clinicians_per_hour: Mapping[int, int]
    handling_minutes: Mapping[int, tuple[float, float]]
    seed: int = 1
    drain_days: int = DEFAULT_DRAIN_DAYS

    def __post_init__(self) -> None:
        require_aware(self.start, "Scenario.start")
        if isinstance(self.days, bool) or not isinstance(self.days, int) or self.days < 1:
            raise ValueError(f"days must be a whole number of at least 1, got {self.days!r}")
        if isinstance(self.drain_days, bool) or self.drain_days < 0:
            raise ValueError(f"drain_days must not be negative, got {self.drain_days!r}")
        for hour, rate in self.arrivals_per_hour.items():
            _check_hour(hour, "arrivals_per_hour")
            if not (math.isfinite(rate) and rate >= 0):
                raise ValueError(f"arrivals_per_hour[{hour}] must be >= 0, got {rate!r}")
        for hour, count in self.clinicians_per_hour.items():
            _check_hour(hour, "clinicians_per_hour")
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"clinicians_per_hour[{hour}] must be an int >= 0, got {count!r}")
        for priority, share in self.priority_mix.items():
            _check_priority(priority, "priority_mix")
            if not (math.isfinite(share) and share >= 0):
                raise ValueError(f"priority_mix[{priority}] must be >= 0, got {share!r}")
        if not sum(self.priority_mix.values()) > 0:
            raise ValueError("priority_mix must give some priority a positive share")
        for priority, (mean, sd) in self.handling_minutes.items():
            _check_priority(priority, "handling_minutes")
            # The bound on sd keeps the lognormal's (sd / mean) ** 2 a finite number.
            if not (math.isfinite(mean) and mean > 0 and 0 <= sd <= _MAX_SPREAD * mean):
                raise ValueError(
                    f"handling_minutes[{priority}] must be (mean > 0, 0 <= sd <= "
                    f"{_MAX_SPREAD:g} * mean), got {(mean, sd)!r}"
                )
        for priority, share in self.priority_mix.items():
            if share > 0 and priority not in self.handling_minutes:
                raise ValueError(f"handling_minutes has no entry for P{priority}")
        # Copies behind read-only views: a caller changing its dict later must not change the
        # scenario a result was computed from.
        object.__setattr__(self, "arrivals_per_hour", _frozen(self.arrivals_per_hour))
        object.__setattr__(self, "priority_mix", _frozen(self.priority_mix))
        object.__setattr__(self, "clinicians_per_hour", _frozen(self.clinicians_per_hour))
        object.__setattr__(self, "handling_minutes", _frozen(self.handling_minutes))

    @classmethod
    def default(cls, start: datetime, days: int = 1, seed: int = 1) -> Scenario:
        """A plausible day of a Swedish primary-care chat unit: about 40 cases a day, most of
        them P3-P4, a morning peak, a trickle overnight; three clinicians for the first hours
        after opening (the overnight backlog), two after that."""
        arrivals = {
            **dict.fromkeys(range(0, 6), 0.3),
            6: 1.0,
            7: 2.5,
            8: 3.5,
            9: 3.5,
            10: 3.0,
            11: 2.5,
            12: 2.0,
            13: 2.5,
            14: 2.5,
            15: 2.0,
            16: 2.0,
            17: 1.8,
            18: 1.8,
            19: 1.8,
            20: 1.5,
            21: 1.2,
            22: 0.8,
            23: 0.5,
        }
        return cls(
            start=start,
            days=days,
            arrivals_per_hour=arrivals,
            priority_mix={1: 0.03, 2: 0.12, 3: 0.35, 4: 0.40, 5: 0.10},
            clinicians_per_hour={
                **dict.fromkeys(range(8, 11), 3),
                **dict.fromkeys(range(11, 16), 2),
            },
            handling_minutes={1: (20, 8), 2: (18, 7), 3: (15, 6), 4: (12, 5), 5: (10, 4)},
            seed=seed,
        )

    def with_clinicians(self, clinicians: int) -> Scenario:
        """The same scenario with `clinicians` on duty in every staffed hour."""
        return dataclasses.replace(self, clinicians_per_hour=dict.fromkeys(range(24), clinicians))

    def arrivals_per_day(self) -> float:
        return sum(self.arrivals_per_hour.values())


def _check_hour(hour: int, name: str) -> None:
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ValueError(f"{name}: hour must be 0..23, got {hour!r}")


def _check_priority(priority: int, name: str) -> None:
    if isinstance(priority, bool) or priority not in PRIORITIES:
        raise ValueError(f"{name}: priority must be 1..5, got {priority!r}")


# -- arrivals -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Arrival:
    """One simulated case: when it joins the queue, its priority and how long it will take."""

    case_id: int
    at: datetime
    priority: int
    handling_minutes: float

    def __post_init__(self) -> None:
        require_aware(self.at, "Arrival.at")
        _check_priority(self.priority, "Arrival")
        if not (math.isfinite(self.handling_minutes) and self.handling_minutes >= 0):
            raise ValueError(f"handling_minutes must be >= 0, got {self.handling_minutes!r}")


def _end_of_days(start: datetime, days: int, tz: tzinfo) -> datetime:
    # Wall-clock days in the calendar's timezone (a DST day has 23 or 25 hours): adding to an
    # aware local datetime adds wall time, and the UTC round trip settles the offset.
    local = start.astimezone(tz)
    return (local + timedelta(days=days)).astimezone(UTC)


def _lognormal(rng: random.Random, mean: float, sd: float) -> float:
    if sd == 0:
        return mean
    sigma2 = math.log(1 + (sd / mean) ** 2)
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


def generate_arrivals(scenario: Scenario, tz: tzinfo | str = "Europe/Stockholm") -> list[Arrival]:
    """The scenario's arrivals over its `days`, in time order, from its seed alone.

    A Poisson process whose rate is `arrivals_per_hour[local hour]`, piecewise constant over
    clock hours (the gaps are exponential and memoryless, so restarting at each hour is exact).
    """
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    rng = random.Random(scenario.seed)
    start = scenario.start.astimezone(UTC)
    end = _end_of_days(start, scenario.days, zone)
    times: list[datetime] = []
    slot = start
    while slot < end:
        # Whole UTC hours are whole local hours in every zone with whole-hour offsets.
        slot_end = min(slot.replace(minute=0, second=0, microsecond=0) + _HOUR, end)
        rate = scenario.arrivals_per_hour.get(slot.astimezone(zone).hour, 0.0)
        per_minute = rate / 60
        if per_minute > 0:  # a subnormal rate divides down to zero
            # Offsets in float minutes: a tiny rate draws gaps far beyond what a timedelta holds.
            length = (slot_end - slot) / _MINUTE
            offset = rng.expovariate(per_minute)
            while offset < length:
                times.append(slot + offset * _MINUTE)
                offset += rng.expovariate(per_minute)
        slot = slot_end
    priorities = [p for p in PRIORITIES if scenario.priority_mix.get(p, 0) > 0]
    weights = [scenario.priority_mix[p] for p in priorities]
    arrivals: list[Arrival] = []
    for case_id, at in enumerate(times, start=1):
        priority = rng.choices(priorities, weights)[0]
        mean, sd = scenario.handling_minutes[priority]
        arrivals.append(Arrival(case_id, at, priority, _lognormal(rng, mean, sd)))
    return arrivals


# -- results --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """What happened to one case. For a case still waiting when the simulation stopped,
    `taken_at` is None and the waits run to the end (a lower bound of its real wait)."""

    case_id: int
    priority: int
    arrived_at: datetime
    handling_minutes: float
    taken_at: datetime | None
    wait_staffed_minutes: float
    wait_wall_minutes: float

    @property
    def served(self) -> bool:
        return self.taken_at is not None

    def wait(self, clock: Clock) -> float:
        return self.wait_staffed_minutes if clock == "staffed" else self.wait_wall_minutes

    def within_target(self) -> bool | None:
        """Taken within its priority's target (on the target's own clock); None without one."""
        target = TARGET_MINUTES.get(self.priority)
        if target is None:
            return None
        if self.taken_at is None:
            return False
        clock: Clock = "wall" if self.priority in WALL_CLOCK_TARGETS else "staffed"
        return self.wait(clock) <= target


def percentile(values: Sequence[float], p: float) -> float:
    """The `p`th percentile (0-100) of `values`, interpolating between ranks as numpy does."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0..100, got {p}")
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = p / 100 * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Result:
    """One policy's run. `cases` are in case-id (arrival) order."""

    policy: Policy
    scenario: Scenario
    end: datetime
    cases: tuple[CaseRecord, ...]
    aging: Mapping[int, float] = field(default_factory=lambda: DEFAULT_AGING)

    def waits(self, clock: Clock = "staffed") -> dict[int, list[float]]:
        """Waits per priority (only priorities that had cases), unserved cases included."""
        out: dict[int, list[float]] = {}
        for case in self.cases:
            out.setdefault(case.priority, []).append(case.wait(clock))
        return dict(sorted(out.items()))

    @property
    def waits_staffed(self) -> dict[int, list[float]]:
        return self.waits("staffed")

    def percentiles(self, p: float, clock: Clock = "staffed") -> dict[int, float]:
        return {prio: percentile(w, p) for prio, w in self.waits(clock).items()}

    def means(self, clock: Clock = "staffed") -> dict[int, float]:
        return {prio: math.fsum(w) / len(w) for prio, w in self.waits(clock).items()}

    def mean_wait(self, clock: Clock = "staffed") -> float:
        """Mean wait over all cases (0.0 with none)."""
        if not self.cases:
            return 0.0
        return math.fsum(c.wait(clock) for c in self.cases) / len(self.cases)

    def within_target(self) -> dict[int, float]:
        """Share (0-1) of each targeted priority's cases taken within its target."""
        hits: dict[int, list[bool]] = {}
        for case in self.cases:
            verdict = case.within_target()
            if verdict is not None:
                hits.setdefault(case.priority, []).append(verdict)
        return {prio: sum(h) / len(h) for prio, h in sorted(hits.items())}

    def counts(self) -> dict[int, int]:
        return self._count(lambda c: True)

    def served_counts(self) -> dict[int, int]:
        return self._count(lambda c: c.served)

    def waiting_counts(self) -> dict[int, int]:
        """Cases still waiting when the simulation stopped, per priority."""
        return self._count(lambda c: not c.served)

    def _count(self, keep: Callable[[CaseRecord], bool]) -> dict[int, int]:
        out = dict.fromkeys(PRIORITIES, 0)
        for case in self.cases:
            if keep(case):
                out[case.priority] += 1
        return out


# -- the simulation -------------------------------------------------------------------------------


def _capacity_steps(
    start: datetime, end: datetime, calendar: StaffedCalendar, per_hour: Mapping[int, int]
) -> list[tuple[datetime, int]]:
    """(from, clinicians) steps covering [start, end): the count changes only at clock hours and
    at the calendar's openings and closings (closures may cut an hour)."""
    tz = calendar.tz
    points = {start}
    hour = start.replace(minute=0, second=0, microsecond=0) + _HOUR
    while hour < end:
        points.add(hour)
        hour += _HOUR
    day = start.astimezone(tz).date()
    last_day = end.astimezone(tz).date()
    while day <= last_day:
        for a, b in calendar.staffed_periods(day):
            for edge in (a.astimezone(UTC), b.astimezone(UTC)):
                if start < edge < end:
                    points.add(edge)
        day += timedelta(days=1)
    steps: list[tuple[datetime, int]] = []
    for point in sorted(points):
        count = per_hour.get(point.astimezone(tz).hour, 0) if calendar.is_open(point) else 0
        if not steps or steps[-1][1] != count:
            steps.append((point, count))
    return steps


def _next_in_line(
    policy: Policy,
    waiting: list[QueueEntry],
    now: datetime,
    calendar: StaffedCalendar,
    aging: Mapping[int, float],
) -> list[QueueEntry]:
    if policy == "fcfs":
        # `waiting` is kept in arrival order; the case id breaks ties as order_queue does.
        return waiting
    tie_break = _TIE_BREAKS.get(policy)
    if tie_break is None:
        return order_queue(waiting, now, calendar, _EMPTY_AGING)
    return order_queue(waiting, now, calendar, aging, tie_break)


def simulate(
    scenario: Scenario,
    calendar: StaffedCalendar,
    policy: Policy = "ours",
    *,
    aging: Mapping[int, float] = DEFAULT_AGING,
    arrivals: Sequence[Arrival] | None = None,
) -> Result:
    """Run the scenario's arrivals (or `arrivals`, if given) through one queue order.

    The simulation stops once every case has been taken, or `scenario.drain_days` after the
    last day of arrivals; cases still waiting then are reported as waiting.
    """
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}, got {policy!r}")
    if arrivals is None:
        arrivals = generate_arrivals(scenario, calendar.tz)
    pending = sorted(arrivals, key=lambda a: (a.at.astimezone(UTC), a.case_id))
    if len({a.case_id for a in pending}) != len(pending):
        raise ValueError("arrivals must have distinct case ids")
    start = scenario.start.astimezone(UTC)
    if pending:
        start = min(start, pending[0].at.astimezone(UTC))
    end = _end_of_days(scenario.start, scenario.days + scenario.drain_days, calendar.tz)
    if pending:
        end = max(end, pending[-1].at.astimezone(UTC))
    steps = _capacity_steps(start, end, calendar, scenario.clinicians_per_hour)

    by_id = {a.case_id: a for a in pending}
    taken: dict[int, datetime] = {}
    waiting: list[QueueEntry] = []
    busy: list[datetime] = []  # heap of the instants busy clinicians finish
    next_arrival = 0
    next_step = 0
    capacity = 0
    now = start
    while True:
        # Everything that happens at `now` happens before anyone is taken at `now`.
        while next_arrival < len(pending) and pending[next_arrival].at.astimezone(UTC) <= now:
            a = pending[next_arrival]
            waiting.append(QueueEntry(a.case_id, a.priority, a.at.astimezone(UTC)))
            next_arrival += 1
        while busy and busy[0] <= now:
            heapq.heappop(busy)
        while next_step < len(steps) and steps[next_step][0] <= now:
            capacity = steps[next_step][1]
            next_step += 1
        free = capacity - len(busy)
        if free > 0 and waiting:
            chosen = _next_in_line(policy, waiting, now, calendar, aging)[:free]
            chosen_ids = {e.case_id for e in chosen}
            waiting = [e for e in waiting if e.case_id not in chosen_ids]
            for entry in chosen:
                taken[entry.case_id] = now
                heapq.heappush(busy, now + by_id[entry.case_id].handling_minutes * _MINUTE)
        if next_arrival == len(pending) and not waiting:
            break
        candidates: list[datetime] = []
        if next_arrival < len(pending):
            candidates.append(pending[next_arrival].at.astimezone(UTC))
        if waiting:
            # A waiting case can only be taken when a clinician frees up or more come on duty.
            if busy:
                candidates.append(busy[0])
            if next_step < len(steps):
                candidates.append(steps[next_step][0])
        if not candidates:
            break
        upcoming = min(candidates)
        if upcoming > end:
            break
        now = upcoming
    stop = max(now, end) if waiting else now
    records = tuple(
        _record(a, taken.get(a.case_id), stop, calendar)
        for a in sorted(pending, key=lambda a: a.case_id)
    )
    used_aging = MappingProxyType(dict(aging)) if policy in _TIE_BREAKS else _EMPTY_AGING
    return Result(policy, scenario, stop, records, used_aging)


def _record(
    arrival: Arrival, taken_at: datetime | None, stop: datetime, calendar: StaffedCalendar
) -> CaseRecord:
    arrived = arrival.at.astimezone(UTC)
    until = taken_at if taken_at is not None else stop
    return CaseRecord(
        case_id=arrival.case_id,
        priority=arrival.priority,
        arrived_at=arrived,
        handling_minutes=arrival.handling_minutes,
        taken_at=taken_at,
        wait_staffed_minutes=calendar.staffed_minutes(arrived, until),
        wait_wall_minutes=max(0.0, (until - arrived) / _MINUTE),
    )


def compare(
    scenario: Scenario,
    calendar: StaffedCalendar,
    policies: Iterable[Policy] = POLICIES,
    *,
    aging: Mapping[int, float] = DEFAULT_AGING,
) -> list[Result]:
    """The same arrivals (drawn once from the scenario's seed) through each policy."""
    arrivals = generate_arrivals(scenario, calendar.tz)
    return [
        simulate(scenario, calendar, policy, aging=aging, arrivals=arrivals) for policy in policies
    ]


# -- history --------------------------------------------------------------------------------------


def mix_from_history(
    rows: Sequence[tuple[datetime, int]], tz: tzinfo | str = "Europe/Stockholm"
) -> tuple[dict[int, float], dict[int, float]]:
    """Mean arrivals per hour of day (0-23, local time in `tz`) and the priority mix (1-5,
    shares summing to 1) from (queued_at, priority) rows.

    The mean is over every local date from the first row's to the last row's, quiet days
    included; a first or last day covered only in part pulls the means down a little.
    """
    if not rows:
        raise ValueError("no history to read an arrival mix from")
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    per_hour = dict.fromkeys(range(24), 0)
    per_priority = dict.fromkeys(PRIORITIES, 0)
    dates = set()
    for queued_at, priority in rows:
        require_aware(queued_at, "queued_at")
        _check_priority(priority, "history")
        local = queued_at.astimezone(zone)
        per_hour[local.hour] += 1
        per_priority[priority] += 1
        dates.add(local.date())
    days = (max(dates) - min(dates)).days + 1
    total = len(rows)
    return (
        {hour: count / days for hour, count in per_hour.items()},
        {priority: count / total for priority, count in per_priority.items()},
    )
