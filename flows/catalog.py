"""Which questionnaire fits a complaint: suggested from free text, or picked from a short list.

Each questionnaire lists complaint `keywords` per language. A patient's words are compared with
them word by word, tolerant of what patients type:

- inflection and Swedish/Finnish compounds: a word that starts or ends with a keyword of four
  letters or more counts ("halsen" ~ "hals…", "vinterkräksjuka" ~ "kräksjuka",
  "kurkkuun" ~ "kurkku");
- typos: one edit (letter wrong, missing, extra or swapped) in a keyword of five letters or more;
- phrases ("ont i halsen"): their words in order, a few other words allowed in between.

The score of a questionnaire is the sum of its matching keywords (a phrase counts more than a word,
the patient's language more than the others); suggestions come best first, and only a suggestion:
the patient confirms, or picks from the list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from flows.matching import match_key, pick_label, within_one_edit
from flows.model import Questionnaire, in_language

DEFAULT_ORDER = (
    "cough_cold",
    "sore_throat",
    "breathing",
    "ear_eye",
    "stomach",
    "urinary",
    "skin",
    "back_joint",
    "headache",
    "child_fever",
    "mental",
    "prescription_other",
    "general",
)
"""The pick list's order: common complaints first; ids not named here follow, alphabetically."""

_MIN_AFFIX = 4
_MIN_TYPO = 5
_OTHER_LANGUAGE = 0.6
_PHRASE_BONUS = 0.5
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Choice:
    """One line of the pick list: number it from 1 when showing it."""

    id: str
    title: str


def words(text: str) -> list[str]:
    """Casefolded words without diacritics: "Ont i HALSEN!" -> ["ont", "i", "halsen"]."""
    return list(_words(text))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    # Cached: the same catalogue words (worse, negations) and the same complaint are split
    # again at every message (a tuple, so no caller can change another's).
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=65536)
def word_match(typed: str, keyword: str) -> float:
    """1 for the same word, less for an inflected, compound or misspelt one, 0 for none."""
    if typed == keyword:
        return 1.0
    if len(keyword) >= _MIN_AFFIX and (typed.startswith(keyword) or typed.endswith(keyword)):
        return 0.9
    if len(typed) >= _MIN_AFFIX and keyword.startswith(typed) and len(keyword) - len(typed) <= 2:
        return 0.8  # "mage" for "magen"
    if len(keyword) >= _MIN_TYPO and within_one_edit(typed, keyword):
        return 0.7
    return 0.0


def phrase_match(typed: Sequence[str], phrase: Sequence[str]) -> float:
    """How well the phrase's words occur in order in `typed`, a few words apart at most."""
    if not phrase:
        return 0.0
    best = 0.0
    for start, word in enumerate(typed):
        first = word_match(word, phrase[0])
        if not first:
            continue
        quality, position = first, start
        for wanted in phrase[1:]:
            window = typed[position + 1 : position + 4]
            found = [(word_match(w, wanted), i) for i, w in enumerate(window)]
            score, offset = max(found, default=(0.0, 0))
            if not score:
                quality = 0.0
                break
            quality = min(quality, score)
            position += offset + 1
        best = max(best, quality)
    return best


def score(text: str, q: Questionnaire, lang: str) -> float:
    return _score(_words(text), q, lang)


def _score(typed: Sequence[str], q: Questionnaire, lang: str) -> float:
    total = 0.0
    for keyword_lang, keywords in q.keywords.items():
        weight = 1.0 if keyword_lang == lang else _OTHER_LANGUAGE
        for keyword in keywords:
            phrase = _keyword_words(keyword)
            quality = phrase_match(typed, phrase)
            if quality:
                total += weight * quality * (1 + _PHRASE_BONUS * (len(phrase) - 1))
    return total


def suggest(text: str, questionnaires: Mapping[str, Questionnaire], lang: str) -> list[str]:
    """Ids of the questionnaires whose keywords occur in `text`, best first; [] for none."""
    # The intake asks again for the same complaint on later messages (the topic, its list):
    # by the text, the language and the questionnaires' identities (kept in the entry, so no
    # id is another's).
    offered = tuple(questionnaires.items())
    key = (text, lang, tuple((qid, id(q)) for qid, q in offered))
    hit = _SUGGESTED.get(key)
    if hit is None or any(a is not b for (_, a), (_, b) in zip(hit[0], offered, strict=True)):
        typed = _words(text)
        scored = [(_score(typed, q, lang), qid) for qid, q in offered]
        ranked = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], _position(s[1])))
        if len(_SUGGESTED) >= _SUGGESTED_MAX:
            _SUGGESTED.clear()
        hit = _SUGGESTED[key] = (offered, tuple(qid for _, qid in ranked))
    return list(hit[1])


_SUGGESTED: dict[
    tuple[str, str, tuple[tuple[str, int], ...]],
    tuple[tuple[tuple[str, Questionnaire], ...], tuple[str, ...]],
] = {}
_SUGGESTED_MAX = 1024


def pick_list(
    questionnaires: Mapping[str, Questionnaire],
    lang: str,
    order: Sequence[str] = DEFAULT_ORDER,
) -> list[Choice]:
    """Every questionnaire with its title in `lang`, in `order` (others after, by id)."""
    ids = [qid for qid in order if qid in questionnaires]
    ids += sorted(qid for qid in questionnaires if qid not in ids)
    return [Choice(qid, in_language(questionnaires[qid].title, lang)) for qid in ids]


def pick(text: str, choices: Sequence[Choice]) -> str | None:
    """The id a patient chose by number ("3") or by typing the title; None if unclear."""
    typed = match_key(text)
    if typed.isdecimal() and len(typed) <= 3:
        number = int(typed)
        return choices[number - 1].id if 1 <= number <= len(choices) else None
    index = pick_label(typed, [c.title for c in choices])
    return None if index is None else choices[index].id


@lru_cache(maxsize=8192)
def _keyword_words(keyword: str) -> tuple[str, ...]:
    return _words(keyword)


def _position(qid: str) -> tuple[int, str]:
    return (DEFAULT_ORDER.index(qid), qid) if qid in DEFAULT_ORDER else (len(DEFAULT_ORDER), qid)
