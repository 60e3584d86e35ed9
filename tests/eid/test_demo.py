"""The demo provider's validation helper."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.eid import demo
from bot.identity.personnummer import luhn_check_digit


def test_valid_typed_number_accepted() -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    number = demo.demo_identity(" 19811218-9876 ", now)
    assert number is not None and number.digits == "198112189876"
    assert demo.demo_identity("811218-9876", now) == number


def test_invalid_typed_number_refused() -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert demo.demo_identity("811218-9875", now) is None
    assert demo.demo_identity("hej", now) is None


def test_uses_the_stockholm_date() -> None:
    # Born 26 November 2026 (a Stockholm date): at 23.30 UTC on the 25th it is already the 26th.
    text = f"20261126000{luhn_check_digit('261126000')}"
    assert demo.demo_identity(text, datetime(2026, 11, 25, 22, 59, tzinfo=UTC)) is None
    assert demo.demo_identity(text, datetime(2026, 11, 25, 23, 0, tzinfo=UTC)) is not None


def test_text_keys() -> None:
    assert demo.DEMO_WARNING_TEXT_KEY == "identity.demo_warning"
    assert demo.PROVIDER == "demo"
