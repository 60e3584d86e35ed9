"""Text messages: what each was for and how far it got, and the gateway's reports that came
before the message's id was stored."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from storage.database import Transaction
from storage.records import to_db_time

# A text message's outcome, once known, stands: gateways do not promise to report in order (46elks
# may send "sent" after "delivered"), and a phone does not un-receive a message.
SMS_FINAL = ("delivered", "failed")
_SMS_FINAL = "('delivered', 'failed')"
assert "(" + ", ".join(f"'{s}'" for s in SMS_FINAL) + ")" == _SMS_FINAL
# How long a report waits for its message's id to be stored. The id comes with the gateway's
# answer to the send, seconds later at most; an id missing for a day never will come (the answer
# was lost, or the message was not ours), and a day keeps the gateway's id no longer than needed.
EARLY_REPORTS_KEPT = timedelta(hours=24)

# What became of a delivery report: applied to its message; "unchanged" because the message had
# its outcome already; "kept" because no message has that id yet.
SmsReportOutcome = Literal["applied", "unchanged", "kept"]


class SmsLog:
    """Every text message: what it was for and how far it got (never its text or number)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(self, case_id: int | None, patient_id: int, purpose: str, at: datetime) -> int:
        when = to_db_time(at)
        return self.tx.insert(
            "INSERT INTO sms (case_id, patient_id, purpose, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (case_id, patient_id, purpose, when, when),
        )

    def set_status(
        self,
        sms_id: int,
        status: str,
        at: datetime,
        provider: str | None = None,
        provider_id: str | None = None,
    ) -> None:
        """How far the message got by our side's account; with the gateway's id, also what the
        gateway reported before that id was known."""
        self.tx.execute(
            f"UPDATE sms SET status = CASE WHEN status IN {_SMS_FINAL} THEN status ELSE ? END,"
            " updated_at = ?, provider = coalesce(?, provider),"
            " provider_id = coalesce(?, provider_id) WHERE id = ?",
            (status, to_db_time(at), provider, provider_id, sms_id),
        )
        if provider_id is not None:
            self._apply_early_report(sms_id, at)

    def report(
        self, provider: str, provider_id: str, status: str, at: datetime
    ) -> SmsReportOutcome:
        """The gateway's final status (delivered, failed) for the message it knows by
        `provider_id`. With no such message yet it is kept, and applied when the id is stored
        (`set_status`), unless a day passes first."""
        if status not in SMS_FINAL:
            raise ValueError(f"not a final SMS status: {status!r}")
        changed = self.tx.execute(
            "UPDATE sms SET status = ?, updated_at = ? WHERE provider = ? AND provider_id = ?"
            f" AND status NOT IN {_SMS_FINAL}",
            (status, to_db_time(at), provider, provider_id),
        )
        if changed:
            return "applied"
        known = self.tx.one(
            "SELECT 1 FROM sms WHERE provider = ? AND provider_id = ?", (provider, provider_id)
        )
        if known is not None:
            return "unchanged"
        # Every new one clears the expired: the table stays a day's worth of reports at most.
        self.forget_early_reports(at - EARLY_REPORTS_KEPT)
        # The first final status wins here as on the message itself.
        self.tx.execute(
            "INSERT INTO sms_early_reports (provider, provider_id, status, received_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (provider, provider_id) DO NOTHING",
            (provider, provider_id, status, to_db_time(at)),
        )
        return "kept"

    def _apply_early_report(self, sms_id: int, at: datetime) -> None:
        row = self.tx.one("SELECT provider, provider_id FROM sms WHERE id = ?", (sms_id,))
        if row is None or row[0] is None or row[1] is None:
            return
        # Cleared first, so a report older than a day is never applied to a reused id.
        self.forget_early_reports(at - EARLY_REPORTS_KEPT)
        early = self.tx.one(
            "SELECT status FROM sms_early_reports WHERE provider = ? AND provider_id = ?",
            (row[0], row[1]),
        )
        if early is None:
            return
        self.tx.execute(
            "UPDATE sms SET status = ?, updated_at = ?"
            f" WHERE id = ? AND status NOT IN {_SMS_FINAL}",
            (str(early[0]), to_db_time(at), sms_id),
        )
        self.tx.execute(
            "DELETE FROM sms_early_reports WHERE provider = ? AND provider_id = ?",
            (row[0], row[1]),
        )

    def forget_early_reports(self, before: datetime) -> int:
        """Reports received before `before` whose message id never turned up."""
        return self.tx.execute(
            "DELETE FROM sms_early_reports WHERE received_at < ?", (to_db_time(before),)
        )

    def early_reports(self) -> list[tuple[str, str, str]]:
        """(provider, provider id, status) of the reports still waiting for their id."""
        rows = self.tx.all(
            "SELECT provider, provider_id, status FROM sms_early_reports"
            " ORDER BY received_at, provider, provider_id"
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def of_case(self, case_id: int) -> list[tuple[str, str]]:
        rows = self.tx.all(
            "SELECT purpose, status FROM sms WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [(str(r[0]), str(r[1])) for r in rows]
