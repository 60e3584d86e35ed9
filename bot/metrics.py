"""Prometheus metrics: what happens in this process, and what the database holds at scrape time.

Two kinds, on purpose:
- Counters and the handling histogram count what this process did (an event handled, a platform
  call that failed, a delivery tried again). They live in `EVENTS`, their own registry (never
  prometheus-client's global one, which would also carry the client's own process metrics and
  clash between two bots in one test run), and are incremented where it happens, one line each.
- Gauges of the shared state (the queue, cases, outbox, dead letters, moderation verdicts) are
  read from the database at scrape time through `storage/metrics_queries.py`, so every process
  on one database reports the same numbers and nothing drifts from the record after a restart.

Names start with `minvard_`; docs/architecture.md lists them with suggested alerts. No label
ever holds a person, a chat or a text: only platform, priority, unit, state, category.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import wraps
from typing import ParamSpec, TypeVar

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from bot.hours import StaffedCalendar
from bot.queue import TARGET_MINUTES, Priority, QueueEntry, overdue
from storage.database import Database, Transaction
from storage.metrics_queries import CASE_STATES, MetricsQueries, OutboxDepth, QueuedCase

P = ParamSpec("P")
R = TypeVar("R")

# No `_created` series beside each counter and histogram: Prometheus itself never reads them.
disable_created_metrics()  # type: ignore[no-untyped-call]
EVENTS = CollectorRegistry()

HANDLING_SECONDS = Histogram(
    "minvard_event_handling_seconds",
    "Time to handle one inbound event (decide and commit), retries included.",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
    registry=EVENTS,
)
PLATFORM_ERRORS = Counter(
    "minvard_platform_errors",
    "Failed calls to a platform: receive (polling, sync) or send (a delivery).",
    ["platform", "direction"],
    registry=EVENTS,
)
PLATFORM_RETRIES = Counter(
    "minvard_platform_retries",
    "Deliveries put off to be tried again: after an error, or because the platform asked us"
    " to wait (rate_limited).",
    ["platform", "reason"],
    registry=EVENTS,
)


def timed(
    histogram: Histogram,
) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    """Observe how long each call of an async function takes (prometheus-client's own timer
    would stop when the coroutine is made, not when it ends)."""

    def decorate(function: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        @wraps(function)
        async def run(*args: P.args, **kwargs: P.kwargs) -> R:
            start = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                histogram.observe(time.perf_counter() - start)

        return run

    return decorate


@dataclass(frozen=True)
class Snapshot:
    """The database's side of a scrape, read in one transaction."""

    now: datetime
    queued: list[QueuedCase]
    cases: dict[str, int]
    outbox: list[OutboxDepth]
    dead_letters: dict[tuple[str, str], int]
    moderation: dict[tuple[str, str], int]


def read_snapshot(now: datetime, tx: Transaction) -> Snapshot:
    queries = MetricsQueries(tx)
    return Snapshot(
        now,
        queries.queued(),
        queries.cases_by_state(),
        queries.outbox(),
        queries.dead_letters(),
        queries.moderation_actions(),
    )


async def take_snapshot(
    db: Database, clock: Callable[[], datetime], timeout: float
) -> Snapshot | None:
    """The snapshot, or None when the database does not answer within `timeout` seconds (a
    scrape must say so quickly rather than hang with it)."""
    now = clock()
    try:
        return await asyncio.wait_for(db.read(lambda tx: read_snapshot(now, tx)), timeout)
    except Exception:  # unreachable, closed, broken: reported as minvard_database_up 0
        return None


@dataclass
class Scrape:
    """A collector over one snapshot plus this process's counters. `units` are reported even
    with an empty queue, so an alert on a queue length never sees a missing series."""

    snapshot: Snapshot | None
    calendar: StaffedCalendar
    units: tuple[str, ...]
    platforms: Mapping[str, bool] = field(default_factory=dict)

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("minvard_database_up", "1 when the database answered this scrape.")
        up.add_metric([], 1 if self.snapshot is not None else 0)
        yield up
        connected = GaugeMetricFamily(
            "minvard_platform_connected",
            "1 while this process's last call to receive from the platform succeeded.",
            labels=["platform"],
        )
        for platform, ok in sorted(self.platforms.items()):
            connected.add_metric([platform], 1 if ok else 0)
        yield connected
        yield _targets()
        if self.snapshot is not None:
            yield from _queue(self.snapshot, self.calendar, self.units)
            yield from _stored(self.snapshot, self.platforms)
        yield from EVENTS.collect()


