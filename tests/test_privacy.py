"""A patient's own data: the privacy notice, the export, who accessed it; the admin's audit."""

from __future__ import annotations

import json

from tests.conftest import Chat


def _json_after_intro(printed: str) -> dict[str, object]:
    start = printed.index("{")
    end = printed.rindex("}") + 1
    lines = [
        line[4:] if line.startswith("    ") else line for line in printed[start:end].split("\n")
    ]
    return json.loads("\n".join(lines))  # type: ignore[no-any-return]


async def test_privacy_says_what_is_kept_and_for_how_long(chat: Chat) -> None:
    printed = await chat.say("integritet")
    assert "minst 10 år" in printed and "tas bort efter 24 timmar" in printed


async def test_mydata_exports_only_the_patients_own_data(chat: Chat) -> None:
    await chat.start_to_queue("patient", "Halsen gör ont sedan i går")
    await chat.start_to_queue("patient2", "Utslag på armen")
    await chat.say("clinician: !take 1")
    await chat.say("clinician: !note Hemlig personalanteckning")
    await chat.say("clinician: Hur länge?")
    printed = await chat.say("!mydata")
    data = _json_after_intro(printed)
    cases = data["cases"]
    assert isinstance(cases, list) and len(cases) == 1
    assert cases[0]["complaint"] == "Halsen gör ont sedan i går"
    texts = [m["text"] for m in cases[0]["messages"]]
    assert "Hur länge?" in texts
    assert "Hemlig personalanteckning" not in printed
    assert "Utslag på armen" not in printed
    other = await chat.say("patient2: !mydata")
    assert "Halsen gör ont" not in other and "Utslag på armen" in other


async def test_a_patient_sees_who_accessed_the_case_and_admins_audit_it(chat: Chat) -> None:
    printed = await chat.say("åtkomst")
    assert "Ingen i vårdpersonalen har öppnat" in printed
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    printed = await chat.say("!access")
    assert "Anna Lind, sjuksköterska – tog ärendet" in printed
    assert "Anna Lind, sjuksköterska – läste sammanfattningen" in printed
    printed = await chat.say("admin: !audit 1")
    assert "Åtkomst till ärende #1:" in printed and "shell:clinician take" in printed
    audit = await chat.repos(lambda r: r.audit.of_case(1))
    assert ("shell:admin", "audit") in audit
    printed = await chat.say("clinician: !audit 1")
    assert "Kommandot audit är bara för administratörer." in printed


async def test_the_export_carries_a_valid_fhir_questionnaire_response(chat: Chat) -> None:
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    await chat.start_to_queue()
    printed = await chat.say("!mydata")
    response = _json_after_intro(printed)["cases"][0]["fhir_questionnaire_response"]  # type: ignore[index]
    parsed = QuestionnaireResponse.model_validate(response)
    assert parsed.status == "completed"
    assert parsed.questionnaire is not None and parsed.questionnaire.endswith("|1.1.0")
    link_ids = {item.linkId for item in parsed.item or []}
    assert {"rf_breathing", "rf_chest", "pain"} <= link_ids
