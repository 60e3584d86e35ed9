"""Times and days as each language writes them: "i morgon kl. 8.05", "tomorrow at 8:05"."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.context import Services
from bot.turn import Turn


def clock_time(lang: str, at: datetime | time) -> str:
    # Swedish and Finnish write 8.05, English 8:05.
    separator = ":" if lang == "en" else "."
    return f"{at.hour}{separator}{at.minute:02d}"


def day_phrase(turn: Turn, lang: str, day: date, today: date) -> str:
    """ "i dag", "i morgon" or "på fredag 27/11" (and the same in English and Finnish)."""
    if day == today:
        return turn.text(lang, "wait.today")
    if day == today + timedelta(days=1):
        return turn.text(lang, "wait.tomorrow")
    weekday = turn.texts.words("weekdays", lang)[day.weekday()]
    return turn.text(lang, "wait.weekday", weekday=weekday, day=day.day, month=day.month)


def format_opening(turn: Turn, services: Services, lang: str, at: datetime) -> str:
    """A moment from now on: "i morgon kl. 8.00"."""
    local = at.astimezone(services.calendar.tz)
    today = turn.now.astimezone(services.calendar.tz).date()
    day = day_phrase(turn, lang, local.date(), today)
    return turn.text(lang, "hours.at", day=day, time=clock_time(lang, local))


def duration(turn: Turn, lang: str, minutes: float) -> str:
    """A length of time as staff read it: "45 min", "3 tim 20 min", "21 tim", "2 dygn"
    (not "2880 min")."""
    whole = round(minutes)
    if whole < 120:
        return turn.text(lang, "duration.minutes", n=whole)
    hours, rest = divmod(whole, 60)
    if rest == 0 and hours >= 48 and hours % 24 == 0:
        return turn.text(lang, "duration.days", n=hours // 24)
    if rest == 0 or hours >= 10:
        return turn.text(lang, "duration.hours", n=round(whole / 60))
    return turn.text(lang, "duration.hours_minutes", h=hours, m=rest)
