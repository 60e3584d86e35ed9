"""The `worse` command as people write it while they wait: "jag mår sämre nu", "it's getting
worse", "olo on huonompi".

The waiting text says "skriv sämre"; patients write a sentence. A word for worse in any of our
languages counts, unless a negation comes shortly before it in the same clause ("inte sämre",
"no worse than yesterday", "ei huonompi"). The words live in the text catalogue
(`words.worse`, `words.negation`), so a new language is a translation.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from flows.catalog import words

# "jag mår inte alls sämre": the negation may stand a few words before.
NEGATION_REACH = 4
# Endings on a listed word still count ("huonompia", "värre!"), from a stem this long.
_MIN_STEM = 6
_MAX_ENDING = 3
_APOSTROPHES = str.maketrans("", "", "'’`´")
# A negation does not reach past the end of a clause ("inte bättre, utan sämre").
_CLAUSE = re.compile(r"[.,;:!?\n]+|\b(?:men|utan|but|mutta|vaan|though|although)\b", re.I)


def says_worse(text: str, worse: Collection[str], negations: Collection[str]) -> bool:
    """Whether `text` says the patient feels worse (see the module's doc)."""
    worse_keys = {key for w in worse for key in _words(w)}
    negation_keys = {key for w in negations for key in _words(w)}
    for clause in _CLAUSE.split(text):
        typed = _words(clause)
        for index, word in enumerate(typed):
            if not _is_worse(word, worse_keys):
                continue
            before = typed[max(0, index - NEGATION_REACH) : index]
            if not any(w in negation_keys for w in before):
                return True
    return False


def _words(text: str) -> list[str]:
    return words(text.translate(_APOSTROPHES))


def _is_worse(word: str, keys: set[str]) -> bool:
    if word in keys:
        return True
    return any(
        len(key) >= _MIN_STEM and word.startswith(key) and len(word) - len(key) <= _MAX_ENDING
        for key in keys
    )
