"""Emergency phrases in free text: which red-flag questions to ask at once.

The complaint and every later message are scanned in sv, en and fi ("ont i bröstet", "can't
breathe", "en saa henkeä"). A hit returns the red-flag item's linkId, never an outcome: the bot
asks that question directly and the patient's answer decides (DESIGN 5.4, issue 3).

The phrases live in `questionnaires/_phrases.yaml` (red-flag linkId -> language -> phrases).
Text and phrases are compared as words: casefolded, without diacritics or apostrophes ("can't"
is "cant", "bröstet" is "brostet"). A word may carry an ending of up to three letters ("bröstet"
for "bröst"), a word of seven letters or more one typo; the words of a phrase come in order, at
most two other words between them ("ont i hela bröstet"). All languages are
searched whatever the patient's language: a Finnish word in a Swedish chat still counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path

from flows.catalog import words
from flows.conditions import evaluate
from flows.loader import FlowError, read_yaml
from flows.matching import within_one_edit
from flows.model import AnswerValue, Item, Questionnaire

PHRASES_FILE = Path(__file__).resolve().parent / "questionnaires" / "_phrases.yaml"

_MAX_ENDING = 3
_MIN_STEM = 4
_MIN_TYPO = 7
_MAX_GAP = 2
_APOSTROPHES = str.maketrans("", "", "'’`´")

Phrases = dict[str, dict[str, tuple[tuple[str, ...], ...]]]
"""linkId -> language -> phrases, each as its words."""


def red_flag_hits(
    text: str, phrases: Mapping[str, Mapping[str, Sequence[str]]] | None = None
) -> list[str]:
    """The red-flag linkIds whose phrases occur in `text`, in the table's order, each once.

    `phrases` (linkId -> language -> phrases) replaces the shipped table, e.g. in tests.
    """
    index = _shipped_index() if phrases is None else _Index(_prepared(phrases))
    return index.hits(words(text.translate(_APOSTROPHES)))


def red_flags_to_ask(q: Questionnaire, text: str, answers: Mapping[str, AnswerValue]) -> list[Item]:
    """The red-flag items of `q` that `text` points at and that apply now (enabled: no
    pregnancy question for a child), in the questionnaire's order. Already answered ones are
    included: a patient who writes "ont i bröstet" after saying no is asked again."""
    hits = set(red_flag_hits(text))
    enabled, _ = evaluate(q, {k: v for k, v in answers.items() if k not in hits})
    return [item for item in enabled if item.red_flag and item.link_id in hits]


def matching_phrases(text: str) -> dict[str, list[str]]:
    """linkId -> the phrases (as written in the file) found in `text`: for logs and tests."""
    typed = words(text.translate(_APOSTROPHES))
    found: dict[str, list[str]] = {}
    for link_id, by_language in load_phrases(PHRASES_FILE).items():
        for phrase in (p for phrases in by_language.values() for p in phrases):
            if _occurs(typed, _phrase_words(phrase)):
                found.setdefault(link_id, []).append(phrase)
    return found


@cache
def shipped_phrases() -> Phrases:
    return _prepared(load_phrases(PHRASES_FILE))


@cache
def _shipped_index() -> _Index:
    return _Index(shipped_phrases())


class _Index:
    """Phrases by their first word, so a long message costs a few lookups per word."""

    def __init__(self, table: Phrases) -> None:
        self.order = list(table)
        self.by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for link_id, by_language in table.items():
            for phrase in (p for ps in by_language.values() for p in ps if p):
                self.by_first.setdefault(phrase[0], []).append((link_id, phrase))
        self.long_by_length: dict[int, list[str]] = {}
        for first in self.by_first:
            if len(first) >= _MIN_TYPO:
                self.long_by_length.setdefault(len(first), []).append(first)

    def firsts(self, word: str) -> set[str]:
        """The first words of phrases that `word` can be (see _same_word)."""
        keys = {word} if word in self.by_first else set()
        for cut in range(max(_MIN_STEM, len(word) - _MAX_ENDING), len(word)):
            if word[:cut] in self.by_first:
                keys.add(word[:cut])
        for length in (len(word) - 1, len(word), len(word) + 1):
            keys.update(k for k in self.long_by_length.get(length, ()) if within_one_edit(word, k))
        return keys

    def hits(self, typed: Sequence[str]) -> list[str]:
        found: set[str] = set()
        for start, word in enumerate(typed):
            for first in self.firsts(word):
                for link_id, phrase in self.by_first[first]:
                    if link_id not in found and _rest_follows(typed, start, phrase):
                        found.add(link_id)
        return [link_id for link_id in self.order if link_id in found]


def _prepared(table: Mapping[str, Mapping[str, Sequence[str]]]) -> Phrases:
    return {
        link_id: {lang: tuple(_phrase_words(p) for p in ps) for lang, ps in by_language.items()}
        for link_id, by_language in table.items()
    }


def load_phrases(path: Path) -> dict[str, dict[str, list[str]]]:
    """The phrase file as written; a malformed one is a FlowError naming the file and key."""
    source = str(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise FlowError(source, "(top level)", "must map red-flag linkIds to phrases per language")
    table: dict[str, dict[str, list[str]]] = {}
    for link_id, by_language in data.items():
        if not isinstance(link_id, str) or not isinstance(by_language, dict):
            raise FlowError(source, str(link_id), "must map language codes to lists of phrases")
        table[link_id] = {}
        for lang, phrases in by_language.items():
            key = f"{link_id}.{lang}"
            if not isinstance(lang, str):
                raise FlowError(source, key, "language codes must be strings (quote it)")
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise FlowError(source, key, "must be a list of phrases")
            empty = [p for p in phrases if not _phrase_words(p)]
            if empty:
                raise FlowError(source, key, f"phrase {empty[0]!r} has no words")
            table[link_id][lang] = list(phrases)
    return table


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(words(phrase.translate(_APOSTROPHES)))


def _occurs(typed: Sequence[str], phrase: Sequence[str]) -> bool:
    return any(
        _same_word(word, phrase[0]) and _rest_follows(typed, start, phrase)
        for start, word in enumerate(typed)
    )


def _rest_follows(typed: Sequence[str], start: int, phrase: Sequence[str]) -> bool:
    """Whether phrase[1:] follows typed[start] in order, at most _MAX_GAP words apart."""
    position = start
    for wanted in phrase[1:]:
        window = typed[position + 1 : position + 2 + _MAX_GAP]
        offset = next((i for i, w in enumerate(window) if _same_word(w, wanted)), None)
        if offset is None:
            return False
        position += offset + 1
    return True


@lru_cache(maxsize=65536)
def _same_word(typed: str, wanted: str) -> bool:
    if typed == wanted:
        return True
    if (
        len(wanted) >= _MIN_STEM
        and typed.startswith(wanted)
        and len(typed) - len(wanted) <= _MAX_ENDING
    ):
        return True
    return len(wanted) >= _MIN_TYPO and within_one_edit(typed, wanted)
