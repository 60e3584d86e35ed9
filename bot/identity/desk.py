"""The identity step before care (DESIGN 11): who the patient is, and whether they may seek care.

- A chat account acts for a verified person only after an e-ID login: the patient gets a
  one-time link (made here, stored hashed; the e-ID web endpoint of adapters/eid accepts it),
  and the endpoint's callback lands in `bind` through `CareService.verified`.
- The demo provider takes a typed personnummer instead, and says so in every conversation.
- Under 13 (on the Stockholm date) a person cannot seek care for themselves here.
- The first login asks for contact details (mobile for SMS, e-mail), both optional.
- A patient who suspects that someone else used their e-ID ends every chat binding of theirs.

Sans-I/O like the rest of the core: decisions over the repositories of one transaction.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial

from bot.commands import Command, parse_command
from bot.conduct import Conduct
from bot.context import Services
from bot.events import SendSms
from bot.identity.links import hash_secret, login_url
from bot.identity.personnummer import PersonalNumber, parse_personnummer, stockholm_date
from bot.identity.record import MISUSE
from bot.intake import Intake
from bot.intake_steps import language_question, parse_language
from bot.lifecycle import RefusedTransition, transition
from bot.patient import RECENT, current_case
from bot.phone import parse_mobile, shown
from bot.turn import Turn
from bot.waiting import tell_position
from storage.records import Address, Binding, Case, Patient

log = logging.getLogger(__name__)

# Unused login links one chat account may hold at once (each valid `link_minutes`).
MAX_LIVE_LINKS = 3

DEMO = "demo"
# What an account that is not (or no longer) identified may still do.
OPEN_COMMANDS = frozenset({"help", "privacy", "language", "misused"})
CONTACT_STEPS = ("language", "mobile", "email")
MAX_EMAIL = 254
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")


def parse_email(text: str) -> str | None:
    """A plausible e-mail address (the mail server is the real test), or None."""
    candidate = text.strip().strip("<>")
    if len(candidate) > MAX_EMAIL or not _EMAIL.match(candidate):
        return None
    local, _, domain = candidate.rpartition("@")
    return f"{local}@{domain.casefold()}"


class IdentityDesk:
    def __init__(self, services: Services, intake: Intake) -> None:
        self.services = services
        self.intake = intake
        self.conduct = Conduct(services)

    @property
    def provider(self) -> str:
        return self.services.config.identity.provider

    @property
    def enabled(self) -> bool:
        return self.services.config.identity.enabled

    # -- the gate in front of PatientDesk --------------------------------------------------------

    def admit(self, turn: Turn, patient: Patient) -> bool:
        """Whether PatientDesk may handle this message for `patient`; when not, this desk has
        answered it (a login link, the demo prompt, a contact question, a kind no)."""
        if not self.enabled:
            return True
        answer = self._answer_here(turn, patient)
        if answer is None:
            return True
        # Before any login, words about self-harm get the crisis numbers and a threat is held,
        # by the same moderation as everywhere else.
        text = turn.event.text.strip()
        if text and self.conduct.review(turn, patient, None, text).hold:
            return False
        answer()
        return False

    def vouches(self, turn: Turn, patient: Patient) -> bool:
        """Whether this account acts for its verified person now, answering nothing: for a
        late message (`Incoming.late`), which must not bring a login link or a prompt."""
        if not self.enabled:
            return True
        binding = turn.repos.bindings.live(turn.event.sender)
        return binding is not None and not self._too_young(turn, binding)

    def _answer_here(self, turn: Turn, patient: Patient) -> Callable[[], object] | None:
        """What this desk answers instead of care, or None when care may go on."""
        repos = turn.repos
        account = turn.event.sender
        command = parse_command(turn.event.text.strip())
        open_command = command is not None and command.name in OPEN_COMMANDS
        binding = repos.bindings.live(account)
        cases = repos.cases.open_for_patient(patient.id)
        if binding is None:
            # A bare word in an open case may be an answer, which nobody unidentified may give.
            if open_command and command is not None and (command.explicit or not cases):
                return None
            return partial(self._ask_to_log_in, turn, patient, "identity.login")
        if self._too_young(turn, binding):
            if open_command:
                return None
            return partial(
                turn.say, account, patient.language, "identity.too_young", min_age=self._min_age()
            )
        if not cases and self._spent(turn, binding, patient, command):
            if open_command:
                return None
            return partial(self._ask_to_log_in, turn, patient, "identity.login_again")
        if patient.contact_step in CONTACT_STEPS:
            if command is None:
                return partial(self._contact_answer, turn, patient, turn.event.text)
            if not open_command and command.name not in ("mobile", "email"):
                # The patient has moved on to something else: registration is over.
                repos.patients.set_contact_step(patient.id, "done")
            return None
        if self.provider == DEMO and not cases:
            self._announce_demo(turn, patient)
        return None

    def _too_young(self, turn: Turn, binding: Binding) -> bool:
        number = parse_personnummer(binding.personnummer, stockholm_date(turn.now))
        return number is not None and number.age_on(stockholm_date(turn.now)) < self._min_age()

    def _min_age(self) -> int:
        return self.services.config.service.min_age

    def _spent(
        self, turn: Turn, binding: Binding, patient: Patient, command: Command | None
    ) -> bool:
        """With re-identification per case, a login is good for the one case begun after it."""
        if not self.services.config.identity.reidentify_per_case:
            return False
        if turn.repos.bindings.cases_since(binding.account, binding.verified_at) == 0:
            return False
        latest = turn.repos.cases.latest_for_patient(patient.id)
        recently = (
            latest is not None
            and latest.finished_at is not None
            and turn.now - latest.finished_at < RECENT
        )
        # Words soon after a case ends (a rating, a thank-you) still belong to that case.
        return not recently or (command is not None and command.name == "start")

    def _ask_to_log_in(self, turn: Turn, patient: Patient, key: str) -> None:
        account = turn.event.sender
        settings = self.services.config.identity
        langs = [patient.language] if patient.language_set else list(self._languages())
        if self.provider == DEMO:
            self._demo_login(turn, patient, langs)
            return
        window = timedelta(minutes=settings.link_minutes)
        if turn.repos.login_links.links_since(account.key(), turn.now - window) >= MAX_LIVE_LINKS:
            # Each message would otherwise mint a new link: point at the ones already sent.
            texts = [turn.text(lang, "identity.link_limit") for lang in langs]
            turn.send(account, "\n\n".join(dict.fromkeys(texts)))
            log.info("identity: login link limit reached")
            return
        token = self.services.tokens()
        expires = turn.now + window
        turn.repos.login_links.add_link(hash_secret(token), account.key(), turn.now, expires)
        texts = [turn.text(lang, key, minutes=settings.link_minutes) for lang in langs]
        url = login_url(settings.public_url, self.provider, token)
        turn.send(account, "\n\n".join(dict.fromkeys(texts)) + "\n" + url)
        log.info("identity: login link sent")

    def _languages(self) -> tuple[str, ...]:
        return self.services.config.service.languages

    # -- demo ------------------------------------------------------------------------------------

    def _demo_login(self, turn: Turn, patient: Patient, langs: list[str]) -> None:
        """A typed personnummer is an identity here and nowhere else, and the bot says so."""
        text = turn.event.text.strip()
        number = parse_personnummer(text, stockholm_date(turn.now))
        if number is not None:
            self.bind(turn, number, "", DEMO)
            return
        looks_like_one = sum(ch.isdigit() for ch in text) >= 10
        follow = "identity.demo_invalid" if looks_like_one else "identity.demo_prompt"
        texts = [
            turn.text(lang, "identity.demo_warning") + "\n" + turn.text(lang, follow)
            for lang in langs
        ]
        turn.send(turn.event.sender, "\n\n".join(dict.fromkeys(texts)))

    def _announce_demo(self, turn: Turn, patient: Patient) -> None:
        """Once for each new conversation (a case), before it begins."""
        if self._mark_demo(turn, patient):
            turn.say(turn.event.sender, patient.language, "identity.demo_warning")

    def _mark_demo(self, turn: Turn, patient: Patient) -> bool:
        latest = turn.repos.cases.latest_for_patient(patient.id)
        mark = str(latest.id if latest is not None else 0)
        return turn.repos.job_marks.put("demo_notice", turn.event.sender.key(), mark, turn.now)

    # -- binding ---------------------------------------------------------------------------------

    def bind(self, turn: Turn, number: PersonalNumber, name: str, provider: str) -> None:
        """The chat account of `turn` now acts for the person with `number` (verified by
        `provider`): confirm in chat, then contact details on the first login, then care."""
        repos = turn.repos
        account = turn.event.sender
        now = turn.now
        current = repos.patients.by_account(account)
        person = repos.patients.by_personnummer(number.digits)
        known_person = person is not None
        if person is None:
            if current is not None and current.personnummer is None:
                # The account's own record so far becomes the person's.
                repos.patients.set_personnummer(current.id, number.digits)
                person = replace(current, personnummer=number.digits)
            else:
                language = (
                    current.language if current else self.services.config.service.default_language
                )
                person = repos.patients.create_for_person(number.digits, language, now)
                if current is not None and current.language_set:
                    repos.patients.set_language(person.id, language)
                    person = replace(person, language_set=True)
        if current is None or current.id != person.id:
            repos.patients.attach_account(account, person.id, now)
        previous = repos.bindings.live(account)
        if previous is not None:
            reason = "renewed" if previous.personnummer == number.digits else "replaced"
            self._end(turn, previous, reason)
        new_account = not repos.bindings.known_account(account, number.digits)
        binding = repos.bindings.add(account, person.id, number.digits, name, provider, now)
        repos.audit.log(account, "identity_bound", None, now, f"binding {binding.id} ({provider})")
        log.info("identity: binding %d made (%s)", binding.id, provider)
        if known_person and new_account:
            self._tell_other_chats(turn, person, binding)

        lang = person.language
        parts = []
        if provider == DEMO:
            parts.append(turn.text(lang, "identity.demo_warning"))
            self._mark_demo(turn, person)
        if name:
            parts.append(turn.text(lang, "identity.bound", name=name, personnummer=number.masked))
        else:
            parts.append(turn.text(lang, "identity.bound_unnamed", personnummer=number.masked))
        if number.age_on(stockholm_date(now)) < self._min_age():
            parts.append(turn.text(lang, "identity.too_young", min_age=self._min_age()))
            turn.send(account, "\n\n".join(parts))
            return
        if person.contact_step == "" and not person.language_set:
            # The first login of someone new: their language first, so that everything after
            # (the contact questions, care) is in it.
            repos.patients.set_contact_step(person.id, "language")
            question, labels = language_question(turn, self._languages())
            turn.send(account, "\n\n".join([*parts, question]), choices=labels)
            return
        if person.contact_step == "":
            step = "email" if person.mobile else "mobile"
            repos.patients.set_contact_step(person.id, step)
            parts.append(turn.text(lang, f"identity.contact_{step}"))
            turn.send(account, "\n\n".join(parts), choices=[turn.text(lang, "identity.skip")])
            return
        turn.send(account, "\n\n".join(parts))
        self.resume(turn, person)

    def login_not_completed(self, turn: Turn) -> str:
        """A login begun from this chat's link was finished in another browser (a forwarded
        login URL, or a patient who switched browsers) and bound no one: say so in the chat, so
        that the patient is not left waiting and a forwarder learns it failed. Returns the
        language the patient reads, for the page shown in that browser."""
        account = turn.event.sender
        patient = turn.repos.patients.by_account(account)
        if patient is not None and patient.language_set:
            langs = [patient.language]
        else:
            langs = list(self._languages())
        texts = [turn.text(lang, "identity.login_other_browser") for lang in langs]
        turn.send(account, "\n\n".join(dict.fromkeys(texts)))
        turn.repos.audit.log(account, "identity_refused", None, turn.now, "other browser")
        log.info("identity: a login finished in another browser bound no one")
        return langs[0]

    def _end(self, turn: Turn, binding: Binding, reason: str) -> bool:
        if not turn.repos.bindings.end(binding.id, reason, turn.now):
            return False
        turn.repos.audit.log(
            binding.account, "identity_ended", None, turn.now, f"binding {binding.id} ({reason})"
        )
        log.info("identity: binding %d ended (%s)", binding.id, reason)
        return True

    def _tell_other_chats(self, turn: Turn, person: Patient, binding: Binding) -> None:
        """A login from a chat new to this person is told to the person's other chats (and by
        text message), so that someone else's use of their e-ID does not go unnoticed."""
        service = self.services.config.service.name
        for other in turn.repos.bindings.live_of_person(binding.personnummer):
            if other.id != binding.id:
                turn.say(other.account, person.language, "identity.other_login", service=service)
        if binding.provider != DEMO and person.mobile:
            sms_id = turn.repos.sms.add(None, person.id, "new_login", turn.now)
            text = turn.text(person.language, "identity.sms_new_login", service=service)
            turn.actions.append(SendSms(sms_id, person.mobile, text))

    def resume(self, turn: Turn, patient: Patient) -> None:
        """After the login (and the contact questions): on with care where the patient is."""
        case = current_case(turn.repos.cases.open_for_patient(patient.id))
        if case is None:
            new = self.intake.start(turn, patient)
            self.intake.greet(turn, new)
        elif case.patient != turn.event.sender:
            turn.say(turn.event.sender, patient.language, "identity.case_elsewhere")
        elif case.state == "intake":
            self.intake.ask(turn, case, prefix=turn.text(case.language, "status.intake"))
        elif case.state == "queued":
            tell_position(turn, self.services, case, key="status.queued")

    # -- contact details -------------------------------------------------------------------------

    def _contact_answer(self, turn: Turn, patient: Patient, text: str) -> None:
        repos = turn.repos
        account = turn.event.sender
        lang = patient.language
        answer = " ".join(text.split())
        if patient.contact_step == "language":
            chosen = parse_language(answer, self._languages())
            if chosen is None:
                question, labels = language_question(turn, self._languages())
                prefix = turn.text(lang, "intake.not_understood")
                turn.send(account, prefix + "\n\n" + question, choices=labels)
                return
            repos.patients.set_language(patient.id, chosen)
            step = "email" if patient.mobile else "mobile"
            repos.patients.set_contact_step(patient.id, step)
            turn.send(
                account,
                turn.text(chosen, f"identity.contact_{step}"),
                choices=[turn.text(chosen, "identity.skip")],
            )
            return
        skip = self._is_skip(turn, lang, answer)
        choices = [turn.text(lang, "identity.skip")]
        if patient.contact_step == "mobile":
            prefix = ""
            if not skip:
                number = parse_mobile(answer)
                if number is None:
                    turn.say(account, lang, "identity.contact_mobile_bad", choices=choices)
                    return
                repos.patients.set_mobile(patient.id, number)
                prefix = turn.text(lang, "mobile.saved", number=shown(number)) + "\n\n"
            repos.patients.set_contact_step(patient.id, "email")
            turn.send(account, prefix + turn.text(lang, "identity.contact_email"), choices=choices)
            return
        if not skip:
            email = parse_email(answer)
            if email is None:
                turn.say(account, lang, "identity.contact_email_bad", choices=choices)
                return
            repos.patients.set_email(patient.id, email)
        repos.patients.set_contact_step(patient.id, "done")
        turn.say(account, lang, "identity.contact_done")
        self.resume(turn, replace(patient, contact_step="done"))

    @staticmethod
    def _is_skip(turn: Turn, lang: str, answer: str) -> bool:
        # "Nej" to "would you like ...?" is as clear as the skip button.
        words = {
            w.casefold() for w in turn.texts.words("words.skip") + turn.texts.words("words.no")
        }
        words |= {"1", turn.text(lang, "identity.skip").casefold()}
        return answer.casefold().rstrip(".!") in words

    # -- commands --------------------------------------------------------------------------------

    def command(self, turn: Turn, patient: Patient, case: Case | None, command: Command) -> None:
        lang = case.language if case else patient.language
        if command.name == "email":
            self._email(turn, patient, lang, command.args)
        elif command.name == "misused":
            self._misused(turn, patient, lang)

    def _email(self, turn: Turn, patient: Patient, lang: str, args: str) -> None:
        sender = turn.event.sender
        if not args.strip():
            key = "identity.email_usage" if patient.email is None else "identity.email_current"
            turn.say(sender, lang, key, email=patient.email or "")
            return
        if args.strip().casefold() in {w.casefold() for w in turn.texts.words("words.remove")}:
            turn.repos.patients.set_email(patient.id, None)
            turn.say(sender, lang, "identity.email_removed")
            return
        email = parse_email(args)
        if email is None:
            turn.say(sender, lang, "identity.email_invalid")
            return
        turn.repos.patients.set_email(patient.id, email)
        turn.say(sender, lang, "identity.email_saved", email=email)

    def _misused(self, turn: Turn, patient: Patient, lang: str) -> None:
        """Someone else may have used the patient's e-ID: every chat of that person is logged
        out, staff and admins are told (case numbers only), and the patient what to do next."""
        repos = turn.repos
        account = turn.event.sender
        binding = repos.bindings.live(account) if self.enabled else None
        if binding is None:
            turn.say(account, lang, "identity.misuse_unknown")
            return
        ended = [
            b
            for b in repos.bindings.live_of_person(binding.personnummer)
            if self._end(turn, b, "misuse")
        ]
        repos.audit.log(account, "identity_misuse", None, turn.now, f"{len(ended)} bindings ended")
        log.info("identity: misuse reported, %d bindings ended", len(ended))
        staff_lang = self.services.config.service.default_language
        open_cases = repos.cases.open_for_patient(binding.patient_id)
        for case in open_cases:
            # In the case's history, so the clinician who takes it later is warned too.
            try:
                transition(repos, case, MISUSE, actor="patient", at=turn.now)
            except RefusedTransition as refused:
                # Closed meanwhile: staff still get its number in the alert below.
                log.warning("%s", refused)
        cases = ", ".join(f"#{c.id}" for c in open_cases) or turn.text(
            staff_lang, "identity.no_cases"
        )
        alert = turn.text(staff_lang, "identity.staff_misuse", count=len(ended), cases=cases)
        for to in self._alert_recipients(turn):
            turn.send(to, alert)
        turn.say(account, lang, "identity.misuse_done")

    def _alert_recipients(self, turn: Turn) -> list[Address]:
        rooms = list(dict.fromkeys(self.services.staff_rooms.values()))
        admins = [m.address for m in turn.repos.staff.all() if m.role == "admin"]
        return rooms + [a for a in admins if a not in rooms]

    # -- the text added to privacy ---------------------------------------------------------------

    def privacy_note(self, turn: Turn, lang: str) -> str:
        return "\n\n" + turn.text(lang, "identity.privacy") if self.enabled else ""
