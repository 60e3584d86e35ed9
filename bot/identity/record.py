"""What the record shows about identity: lines for the clinician's case summary, and the part of
the patient's own export (`mydata`) about their logins."""

from __future__ import annotations

from typing import Any

from bot.identity.personnummer import mask_personnummer
from bot.lifecycle import CaseEvent
from bot.turn import Turn
from storage.records import Case, Patient, Subject
from storage.repositories import Repositories

MISUSE = CaseEvent.IDENTITY_MISUSE
"""The case event a misuse report leaves on each open case of the person."""


def _written(digits: str) -> str:
    """``YYYYMMDD-NNNN``: how staff write a personnummer in the record."""
    return f"{digits[:8]}-{digits[8:]}"


def summary_lines(turn: Turn, lang: str, case: Case, subject: Subject | None) -> list[str]:
    """Who the case is about, as verified: the clinician needs it to find the right record, and
    to see at once when the identity came from the demo provider and proves nothing."""
    lines = []
    patient = turn.repos.patients.get(case.patient_id)
    login = turn.repos.bindings.latest_of_patient(case.patient_id)
    if patient is not None and patient.personnummer is not None and login is not None:
        for_child = subject is not None and subject.kind == "child"
        lines.append(
            turn.text(
                lang,
                "identity.summary_guardian" if for_child else "identity.summary_patient",
                name=login.name or turn.text(lang, "identity.name_unknown"),
                personnummer=_written(patient.personnummer),
                how=turn.text(lang, f"identity.how.{login.provider}"),
            )
        )
    if subject is not None and subject.personnummer is not None:
        lines.append(
            turn.text(lang, "identity.summary_child", personnummer=_written(subject.personnummer))
        )
    return lines


def export_part(repos: Repositories, patient: Patient) -> dict[str, Any] | None:
    """The patient's identity and logins. The personnummer is masked: the export travels through
    the chat platform, and the patient knows their own number."""
    if patient.personnummer is None:
        return None
    logins = repos.bindings.of_patient(patient.id)
    return {
        "personnummer": mask_personnummer(patient.personnummer),
        "name": logins[-1].name if logins else "",
        "logins": [
            {
                "chat": b.account.platform,
                "provider": b.provider,
                "verified": b.verified_at.isoformat(),
                "ended": b.ended_at.isoformat() if b.ended_at else None,
                "why_ended": b.end_reason,
            }
            for b in logins
        ],
    }
