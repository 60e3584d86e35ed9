"""The questionnaire walk of an intake: its questions, the summary before sending, and the
outcomes (queued at a priority, or redirected to 112 or the emergency department). Also the
red-flag screen asked again while queued (`worse`). The steps before it are `bot/intake_steps.py`;
`bot/intake.py` is the step machine that ties them together."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from bot.context import Services
from bot.crisis import at_least_crisis_priority
from bot.lifecycle import NEXT_STEPS, CaseEvent, IntakeStep, RefusedTransition, transition
from bot.summary import answer_text, question_only
from bot.texts import shorten
from bot.turn import Turn
from bot.unclear import at_least_unclear_priority, time_to_advise, unclear_items, yes_no_alone
from bot.waiting import announce_moves, tell_position
from flows.conditions import SKIPPED, evaluate
from flows.matching import pick_label
from flows.model import Item, Outcome, Questionnaire
from flows.phrases import red_flags_to_ask
from flows.triage import emergency_outcome, final_outcome
from flows.walker import next_item, option_labels, parse_answer, progress
from storage.records import Case
from storage.repositories import Repositories

log = logging.getLogger(__name__)

QUESTION_ON_BUTTON = 48


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def choice_number(text: str, labels: list[str]) -> int | None:
    """1-based index by number, or by label with the walker's tolerance (start, typo)."""
    answer = clean(text).casefold().rstrip(".")
    if answer.isdecimal():
        number = int(answer)
        return number if 1 <= number <= len(labels) else None
    index = pick_label(answer, labels)
    return None if index is None else index + 1


