"""Intake: language, who the care is for, what they seek care for, then the questionnaire."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from bot.age import AgeWords, months_since, parse_age_months, parse_own_age
from bot.context import Services
from bot.crisis import at_least_crisis_priority
from bot.identity import parse_personnummer, stockholm_date
from bot.summary import answer_text, question_only
from bot.texts import shorten
from bot.turn import Turn
from bot.unclear import at_least_unclear_priority, time_to_advise, unclear_items, yes_no_alone
from bot.waiting import announce_moves, tell_position
from flows.catalog import Choice, pick, pick_list, suggest
from flows.catalog import words as catalog_words
from flows.conditions import SKIPPED, evaluate
from flows.matching import match_key, pick_label
from flows.model import Item, Outcome, Questionnaire, in_language
from flows.phrases import red_flag_hits, red_flags_to_ask
from flows.triage import emergency_outcome, final_outcome
from flows.walker import next_item, option_labels, parse_answer, progress
from storage.records import Case, Patient, Subject
from storage.repositories import Repositories

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
QUESTION_ON_BUTTON = 48

# Steps in the order an intake walks them. `topic` offers the questionnaires the complaint's words
# suggest (`topic_list`: all of them); `questions` is the questionnaire; `confirm` shows a summary
# before the case is sent, and `amend` asks which answer to change. `recheck` is the red-flag
# screen asked again while queued (the `worse` command).
STEPS = (
    "language",
    "subject",
    "self_age",
    "child_name",
    "child_age",
    "guardian",
    "complaint",
    "topic",
    "topic_list",
    "questions",
    "confirm",
    "amend",
)
FREE_TEXT_STEPS = frozenset({"child_name", "complaint"})


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _choice(text: str, labels: list[str]) -> int | None:
    """1-based index by number, or by label with the walker's tolerance (start, typo)."""
    answer = _clean(text).casefold().rstrip(".")
    if answer.isdecimal():
        number = int(answer)
        return number if 1 <= number <= len(labels) else None
    index = pick_label(answer, labels)
    return None if index is None else index + 1


def says_something(turn: Turn, text: str) -> bool:
    """Whether a message says more than a greeting or "I would like to see a nurse"."""
    filler = {w for phrase in turn.texts.words("words.greeting") for w in catalog_words(phrase)}
    filler |= {w for lang in LANGUAGE_WORDS.values() for w in lang}
    for key in ("words.self", "words.child"):
        filler |= {w for phrase in turn.texts.words(key) for w in catalog_words(phrase)}
    return any(len(w) >= 3 and not w.isdecimal() and w not in filler for w in catalog_words(text))


def parse_language(text: str, available: tuple[str, ...]) -> str | None:
    answer = _clean(text).casefold()
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


