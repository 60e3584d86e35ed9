"""How typed words are compared with option labels, shared by the parser and the validator.

The validator uses the same key as the parser, so two labels it accepts can never be confused
when a patient types one of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# A typed start must be this long to stand for a whole label ("ändr" for "Ändra ett svar").
MIN_PREFIX = 4
# Below this a one-letter typo is too likely to be another word ("nej" and "hej").
MIN_TYPO_LABEL = 5
# Phones and keyboards produce many dashes; patients type a hyphen.
_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")


# Labels and yes/no words are keyed again on every answer; the set of them is small and fixed.
@lru_cache(maxsize=4096)
def match_key(text: str) -> str:
    """Casefolded, without diacritics or surrounding punctuation, single-spaced.

    Diacritics go because patients on foreign keyboards type "manad" for "månad".
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    text = _DASHES.sub("-", " ".join(text.split()))
    start, end = 0, len(text)
    while start < end and _is_trim(text[start]):
        start += 1
    while end > start and _is_trim(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_trim(ch: str) -> bool:
    # Dashes stay: "1-" is the start of "1-3 dygn", not option 1.
    category = unicodedata.category(ch)
    return ch.isspace() or (category.startswith("P") and category != "Pd")


def within_one_edit(a: str, b: str) -> bool:
    """True if one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    if len(a) == len(b):
        if a[prefix + 1 :] == b[prefix + 1 :]:
            return True
        swapped = a[prefix + 1 : prefix + 2] + a[prefix] + a[prefix + 2 :]
        return swapped == b[prefix:]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[prefix + 1 :] == shorter[prefix:]


def near(typed: str, label: str) -> bool:
    """`typed` (a match key) is the start of `label` (a match key) or the label with one typo."""
    if len(typed) >= MIN_PREFIX and label.startswith(typed):
        return True
    return len(label) >= MIN_TYPO_LABEL and within_one_edit(typed, label)


def pick_label(typed: str, labels: Sequence[str]) -> int | None:
    """The 0-based index of the one label the patient meant: the label itself, then its first
    word ("ändra"), its start ("mitt barn") or the label with one typo. None when no label or
    more than one fits, so that a guess never picks for the patient."""
    key = match_key(typed)
    keys = [match_key(label) for label in labels]
    for fits in (
        lambda k: k == key,
        lambda k: len(key) >= 3 and k.split()[:1] == [key],
        lambda k: near(key, k),
    ):
        found = [index for index, k in enumerate(keys) if fits(k)]
        if found:
            return found[0] if len(found) == 1 else None
    return None
