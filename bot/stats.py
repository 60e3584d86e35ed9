"""Figures for staff and managers: today's and this week's cases, waits against targets."""

from __future__ import annotations

import statistics
from datetime import datetime

from bot.context import Services
from bot.queue import TARGET_MINUTES
from bot.spoken_time import duration
from bot.turn import Turn


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def waits_by_priority(
    turn: Turn, services: Services, unit: str, since: datetime
) -> dict[int, list[float]]:
    """Minutes from queue to take, per priority: staffed minutes for P1–P3 (their targets count
    staffed time), wall-clock minutes for P4 and P5."""
    waits: dict[int, list[float]] = {}
    for priority, queued, taken in turn.repos.stats.waits_since(unit, since):
        minutes = (
            (taken - queued).total_seconds() / 60
            if priority >= 4
            else services.calendar.staffed_minutes(queued, taken)
        )
        waits.setdefault(priority, []).append(minutes)
    return waits


def stats_text(turn: Turn, services: Services, key: str, unit: str, since: datetime) -> str:
    """Cases by outcome, waits by priority against targets, closings and feedback since `since`."""
    lang = services.config.service.default_language
    repos = turn.repos
    lines = [turn.text(lang, key)]
    outcomes = repos.stats.outcomes_since(unit, since)
    order = ["R", "A", "P1", "P2", "P3", "P4", "P5"]
    counted = [f"{k} {outcomes[k]}" for k in order if k in outcomes]
    others = [f"{k} {v}" for k, v in sorted(outcomes.items()) if k not in order]
    lines.append(
        turn.text(
            lang,
            "admin.stats_cases",
            total=sum(outcomes.values()),
            detail=", ".join(counted + others) or "-",
        )
    )
    waits = waits_by_priority(turn, services, unit, since)
    for priority in sorted(waits):
        values = waits[priority]
        target = TARGET_MINUTES.get(priority)
        within = (
            f"{sum(1 for v in values if v <= target) / len(values):.0%}"
            if target is not None
            else "-"
        )
        lines.append(
            turn.text(
                lang,
                "admin.stats_wait",
                priority=priority,
                count=len(values),
                median=duration(turn, lang, statistics.median(values)),
                p90=duration(turn, lang, percentile(values, 0.9)),
                target=duration(turn, lang, target) if target is not None else "-",
                within=within,
            )
        )
    closed = repos.stats.closed_since(unit, since)
    if closed:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(closed.items()))
        lines.append(turn.text(lang, "admin.stats_closed", detail=detail))
    count, average = repos.stats.feedback_since(unit, since)
    if count:
        lines.append(turn.text(lang, "admin.stats_feedback", count=count, average=f"{average:.1f}"))
    return "\n".join(lines)
