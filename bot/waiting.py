"""The waiting room as the patient and staff see it: order, position and expected wait."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.context import Services
from bot.lifecycle import CaseEvent, RefusedTransition, transition
from bot.queue import (
    ElsewhereAdvice,
    QueueEntry,
    WaitEstimate,
    care_elsewhere,
    estimate_wait,
    rank_queue,
    takes_per_staffed_hour,
)
from bot.spoken_time import clock_time, day_phrase, format_opening
from bot.turn import Turn
from storage.records import Case
from storage.repositories import Repositories

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueueView:
    ordered: list[Case]
    effective: dict[int, int]

    def position(self, case_id: int) -> int | None:
        for number, case in enumerate(self.ordered, 1):
            if case.id == case_id:
                return number
        return None


def queue_view(repos: Repositories, services: Services, unit: str, now: datetime) -> QueueView:
    cases = {c.id: c for c in repos.cases.queued(unit)}
    entries = [
        QueueEntry(c.id, c.priority or 5, c.queued_at or c.created_at, c.unit)
        for c in cases.values()
    ]
    ranked = rank_queue(
        entries, now, services.calendar, services.aging, services.config.queue.tie_break
    )
    effective = {entry.case_id: level for entry, level in ranked}
    return QueueView([cases[e.case_id] for e, _ in ranked], effective)


def wait_for(
    repos: Repositories, services: Services, unit: str, position: int, now: datetime
) -> WaitEstimate:
    takes = repos.cases.take_times(unit, now - timedelta(days=7))
    rate = takes_per_staffed_hour(takes, now, services.calendar)
    return estimate_wait(
        position,
        rate,
        now,
        services.calendar,
        default_rate=services.config.queue.default_takes_per_hour,
    )


def describe_wait(turn: Turn, services: Services, lang: str, estimate: WaitEstimate) -> str:
    """The expected wait as one sentence: minutes or hours while the chat is open and the wait
    ends today; otherwise the clock times, since staffed minutes that run past closing are not
    the minutes a patient waits ("10-25 minutes" at 23:00 means tomorrow morning)."""
    tz = services.calendar.tz
    today = turn.now.astimezone(tz).date()
    # Five-minute steps: "8.10-8.25", not "8.13-8.27", which would read like an appointment.
    start = _to_five(estimate.earliest.astimezone(tz), up=False)
    end = _to_five(estimate.latest.astimezone(tz), up=True)
    low, high = estimate.low_minutes, estimate.high_minutes
    if estimate.opens_at is None and end.date() == today:
        if high < 90:
            return turn.text(lang, "wait.minutes", low=max(low, 5), high=max(high, 5))
        return turn.text(
            lang, "wait.hours", low=max(1, round(low / 60)), high=max(1, round(high / 60))
        )
    if start.date() != end.date():
        return turn.text(
            lang,
            "wait.across_days",
            start=format_opening(turn, services, lang, start),
            end=format_opening(turn, services, lang, end),
        )
    day = day_phrase(turn, lang, start.date(), today)
    if clock_time(lang, start) == clock_time(lang, end):
        return turn.text(lang, "wait.around", day=day, start=clock_time(lang, start))
    return turn.text(
        lang, "wait.on_day", day=day, start=clock_time(lang, start), end=clock_time(lang, end)
    )


def _to_five(at: datetime, *, up: bool) -> datetime:
    extra = at.minute % 5 * 60 + at.second + at.microsecond / 1e6
    down = at - timedelta(seconds=extra)
    return down + timedelta(minutes=5) if up and extra else down


# The case event that says a P1/P2 patient was sent elsewhere (detail: the advice), so that the
# clinician who takes the case in the morning reads it first (bot/summary.py).
SENT_ELSEWHERE = CaseEvent.SENT_ELSEWHERE


def _remember_advice(turn: Turn, case: Case, advice: str) -> None:
    try:
        transition(turn.repos, case, SENT_ELSEWHERE, actor="bot", at=turn.now, detail=advice)
    except RefusedTransition as refused:
        # Closed meanwhile: the advice was given all the same; no clinician will read it.
        log.warning("%s", refused)


# What a P1/P2 patient sent elsewhere hears first, by what they would otherwise have been told.
_ELSEWHERE_OPENING = {
    "queue.queued": "urgent.received",
    "worse.still_queued": "urgent.worse",
    "worse.noted": "urgent.worse",
}


def tell_position(turn: Turn, services: Services, case: Case, *, key: str) -> None:
    """Tell the patient their place, the expected wait, and when staff are back if closed; or,
    for a P1/P2 whose wait the chat cannot keep within its target, where to get care now."""
    view = queue_view(turn.repos, services, case.unit, turn.now)
    position = view.position(case.id) or len(view.ordered)
    estimate = wait_for(turn.repos, services, case.unit, position, turn.now)
    lang = case.language
    advice = care_elsewhere(case.priority or 5, estimate, turn.now)
    if advice is not None:
        opening = _ELSEWHERE_OPENING.get(key)
        text = elsewhere_text(turn, services, lang, advice, estimate, position)
        turn.tell_patient_text(case, f"{turn.text(lang, opening)}\n\n{text}" if opening else text)
        turn.repos.cases.update(case.id, last_position=position, position_told_at=turn.now)
        _remember_advice(turn, case, advice)
        return
    wait = describe_wait(turn, services, lang, estimate)
    parts = [turn.text(lang, key, position=position, wait=wait)]
    if estimate.opens_at is not None:
        parts.append(
            turn.text(
                lang,
                "hours.closed_now",
                opens=format_opening(turn, services, lang, estimate.opens_at),
                weekday=_hours_text(services, "weekday", lang),
                weekend=_hours_text(services, "weekend", lang),
            )
        )
    parts.append(turn.text(lang, "queue.while_waiting"))
    turn.tell_patient_text(case, "\n\n".join(parts))
    turn.repos.cases.update(case.id, last_position=position, position_told_at=turn.now)


def elsewhere_text(
    turn: Turn,
    services: Services,
    lang: str,
    advice: ElsewhereAdvice,
    estimate: WaitEstimate,
    position: int,
) -> str:
    """Where to get care now instead of waiting (DESIGN 6), and that the case stays queued in
    case the patient still wants the chat: never "your turn tomorrow at 8.10" to a P1 or P2."""
    if estimate.opens_at is not None:
        opens = format_opening(turn, services, lang, estimate.opens_at)
        now = turn.text(lang, f"urgent.{advice}_closed", opens=opens)
        return f"{now}\n\n{turn.text(lang, 'urgent.kept_closed')}"
    now = turn.text(lang, f"urgent.{advice}_busy")
    return f"{now}\n\n{turn.text(lang, 'urgent.kept_busy', position=position)}"


def announce_moves(turn: Turn, services: Services, unit: str) -> None:
    """Tell waiting patients whose place changed a lot, or at all after a quiet while.

    Called after anything that reorders the queue (a new case, a take, a cancel, a release).
    Throttled, so that a busy morning is not a stream of messages to every patient.
    """
    config = services.config.queue
    quiet = timedelta(minutes=config.position_update_minutes)
    view = queue_view(turn.repos, services, unit, turn.now)
    for position, case in enumerate(view.ordered, 1):
        last = case.last_position
        if last is None or last == position:
            continue
        big = abs(position - last) >= config.notify_position_change
        stale = case.position_told_at is None or turn.now - case.position_told_at >= quiet
        if not (big or stale):
            continue
        estimate = wait_for(turn.repos, services, unit, position, turn.now)
        advice = care_elsewhere(case.priority or 5, estimate, turn.now)
        if advice is not None:
            # A new place would bring a wait the chat cannot keep for a P1/P2: where to get
            # care now instead (again, if a busier queue is what pushed it past the target).
            text = elsewhere_text(turn, services, case.language, advice, estimate, position)
            turn.tell_patient_text(case, text)
            turn.repos.cases.update(case.id, last_position=position, position_told_at=turn.now)
            _remember_advice(turn, case, advice)
            continue
        wait = describe_wait(turn, services, case.language, estimate)
        key = "queue_moves.up" if position < last else "queue_moves.down"
        turn.tell_patient(case, key, position=position, wait=wait)
        turn.repos.cases.update(case.id, last_position=position, position_told_at=turn.now)


def _hours_text(services: Services, which: str, lang: str) -> str:
    # "8–16", and "8.30–16" when the hours do not start on the hour (which "08–16" hid).
    start, end = getattr(services.config.hours, which)
    return f"{_hour(lang, start)}–{_hour(lang, end)}"


def _hour(lang: str, at: time) -> str:
    return str(at.hour) if at.minute == 0 else clock_time(lang, at)