def exposition(scrape: Scrape) -> bytes:
    """The Prometheus text format of one scrape."""
    return generate_latest(scrape)


def _label(priority: int) -> str:
    return f"P{priority}"


def _targets() -> GaugeMetricFamily:
    target = GaugeMetricFamily(
        "minvard_queue_wait_target_seconds",
        "The longest a case of this priority should wait (P1-P3 in staffed time, P4 on the"
        " clock; P5 has none).",
        labels=["priority"],
    )
    for priority, minutes in sorted(TARGET_MINUTES.items()):
        target.add_metric([_label(priority)], minutes * 60)
    return target


def _queue(
    snapshot: Snapshot, calendar: StaffedCalendar, units: tuple[str, ...]
) -> Iterator[GaugeMetricFamily]:
    length = GaugeMetricFamily(
        "minvard_queue_length", "Cases waiting in the queue.", labels=["priority", "unit"]
    )
    oldest = GaugeMetricFamily(
        "minvard_queue_oldest_wait_seconds",
        "How long the longest-waiting case of this triage priority has waited, on the clock.",
        labels=["priority", "unit"],
    )
    late = GaugeMetricFamily(
        "minvard_queue_overdue",
        "Cases waiting past their priority's target, counted as the staff room's target alerts"
        " count them (P1-P3 in staffed minutes).",
        labels=["priority", "unit"],
    )
    now = snapshot.now.astimezone(UTC)
    every_unit = sorted(set(units) | {case.unit for case in snapshot.queued})
    for unit in every_unit:
        for priority in Priority:
            cases = [c for c in snapshot.queued if c.unit == unit and c.priority == priority]
            labels = [_label(priority), unit]
            length.add_metric(labels, len(cases))
            first = min((c.queued_at for c in cases), default=None)
            waited = 0.0 if first is None else (now - first.astimezone(UTC)).total_seconds()
            oldest.add_metric(labels, max(0.0, waited))
            entries = (QueueEntry(0, c.priority, c.queued_at, unit) for c in cases)
            late.add_metric(labels, sum(overdue(e, snapshot.now, calendar) for e in entries))
    yield length
    yield oldest
    yield late


def _stored(
    snapshot: Snapshot, platforms: Iterable[str]
) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
    cases = GaugeMetricFamily("minvard_cases", "Cases by state.", labels=["state"])
    for state in CASE_STATES:
        cases.add_metric([state], snapshot.cases.get(state, 0))
    yield cases
    depth = GaugeMetricFamily(
        "minvard_outbox_pending", "Outgoing messages not yet delivered.", labels=["platform"]
    )
    age = GaugeMetricFamily(
        "minvard_outbox_oldest_age_seconds",
        "Age of the oldest outgoing message not yet delivered (0: none waiting).",
        labels=["platform"],
    )
    now = snapshot.now.astimezone(UTC)
    waiting = {row.platform: row for row in snapshot.outbox}
    for platform in sorted(set(waiting) | set(platforms)):
        row = waiting.get(platform, OutboxDepth(platform, 0, None))
        depth.add_metric([platform], row.pending)
        waited = 0.0 if row.oldest is None else (now - row.oldest.astimezone(UTC)).total_seconds()
        age.add_metric([platform], max(0.0, waited))
    yield depth
    yield age
    letters = GaugeMetricFamily(
        "minvard_dead_letters",
        "Events and messages set aside; 'new' and 'retrying' wait for an admin.",
        labels=["direction", "status"],
    )
    for direction in ("in", "out"):
        for status in ("new", "retrying", "retried", "dropped"):
            letters.add_metric(
                [direction, status], snapshot.dead_letters.get((direction, status), 0)
            )
    yield letters
    # From the record, not an in-process counter: a verdict counts once it is committed, and
    # every process reports the same total (it falls when retention deletes old cases).
    moderation = CounterMetricFamily(
        "minvard_moderation_actions",
        "Moderation verdicts in the record, by lexicon category and the action taken.",
        labels=["category", "action"],
    )
    for (category, action), count in sorted(snapshot.moderation.items()):
        moderation.add_metric([category, action], count)
    yield moderation
