"""Which case a clinician's line is for: explicit, never guessed (DESIGN 13, issue 13).

A clinician may hold several cases. A line (or a command about a case: note, close, ...) goes to
a case only when that is unambiguous:
- it was written in the patient's own room (Matrix: the room is the case),
- it starts with `#N` (`#2 Hej, hur mår du?`, `!note #2 ...`, `#2 !note ...`),
- it answers a relayed line (`Incoming.case_hint`, filled by the adapter from its relay map),
- or the clinician has one active case.
Otherwise it is held (storage/held_lines.py) and the clinician is asked which case; the answer
(the number of a choice, or `#N`) sends the held line there, and only then.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from bot.texts import shorten
from bot.turn import Turn
from storage.held_lines import HeldLine
from storage.records import Address, Case

log = logging.getLogger(__name__)

# A held line older than this is forgotten, not sent: an answer typed long after the question
# was asked is more likely meant for something else.
HELD_FOR = timedelta(minutes=15)
_PREFIX = re.compile(r"#([0-9]+)(?:\s+|$)")


def split_case_prefix(text: str) -> tuple[int | None, str]:
    """`#2 Hej` -> (2, "Hej"); a line without a leading case number comes back whole."""
    match = _PREFIX.match(text)
    if match is None:
        return None, text
    return int(match.group(1)), text[match.end() :].strip()


@dataclass(frozen=True)
class Addressed:
    """The case a line is for; or the case number it named that is not one of theirs."""

    case: Case | None
    refused: int | None = None


def address_case(
    active: list[Case], *, chat: Address, hint: int | None, named: int | None
) -> Addressed:
    """The case a clinician's line is for, from what makes it explicit. `case` None and
    `refused` None with active cases means it is ambiguous: ask."""
    for case in active:
        if case.patient == chat:
            return Addressed(case)  # written where the patient reads: the room is the case
    by_id = {case.id: case for case in active}
    pointers = {p for p in (named, hint) if p is not None}
    for pointer in sorted(pointers):
        if pointer not in by_id:
            return Addressed(None, pointer)
    if len(pointers) == 1:
        return Addressed(by_id[pointers.pop()])
    if not pointers and len(active) == 1:
        return Addressed(active[0])
    return Addressed(None)  # none named and several cases, or a reply and a number that differ


def chosen_case(held: HeldLine, text: str) -> int | None:
    """The case a typed answer picks from the held line's choices: its number, or `#N`."""
    answer = text.strip()
    if answer.isdecimal() and 1 <= int(answer) <= len(held.cases):
        return held.cases[int(answer) - 1]
    named, rest = split_case_prefix(answer)
    if named is not None and not rest and named in held.cases:
        return named
    return None


def take_held(turn: Turn, staff: Address, text: str) -> tuple[HeldLine, int] | None:
    """If `text` answers the question about a held line: that line and the chosen case id,
    the line no longer held. A line held too long is forgotten here."""
    held = turn.repos.held.get(staff)
    if held is None:
        return None
    if turn.now - held.held_at > HELD_FOR:
        turn.repos.held.drop(staff)
        log.info("a held staff line was forgotten unanswered")
        return None
    case_id = chosen_case(held, text)
    if case_id is None:
        return None
    turn.repos.held.drop(staff)
    return held, case_id


def case_label(turn: Turn, lang: str, case: Case) -> str:
    complaint = shorten(case.complaint or "", 30)
    return turn.text(
        lang,
        "staff.case_choice",
        case_id=case.id,
        complaint=complaint[:1].upper() + complaint[1:],
        priority=case.priority if case.priority is not None else "-",
    ).strip()


def case_numbers(turn: Turn, lang: str, cases: list[Case]) -> str:
    """'#1 eller #2', '#1, #2 eller #3'."""
    tags = [f"#{case.id}" for case in sorted(cases, key=lambda c: c.id)]
    if len(tags) < 2:
        return "".join(tags)
    return f"{', '.join(tags[:-1])} {turn.text(lang, 'staff.or_word')} {tags[-1]}"


def hold(
    turn: Turn, staff: Address, lang: str, active: list[Case], line: str, attachment: str | None
) -> None:
    """Keep the line and ask which case it is for (privately: a question in the staff room
    could be answered by someone else)."""
    ordered = sorted(active, key=lambda c: c.id)
    replaced = turn.repos.held.get(staff)
    turn.repos.held.forget_before(turn.now - HELD_FOR)  # anyone's, answered or not
    turn.repos.held.put(HeldLine(staff, line, attachment, tuple(c.id for c in ordered), turn.now))
    log.info("held a staff line: %d active cases and none named", len(ordered))
    question = turn.text(lang, "staff.which_case", line=shorten(line))
    if replaced is not None and turn.now - replaced.held_at <= HELD_FOR:
        question = turn.text(lang, "staff.held_replaced") + " " + question
    turn.send(staff, question, choices=[case_label(turn, lang, c) for c in ordered])


def several_cases_hint(turn: Turn, staff: Address, lang: str, active: list[Case]) -> None:
    """Told when a clinician takes a second (third, ...) case: how to address each."""
    if len(active) < 2:
        return
    turn.say(
        staff,
        lang,
        "staff.several_cases",
        count=len(active),
        cases=case_numbers(turn, lang, active),
    )


def not_yours(turn: Turn, to: Address, lang: str, case_id: int, active: list[Case]) -> None:
    if active:
        turn.say(
            to,
            lang,
            "staff.not_your_case",
            case_id=case_id,
            cases=case_numbers(turn, lang, active),
        )
    else:
        turn.say(to, lang, "staff.not_your_case_none", case_id=case_id)
