"""Everything a patient says: intake answers, commands, words while waiting, relay while active."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.commands import (
    ALONE,
    REGISTRY,
    TEXT,
    WITH_ARGUMENT,
    Arg,
    Command,
    Kind,
    Refusal,
    Router,
    help_text,
    is_known,
    parse_command,
)
from bot.conduct import PASS, Conduct
from bot.context import Services
from bot.detection import switch_to_offer
from bot.intake import Intake
from bot.intake_steps import parse_language
from bot.late import late_marker
from bot.lifecycle import FREE_TEXT_STEPS, CaseEvent, RefusedTransition, transition
from bot.phone import parse_mobile, shown
from bot.privacy import accesses, dumps, export
from bot.turn import Turn
from bot.waiting import announce_moves, tell_position
from bot.worse_words import says_worse
from flows.phrases import crisis_words
from storage.records import Case, Patient

if TYPE_CHECKING:
    from bot.identity.desk import IdentityDesk

log = logging.getLogger(__name__)

# How long after a case ends a message is taken as about that case rather than a new one.
RECENT = timedelta(hours=2)
# The same "your case is closed" answer to lines written in a row is said once in this while.
SAID_LATELY = timedelta(minutes=15)

PATIENT = Router("patient")
LANGUAGE = Kind(
    "language", lambda text, services: parse_language(text, services.config.service.languages)
)


@dataclass(frozen=True)
class PatientCall:
    """What a patient command's handler is given: who asked, in which case, and the argument's
    value (checked by the registry before the handler is called)."""

    turn: Turn
    patient: Patient
    cases: list[Case]
    case: Case | None
    lang: str
    command: Command
    value: object


def current_case(cases: list[Case]) -> Case | None:
    """The case a patient's words belong to: an intake first, then an active case, then queued."""
    for state in ("intake", "active", "queued"):
        matching = [c for c in cases if c.state == state]
        if matching:
            return matching[-1]
    return None


