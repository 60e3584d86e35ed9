"""Staff commands and what clinicians write inside a case."""

from __future__ import annotations

import logging
import secrets
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.addressing import (
    address_case,
    hold,
    not_yours,
    several_cases_hint,
    split_case_prefix,
    take_held,
)
from bot.admin import AdminDesk
from bot.commands import (
    CASE_NUMBER,
    OUTCOME,
    REGISTRY,
    STAFF,
    TEXT,
    Arg,
    Command,
    Refusal,
    Role,
    Router,
    StaffCall,
    help_text,
    is_known,
    parse_command,
)
from bot.context import Services
from bot.events import JoinCase, LeaveCase, SendSms, Withdraw
from bot.late import written_when
from bot.lifecycle import CaseEvent, RefusedTransition, transition
from bot.summary import case_summary
from bot.texts import shorten
from bot.turn import Turn
from bot.waiting import announce_moves, queue_view
from storage.records import Case, StaffMember

log = logging.getLogger(__name__)

STAFF_DESK = Router("staff")


def _waited_minutes(case: Case, now: datetime) -> int:
    start = case.queued_at or case.created_at
    return max(0, int((now - start).total_seconds() // 60))


class StaffDesk:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.admin = AdminDesk(services)

    @property
    def lang(self) -> str:
        return self.services.config.service.default_language

    def handle(self, turn: Turn, member: StaffMember) -> None:
        if turn.event.late:
            self.late(turn, member)
            return
        text = turn.event.text.strip()
        reply_to = turn.event.chat
        if len(text) > self.services.config.service.max_message_length:
            turn.say(
                reply_to,
                self.lang,
                "errors.too_long",
                limit=self.services.config.service.max_message_length,
            )
            return
        if not text and turn.event.attachment is None:
            return
        active = turn.repos.cases.active_for_clinician(member.address)
        in_staff_room = turn.event.chat in self.services.staff_rooms.values()
        chosen: Case | None = None
        shared = any(c.patient == turn.event.chat for c in active)
        answered = None if in_staff_room or shared else take_held(turn, member.address, text)
        if answered is not None:
            # The answer to "which case?": the held line goes on as if just written there.
            held, case_id = answered
            chosen = next((c for c in active if c.id == case_id), None)
            if chosen is None:
                not_yours(turn, member.address, self.lang, case_id, active)
                return
            text = held.text
            turn.event = replace(turn.event, text=held.text, attachment=held.attachment)
        line = text
        named, text = (None, text) if shared else split_case_prefix(text)
        command = parse_command(text)
        if command is not None and not command.explicit and active and not in_staff_room:
            command = None  # a bare word inside a conversation is a message to the patient
        if command is None:
            if in_staff_room:
                return  # staff talk among themselves in their room; the bot stays out of it
            if named is not None and not text and turn.event.attachment is None:
                turn.say(reply_to, self.lang, "staff.empty_line", case_id=named)
                return
            case = self._case_for(turn, member, active, named, chosen, line)
            if case is None:
                return
            body = text
            if turn.event.attachment is not None:
                body = f"{turn.text(self.lang, 'record.attachment')} {text}".strip()
            turn.repos.record.add(case.id, "clinician", member.address.key(), body, turn.now)
            turn.send(
                case.patient,
                text,
                case_id=case.id,
                origin=member.address,
                attachment=turn.event.attachment,
            )
            return
        spec = REGISTRY.find(command.name, "staff")
        if spec is not None and spec.case and member.role == "clinician":
            if named is None:
                named, args = split_case_prefix(command.args)
                command = replace(command, args=args)
            case = self._case_for(turn, member, active, named, chosen, line)
            if case is None:
                return
            active = [case]
        self.command(turn, member, active, command)

    def _case_for(
        self,
        turn: Turn,
        member: StaffMember,
        active: list[Case],
        named: int | None,
        chosen: Case | None,
        line: str,
    ) -> Case | None:
        """The case a line or case command is for; None when there is none yet (the
        clinician was told why, or asked which case, the line held until they answer)."""
        if chosen is not None:
            return chosen
        event = turn.event
        addressed = address_case(active, chat=event.chat, hint=event.case_hint, named=named)
        if addressed.case is not None:
            return addressed.case
        if addressed.refused is not None:
            not_yours(turn, event.chat, self.lang, addressed.refused, active)
        elif not active:
            turn.say(event.chat, self.lang, "staff.no_active_case")
        else:
            hold(turn, member.address, self.lang, active, line, event.attachment)
        return None

    def late(self, turn: Turn, member: StaffMember) -> None:
        """A message read only after its writer was asked to write it again (bot/late.py): a
        stale `!next` or `!close` must not run, nor old words reach a patient. Nothing of it is
        kept (they were told it was neither saved nor passed on); they are told, in their own
        chat with the bot, that it was not carried out. Talk among staff in their room was
        never the bot's to carry out, so it passes in silence."""
        event = turn.event
        text = event.text.strip()
        in_staff_room = event.chat in self.services.staff_rooms.values()
        if not text and event.attachment is None:
            return
        if in_staff_room and parse_command(text) is None:
            return
        when = written_when(turn, self.services, self.lang, event.at)
        turn.say(member.address, self.lang, "staff.late_not_done", when=when)
        log.info("event %s: read late from staff; not carried out", event.event_id)

    def command(
        self, turn: Turn, member: StaffMember, active: list[Case], command: Command
    ) -> None:
        reply_to = turn.event.chat
        name = command.name
        spec = REGISTRY.find(name, "staff")
        if spec is None:
            key = "errors.patient_only" if is_known(name) else "errors.unknown_command"
            turn.say(reply_to, self.lang, key, command=name)
            return
        if member.role not in spec.roles:
            log.info("refused %s from a %s", name, member.role)
            key = "errors.admin_only" if "admin" in spec.roles else "errors.clinician_only"
            turn.say(reply_to, self.lang, key, command=name)
            return
        case = None
        if spec.case:
            case = self._current(turn, active)
            if case is None:
                return
        value = spec.check(command.args, self.services)
        if isinstance(value, Refusal):
            turn.say(reply_to, self.lang, value.key, **value.values)
            return
        desk = self.admin if spec.router == "admin" else self
        spec.handler(desk, StaffCall(turn, member, active, case, command.args, value))

    @STAFF_DESK.command("help", roles=STAFF, help=None)
    def _help(self, call: StaffCall) -> None:
        role: Role = "admin" if call.member.role == "admin" else "clinician"
        call.turn.send(call.turn.event.chat, help_text(self.services, role, self.lang))

    @STAFF_DESK.command("queue", roles=STAFF, sv=("kö", "kön"), fi=("jono",))
    def _queue(self, call: StaffCall) -> None:
        turn, member = call.turn, call.member
        view = queue_view(turn.repos, self.services, member.unit, turn.now)
        turn.repos.audit.log(member.address, "view_queue", None, turn.now)
        if not view.ordered:
            turn.say(turn.event.chat, self.lang, "staff.queue_empty")
            return
        lines = [turn.text(self.lang, "staff.queue_header", count=len(view.ordered))]
        for number, case in enumerate(view.ordered, 1):
            lines.append(
                turn.text(
                    self.lang,
                    "staff.queue_line",
                    number=number,
                    case_id=case.id,
                    priority=case.priority,
                    effective=view.effective[case.id],
                    waited=_waited_minutes(case, turn.now),
                    complaint=shorten(case.complaint or ""),
                )
            )
        turn.send(turn.event.chat, "\n".join(lines))

    @STAFF_DESK.command("next", sv=("nästa",), fi=("seuraava",))
    def _next(self, call: StaffCall) -> None:
        turn, member = call.turn, call.member
        view = queue_view(turn.repos, self.services, member.unit, turn.now)
        for case in view.ordered:
            if self._claim(turn, member, case, skip_locked=True):
                self._several_hint(turn, member)
                return
        turn.say(turn.event.chat, self.lang, "staff.queue_empty")

    @STAFF_DESK.command(
        "take",
        sv=("ta",),
        arg=Arg("NUMBER", CASE_NUMBER, field="case"),
        usage="staff.no_such_case",
    )
    def _take(self, call: StaffCall) -> None:
        turn, member = call.turn, call.member
        case = turn.repos.cases.get(int(str(call.value)))
        if case is None or case.unit != member.unit:
            turn.say(turn.event.chat, self.lang, "staff.no_such_case", case=call.args or "?")
            return
        if case.state != "queued" or not self._claim(turn, member, case):
            turn.say(turn.event.chat, self.lang, "staff.not_queued", case_id=case.id)
            return
        self._several_hint(turn, member)

    @STAFF_DESK.command("release", sv=("släpp",), case=True)
    def _release(self, call: StaffCall) -> None:
        turn, case = call.turn, call.the_case
        if not self._step_out(
            turn,
            call.member,
            case,
            CaseEvent.RELEASE,
            clinician_platform=None,
            clinician_chat=None,
            taken_at=None,
            last_position=None,
        ):
            return
        turn.say(turn.event.chat, self.lang, "staff.released", case_id=case.id)
        turn.tell_patient(case, "active.released")
        announce_moves(turn, self.services, case.unit)

    @STAFF_DESK.command(
        "note",
        sv=("anteckning",),
        arg=Arg("TEXT", TEXT),
        usage="staff.note_usage",
        case=True,
    )
    def _note(self, call: StaffCall) -> None:
        turn, member, case = call.turn, call.member, call.the_case
        turn.repos.record.add(case.id, "note", member.address.key(), call.args, turn.now)
        turn.repos.audit.log(member.address, "note", case.id, turn.now)
        event = turn.event
        if event.chat == case.patient:
            # Typed in the room the clinician shares with the patient (Matrix): the patient
            # reads that room, so the note is taken back there and the answer goes privately.
            reason = turn.text(self.lang, "staff.note_withdrawn_reason")
            turn.actions.append(Withdraw(event.chat, event.event_id, case.id, reason, what="note"))
            turn.say(event.sender, self.lang, "staff.note_saved_shared", case_id=case.id)
            return
        turn.say(event.chat, self.lang, "staff.note_saved", case_id=case.id)

    @STAFF_DESK.command("newcase", sv=("nyttärende",), case=True)
    def _newcase(self, call: StaffCall) -> None:
        turn, member, case = call.turn, call.member, call.the_case
        try:
            transition(turn.repos, case, CaseEvent.NEWCASE, actor=member.address.key(), at=turn.now)
        except RefusedTransition as refused:
            log.warning("%s", refused)
            turn.say(turn.event.chat, self.lang, "staff.no_active_case")
            return
        turn.tell_patient(case, "active.new_case_needed")
        turn.say(turn.event.chat, self.lang, "staff.newcase_sent", case_id=case.id)

    @STAFF_DESK.command(
        "close",
        sv=("avsluta",),
        arg=Arg(
            "[advice|video|visit|referred|not_reached]",
            OUTCOME,
            required=False,
            default="advice",
            field="outcome",
        ),
        usage="staff.close_usage",
        case=True,
    )
    def _close(self, call: StaffCall) -> None:
        self._finish(call.turn, call.member, call.the_case, str(call.value))

    @STAFF_DESK.command("end", arg=Arg("REASON", TEXT), usage="staff.end_usage", case=True)
    def _end(self, call: StaffCall) -> None:
        """End the chat for a rule violation: the clinician's decision, never the bot's."""
        turn, case = call.turn, call.the_case
        if not self._step_out(
            turn,
            call.member,
            case,
            CaseEvent.END,
            detail=str(call.value),
            close_outcome="ended",
            finished_at=turn.now,
        ):
            return
        turn.say(turn.event.chat, self.lang, "staff.ended", case_id=case.id)
        turn.tell_patient(case, "moderation.ended")

    @STAFF_DESK.command("resume", case=True)
    def _resume(self, call: StaffCall) -> None:
        turn, case = call.turn, call.the_case
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.RESUME,
                actor=call.member.address.key(),
                at=turn.now,
                relay_paused=False,
            )
        except RefusedTransition as refused:
            log.warning("%s", refused)
            turn.say(turn.event.chat, self.lang, "staff.no_active_case")
            return
        turn.say(turn.event.chat, self.lang, "staff.resumed", case_id=case.id)

    @STAFF_DESK.command("video", case=True)
    def _video(self, call: StaffCall) -> None:
        turn, case = call.turn, call.the_case
        # A fresh unguessable room for every visit: the link is the only key to it.
        room = secrets.token_urlsafe(12)
        link = self.services.config.escalation.video_url_template.format(room=room)
        turn.tell_patient(case, "active.video", link=link)
        turn.repos.audit.log(call.member.address, "video", case.id, turn.now)
        turn.say(turn.event.chat, self.lang, "staff.video_sent", case_id=case.id, link=link)

    @STAFF_DESK.command("visit", sv=("besök",), case=True)
    def _visit(self, call: StaffCall) -> None:
        """Hand the patient over to a physical visit and close the chat with that outcome."""
        self._finish(call.turn, call.member, call.the_case, "visit")

    def _several_hint(self, turn: Turn, member: StaffMember) -> None:
        active = turn.repos.cases.active_for_clinician(member.address)
        several_cases_hint(turn, member.address, self.lang, active)

    def _claim(
        self, turn: Turn, member: StaffMember, case: Case, skip_locked: bool = False
    ) -> bool:
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.TAKE,
                actor=member.address.key(),
                at=turn.now,
                skip_locked=skip_locked,
                clinician_platform=member.address.platform,
                clinician_chat=member.address.chat,
                taken_at=turn.now,
                step="",
            )
        except RefusedTransition:
            # Taken by another clinician: `take` says so, `next` goes on to the next case.
            return False
        case = replace(case, state="active", clinician=member.address, taken_at=turn.now)
        turn.repos.audit.log(member.address, "take", case.id, turn.now)
        turn.repos.audit.log(member.address, "read_summary", case.id, turn.now)
        log.info("case %d: taken", case.id)
        subject = turn.repos.subjects.get(case.subject_id) if case.subject_id else None
        q = self.services.questionnaires.get(case.questionnaire_id or "")
        answers = turn.repos.answers.of_case(case.id, 0)
        summary = case_summary(turn, self.lang, case, subject, q, answers, services=self.services)
        turn.actions.append(JoinCase(case.id, member.address, case.patient))
        turn.send(
            member.address,
            turn.text(self.lang, "staff.taken_you", case_id=case.id) + "\n\n" + summary,
            case_id=case.id,
        )
        if member.title:
            turn.tell_patient(case, "active.joined", name=member.name, title=member.title)
        else:
            turn.tell_patient(case, "active.joined_untitled", name=member.name)
        self._your_turn_sms(turn, case)
        room = self.services.staff_room(member.address.platform)
        if room is not None and room != member.address:
            turn.say(room, self.lang, "staff.taken_room", case_id=case.id, name=member.name)
        announce_moves(turn, self.services, case.unit)
        return True

    def _your_turn_sms(self, turn: Turn, case: Case) -> None:
        """The seed's promise: "Du får ett sms när det är din tur." Neutral text only."""
        patient = turn.repos.patients.get(case.patient_id)
        if patient is None or patient.mobile is None:
            return
        sms_id = turn.repos.sms.add(case.id, patient.id, "your_turn", turn.now)
        text = turn.text(case.language, "sms.your_turn", service=self.services.config.service.name)
        turn.actions.append(SendSms(sms_id, patient.mobile, text))

    def _current(self, turn: Turn, active: list[Case]) -> Case | None:
        if not active:
            turn.say(turn.event.chat, self.lang, "staff.no_active_case")
            return None
        return active[0]

    def _finish(self, turn: Turn, member: StaffMember, case: Case, outcome: str) -> None:
        if not self._step_out(
            turn,
            member,
            case,
            CaseEvent.CLOSE,
            detail=outcome,
            close_outcome=outcome,
            finished_at=turn.now,
        ):
            return
        turn.say(turn.event.chat, self.lang, "staff.closed", case_id=case.id, outcome=outcome)
        if outcome == "visit":
            where = (
                self.services.config.escalation.visit_info or self.services.config.service.unit_name
            )
            turn.tell_patient(case, "closed.visit", where=where)
        else:
            turn.tell_patient(case, f"closed.{outcome}")
        turn.tell_patient(case, "closed.new_case_hint")
        turn.tell_patient(
            case, "feedback.ask", choices=turn.texts.words("feedback.scale", case.language)
        )

    def _step_out(
        self,
        turn: Turn,
        member: StaffMember,
        case: Case,
        event: CaseEvent,
        *,
        detail: str = "",
        **fields: Any,
    ) -> bool:
        """The clinician leaves an active case (release, close, end): one transition, audited,
        and the platform told to take them out of the patient's room. False, with the clinician
        told, when the case is no longer active (closed by another command meanwhile)."""
        try:
            transition(
                turn.repos,
                case,
                event,
                actor=member.address.key(),
                at=turn.now,
                detail=detail,
                **fields,
            )
        except RefusedTransition as refused:
            log.warning("%s", refused)
            turn.say(turn.event.chat, self.lang, "staff.no_active_case")
            return False
        reason = event.value
        turn.repos.audit.log(member.address, reason, case.id, turn.now, detail)
        log.info("case %d: %s", case.id, reason)
        turn.actions.append(LeaveCase(case.id, member.address, case.patient))
        return True
