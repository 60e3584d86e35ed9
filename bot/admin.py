"""Admin commands: staff list, hours and one-off closures, statistics."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bot import dead_letters
from bot.closure_window import closure_problem, closure_window
from bot.commands import CASE_NUMBER, STAFF, TEXT, Arg, Router, StaffCall
from bot.config import LANGUAGES
from bot.context import Services
from bot.moderation.changes import LexiconChange, build_entry
from bot.staff_removal import remove_from_staff
from bot.stats import stats_text
from bot.turn import Turn
from storage.records import Address, StaffMember

log = logging.getLogger(__name__)

ADMIN = Router("admin")


class AdminDesk:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def lang(self) -> str:
        return self.services.config.service.default_language

    @ADMIN.command(
        "staff",
        sv=("personal",),
        arg=Arg(
            "list|add ADDRESS clinician|admin NAME, TITLE|remove ADDRESS", TEXT, required=False
        ),
    )
    def _staff(self, call: StaffCall) -> None:
        turn, member, args = call.turn, call.member, call.args
        verb, _, rest = args.strip().partition(" ")
        if verb == "list":
            people = turn.repos.staff.all()
            lines = [turn.text(self.lang, "admin.staff_header", count=len(people))]
            lines += [
                turn.text(
                    self.lang,
                    "admin.staff_line",
                    name=p.name,
                    title=p.title or "-",
                    role=p.role,
                    address=p.address.key(),
                )
                for p in people
            ]
            turn.send(turn.event.chat, "\n".join(lines))
            return
        if verb == "add":
            address_text, _, rest = rest.strip().partition(" ")
            role, _, who = rest.strip().partition(" ")
            name, _, title = who.partition(",")
            address = _address(address_text, turn.event.sender.platform)
            if address is None or role not in ("clinician", "admin") or not name.strip():
                self._reply(turn, "admin.staff_usage")
                return
            person = StaffMember(
                address, role, name.strip(), title.strip(), self.services.config.service.unit
            )
            turn.repos.staff.put(person, turn.now)
            turn.repos.audit.log(member.address, "staff_add", None, turn.now, address.key())
            self._reply(turn, "admin.staff_added", name=person.name, role=role)
            return
        if verb == "remove":
            address = _address(rest.strip(), turn.event.sender.platform)
            if address is None:
                self._reply(turn, "admin.staff_usage")
                return
            if address == member.address:
                self._reply(turn, "admin.staff_not_self")
                return
            remove_from_staff(turn, self.services, address, member.address)
            turn.repos.audit.log(member.address, "staff_remove", None, turn.now, address.key())
            self._reply(turn, "admin.staff_removed", address=address.key())
            return
        self._reply(turn, "admin.staff_usage")

    @ADMIN.command("hours", roles=STAFF, sv=("öppettider",))
    def _hours(self, call: StaffCall) -> None:
        turn = call.turn
        calendar = self.services.calendar
        hours = self.services.config.hours
        now_open = calendar.is_open(turn.now)
        lines = [
            turn.text(
                self.lang,
                "admin.hours",
                weekday=f"{hours.weekday[0]:%H.%M}–{hours.weekday[1]:%H.%M}",
                weekend=f"{hours.weekend[0]:%H.%M}–{hours.weekend[1]:%H.%M}",
            ),
            turn.text(self.lang, "admin.open_now" if now_open else "admin.closed_now"),
        ]
        upcoming = [c for c in calendar.closures if c.end > turn.now]
        for closure in upcoming:
            lines.append(
                turn.text(
                    self.lang,
                    "admin.closure_line",
                    start=_local(closure.start, self.services),
                    end=_local(closure.end, self.services),
                    reason=closure.reason or "-",
                )
            )
        turn.send(turn.event.chat, "\n".join(lines))

    @ADMIN.command(
        "closed", sv=("stängt",), arg=Arg("FROM TO REASON", TEXT), usage="admin.closed_usage"
    )
    def _closed(self, call: StaffCall) -> None:
        turn, member, args = call.turn, call.member, call.args
        parts = args.split(maxsplit=2)
        if len(parts) < 2:
            self._reply(turn, "admin.closed_usage")
            return
        tz = self.services.calendar.tz
        start = _parse_when(parts[0], tz, end=False)
        end = _parse_when(parts[1], tz, end=True)
        if start is None or end is None:
            self._reply(turn, "admin.closed_usage")
            return
        problem = closure_problem(start, end, turn.now)
        if problem == "reversed":
            self._reply(turn, "admin.closed_reversed", start=parts[0], end=parts[1])
            return
        if problem is not None:
            earliest, latest = closure_window(turn.now)
            self._reply(
                turn,
                "admin.closed_out_of_range",
                when=parts[0] if problem == "too_early" else parts[1],
                earliest=_local(earliest, self.services)[:10],
                latest=_local(latest, self.services)[:10],
            )
            return
        reason = parts[2] if len(parts) > 2 else ""
        turn.repos.closures.add(start, end, reason, member.address.key(), turn.now)
        self.services.refresh(turn.repos)
        turn.repos.audit.log(member.address, "closure_add", None, turn.now, reason)
        self._reply(
            turn,
            "admin.closed_added",
            start=_local(start, self.services),
            end=_local(end, self.services),
        )

    # The figures carry no personal data, so the staff room may see them too.
    @ADMIN.command("stats", roles=STAFF, sv=("statistik",))
    def _stats(self, call: StaffCall) -> None:
        turn, member = call.turn, call.member
        tz = self.services.calendar.tz
        today = datetime.combine(turn.now.astimezone(tz).date(), time(), tzinfo=tz)
        week = today - timedelta(days=today.weekday())
        unit = member.unit
        blocks = []
        for key, since in (("admin.stats_today", today), ("admin.stats_week", week)):
            blocks.append(stats_text(turn, self.services, key, unit, since))
        turn.send(turn.event.chat, "\n\n".join(blocks))
        turn.repos.audit.log(member.address, "stats", None, turn.now)

    @ADMIN.command(
        "lexicon",
        arg=Arg(
            "list|test TEXT|add LANG CATEGORY SEVERITY MODE PATTERN|remove ID", TEXT, required=False
        ),
    )
    def _lexicon(self, call: StaffCall) -> None:
        turn, member, args = call.turn, call.member, call.args
        moderator = self.services.moderator
        verb, _, rest = args.strip().partition(" ")
        if moderator is None or verb not in ("test", "list", "add", "remove"):
            self._reply(turn, "admin.lexicon_usage")
            return
        if verb == "add":
            self._lexicon_add(turn, member, rest)
            return
        if verb == "remove":
            entry_id = rest.strip()
            if not any(e.id == entry_id for e in moderator.lexicon.entries):
                self._reply(turn, "admin.lexicon_unknown", entry=entry_id or "-")
                return
            turn.repos.lexicon.add(turn.now, member.address.key(), "remove", entry_id)
            self.services.refresh(turn.repos)
            turn.repos.audit.log(member.address, "lexicon_remove", None, turn.now, entry_id)
            self._reply(turn, "admin.lexicon_removed", entry=entry_id)
            return
        if verb == "test" and rest.strip():
            turn.send(turn.event.chat, moderator.explain(rest.strip()))
            return
        if verb == "list":
            counts: dict[tuple[str, str], int] = {}
            for entry in moderator.lexicon.entries:
                counts[(entry.language, entry.category)] = (
                    counts.get((entry.language, entry.category), 0) + 1
                )
            lines = [
                turn.text(
                    self.lang,
                    "admin.lexicon_header",
                    version=moderator.version,
                    count=len(moderator.lexicon.entries),
                    allowed=len(moderator.lexicon.allows),
                )
            ]
            lines += [f"• {lang} {category}: {n}" for (lang, category), n in sorted(counts.items())]
            turn.send(turn.event.chat, "\n".join(lines))
            return
        self._reply(turn, "admin.lexicon_usage")

    def _lexicon_add(self, turn: Turn, member: StaffMember, rest: str) -> None:
        """`lexicon add LANG CATEGORY SEVERITY MODE PATTERN`, e.g. `sv insult 2 word fårskalle`."""
        parts = rest.split(maxsplit=4)
        if len(parts) < 5 or not parts[2].isdecimal():
            self._reply(turn, "admin.lexicon_add_usage")
            return
        language, category, severity, mode, pattern = parts
        if language not in LANGUAGES:
            self._reply(turn, "admin.lexicon_language", language=language)
            return
        number = turn.repos.lexicon.count_added() + 1
        change = LexiconChange(
            number,
            "add",
            f"admin.{language}.{number}",
            language,
            pattern,
            mode,
            category,
            int(severity),
        )
        entry, problems = build_entry(change)
        if entry is None:
            self._reply(turn, "admin.lexicon_bad", problem="; ".join(problems) or "-")
            return
        if sum(ch.isalpha() for ch in pattern) < 3:
            # Shorter ones match inside ordinary words and flag patients for nothing.
            self._reply(turn, "admin.lexicon_short", pattern=pattern)
            return
        turn.repos.lexicon.add(
            turn.now,
            member.address.key(),
            "add",
            change.entry_id,
            language=language,
            pattern=pattern,
            mode=mode,
            category=category,
            severity=int(severity),
        )
        turn.repos.audit.log(member.address, "lexicon_add", None, turn.now, change.entry_id)
        self.services.refresh(turn.repos)
        self._reply(turn, "admin.lexicon_added", entry=change.entry_id, form=entry.forms[0])

    @ADMIN.command("audit", arg=Arg("NUMBER", CASE_NUMBER), usage="admin.audit_usage")
    def _audit(self, call: StaffCall) -> None:
        turn, member = call.turn, call.member
        case = turn.repos.cases.get(int(str(call.value)))
        if case is None:
            self._reply(turn, "admin.audit_usage")
            return
        # Reading the audit trail is itself an access to the case.
        turn.repos.audit.log(member.address, "audit", case.id, turn.now)
        lines = [turn.text(self.lang, "admin.audit_header", case_id=case.id)]
        for at, staff, action, detail in turn.repos.audit.entries_of_case(case.id):
            lines.append(
                turn.text(
                    self.lang,
                    "admin.audit_line",
                    when=_local(at, self.services),
                    staff=staff,
                    action=action,
                    detail=detail or "",
                ).rstrip()
            )
        turn.send(turn.event.chat, "\n".join(lines))

    @ADMIN.command(
        "deadletters", sv=("undanlagda",), arg=Arg("list|retry ID|drop ID", TEXT, required=False)
    )
    def _dead_letters(self, call: StaffCall) -> None:
        turn, member, args = call.turn, call.member, call.args
        dead_letters.command(turn, self.services, member, args)

    def _reply(self, turn: Turn, key: str, **values: Any) -> None:
        turn.say(turn.event.chat, self.lang, key, **values)


def _address(text: str, platform: str) -> Address | None:
    text = text.strip()
    if not text:
        return None
    # Matrix user ids contain a colon themselves (@anna:example.org): only a known platform
    # word before the first colon names the platform.
    head, sep, rest = text.partition(":")
    if sep and head in ("shell", "telegram", "matrix") and rest:
        return Address(head, rest)
    return Address(platform, text)


def _parse_when(text: str, tz: object, *, end: bool) -> datetime | None:
    """'2026-12-28' (a whole day) or '2026-12-28T12:00' in the unit's time zone."""
    try:
        if "T" in text or " " in text:
            moment = datetime.fromisoformat(text)
        else:
            day = date.fromisoformat(text)
            moment = datetime.combine(day + timedelta(days=1) if end else day, time())
    except ValueError:
        return None
    except OverflowError:
        # The day after 9999-12-31: beyond any calendar, so the range check refuses it.
        return datetime.max.replace(tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)  # type: ignore[arg-type]
    return moment


def _local(moment: datetime, services: Services) -> str:
    return moment.astimezone(services.calendar.tz).strftime("%Y-%m-%d %H.%M")