class Intake:
    def __init__(self, services: Services) -> None:
        self.services = services

    # Starting and asking

    def start(self, turn: Turn, patient: Patient) -> Case:
        config = self.services.config
        step = "subject" if patient.language_set else "language"
        case = turn.repos.cases.create(
            unit=config.service.unit,
            patient_id=patient.id,
            patient=turn.event.sender,
            language=patient.language,
            step=step,
            actor="patient",
            at=turn.now,
        )
        log.info("case %d: intake started", case.id)
        return case

    def greet(self, turn: Turn, case: Case, opening: str = "") -> None:
        """The first question of a new case. When the first message already names an
        emergency ("ont i bröstet") the 112 advice comes at once, before any menu, in every
        language the question is in; the red-flag question itself follows as soon as we know
        who it is for (the opening words are the complaint, see `_enter_complaint`)."""
        parts = []
        if red_flag_hits(opening):
            languages = self.available_languages() if case.step == "language" else (case.language,)
            parts.append(
                "\n".join(
                    dict.fromkeys(turn.text(code, "intake.opening_urgent") for code in languages)
                )
            )
        if case.step == "subject":
            parts.append(turn.text(case.language, "intake.hello"))
        self.ask(turn, case, prefix="\n\n".join(parts))

    def ask(
        self,
        turn: Turn,
        case: Case,
        *,
        prefix: str = "",
        answers: dict[str, Any] | None = None,
    ) -> None:
        """Send the question of the case's current step (again, if `prefix` explains why).
        `answers`, when the caller has them, saves reading them again."""
        text, choices = self._question(turn, case, answers)
        if prefix:
            text = prefix + "\n\n" + text
        turn.tell_patient_text(case, text, choices=choices)

    def _question(
        self, turn: Turn, case: Case, known: dict[str, Any] | None = None
    ) -> tuple[str, list[str]]:
        lang = case.language
        step = case.step
        if step == "language":
            return language_question(turn, self.available_languages())
        if step == "subject":
            return turn.text(lang, "intake.subject"), self._subject_labels(turn, case)
        if step == "self_age":
            return turn.text(lang, "intake.self_age"), []
        if step == "child_name":
            return turn.text(lang, "intake.child_name"), []
        if step == "child_age":
            identified = self.services.config.identity.enabled
            key = "identity.child_personnummer" if identified else "intake.child_age"
            return turn.text(lang, key, name=self._child_name(turn, case)), []
        if step == "guardian":
            name = self._child_name(turn, case)
            return turn.text(lang, "intake.guardian", name=name), [
                turn.text(lang, "intake.guardian_yes"),
                turn.text(lang, "intake.guardian_no"),
            ]
        if step == "complaint":
            titles = [c.title for c in self._pick_list(turn, case)] if self.picking() else []
            return turn.text(lang, "intake.complaint"), titles
        if step == "topic":
            key = "intake.topic_child" if self._for_child(turn.repos, case) else "intake.topic"
            labels = [c.title for c in self._suggested(turn, case)]
            return turn.text(lang, key), [*labels, turn.text(lang, "intake.topic_other")]
        if step == "topic_list":
            choices = self._pick_list(turn, case)
            other = next((c.title for c in choices if c.id == self._default_id()), "")
            return turn.text(lang, "intake.topic_list", other=other), [c.title for c in choices]
        if step == "confirm":
            return self._summary(turn, case), self._confirm_labels(turn, lang)
        if step == "amend":
            q = self.questionnaire(case)
            entries = self._entries(turn, case, q, self.answers(turn.repos, case), short=True)
            return turn.text(lang, "intake.amend_ask"), [label for label, _ in entries]
        if step in ("questions", "recheck"):
            q = self.questionnaire(case)
            answers = known if known is not None else self.answers(turn.repos, case)
            item = self.current_item(case, q, answers)
            if item is None:  # pragma: no cover - a finished walk never stays in this step
                return turn.text(lang, "intake.complaint"), []
            return self._format_item(turn, case, q, item, answers)
        raise ValueError(f"unknown intake step {step!r}")

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

    def _format_item(
        self, turn: Turn, case: Case, q: Questionnaire, item: Item, answers: dict[str, Any]
    ) -> tuple[str, list[str]]:
        lang = case.language
        number, total = progress(q, answers)
        question = item.question(lang, for_child=self._for_child(turn.repos, case))
        if case.step == "recheck":
            header = turn.text(lang, "intake.recheck_progress", number=number, total=total)
        else:
            header = turn.text(lang, "intake.progress", number=number, total=total)
        lines = [f"{header}\n{question}"]
        choices: list[str] = []
        if item.type == "boolean":
            choices = [turn.text(lang, "answer.yes"), turn.text(lang, "answer.no")]
        elif item.type == "choice":
            choices = option_labels(item, lang)
        if not item.required:
            lines.append(turn.text(lang, "intake.hint_optional"))
        return "\n".join(lines), choices

    # Answers

    def current_item(self, case: Case, q: Questionnaire, answers: dict[str, Any]) -> Item | None:
        """The question to ask now: one the patient's words pointed at first, then the walk."""
        for link_id in case.pending_items:
            if link_id not in answers and any(i.link_id == link_id for i in q.items):
                return q.item(link_id)
        return next_item(q, answers)

    def questionnaire(self, case: Case) -> Questionnaire:
        qid = case.questionnaire_id or self._default_id()
        q = self.services.questionnaires[qid]
        if case.step != "recheck":
            return q
        return recheck_view(q, case.pending_items)

    def context(self, repos: Repositories, case: Case) -> dict[str, Any]:
        subject = repos.subjects.get(case.subject_id) if case.subject_id else None
        if subject is None or subject.kind == "self":
            return {"for_child": False}
        values: dict[str, Any] = {"for_child": True}
        if subject.age_months is not None:
            values["child_age_months"] = subject.age_months
        return values

    def answers(self, repos: Repositories, case: Case) -> dict[str, Any]:
        """Context plus answers; a re-check (round > 0) sees only its own answers."""
        stored = repos.answers.of_case(case.id, case.recheck)
        return {**self.context(repos, case), **stored}

    def answer(self, turn: Turn, case: Case, text: str) -> None:
        handler = {
            "language": self._on_language,
            "subject": self._on_subject,
            "self_age": self._on_self_age,
            "child_name": self._on_child_name,
            "child_age": self._on_child_age,
            "guardian": self._on_guardian,
            "complaint": self._on_complaint,
            "topic": self._on_topic,
            "topic_list": self._on_topic_list,
            "questions": self._on_question,
            "confirm": self._on_confirm,
            "amend": self._on_amend,
            "recheck": self._on_question,
        }[case.step]
        handler(turn, case, text)

    def _goto(self, turn: Turn, case: Case, step: str, **fields: Any) -> Case:
        turn.repos.cases.update(case.id, step=step, **fields)
        return replace(case, step=step, **fields)

    def _on_language(self, turn: Turn, case: Case, text: str) -> None:
        lang = parse_language(text, self.available_languages())
        if lang is None:
            self.ask(turn, case, prefix=turn.text(case.language, "intake.not_understood"))
            return
        turn.repos.patients.set_language(case.patient_id, lang)
        case = self._goto(turn, case, "subject", language=lang)
        self.ask(turn, case, prefix=turn.text(lang, "intake.welcome"))

    def _on_subject(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        labels = self._subject_labels(turn, case)
        number = _choice(text, labels) or self._subject_word(turn, case, text, len(labels))
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
                case = self._goto(turn, case, "self_age", subject_id=subject.id)
                self.ask(turn, case)
                return
            if age < self._min_age():
                self._too_young(turn, case)
                return
            case = self._goto(turn, case, "complaint", subject_id=subject.id)
            self._enter_complaint(turn, case)
            return
        if number == len(labels):
            case = self._goto(turn, case, "child_name")
            self.ask(turn, case)
            return
        child = (turn.repos.subjects.children_of(case.patient_id))[number - 2]
        if turn.repos.cases.open_for_subject(child.id) is not None:
            self.ask(
                turn, case, prefix=turn.text(lang, "intake.already_open_child", name=child.name)
            )
            return
        case = self._goto(turn, case, "child_age", subject_id=child.id)
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
        case = self._goto(turn, case, "complaint")
        self._enter_complaint(turn, case)

    def _too_young(self, turn: Turn, case: Case) -> None:
        """Under the age to seek care alone (the seed: 13): a kind answer, no case queued."""
        turn.repos.cases.transition(
            case.id,
            ("intake",),
            "cancelled",
            actor="bot",
            reason="too_young",
            at=turn.now,
            step="",
            finished_at=turn.now,
        )
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
        name = _clean(text)
        if not name or len(name) > MAX_CHILD_NAME or name.isdigit():
            self.ask(turn, case, prefix=turn.text(case.language, "intake.child_name_bad"))
            return
        for child in turn.repos.subjects.children_of(case.patient_id):
            if (child.name or "").casefold() == name.casefold():
                if turn.repos.cases.open_for_subject(child.id) is not None:
                    case = self._goto(turn, case, "subject")
                    prefix = turn.text(case.language, "intake.already_open_child", name=child.name)
                    self.ask(turn, case, prefix=prefix)
                    return
                subject = child
                break
        else:
            subject = turn.repos.subjects.add_child(case.patient_id, name, turn.now)
        case = self._goto(turn, case, "child_age", subject_id=subject.id)
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
            case = self._goto(turn, case, "subject", subject_id=None)
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
        case = self._goto(turn, case, "guardian")
        self.ask(turn, case)

    def _min_age(self) -> int:
        return self.services.config.service.min_age

    def _on_guardian(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        labels = [turn.text(lang, "intake.guardian_yes"), turn.text(lang, "intake.guardian_no")]
        number = _choice(text, labels)
        if number is None:
            agreed = self._yes_no(turn, text)
            number = None if agreed is None else (1 if agreed else 2)
        if number is None:
            self.ask(turn, case, prefix=turn.text(lang, "intake.not_understood"))
            return
        if number == 2:
            case = self._goto(turn, case, "subject", subject_id=None)
            self.ask(turn, case, prefix=turn.text(lang, "intake.not_guardian"))
            return
        assert case.subject_id is not None
        statement = turn.text(lang, "intake.guardian_statement", name=self._child_name(turn, case))
        turn.repos.subjects.update_child(case.subject_id, statement=statement)
        turn.repos.cases.transition(
            case.id,
            ("intake",),
            "intake",
            actor="patient",
            reason="guardian_statement",
            at=turn.now,
            detail=statement,
        )
        case = self._goto(turn, case, "complaint")
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
        words = _clean(lines[0].body)
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
        complaint = _clean(text)
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
        case = self._goto(turn, case, "topic" if suggested else "topic_list", complaint=complaint)
        self.ask(turn, case)

    def _on_topic(self, turn: Turn, case: Case, text: str) -> None:
        suggested = self._suggested(turn, case)
        labels = [c.title for c in suggested] + [turn.text(case.language, "intake.topic_other")]
        number = _choice(text, labels)
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
            case = self._goto(turn, case, "topic_list")
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

    def _begin(self, turn: Turn, case: Case, qid: str, complaint: str, *, also: str = "") -> None:
        """Start questionnaire `qid`; red flags the complaint (or `also`) names are asked first."""
        q = self.services.questionnaires[qid]
        case = self._goto(
            turn,
            case,
            "questions",
            complaint=complaint,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            rules_version=q.rules_version,
        )
        context = self.context(turn.repos, case)
        words = f"{complaint}\n{also}" if also else complaint
        pointed = tuple(i.link_id for i in red_flags_to_ask(q, words, context))
        if pointed:
            turn.repos.cases.update(case.id, pending_items=pointed)
            case = replace(case, pending_items=pointed)
        intro = (
            "intake.questions_intro_child"
            if self._for_child(turn.repos, case)
            else "intake.questions_intro"
        )
        prefix = turn.text(case.language, intro)
        if pointed:
            prefix += "\n\n" + turn.text(case.language, "intake.words_red_flag")
        self.ask(turn, case, prefix=prefix)

    # Which questionnaire

    def picking(self) -> bool:
        """The patient chooses what they seek care for (more than one questionnaire to offer)."""
        return self.services.config.flows.picker and len(self.services.questionnaires) > 1

    def _default_id(self) -> str:
        return self.services.config.flows.default

    def _for_child(self, repos: Repositories, case: Case) -> bool:
        return bool(self.context(repos, case).get("for_child"))

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

    def _yes_no(self, turn: Turn, text: str) -> bool | None:
        words = _clean(text).casefold()
        if words in {w.casefold() for w in turn.texts.words("words.yes")}:
            return True
        if words in {w.casefold() for w in turn.texts.words("words.no")}:
            return False
        return yes_no_alone(turn, text)

    def _on_question(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        q = self.questionnaire(case)
        answers = self.answers(turn.repos, case)
        item = self.current_item(case, q, answers)
        if item is None:  # pragma: no cover - defensive: a finished walk leaves this step
            self.finish(turn, case, answers)
            return
        value: Any
        skip_words = {w.casefold() for w in turn.texts.words("words.skip")}
        if not item.required and _clean(text).casefold() in skip_words:
            value = SKIPPED
        else:
            parsed = parse_answer(
                item,
                text,
                lang,
                turn.texts.words("words.yes"),
                turn.texts.words("words.no"),
                turn.texts.words("words.not", lang),
            )
            alone = yes_no_alone(turn, text) if item.type == "boolean" else None
            if parsed.error is not None and alone is not None:
                value = alone
            elif parsed.error is not None:
                if not item.red_flag or not time_to_advise(turn, case, item, text):
                    prefix = turn.text(lang, f"answer_error.{parsed.error}")
                    self.ask(turn, case, prefix=prefix)
                    return
                # Unsure twice about a warning sign: what to do meanwhile, and go on.
                turn.tell_patient(case, "intake.red_flag_unsure")
                value = SKIPPED
            else:
                value = parsed.value
        turn.repos.answers.put(case.id, item.link_id, value, turn.now, case.recheck)
        answers[item.link_id] = value
        if item.type in ("string", "text") and isinstance(value, str) and value:
            case, answers = self._ask_again_if_pointed(turn, case, q, value, answers)
        emergency = emergency_outcome(q, answers)
        if emergency is not None:
            self.redirect(turn, case, emergency)
            return
        if item.link_id in case.pending_items:
            left = tuple(i for i in case.pending_items if i != item.link_id)
            turn.repos.cases.update(case.id, pending_items=left)
            case = replace(case, pending_items=left)
        if self.current_item(case, q, answers) is None:
            self.finish(turn, case, answers)
            return
        self.ask(turn, case, answers=answers)

    def _ask_again_if_pointed(
        self, turn: Turn, case: Case, q: Questionnaire, text: str, answers: dict[str, Any]
    ) -> tuple[Case, dict[str, Any]]:
        """Free text that names an emergency ("ont i bröstet") brings its red-flag question
        back, even if it was answered no before: the words ask, the answer decides."""
        pointed = tuple(i.link_id for i in red_flags_to_ask(q, text, answers))
        if not pointed:
            return case, answers
        for link_id in pointed:
            turn.repos.answers.remove(case.id, link_id, case.recheck)
            answers.pop(link_id, None)
        pending = tuple(dict.fromkeys(case.pending_items + pointed))
        turn.repos.cases.update(case.id, pending_items=pending)
        return replace(case, pending_items=pending), answers

    # Outcomes

    def redirect(self, turn: Turn, case: Case, outcome: Outcome) -> None:
        """R or A: clear instructions at once, an alert line for staff, never queued."""
        lang = case.language
        moved = turn.repos.cases.transition(
            case.id,
            ("intake", "queued"),
            "redirected",
            actor="bot",
            reason=f"outcome {outcome.level}",
            at=turn.now,
            detail=f"rule={outcome.rule_id} questionnaire={outcome.questionnaire_id}"
            f"@{outcome.questionnaire_version} rules@{outcome.rules_version}",
            step="",
            outcome=outcome.level,
            rule_id=outcome.rule_id,
            questionnaire_version=outcome.questionnaire_version,
            rules_version=outcome.rules_version,
            finished_at=turn.now,
        )
        if not moved:  # pragma: no cover - the case was already moved within this transaction
            return
        for_child = self._for_child(turn.repos, case)
        reason = outcome.reason_for(lang, for_child=for_child)
        key = "outcome.call_112" if outcome.level == "R" else "outcome.emergency_department"
        if for_child:
            key += "_child"  # "... att ditt barn behöver akut hjälp"
        turn.tell_patient(case, key, reason=reason)
        log.info("case %d: redirected %s by rule %s", case.id, outcome.level, outcome.rule_id)
        if case.state == "queued":
            announce_moves(turn, self.services, case.unit)
        room = self.services.staff_room(case.patient.platform)
        if room is not None:
            turn.say(
                room,
                self.services.config.service.default_language,
                "staff.alert_redirect",
                case_id=case.id,
                level=outcome.level,
                rule=outcome.rule_id or "-",
            )

    def finish(self, turn: Turn, case: Case, answers: dict[str, Any]) -> None:
        """Every question answered: a re-check decides now; an intake shows its summary first."""
        if case.step == "recheck":
            q = self.questionnaire(case)
            outcome = final_outcome(q, answers)
            if outcome.level in ("R", "A"):  # pragma: no cover - emergency_outcome fires first
                self.redirect(turn, case, outcome)
                return
            self._finish_recheck(turn, case)
            return
        case = self._goto(turn, case, "confirm", pending_items=())
        self.ask(turn, case, answers=answers)

    # The summary before sending

    def _confirm_labels(self, turn: Turn, lang: str) -> list[str]:
        return [turn.text(lang, "intake.summary_send"), turn.text(lang, "intake.summary_change")]

    def _entries(
        self,
        turn: Turn,
        case: Case,
        q: Questionnaire,
        answers: dict[str, Any],
        *,
        short: bool = False,
    ) -> list[tuple[str, tuple[str, ...]]]:
        """The summary's lines, each with the linkIds it shows: the red-flag screen (all "no"
        by now, or the questionnaire would have ended) as one line, then each answer."""
        lang = case.language
        enabled, _ = evaluate(q, answers)
        answered = [item for item in enabled if item.link_id in answers]
        unsure = {item.link_id for item in unclear_items(q, answers)}
        flags = tuple(i.link_id for i in answered if i.red_flag and i.link_id not in unsure)
        for_child = self._for_child(turn.repos, case)
        entries: list[tuple[str, tuple[str, ...]]] = []
        if flags:
            label = turn.text(lang, "intake.summary_red_flags_none", count=len(flags))
            entries.append((label, flags))
        for item in answered:
            if item.red_flag and item.link_id not in unsure:
                continue
            shown = (
                turn.text(lang, "answer.unsure")
                if item.link_id in unsure
                else answer_text(turn, lang, q, item.link_id, answers[item.link_id])
            )
            question = question_only(item, lang, for_child=for_child)
            if short:  # a button: the answer must stay visible after the question
                question = shorten(question, QUESTION_ON_BUTTON)
            label = turn.text(lang, "intake.summary_answer", question=question, answer=shown)
            entries.append((label, (item.link_id,)))
        return entries

    def _summary(self, turn: Turn, case: Case) -> str:
        lang = case.language
        q = self.questionnaire(case)
        subject = turn.repos.subjects.get(case.subject_id) if case.subject_id else None
        if subject is not None and subject.kind == "child":
            who = turn.text(lang, "intake.summary_for_child", name=subject.name or "")
        else:
            who = turn.text(lang, "intake.summary_for_self")
        lines = [
            turn.text(lang, "intake.summary"),
            "",
            who,
            turn.text(lang, "intake.summary_complaint", complaint=case.complaint or ""),
        ]
        lines += [
            f"• {label}"
            for label, _ in self._entries(turn, case, q, self.answers(turn.repos, case))
        ]
        lines += ["", turn.text(lang, "intake.summary_ask")]
        return "\n".join(lines)

    def _on_confirm(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        number = _choice(text, self._confirm_labels(turn, lang))
        if number is None:
            agreed = self._yes_no(turn, text)
            number = None if agreed is None else (1 if agreed else 2)
        if number == 1:
            self.submit(turn, case)
            return
        if number == 2:
            case = self._goto(turn, case, "amend")
            self.ask(turn, case)
            return
        if self._reopen_pointed(turn, case, text):
            return
        turn.tell_patient_text(
            case,
            turn.text(lang, "intake.not_understood")
            + "\n\n"
            + turn.text(lang, "intake.summary_ask"),
            choices=self._confirm_labels(turn, lang),
        )

    def _on_amend(self, turn: Turn, case: Case, text: str) -> None:
        lang = case.language
        q = self.questionnaire(case)
        entries = self._entries(turn, case, q, self.answers(turn.repos, case), short=True)
        number = _choice(text, [label for label, _ in entries])
        if number is None:
            if not self._reopen_pointed(turn, case, text):
                self.ask(turn, case, prefix=turn.text(lang, "intake.not_understood"))
            return
        link_ids = entries[number - 1][1]
        for link_id in link_ids:
            turn.repos.answers.remove(case.id, link_id, case.recheck)
        turn.repos.cases.transition(
            case.id,
            ("intake",),
            "intake",
            actor="patient",
            reason="amend",
            at=turn.now,
            detail="answers to " + ", ".join(link_ids) + " taken back",
        )
        case = self._goto(turn, case, "questions", pending_items=link_ids)
        key = "intake.amend_red_flags_again" if len(link_ids) > 1 else "intake.amend_again"
        self.ask(turn, case, prefix=turn.text(lang, key))

    def _reopen_pointed(self, turn: Turn, case: Case, text: str) -> bool:
        """Words naming an emergency at the summary bring their red-flag questions back."""
        q = self.questionnaire(case)
        answers = self.answers(turn.repos, case)
        pointed = tuple(i.link_id for i in red_flags_to_ask(q, text, answers))
        if not pointed:
            return False
        for link_id in pointed:
            turn.repos.answers.remove(case.id, link_id, case.recheck)
        case = self._goto(turn, case, "questions", pending_items=pointed)
        self.ask(turn, case, prefix=turn.text(case.language, "intake.words_red_flag"))
        return True

    def submit(self, turn: Turn, case: Case) -> None:
        """The patient sent the summary: queue the case at its triage priority."""
        q = self.questionnaire(case)
        answers = self.answers(turn.repos, case)
        outcome = final_outcome(q, answers)
        if outcome.level in ("R", "A"):  # pragma: no cover - emergency_outcome fires first
            self.redirect(turn, case, outcome)
            return
        triaged = int(outcome.level[1:])
        # Crisis words (P1) and an unclear warning sign (P2) count whatever was answered.
        priority = at_least_crisis_priority(
            turn, case, at_least_unclear_priority(q, answers, triaged)
        )
        raised = f" raised P{triaged} -> P{priority}" if priority != triaged else ""
        turn.repos.cases.transition(
            case.id,
            ("intake",),
            "queued",
            actor="bot",
            reason=f"outcome {outcome.level}",
            at=turn.now,
            detail=f"rule={outcome.rule_id} questionnaire={outcome.questionnaire_id}"
            f"@{outcome.questionnaire_version} rules@{outcome.rules_version}{raised}",
            step="",
            outcome=outcome.level,
            rule_id=outcome.rule_id,
            priority=priority,
            queued_at=turn.now,
        )
        case = replace(case, state="queued", step="", priority=priority, queued_at=turn.now)
        log.info("case %d: queued as P%d", case.id, priority)
        tell_position(turn, self.services, case, key="queue.queued")
        announce_moves(turn, self.services, case.unit)
        room = self.services.staff_room(case.patient.platform)
        if room is not None:
            turn.say(
                room,
                self.services.config.service.default_language,
                "staff.new_case",
                case_id=case.id,
                priority=priority,
                complaint=shorten(case.complaint or ""),
            )

    def _finish_recheck(self, turn: Turn, case: Case) -> None:
        """No red flag on the second look: the patient feels worse, so move one step up."""
        old = case.priority or 5
        new = max(2, old - 1) if old > 1 else 1
        new = at_least_unclear_priority(
            self.questionnaire(case), self.answers(turn.repos, case), new
        )
        turn.repos.cases.transition(
            case.id,
            ("queued",),
            "queued",
            actor="patient",
            reason="worse",
            at=turn.now,
            detail=f"priority P{old} -> P{new}",
            step="",
            priority=new,
        )
        case = replace(case, step="", priority=new)
        raised = new != old
        key = "worse.still_queued" if raised else "worse.noted"
        tell_position(turn, self.services, case, key=key)
        announce_moves(turn, self.services, case.unit)
        room = self.services.staff_room(case.patient.platform)
        if room is not None:
            lang = self.services.config.service.default_language
            if raised:
                turn.say(room, lang, "staff.worse", case_id=case.id, old=old, new=new)
            else:
                turn.say(room, lang, "staff.worse_same", case_id=case.id, priority=new)

    def start_recheck(
        self, turn: Turn, case: Case, *, prefix: str = "", only: tuple[str, ...] = ()
    ) -> None:
        turn.repos.cases.update(
            case.id, step="recheck", recheck=case.recheck + 1, pending_items=only
        )
        case = replace(case, step="recheck", recheck=case.recheck + 1, pending_items=only)
        self.ask(turn, case, prefix=prefix)

    def words_point_at_red_flags(self, case: Case, text: str) -> tuple[str, ...]:
        """Red-flag linkIds that the patient's words point at (asked, never decided on)."""
        q = self.questionnaire(replace(case, step=""))
        return tuple(item.link_id for item in red_flags_to_ask(q, text, {}))


def recheck_view(q: Questionnaire, only: tuple[str, ...] = ()) -> Questionnaire:
    """The red-flag screen alone, with the same rules (a re-check after `worse`), or only the
    red-flag questions in `only` (those the patient's own words pointed at)."""
    items = tuple(i for i in q.items if i.red_flag and (not only or i.link_id in only))
    return replace(q, items=items)
