"""The one configuration model. TOML in, validated at start; every error names its key."""

from __future__ import annotations

import os
import re
import string
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.closure_window import closure_problem

LANGUAGES = ("sv", "en", "fi")


class ConfigError(Exception):
    """A config problem, with the file and the key it is about."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServiceConfig(_Section):
    name: str = "Min vård"
    unit: str = "default"
    unit_name: str = "hälsocentralen"
    timezone: str = "Europe/Stockholm"
    languages: tuple[str, ...] = LANGUAGES
    default_language: str = "sv"
    min_age: int = Field(13, ge=0, le=18)
    max_message_length: int = Field(2000, ge=100, le=20000)

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [lang for lang in value if lang not in LANGUAGES]
        if unknown:
            raise ValueError(f"no text catalogue for {unknown}; available: {list(LANGUAGES)}")
        if not value:
            raise ValueError("at least one language is needed")
        return value

    @model_validator(mode="after")
    def _default_in_languages(self) -> ServiceConfig:
        if self.default_language not in self.languages:
            raise ValueError(f"default_language {self.default_language!r} is not in languages")
        return self

    @field_validator("timezone")
    @classmethod
    def _real_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class StorageConfig(_Section):
    path: str = "data/minvard.db"
    # postgresql://user@host:port/database: PostgreSQL instead of the SQLite file at `path`.
    # May hold a password: prefer MINVARD_STORAGE_URL in the environment.
    url: str = ""
    durable: bool = True

    @field_validator("url")
    @classmethod
    def _postgres_url(cls, value: str) -> str:
        if value and not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// URL (or empty for the SQLite file)")
        return value

    @property
    def location(self) -> str:
        """What `storage.open_database` opens: the URL when set, else the SQLite file."""
        return self.url or self.path


class ClosureConfig(_Section):
    start: datetime | date
    end: datetime | date
    reason: str = ""

    def moments(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """Start and end as times in `tz`: a whole-day end closes that whole day. A date at the
        calendar's edge (9999-12-31) stays within what datetime can hold."""
        start = self.start
        end = self.end
        start_dt = start if isinstance(start, datetime) else datetime.combine(start, time.min)
        end_dt = end if isinstance(end, datetime) else datetime.combine(end, time.max)
        return (
            start_dt if start_dt.tzinfo else start_dt.replace(tzinfo=tz),
            end_dt if end_dt.tzinfo else end_dt.replace(tzinfo=tz),
        )


class HoursConfig(_Section):
    weekday: tuple[time, time] = (time(8), time(16))
    weekend: tuple[time, time] = (time(10), time(14))
    closures: tuple[ClosureConfig, ...] = ()

    @field_validator("weekday", "weekend")
    @classmethod
    def _ordered(cls, value: tuple[time, time]) -> tuple[time, time]:
        if value[0] >= value[1]:
            raise ValueError("opening time must come before closing time")
        return value


class FlowsConfig(_Section):
    directory: str = ""
    default: str = "general"
    picker: bool = True


class QueueConfig(_Section):
    aging_minutes: dict[str, int] = {"3": 120, "4": 240, "5": 240}
    # At equal effective priority (bot/queue.py): "p2_first" (DESIGN 6: at effective P2 cases
    # triaged P2 before aged ones) or "arrival" (every tie by arrival, kept to compare against).
    tie_break: Literal["p2_first", "arrival"] = "p2_first"
    default_takes_per_hour: float = Field(4.0, gt=0)
    # A waiting patient is told when their place moves by at least this many steps...
    notify_position_change: int = Field(3, ge=1)
    # ...or when it moved at all and they have heard nothing for this long.
    position_update_minutes: int = Field(30, ge=1)

    @field_validator("aging_minutes")
    @classmethod
    def _priorities(cls, value: dict[str, int]) -> dict[str, int]:
        for key, minutes in value.items():
            if key not in {"2", "3", "4", "5"}:
                raise ValueError(f"priority {key!r}: only 2–5 can age (nothing ages into 1)")
            if minutes <= 0:
                raise ValueError(f"priority {key}: minutes must be positive")
        return value


class EscalationConfig(_Section):
    # The link a clinician's `video` sends; {room} becomes a new random room name each time.
    video_url_template: str = "https://meet.jit.si/minvard-{room}"
    # Where a physical visit happens, added to the `visit` hand-over (e.g. the address).
    visit_info: str = ""

    @field_validator("video_url_template")
    @classmethod
    def _has_room(cls, value: str) -> str:
        return _template(value, {"room"}, required={"room"})


