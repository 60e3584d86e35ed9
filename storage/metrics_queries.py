"""What /metrics and /readyz ask the database, read at scrape time (bot/metrics.py).

Counts and oldest times only: nothing here reads a person, a message or a payload. Every query is
an aggregate over an indexed column or a small set (the queued cases), so a scrape every few
seconds costs the database thread next to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Transaction
from storage.records import from_db_time

# Every state a case can be in (the CHECK on cases.state in 0001_initial.sql): a state with no
# case is reported as 0, so an alert on it never sees a missing series.
CASE_STATES = (
    "intake",
    "queued",
    "active",
    "closed",
    "ended",
    "cancelled",
    "expired",
    "redirected",
)


@dataclass(frozen=True, slots=True)
class QueuedCase:
    unit: str
    priority: int
    queued_at: datetime


@dataclass(frozen=True, slots=True)
class OutboxDepth:
    platform: str
    pending: int
    oldest: datetime | None


class MetricsQueries:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def ping(self) -> bool:
        """The database answers a query (readiness)."""
        return self.tx.one("SELECT 1") is not None

    def queued(self) -> list[QueuedCase]:
        rows = self.tx.all(
            "SELECT unit, priority, queued_at, created_at FROM cases WHERE state = 'queued'"
        )
        found = []
        for unit, priority, queued_at, created_at in rows:
            # As the queue reads it (bot/jobs.py): no priority yet is the lowest, P5.
            at = from_db_time(queued_at) or from_db_time(created_at)
            if at is not None:
                found.append(QueuedCase(unit, priority or 5, at))
        return found

    def cases_by_state(self) -> dict[str, int]:
        counts = dict.fromkeys(CASE_STATES, 0)
        for state, count in self.tx.all("SELECT state, count(*) FROM cases GROUP BY state"):
            counts[state] = int(count)
        return counts

    def outbox(self) -> list[OutboxDepth]:
        """Messages not yet delivered (nor dropped or set aside), per platform."""
        rows = self.tx.all(
            "SELECT platform, count(*), min(created_at) FROM outbox"
            " WHERE status = 'pending' GROUP BY platform"
        )
        return [OutboxDepth(p, int(n), from_db_time(oldest)) for p, n, oldest in rows]

    def dead_letters(self) -> dict[tuple[str, str], int]:
        """(direction, status) -> count; 'new' and 'retrying' wait for an admin."""
        rows = self.tx.all(
            "SELECT direction, status, count(*) FROM dead_letters GROUP BY direction, status"
        )
        return {(direction, status): int(n) for direction, status, n in rows}

    def moderation_actions(self) -> dict[tuple[str, str], int]:
        """(category, action) -> how many verdicts the record holds."""
        rows = self.tx.all(
            "SELECT category, action, count(*) FROM moderation_verdicts GROUP BY category, action"
        )
        return {(category, action): int(n) for category, action, n in rows}
