"""Identity around care itself: a guardian seeks care for a child by the child's personnummer,
the demo provider says DEMO in every conversation, re-identification per case, and contact
details that the patient can change later."""

from __future__ import annotations

from bot.assembly import warnings
from bot.config import Config
from storage.records import Address
from storage.repositories import Repositories
from tests.eid.conftest import ALICE, JourneyFactory, log_in, personnummer

PATIENT = Address("shell", "patient")


async def test_a_guardian_seeks_care_for_a_child_by_the_childs_personnummer(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    said = await log_in(j, ALICE)
    assert "Vilket språk" in said  # asked first, before the contact questions
    await j.chat.say("2")  # my child under 13
    printed = await j.chat.say("Ingrid")
    assert "Vilket personnummer har Ingrid? Skriv alla tolv siffror" in printed
    printed = await j.chat.say("7")
    assert "Det är inte ett giltigt personnummer" in printed
    printed = await j.chat.say("20190315-0000")
    assert "Det är inte ett giltigt personnummer" in printed
    # A child who has turned 13 seeks care on their own e-ID.
    printed = await j.chat.say(personnummer("20100101"))
    assert "Barn som har fyllt 13 år kan söka vård själva" in printed
    printed = await j.chat.say("2")  # Ingrid, now in the list
    assert "Vilket personnummer har Ingrid?" in printed
    child = personnummer("20190315")
    printed = await j.chat.say(f"{child[:8]}-{child[8:]}")
    assert "Är du vårdnadshavare för Ingrid?" in printed
    await j.chat.say("1")  # yes
    await j.chat.say("Feber sedan i natt")
    printed = await j.chat.answer_calmly()
    assert "Nytt ärende #1" in printed
    summary = await j.chat.say("clinician: !next")
    assert "Gäller barn: Ingrid, 7 år 8 mån" in summary
    statement = "Jag intygar att jag är vårdnadshavare för Ingrid."
    assert f"Vårdnadshavarens intygande: {statement}" in summary
    assert "Vårdnadshavare: Alice Andersson, 19811218-9876 (inloggad med e-legitimation)" in summary
    assert f"Barnets personnummer: {child[:8]}-{child[8:]}" in summary


async def test_the_demo_provider_says_demo_in_every_conversation(journeys: JourneyFactory) -> None:
    j = await journeys("demo")
    printed = await j.chat.say("hej")
    assert "DEMO: Det här är en demoversion utan riktig identifiering" in printed
    assert "Skriv ett personnummer för att fortsätta" in printed
    assert "http" not in printed  # no login link: nothing is verified in demo mode
    printed = await j.chat.say("19121212-1213")
    assert "Det är inte ett giltigt personnummer" in printed
    printed = await j.chat.say("19121212-1212")
    assert "DEMO" in printed
    assert "Du är inloggad med personnummer 19121212-****" in printed
    await j.chat.say("1")  # svenska
    await j.chat.say("hoppa över")
    printed = await j.chat.say("hoppa över")
    assert printed.count("DEMO") == 0  # said once per conversation, not on every line
    await j.chat.say("1")  # myself
    await j.chat.say("Värk i vänster knä")
    await j.chat.answer_calmly()
    summary = await j.chat.say("clinician: !next")
    assert "Patient: namn okänt, 19121212-1212 (DEMO, inte verifierad)" in summary
    await j.chat.say("clinician: !close")
    j.clock.advance(hours=3)
    printed = await j.chat.say("hej igen, nu har jag ont i ryggen")
    assert "DEMO: Det här är en demoversion" in printed
    assert "Vem söker du vård för?" in printed
    assert printed.index("DEMO") < printed.index("Vem söker du vård för?")


def test_minvard_check_warns_loudly_about_the_demo_provider() -> None:
    config = Config.model_validate({"identity": {"provider": "demo"}})
    (warning,) = warnings(config)
    assert "identity.provider" in warning and "Never use it with real patients" in warning
    assert warnings(Config()) == []


async def test_reidentification_per_case(journeys: JourneyFactory) -> None:
    j = await journeys("oidc", reidentify_per_case=True)
    said = await log_in(j, ALICE)
    await j.chat.say("1")  # svenska
    await j.chat.say("1")  # myself
    await j.chat.say("Värk i vänster knä")
    await j.chat.answer_calmly()
    await j.chat.say("clinician: !next")
    await j.chat.say("clinician: !close")
    # Right after the close the rating still belongs to the case that was verified.
    assert "Vill du lägga till något?" in await j.chat.say("5")
    j.clock.advance(hours=3)
    printed = await j.chat.say("hej, nu har jag ont i ryggen")
    assert "Du behöver logga in med e-legitimation igen för varje nytt ärende" in printed
    assert await j.chat.repos(lambda r: r.cases.count_by_state()) == {"closed": 1}
    said, _ = await j.login_oidc(j.link(printed), ALICE)
    assert "Du är inloggad som Alice Andersson" in said
    assert "Vill du få ett sms" not in said  # contact details were given at the first login
    assert "Vem söker du vård för?" in said
    logins = await j.chat.repos(lambda r: r.bindings.of_patient(1))
    assert [b.end_reason for b in logins] == ["renewed", None]
    assert logins[0].ended_at is not None and logins[1].ended_at is None


async def test_contact_details_at_the_first_login_and_later(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    said, _ = await j.login_oidc(j.link(await j.chat.say("hej")), ALICE)
    assert "Vilket språk" in said and "1. Svenska" in said  # someone new: the language first
    said = await j.chat.say("1")
    assert "Vill du få ett sms" in said and "1. Hoppa över" in said
    printed = await j.chat.say("0123 45")
    assert "Det ser inte ut som ett mobilnummer" in printed
    printed = await j.chat.say("nej")
    assert "Vill du också lämna din e-postadress?" in printed
    printed = await j.chat.say("alice@")
    assert "Det ser inte ut som en e-postadress" in printed
    printed = await j.chat.say("Alice.A@Exempel.SE")
    assert "Tack! Du kan ändra dina kontaktuppgifter" in printed
    assert "Vem söker du vård för?" in printed
    printed = await j.chat.say("!epost")
    assert "Din e-postadress hos oss är Alice.A@exempel.se." in printed
    printed = await j.chat.say("epost alice@example.org")
    assert "Tack! Vi har sparat din e-postadress alice@example.org." in printed
    assert "ser inte ut" in await j.chat.say("epost alice")
    assert "borttagen" in await j.chat.say("epost ta bort")
    assert "070-123 45 67" in await j.chat.say("mobil 070-123 45 67")
    patient = await j.chat.repos(lambda r: r.patients.by_account(PATIENT))
    assert patient is not None and patient.email is None and patient.mobile == "+46701234567"


async def test_after_the_retention_period_the_person_is_forgotten_too(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("demo")
    chat = j.chat
    await chat.say("hej")
    await chat.say("19121212-1212")
    await chat.say("1")  # svenska
    await chat.say("070-123 45 67")
    await chat.say("tolvan@exempel.se")
    await chat.say("2")  # a child
    await chat.say("Mia")
    await chat.say("20200101-2398")
    await chat.say("1")  # guardian
    await chat.say("Andra besvär")
    await chat.answer_calmly()
    await chat.say("clinician: !next")
    await chat.say("clinician: !close")

    def known(repos: Repositories) -> tuple[object, ...]:
        patient = repos.patients.by_account(PATIENT)
        assert patient is not None
        return (
            patient.personnummer,
            patient.mobile,
            patient.email,
            [c.name for c in repos.subjects.children_of(patient.id)],
            repos.bindings.live(PATIENT) is not None,
        )

    j.clock.advance(days=366 * 9)
    await chat.service.tick()
    kept = await chat.repos(known)
    assert kept == ("191212121212", "+46701234567", "tolvan@exempel.se", ["Mia"], True)

    j.clock.advance(days=366 + 1)
    await chat.service.tick()
    assert await chat.repos(lambda r: r.cases.get(1)) is None
    assert await chat.repos(known) == (None, None, None, [], False)
