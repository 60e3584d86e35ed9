"""Events in and messages out: the inbox that handles each event once, and the outbox that
delivers each message at least once, in order within a chat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from storage.database import Later, Transaction
from storage.dialect import Row
from storage.records import Address, OutboxItem, could_be_id, to_db_time

_MARK = "INSERT INTO inbox (event_id, handled_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING"
_PENDING = (
    "SELECT o.id, o.platform, o.payload, o.attempts FROM outbox o"
    " WHERE o.status = 'pending' AND o.platform = ? AND NOT EXISTS ("
    " SELECT 1 FROM outbox w WHERE w.status = 'pending' AND w.platform = o.platform"
    " AND w.lane IS NOT DISTINCT FROM o.lane AND w.id <= o.id AND w.next_attempt_at > ?)"
    " ORDER BY o.id LIMIT ?"
)


_LIST_SIZES = (1, 4, 16, 64)


def _items(rows: Sequence[Row]) -> list[OutboxItem]:
    return [OutboxItem(r[0], r[1], r[2], r[3]) for r in rows]


class Inbox:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def mark(self, event_id: str, at: datetime, *, sender: Address | None = None) -> bool:
        """Record the event as handled; False when it already was (a redelivery).

        With the event's `sender`, who they are (staff, or a patient and their open cases)
        is read in the same round trip and remembered for the unit (`Staff.get`): the core
        asks that next, and on PostgreSQL each round trip is the server's and the bot's time
        one after the other. A redelivery's reads are wasted, and harmless."""
        params = (event_id, to_db_time(at))
        if sender is None:
            return self.tx.execute(_MARK, params) == 1
        from storage.people import Staff  # people reads nothing from here

        return bool(Staff(self.tx).read_ahead(sender, (_MARK + " RETURNING event_id", params)))

    def forget(self, event_id: str) -> None:
        """Handle the event again (an admin's retry of a dead letter, in the same transaction
        as the handling)."""
        self.tx.execute("DELETE FROM inbox WHERE event_id = ?", (event_id,))


