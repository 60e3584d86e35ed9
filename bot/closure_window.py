"""How far back and ahead a one-off closure may lie.

A typo in a year (9999, 2062) would otherwise close the unit for decades, or overflow the
calendar's arithmetic and stop the bot; an end before the start is always a mistake.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

ClosureProblem = Literal["reversed", "too_early", "too_late"]

# An admin may still record a closure that has just passed (for the statistics), not an old one.
PAST = timedelta(days=365)
AHEAD = timedelta(days=2 * 365)
# A config file keeps its past closures (harmless); before this one is a typo.
EARLIEST_IN_CONFIG = datetime(2000, 1, 1, tzinfo=UTC)


def closure_window(now: datetime) -> tuple[datetime, datetime]:
    """The earliest start and the latest end an admin may give, around `now`."""
    return now - PAST, now + AHEAD


def closure_problem(
    start: datetime, end: datetime, now: datetime, *, keep_past: bool = False
) -> ClosureProblem | None:
    """What is wrong with closing from `start` to `end` (aware times), or None.

    `keep_past` (the config file): any start from the year 2000 on is accepted."""
    earliest, latest = closure_window(now)
    if start < (EARLIEST_IN_CONFIG if keep_past else earliest):
        return "too_early"
    if end > latest:
        return "too_late"
    if end <= start:
        return "reversed"
    return None
