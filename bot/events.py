"""What the core takes in and what it asks the edges to do. Plain data, no platform."""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import Any

from storage.records import Address


@dataclass(frozen=True)
class Incoming:
    """A message (or a typed command) from a person.

    `sender` is who wrote; `chat` is where (a staff room, or the same as `sender` for a direct
    chat). `event_id` is the platform's id, so a redelivered event is handled once.
    `case_hint` is the case the platform knows the message belongs to (a reply to a relayed
    line); `attachment` is the adapter's own reference to a photo, file or voice message, which
    the core relays unchanged and never opens. `replaces` is the `event_id` of the person's own
    earlier message that this one edits, where the platform says so (Matrix), so that taking
    the edit back can take that one back too.
    `late` says the adapter could read the message only after it had asked the sender to write
    it again (a Matrix message whose room key came after that notice). They may well have done
    so, and the moment has passed, so the core never acts on it as an answer or a command; it
    keeps the words in the case's record, marked with `at` as when they were written, and puts
    them through the same moderation as any message (bot/late.py).
    """

    event_id: str
    sender: Address
    chat: Address
    text: str
    at: datetime
    case_hint: int | None = None
    attachment: str | None = None
    replaces: str | None = None
    late: bool = False


@dataclass(frozen=True)
class Send:
    """Deliver `text` to `to`. `origin` is set when a person's words are relayed."""

    to: Address
    text: str
    choices: tuple[str, ...] = ()
    origin: Address | None = None
    case_id: int | None = None
    kind: str = "text"
    attachment: str | None = None
    # A picture made by the bot (base64 PNG, e.g. the daily chart). Platforms that cannot show
    # it yet send the text alone, so nothing is ever stuck behind it.
    image: str | None = None


@dataclass(frozen=True)
class JoinCase:
    """A clinician took a case: platforms that can (Matrix) invite them to the patient's room."""

    case_id: int
    clinician: Address
    patient: Address
    kind: str = "join"


@dataclass(frozen=True)
class LeaveCase:
    case_id: int
    clinician: Address
    patient: Address
    kind: str = "leave"


@dataclass(frozen=True)
class SendSms:
    """A text message to a patient's mobile. Never health information: the text is neutral."""

    sms_id: int
    to: str
    text: str
    kind: str = "sms"


@dataclass(frozen=True)
class Withdraw:
    """Take back a message a person wrote where others read it too: a held-back threat in a
    room the clinician shares with the patient (Matrix). `event_id` is the `Incoming.event_id`
    it came as; `reason` is neutral and never quotes the message. Platforms where the bot
    relays every line itself never showed it to anyone, and skip this. For an edit, `replaces`
    is the message it edited: the room would otherwise go on showing that one."""

    chat: Address
    event_id: str
    case_id: int
    reason: str
    replaces: str | None = None
    # "threat", or "note": a clinician's note typed where the patient reads. A note the
    # platform cannot take back raises no threat alert (the clinician was told already).
    what: str = "threat"
    kind: str = "withdraw"


Action = Send | JoinCase | LeaveCase | SendSms | Withdraw


def _address(data: dict[str, str] | None) -> Address | None:
    return None if data is None else Address(data["platform"], data["chat"])


def _plain(value: Any) -> Any:
    if isinstance(value, Address):
        return {"platform": value.platform, "chat": value.chat}
    if isinstance(value, tuple):
        return list(value)
    return value


def encode_action(action: Action) -> str:
    # Shallow on purpose: dataclasses.asdict deep-copies every field, and this runs for every
    # message stored in the outbox.
    fields = {f.name: _plain(getattr(action, f.name)) for f in dataclass_fields(action)}
    return json.dumps(fields, ensure_ascii=False)


def decode_action(payload: str) -> Action:
    data: dict[str, Any] = json.loads(payload)
    kind = data.get("kind")
    if kind == "text" or kind == "relay":
        to = _address(data["to"])
        assert to is not None
        return Send(
            to=to,
            text=data["text"],
            choices=tuple(data.get("choices", ())),
            origin=_address(data.get("origin")),
            case_id=data.get("case_id"),
            kind=kind,
            attachment=data.get("attachment"),
            image=data.get("image"),
        )
    if kind == "sms":
        return SendSms(data["sms_id"], data["to"], data["text"])
    if kind == "withdraw":
        chat = _address(data["chat"])
        assert chat is not None
        return Withdraw(
            chat,
            data["event_id"],
            data["case_id"],
            data["reason"],
            data.get("replaces"),
            data.get("what", "threat"),
        )
    clinician = _address(data["clinician"])
    patient = _address(data["patient"])
    assert clinician is not None and patient is not None
    if kind == "join":
        return JoinCase(data["case_id"], clinician, patient)
    if kind == "leave":
        return LeaveCase(data["case_id"], clinician, patient)
    raise ValueError(f"unknown action kind {kind!r}")


SMS = "sms"


def platform_of(action: Action) -> str:
    """Which sending queue carries the action: the chat platform's, or the SMS gateway's."""
    if isinstance(action, SendSms):
        return SMS
    if isinstance(action, Withdraw):
        return action.chat.platform
    return action.to.platform if isinstance(action, Send) else action.patient.platform
