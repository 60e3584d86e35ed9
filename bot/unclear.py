"""Answers to a warning-sign question that are neither yes nor no ("kanske", "vähän", "i don't
know"), and the short yes and no of Finnish ("on", "olen", "ei ole").

A warning sign is never waved off by a guess, and never asked forever either: after two unsure
answers to the same question (or three that are neither yes nor no, "nej, det går bra" to a
warning sign included) the patient is told, kindly, what to do while unsure (1177 for advice,
112 if it gets worse) and the questionnaire goes on. The question counts as asked, its
answer as unclear (stored as skipped, so no rule fires on it); the case is queued at least P2
and the clinician reads the unclear warning sign at the top of the summary.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.lifecycle import CaseEvent, RefusedTransition, transition
from bot.turn import Turn
from flows.catalog import words
from flows.conditions import SKIPPED, evaluate
from flows.matching import match_key
from flows.model import Item, Questionnaire
from storage.records import Case

log = logging.getLogger(__name__)

UNCLEAR_EVENT = CaseEvent.RED_FLAG_UNCLEAR
UNSURE_ANSWERS_BEFORE_ADVICE = 2
UNCLEAR_ANSWERS_BEFORE_ADVICE = 3
UNCLEAR_PRIORITY = 2
_UNSURE = "unsure"
_APOSTROPHES = str.maketrans("", "", "'’`´")


def yes_no_alone(turn: Turn, text: str) -> bool | None:
    """A yes or no said on its own in a form that elsewhere means something else: Finnish
    answers "Onko…?" with "on" and "Oletko…?" with "olen", but "on" or "en" beside other words
    is no yes or no at all (Swedish "ja, en gång")."""
    typed = match_key(text)
    if typed in {match_key(w) for w in turn.texts.words("words.yes_alone")}:
        return True
    if typed in {match_key(w) for w in turn.texts.words("words.no_alone")}:
        return False
    return None


def is_unsure(turn: Turn, text: str) -> bool:
    """Whether the answer says the patient is unsure ("kanske", "i don't know", "vähän")."""
    typed = f" {' '.join(words(text.translate(_APOSTROPHES)))} "
    phrases = (" ".join(words(p.translate(_APOSTROPHES))) for p in turn.texts.words("words.unsure"))
    return any(f" {phrase} " in typed for phrase in phrases if phrase)


def time_to_advise(turn: Turn, case: Case, item: Item, text: str) -> bool:
    """Record one more answer to the warning sign `item` that was neither yes nor no; whether
    it is time to stop asking and advise (see the module's doc)."""
    mark = f"{item.link_id}@{case.recheck}"
    unsure = is_unsure(turn, text)
    try:
        transition(
            turn.repos,
            case,
            UNCLEAR_EVENT,
            actor="patient",
            at=turn.now,
            detail=f"{mark} {_UNSURE}" if unsure else mark,
        )
    except RefusedTransition as refused:
        # Closed meanwhile: counted from the answers recorded before this one.
        log.warning("%s", refused)
    marks = [e.detail for e in turn.repos.cases.events(case.id) if e.reason == UNCLEAR_EVENT]
    said = [m for m in marks if m.split(" ")[0] == mark]
    unsure_count = sum(1 for m in said if m.endswith(f" {_UNSURE}"))
    return (
        unsure_count >= UNSURE_ANSWERS_BEFORE_ADVICE or len(said) >= UNCLEAR_ANSWERS_BEFORE_ADVICE
    )


def unclear_items(q: Questionnaire, answers: Mapping[str, Any]) -> list[Item]:
    """Warning signs left unclear: a red flag is required, so only unclear answers skip one."""
    enabled, _ = evaluate(q, answers)
    return [i for i in enabled if i.red_flag and answers.get(i.link_id, None) == SKIPPED]


def at_least_unclear_priority(q: Questionnaire, answers: Mapping[str, Any], priority: int) -> int:
    return min(priority, UNCLEAR_PRIORITY) if unclear_items(q, answers) else priority