class Outbox:
    """Outgoing messages: pending, then sent, dropped (refused for good) or dead (set aside
    as a dead letter, storage/dead_letters.py). Order is kept within each chat (`lane`)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(self, platform: str, payload: str, at: datetime, purpose: str | None = None) -> None:
        self.add_many([(platform, payload)], at, purpose)

    def add_many(
        self, rows: list[tuple[str, str]], at: datetime, purpose: str | None = None
    ) -> None:
        when = to_db_time(at)
        self.tx.many(
            "INSERT INTO outbox (created_at, platform, payload, lane, purpose)"
            " VALUES (?, ?, ?, ?, ?)",
            [(when, platform, payload, lane_of(payload), purpose) for platform, payload in rows],
        )

    def pending(self, platform: str, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Messages due now, in order, leaving out every chat whose earliest waiting message
        waits for a retry: a message must not be overtaken by those to the same chat behind
        it, and never holds back the other chats."""
        return _items(self.tx.all(_PENDING, (platform, to_db_time(now), limit)))

    def pending_later(
        self, platform: str, now: datetime, limit: int = 100
    ) -> Later[list[OutboxItem]]:
        """`pending`, looked at once the unit of work is committed (`Transaction.later`)."""
        return self.tx.later(_PENDING, (platform, to_db_time(now), limit), _items)

    def claim(
        self, platform: str, now: datetime, hold: timedelta, limit: int = 100
    ) -> list[OutboxItem]:
        """`pending`, taken for sending by this process alone (in a write): each row waits
        `hold` before anyone takes it again, unless it is marked sent, dropped or failed before
        that. On PostgreSQL rows another process is claiming at this moment are skipped, not
        waited for; a process that dies mid-send leaves its rows to be taken after `hold`."""
        when = to_db_time(now)
        if self.tx.dialect.one_at_a_time:
            # Another process's claim, not yet committed, would look unclaimed from here.
            self.tx.one(self.tx.dialect.one_at_a_time, (f"outbox:{platform}",))
        rows = self.tx.all(
            "SELECT o.id, o.platform, o.payload, o.attempts FROM outbox o"
            " WHERE o.status = 'pending' AND o.platform = ? AND NOT EXISTS ("
            " SELECT 1 FROM outbox w WHERE w.status = 'pending' AND w.platform = o.platform"
            " AND w.lane IS NOT DISTINCT FROM o.lane AND w.id <= o.id AND w.next_attempt_at > ?)"
            f" ORDER BY o.id LIMIT ?{self.tx.dialect.skip_locked}",
            (platform, when, limit),
        )
        until = to_db_time(now + hold)
        self.tx.many(
            "UPDATE outbox SET next_attempt_at = ? WHERE id = ?", [(until, r[0]) for r in rows]
        )
        return [OutboxItem(r[0], r[1], r[2], r[3]) for r in rows]

    def release(self, ids: Sequence[int], now: datetime) -> None:
        """Claimed rows left unsent (the sender paused, or was stopped): due again at once,
        for any process, instead of after the claim's hold."""
        self.tx.many(
            "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'",
            [(to_db_time(now), i) for i in ids],
        )

    def get(self, item_id: int) -> tuple[OutboxItem, str, str | None] | None:
        """A row with its status and purpose."""
        if not could_be_id(item_id):
            return None
        row = self.tx.one(
            "SELECT id, platform, payload, attempts, status, purpose FROM outbox WHERE id = ?",
            (item_id,),
        )
        return None if row is None else (OutboxItem(row[0], row[1], row[2], row[3]), row[4], row[5])

    def mark_sent(self, ids: Sequence[int], at: datetime) -> None:
        # A statement for many rows instead of one a row (a batch is often tens): in lists of
        # a few fixed lengths, the last id repeated to fill one, so that the server has a few
        # statements to prepare, not one for every length.
        when = to_db_time(at)
        rest = list(ids)
        while rest:
            size = next((n for n in _LIST_SIZES if n >= len(rest)), _LIST_SIZES[-1])
            chunk, rest = rest[:size], rest[size:]
            chunk += [chunk[-1]] * (size - len(chunk))
            self.tx.run(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1"
                f" WHERE id IN ({', '.join('?' * size)}) AND status = 'pending'",
                (when, *chunk),
            )

    def mark_dropped(self, item_id: int, error: str) -> None:
        """The platform refused the message for good: recorded as dropped, with why."""
        self.tx.execute(
            "UPDATE outbox SET status = 'dropped', attempts = attempts + 1, last_error = ?"
            " WHERE id = ? AND status = 'pending'",
            (error, item_id),
        )

    def mark_failed(
        self, item_id: int, error: str, retry_at: datetime, *, counts: bool = True
    ) -> None:
        """Try again at `retry_at`. `counts`: False for a platform's "wait" (429), which says
        nothing about whether the message can be delivered."""
        self.tx.execute(
            "UPDATE outbox SET attempts = attempts + ?, last_error = ?, next_attempt_at = ?"
            " WHERE id = ?",
            (1 if counts else 0, error, to_db_time(retry_at), item_id),
        )

    def drop_pending_of_cases(self, lane: str, case_ids: Sequence[int], why: str) -> int:
        """Messages still waiting for `lane` about these cases are recorded as dropped, never
        sent (someone who left the staff must not receive a patient's line written before
        they left). Returns how many."""
        wanted = set(case_ids)
        rows = self.tx.all(
            "SELECT id, payload FROM outbox WHERE status = 'pending' AND lane = ?", (lane,)
        )
        dropped = 0
        for item_id, payload in rows:
            try:
                data = json.loads(payload)
            except ValueError:
                continue
            if isinstance(data, dict) and data.get("case_id") in wanted:
                self.mark_dropped(int(item_id), why)
                dropped += 1
        return dropped

    def unsent_count(self) -> int:
        row = self.tx.one("SELECT count(*) FROM outbox WHERE status = 'pending'")
        return 0 if row is None else int(row[0])


def lane_of(payload: str) -> str | None:
    """The chat an outgoing message goes to (its address key), read from the stored action;
    None for a payload nobody can read (it is set aside when its turn comes)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if data.get("kind") == "sms":
        return f"sms:{data.get('sms_id')}"
    for name in ("to", "chat", "patient"):
        where = data.get(name)
        if isinstance(where, dict) and "platform" in where and "chat" in where:
            return f"{where['platform']}:{where['chat']}"
    return None
