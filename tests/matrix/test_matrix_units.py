"""The adapter's pure helpers (no homeserver)."""

from __future__ import annotations

from adapters.matrix import format_text, staff_name
from bot.events import Send
from storage.records import Address


def test_a_display_name_with_a_title_in_brackets_gives_name_and_title() -> None:
    assert staff_name("Anna Lind (sjuksköterska)", "@anna:x") == ("Anna Lind", "sjuksköterska")
    assert staff_name("Erik Nilsson", "@erik:x") == ("Erik Nilsson", "")
    assert staff_name(None, "@erik:x") == ("@erik:x", "")
    assert staff_name("  ", "@erik:x") == ("@erik:x", "")


def test_choices_are_sent_as_a_numbered_list() -> None:
    send = Send(Address("matrix", "!room:x"), "Vem söker du vård för?", ("Mig själv", "Mitt barn"))
    assert format_text(send) == "Vem söker du vård för?\n1. Mig själv\n2. Mitt barn"
    assert format_text(Send(Address("matrix", "!room:x"), "Hej")) == "Hej"
