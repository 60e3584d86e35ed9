"""Lexicon forms as people type them: without å ä ö, and the lengths of stems and endings
(split from bot/moderation/matcher.py, which files every form at every start)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# People on a keyboard without å ä ö write "doda", "javla": entries match that spelling too.
# A search and five replaces, not str.translate: every start folds the lexicon's forms, and a
# translate table is ten times slower per string.
_FOLD = (("å", "a"), ("ä", "a"), ("ö", "o"), ("æ", "ae"), ("ø", "o"))
_FOLDS = re.compile("[åäöæø]")


def _spellings(form: str) -> tuple[str, ...]:
    folded = _folded(form)
    return (form,) if folded == form else (form, folded)


def _folded(text: str) -> str:
    if not _FOLDS.search(text):
        return text
    for letter, plain in _FOLD:
        text = text.replace(letter, plain)
    return text


def _lengths_by(pairs: Iterable[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for key, length in pairs:
        lengths.setdefault(key, set()).add(length)
    return {key: tuple(sorted(sizes)) for key, sizes in lengths.items()}
