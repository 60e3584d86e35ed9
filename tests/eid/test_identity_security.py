"""Identity's security promises, end to end through the chat and the e-ID endpoint: links work
once and briefly, a chat account acts for one verified person only, a second chat of the same
person shares their record, and a misuse report logs every chat of that person out."""

from __future__ import annotations

from storage.records import Address
from tests.eid.conftest import ALICE, BOB, JourneyFactory, log_in, personnummer, to_queue

PATIENT = Address("shell", "patient")
PATIENT2 = Address("shell", "patient2")


async def test_an_expired_link_is_refused_and_a_new_one_works(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    old = j.link(await j.chat.say("hej"))
    j.clock.advance(minutes=5, seconds=1)
    status, _, page = await j.get(old)
    assert status == 410 and "gått ut" in page
    assert await j.output() == ""
    assert await j.chat.repos(lambda r: r.bindings.live(PATIENT)) is None
    printed = await j.chat.say("hej igen")
    new = j.link(printed)
    assert new != old
    said, _ = await j.login_oidc(new, ALICE)
    assert "Du är inloggad som Alice Andersson" in said


async def test_a_replayed_link_or_callback_binds_nobody_again(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    link = j.link(await j.chat.say("hej"))
    said, callback = await j.login_oidc(link, ALICE)
    assert "inloggad" in said
    status, _, page = await j.get(link)
    assert status == 410 and "redan använd" in page
    # Someone with Bob's e-ID replays the link and the callback: nothing changes.
    j.provider.person = BOB
    status, _, _ = await j.get(callback)
    assert status == 400
    assert await j.output() == ""
    logins = await j.chat.repos(lambda r: r.bindings.of_patient(1))
    assert [(b.personnummer, b.ended_at) for b in logins] == [(ALICE.personal_number, None)]


async def test_a_typed_personnummer_is_never_an_identity(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    printed = await j.chat.say("19121212-1212")
    assert "Logga in med din e-legitimation" in printed
    printed = await j.chat.say("!start")
    assert "Logga in med din e-legitimation" in printed
    assert await j.chat.repos(lambda r: r.bindings.live(PATIENT)) is None
    assert await j.chat.repos(lambda r: r.cases.count_by_state()) == {}


async def test_help_privacy_and_language_work_before_the_login(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    printed = await j.chat.say("hjälp")
    assert "start – börja ett nytt ärende" in printed and "!missbruk" in printed
    printed = await j.chat.say("integritet")
    assert "sparar vi ditt personnummer och namn" in printed
    printed = await j.chat.say("!språk en")
    assert "Now I will write in English." in printed
    printed = await j.chat.say("status")
    assert "Log in with your e-ID" in printed and "Logga in" not in printed
    printed = await j.chat.say("!missbruk")
    assert "not connected to any e-ID" in printed


async def test_a_chat_account_acts_for_one_person_only(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    await to_queue(j, await log_in(j, ALICE), "Värk i vänster knä")
    await to_queue(j, await log_in(j, BOB, role="patient2"), "Kliande prickar", role="patient2")

    alice = await j.chat.say("!minadata")
    assert "Värk i vänster knä" in alice and "19811218-****" in alice
    assert "Kliande prickar" not in alice and "19121212" not in alice
    bob = await j.chat.say("patient2: !minadata")
    assert "Kliande prickar" in bob and "19121212-****" in bob
    assert "Värk i vänster knä" not in bob and "19811218" not in bob
    status = await j.chat.say("patient2: status")
    assert "Du är nummer 2 i kön" in status and "[bot → patient]" not in status
    access = await j.chat.say("patient2: åtkomst")
    assert "Ingen i vårdpersonalen har öppnat" in access
    await j.chat.say("clinician: !take 1")
    access = await j.chat.say("patient2: åtkomst")
    assert "Ingen i vårdpersonalen har öppnat" in access  # Alice's case is not Bob's business


async def test_logging_in_as_someone_else_moves_the_chat_to_that_person(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    await to_queue(j, await log_in(j, ALICE), "Värk i vänster knä")
    # A fresh link for this chat (as after a new login prompt), completed with Bob's e-ID.
    link = j.web.login_url(await j.web.issue_link(PATIENT.key()))
    said, _ = await j.login_oidc(link, BOB)
    assert "Du är inloggad som Tolvan Tolvansson" in said
    printed = await j.chat.say("!minadata")
    assert "Värk i vänster knä" not in printed and "19121212-****" in printed
    printed = await j.chat.say("status")
    assert "Du är nummer" not in printed
    logins = await j.chat.repos(lambda r: r.audit.of_actor(PATIENT))
    assert [a for a, _ in logins] == ["identity_bound", "identity_ended", "identity_bound"]
    assert "replaced" in logins[1][1]


async def test_a_second_chat_of_the_same_person_shares_the_record(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    said = await log_in(j, ALICE, register=False)
    await j.chat.say("1")  # svenska
    await j.chat.say("070-123 45 67")
    said = await j.chat.say("hoppa över")
    await to_queue(j, said, "Värk i vänster knä")

    said = await log_in(j, ALICE, role="patient2")
    # No contact questions again, the first chat hears of the new login, and so does the phone.
    assert "Vill du få ett sms" not in said
    assert "[bot → patient2] Tack! Nu vet vi att det är du." in said
    assert "[bot → patient] Din e-legitimation har just använts" in said
    assert "[bot → sms] Din e-legitimation har använts för att logga in" in said
    assert "[bot → patient2] Du har redan ett pågående ärende som du började i en annan" in said
    exported = await j.chat.say("patient2: !minadata")
    assert "Värk i vänster knä" in exported
    # One open case per person, whichever chat they write from.
    await j.chat.say("patient2: !start")
    printed = await j.chat.say("patient2: 1")  # myself
    assert "Du har redan ett pågående ärende för dig själv" in printed
    same = await j.chat.repos(
        lambda r: (r.patients.by_account(PATIENT), r.patients.by_account(PATIENT2))
    )
    assert same[0] is not None and same[1] is not None and same[0].id == same[1].id


async def test_a_misuse_report_logs_out_every_chat_and_alerts_staff(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    await to_queue(j, await log_in(j, ALICE), "Värk i vänster knä")
    await log_in(j, ALICE, role="patient2")
    printed = await j.chat.say("patient2: !missbruk")
    assert "[bot → patient2] Vi har loggat ut alla chattar" in printed
    assert "Spärra din e-legitimation" in printed and "Polisanmäl" in printed
    alerts = [line for line in printed.splitlines() if line.startswith("[bot → staff]")]
    assert len(alerts) == 1
    assert "2 inloggningar" in alerts[0] and "#1" in alerts[0]
    assert "[bot → admin] ⚠ En patient tror" in printed
    for personal in ("Alice", "Andersson", "19811218", "811218", "070"):
        assert personal not in "\n".join(alerts)

    live = await j.chat.repos(lambda r: r.bindings.live_of_person(ALICE.personal_number))
    assert live == []
    assert ("identity_misuse", "2 bindings ended") in await j.chat.repos(
        lambda r: r.audit.of_actor(PATIENT2)
    )
    # Both chats must log in again before anything but help and privacy.
    assert "Logga in med din e-legitimation" in await j.chat.say("status")
    assert "Logga in med din e-legitimation" in await j.chat.say("patient2: !minadata")
    # The clinician who takes the open case later is warned before sharing anything.
    printed = await j.chat.say("clinician: !next")
    assert "⚠ Patienten har anmält att någon annan kan ha använt hens e-legitimation" in printed
    assert "Kontrollera identiteten innan du lämnar ut uppgifter." in printed


async def test_missbruk_as_a_plain_word_is_what_the_patient_seeks_care_for(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    said = await log_in(j, ALICE)
    await j.chat.say("1")  # myself
    printed = await j.chat.say("missbruk")
    assert "loggat ut" not in printed
    assert await j.chat.repos(lambda r: r.bindings.live(PATIENT)) is not None
    case = await j.chat.case_of()
    assert case is not None and case.complaint == "missbruk"
    assert said


async def test_under_13_is_told_to_ask_a_guardian_and_cannot_start_a_case(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    from tests.eid.fake_oidc import Person

    child = Person(personnummer("20160704"), "Elsa", "Andersson")
    said, _ = await j.login_oidc(j.link(await j.chat.say("hej")), child)
    assert "Du är inloggad som Elsa Andersson" in said
    assert "Du behöver ha fyllt 13 år för att söka vård själv här" in said
    assert "vårdnadshavare" in said and "1177" in said
    assert "Vill du få ett sms" not in said
    printed = await j.chat.say("jag har ont i magen")
    assert "Du behöver ha fyllt 13 år" in printed
    printed = await j.chat.say("!start")
    assert "Du behöver ha fyllt 13 år" in printed
    assert "start – börja ett nytt ärende" in await j.chat.say("hjälp")
    assert await j.chat.repos(lambda r: r.cases.count_by_state()) == {}


async def test_words_of_self_harm_get_crisis_numbers_before_any_login(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    printed = await j.chat.say("jag vill ta livet av mig")
    assert "Självmordslinjen på 90101" in printed and "ring 112" in printed
    assert "[bot → staff] AKUT" in printed
    assert "Logga in med din e-legitimation" in printed
    printed = await j.chat.say("jag ska döda dig")
    assert "Ditt meddelande har inte skickats vidare" in printed
    assert "Logga in" not in printed


async def test_many_messages_before_the_login_do_not_mint_links_without_end(
    journeys: JourneyFactory,
) -> None:
    j = await journeys("oidc")
    links = [j.link(await j.chat.say(f"hallå {n}")) for n in range(3)]
    assert len(set(links)) == 3
    printed = await j.chat.say("hallå igen")
    assert "Använd den senaste" in printed and "http" not in printed
    said, _ = await j.login_oidc(links[-1], ALICE)  # the latest still works
    assert "Du är inloggad som Alice Andersson" in said


async def test_after_the_links_expire_a_new_one_comes(journeys: JourneyFactory) -> None:
    j = await journeys("oidc")
    for n in range(3):
        await j.chat.say(f"hallå {n}")
    j.clock.advance(minutes=5, seconds=1)
    assert "/login/" in await j.chat.say("hallå igen")
