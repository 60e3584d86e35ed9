"""Ages as people write them: "4", "1,5 år", "8 veckor", "6 weeks", "2 kk", "nyfödd",
"jag är 34 år". Pure functions over the catalogue's unit words (all languages at once: a parent
may mix them, and the units do not collide once single letters that do are left out)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from bot.texts import Catalogue

# A month as an average, so that 13 weeks (91 days) is still under 3 months: at the
# border of the infant fever rules the younger reading is the safer one.
DAYS_PER_MONTH = 30.4375
# Beyond this, a "child's age" or one's own age is a typo or another number.
MAX_YEARS = 120

# A number, then the word right after it ("8 veckor", "8v", "34-vuotias", "1,5 år").
_AMOUNT = re.compile(r"(\d{1,4}(?:[.,]\d{1,2})?)\s*-?\s*([^\W\d_]*)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class AgeWords:
    """Unit words per unit, every language together (the catalogue's `words.*` lists)."""

    years: Collection[str]
    months: Collection[str]
    weeks: Collection[str]
    days: Collection[str]
    newborn: Collection[str]

    @classmethod
    def of(cls, texts: Catalogue) -> AgeWords:
        def words(key: str) -> tuple[str, ...]:
            return tuple(_fold(w) for w in texts.words(f"words.{key}"))

        return cls(
            years=words("years"),
            months=words("months"),
            weeks=words("weeks"),
            days=words("days"),
            newborn=words("newborn"),
        )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _is_unit(word: str, units: Collection[str]) -> bool:
    # "månader" is "mån…", "weeks" is "week…"; a short word only as itself ("kk", "mo", "år").
    return any(word == unit or (len(unit) >= 3 and word.startswith(unit)) for unit in units)


def _in_months(amount: float, unit: str, words: AgeWords) -> float | None:
    """The amount in months; None for a word that is no unit of age."""
    # Days before years: Finnish "vuorokausi" (a day) starts like "vuosi" (a year).
    if _is_unit(unit, words.days):
        return amount / DAYS_PER_MONTH
    if _is_unit(unit, words.weeks):
        return amount * 7 / DAYS_PER_MONTH
    if _is_unit(unit, words.months):
        return amount
    if _is_unit(unit, words.years):
        return amount * 12
    return None


def parse_age_months(text: str, words: AgeWords) -> int | None:
    """Completed months, or None when the age is not understood.

    A bare number is years ("4"); units may be mixed ("1 år och 3 mån"); "nyfödd" is 0.
    Two numbers of which one has no unit ("2 år 39"), or a word after a number that is no
    unit we know ("8 v": weeks in Swedish, years in Finnish), are not guessed at.
    """
    folded = _fold(text)
    amounts = _AMOUNT.findall(folded)
    if not amounts:
        said = set(_WORD.findall(folded))
        joined = " ".join(_WORD.findall(folded))
        newborn = any(w in said or (" " in w and w in joined) for w in words.newborn)
        return 0 if newborn else None
    total = 0.0
    for number, unit in amounts:
        amount = float(number.replace(",", "."))
        if unit:
            months = _in_months(amount, unit, words)
            if months is None:
                return None  # "8 v" (weeks or Finnish years?), "38 grader": not an age we trust
        elif len(amounts) > 1:
            return None
        else:
            months = amount * 12  # "4": years, as the question asks
        total += months
    # A little room for rounding (1,5 år is 18 months, not 17.999...).
    whole = math.floor(total + 1e-6)
    return whole if whole <= MAX_YEARS * 12 else None


def parse_own_age(text: str, words: AgeWords) -> int | None:
    """A person's own age in whole years ("34", "jag är 12 år", "I'm 34", "olen 34-vuotias");
    None when not understood (a baby does not type its own age in months)."""
    months = parse_age_months(text, words)
    if months is None or months < 12:
        return None
    return months // 12


def months_since(then: datetime, now: datetime) -> int:
    """Whole calendar months from `then` to `now` (an age told a year ago is a year older)."""
    months = (now.year - then.year) * 12 + (now.month - then.month)
    if now.day < then.day:
        months -= 1
    return max(0, months)
