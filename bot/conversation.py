"""The conversation of a case since it was sent, as the clinician who takes it reads it.

The answers are in the summary already; what the patient wrote afterwards is not ("Jag är
allergisk mot penicillin, viktigt!" while waiting), nor, after a `release`, what the patient and
the previous clinician said. Staff-only notes are shown too: the reader is staff.
"""

from __future__ import annotations

from datetime import datetime

from bot.context import Services
from bot.late import written_when
from bot.turn import Turn
from storage.records import Address, Case, RecordLine

# The last lines shown on a take: enough for a released chat or a long wait, short enough to read
# at a glance; the rest stays in the record, and the summary says how many were left out.
SHOWN_LINES = 30

_ROLES = ("patient", "clinician", "note")


def since_sent(lines: list[RecordLine], sent_at: datetime | None) -> list[RecordLine]:
    """Patient, clinician and note lines recorded after the case was sent, oldest first.

    Lines recorded at the sending itself (the "send" answer) belong to the intake. A line read
    late (`written_at`) is listed with the late ones, where it says when it was written."""
    if sent_at is None:
        return []
    return [
        line
        for line in lines
        if line.author_role in _ROLES and line.written_at is None and line.at > sent_at
    ]


def conversation_lines(turn: Turn, services: Services, lang: str, case: Case) -> list[str]:
    """A titled section for the summary, the last `SHOWN_LINES` lines with the time each was
    written and who wrote it; empty when nothing was written since the case was sent."""
    sent = [e.at for e in turn.repos.cases.events(case.id) if e.to_state == "queued"]
    lines = since_sent(turn.repos.record.of_case(case.id), min(sent) if sent else None)
    if not lines:
        return []
    shown = lines[-SHOWN_LINES:]
    out = [turn.text(lang, "summary.conversation")]
    if len(lines) > len(shown):
        out.append(turn.text(lang, "summary.conversation_more", count=len(lines) - len(shown)))
    # The chat belongs to the guardian in a child's case: the child does not write.
    subject = turn.repos.subjects.get(case.subject_id) if case.subject_id else None
    child = subject is not None and subject.kind == "child"
    patient = turn.text(lang, "summary.by_guardian" if child else "summary.by_patient")
    names: dict[str, str] = {}
    for line in shown:
        if line.author_role == "patient":
            who = patient
        else:
            if line.author not in names:
                names[line.author] = _staff_name(turn, line.author) or turn.text(
                    lang, "summary.by_staff"
                )
            who = names[line.author]
            if line.author_role == "note":
                who = turn.text(lang, "summary.by_note", name=who)
        when = written_when(turn, services, lang, line.at)
        out.append(f"• {when} {who}: {line.body}")
    return out


def _staff_name(turn: Turn, key: str) -> str | None:
    try:
        address = Address.from_key(key)
    except ValueError:
        return None
    # Someone since removed from the staff is no longer listed: their words still count.
    member = turn.repos.staff.get(address)
    return member.name if member is not None and member.name else None
