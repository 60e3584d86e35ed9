"""Crisis help that never waits (DESIGN 8a).

Explicit words about suicide, self-harm or an overdose, in any patient message and any of our
languages, get the crisis numbers and an urgent staff alert at once: the first message
included, before any language is chosen (then in every language), and whatever the patient
answers afterwards. The case carries it: a crisis event in its log, a priority of at least P1
once queued, and the words at the top of the clinician's summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot.lifecycle import CaseEvent
from bot.texts import shorten
from bot.turn import Turn
from storage.records import Case

CRISIS_EVENT = CaseEvent.CRISIS
CRISIS_PRIORITY = 1


def crisis_text(turn: Turn, languages: Sequence[str]) -> str:
    """The crisis answer in each of `languages` (the one written in first), each once."""
    return "\n\n".join(dict.fromkeys(turn.text(code, "moderation.crisis") for code in languages))


def had_crisis(turn: Turn, case: Case) -> bool:
    return any(event.reason == CRISIS_EVENT for event in turn.repos.cases.events(case.id))


def at_least_crisis_priority(turn: Turn, case: Case, priority: int) -> int:
    """A case whose patient wrote crisis words is queued at P1 whatever was answered later
    (DESIGN 8a; domain notes: suicidal intent without acute danger is Prio 1)."""
    return min(priority, CRISIS_PRIORITY) if had_crisis(turn, case) else priority


def crisis_lines(turn: Turn, lang: str, case: Case, when: Callable[[datetime], str]) -> list[str]:
    """The top of the clinician's summary: the patient's own words that brought crisis help.
    `when` formats a time; the words are the patient's lines of the turn that raised it."""
    times = [e.at for e in turn.repos.cases.events(case.id) if e.reason == CRISIS_EVENT]
    if not times:
        return []
    lines = [turn.text(lang, "summary.crisis")]
    record = turn.repos.record.of_case(case.id)
    for at in dict.fromkeys(times):
        said = [line.body for line in record if line.author_role == "patient" and line.at == at]
        for body in said or ["-"]:
            lines.append(f"• {when(at)}: ”{shorten(body, 300)}”")
    return lines
