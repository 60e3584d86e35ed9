"""Personnummer and samordningsnummer: parse, validate, age on a given date, mask.

Accepted forms (surrounding white space ignored):

- ``YYMMDD-NNNC`` and ``YYMMDDNNNC``: born in the last 99 years (the latest year ending in YY);
- ``YYMMDD+NNNC``: the ``-`` becomes ``+`` from the year the person turns 100;
- ``YYYYMMDDNNNC`` and ``YYYYMMDD-NNNC`` (``+`` too, from the year the person turns 100).

The check digit C is a Luhn check over YYMMDDNNN. A samordningsnummer (coordination number) has
60 added to the day of birth. The date must be a real date not after ``today``.

Nothing here reads the clock: callers pass ``today`` as the Europe/Stockholm date, for which
:func:`stockholm_date` converts an aware ``datetime``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
COORDINATION_OFFSET = 60
# Users 13 or older act for themselves; a guardian acts for a child under 13.
SELF_SERVICE_MIN_AGE = 13

_PATTERN = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$", re.ASCII)


def stockholm_date(now: datetime) -> date:
    """The calendar date in Europe/Stockholm at the aware instant ``now``."""
    if now.tzinfo is None:
        raise ValueError("naive datetime: pass an aware time")
    return now.astimezone(STOCKHOLM).date()


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit for ``digits`` (weights 2, 1, 2, ... from the left for 9 digits)."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def mask_personnummer(digits: str) -> str:
    """``YYYYMMDD-****``: safe to show (never log the full number)."""
    return f"{digits[:8]}-****"


@dataclass(frozen=True)
class PersonalNumber:
    """A validated personnummer or samordningsnummer.

    ``digits`` is the 12-digit stored form ``YYYYMMDDNNNC`` (the day as written, so +60 for a
    samordningsnummer). ``repr`` and ``str`` are masked so that logging the object leaks nothing.
    """

    digits: str = field(repr=False)
    birth_date: date
    is_coordination: bool

    def __post_init__(self) -> None:
        if len(self.digits) != 12 or not (self.digits.isascii() and self.digits.isdigit()):
            raise ValueError("digits must be 12 digits")

    @property
    def masked(self) -> str:
        return mask_personnummer(self.digits)

    def short_form_on(self, today: date) -> str:
        """The 10-digit form as written on ``today``: ``+`` from the year the person turns 100."""
        separator = "+" if today.year - self.birth_date.year >= 100 else "-"
        return f"{self.digits[2:8]}{separator}{self.digits[8:]}"

    def age_on(self, day: date) -> int:
        """Completed years on ``day`` (a Europe/Stockholm date).

        Someone born on 29 February turns a year older on 1 March in years without a leap day.
        """
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def months_on(self, day: date) -> int:
        """Completed months on ``day``: the intake keeps a child's age in months (infants)."""
        months = (day.year - self.birth_date.year) * 12 + day.month - self.birth_date.month
        if day.day < self.birth_date.day:
            months -= 1
        return max(0, months)

    def __str__(self) -> str:
        return self.masked


def _birth_date(year: int, month: int, day: int) -> tuple[date, bool] | None:
    coordination = day > COORDINATION_OFFSET
    real_day = day - COORDINATION_OFFSET if coordination else day
    try:
        return date(year, month, real_day), coordination
    except ValueError:
        return None


def _year_for(yy: int, separator: str, today: date) -> int:
    """The full year of a 10-digit number: the separator turns from ``-`` to ``+`` in the year
    the person turns 100, so ``-`` means the latest year ending in YY up to this year, and ``+``
    the latest one at least 100 years back."""
    latest = today.year - 100 if separator == "+" else today.year
    return latest - (latest - yy) % 100


def parse_personnummer(text: str, today: date) -> PersonalNumber | None:
    """A validated :class:`PersonalNumber`, or ``None`` if ``text`` is not a valid one on
    ``today``."""
    match = _PATTERN.match(text.strip())
    if match is None:
        return None
    century, yy_s, mm_s, dd_s, separator, serial, check = match.groups()
    yy, month, day = int(yy_s), int(mm_s), int(dd_s)
    year = _year_for(yy, separator, today) if century is None else int(century + yy_s)
    found = _birth_date(year, month, day)
    if found is None:
        return None
    birth, coordination = found
    if birth > today:
        return None
    if separator == "+" and today.year - birth.year < 100:
        return None
    if luhn_check_digit(f"{yy_s}{mm_s}{dd_s}{serial}") != int(check):
        return None
    return PersonalNumber(
        digits=f"{year:04d}{mm_s}{dd_s}{serial}{check}",
        birth_date=birth,
        is_coordination=coordination,
    )


def needs_guardian(number: PersonalNumber, today: date) -> bool:
    """True if the person is under 13 on ``today`` and a guardian must act for them."""
    return number.age_on(today) < SELF_SERVICE_MIN_AGE
