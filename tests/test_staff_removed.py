"""Someone removed from the staff receives nothing more; their cases go back to the queue in
their old place and the patients are told (issue 13)."""

from __future__ import annotations

from adapters.shell import PLATFORM
from bot.events import LeaveCase, Send, decode_action, encode_action
from storage.records import Address
from storage.repositories import Repositories
from tests.conftest import Chat

ANNA = Address(PLATFORM, "clinician")


async def _anna_has_case_1(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.start_to_queue("patient2", complaint="ont i örat")
    printed = await chat.say("clinician: !next")
    assert "Du har tagit ärende #1" in printed


async def test_an_admin_removes_a_clinician_and_the_case_goes_back_to_its_old_place(
    chat: Chat,
) -> None:
    await _anna_has_case_1(chat)
    before = await chat.case_of()
    assert before is not None and before.state == "active"

    printed = await chat.say("admin: !staff remove shell:clinician")
    assert "shell:clinician är borttagen ur personallistan" in printed
    assert (
        "[bot → patient] Den i vårdpersonalen som hade ditt ärende kan inte fortsätta med det. "
        "Ditt ärende är tillbaka i kön och du behåller din plats." in printed
    )
    assert (
        "[bot → staff] Anna Lind finns inte längre i personalen. "
        "Ärende #1 är tillbaka i kön på sin gamla plats." in printed
    )
    assert "→ clinician]" not in printed
    after = await chat.case_of()
    assert after is not None and after.state == "queued" and after.clinician is None
    assert after.queued_at == before.queued_at  # the arrival time is kept

    # Nothing the patient writes reaches Anna any more.
    printed = await chat.say("Hallå? Är du kvar?")
    assert "→ clinician]" not in printed
    printed = await chat.say("status")
    assert "Du är nummer 1 i kön" in printed
    assert " i vårdpersonalen har ditt ärende" not in printed

    # What Anna writes now reaches no patient.
    printed = await chat.say("clinician: Hej, jag är tillbaka")
    assert "[clinician → patient]" not in printed and "[clinician → patient2]" not in printed

    # Another clinician can take it, first in the queue, and the patient hears their name.
    printed = await chat.say("clinician2: !queue")
    lines = [line for line in printed.splitlines() if line.strip()[:2] in ("1.", "2.")]
    assert "#1 " in lines[0] and "#2 " in lines[1]
    printed = await chat.say("clinician2: !next")
    assert "[bot → clinician2] Du har tagit ärende #1" in printed
    printed = await chat.say("!status")
    assert "[bot → patient] Erik Nilsson, läkare, har ditt ärende." in printed
    printed = await chat.say("Tack, jag har fortfarande ont")
    assert "[patient → clinician2] Tack, jag har fortfarande ont" in printed
    assert "→ clinician]" not in printed


async def test_leaving_the_staff_room_hands_the_cases_back_and_takes_them_out_of_the_room(
    chat: Chat,
) -> None:
    await _anna_has_case_1(chat)
    await chat.service.remove_staff(ANNA)  # what an adapter calls when she leaves the room
    rows = await chat.repos(lambda r: r.outbox.pending(PLATFORM, chat.clock(), 1000))
    stored = [decode_action(row.payload) for row in rows]
    assert LeaveCase(1, ANNA, Address(PLATFORM, "patient")) in stored
    told = [a for a in stored if isinstance(a, Send) and a.to == Address(PLATFORM, "patient")]
    assert any("Någon annan i vårdpersonalen tar över" in a.text for a in told)
    assert not any(isinstance(a, Send) and a.to == ANNA for a in stored)
    case = await chat.case_of()
    assert case is not None and case.state == "queued"
    printed = await chat.say("Hallå?")
    assert "→ clinician]" not in printed


async def test_status_never_shows_an_empty_name(chat: Chat) -> None:
    await _anna_has_case_1(chat)
    # The staff list lost her some other way (a list edited by hand, an older version).
    await chat.db.write(lambda tx: Repositories(tx).staff.remove(ANNA))
    printed = await chat.say("!status")
    assert "[bot → patient] Någon i vårdpersonalen har ditt ärende." in printed
    assert "[bot → patient]  i vårdpersonalen" not in printed


async def test_a_patient_line_not_yet_delivered_when_the_clinician_is_removed_never_reaches_them(
    chat: Chat,
) -> None:
    """A line relayed just before the removal, still waiting in the outbox (a slow platform),
    is recorded as dropped, not delivered afterwards."""
    await _anna_has_case_1(chat)
    waiting = Send(ANNA, "Jag är allergisk mot penicillin", case_id=1)

    def relay_not_yet_sent(repos: Repositories) -> None:
        repos.outbox.add(PLATFORM, encode_action(waiting), chat.clock.now)

    await chat.db.write(lambda tx: relay_not_yet_sent(Repositories(tx)))
    printed = await chat.say("admin: !staff remove shell:clinician")
    assert "penicillin" not in printed
    assert "→ clinician]" not in printed
    rows = await chat.db.read(
        lambda tx: tx.all("SELECT status, last_error FROM outbox WHERE payload LIKE '%penicillin%'")
    )
    assert [tuple(row) for row in rows] == [("dropped", "left the staff")]