class PatientDesk:
    def __init__(self, services: Services, intake: Intake, identity: IdentityDesk) -> None:
        self.services = services
        self.intake = intake
        self.identity = identity
        self.conduct = Conduct(services)

    def handle(self, turn: Turn) -> None:
        event = turn.event
        repos = turn.repos
        patient = repos.patients.by_account(event.sender)
        if event.late:
            self.late(turn, patient)
            return
        if patient is None:
            patient = repos.patients.create(
                event.sender, self.services.config.service.default_language, turn.now
            )
        # With e-ID on, the identity desk answers until this account acts for a verified person.
        if not self.identity.admit(turn, patient):
            return
        lang = patient.language
        text = event.text.strip()
        if len(text) > self.services.config.service.max_message_length:
            turn.say(
                event.sender,
                lang,
                "errors.too_long",
                limit=self.services.config.service.max_message_length,
            )
            return
        cases = repos.cases.open_for_patient(patient.id)
        case = current_case(cases)
        if event.attachment is not None:
            self._attachment(turn, case, lang)
            return
        if not text:
            turn.say(event.sender, lang, "errors.empty")
            return
        command = parse_command(text)
        # A bare word is an answer when the bot is waiting for free text or relaying.
        if (
            command is not None
            and not command.explicit
            and case is not None
            and (
                case.state == "active" or (case.state == "intake" and case.step in FREE_TEXT_STEPS)
            )
        ):
            command = None
        if command is not None:
            if case is not None:
                repos.record.add(case.id, "patient", "patient", text, turn.now)
            self.command(turn, patient, cases, case, command)
            return
        if case is None:
            latest = repos.cases.latest_for_patient(patient.id)
            if latest is not None and self._recently_finished(latest, turn):
                # "Tack!" after the close is not a new complaint: keep it in the record and say
                # how to start again, instead of opening an intake nobody asked for.
                repos.record.add(latest.id, "patient", "patient", text, turn.now)
                if self.conduct.review(turn, patient, latest, text).hold:
                    return
                if latest.state != "closed" or not self._feedback(turn, latest, text):
                    self._tell_once_a_while(turn, latest, "closed.after_close")
                return
            # The case first, so that an alert about these very words ("vill inte leva")
            # names a case staff can open, not "#-".
            case = self.intake.start(turn, patient)
            repos.record.add(case.id, "patient", "patient", text, turn.now)
            if self.conduct.review(turn, patient, case, text).hold:
                return
            self.intake.greet(turn, case, text)
            self._offer_language(turn, case, text)
            return
        repos.record.add(case.id, "patient", "patient", text, turn.now)
        review = self.conduct.review(turn, patient, case, text)
        if review.hold:
            return
        self._words(turn, case, text, review.mark)
        self._offer_language(turn, case, text)

    def late(self, turn: Turn, patient: Patient | None) -> None:
        """A message read only after the patient was asked to write it again (bot/late.py):
        nothing in it is an answer or a command, and unless moderation must answer it the
        patient hears nothing more of it. The words go through the same moderation as any, and
        into the record of their case with when they were written."""
        event = turn.event
        repos = turn.repos
        text = event.text.strip()
        if len(text) > self.services.config.service.max_message_length:
            log.info("event %s: read late and too long; left alone", event.event_id)
            return
        if patient is None:
            # Their very first message: nothing is kept of someone who may never write again,
            # unless moderation has to answer it (crisis numbers, a held threat).
            moderator = self.services.moderator
            lang = self.services.config.service.default_language
            flagged = moderator is not None and bool(moderator.check(text, lang).hits)
            if not text or not (flagged or crisis_words(text)):
                log.info("event %s: read late from someone new; left alone", event.event_id)
                return
            patient = repos.patients.create(event.sender, lang, turn.now)
        if not self.identity.vouches(turn, patient):
            # As before a login: moderation answers, and nothing enters anyone's record.
            if text:
                self.conduct.review(turn, patient, None, text)
            log.info("event %s: read late from an account not logged in", event.event_id)
            return
        case = current_case(repos.cases.open_for_patient(patient.id))
        review = self.conduct.review(turn, patient, case, text) if text else PASS
        keep_in = case
        if keep_in is None:
            # Written while the case was open, most likely, so its record is where it belongs.
            latest = repos.cases.latest_for_patient(patient.id)
            if latest is not None and self._recently_finished(latest, turn):
                keep_in = latest
        if keep_in is None:
            log.info("event %s: read late, no case to keep it in", event.event_id)
            return
        body = text
        if event.attachment is not None:
            body = f"{turn.text(keep_in.language, 'record.attachment')} {text}".strip()
        repos.record.add(keep_in.id, "patient", "patient", body, turn.now, written_at=event.at)
        log.info("case %d: event %s read late; kept, not acted on", keep_in.id, event.event_id)
        if case is None or review.hold:
            return
        if case.state == "active" and case.clinician is not None and not case.relay_paused:
            # The clinician is talking with the patient: the words may matter, marked so that
            # nobody takes them for an answer to what was just asked.
            shown = " ".join(p for p in (review.mark, late_marker(turn, self.services), text) if p)
            turn.send(
                case.clinician,
                shown,
                case_id=case.id,
                origin=case.patient,
                attachment=event.attachment,
            )
        elif case.state == "queued" and case.step != "recheck" and text:
            # A safety net like moderation's: words that point at a red flag get those
            # questions asked now, and only the answers given now count.
            pointed = self.intake.words_point_at_red_flags(case, text)
            if pointed:
                prefix = turn.text(case.language, "intake.words_red_flag_queued")
                self.intake.start_recheck(turn, case, prefix=prefix, only=pointed)

    def _words(self, turn: Turn, case: Case, text: str, mark: str) -> None:
        """The patient's words in an open case: an answer, a line to the clinician, or a
        message while waiting."""
        if case.state == "intake" or case.step == "recheck":
            self.intake.answer(turn, case, text)
        elif case.state == "active":
            assert case.clinician is not None
            if case.relay_paused:
                turn.tell_patient(case, "moderation.paused")
                return
            shown = f"{mark} {text}" if mark else text
            turn.send(case.clinician, shown, case_id=case.id, origin=case.patient)
        else:
            texts = turn.texts
            if says_worse(text, texts.words("words.worse"), texts.words("words.negation")):
                # "Jag mår sämre nu" is the worse command in a sentence: the same re-check.
                prefix = turn.text(case.language, "worse.recheck_intro")
                self.intake.start_recheck(turn, case, prefix=prefix)
                return
            pointed = self.intake.words_point_at_red_flags(case, text)
            if pointed:
                prefix = turn.text(case.language, "intake.words_red_flag_queued")
                self.intake.start_recheck(turn, case, prefix=prefix, only=pointed)
                return
            turn.tell_patient(case, "queue.message_saved")

    def _offer_language(self, turn: Turn, case: Case, text: str) -> None:
        """Words clearly in another of our languages: offer a switch, once a case, in both."""
        detector = self.services.detector
        if detector is None or case.step == "language":
            return
        config = self.services.config
        offered = switch_to_offer(
            detector, config.language, text, case.language, config.service.languages
        )
        if offered is None:
            return
        repos = turn.repos
        if any(e.reason == CaseEvent.LANGUAGE_OFFER for e in repos.cases.events(case.id)):
            return
        try:
            transition(
                repos, case, CaseEvent.LANGUAGE_OFFER, actor="bot", at=turn.now, detail=offered
            )
        except RefusedTransition as refused:
            # Closed meanwhile: no offer for a case that is over.
            log.warning("%s", refused)
            return
        name = turn.text(case.language, f"language.name_{offered}")
        current = turn.text(case.language, "language.offer_current", name=name, code=offered)
        turn.tell_patient_text(case, turn.text(offered, "language.offer") + "\n" + current)

    def _attachment(self, turn: Turn, case: Case | None, lang: str) -> None:
        """Photos and files go to the clinician of an active case; before that, a kind no."""
        event = turn.event
        if case is None or case.state != "active" or case.clinician is None:
            turn.say(event.sender, lang, "errors.attachment_not_now")
            return
        note = turn.text(case.language, "record.attachment")
        caption = event.text.strip()
        turn.repos.record.add(case.id, "patient", "patient", f"{note} {caption}".strip(), turn.now)
        turn.send(
            case.clinician,
            caption,
            case_id=case.id,
            origin=case.patient,
            attachment=event.attachment,
        )

    def _feedback(self, turn: Turn, case: Case, text: str) -> bool:
        """A rating (1–5) and then an optional comment after the close; False if it is neither."""
        given = turn.repos.feedback.of_case(case.id)
        answer = " ".join(text.split()).casefold().rstrip(".!")
        if given is None:
            rating = _rating(answer, turn)
            if rating is None:
                return False
            turn.repos.feedback.rate(case.id, rating, turn.now)
            turn.tell_patient(case, "feedback.ask_comment")
            return True
        if given.comment is not None:
            return False
        no_words = {w.casefold() for w in turn.texts.words("words.no")}
        turn.repos.feedback.comment(case.id, "" if answer in no_words else text, turn.now)
        turn.tell_patient(case, "feedback.thanks")
        return True

    @staticmethod
    def _tell_once_a_while(turn: Turn, case: Case, key: str) -> None:
        # "Tack!", "Tack igen!", "Hej då": one answer is kind, the same long one to each
        # line is not. The lines are kept in the record either way.
        text = turn.text(case.language, key)
        lately = turn.now - SAID_LATELY
        for line in reversed(turn.repos.record.of_case(case.id)):
            if line.at < lately:
                break
            if line.author_role == "bot" and line.body == text:
                return
        turn.tell_patient_text(case, text)

    @staticmethod
    def _recently_finished(case: Case, turn: Turn) -> bool:
        return (
            case.finished_at is not None
            and case.state in ("closed", "ended", "redirected", "cancelled")
            and turn.now - case.finished_at < RECENT
        )

    def command(
        self,
        turn: Turn,
        patient: Patient,
        cases: list[Case],
        case: Case | None,
        command: Command,
    ) -> None:
        lang = case.language if case else patient.language
        sender = turn.event.sender
        spec = REGISTRY.find(command.name, "patient")
        if spec is None:
            if is_known(command.name):
                log.info("refused staff command %s from a patient", command.name)
                turn.say(sender, lang, "errors.staff_only", command=command.name)
            else:
                turn.say(sender, lang, "errors.unknown_command", command=command.name)
            return
        value = spec.check(command.args, self.services)
        if isinstance(value, Refusal):
            turn.say(sender, lang, value.key, **value.values)
            return
        spec.handler(self, PatientCall(turn, patient, cases, case, lang, command, value))

    @PATIENT.command("start", sv=("börja", "starta"), fi=("aloita",), bare=ALONE)
    def _start(self, call: PatientCall) -> None:
        turn, case = call.turn, call.case
        if case is not None and case.state == "intake":
            self.intake.ask(turn, case, prefix=turn.text(case.language, "start.in_intake"))
            return
        new = self.intake.start(turn, call.patient)
        self.intake.greet(turn, new)

    @PATIENT.command("status", fi=("tila",), bare=ALONE)
    def _status(self, call: PatientCall) -> None:
        turn = call.turn
        if not call.cases:
            turn.say(turn.event.sender, call.patient.language, "status.none")
            return
        for case in call.cases:
            if case.state == "intake":
                self.intake.ask(turn, case, prefix=turn.text(case.language, "status.intake"))
            elif case.state == "queued":
                tell_position(turn, self.services, case, key="status.queued")
            else:
                name, title = self._clinician_name(turn, case)
                if not name:
                    # Never " i vårdpersonalen har ditt ärende": a name we do not have.
                    turn.tell_patient(case, "status.active_unnamed")
                elif title:
                    turn.tell_patient(case, "status.active", name=name, title=title)
                else:
                    turn.tell_patient(case, "status.active_untitled", name=name)

    @PATIENT.command("worse", sv=("sämre",), fi=("huonompi",), bare=ALONE)
    def _worse(self, call: PatientCall) -> None:
        turn, case, lang = call.turn, call.case, call.lang
        if case is None or case.state == "intake":
            turn.say(turn.event.sender, lang, "worse.advice")
            if case is not None:
                self.intake.ask(turn, case)
            return
        if case.state == "active":
            turn.tell_patient(case, "worse.active")
            assert case.clinician is not None
            staff_lang = self.services.config.service.default_language
            turn.say(case.clinician, staff_lang, "staff.worse_active", case_id=case.id)
            return
        if case.step == "recheck":
            self.intake.ask(turn, case, prefix=turn.text(lang, "worse.recheck_intro"))
            return
        self.intake.start_recheck(turn, case, prefix=turn.text(lang, "worse.recheck_intro"))

    @PATIENT.command("cancel", sv=("avbryt",), fi=("peruuta",), bare=ALONE)
    def _cancel(self, call: PatientCall) -> None:
        turn, case = call.turn, call.case
        if case is None:
            turn.say(turn.event.sender, call.patient.language, "cancel.nothing")
            return
        if case.state == "active":
            turn.tell_patient(case, "cancel.active")
            return
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.CANCEL,
                actor="patient",
                at=turn.now,
                step="",
                finished_at=turn.now,
            )
        except RefusedTransition as refused:
            # Taken by a clinician at the same moment: told as if they had asked while active.
            log.warning("%s", refused)
            turn.tell_patient(case, "cancel.active")
            return
        turn.tell_patient(case, "cancel.done")
        log.info("case %d: cancelled by the patient", case.id)
        if case.state == "queued":
            announce_moves(turn, self.services, case.unit)
        room = self.services.staff_room(case.patient.platform)
        if room is not None and case.state == "queued":
            turn.say(
                room,
                self.services.config.service.default_language,
                "staff.cancelled",
                case_id=case.id,
            )

    @PATIENT.command(
        "language",
        sv=("språk",),
        fi=("kieli",),
        arg=Arg("sv|en|fi", LANGUAGE),
        usage="language.usage",
        bare=WITH_ARGUMENT,
    )
    def _language(self, call: PatientCall) -> None:
        turn, cases = call.turn, call.cases
        lang = str(call.value)
        turn.repos.patients.set_language(call.patient.id, lang)
        for case in cases:
            turn.repos.cases.update(case.id, language=lang)
        turn.say(turn.event.sender, lang, "language.changed")
        intake = next((c for c in cases if c.state == "intake"), None)
        if intake is not None:
            if intake.step == "language":
                intake = replace(intake, step="subject")
                turn.repos.cases.update(intake.id, step="subject")
            self.intake.ask(turn, replace(intake, language=lang))

    @PATIENT.command("back", sv=("tillbaka", "ångra"), fi=("takaisin",), bare=ALONE)
    def _back(self, call: PatientCall) -> None:
        turn, case = call.turn, call.case
        if case is not None and case.step in ("confirm", "amend"):
            # From the summary, `back` changes the last answer, as it does during the questions.
            turn.repos.cases.update(case.id, step="questions")
            case = replace(case, step="questions")
        if case is not None and case.step in ("topic", "topic_list"):
            # Not the questionnaire the patient wants: let them describe it again.
            turn.repos.cases.update(case.id, step="complaint", complaint=None)
            case = replace(case, step="complaint", complaint=None)
            self.intake.ask(turn, case, prefix=turn.text(case.language, "back.again"))
            return
        if case is None or case.step not in ("questions", "recheck"):
            lang = case.language if case else call.patient.language
            turn.say(turn.event.sender, lang, "back.nothing")
            if case is not None and case.state == "intake":
                self.intake.ask(turn, case)
            return
        link_id = turn.repos.answers.remove_last(case.id, case.recheck)
        key = "back.first" if link_id is None else "back.again"
        if link_id is not None:
            try:
                transition(
                    turn.repos,
                    case,
                    CaseEvent.BACK,
                    actor="patient",
                    at=turn.now,
                    detail=f"answer to {link_id} taken back",
                )
            except RefusedTransition as refused:
                # Moved on meanwhile (taken, cancelled): no question to ask again.
                log.warning("%s", refused)
                return
        self.intake.ask(turn, case, prefix=turn.text(case.language, key))

    @PATIENT.command(
        "mobile",
        sv=("mobil", "mobilnummer"),
        fi=("puhelin",),
        arg=Arg("NUMBER", TEXT, required=False),
        bare=WITH_ARGUMENT,
    )
    def _mobile(self, call: PatientCall) -> None:
        turn, patient, lang = call.turn, call.patient, call.lang
        sender = turn.event.sender
        args = str(call.value or "")
        if not args:
            key = "mobile.usage" if patient.mobile is None else "mobile.current"
            turn.say(sender, lang, key, number=shown(patient.mobile) if patient.mobile else "")
            return
        if args.casefold() in {w.casefold() for w in turn.texts.words("words.remove")}:
            turn.repos.patients.set_mobile(patient.id, None)
            turn.say(sender, lang, "mobile.removed")
            return
        number = parse_mobile(args)
        if number is None:
            turn.say(sender, lang, "mobile.invalid")
            return
        turn.repos.patients.set_mobile(patient.id, number)
        turn.say(sender, lang, "mobile.saved", number=shown(number))

    @PATIENT.command("privacy", sv=("integritet",), fi=("tietosuoja",), bare=ALONE)
    def _privacy(self, call: PatientCall) -> None:
        turn, lang = call.turn, call.lang
        jobs = self.services.config.jobs
        notice = turn.text(
            lang, "privacy.notice", years=jobs.retention_years, hours=jobs.purge_intake_hours
        )
        turn.send(turn.event.sender, notice + self.identity.privacy_note(turn, lang))

    @PATIENT.command("mydata", sv=("minadata",), fi=("omattiedot",), bare=ALONE)
    def _mydata(self, call: PatientCall) -> None:
        turn = call.turn
        intro = turn.text(call.lang, "privacy.export_intro")
        turn.send(
            turn.event.sender, intro + "\n" + dumps(export(turn, self.services, call.patient))
        )

    @PATIENT.command("access", sv=("åtkomst", "loggar"), fi=("käyttöloki",), bare=ALONE)
    def _access(self, call: PatientCall) -> None:
        turn = call.turn
        turn.send(turn.event.sender, accesses(turn, self.services, call.patient, call.lang))

    @PATIENT.command(
        "email",
        sv=("epost", "e-post", "mejl"),
        fi=("sähköposti",),
        arg=Arg("ADDRESS", TEXT, required=False),
        bare=WITH_ARGUMENT,
        needs="identity",
    )
    def _email(self, call: PatientCall) -> None:
        self.identity.command(call.turn, call.patient, call.case, call.command)

    # Never a bare word: "missbruk" is also what some patients seek care for.
    @PATIENT.command("misused", sv=("missbruk",), fi=("väärinkäyttö",), needs="identity")
    def _misused(self, call: PatientCall) -> None:
        self.identity.command(call.turn, call.patient, call.case, call.command)

    @PATIENT.command("help", sv=("hjälp",), fi=("apua", "ohje"), bare=ALONE)
    def _help(self, call: PatientCall) -> None:
        turn = call.turn
        turn.send(turn.event.sender, help_text(self.services, "patient", call.lang))

    def _clinician_name(self, turn: Turn, case: Case) -> tuple[str, str]:
        if case.clinician is None:
            return "", ""
        member = turn.repos.staff.get(case.clinician)
        return (member.name, member.title) if member else ("", "")


def _rating(answer: str, turn: Turn) -> int | None:
    if answer in {"1", "2", "3", "4", "5"}:
        return int(answer)
    for lang in turn.texts.languages:
        for number, label in enumerate(turn.texts.words("feedback.scale", lang), 1):
            if answer == label.casefold():
                return number
    return None
