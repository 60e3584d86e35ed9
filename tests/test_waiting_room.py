"""Between "you are in the queue" and "case closed": moves in the queue, video, visit, feedback."""

from __future__ import annotations

import re

from tests.conftest import Chat

SEVERE_PAIN = {"pain": "9"}  # the general questionnaire's P2 rule


async def test_waiting_patients_hear_when_urgent_cases_push_them_back(chat: Chat) -> None:
    for number in ("", "2", "3"):
        await chat.start_to_queue(f"patient{number}", "ont i ryggen")
    printed = ""
    for number in ("4", "5", "6"):
        printed += await chat.start_to_queue(f"patient{number}", "svår smärta", SEVERE_PAIN)
    # Three more urgent cases came in: a move of three places is told at once.
    assert (
        "[bot → patient] Det har kommit in ärenden som är mer brådskande, så du är nu nummer 4"
        in (printed)
    )
    assert (
        "[bot → patient3] Det har kommit in ärenden som är mer brådskande, så du är nu nummer 6"
        in (printed)
    )
    # The first P2 was only moved by two places (not enough yet), so it was not disturbed.
    assert "[bot → patient4] Det har kommit in" not in printed


async def test_small_moves_are_told_only_after_a_quiet_while(chat: Chat) -> None:
    for number in ("", "2", "3"):
        await chat.start_to_queue(f"patient{number}", "ont i ryggen")
    printed = await chat.say("clinician: !next")
    assert "flyttats fram" not in printed  # one place, and they were told a moment ago
    await chat.say("clinician: !close")
    chat.clock.advance(minutes=31)
    printed = await chat.say("clinician: !next")
    assert "[bot → patient3] Du har flyttats fram i kön och är nu nummer 1." in printed
    assert "[bot → patient2] Nu är det din tur!" in printed


async def test_video_link_and_visit_hand_over_with_the_cost_notice(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    printed = await chat.say("clinician: !video")
    links = re.findall(r"https://meet\.jit\.si/minvard-[\w-]{16}", printed)
    assert len(links) == 2 and links[0] == links[1]  # the patient's and the clinician's copy
    assert "kostar som ett vanligt patientbesök" in printed
    again = await chat.say("clinician: !video")
    assert re.findall(r"https://meet\.jit\.si/minvard-[\w-]{16}", again)[0] != links[0]
    printed = await chat.say("clinician: !visit")
    assert "går vidare till ett besök (hälsocentralen)" in printed
    assert "Besöket kostar som ett vanligt patientbesök." in printed
    case = await chat.case_of()
    assert case is not None and case.state == "closed" and case.close_outcome == "visit"
    audit = await chat.repos(lambda r: r.audit.of_case(case.id))
    assert audit.count(("shell:clinician", "video")) == 2


async def test_feedback_after_close_is_optional_and_stored(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    printed = await chat.say("clinician: !close")
    assert "Svara med en siffra från 1 till 5. Du behöver inte svara." in printed
    assert "5. Mycket bra" in printed
    printed = await chat.say("bra")
    assert "Vill du lägga till något?" in printed
    printed = await chat.say("Snabbt och vänligt bemötande")
    assert "Tack för att du tog dig tid." in printed
    feedback = await chat.repos(lambda r: r.feedback.of_case(1))
    assert feedback is not None
    assert (feedback.rating, feedback.comment) == (4, "Snabbt och vänligt bemötande")
    printed = await chat.say("hej igen")
    assert "Ditt ärende är avslutat" in printed


async def test_a_patient_who_skips_feedback_is_not_pressed(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    await chat.say("clinician: !close")
    printed = await chat.say("tack!")
    assert "Ditt ärende är avslutat" in printed and "Vill du lägga till" not in printed
    assert await chat.repos(lambda r: r.feedback.of_case(1)) is None


async def test_admin_lists_adds_and_removes_staff(chat: Chat) -> None:
    printed = await chat.say("admin: !staff list")
    assert (
        "Personal (3):" in printed
        and "Anna Lind (sjuksköterska), clinician: shell:clinician" in (printed)
    )
    printed = await chat.say("admin: !staff add clinician3 clinician Karin Ek, distriktssköterska")
    assert "Karin Ek är tillagd som clinician." in printed
    await chat.start_to_queue()
    printed = await chat.say("clinician3: !next")
    assert "Karin Ek, distriktssköterska, har tagit ditt ärende" in printed
    await chat.say("admin: !staff remove shell:clinician3")
    printed = await chat.say("clinician3: !queue")
    assert "Kommandot queue är bara för vårdpersonal." in printed
    printed = await chat.say("clinician: !staff list")
    assert "Kommandot staff är bara för administratörer." in printed


async def test_a_one_off_closure_makes_the_bot_say_when_staff_are_back(chat: Chat) -> None:
    # Wednesday 09.00: normally open.
    printed = await chat.say("admin: !closed 2026-11-25T08:30 2026-11-25T13:00 utbildning")
    assert "Stängt 2026-11-25 08.30 – 2026-11-25 13.00 är inlagt." in printed
    printed = await chat.say("admin: !hours")
    assert "Just nu: stängt." in printed and ": utbildning" in printed
    printed = await chat.start_to_queue()
    assert "vi öppnar igen i dag kl. 13.00" in printed
    printed = await chat.say("admin: !closed i morgon")
    assert "Skriv !closed FRÅN TILL ORSAK" in printed


async def test_stats_show_cases_waits_outcomes_and_feedback(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.start_to_queue("patient2", "svår smärta", SEVERE_PAIN)
    chat.clock.advance(minutes=20)
    await chat.say("clinician: !next")
    await chat.say("clinician: !close")
    await chat.say("patient2: 5")
    printed = await chat.say("admin: !stats")
    assert "I dag:" in printed and "Ärenden: 2 (P2 1, P4 1)" in printed
    assert "P2: 1 tagna, väntetid median 20 min" in printed and "(mål 60 min, inom målet 100%)" in (
        printed
    )
    assert "Avslutade: advice 1" in printed and "Omdömen: 1, medel 5.0 av 5" in printed


async def test_a_clinician_without_a_title_is_introduced_by_name(chat: Chat) -> None:
    await chat.say("admin: !staff add clinician4 clinician Sara Holm")
    await chat.start_to_queue()
    printed = await chat.say("clinician4: !next")
    assert "Nu är det din tur! Sara Holm från vårdpersonalen har tagit ditt ärende" in printed
    printed = await chat.say("!status")
    assert "Sara Holm i vårdpersonalen har ditt ärende." in printed


async def test_clinicians_may_see_stats_and_hours_but_not_change_anything(chat: Chat) -> None:
    printed = await chat.say("clinician: !stats")
    assert "I dag:" in printed
    printed = await chat.say("clinician: !hours")
    assert "Bemannat vardagar" in printed
    printed = await chat.say("clinician: !closed 2026-12-01 2026-12-01 test")
    assert "Kommandot closed är bara för administratörer." in printed


async def test_long_waits_and_targets_read_in_hours_and_days(chat: Chat) -> None:
    await chat.start_to_queue()  # P4: target two days
    chat.clock.advance(hours=3, minutes=20)
    await chat.say("clinician: !next")
    printed = await chat.say("admin: !stats")
    assert "P4: 1 tagna, väntetid median 3 tim 20 min" in printed, printed
    assert "(mål 2 dygn, inom målet 100%)" in printed
