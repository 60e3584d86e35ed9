"""Plain records that the repositories read and write. No behaviour beyond conversions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from storage.dialect import Row

OPEN_STATES = ("intake", "queued", "active")


@lru_cache(maxsize=256)
def to_db_time(at: datetime) -> str:
    # Cached: a unit of work writes the same few instants (its event's time) many times over,
    # and the conversion was about 4% of the bot's CPU on PostgreSQL.
    if at.tzinfo is None:
        raise ValueError("naive datetime: the clock must give aware times")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


@dataclass(frozen=True, order=True)
class Address:
    """Where a message comes from or goes to: a platform and a chat (or user) id there."""

    platform: str
    chat: str

    def key(self) -> str:
        return f"{self.platform}:{self.chat}"

    @classmethod
    def from_key(cls, key: str) -> Address:
        """The inverse of `key`: platform names never hold a colon, chat ids may."""
        platform, colon, chat = key.partition(":")
        if not colon or not platform or not chat:
            raise ValueError("not an address key")
        return cls(platform, chat)


@dataclass(frozen=True)
class Patient:
    id: int
    language: str
    language_set: bool
    mobile: str | None = None
    # Set once a verified person owns this record (identity on); never shown in a repr.
    personnummer: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    contact_step: str = ""


@dataclass(frozen=True)
class Subject:
    id: int
    patient_id: int
    kind: str
    name: str | None
    age_months: int | None
    guardian_statement: str | None
    personnummer: str | None = field(default=None, repr=False)
    # When the age was told in the chat (a patient without e-ID about themselves).
    age_given_at: datetime | None = None


@dataclass(frozen=True)
class Binding:
    """A chat account acting for a verified person, from `verified_at` until `ended_at`."""

    id: int
    account: Address
    patient_id: int
    personnummer: str = field(repr=False)
    name: str = field(repr=False)
    provider: str
    verified_at: datetime
    ended_at: datetime | None = None
    end_reason: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> Binding:
        verified = from_db_time(row["verified_at"])
        assert verified is not None
        return cls(
            id=row["id"],
            account=Address(row["platform"], row["chat"]),
            patient_id=row["patient_id"],
            personnummer=row["personnummer"],
            name=row["name"],
            provider=row["provider"],
            verified_at=verified,
            ended_at=from_db_time(row["ended_at"]),
            end_reason=row["end_reason"],
        )


@dataclass(frozen=True)
class StaffMember:
    address: Address
    role: str
    name: str
    title: str
    unit: str


@dataclass(frozen=True)
class Case:
    id: int
    unit: str
    patient_id: int
    subject_id: int | None
    state: str
    step: str
    language: str
    patient: Address
    complaint: str | None
    questionnaire_id: str | None
    questionnaire_version: str | None
    rules_version: str | None
    outcome: str | None
    rule_id: str | None
    priority: int | None
    recheck: int
    clinician: Address | None
    close_outcome: str | None
    created_at: datetime
    queued_at: datetime | None
    taken_at: datetime | None
    finished_at: datetime | None
    last_position: int | None = None
    position_told_at: datetime | None = None
    relay_paused: bool = False
    pending_items: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @classmethod
    def from_row(cls, row: Row) -> Case:
        clinician = (
            Address(row["clinician_platform"], row["clinician_chat"])
            if row["clinician_platform"] is not None
            else None
        )
        created = from_db_time(row["created_at"])
        assert created is not None
        return cls(
            id=row["id"],
            unit=row["unit"],
            patient_id=row["patient_id"],
            subject_id=row["subject_id"],
            state=row["state"],
            step=row["step"],
            language=row["language"],
            patient=Address(row["patient_platform"], row["patient_chat"]),
            complaint=row["complaint"],
            questionnaire_id=row["questionnaire_id"],
            questionnaire_version=row["questionnaire_version"],
            rules_version=row["rules_version"],
            outcome=row["outcome"],
            rule_id=row["rule_id"],
            priority=row["priority"],
            recheck=row["recheck"],
            clinician=clinician,
            close_outcome=row["close_outcome"],
            created_at=created,
            queued_at=from_db_time(row["queued_at"]),
            taken_at=from_db_time(row["taken_at"]),
            finished_at=from_db_time(row["finished_at"]),
            last_position=row["last_position"],
            position_told_at=from_db_time(row["position_told_at"]),
            relay_paused=bool(row["relay_paused"]),
            pending_items=tuple(i for i in row["pending_items"].split(",") if i),
        )


@dataclass(frozen=True)
class RecordLine:
    case_id: int
    at: datetime
    author_role: str
    author: str
    body: str
    # Set only for a line read long after it was written (`Incoming.late`): it arrived late.
    written_at: datetime | None = None


@dataclass(frozen=True)
class CaseEvent:
    case_id: int
    at: datetime
    from_state: str | None
    to_state: str
    actor: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Feedback:
    case_id: int
    rating: int
    comment: str | None


@dataclass(frozen=True)
class OutboxItem:
    id: int
    platform: str
    payload: str
    attempts: int


# Row ids are SQL BIGINT / SQLite INTEGER: a typed number past this cannot be an id, and handing
# it to the driver raises OverflowError ("!audit 99999999999999999999" became a dead letter).
LARGEST_ID = 2**63 - 1


def could_be_id(number: int) -> bool:
    return 0 < number <= LARGEST_ID
