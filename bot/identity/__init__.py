"""Identity: Swedish personal identity numbers and eligibility (pure: no I/O, no clock reads),
one-time login links, and the identity desk in front of care (`bot.identity.desk`)."""

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
