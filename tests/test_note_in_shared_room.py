"""A clinician's note typed where the patient reads (a Matrix room they share) is taken back."""

from __future__ import annotations

from adapters.shell import PLATFORM
from bot.events import Incoming, Withdraw, decode_action
from storage.records import Address
from tests.conftest import Chat


async def test_a_note_written_in_the_patients_room_is_withdrawn_and_answered_privately(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")
    shared = Address(PLATFORM, "patient")  # the room both read, as in Matrix
    clinician = Address(PLATFORM, "clinician")
    note = Incoming("note:1", clinician, shared, "!note Trolig halsfluss", chat.clock())
    await chat.service.handle(note)  # not through the shell: its outbox is read below
    rows = await chat.repos(lambda r: r.outbox.pending(PLATFORM, chat.clock(), 1000))
    stored = [decode_action(row.payload) for row in rows]
    withdrawn = [a for a in stored if isinstance(a, Withdraw)]
    assert len(withdrawn) == 1 and withdrawn[0].event_id == "note:1"
    assert withdrawn[0].chat == shared and "halsfluss" not in withdrawn[0].reason
    # Without the power to take it back, no threat alert about a note.
    assert await chat.service.not_withdrawn(withdrawn[0]) is None
    after = await chat.repos(lambda r: r.outbox.pending(PLATFORM, chat.clock(), 1000))
    assert len(after) == len(stored)
    told = [a for a in stored if getattr(a, "to", None) == clinician]
    assert any("patienten kan ha sett den" in a.text for a in told)  # type: ignore[attr-defined]
    assert not any(getattr(a, "to", None) == shared for a in stored)
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert any(line.author_role == "note" and line.body == "Trolig halsfluss" for line in record)
