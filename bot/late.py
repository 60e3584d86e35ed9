"""Messages read only after their sender was asked to write them again (`Incoming.late`).

By then the sender may have written it again, and a question asked meanwhile may have moved on:
an old "ja" must not answer the question in front of the patient now, nor a `!next` typed long
ago take a case. So the desks act on nothing in a late message (bot/patient.py,
bot/clinician.py); they keep a patient's words in the case's record, with when they were
written, and put them through the same moderation as any message, since words about self-harm
or a threat matter however late they are read. Here: how staff are told when it was written.
"""

from __future__ import annotations

from datetime import datetime

from bot.context import Services
from bot.spoken_time import clock_time
from bot.turn import Turn


def written_when(turn: Turn, services: Services, lang: str, at: datetime) -> str:
    """When a late message was written, in the local time: "kl. 9.05", or with its day when
    that was not today ("24/11 kl. 23.50"; a message is kept waiting for at most a day or so)."""
    tz = services.calendar.tz
    local = at.astimezone(tz)
    time = clock_time(lang, local)
    if local.date() == turn.now.astimezone(tz).date():
        return turn.text(lang, "record.late_today", time=time)
    return turn.text(lang, "record.late_other_day", time=time, day=local.day, month=local.month)


def late_marker(turn: Turn, services: Services) -> str:
    """What staff read before a late message relayed or quoted to them now."""
    lang = services.config.service.default_language
    return turn.text(lang, "record.late", when=written_when(turn, services, lang, turn.event.at))
