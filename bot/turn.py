"""One event's handling: the repositories of its transaction, the time, and what to send."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.events import Action, Incoming, Send
from bot.shown_text import shown
from bot.texts import Catalogue
from storage.records import Address, Case
from storage.repositories import Repositories


@dataclass
class Turn:
    repos: Repositories
    event: Incoming
    now: datetime
    texts: Catalogue
    actions: list[Action] = field(default_factory=list)

    def text(self, lang: str, key: str, **values: Any) -> str:
        return self.texts.get(lang, key, **values)

    def send(
        self,
        to: Address,
        text: str,
        *,
        choices: tuple[str, ...] | list[str] = (),
        case_id: int | None = None,
        origin: Address | None = None,
        attachment: str | None = None,
    ) -> None:
        kind = "relay" if origin is not None else "text"
        # Everything the core shows a person leaves here: relayed words, alerts quoting them,
        # summaries, boards. The record is written elsewhere and keeps what was written.
        self.actions.append(
            Send(
                to,
                shown(text),
                tuple(shown(choice) for choice in choices),
                origin,
                case_id,
                kind,
                attachment,
            )
        )

    def say(
        self,
        to: Address,
        lang: str,
        key: str,
        *,
        choices: tuple[str, ...] | list[str] = (),
        **values: Any,
    ) -> str:
        text = self.text(lang, key, **values)
        self.send(to, text, choices=choices)
        return text

    def tell_patient(
        self,
        case: Case,
        key: str,
        *,
        choices: tuple[str, ...] | list[str] = (),
        lang: str | None = None,
        **values: Any,
    ) -> str:
        """Say something to the patient of a case and keep it in the case's record."""
        text = self.text(lang or case.language, key, **values)
        self.tell_patient_text(case, text, choices=choices)
        return text

    def tell_patient_text(
        self, case: Case, text: str, *, choices: tuple[str, ...] | list[str] = ()
    ) -> None:
        self.send(case.patient, text, choices=choices, case_id=case.id)
        shown = (
            text
            if not choices
            else text + "\n" + "\n".join(f"{i}. {c}" for i, c in enumerate(choices, 1))
        )
        self.repos.record.add(case.id, "bot", "bot", shown, self.now)
