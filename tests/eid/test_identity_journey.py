"""The whole bot with e-ID: the patient writes, gets a one-time link, logs in through the bot's
web endpoint (against the local OpenID Connect provider or the BankID fake), is bound to the right
person, answers the questionnaire, is queued, taken, talks with the clinician and is closed."""

from __future__ import annotations

from storage.records import Address
from storage.repositories import Repositories
from tests.eid.conftest import ALICE, BOB, JourneyFactory

PATIENT = Address("shell", "patient")


async def test_oidc_journey_from_first_words_to_close(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    chat = j.chat
    printed = await chat.say("hej, jag har ont i halsen")
    # Before the login there is no care: no questions, no case, only the link.
    assert "Logga in med din e-legitimation" in printed
    assert "Vem söker du vård för" not in printed
    assert await chat.repos(lambda r: r.cases.count_by_state()) == {}
    link = j.link(printed)
    assert "/login/" in link

    said, _ = await j.login_oidc(link, ALICE)
    assert "[bot → patient] Tack! Nu vet vi att det är du." in said
    assert "Du är inloggad som Alice Andersson (19811218-****)" in said
    assert "198112189876" not in said and "9876" not in said
    assert "Vilket språk vill du använda?" in said  # someone new: the language first
    printed = await chat.say("1")  # svenska
    assert "Vill du få ett sms när det är din tur?" in printed

    printed = await chat.say("070-123 45 67")
    assert "070-123 45 67" in printed and "e-postadress" in printed
    printed = await chat.say("alice@exempel.se")
    assert "Tack! Du kan ändra dina kontaktuppgifter" in printed
    assert "Vem söker du vård för?" in printed  # care begins

    await chat.say("1")  # mig själv
    await chat.say("Ont i halsen sedan i går")
    printed = await chat.answer_calmly()
    assert "[bot → staff] Nytt ärende #1" in printed

    def person(repos: Repositories) -> tuple[str | None, str | None, str | None, bool]:
        patient = repos.patients.by_account(PATIENT)
        case = repos.cases.get(1)
        assert patient is not None and case is not None
        owns = case.patient_id == patient.id
        return patient.personnummer, patient.mobile, patient.email, owns

    assert await chat.repos(person) == (
        ALICE.personal_number,
        "+46701234567",
        "alice@exempel.se",
        True,
    )

    printed = await chat.say("clinician: !next")
    assert "Patient: Alice Andersson, 19811218-9876 (inloggad med e-legitimation)" in printed
    assert "[bot → sms] Det är din tur" in printed
    printed = await chat.say("clinician: Hur länge har du haft feber?")
    assert "[clinician → patient] Hur länge har du haft feber?" in printed
    printed = await chat.say("Sedan i förrgår.")
    assert "[patient → clinician] Sedan i förrgår." in printed
    printed = await chat.say("clinician: !close")
    assert "[bot → patient] Ärendet är nu avslutat." in printed

    binding = await chat.repos(lambda r: r.bindings.live(PATIENT))
    assert binding is not None and binding.provider == "oidc" and binding.name == "Alice Andersson"


async def test_bankid_journey_binds_the_right_person(journeys: JourneyFactory) -> None:
    j = await journeys("bankid")
    chat = j.chat
    printed = await chat.say("hej")
    link = j.link(printed)
    assert "/bankid/" in link
    said = await j.login_bankid(link, BOB)
    assert "Du är inloggad som Tolvan Tolvansson (19121212-****)" in said
    await chat.say("1")  # svenska
    await chat.say("hoppa över")
    await chat.say("hoppa över")
    await chat.say("1")  # mig själv
    await chat.say("Utslag på armen")
    printed = await chat.answer_calmly()
    assert "Nytt ärende #1" in printed
    printed = await chat.say("clinician: !next")
    assert "Patient: Tolvan Tolvansson, 19121212-1212 (inloggad med BankID)" in printed
    printed = await chat.say("clinician: Kliar det?")
    assert "[clinician → patient] Kliar det?" in printed
    printed = await chat.say("Ja, mest på kvällen.")
    assert "[patient → clinician] Ja, mest på kvällen." in printed
    printed = await chat.say("clinician: !close")
    assert "Ärendet är nu avslutat." in printed
    bound = await chat.repos(lambda r: r.patients.by_personnummer(BOB.personal_number))
    owner = await chat.repos(lambda r: r.cases.get(1))
    assert bound is not None and owner is not None and owner.patient_id == bound.id
