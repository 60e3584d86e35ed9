"""Nothing stops the bot and nothing vanishes (issue 13, DESIGN 13): a message the core fails to
handle is answered kindly, set aside as a dead letter after `event_attempts` tries, an admin is
told, and `deadletters list|retry ID|drop ID` lets an admin deal with it.

The fault is injected the way tests/test_crash_safety.py injects its deaths: a patched method.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.patient import PatientDesk
from bot.turn import Turn
from storage.records import Address
from tests.conftest import Chat, Clock, make_chat

KIND = "[bot → patient] Något gick fel hos oss. Personalen har fått veta det."
WORDS = "Jag har haft ont i magen sedan i går kväll"


class Broken:
    """Makes the patient's desk raise for lines holding `marker`, `times` times (None: always)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, marker: str, times: int | None = None):
        self.marker = marker
        self.times = times
        self.calls = 0
        real = PatientDesk.handle

        def handle(desk: PatientDesk, turn: Turn) -> None:
            if self.marker in turn.event.text and (self.times is None or self.calls < self.times):
                self.calls += 1
                raise RuntimeError("trasig hylla")
            real(desk, turn)

        monkeypatch.setattr(PatientDesk, "handle", handle)

    def mend(self) -> None:
        self.times = 0


@pytest.fixture
async def chat(db_location: Path | str, clock: Clock) -> AsyncIterator[Chat]:
    """The harness's chat, on each backend in turn: dead letters are storage too."""
    chat = await make_chat(db_location, clock)
    try:
        yield chat
    finally:
        await chat.db.close()


@pytest.fixture(autouse=True)
def _quick(chat: Chat) -> None:
    chat.service.retry_seconds = 0  # no pause between the tries in tests


async def _dead_letters(chat: Chat) -> list[tuple[str, str, str, int, str]]:
    rows = await chat.db.read(
        lambda tx: tx.all(
            "SELECT direction, event_id, status, attempts, error FROM dead_letters ORDER BY id"
        )
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_a_message_that_cannot_be_handled_is_answered_kindly_and_set_aside(
    chat: Chat, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Broken(monkeypatch, "magen")
    caplog.set_level(logging.DEBUG)

    printed = await chat.say(WORDS)

    assert KIND in printed
    assert broken.calls == 3  # `[reliability] event_attempts`, default 3
    letters = await _dead_letters(chat)
    assert len(letters) == 1
    direction, event_id, status, attempts, error = letters[0]
    assert (direction, status, attempts) == ("in", "new", 3)
    assert error == "RuntimeError: trasig hylla"
    # The admin and the staff room are told, with no word of what the patient wrote.
    notices = [line for line in printed.splitlines() if "Undanlagt #1" in line]
    assert {line.split("]")[0] for line in notices} == {"[bot → staff", "[bot → admin"}
    assert "inkommande" in notices[0] and "3 försök" in notices[0] and "RuntimeError" in notices[0]
    assert "magen" not in printed.replace(WORDS, "")
    # The log has the event id, never the words.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert event_id in logged
    assert "magen" not in logged and "trasig hylla" not in logged

    # The bot goes on: the next line is handled as usual.
    printed = await chat.say("hej")
    assert "[bot → patient] Välkommen till Min vård!" in printed


async def test_a_failure_that_passes_on_the_next_try_is_no_dead_letter(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Broken(monkeypatch, "hej", times=1)
    printed = await chat.say("hej")
    assert broken.calls == 1
    assert "[bot → patient] Välkommen till Min vård!" in printed
    assert KIND not in printed
    assert await _dead_letters(chat) == []


async def test_a_redelivered_dead_letter_does_nothing_twice(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.events import Incoming

    Broken(monkeypatch, "magen")
    me = Address("shell", "patient")
    event = Incoming("shell:again:1", me, me, WORDS, chat.clock())
    first = await chat.service.handle(event)
    assert first is not None and len(first) >= 1
    assert await chat.service.handle(event) is None  # the platform sends it again
    assert len(await _dead_letters(chat)) == 1


async def test_an_admin_lists_retries_and_drops_dead_letters(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Broken(monkeypatch, "magen")
    await chat.say("hej")
    await chat.say("1")  # Svenska
    await chat.say("1")  # myself
    await chat.say(WORDS)
    await chat.say("patient2: Jag har ont i magen också")
    assert len(await _dead_letters(chat)) == 2

    listed = await chat.say("admin: !deadletters list")
    assert "[bot → admin] Undanlagda meddelanden (2):" in listed
    assert "• #1 inkommande, shell," in listed and "3 försök, väntar: RuntimeError" in listed
    assert "• #2 inkommande" in listed
    assert "magen" not in listed

    # Only admins may.
    refused = await chat.say("clinician: !deadletters list")
    assert "bara för administratörer" in refused

    # A retry after the fault is mended: handled through the core as if it came now.
    broken.mend()
    printed = await chat.say("admin: !deadletters retry 1")
    assert "[bot → admin] #1 hanteras igen nu." in printed
    assert "[bot → patient]" in printed and KIND not in printed
    case = await chat.case_of()
    assert case is not None and case.complaint is not None and "magen" in case.complaint

    printed = await chat.say("admin: !deadletters drop 2")
    assert "[bot → admin] #2 är struket." in printed
    assert "→ patient2]" not in printed
    letters = await _dead_letters(chat)
    assert [(s, d) for d, _, s, _, _ in letters] == [("retried", "in"), ("dropped", "in")]
    assert "Inga undanlagda meddelanden väntar." in await chat.say("admin: !deadletters list")
    again = await chat.say("admin: !deadletters retry 2")
    assert "#2 är redan hanterat (struket)." in again

    audit = await chat.repos(lambda r: r.audit.of_actor(Address("shell", "admin")))
    actions = [action for action, _ in audit]
    assert actions.count("deadletter_list") == 2
    assert "deadletter_retry" in actions and "deadletter_drop" in actions


async def test_a_retry_that_fails_again_stays_listed_and_tells_the_admins_again(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    Broken(monkeypatch, "magen")
    await chat.say(WORDS)
    printed = await chat.say("admin: !deadletters retry 1")
    assert "[bot → admin] #1 hanteras igen nu." in printed
    assert "[bot → admin] ⚠️ Undanlagt #1" in printed
    letters = await _dead_letters(chat)
    assert [(s, a) for _, _, s, a, _ in letters] == [("new", 4)]
    listed = await chat.say("admin: !deadletters list")
    assert "• #1 inkommande" in listed and "4 försök, väntar" in listed


async def test_deadletters_usage_and_unknown_ids(chat: Chat) -> None:
    assert "Skriv !deadletters list" in await chat.say("admin: !deadletters retry")
    assert "Det finns inget undanlagt meddelande #7." in await chat.say(
        "admin: !deadletters drop 7"
    )
    assert "Inga undanlagda meddelanden väntar." in await chat.say("admin: !deadletters")
    help_text = await chat.say("admin: !help")
    assert "!deadletters list / !deadletters retry NUMMER / !deadletters drop NUMMER" in help_text


async def test_the_terminal_answers_kindly_and_goes_on_when_not_even_the_dead_letter_is_stored(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.dead_letters import DeadLetters

    Broken(monkeypatch, "magen")

    def sick_disk(self: DeadLetters, *args: object) -> int:
        raise OSError("disk I/O error")

    monkeypatch.setattr(DeadLetters, "add_incoming", sick_disk)
    printed = await chat.say(WORDS)
    assert KIND in printed
    monkeypatch.undo()
    printed = await chat.say("hej")
    assert "[bot → patient] Välkommen till Min vård!" in printed