class JobsConfig(_Section):
    # How often the periodic jobs run (opening/closing notices, target alerts, clean-up).
    tick_seconds: int = Field(60, ge=5)
    # An intake nobody sent in is deleted after this many hours (data minimisation).
    purge_intake_hours: int = Field(24, ge=1)
    # A clinician is reminded when the patient has not answered this long after the take.
    no_answer_minutes: int = Field(10, ge=1)
    # Closed records are kept this many years after the case ended (patientdatalagen: >= 10).
    retention_years: int = Field(10, ge=10)


class SmsConfig(_Section):
    # "log" writes a line to the log (no number, no text) instead of sending; "46elks" and
    # "twilio" send through those gateways.
    provider: Literal["log", "46elks", "twilio"] = "log"
    # The gateway's address; empty means the provider's own (tests point it at a local server).
    api_base: str = ""
    # 46elks: API username; Twilio: Account SID.
    username: str = ""
    # 46elks: API password; Twilio: auth token. Prefer MINVARD_SMS_PASSWORD in the environment.
    password: str = Field("", repr=False)
    # The sender shown on the phone: a number, or a name of at most 11 letters.
    sender: str = "MinVard"
    # The bot's public base URL for the gateway's delivery reports; empty: no reports (a text
    # message is then known only as far as "sent": the gateway took it).
    callback_url: str = ""
    # The path segment that proves a report comes from the gateway (46elks signs nothing).
    # Secret: set MINVARD_SMS_CALLBACK_SECRET in the environment.
    callback_secret: str = Field("", repr=False)
    # Where the reports endpoint listens; the same address as [identity] shares its site.
    listen_host: str = "127.0.0.1"
    listen_port: int = Field(8082, ge=1, le=65535)

    @field_validator("callback_url")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("must be an absolute http(s) URL, e.g. https://minvard.example.se")
        return value.rstrip("/")

    @field_validator("callback_secret")
    @classmethod
    def _unguessable(cls, value: str) -> str:
        # The message never echoes the value: it is a secret even when it is a bad one.
        if value and not re.fullmatch(r"[A-Za-z0-9_-]{32,}", value):
            raise ValueError(
                "must be at least 32 letters, digits, - or _ (it is a URL path segment);"
                " make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    @model_validator(mode="after")
    def _secret_with_callbacks(self) -> SmsConfig:
        if self.callback_url and not self.callback_secret:
            raise ValueError(
                "callback_secret (MINVARD_SMS_CALLBACK_SECRET) is needed when callback_url is set"
            )
        return self


# The staff roles the shell reads at the start of a line (`clinician2: text`); a role it
# cannot read would be a staff member nobody can speak as.
_SHELL_STAFF_ROLE = re.compile(r"(clinician|admin)[0-9]*")


class ShellPerson(_Section):
    role: str
    name: str
    title: str = ""
    kind: Literal["clinician", "admin"] = "clinician"

    @field_validator("role")
    @classmethod
    def _readable_role(cls, value: str) -> str:
        if not _SHELL_STAFF_ROLE.fullmatch(value):
            raise ValueError(
                f"unknown role {value!r}: the shell knows clinician, clinician2, …, admin,"
                " admin2, … (lower case; patient roles are never staff)"
            )
        return value


def _default_shell_staff() -> tuple[ShellPerson, ...]:
    return (
        ShellPerson(role="clinician", name="Anna Lind", title="sjuksköterska"),
        ShellPerson(role="clinician2", name="Erik Nilsson", title="läkare"),
        ShellPerson(role="admin", name="Maria Berg", title="administratör", kind="admin"),
    )


class ShellConfig(_Section):
    staff: tuple[ShellPerson, ...] = Field(default_factory=_default_shell_staff)

    @field_validator("staff")
    @classmethod
    def _one_person_per_role(cls, value: tuple[ShellPerson, ...]) -> tuple[ShellPerson, ...]:
        seen: dict[str, int] = {}
        for number, person in enumerate(value):
            if person.role in seen:
                # The later entry would silently replace the earlier one at start.
                raise ValueError(
                    f"role {person.role!r} is given to more than one person"
                    f" (entries {seen[person.role]} and {number})"
                )
            seen[person.role] = number
        return value


class TelegramConfig(_Section):
    enabled: bool = False
    # Secret: prefer MINVARD_TELEGRAM_TOKEN in the environment.
    token: str = Field("", repr=False)
    # A local Bot API server for tests and self-hosting; empty means Telegram's own.
    api_base: str = ""
    # The staff supergroup: its members are the clinicians.
    staff_chat_id: int = 0
    # Telegram user ids allowed to run admin commands.
    admins: tuple[int, ...] = ()
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1:8081"
    # Sending limits (Telegram's: about 30/s overall, 1/s per chat, 20/min per group).
    rate_limits: bool = True


class MatrixConfig(_Section):
    enabled: bool = False
    homeserver: str = ""
    user_id: str = ""
    # Secrets: prefer MINVARD_MATRIX_PASSWORD / MINVARD_MATRIX_ACCESS_TOKEN in the environment.
    password: str = Field("", repr=False)
    access_token: str = Field("", repr=False)
    device_name: str = "minvard"
    # Where the device id, login and encryption keys are kept between runs.
    store_path: str = "data/matrix-store"
    # The staff room: its members are the clinicians.
    staff_room: str = ""
    admins: tuple[str, ...] = ()
    encryption: bool = True
    # An encrypted message whose key has not reached the bot is kept and read once the key
    # comes. After this many seconds its sender is asked, once, to write it again...
    undecrypted_notice_seconds: int = Field(120, ge=1)
    # ...and after this many hours its stored ciphertext is deleted.
    undecrypted_keep_hours: int = Field(24, ge=1)


class OidcConfig(_Section):
    # The identity broker's issuer URL; its discovery document is at
    # {issuer}/.well-known/openid-configuration.
    issuer: str = ""
    client_id: str = ""
    # Secret: prefer MINVARD_OIDC_CLIENT_SECRET in the environment. Empty: a public client
    # (PKCE alone).
    client_secret: str = Field("", repr=False)
    # Where the broker sends the browser back; empty means {public_url}/callback.
    redirect_uri: str = ""
    scope: str = "openid profile"
    # The ID token claim that carries the personnummer (brokers differ).
    personnummer_claim: str = "personal_number"
    # Passed to the broker as acr_values (e.g. to offer only BankID and Freja eID+); empty: none.
    acr_values: str = ""


class BankIdConfig(_Section):
    # BankID's RP API v6 (the test host by default).
    api_url: str = "https://appapi2.test.bankid.com/rp/v6.0"
    # The relying party's certificate and private key (PEM files) for mutual TLS.
    client_cert: str = ""
    client_key: str = ""
    # The CA that issued BankID's server certificate (PEM); empty: the system's store.
    ca_file: str = ""


class IdentityConfig(_Section):
    # "none": no identity step (patients are known by their chat account only); "oidc": e-ID
    # through the region's identity broker; "bankid": BankID's RP API directly; "demo": the
    # patient types a personnummer (never for real patients).
    provider: Literal["none", "demo", "oidc", "bankid"] = "none"
    # The bot's public base URL; login links in chat are built on it.
    public_url: str = ""
    # Where the bot's small web endpoint listens (behind a TLS-terminating proxy in production).
    listen_host: str = "127.0.0.1"
    listen_port: int = Field(8082, ge=1, le=65535)
    # A login link works once, for this many minutes.
    link_minutes: int = Field(5, ge=1, le=30)
    # A login started from a link must finish within this many minutes.
    login_minutes: int = Field(10, ge=1, le=60)
    # true: every new case needs a fresh login; false: a login lasts until the patient reports
    # misuse or logs in again.
    reidentify_per_case: bool = False
    # Behind a reverse proxy: the header with the client's address (BankID needs the end user's
    # IP), e.g. "X-Forwarded-For"; empty: the connection's own address.
    forwarded_for_header: str = ""
    oidc: OidcConfig = OidcConfig()
    bankid: BankIdConfig = BankIdConfig()

    @property
    def enabled(self) -> bool:
        return self.provider != "none"

    @model_validator(mode="after")
    def _complete(self) -> IdentityConfig:
        if self.provider in ("oidc", "bankid") and not self.public_url:
            raise ValueError(f"public_url is needed for provider {self.provider!r}")
        if self.provider == "oidc" and not (self.oidc.issuer and self.oidc.client_id):
            raise ValueError("oidc.issuer and oidc.client_id are needed for provider 'oidc'")
        return self


class LanguageConfig(_Section):
    # Offer (never make) a switch when a patient writes in another of our languages.
    detector: Literal["lingua", "langdetect", "none"] = "lingua"
    accuracy: Literal["high", "low"] = "low"
    min_words: int = Field(3, ge=3)
    min_confidence: float = Field(0.5, gt=0, le=1)


class ReliabilityConfig(_Section):
    # An incoming event whose handling fails this many times in a row is set aside as a dead
    # letter (its sender is answered kindly, an admin told, the platform cursor moves on).
    event_attempts: int = Field(3, ge=1, le=20)
    # An outgoing message that fails this many deliveries (backoff 1, 2, 4 … s, at most 5
    # minutes) is set aside as a dead letter; the other chats never wait for it.
    delivery_attempts: int = Field(8, ge=1, le=50)


class LoggingConfig(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    # "json": one object per line (time, level, logger, message) for a log collector.
    format: Literal["text", "json"] = "text"


class ObservabilityConfig(_Section):
    # Where /healthz, /readyz and /metrics listen, as host:port; empty: not served.
    listen: str = ""

    @field_validator("listen")
    @classmethod
    def _host_and_port(cls, value: str) -> str:
        if not value:
            return value
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError(f"{value!r} is not host:port, e.g. 127.0.0.1:9108")
        return value

    @property
    def host_port(self) -> tuple[str, int]:
        host, _, port = self.listen.rpartition(":")
        return host.strip("[]"), int(port)


class Config(_Section):
    service: ServiceConfig = ServiceConfig()
    language: LanguageConfig = LanguageConfig()
    storage: StorageConfig = StorageConfig()
    hours: HoursConfig = HoursConfig()
    flows: FlowsConfig = FlowsConfig()
    queue: QueueConfig = QueueConfig()
    escalation: EscalationConfig = EscalationConfig()
    jobs: JobsConfig = JobsConfig()
    sms: SmsConfig = SmsConfig()
    shell: ShellConfig = ShellConfig()
    telegram: TelegramConfig = TelegramConfig()
    matrix: MatrixConfig = MatrixConfig()
    identity: IdentityConfig = IdentityConfig()
    reliability: ReliabilityConfig = ReliabilityConfig()
    logging: LoggingConfig = LoggingConfig()
    observability: ObservabilityConfig = ObservabilityConfig()

    @model_validator(mode="after")
    def _closures_in_order(self) -> Config:
        # Here, not in HoursConfig: a closure without an offset is in the service's time zone.
        tz = ZoneInfo(self.service.timezone)
        now = datetime.now(tz)
        for number, closure in enumerate(self.hours.closures):
            start, end = closure.moments(tz)
            problem = closure_problem(start, end, now, keep_past=True)
            if problem is not None:
                raise ValueError(f"hours.closures.{number}: {_CLOSURE_PROBLEMS[problem]}")
        return self


_CLOSURE_PROBLEMS = {
    "reversed": "ends before it starts (end must come after start)",
    "too_early": "starts before the year 2000; check the year",
    "too_late": "ends more than two years from today; check the year",
}


def _template(value: str, known: set[str], *, required: set[str]) -> str:
    """A str.format template that can only be filled with `known` names, each plainly."""
    try:
        fields = [
            (name, conversion, spec)
            for _, name, spec, conversion in string.Formatter().parse(value)
            if name is not None
        ]
    except ValueError as exc:
        raise ValueError(
            f"not a valid template ({exc}); write a literal brace as {{{{ or }}}}"
        ) from exc
    for name, conversion, spec in fields:
        if name not in known:
            # str.format would raise KeyError (or reach into attributes) when it is used.
            choices = ", ".join("{" + k + "}" for k in sorted(known))
            raise ValueError(f"unknown placeholder {{{name}}}; only {choices} can be used")
        if conversion or spec:
            raise ValueError(f"write the placeholder as {{{name}}}, without ! or :")
    missing = required - {name for name, _, _ in fields}
    if missing:
        raise ValueError(
            f"must contain {', '.join('{' + m + '}' for m in sorted(missing))}, so that every"
            " visit gets its own room"
        )
    return value


def _describe(exc: ValidationError, source: str) -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(part) for part in err["loc"])
        if not key:
            # Checks across sections name their key at the start of the message.
            lines.append(f"{source}: {err['msg'].removeprefix('Value error, ')}")
            continue
        lines.append(f"{source}: {key}: {err['msg']}")
    return "\n".join(lines)


# Settings that may (and secrets that should) come from the environment.
ENVIRONMENT = (
    ("MINVARD_STORAGE_PATH", "storage", "path"),
    ("MINVARD_STORAGE_URL", "storage", "url"),
    ("MINVARD_TELEGRAM_TOKEN", "telegram", "token"),
    ("MINVARD_MATRIX_PASSWORD", "matrix", "password"),
    ("MINVARD_MATRIX_ACCESS_TOKEN", "matrix", "access_token"),
    ("MINVARD_SMS_PASSWORD", "sms", "password"),
    ("MINVARD_SMS_CALLBACK_SECRET", "sms", "callback_secret"),
    ("MINVARD_OIDC_CLIENT_SECRET", "identity.oidc", "client_secret"),
)


def load_config(path: Path | None) -> Config:
    """Read the TOML file (or the embedded defaults when `path` is None)."""
    data: dict[str, object] = {}
    source = "(defaults)"
    if path is not None:
        source = str(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise ConfigError(f"{source}: file not found") from exc
        except OSError as exc:
            raise ConfigError(f"{source}: cannot be read: {exc.strerror or exc}") from exc
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ConfigError(
                f"{source}: line {line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file"
                " as UTF-8"
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    for variable, section_path, key in ENVIRONMENT:
        value = os.environ.get(variable)
        if value:
            section: object = data
            for name in section_path.split("."):
                if isinstance(section, dict):
                    section = section.setdefault(name, {})
            if isinstance(section, dict):
                section[key] = value
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from exc
