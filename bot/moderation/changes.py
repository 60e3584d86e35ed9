"""Lexicon changes made by admins at run time (`lexicon add|remove`), on top of the files.

Each change is stored (and audited) by the core; the lexicon the bot uses is the files plus the
changes in order, with a version that names both, so every verdict says which rules it used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.moderation.lexicon import Entry, Lexicon, _entry

ADMIN_SOURCE = "admin"


@dataclass(frozen=True)
class LexiconChange:
    number: int
    action: str  # "add" or "remove"
    entry_id: str
    language: str = ""
    pattern: str = ""
    mode: str = "word"
    category: str = ""
    severity: int = 1


def build_entry(change: LexiconChange) -> tuple[Entry | None, list[str]]:
    """The entry an `add` describes, or the problems that stop it (unknown category, …)."""
    problems: list[str] = []
    raw = {
        "id": change.entry_id,
        "pattern": change.pattern,
        "mode": change.mode,
        "category": change.category,
        "severity": change.severity,
    }
    return _entry(raw, change.language, ADMIN_SOURCE, {}, problems), problems


def apply_changes(lexicon: Lexicon, changes: Sequence[LexiconChange]) -> Lexicon:
    if not changes:
        return lexicon
    entries = list(lexicon.entries)
    digest = hashlib.sha256(lexicon.version.encode())
    for change in changes:
        digest.update(f"\0{change.number}:{change.action}:{change.entry_id}".encode())
        entries = [e for e in entries if e.id != change.entry_id]
        if change.action == "add":
            entry, _ = build_entry(change)
            if entry is not None:
                entries.append(entry)
    return replace(lexicon, entries=tuple(entries), version=digest.hexdigest()[:12])
