"""What moderation decided on each line, and the changes staff made to the lexicon."""

from __future__ import annotations

from datetime import datetime

from storage.database import Transaction
from storage.records import to_db_time


class Verdicts:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(
        self,
        *,
        patient_id: int,
        case_id: int | None,
        at: datetime,
        action: str,
        category: str,
        rule_id: str,
        lexicon_version: str,
        matched_form: str,
        strike: bool,
    ) -> None:
        self.tx.execute(
            "INSERT INTO moderation_verdicts (patient_id, case_id, at, action, category, rule_id,"
            " lexicon_version, matched_form, strike) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                patient_id,
                case_id,
                to_db_time(at),
                action,
                category,
                rule_id,
                lexicon_version,
                matched_form,
                int(strike),
            ),
        )

    def strikes_since(self, patient_id: int, since: datetime) -> int:
        row = self.tx.one(
            "SELECT count(*) FROM moderation_verdicts WHERE patient_id = ? AND strike = 1"
            " AND at >= ?",
            (patient_id, to_db_time(since)),
        )
        return 0 if row is None else int(row[0])

    def of_case(self, case_id: int) -> list[tuple[str, str, str]]:
        rows = self.tx.all(
            "SELECT action, category, rule_id FROM moderation_verdicts WHERE case_id = ?"
            " ORDER BY id",
            (case_id,),
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


class LexiconChanges:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add(
        self,
        at: datetime,
        by: str,
        action: str,
        entry_id: str,
        *,
        language: str = "",
        pattern: str = "",
        mode: str = "word",
        category: str = "",
        severity: int = 1,
    ) -> int:
        return self.tx.insert(
            "INSERT INTO lexicon_changes (at, by, action, entry_id, language, pattern, mode,"
            " category, severity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (to_db_time(at), by, action, entry_id, language, pattern, mode, category, severity),
        )

    def all(self) -> list[tuple[int, str, str, str, str, str, str, int]]:
        """(number, action, entry id, language, pattern, mode, category, severity), in order."""
        rows = self.tx.all(
            "SELECT id, action, entry_id, language, pattern, mode, category, severity"
            " FROM lexicon_changes ORDER BY id"
        )
        return [(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], int(r[7])) for r in rows]

    def count_added(self) -> int:
        row = self.tx.one("SELECT count(*) FROM lexicon_changes WHERE action = 'add'")
        return 0 if row is None else int(row[0])
