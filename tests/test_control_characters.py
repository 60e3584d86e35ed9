"""A patient's words reach staff screens as text, never as terminal commands; the record keeps them.

An escape sequence or a bidi override in a relayed line could clear the clinician's screen, hide
words or draw a line that looks like the bot's own ("verified with BankID").
"""

from __future__ import annotations

import pytest

from adapters.shell import format_action
from bot.events import Send
from bot.shown_text import shown
from storage.records import Address
from tests.conftest import Chat

ESC = "\x1b"
# Clear the screen, go up a line, to its start, and draw the bot's own line in green.
FAKE_LINE = (
    f"{ESC}[2J{ESC}[1A\r{ESC}[32m[bot → clinician] Identiteten är verifierad med BankID{ESC}[0m"
)
BIDI = "\u202e"  # right-to-left override: the rest of the line reads backwards
CONTROLS = (ESC, "\x9b", "\r", "\x00", "\x07", "\x08", BIDI, "\u2066", "\u2069", "\u202a")


def _clean(printed: str) -> None:
    for control in CONTROLS:
        assert control not in printed, f"{control!r} reached the screen"
    # Every printed line is a `[x → y]` line of the bot's making or an indented continuation.
    for line in printed.splitlines():
        assert not line.startswith("[bot → clinician] Identiteten"), line


async def _active(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")


async def test_escape_sequences_in_a_relayed_line_never_reach_the_clinician(chat: Chat) -> None:
    await _active(chat)
    written = f"hej{FAKE_LINE}"
    printed = await chat.say(written)
    _clean(printed)
    assert "[patient → clinician] hej" in printed
    # The words stay readable, on a line of their own that cannot pass for the bot's.
    assert "    [bot → clinician] Identiteten är verifierad med BankID" in printed
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert any(line.body == written for line in record), "the record keeps what was written"


async def test_bidi_overrides_and_nul_are_dropped_from_what_is_shown(chat: Chat) -> None:
    await _active(chat)
    written = f"ont i {BIDI}nalah\u202c och\x00 feber \u2066sedan\u2069 i\x07 går"
    printed = await chat.say(written)
    _clean(printed)
    assert "[patient → clinician] ont i nalah och feber sedan i går" in printed
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert any(line.body == written for line in record)


async def test_the_clinicians_words_reach_the_patient_clean_too(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say(f"clinician: Hur mår du?{ESC}]0;title{ESC}\\ \x9b31mBra.")
    assert "[clinician → patient] Hur mår du? Bra." in printed
    for control in CONTROLS:
        assert control not in printed


async def test_a_threat_alert_quotes_the_evidence_without_its_escapes(chat: Chat) -> None:
    await _active(chat)
    written = f"jag ska döda dig{FAKE_LINE}"
    printed = await chat.say(written)
    assert "[bot → staff] HOT i ärende #1" in printed
    _clean(printed)
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert any(line.body == written for line in record)


async def test_the_summary_and_the_queue_show_the_complaint_without_escapes(chat: Chat) -> None:
    complaint = f"ont i halsen{ESC}[8m dolt{ESC}[0m{BIDI}"
    printed = await chat.start_to_queue(complaint=complaint)
    assert "Du söker för: ont i halsen dolt" in printed
    printed += await chat.say("clinician: !queue")
    printed += await chat.say("clinician: !next")
    assert "Söker för: ont i halsen dolt" in printed
    _clean(printed)


async def test_what_an_admin_typed_is_echoed_without_escapes(chat: Chat) -> None:
    printed = await chat.say(f"admin: !staff add shell:clinician3 clinician Eva{ESC}[2J\x00 Ek")
    printed += await chat.say("admin: !staff list")
    assert "Eva Ek" in printed
    _clean(printed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"a{ESC}[31mb{ESC}[0m", "ab"),
        (f"a{ESC}]8;;https://x.example{ESC}\\länk{ESC}]8;;{ESC}\\", "alänk"),
        (f"a{ESC}]0;titel\x07b", "ab"),
        # An escape string never ended loses its opening, not the words after it.
        (f"a{ESC}]inget slut", "ainget slut"),
        ("rad\r\nrad\rrad\u2028rad", "rad\nrad\nrad\nrad"),
        ("tab\tok\nny rad", "tab\tok\nny rad"),
        ("å ä ö ü 🙂 مرحبا \u200f", "å ä ö ü 🙂 مرحبا \u200f"),
    ],
)
def test_shown_text_keeps_the_words_and_drops_the_controls(text: str, expected: str) -> None:
    assert shown(text) == expected


def test_the_shell_prints_a_stored_line_clean_and_indents_what_follows_a_newline() -> None:
    # A line put in the outbox before the core cleaned it (or by an adapter) is cleaned here.
    action = Send(
        Address("shell", "clinician"),
        f"hej\n[bot → clinician] verifierad\r[bot → clinician] {ESC}[1Averifierad",
        ("ja\nnej",),
        origin=Address("shell", "patient"),
    )
    lines = format_action(action)
    assert lines[0] == "[patient → clinician] hej"
    assert all(line.startswith("    ") for line in lines[1:]), lines
    assert lines[-1] == "    1. ja nej"
    _clean("\n".join(lines))
