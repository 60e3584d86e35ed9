"""Builds the core's shared parts from the config (no platform knowledge here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.context import CalendarBox, ModeratorBox, Services
from bot.detection import detector_for
from bot.hours import Closure, StaffedCalendar
from bot.moderation import LexiconError, Moderator, check_lexicon
from bot.moderation.cache import cached_lexicon
from bot.texts import Catalogue
from flows.loader import load_directory
from flows.model import Questionnaire
from flows.validate import check_and_load
from storage.records import Address


def system_clock() -> datetime:
    return datetime.now(UTC)


def questionnaire_dir(config: Config) -> Path:
    if config.flows.directory:
        return Path(config.flows.directory)
    return Path(str(resources.files("flows").joinpath("questionnaires")))


def calendar_for(config: Config, extra: Sequence[Closure] = ()) -> StaffedCalendar:
    """The config's hours and closures, plus closures added at run time by admins."""
    tz = ZoneInfo(config.service.timezone)
    closures = list(extra)
    for closure in config.hours.closures:
        start, end = closure.start, closure.end
        start_dt = (
            start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
        )
        end_dt = end if isinstance(end, datetime) else datetime.combine(end, datetime.max.time())
        closures.append(
            Closure(
                start_dt if start_dt.tzinfo else start_dt.replace(tzinfo=tz),
                end_dt if end_dt.tzinfo else end_dt.replace(tzinfo=tz),
                closure.reason,
            )
        )
    return StaffedCalendar(
        timezone=config.service.timezone,
        weekday_hours=config.hours.weekday,
        weekend_hours=config.hours.weekend,
        closures=closures,
    )


_SHIPPED: list[Moderator] = []


def lexicon_cache(config: Config) -> Path | None:
    """Where the built lexicon is kept between starts: beside the SQLite file, when its folder
    exists (the database makes it; a PostgreSQL config's may not). None: built every start."""
    if config.storage.path == ":memory:":
        return None
    folder = Path(config.storage.path).parent
    return folder / "cache" if folder.is_dir() else None


def shipped_moderator(cache: Path | None = None) -> Moderator:
    """The shipped lexicon, built once per process, and read from `cache` when a start before
    this one left it there (building takes about a second of CPU; bot/moderation/cache.py)."""
    if not _SHIPPED:
        lexicon = cached_lexicon(cache)
        if lexicon.problems:
            raise LexiconError("; ".join(lexicon.problems))
        _SHIPPED.append(Moderator(lexicon))
    return _SHIPPED[0]


def build_services(
    config: Config,
    staff_rooms: Mapping[str, Address],
    clock: Callable[[], datetime] = system_clock,
    questionnaires: Mapping[str, Questionnaire] | None = None,
) -> Services:
    return Services(
        config=config,
        questionnaires=questionnaires
        if questionnaires is not None
        else load_directory(questionnaire_dir(config)),
        texts=Catalogue.load(config.service.languages, config.service.default_language),
        calendars=CalendarBox(lambda extra: calendar_for(config, extra)),
        clock=clock,
        staff_rooms=dict(staff_rooms),
        moderation=ModeratorBox(shipped_moderator(lexicon_cache(config))),
        detector=detector_for(config.language, config.service.languages),
    )


def questionnaire_problems(config: Config) -> list[str]:
    """What `minvard check` finds in the questionnaires, as 'file: key: problem' lines. `run`
    and `shell` refuse to start on any: a dangling enableWhen silently skips its question, a
    red-flag one included, and the case is queued too low."""
    return checked_questionnaires(config)[0]


def checked_questionnaires(config: Config) -> tuple[list[str], dict[str, Questionnaire]]:
    """questionnaire_problems and, when there are none, the questionnaires for build_services:
    a start reads the files once."""
    found, loaded = check_and_load(questionnaire_dir(config), config.service.languages)
    problems = [str(p) for p in found]
    if not problems and config.flows.default not in loaded:
        problems.append(
            f"config: flows.default: no questionnaire with id {config.flows.default!r}"
            f" in {questionnaire_dir(config)}"
        )
    return problems, loaded


def check(config: Config) -> list[str]:
    """Everything `minvard check` reports about a loaded config, as 'file: key: problem' lines."""
    problems = questionnaire_problems(config)
    if config.telegram.enabled and not config.telegram.token:
        problems.append("config: telegram.token: empty (set MINVARD_TELEGRAM_TOKEN)")
    if config.telegram.enabled and not config.telegram.staff_chat_id:
        problems.append("config: telegram.staff_chat_id: the staff supergroup's id is needed")
    if config.matrix.enabled and not (config.matrix.password or config.matrix.access_token):
        problems.append(
            "config: matrix.password: neither a password nor an access token"
            " (set MINVARD_MATRIX_PASSWORD or MINVARD_MATRIX_ACCESS_TOKEN)"
        )
    problems.extend(_identity_problems(config))
    catalogue = Catalogue.load(("sv", "en", "fi"), "sv")
    problems.extend(catalogue.problems())
    problems.extend(check_lexicon())
    return problems


def _identity_problems(config: Config) -> list[str]:
    identity = config.identity
    problems = []
    if identity.provider == "bankid" and identity.bankid.api_url.startswith("https:"):
        for key in ("client_cert", "client_key"):
            path = getattr(identity.bankid, key)
            if not path:
                problems.append(
                    f"config: identity.bankid.{key}: BankID needs the relying party's"
                    " certificate and key (PEM files) for mutual TLS"
                )
            elif not Path(path).is_file():
                problems.append(f"config: identity.bankid.{key}: no file {path}")
    return problems


def warnings(config: Config) -> list[str]:
    """What is allowed but dangerous: `minvard` prints these loudly and goes on."""
    identity = config.identity
    found = []
    if identity.provider == "demo":
        found.append(
            'config: identity.provider: "demo" lets anyone type any personnummer and be taken'
            " for that person. The bot says DEMO in every conversation. Never use it with real"
            " patients."
        )
    if identity.provider in ("oidc", "bankid") and not identity.public_url.startswith("https:"):
        found.append(
            f"config: identity.public_url: {identity.public_url!r} is not https; login links"
            " must not travel in the clear outside a test"
        )
    if config.sms.callback_url and not config.sms.callback_url.startswith("https:"):
        found.append(
            f"config: sms.callback_url: {config.sms.callback_url!r} is not https; the callback"
            " secret in its path must not travel in the clear outside a test"
        )
    return found
