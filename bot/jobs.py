"""Periodic work: opening and closing notices with a digest, target alerts, clean-up.

Each job is a decision over the database and the time it is given, run inside one unit of work
like any event; a scheduler only says "now". Marks in `job_marks` make every notice happen once,
however often the scheduler fires and across restarts.
"""

from __future__ import annotations

import base64
import logging
from datetime import datetime, time, timedelta

from bot.charts import waits_png
from bot.context import Services
from bot.events import Send
from bot.lifecycle import CaseEvent, RefusedTransition, transition
from bot.queue import TARGET_MINUTES, QueueEntry, overdue
from bot.spoken_time import duration
from bot.stats import stats_text, waits_by_priority
from bot.turn import Turn
from bot.waiting import queue_view
from storage.records import Case
from storage.sms_log import EARLY_REPORTS_KEPT

log = logging.getLogger(__name__)


class Jobs:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def lang(self) -> str:
        return self.services.config.service.default_language

    def run(self, turn: Turn) -> None:
        self.opening_and_closing(turn)
        self.target_alerts(turn)
        self.unanswered_calls(turn)
        self.purge_unfinished_intakes(turn)
        self.retention(turn)
        self.forget_login_links(turn)

    def opening_and_closing(self, turn: Turn) -> None:
        """One notice when staff hours begin (with a digest of the queue) and one when they end."""
        unit = self.services.config.service.unit
        is_open = self.services.calendar.is_open(turn.now)
        state = "open" if is_open else "closed"
        previous = turn.repos.job_marks.get("open_state", unit)
        if not turn.repos.job_marks.put("open_state", unit, state, turn.now) or previous is None:
            return  # no change, or the first tick ever: nothing opened or closed just now
        view = queue_view(turn.repos, self.services, unit, turn.now)
        counts: dict[int, int] = {}
        for case in view.ordered:
            counts[case.priority or 5] = counts.get(case.priority or 5, 0) + 1
        detail = ", ".join(f"P{p} {n}" for p, n in sorted(counts.items())) or "-"
        key = "jobs.opening" if is_open else "jobs.closing"
        for room in self.services.staff_rooms.values():
            turn.say(room, self.lang, key, count=len(view.ordered), detail=detail)
        if not is_open:
            self.daily_summary(turn, unit)

    def daily_summary(self, turn: Turn, unit: str) -> None:
        """At closing: today's figures for the staff room, with a chart of the waits."""
        tz = self.services.calendar.tz
        today = datetime.combine(turn.now.astimezone(tz).date(), time(), tzinfo=tz)
        text = stats_text(turn, self.services, "admin.stats_today", unit, today)
        waits = waits_by_priority(turn, self.services, unit, today)
        image = None
        if waits:
            png = waits_png(
                waits,
                turn.text(self.lang, "jobs.chart_title", day=today.strftime("%Y-%m-%d")),
                turn.text(self.lang, "jobs.chart_axis"),
            )
            image = base64.b64encode(png).decode("ascii")
        for room in self.services.staff_rooms.values():
            turn.actions.append(Send(room, text, image=image))

    def target_alerts(self, turn: Turn) -> None:
        """A case waiting past its priority's target alerts the staff room, once."""
        if not self.services.calendar.is_open(turn.now):
            return  # the digest at opening covers the night; alerts are for staffed hours
        unit = self.services.config.service.unit
        for case in turn.repos.cases.queued(unit):
            entry = QueueEntry(case.id, case.priority or 5, case.queued_at or case.created_at)
            if not overdue(entry, turn.now, self.services.calendar):
                continue
            if not turn.repos.job_marks.put("target_alert", str(case.id), "sent", turn.now):
                continue
            room = self.services.staff_room(case.patient.platform)
            if room is not None:
                turn.say(
                    room,
                    self.lang,
                    "jobs.target_alert",
                    case_id=case.id,
                    priority=entry.priority,
                    target=duration(turn, self.lang, TARGET_MINUTES[entry.priority]),
                )

    def unanswered_calls(self, turn: Turn) -> None:
        """The patient has not answered since the take: remind the clinician of their choices."""
        minutes = self.services.config.jobs.no_answer_minutes
        for case in turn.repos.cases.active(self.services.config.service.unit):
            if case.taken_at is None or case.clinician is None:
                continue
            if turn.now - case.taken_at < timedelta(minutes=minutes):
                continue
            last = turn.repos.record.last_from_patient(case.id)
            if last is not None and last >= case.taken_at:
                continue
            mark = f"{case.id}@{case.taken_at.isoformat()}"  # once per take
            if turn.repos.job_marks.put("no_answer", mark, "sent", turn.now):
                text = turn.text(self.lang, "jobs.no_answer", case_id=case.id, minutes=minutes)
                # Whether the "your turn" text reached the phone helps choose release or close.
                sent = [status for purpose, status in turn.repos.sms.of_case(case.id)]
                if sent:
                    text += "\n" + turn.text(self.lang, f"jobs.sms_{_sms_state(sent[-1])}")
                turn.send(case.clinician, text, case_id=case.id)

    def purge_unfinished_intakes(self, turn: Turn) -> None:
        hours = self.services.config.jobs.purge_intake_hours
        for case in turn.repos.housekeeping.stale_intakes(turn.now - timedelta(hours=hours)):
            self._purge(turn, case)

    def _purge(self, turn: Turn, case: Case) -> None:
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.PURGED,
                actor="bot",
                at=turn.now,
                step="",
                complaint=None,
                finished_at=turn.now,
            )
        except RefusedTransition as refused:
            # Sent or cancelled at the same moment: the case and its content stay as they are.
            log.warning("%s", refused)
            return
        turn.repos.housekeeping.forget_case_content(case.id)
        # Told without keeping the line: the point is that nothing of the intake stays.
        turn.say(case.patient, case.language, "jobs.intake_purged")
        log.info("case %d: unfinished intake purged", case.id)

    def forget_login_links(self, turn: Turn) -> None:
        """Login links and logins are worth nothing a day after they expired."""
        forgotten = turn.repos.login_links.purge(turn.now - timedelta(days=1))
        if forgotten:
            log.info("forgot %d expired login links and logins", forgotten)

    def retention(self, turn: Turn) -> None:
        years = self.services.config.jobs.retention_years
        # Whole days: a leap day never keeps a record a day short of the law's ten years.
        before = turn.now - timedelta(days=366 * years)
        for case_id in turn.repos.housekeeping.expired_records(before):
            turn.repos.housekeeping.delete_case(case_id)
            log.info("case %d: record deleted after the retention period", case_id)
        forgotten = turn.repos.housekeeping.forget_people(before)
        if forgotten:
            log.info("forgot the identity and contact details of %d people", forgotten)
        # Delivery reports whose message id never turned up: a day, whatever the traffic.
        turn.repos.sms.forget_early_reports(turn.now - EARLY_REPORTS_KEPT)


def _sms_state(status: str) -> str:
    """The gateway's word for a text message, as the clinician needs it."""
    return status if status in ("delivered", "failed") else "pending"
