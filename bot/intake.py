"""Intake: language, who the care is for, what they seek care for, then the questionnaire.

The step machine: each step of `IntakeStep` has one question and one answer handler, in one table
(`Intake._steps`). The steps before the questionnaire are `bot/intake_steps.py`; the walk, the
summary and the outcomes are `bot/questionnaire_walk.py`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NamedTuple

from bot.context import Services
from bot.intake_steps import PreSteps
from bot.lifecycle import IntakeStep
from bot.turn import Turn
from flows.phrases import red_flag_hits
from storage.records import Case, Patient

log = logging.getLogger(__name__)

Question = Callable[[Turn, Case, "dict[str, Any] | None"], tuple[str, list[str]]]
Answer = Callable[[Turn, Case, str], None]


class Step(NamedTuple):
    question: Question
    answer: Answer


class Intake(PreSteps):
    def __init__(self, services: Services) -> None:
        super().__init__(services)
        s = IntakeStep
        self._steps: dict[IntakeStep, Step] = {
            s.LANGUAGE: Step(self._ask_language, self._on_language),
            s.SUBJECT: Step(self._ask_subject, self._on_subject),
            s.SELF_AGE: Step(self._ask_self_age, self._on_self_age),
            s.CHILD_NAME: Step(self._ask_child_name, self._on_child_name),
            s.CHILD_AGE: Step(self._ask_child_age, self._on_child_age),
            s.GUARDIAN: Step(self._ask_guardian, self._on_guardian),
            s.COMPLAINT: Step(self._ask_complaint, self._on_complaint),
            s.TOPIC: Step(self._ask_topic, self._on_topic),
            s.TOPIC_LIST: Step(self._ask_topic_list, self._on_topic_list),
            s.QUESTIONS: Step(self._ask_item, self._on_question),
            s.CONFIRM: Step(self._ask_confirm, self._on_confirm),
            s.AMEND: Step(self._ask_amend, self._on_amend),
            s.RECHECK: Step(self._ask_item, self._on_question),
        }
        missing = set(IntakeStep) - set(self._steps)
        if missing:  # pragma: no cover - a new step needs its question and its answer
            raise AssertionError(f"intake steps without a handler: {sorted(missing)}")

    def step(self, case: Case) -> Step:
        try:
            return self._steps[IntakeStep(case.step)]
        except ValueError:
            raise ValueError(f"unknown intake step {case.step!r}") from None

    # Starting and asking

    def start(self, turn: Turn, patient: Patient) -> Case:
        config = self.services.config
        step = IntakeStep.SUBJECT if patient.language_set else IntakeStep.LANGUAGE
        case = turn.repos.cases.create(
            unit=config.service.unit,
            patient_id=patient.id,
            patient=turn.event.sender,
            language=patient.language,
            step=step.value,
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
            first = case.step == IntakeStep.LANGUAGE
            languages = self.available_languages() if first else (case.language,)
            parts.append(
                "\n".join(
                    dict.fromkeys(turn.text(code, "intake.opening_urgent") for code in languages)
                )
            )
        if case.step == IntakeStep.SUBJECT:
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
        text, choices = self.step(case).question(turn, case, answers)
        if prefix:
            text = prefix + "\n\n" + text
        turn.tell_patient_text(case, text, choices=choices)

    def answer(self, turn: Turn, case: Case, text: str) -> None:
        self.step(case).answer(turn, case, text)
