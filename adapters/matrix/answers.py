"""What the homeserver's error answers mean for the outbox: wait, retry, or drop for good."""

from __future__ import annotations

from typing import Any

from nio import ErrorResponse

from bot.outbox import Dropped, RetryLater

# Answers that no retry will change (the bot is not in the room, lacks the power, the room or
# user does not exist): the action is dropped with an error in the log, so that one impossible
# action never blocks the queue behind it (see `Dropped`).
PERMANENT = frozenset(
    {"M_FORBIDDEN", "M_NOT_FOUND", "M_UNKNOWN", "M_BAD_JSON", "M_INVALID_PARAM", "M_NOT_JSON"}
)


def error_of(answer: Any) -> str:
    """The error code (or the answer's type) for the log: never the message, which may quote."""
    code = getattr(answer, "status_code", None)
    return f"{code or type(answer).__name__}"


def already_in(answer: ErrorResponse) -> bool:
    return "already in the room" in (answer.message or "")


def not_in(answer: ErrorResponse) -> bool:
    message = answer.message or ""
    return "not in the room" in message or "not a member" in message


def raise_for(answer: Any, what: str) -> None:
    """RetryLater or RuntimeError for what the outbox should retry; Dropped for the rest."""
    code = getattr(answer, "status_code", None)
    if code == "M_LIMIT_EXCEEDED":
        retry_ms = getattr(answer, "retry_after_ms", None) or 1000
        raise RetryLater(retry_ms / 1000)
    if code in PERMANENT:
        raise Dropped(f"could not {what} ({code})")
    raise RuntimeError(f"matrix: could not {what} ({error_of(answer)})")