class QuestionnaireWalk:
    """The walk and what the steps before it share (moving between steps, the questionnaire,
    the answers and their context)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def ask(
        self,
        turn: Turn,
        case: Case,
        *,
        prefix: str = "",
        answers: dict[str, Any] | None = None,
    ) -> None:
        """Send the question of the case's current step: the step machine's (`Intake`)."""
        raise NotImplementedError

    def _goto(self, turn: Turn, case: Case, step: IntakeStep, **fields: Any) -> Case:
        """Move the intake on to `step`, one of those `NEXT_STEPS` allows from where it is."""
        if step not in NEXT_STEPS[IntakeStep(case.step)]:
            raise ValueError(f"case {case.id}: no intake step from {case.step!r} to {step!r}")
        turn.repos.cases.update(case.id, step=step.value, **fields)
        return replace(case, step=step.value, **fields)

    def _default_id(self) -> str:
        return self.services.config.flows.default

    def _for_child(self, repos: Repositories, case: Case) -> bool:
        return bool(self.context(repos, case).get("for_child"))

    def _yes_no(self, turn: Turn, text: str) -> bool | None:
        words = clean(text).casefold()
        if words in {w.casefold() for w in turn.texts.words("words.yes")}:
            return True
        if words in {w.casefold() for w in turn.texts.words("words.no")}:
            return False
        return yes_no_alone(turn, text)

    def current_item(self, case: Case, q: Questionnaire, answers: dict[str, Any]) -> Item | None:
        """The question to ask now: one the patient's words pointed at first, then the walk."""
        for link_id in case.pending_items:
            if link_id not in answers and any(i.link_id == link_id for i in q.items):
                return q.item(link_id)
        return next_item(q, answers)

    def questionnaire(self, case: Case) -> Questionnaire:
        qid = case.questionnaire_id or self._default_id()
        q = self.services.questionnaires[qid]
        if case.step != IntakeStep.RECHECK:
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

    def _ask_item(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        q = self.questionnaire(case)
        answers = known if known is not None else self.answers(turn.repos, case)
        item = self.current_item(case, q, answers)
        if item is None:  # pragma: no cover - a finished walk never stays in this step
            return turn.text(case.language, "intake.complaint"), []
        return self._format_item(turn, case, q, item, answers)

    def _ask_confirm(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        return self._summary(turn, case), self._confirm_labels(turn, case.language)

    def _ask_amend(
        self, turn: Turn, case: Case, known: dict[str, Any] | None
    ) -> tuple[str, list[str]]:
        q = self.questionnaire(case)
        entries = self._entries(turn, case, q, self.answers(turn.repos, case), short=True)
        return turn.text(case.language, "intake.amend_ask"), [label for label, _ in entries]

    def _format_item(
        self, turn: Turn, case: Case, q: Questionnaire, item: Item, answers: dict[str, Any]
    ) -> tuple[str, list[str]]:
        lang = case.language
        number, total = progress(q, answers)
        question = item.question(lang, for_child=self._for_child(turn.repos, case))
        if case.step == IntakeStep.RECHECK:
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

    def _begin(self, turn: Turn, case: Case, qid: str, complaint: str, *, also: str = "") -> None:
        """Start questionnaire `qid`; red flags the complaint (or `also`) names are asked first."""
        q = self.services.questionnaires[qid]
        case = self._goto(
            turn,
            case,
            IntakeStep.QUESTIONS,
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
        if not item.required and clean(text).casefold() in skip_words:
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
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.REDIRECT,
                actor="bot",
                reason=f"outcome {outcome.level}",
                at=turn.now,
                detail=_provenance(outcome),
                step="",
                outcome=outcome.level,
                rule_id=outcome.rule_id,
                questionnaire_version=outcome.questionnaire_version,
                rules_version=outcome.rules_version,
                finished_at=turn.now,
            )
        except RefusedTransition as refused:
            # Taken or cancelled meanwhile: whoever moved it has told the patient; no alert.
            log.warning("%s", refused)
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
        if case.step == IntakeStep.RECHECK:
            q = self.questionnaire(case)
            outcome = final_outcome(q, answers)
            if outcome.level in ("R", "A"):  # pragma: no cover - emergency_outcome fires first
                self.redirect(turn, case, outcome)
                return
            self._finish_recheck(turn, case)
            return
        case = self._goto(turn, case, IntakeStep.CONFIRM, pending_items=())
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
        number = choice_number(text, self._confirm_labels(turn, lang))
        if number is None:
            agreed = self._yes_no(turn, text)
            number = None if agreed is None else (1 if agreed else 2)
        if number == 1:
            self.submit(turn, case)
            return
        if number == 2:
            case = self._goto(turn, case, IntakeStep.AMEND)
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
        number = choice_number(text, [label for label, _ in entries])
        if number is None:
            if not self._reopen_pointed(turn, case, text):
                self.ask(turn, case, prefix=turn.text(lang, "intake.not_understood"))
            return
        link_ids = entries[number - 1][1]
        for link_id in link_ids:
            turn.repos.answers.remove(case.id, link_id, case.recheck)
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.AMEND,
                actor="patient",
                at=turn.now,
                detail="answers to " + ", ".join(link_ids) + " taken back",
            )
        except RefusedTransition as refused:
            # No longer an intake (cancelled meanwhile): nothing more to ask.
            log.warning("%s", refused)
            return
        case = self._goto(turn, case, IntakeStep.QUESTIONS, pending_items=link_ids)
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
        case = self._goto(turn, case, IntakeStep.QUESTIONS, pending_items=pointed)
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
        try:
            state = transition(
                turn.repos,
                case,
                CaseEvent.QUEUE,
                actor="bot",
                reason=f"outcome {outcome.level}",
                at=turn.now,
                detail=_provenance(outcome) + raised,
                step="",
                outcome=outcome.level,
                rule_id=outcome.rule_id,
                priority=priority,
                queued_at=turn.now,
            )
        except RefusedTransition as refused:
            # Cancelled or purged meanwhile: the patient was told then; nothing is queued.
            log.warning("%s", refused)
            return
        case = replace(case, state=state.value, step="", priority=priority, queued_at=turn.now)
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
        try:
            transition(
                turn.repos,
                case,
                CaseEvent.WORSE,
                actor="patient",
                at=turn.now,
                detail=f"priority P{old} -> P{new}",
                step="",
                priority=new,
            )
        except RefusedTransition as refused:
            # Taken or cancelled while the patient answered: the clinician has the case now.
            log.warning("%s", refused)
            return
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
            case.id, step=IntakeStep.RECHECK.value, recheck=case.recheck + 1, pending_items=only
        )
        case = replace(
            case, step=IntakeStep.RECHECK.value, recheck=case.recheck + 1, pending_items=only
        )
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


def _provenance(outcome: Outcome) -> str:
    """Which rule of which questionnaire and rule set decided, for the case's event log."""
    return (
        f"rule={outcome.rule_id} questionnaire={outcome.questionnaire_id}"
        f"@{outcome.questionnaire_version} rules@{outcome.rules_version}"
    )
