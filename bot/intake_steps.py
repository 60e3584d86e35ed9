"""The steps of an intake before its questionnaire: language, who the care is for (self, or a
child with the guardian's statement), age, and what the patient seeks care for, with the
questionnaire that fits it. The walk itself is `bot/questionnaire_walk.py`."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from bot.age import AgeWords, months_since, parse_age_months, parse_own_age
from bot.identity import parse_personnummer, stockholm_date
from bot.lifecycle import CaseEvent, IntakeStep, RefusedTransition, transition
from bot.questionnaire_walk import QuestionnaireWalk, choice_number, clean
from bot.texts import shorten
from bot.turn import Turn
from flows.catalog import Choice, pick, pick_list, suggest
from flows.catalog import words as catalog_words
from flows.matching import match_key
from flows.model import Questionnaire, in_language
from flows.phrases import red_flag_hits, red_flags_to_ask
from storage.records import Case, Subject

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English", "fi": "Suomi"}
LANGUAGE_WORDS = {
    "sv": {"sv", "svenska", "swedish", "ruotsi", "1"},
    "en": {"en", "english", "engelska", "englanti", "2"},
    "fi": {"fi", "suomi", "finska", "finnish", "3"},
}
MAX_CHILD_NAME = 60
MAX_COMPLAINT = 1000

MAX_SUGGESTIONS = 3


def says_something(turn: Turn, text: str) -> bool:
    """Whether a message says more than a greeting or "I would like to see a nurse"."""
    filler = {w for phrase in turn.texts.words("words.greeting") for w in catalog_words(phrase)}
    filler |= {w for lang in LANGUAGE_WORDS.values() for w in lang}
    for key in ("words.self", "words.child"):
        filler |= {w for phrase in turn.texts.words(key) for w in catalog_words(phrase)}
    return any(len(w) >= 3 and not w.isdecimal() and w not in filler for w in catalog_words(text))


def parse_language(text: str, available: tuple[str, ...]) -> str | None:
    answer = clean(text).casefold()
    choices = [lang for lang in ("sv", "en", "fi") if lang in available]
    if answer.isdecimal():
        number = int(answer)
        return choices[number - 1] if 1 <= number <= len(choices) else None
    for lang in choices:
        if answer in LANGUAGE_WORDS[lang] - {"1", "2", "3"}:
            return lang
    return None


def language_question(turn: Turn, languages: tuple[str, ...]) -> tuple[str, list[str]]:
    """The language question and its choices. Asked before the patient has chosen a language,
    so it is said in all of them."""
    texts = [turn.text(code, "intake.language") for code in languages]
    return "\n".join(dict.fromkeys(texts)), [LANGUAGE_NAMES[code] for code in languages]


class PreSteps(QuestionnaireWalk):
    # The questions

    def _ask_language(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        return language_question(turn, self.available_languages())

    def _ask_subject(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        return turn.text(case.language, "intake.subject"), self._subject_labels(turn, case)

    def _ask_self_age(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        return turn.text(case.language, "intake.self_age"), []

    def _ask_child_name(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        return turn.text(case.language, "intake.child_name"), []

    def _ask_child_age(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        identified = self.services.config.identity.enabled
        key = "identity.child_personnummer" if identified else "intake.child_age"
        return turn.text(case.language, key, name=self._child_name(turn, case)), []

    def _ask_guardian(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        lang = case.language
        name = self._child_name(turn, case)
        return turn.text(lang, "intake.guardian", name=name), [
            turn.text(lang, "intake.guardian_yes"),
            turn.text(lang, "intake.guardian_no"),
        ]

    def _ask_complaint(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        titles = [c.title for c in self._pick_list(turn, case)] if self.picking() else []
        return turn.text(case.language, "intake.complaint"), titles

    def _ask_topic(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        lang = case.language
        key = "intake.topic_child" if self._for_child(turn.repos, case) else "intake.topic"
        labels = [c.title for c in self._suggested(turn, case)]
        return turn.text(lang, key), [*labels, turn.text(lang, "intake.topic_other")]

    def _ask_topic_list(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        choices = self._pick_list(turn, case)
        other = next((c.title for c in choices if c.id == self._default_id()), "")
        text = turn.text(case.language, "intake.topic_list", other=other)
        return text, [c.title for c in choices]

    # The answers

    def available_languages(self) -> tuple[str, ...]:
        return self.services.config.service.languages

    def _subject_labels(self, turn: Turn, case: Case) -> list[str]:
        lang = case.language
        labels = [turn.text(lang, "intake.subject_self")]
        for child in turn.repos.subjects.children_of(case.patient_id):
            labels.append(child.name or "?")
        labels.append(turn.text(lang, "intake.subject_child", min_age=self._min_age()))
        return labels

    def _child_name(self, turn: Turn, case: Case) -> str:
        if case.subject_id is None:
            return ""
        subject = turn.repos.subjects.get(case.subject_id)
        return (subject.name if subject else None) or ""

    def _on_language(self, turn: Turn, case: Case, text: str) -> None:
        lang = parse_language(text, self.available_languages())
        if lang is None:
            self.ask(turn, case, prefix=turn.text(case.language, "intake.not_understood"))
            return
        turn.repos.patients.set_language(case.patient_id, lang)
        case = self._goto(turn, case, IntakeStep.SUBJECT, language=lang)
        self.ask(turn, case, prefix=turn.text(lang, "intake.welcome"))

    def _on_subject(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        labels = self._subject_labels(turn, case)
        number = choice_number(text, labels) or self._subject_word(turn, case, text, len(labels))
        if number is None:
            self.ask(turn, case, prefix=turn.text(lang, "intake.not_understood"))
            return
        if number == 1:
            subject = turn.repos.subjects.self_of(case.patient_id, turn.now)
            if turn.repos.cases.open_for_subject(subject.id) is not None:
                self.ask(turn, case, prefix=turn.text(lang, "intake.already_open_self"))
                return
            age = self.own_age(turn, case.patient_id, subject)
            if age is None:
                # Without e-ID nothing tells us the age: asked once, kept for the next case.
                case = self._goto(turn, case, IntakeStep.SELF_AGE, subject_id=subject.id)
                self.ask(turn, case)
                return
            if age < self._min_age():
                self._too_young(turn, case)
                return
            case = self._goto(turn, case, IntakeStep.COMPLAINT, subject_id=subject.id)
            self._enter_complaint(turn, case)
            return
        if number == len(labels):
            case = self._goto(turn, case, IntakeStep.CHILD_NAME)
            self.ask(turn, case)
            return
        child = (turn.repos.subjects.children_of(case.patient_id))[number - 2]
        if turn.repos.cases.open_for_subject(child.id) is not None:
            self.ask(
                turn, case, prefix=turn.text(lang, "intake.already_open_child", name=child.name)
            )
            return
        case = self._goto(turn, case, IntakeStep.CHILD_AGE, subject_id=child.id)
        self.ask(turn, case)

    def own_age(self, turn: Turn, patient_id: int, subject: Subject) -> int | None:
        """The patient's age in years: from their personnummer (e-ID, or typed in demo
        mode), else as they told us, counted on from when they said it; None if unknown."""
        today = stockholm_date(turn.now)
        patient = turn.repos.patients.get(patient_id)
        stored = patient.personnummer if patient is not None else None
        number = parse_personnummer(stored, today) if stored else None
        if number is not None:
            return number.age_on(today)
        if subject.age_months is None or subject.age_given_at is None:
            return None
        return (subject.age_months + months_since(subject.age_given_at, turn.now)) // 12

    def _on_self_age(self, turn: Turn, case: Case, text: str) -> None:
        years = parse_own_age(text, AgeWords.of(turn.texts))
        if years is None or case.subject_id is None:
            self.ask(turn, case, prefix=turn.text(case.language, "intake.self_age_bad"))
            return
        # Kept even when too young, so that asking again does not change the answer.
        turn.repos.subjects.set_stated_age(case.subject_id, years * 12, turn.now)
        if years < self._min_age():
            self._too_young(turn, case)
            return
        case = self._goto(turn, case, IntakeStep.COMPLAINT)
        self._enter_complaint(turn, case)

    def _too_young(self, turn: Turn, case: Case) -> None:
        """Under the age to seek care alone (the seed: 13): a kind answer, no case queued."""
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.TOO_YOUNG,
                actor="bot",
                at=turn.now,
                step="",
                finished_at=turn.now,
            )
        except RefusedTransition as refused:
            # Cancelled meanwhile: the patient has had their answer to that.
            log.warning("%s", refused)
            return
        turn.tell_patient(case, "intake.self_too_young", min_age=self._min_age())
        log.info("case %d: ended, the patient is too young to seek care alone", case.id)

    def _subject_word(self, turn: Turn, case: Case, text: str, choices: int) -> int | None:
        # "jag", "min son": said as one would say it. The child words only while the choice is
        # self or a new child; with children listed, "min son" may be one of them.
        typed = match_key(text)
        if typed in {match_key(w) for w in turn.texts.words("words.self", case.language)}:
            return 1
        child = {match_key(w) for w in turn.texts.words("words.child", case.language)}
        return 2 if choices == 2 and typed in child else None

    def _on_child_name(self, turn: Turn, case: Case, text: str) -> None:
        name = clean(text)
        if not name or len(name) > MAX_CHILD_NAME or name.isdigit():
            self.ask(turn, case, prefix=turn.text(case.language, "intake.child_name_bad"))
            return
        for child in turn.repos.subjects.children_of(case.patient_id):
            if (child.name or "").casefold() == name.casefold():
                if turn.repos.cases.open_for_subject(child.id) is not None:
                    case = self._goto(turn, case, IntakeStep.SUBJECT)
                    prefix = turn.text(case.language, "intake.already_open_child", name=child.name)
                    self.ask(turn, case, prefix=prefix)
                    return
                subject = child
                break
        else:
            subject = turn.repos.subjects.add_child(case.patient_id, name, turn.now)
        case = self._goto(turn, case, IntakeStep.CHILD_AGE, subject_id=subject.id)
        self.ask(turn, case)

    def _on_child_age(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        number = None
        if self.services.config.identity.enabled:
            # With e-ID on, the guardian gives the child's personnummer; the age follows from it.
            today = stockholm_date(turn.now)
            number = parse_personnummer(text, today)
            months = None if number is None else number.months_on(today)
            bad = "identity.child_personnummer_bad"
        else:
            months = parse_age_months(text, AgeWords.of(turn.texts))
            bad = "intake.child_age_bad"
        if months is None or (number is None and months > 18 * 12):
            self.ask(turn, case, prefix=turn.text(lang, bad))
            return
        if months >= self.services.config.service.min_age * 12:
            case = self._goto(turn, case, IntakeStep.SUBJECT, subject_id=None)
            self.ask(
                turn,
                case,
                prefix=turn.text(lang, "intake.child_too_old", min_age=self._min_age()),
            )
            return
        assert case.subject_id is not None
        turn.repos.subjects.update_child(case.subject_id, age_months=months)
        if number is not None:
            turn.repos.subjects.set_personnummer(case.subject_id, number.digits)
        case = self._goto(turn, case, IntakeStep.GUARDIAN)
        self.ask(turn, case)

    def _min_age(self) -> int:
        return self.services.config.service.min_age

    def _on_guardian(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        labels = [turn.text(lang, "intake.guardian_yes"), turn.text(lang, "intake.guardian_no")]
        number = choice_number(text, labels)
        if number is None:
            agreed = self._yes_no(turn, text)
            number = None if agreed is None else (1 if agreed else 2)
        if number is None:
            self.ask(turn, case, prefix=turn.text(lang, "intake.not_understood"))
            return
        if number == 2:
            case = self._goto(turn, case, IntakeStep.SUBJECT, subject_id=None)
            self.ask(turn, case, prefix=turn.text(lang, "intake.not_guardian"))
            return
        assert case.subject_id is not None
        statement = turn.text(lang, "intake.guardian_statement", name=self._child_name(turn, case))
        turn.repos.subjects.update_child(case.subject_id, statement=statement)
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.GUARDIAN_STATEMENT,
                actor="patient",
                at=turn.now,
                detail=statement,
            )
        except RefusedTransition as refused:
            # No longer an intake (cancelled meanwhile): nothing more to ask.
            log.warning("%s", refused)
            return
        case = self._goto(turn, case, IntakeStep.COMPLAINT)
        self._enter_complaint(turn, case)

    def _enter_complaint(self, turn: Turn, case: Case) -> None:
        """Ask what the care is for, unless the first message of the case said it already
        ("Hej, jag har haft ont i halsen sedan i går"): asking again feels like not listening."""
        opening = self._opening(turn, case)
        if opening is None:
            self.ask(turn, case)
            return
        lang = case.language
        turn.tell_patient_text(
            case, turn.text(lang, "intake.opening_used", words=shorten(opening, 200))
        )
        self._on_complaint(turn, case, opening)

    def _opening(self, turn: Turn, case: Case) -> str | None:
        if case.complaint:
            return None
        lines = [
            line for line in turn.repos.record.of_case(case.id) if line.author_role == "patient"
        ]
        if not lines or lines[0].written_at is not None:
            return None
        words = clean(lines[0].body)
        if len(words) > MAX_COMPLAINT:
            return None
        # Only words that say what is wrong: "hej, jag vill söka vård" is asked as usual.
        named = red_flag_hits(words) or self._suggested(turn, replace(case, complaint=words))
        # Words about something no questionnaire names ("en konstig knöl på armen") are the
        # patient's own account all the same: kept, and the patient picks from the list. Only
        # the message that opened the case, not an answer to the first questions.
        own = lines[0].at == case.created_at and says_something(turn, words)
        return words if named or own else None

    def _on_complaint(self, turn: Turn, case: Case, text: str) -> None:
        if self.picking():
            choices = self._pick_list(turn, case)
            picked = pick(text, choices)
            if picked is not None:
                title = next(c.title for c in choices if c.id == picked)
                self._begin(turn, case, picked, title)
                return
        complaint = clean(text)
        if len(complaint) < 2:
            self.ask(turn, case, prefix=turn.text(case.language, "intake.complaint_short"))
            return
        if len(complaint) > MAX_COMPLAINT:
            self.ask(
                turn,
                case,
                prefix=turn.text(case.language, "intake.complaint_long", limit=MAX_COMPLAINT),
            )
            return
        if not self.picking():
            self._begin(turn, case, self._default_id(), complaint)
            return
        case = replace(case, complaint=complaint)
        suggested = self._suggested(turn, case)
        first = suggested[0].id if suggested else self._default_id()
        if self._points_at_red_flags(turn, case, first, complaint):
            # Words like "ont i bröstet" get their red-flag question now, not a menu first.
            self._begin(turn, case, first, complaint)
            return
        case = self._goto(
            turn,
            case,
            IntakeStep.TOPIC if suggested else IntakeStep.TOPIC_LIST,
            complaint=complaint,
        )
        self.ask(turn, case)

    def _on_topic(self, turn: Turn, case: Case, text: str) -> None:
        suggested = self._suggested(turn, case)
        labels = [c.title for c in suggested] + [turn.text(case.language, "intake.topic_other")]
        number = choice_number(text, labels)
        if number is None:
            picked = pick(text, suggested)
            if picked is not None:
                number = [c.id for c in suggested].index(picked) + 1
            elif len(suggested) == 1 and self._yes_no(turn, text) is True:
                number = 1
        if number is None:
            self._not_understood(turn, case, text, suggested[0].id if suggested else None)
            return
        if number == len(labels):
            case = self._goto(turn, case, IntakeStep.TOPIC_LIST)
            self.ask(turn, case)
            return
        self._begin(turn, case, suggested[number - 1].id, case.complaint or "")

    def _on_topic_list(self, turn: Turn, case: Case, text: str) -> None:
        picked = pick(text, self._pick_list(turn, case))
        if picked is None:
            self._not_understood(turn, case, text, None)
            return
        self._begin(turn, case, picked, case.complaint or "")

    def _not_understood(self, turn: Turn, case: Case, text: str, qid: str | None) -> None:
        """An answer that is not a choice. If the words name an emergency, their red-flag
        question comes now (in the questionnaire `qid`, else the default); otherwise ask again."""
        qid = qid or self._default_id()
        if self._points_at_red_flags(turn, case, qid, text):
            self._begin(turn, case, qid, case.complaint or "", also=text)
            return
        self.ask(turn, case, prefix=turn.text(case.language, "intake.not_understood"))

    def _points_at_red_flags(self, turn: Turn, case: Case, qid: str, text: str) -> bool:
        q = self.services.questionnaires[qid]
        return bool(red_flags_to_ask(q, text, self.context(turn.repos, case)))

    # Which questionnaire

    def picking(self) -> bool:
        """The patient chooses what they seek care for (more than one questionnaire to offer)."""
        return self.services.config.flows.picker and len(self.services.questionnaires) > 1

    def _offered(self, turn: Turn, case: Case) -> dict[str, Questionnaire]:
        wanted = {"all", "child"} if self._for_child(turn.repos, case) else {"all", "adult"}
        return {
            qid: q
            for qid, q in self.services.questionnaires.items()
            if q.audience in wanted or qid == self._default_id()
        }

    def _pick_list(self, turn: Turn, case: Case) -> list[Choice]:
        offered = self._offered(turn, case)
        choices = pick_list(offered, case.language)
        if self._for_child(turn.repos, case):
            # A parent looks for the child's questionnaire first (infant fever rules).
            choices.sort(key=lambda choice: offered[choice.id].audience != "child")
        return choices

    def _suggested(self, turn: Turn, case: Case) -> list[Choice]:
        offered = self._offered(turn, case)
        ids = suggest(case.complaint or "", offered, case.language)
        if self._for_child(turn.repos, case):
            # Made for children (infant fever rules): first when it fits at all.
            ids.sort(key=lambda qid: offered[qid].audience != "child")
        ids = ids[:MAX_SUGGESTIONS]
        return [Choice(qid, in_language(offered[qid].title, case.language)) for qid in ids]
