"""What a patient may know about their own data: the privacy notice, an export, who looked."""

from __future__ import annotations

import json
from typing import Any

from bot.context import Services
from bot.identity.record import export_part
from bot.turn import Turn
from flows.fhir import questionnaire_response
from storage.records import Address, Patient, RecordLine


def export(turn: Turn, services: Services, patient: Patient) -> dict[str, Any]:
    """Everything stored about this patient (their own data only), as plain JSON, with each
    questionnaire's answers also as a FHIR R4 QuestionnaireResponse."""
    repos = turn.repos
    cases = []
    for case in repos.cases.of_patient(patient.id):
        subject = repos.subjects.get(case.subject_id) if case.subject_id else None
        answers = repos.answers.of_case(case.id)
        q = services.questionnaires.get(case.questionnaire_id or "")
        fhir = None
        if q is not None and answers and case.state != "intake":
            context: dict[str, Any] = {"for_child": subject is not None and subject.kind == "child"}
            if subject is not None and subject.age_months is not None:
                context["child_age_months"] = subject.age_months
            fhir = questionnaire_response(
                q,
                {**context, **answers},
                subject_ref=f"Patient/{patient.id}",
                authored=case.queued_at or case.created_at,
                lang=case.language,
            )
        cases.append(
            {
                "case": case.id,
                "state": case.state,
                "for": None
                if subject is None
                else {"kind": subject.kind, "name": subject.name, "age_months": subject.age_months},
                "complaint": case.complaint,
                "questionnaire": case.questionnaire_id,
                "questionnaire_version": case.questionnaire_version,
                "outcome": case.outcome,
                "priority": case.priority,
                "close_outcome": case.close_outcome,
                "created": case.created_at.isoformat(),
                "answers": answers,
                "fhir_questionnaire_response": fhir,
                # Staff-only notes belong to the clinician's record, requested through the region.
                "messages": [
                    _message(line)
                    for line in repos.record.of_case(case.id)
                    if line.author_role != "note"
                ],
            }
        )
    return {
        "language": patient.language,
        "mobile": patient.mobile,
        "email": patient.email,
        "identity": export_part(repos, patient),
        "cases": cases,
    }


def _message(line: RecordLine) -> dict[str, str]:
    shown = {"at": line.at.isoformat(), "from": line.author_role, "text": line.body}
    if line.written_at is not None:
        # Read long after it was written (bot/late.py): both times are the truth.
        shown["written"] = line.written_at.isoformat()
    return shown


def accesses(turn: Turn, services: Services, patient: Patient, lang: str) -> str:
    """Which staff accessed the patient's cases, when, and how (from the audit log)."""
    lines = []
    for case in turn.repos.cases.of_patient(patient.id):
        for at, staff, action, _ in turn.repos.audit.entries_of_case(case.id):
            platform, _, chat = staff.partition(":")
            member = turn.repos.staff.get(Address(platform, chat))
            who = f"{member.name}, {member.title}" if member else staff
            when = at.astimezone(services.calendar.tz).strftime("%Y-%m-%d %H.%M")
            what = turn.text(lang, f"privacy.action.{action}") if action in ACTIONS else action
            lines.append(
                turn.text(
                    lang, "privacy.access_line", case_id=case.id, when=when, who=who, what=what
                )
            )
    if not lines:
        return turn.text(lang, "privacy.no_access")
    return "\n".join([turn.text(lang, "privacy.access_header"), *lines])


ACTIONS = ("take", "read_summary", "note", "close", "release", "video", "end", "audit", "export")


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
