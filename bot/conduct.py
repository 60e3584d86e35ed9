"""What the core does with a moderation verdict on a patient's message (DESIGN 8).

The verdict comes from `bot.moderation` (pure); here it becomes actions: a warning in the
patient's language, a strike, a notice or an alert for staff, a held-back threat, and crisis
numbers for someone who may be in danger. The bot never ends a chat on its own: after repeated
strikes it tells the clinician, who may `end` it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.context import Services
from bot.crisis import CRISIS_PRIORITY, crisis_text
from bot.events import Withdraw
from bot.late import late_marker
from bot.lifecycle import CaseEvent, RefusedTransition, transition
from bot.moderation import Hit
from bot.turn import Turn
from bot.waiting import announce_moves
from flows.phrases import crisis_words, may_be_crisis
from storage.records import Case, Patient

log = logging.getLogger(__name__)

STRIKE_WINDOW = timedelta(hours=24)
STRIKES_TO_TELL = 3
WARNING_KEYS = {
    "insult": "moderation.warn_insult",
    "discrimination": "moderation.warn_discrimination",
    "sexual_harassment": "moderation.warn_sexual_harassment",
}


@dataclass(frozen=True)
class Review:
    """What the rest of the handling should do with the message."""

    hold: bool = False  # do not relay or act on it (a threat)
    mark: str = ""  # shown to the clinician before a relayed, warned message


PASS = Review()


class Conduct:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def staff_lang(self) -> str:
        return self.services.config.service.default_language

    def review(self, turn: Turn, patient: Patient, case: Case | None, text: str) -> Review:
        lang = case.language if case else patient.language
        # Crisis help does not wait for moderation, a language or an answer (DESIGN 8a): the
        # danger vocabulary is read in every language, whatever the chat's.
        crisis = crisis_words(text) if may_be_crisis(text) else None
        if crisis is not None:
            self._crisis(turn, patient, case, crisis.language, crisis.rule_id)
        moderator = self.services.moderator
        if moderator is None:
            return PASS
        verdict = moderator.check(text, lang)
        if not verdict.hits:
            return PASS
        strike = verdict.action in ("warn_strike", "notify_staff", "alert_staff")
        for hit in verdict.hits:
            turn.repos.verdicts.add(
                patient_id=patient.id,
                case_id=case.id if case else None,
                at=turn.now,
                action=verdict.action,
                category=hit.category,
                rule_id=hit.rule_id,
                lexicon_version=hit.lexicon_version,
                matched_form=hit.matched_form,
                strike=strike and hit is verdict.hits[0],
            )
        rule = verdict.hits[0].rule_id
        log.info("moderation: %s by rule %s", verdict.action, rule)
        if verdict.action == "clinical_alert":
            if crisis is None:  # said once: the words above already brought the crisis help
                self._crisis(turn, patient, case, lang, rule)
            if verdict.alerts_staff and case is not None:
                # A threat with crisis words: the care goes first and the message still reaches
                # the clinician (nothing held, nothing paused), but staff learn of the threat.
                threat = next(hit for hit in verdict.hits if hit.category == "threat")
                self._staff_room(
                    turn,
                    case,
                    "moderation.staff_threat_in_crisis",
                    case_id=case.id,
                    rule=threat.rule_id,
                    evidence=text,
                )
            return PASS
        if verdict.action == "alert_staff":
            self._threat(turn, case, lang, rule, text)
            return Review(hold=True)
        if verdict.action == "review":
            return self._second_opinion(turn, case, verdict.category, verdict.hits[0], text)
        if verdict.action in ("warn", "warn_strike", "notify_staff"):
            key = WARNING_KEYS.get(verdict.category, "moderation.warn_insult")
            self._tell(turn, case, lang, key)
            if verdict.action == "notify_staff" and case is not None:
                self._staff_room(
                    turn,
                    case,
                    "moderation.staff_notify",
                    case_id=case.id,
                    category=self._category(verdict.category),
                    rule=rule,
                )
            if strike:
                self._count_strikes(turn, patient, case)
            mark = turn.text(
                self.staff_lang,
                "moderation.staff_warned",
                category=self._category(verdict.category),
            )
            return Review(mark=mark)
        return PASS

    def _second_opinion(
        self, turn: Turn, case: Case | None, category: str, hit: Hit, text: str
    ) -> Review:
        """Only the statistical second opinion read abuse or danger here: staff read the message
        and judge. The patient is not warned, nothing is held, and crisis help stays with the
        danger vocabulary (DESIGN 8a)."""
        key = (
            "moderation.staff_review_self_harm"
            if category == "self_harm"
            else "moderation.staff_review"
        )
        words = hit.matched_form.replace(" ", ", ") or "-"
        values = {"category": self._category(category), "words": words, "evidence": text}
        if case is not None:
            self._staff_room(turn, case, key, case_id=case.id, **values)
        elif category in ("self_harm", "threat"):
            # No case yet (the first message): every staff room, as for crisis words.
            self._every_staff_room(turn, key, case_id="-", **values)
        mark = turn.text(
            self.staff_lang, "moderation.staff_review_mark", category=values["category"]
        )
        return Review(mark=mark)

    def _category(self, category: str) -> str:
        return self.services.texts.get(self.staff_lang, f"moderation.category.{category}")

    def _tell(self, turn: Turn, case: Case | None, lang: str, key: str) -> None:
        if case is not None:
            turn.tell_patient(case, key)
        else:
            turn.say(turn.event.sender, lang, key)

    def _staff_room(self, turn: Turn, case: Case, key: str, **values: Any) -> None:
        room = self.services.staff_room(case.patient.platform)
        targets = [room] if room is not None else []
        if case.state == "active" and case.clinician is not None:
            targets.append(case.clinician)
        text = self._for_staff(turn, key, **values)
        for target in dict.fromkeys(targets):
            turn.send(target, text)

    def _every_staff_room(self, turn: Turn, key: str, **values: Any) -> None:
        text = self._for_staff(turn, key, **values)
        for room in self.services.staff_rooms.values():
            turn.send(room, text)

    def _for_staff(self, turn: Turn, key: str, **values: Any) -> str:
        text = turn.text(self.staff_lang, key, **values)
        if turn.event.late:
            # Staff judge an alert by when the words were written, not when they were read.
            text += "\n" + late_marker(turn, self.services)
        return text

    def _crisis(
        self, turn: Turn, patient: Patient, case: Case | None, written: str, rule: str
    ) -> None:
        """Crisis numbers in the language the words were written in (in every language while
        none is chosen), an urgent alert naming the case, and the case marked for P1."""
        available = self.services.config.service.languages
        chosen = case.step != "language" if case is not None else patient.language_set
        if written not in available:
            written = case.language if case is not None else patient.language
        languages = [written] if chosen else [written, *available]
        text = crisis_text(turn, languages)
        if case is None:
            turn.send(turn.event.sender, text)
        else:
            turn.tell_patient_text(case, text)
            raise_to_p1 = case.state == "queued" and (case.priority or 5) > CRISIS_PRIORITY
            raised: dict[str, Any] = {"priority": CRISIS_PRIORITY} if raise_to_p1 else {}
            try:
                transition(
                    turn.repos,
                    case,
                    CaseEvent.CRISIS,
                    actor="bot",
                    at=turn.now,
                    detail=f"rule={rule}; language={written}",
                    **raised,
                )
            except RefusedTransition as refused:
                # Closed meanwhile: the patient has the crisis numbers and staff the alert below.
                log.warning("%s", refused)
                raise_to_p1 = False
            if raise_to_p1:
                log.info("case %d: crisis words; priority P%s -> P1", case.id, case.priority)
                announce_moves(turn, self.services, case.unit)
        if case is not None:
            self._staff_room(turn, case, "moderation.staff_self_harm", case_id=case.id, rule=rule)
        else:
            self._every_staff_room(turn, "moderation.staff_self_harm", case_id="-", rule=rule)

    def _threat(self, turn: Turn, case: Case | None, lang: str, rule: str, text: str) -> None:
        if case is not None and case.state == "active":
            # Where the clinician shares the patient's room (Matrix) they read the message
            # without any relay: take it back first, before anything else goes out. Platforms
            # where the bot relays every line skip this.
            reason = turn.text(self.staff_lang, "moderation.withdrawn_reason")
            event = turn.event
            turn.actions.append(
                Withdraw(event.chat, event.event_id, case.id, reason, event.replaces)
            )
        self._tell(turn, case, lang, "moderation.threat_held")
        if case is None:
            return
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.THREAT,
                actor="bot",
                at=turn.now,
                detail=f"rule={rule}; possible police report: for a human to assess",
                relay_paused=True,
            )
        except RefusedTransition as refused:
            # Closed meanwhile: nothing to pause, but staff still get the evidence below.
            log.warning("%s", refused)
        # The evidence goes to staff with the alert (the message itself is held from the
        # clinician's conversation and kept in the record).
        self._staff_room(
            turn, case, "moderation.staff_threat", case_id=case.id, rule=rule, evidence=text
        )

    def not_withdrawn(self, turn: Turn, case: Case) -> None:
        """The platform could not take a held-back message back (the bot lacks the power in
        that room): staff must know the clinician may still see it."""
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.NOT_WITHDRAWN,
                actor="bot",
                at=turn.now,
                detail="the held-back message stayed visible in the shared room",
            )
        except RefusedTransition as refused:
            # Closed meanwhile: staff are told all the same, the clinician may still see it.
            log.warning("%s", refused)
        self._staff_room(turn, case, "moderation.staff_not_withdrawn", case_id=case.id)

    def _count_strikes(self, turn: Turn, patient: Patient, case: Case | None) -> None:
        count = turn.repos.verdicts.strikes_since(patient.id, turn.now - STRIKE_WINDOW)
        if count >= STRIKES_TO_TELL and case is not None:
            self._staff_room(
                turn,
                case,
                "moderation.staff_strikes",
                case_id=case.id,
                count=count,
                hours=int(STRIKE_WINDOW.total_seconds() // 3600),
            )
