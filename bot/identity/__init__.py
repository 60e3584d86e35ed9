"""Identity: Swedish personal identity numbers and eligibility (pure: no I/O, no clock reads)."""

from bot.identity.personnummer import (
    PersonalNumber,
    mask_personnummer,
    needs_guardian,
    parse_personnummer,
    stockholm_date,
)

__all__ = [
    "PersonalNumber",
    "mask_personnummer",
    "needs_guardian",
    "parse_personnummer",
    "stockholm_date",
]
