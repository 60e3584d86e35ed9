"""Dead letters in the core (DESIGN 13): telling admins, and the admin's `deadletters` command.

What could not be handled or delivered is set aside by storage (storage/dead_letters.py), with
its error, so that the rest flows on. Admins are told in the staff rooms and in their own chats,
never with a patient's words: the id, which way it went, the platform, the attempts and the kind
of error. `deadletters retry ID` puts an outgoing message back in the outbox, or has the core
handle an incoming event again (after the admin's command is committed: `CareService`).
`deadletters drop ID` keeps it, marked dropped, for the audit.
"""

from __future__ import annotations

from datetime import datetime

from bot.context import Services
from bot.events import Action, Send
from bot.shown_text import shown
from bot.texts import Catalogue
from bot.turn import Turn
from storage.dead_letters import DeadLetter
from storage.records import Address, StaffMember
from storage.repositories import Repositories

# An error as kept with a dead letter: long enough to see what went wrong, not a whole dump.
ERROR_CHARS = 300


def error_text(error: BaseException) -> str:
    """Exception type and message, as stored with the dead letter (never written to the log)."""
    message = str(error)
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return text[:ERROR_CHARS]


def error_kind(error: str) -> str:
    """The exception type alone: what a notice in the staff room shows."""
    return error.partition(":")[0]


def recipients(repos: Repositories, services: Services) -> list[Address]:
    """Who hears of a dead letter: the staff rooms and every admin (as with other alerts)."""
    rooms = list(dict.fromkeys(services.staff_rooms.values()))
    admins = [m.address for m in repos.staff.all() if m.role == "admin"]
    return rooms + [a for a in admins if a not in rooms]


def tell_admins(repos: Repositories, services: Services, now: datetime) -> list[Action]:
    """Notices for every dead letter nobody has been told of, marked told in the same unit of
    work. The caller stores them with the outbox purpose `NOTICE`."""
    letters = repos.dead_letters.untold()
    if not letters:
        return []
    texts = services.texts
    lang = services.config.service.default_language
    lines = [_notice(texts, lang, letter) for letter in letters]
    lines.append(texts.get(lang, "dead_letters.notice_help"))
    text = shown("\n".join(lines))
    repos.dead_letters.mark_told([letter.id for letter in letters], now)
    return [Send(to, text) for to in recipients(repos, services)]


def _notice(texts: Catalogue, lang: str, letter: DeadLetter) -> str:
    return texts.get(
        lang,
        "dead_letters.notice",
        id=letter.id,
        direction=texts.get(lang, f"dead_letters.direction_{letter.direction}"),
        platform=letter.platform,
        attempts=letter.attempts,
        error=error_kind(letter.error),
    )


def command(turn: Turn, services: Services, member: StaffMember, args: str) -> None:
    """`deadletters list|retry ID|drop ID` (admins only; the command registry sees to that)."""
    lang = services.config.service.default_language
    verb, _, rest = args.strip().partition(" ")
    verb = verb.casefold()
    if verb in ("", "list"):
        _list(turn, services, member, lang)
        return
    number = rest.strip().lstrip("#")
    if verb not in ("retry", "drop") or not number.isdecimal():
        turn.say(turn.event.chat, lang, "dead_letters.usage")
        return
    letter = turn.repos.dead_letters.get(int(number))
    if letter is None:
        turn.say(turn.event.chat, lang, "dead_letters.unknown", id=number)
        return
    if letter.status not in ("new", "retrying"):
        turn.say(
            turn.event.chat,
            lang,
            "dead_letters.settled",
            id=letter.id,
            status=turn.text(lang, f"dead_letters.status_{letter.status}"),
        )
        return
    if verb == "drop":
        turn.repos.dead_letters.settle(letter.id, "dropped", member.address.key(), turn.now)
        turn.repos.audit.log(
            member.address, "deadletter_drop", None, turn.now, f"#{letter.id} {letter.direction}"
        )
        turn.say(turn.event.chat, lang, "dead_letters.dropped", id=letter.id)
        return
    if letter.direction == "out":
        turn.repos.outbox.add(letter.platform, letter.payload, turn.now)
        turn.repos.dead_letters.settle(letter.id, "retried", member.address.key(), turn.now)
        key = "dead_letters.retried_out"
    else:
        # Handled again once this command is committed, in a unit of work of its own: if it
        # fails again, it is set aside again and nothing of this command is lost.
        turn.repos.dead_letters.settle(letter.id, "retrying", member.address.key(), turn.now)
        key = "dead_letters.retried_in"
    turn.repos.audit.log(
        member.address, "deadletter_retry", None, turn.now, f"#{letter.id} {letter.direction}"
    )
    turn.say(turn.event.chat, lang, key, id=letter.id)


def _list(turn: Turn, services: Services, member: StaffMember, lang: str) -> None:
    letters = turn.repos.dead_letters.open()
    turn.repos.audit.log(member.address, "deadletter_list", None, turn.now, str(len(letters)))
    if not letters:
        turn.say(turn.event.chat, lang, "dead_letters.none")
        return
    tz = services.calendar.tz
    lines = [turn.text(lang, "dead_letters.header", count=turn.repos.dead_letters.count_open())]
    for letter in letters:
        lines.append(
            turn.text(
                lang,
                "dead_letters.line",
                id=letter.id,
                direction=turn.text(lang, f"dead_letters.direction_{letter.direction}"),
                platform=letter.platform,
                when=letter.set_aside_at.astimezone(tz).strftime("%Y-%m-%d %H.%M"),
                attempts=letter.attempts,
                error=letter.error,
                status=turn.text(lang, f"dead_letters.status_{letter.status}"),
            )
        )
    turn.send(turn.event.chat, "\n".join(lines))
