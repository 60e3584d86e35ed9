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


class UnreadableAction(ValueError):
    """A stored outgoing message that no platform can carry out as it is (bad JSON, an unknown
    kind, a missing or wrong field): set aside as a dead letter, never retried blindly."""


def _address(data: object, field: str) -> Address:
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("platform"), str)
        or not isinstance(data.get("chat"), str)
    ):
        raise UnreadableAction(f"{field}: not an address")
    return Address(data["platform"], data["chat"])


def _field(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = data.get(name)
    # bool is an int to Python, never to us
    if not isinstance(value, kind) or isinstance(value, bool):
        raise UnreadableAction(f"{name}: missing or not {_kind_name(kind)}")
    return value


def _optional(data: dict[str, Any], name: str, kind: type) -> Any:
    return None if data.get(name) is None else _field(data, name, kind)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


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


ACTION_KINDS = ("text", "relay", "sms", "withdraw", "join", "leave")


def decode_action(payload: str) -> Action:
    """The action stored in the outbox. Raises UnreadableAction, naming the field, for anything
    else (real checks: they hold under `python -O` too)."""
    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise UnreadableAction(f"not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise UnreadableAction("not a JSON object")
    kind = data.get("kind")
    if kind not in ACTION_KINDS:
        # Checked first: a kind we do not know is its own error, not a missing field.
        raise UnreadableAction(f"unknown action kind {kind!r}")
    if kind == "text" or kind == "relay":
        choices = data.get("choices", ())
        if not isinstance(choices, list | tuple) or not all(isinstance(c, str) for c in choices):
            raise UnreadableAction("choices: not a list of texts")
        origin = data.get("origin")
        return Send(
            to=_address(data.get("to"), "to"),
            text=_field(data, "text", str),
            choices=tuple(choices),
            origin=None if origin is None else _address(origin, "origin"),
            case_id=_optional(data, "case_id", int),
            kind=kind,
            attachment=_optional(data, "attachment", str),
            image=_optional(data, "image", str),
        )
    if kind == "sms":
        return SendSms(
            _field(data, "sms_id", int), _field(data, "to", str), _field(data, "text", str)
        )
    if kind == "withdraw":
        return Withdraw(
            _address(data.get("chat"), "chat"),
            _field(data, "event_id", str),
            _field(data, "case_id", int),
            _field(data, "reason", str),
            _optional(data, "replaces", str),
            _optional(data, "what", str) or "threat",
        )
    clinician = _address(data.get("clinician"), "clinician")
    patient = _address(data.get("patient"), "patient")
    case_id = _field(data, "case_id", int)
    if kind == "join":
        return JoinCase(case_id, clinician, patient)
    return LeaveCase(case_id, clinician, patient)


def encode_incoming(event: Incoming) -> str:
    """An event as JSON, kept with a dead letter so that it can be handled again."""
    return json.dumps(
        {
            "event_id": event.event_id,
            "sender": event.sender.key(),
            "chat": event.chat.key(),
            "text": event.text,
            "at": event.at.isoformat(),
            "case_hint": event.case_hint,
            "attachment": event.attachment,
            "replaces": event.replaces,
            "late": event.late,
        },
        ensure_ascii=False,
    )


def decode_incoming(payload: str) -> Incoming:
    data = json.loads(payload)
    if not isinstance(data, dict):
        raise ValueError("not a stored event")
    return Incoming(
        event_id=str(data["event_id"]),
        sender=Address.from_key(str(data["sender"])),
        chat=Address.from_key(str(data["chat"])),
        text=str(data["text"]),
        at=datetime.fromisoformat(str(data["at"])),
        case_hint=data.get("case_hint"),
        attachment=data.get("attachment"),
        replaces=data.get("replaces"),
        late=bool(data.get("late", False)),
    )


SMS = "sms"


def platform_of(action: Action) -> str:
    """Which sending queue carries the action: the chat platform's, or the SMS gateway's."""
    if isinstance(action, SendSms):
        return SMS
    if isinstance(action, Withdraw):
        return action.chat.platform
    return action.to.platform if isinstance(action, Send) else action.patient.platform
