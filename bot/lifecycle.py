"""The case lifecycle and the intake steps, each as one explicit table (DESIGN 3).

A case moves only through `transition`, which looks the move up in `MOVES`: a move that is not
there, or one the conditional UPDATE finds already made by someone else (another clinician,
another process), raises `RefusedTransition`, and the caller decides what the patient or
clinician is told. Some events leave the state as it is (a crisis, a threat, a taken-back
answer): they are in the table too, as moves to the same state, because they are written to the
case's history in the same way and are allowed only while the case is in those states.

The states are the strings stored in `cases.state` (the CHECK in 0001_initial.sql), so the enum
needs no migration; the events' values are the default `reason` written to `case_events`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.records import Case
    from storage.repositories import Repositories


class CaseState(StrEnum):
    INTAKE = "intake"
    QUEUED = "queued"
    ACTIVE = "active"
    CLOSED = "closed"
    ENDED = "ended"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    REDIRECTED = "redirected"


class CaseEvent(StrEnum):
    # Moves to another state.
    QUEUE = "queue"  # the patient sent the summary; written as "outcome P3"
    REDIRECT = "redirect"  # a red flag: 112 or the emergency department; written as "outcome R"
    TOO_YOUNG = "too_young"
    PURGED = "purged"  # an intake left unfinished too long
    CANCEL = "cancel"
    TAKE = "take"
    RELEASE = "release"
    STAFF_REMOVED = "staff_removed"
    CLOSE = "close"
    END = "end"  # ended for a rule violation
    EXPIRE = "expire"  # DESIGN 3: no answer when called; nothing expires a case yet
    # Written to the case's history; the state stays.
    GUARDIAN_STATEMENT = "guardian_statement"
    AMEND = "amend"
    BACK = "back"
    WORSE = "worse"
    NEWCASE = "newcase"
    RESUME = "resume"
    LANGUAGE_OFFER = "language_offer"
    CRISIS = "crisis"
    THREAT = "threat"
    NOT_WITHDRAWN = "not_withdrawn"
    RED_FLAG_UNCLEAR = "red_flag_unclear"
    SENT_ELSEWHERE = "sent_elsewhere"
    IDENTITY_MISUSE = "identity_misuse"


START = CaseState.INTAKE
OPEN = (CaseState.INTAKE, CaseState.QUEUED, CaseState.ACTIVE)
_I, _Q, _A = OPEN

# Events that may come in any open state and leave it as it is.
_NOTES_WHILE_OPEN = (
    CaseEvent.LANGUAGE_OFFER,
    CaseEvent.CRISIS,
    CaseEvent.THREAT,
    CaseEvent.NOT_WITHDRAWN,
    CaseEvent.RED_FLAG_UNCLEAR,
    CaseEvent.SENT_ELSEWHERE,
    CaseEvent.IDENTITY_MISUSE,
)

MOVES: Mapping[tuple[CaseState, CaseEvent], CaseState] = MappingProxyType(
    {
        (_I, CaseEvent.QUEUE): _Q,
        (_I, CaseEvent.REDIRECT): CaseState.REDIRECTED,
        (_Q, CaseEvent.REDIRECT): CaseState.REDIRECTED,  # `worse`: the red flags asked again
        (_I, CaseEvent.TOO_YOUNG): CaseState.CANCELLED,
        (_I, CaseEvent.PURGED): CaseState.CANCELLED,
        (_I, CaseEvent.CANCEL): CaseState.CANCELLED,
        (_Q, CaseEvent.CANCEL): CaseState.CANCELLED,
        (_Q, CaseEvent.EXPIRE): CaseState.EXPIRED,
        (_Q, CaseEvent.TAKE): _A,
        (_A, CaseEvent.RELEASE): _Q,
        (_A, CaseEvent.STAFF_REMOVED): _Q,
        (_A, CaseEvent.CLOSE): CaseState.CLOSED,
        (_A, CaseEvent.END): CaseState.ENDED,
        (_I, CaseEvent.GUARDIAN_STATEMENT): _I,
        (_I, CaseEvent.AMEND): _I,
        (_I, CaseEvent.BACK): _I,
        (_Q, CaseEvent.BACK): _Q,  # during the re-check after `worse`
        (_Q, CaseEvent.WORSE): _Q,
        (_A, CaseEvent.NEWCASE): _A,
        (_A, CaseEvent.RESUME): _A,
        **{(state, event): state for state in OPEN for event in _NOTES_WHILE_OPEN},
    }
)


class RefusedTransition(Exception):
    """A case could not make a move: the table has no such move from its state, or the case
    was no longer in the state the caller read (`moved`)."""

    def __init__(self, case_id: int, state: str, event: CaseEvent, *, moved: bool) -> None:
        why = "was moved meanwhile" if moved else "has no such move"
        super().__init__(f"case {case_id}: {event.value} from {state} refused: {why}")
        self.case_id = case_id
        self.state = state
        self.event = event
        self.moved = moved


def next_state(state: str, event: CaseEvent) -> CaseState | None:
    """Where `event` takes a case in `state`; None when the table has no such move."""
    try:
        return MOVES.get((CaseState(state), event))
    except ValueError:
        return None


def transition(
    repos: Repositories,
    case: Case,
    event: CaseEvent,
    *,
    actor: str,
    at: datetime,
    reason: str | None = None,
    detail: str = "",
    skip_locked: bool = False,
    **fields: Any,
) -> CaseState:
    """Move `case` by `event` (and set `fields`) in the turn's transaction, from the state the
    caller read it in. Written to the case's history with `reason` (the event by default).
    Returns the new state; raises `RefusedTransition` when the move is not made. `skip_locked`:
    a case another transaction holds is passed over (refused) instead of waited for."""
    to_state = next_state(case.state, event)
    if to_state is None:
        raise RefusedTransition(case.id, case.state, event, moved=False)
    made = repos.cases.transition(
        case.id,
        (case.state,),
        to_state.value,
        actor=actor,
        reason=reason or event.value,
        at=at,
        detail=detail,
        skip_locked=skip_locked,
        **fields,
    )
    if not made:
        raise RefusedTransition(case.id, case.state, event, moved=True)
    return to_state


# The intake's steps, in the order a walk may take them. `topic` offers the questionnaires the
# complaint's words suggest (`topic_list`: all of them); `questions` is the questionnaire;
# `confirm` shows a summary before the case is sent, and `amend` asks which answer to change.
# `recheck` is the red-flag screen asked again while queued (the `worse` command). A case out of
# its intake has the step "" (`NO_STEP`).
class IntakeStep(StrEnum):
    LANGUAGE = "language"
    SUBJECT = "subject"
    SELF_AGE = "self_age"
    CHILD_NAME = "child_name"
    CHILD_AGE = "child_age"
    GUARDIAN = "guardian"
    COMPLAINT = "complaint"
    TOPIC = "topic"
    TOPIC_LIST = "topic_list"
    QUESTIONS = "questions"
    CONFIRM = "confirm"
    AMEND = "amend"
    RECHECK = "recheck"


NO_STEP = ""

# Where each step may lead (the step's answer decides which). Leaving the intake (queued,
# redirected, cancelled) is a case transition above and clears the step.
NEXT_STEPS: Mapping[IntakeStep, frozenset[IntakeStep]] = MappingProxyType(
    {
        IntakeStep.LANGUAGE: frozenset({IntakeStep.SUBJECT}),
        IntakeStep.SUBJECT: frozenset(
            {
                IntakeStep.SELF_AGE,
                IntakeStep.CHILD_NAME,
                IntakeStep.CHILD_AGE,
                IntakeStep.COMPLAINT,
            }
        ),
        IntakeStep.SELF_AGE: frozenset({IntakeStep.COMPLAINT}),
        IntakeStep.CHILD_NAME: frozenset({IntakeStep.CHILD_AGE, IntakeStep.SUBJECT}),
        IntakeStep.CHILD_AGE: frozenset({IntakeStep.GUARDIAN, IntakeStep.SUBJECT}),
        IntakeStep.GUARDIAN: frozenset({IntakeStep.COMPLAINT, IntakeStep.SUBJECT}),
        IntakeStep.COMPLAINT: frozenset(
            {IntakeStep.TOPIC, IntakeStep.TOPIC_LIST, IntakeStep.QUESTIONS}
        ),
        # Back to the complaint: not the questionnaire the patient wants (`back`).
        IntakeStep.TOPIC: frozenset(
            {IntakeStep.TOPIC_LIST, IntakeStep.QUESTIONS, IntakeStep.COMPLAINT}
        ),
        IntakeStep.TOPIC_LIST: frozenset({IntakeStep.QUESTIONS, IntakeStep.COMPLAINT}),
        IntakeStep.QUESTIONS: frozenset({IntakeStep.CONFIRM}),
        IntakeStep.CONFIRM: frozenset({IntakeStep.AMEND, IntakeStep.QUESTIONS}),
        IntakeStep.AMEND: frozenset({IntakeStep.QUESTIONS}),
        IntakeStep.RECHECK: frozenset(),
    }
)

# Steps whose answer is the patient's own words (not a choice or a yes/no).
FREE_TEXT_STEPS = frozenset({IntakeStep.CHILD_NAME, IntakeStep.COMPLAINT})
# Steps that walk the questionnaire (its questions, or its red-flag screen again).
WALK_STEPS = frozenset({IntakeStep.QUESTIONS, IntakeStep.RECHECK})
