"""Telegram's own bookkeeping tables (migration 0002). Only the Telegram adapter uses them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.database import Transaction
from storage.records import to_db_time


@dataclass(frozen=True)
class Question:
    """A question the bot showed with inline buttons."""

    chat: str
    message_id: int
    text: str
    choices: tuple[str, ...]


class TelegramState:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def offset(self, bot: str) -> int | None:
        row = self.tx.one("SELECT next_id FROM telegram_offset WHERE bot = ?", (bot,))
        return None if row is None else int(row[0])

    def save_offset(self, bot: str, next_id: int, at: datetime) -> None:
        """Never moves back: a late writer cannot undo a newer offset."""
        self.tx.execute(
            "INSERT INTO telegram_offset (bot, next_id, saved_at) VALUES (?, ?, ?)"
            " ON CONFLICT (bot) DO UPDATE SET next_id = excluded.next_id,"
            " saved_at = excluded.saved_at WHERE excluded.next_id > telegram_offset.next_id",
            (bot, next_id, to_db_time(at)),
        )

    def remember_case_messages(self, rows: Sequence[tuple[str, int, int]]) -> None:
        """(chat, message_id, case_id) for messages the bot sent."""
        self.tx.many(
            "INSERT INTO telegram_case_messages (chat, message_id, case_id) VALUES (?, ?, ?)"
            " ON CONFLICT (chat, message_id) DO UPDATE SET case_id = excluded.case_id",
            list(rows),
        )

    def case_of_message(self, chat: str, message_id: int) -> int | None:
        row = self.tx.one(
            "SELECT case_id FROM telegram_case_messages WHERE chat = ? AND message_id = ?",
            (chat, message_id),
        )
        return None if row is None else int(row[0])

    def put_questions(self, questions: Sequence[Question]) -> None:
        self.tx.many(
            "INSERT INTO telegram_questions (chat, message_id, text, choices) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (chat) DO UPDATE SET message_id = excluded.message_id,"
            " text = excluded.text, choices = excluded.choices",
            [
                (q.chat, q.message_id, q.text, json.dumps(q.choices, ensure_ascii=False))
                for q in questions
            ],
        )

    def question(self, chat: str) -> Question | None:
        row = self.tx.one(
            "SELECT message_id, text, choices FROM telegram_questions WHERE chat = ?", (chat,)
        )
        if row is None:
            return None
        return Question(chat, int(row[0]), row[1], tuple(json.loads(row[2])))

    def chats_with_questions(self) -> list[str]:
        return [row[0] for row in self.tx.all("SELECT chat FROM telegram_questions")]

    def forget_question(self, chat: str, message_id: int) -> None:
        self.tx.execute(
            "DELETE FROM telegram_questions WHERE chat = ? AND message_id = ?", (chat, message_id)
        )
