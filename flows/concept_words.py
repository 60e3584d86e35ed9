"""How the danger engine reads a message as words (flows/concepts.py): casefolded, without
diacritics or apostrophes, numbers apart from letters, filler words left out, spoken Swedish as
written; each word with its clause and its era, and the places a question answered no denies."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from flows.number_words import NUMBER_WORDS
from flows.phrase_words import APOSTROPHES_TEXT, FILLERS

# Letters and digits apart: "v28", "4yo", "8e", "5v", "4m" are a number and a word.
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[.,;:!?\n]")
# Spoken Swedish for the word the vocabulary has ("får int luft", "he e sne i ansiktet o ..."):
# only forms no other of our languages uses as a word.
SPOKEN = {
    "int": "inte",
    "e": "ar",
    "o": "och",
    "mej": "mig",
    "dej": "dig",
    "sej": "sig",
    # English text-speak, words no other of our languages has.
    "wnt": "want",
    "wana": "wanna",
    "lfe": "life",
    "myslf": "myself",
    "tonite": "tonight",
    "cnt": "cant",
    "goodby": "goodbye",
}
# A question answered no ("självmordstankar? nej inte alls"), and a clause that ends by saying
# there is none ("itsetuhoisia ajatuksia ei oo"): the words just before count for nothing.
_ANSWER_NO = frozenset({"nej", "no", "nope", "ei", "inte", "en"})
# What may follow such a "no" in its clause and still be the answer ("nej inte alls", "ei oo").
_ANSWER_GOES_ON = _ANSWER_NO | {"alls", "not", "at", "all", "oo", "ole", "tack", "thanks", "kiitos"}
_NONE_ENDINGS = (
    ("ei", "oo"),
    ("ei", "ole"),
    ("ei", "ollut"),
    ("inte", "alls"),
    ("not", "at", "all"),
)
_NONE_REACH = 2
_NONE_LAST = frozenset(ending[-1] for ending in _NONE_ENDINGS)
# Digits and signs typed for letters inside a word ("k1ll", "mys3lf", "$elf"): only between
# letters, so "v28", "4yo", "b12" and "spo2" stay numbers.
_LEET = re.compile(r"(?<=[^\W\d_])[013457@$]+(?=[^\W\d_])|^[@$](?=[^\W\d_]{2})")
_LEET_LETTERS = str.maketrans("013457@$", "oieastas")
# Invisible characters inside a word ("d\u200böd") are no word break.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_APOSTROPHE = re.compile("[" + "".join(APOSTROPHES_TEXT) + "]")
# "od'd", "OD'ed": without the apostrophe it would be the word "odd" ("I feel odd").
_OVERDOSED = re.compile(
    "^o\\.?d[" + "".join(APOSTROPHES_TEXT) + "]e?d(?![^\\W\\d_])", re.IGNORECASE
)
_ORDINAL = re.compile(r"(\d):(?=[a-z])")  # "7:e månaden" is "7e"
# A Finnish case ending after an abbreviation is no clause end: "TIA:n", "EKG:ssä".
_CASE_ENDING = re.compile(r"(?<=[^\W\d_]):[^\W\d_]{1,5}\b")
_CLAUSE_END = frozenset(".,;:!?\n")
# A new clause for the past: "för 2 år sen hade jag en propp, men nu ont i bröstet".
_NOW_WORDS = frozenset(
    {"men", "but", "mutta", "mut", "nu", "now", "nyt", "idag", "today", "tanaan", "ikvall"}
    | {"tonight", "tana"}
    # What someone says now: "sen i våras säger han att han inte vill leva".
    | {"sager", "says", "sanoo"}
)


# "and I" begins what the writer says now, for crisis words: "I had a stroke 3 years ago and I want
# to die" is a crisis, though "3 years ago" dates its clause for the red flags.
AND = frozenset({"och", "a", "and", "n", "ja", "sekä"})
FIRST_PERSON = frozenset(
    {"jag", "ja", "jg", "i", "im", "ive", "mä", "mää", "minä", "mie", "ma", "mina"}
)


def new_era_at_and_i(typed: Sequence[str], era: list[int]) -> list[int]:
    """`era` with a new era from each first-person word that follows "and"."""
    shifted: list[int] = []
    shift = 0
    previous = ""
    for word, at in zip(typed, era, strict=True):
        if word in FIRST_PERSON and previous in AND:
            shift += 1
        shifted.append(at + shift)
        previous = word
    return shifted


def tokens(text: str) -> tuple[list[str], list[int], list[int], frozenset[int]]:
    """The words that count (fillers left out), each with its clause (between punctuation)
    and its era (a clause, also cut at "but", "now", "today"), and the places denied (a
    question answered no, the words before "ei oo" at a clause's end)."""
    typed: list[str] = []
    clause: list[int] = []
    era: list[int] = []
    denied: set[int] = set()
    clause_no = era_no = 0
    clause_start = 0
    question_at = -1  # where the words after a "?" begin
    question_from = 0
    # A "no" right after a question answers it only when nothing but more no follows it in
    # its clause ("självmordstankar? nej inte alls"), not "torsion? no injury but it hurts".
    answered: tuple[int, int] | None = None
    after_number = False
    spoken, now_words, fillers, ends = SPOKEN, _NOW_WORDS, FILLERS, _CLAUSE_END
    chunks = CHUNKS
    tokens = (
        token
        for chunk in text.replace("\n", " . ").split()
        for token in (chunks.get(chunk) or chunk_tokens(chunk))
    )
    for token in tokens:
        if answered is not None and token not in ends and token not in _ANSWER_GOES_ON:
            answered = None
        if token in ends:
            if answered is not None:
                denied.update(range(*answered))
                answered = None
            if typed and typed[-1] in _NONE_LAST:
                _deny_none_ending(typed, clause_start, denied)
            if token == "?" and len(typed) > clause_start:
                question_at, question_from = len(typed), clause_start
            elif token != "?":
                question_at = -1
            clause_no += 1
            era_no += 1
            clause_start = len(typed)
            continue
        if question_at >= 0:
            if len(typed) == question_at and token in _ANSWER_NO:
                answered = (question_from, question_at)
            question_at = -1
        if after_number:  # "8 e veckan" is the 8th week
            after_number = token.isdecimal()
        else:
            token = spoken.get(token, token)
            after_number = token.isdecimal()
        if token in now_words:
            era_no += 1
        if token in fillers:
            continue
        typed.append(token)
        clause.append(clause_no)
        era.append(era_no)
    if answered is not None:
        denied.update(range(*answered))
    if typed and typed[-1] in _NONE_LAST:
        _deny_none_ending(typed, clause_start, denied)
    return typed, clause, era, frozenset(denied)


CHUNKS: dict[str, tuple[str, ...]] = {}
"""The tokens of each space-separated chunk as typed ("Bröstet,", "v28", "can't"), remembered:
patients use the same few thousand, and normalising them one by one costs more."""


def chunk_tokens(chunk: str) -> tuple[str, ...]:
    if len(CHUNKS) > 50_000:
        CHUNKS.clear()
    typed = chunk
    if typed[:1] in "oO" and _OVERDOSED.match(typed):
        typed = _OVERDOSED.sub("oded", typed)
    cleaned = _normalised(_APOSTROPHE.sub("", typed))
    if not cleaned.isascii():
        cleaned = cleaned.translate(_INVISIBLE)
    if len(cleaned) > 2:
        cleaned = _HELD.sub(r"\1\1", cleaned)
        if not cleaned.isalpha() and _LEET.search(cleaned):
            cleaned = _LEET.sub(lambda m: m.group(0).translate(_LEET_LETTERS), cleaned)
    if ":" in cleaned:
        cleaned = _CASE_ENDING.sub("", _ORDINAL.sub(r"\1", cleaned))
    found = tuple(_TOKEN.findall(cleaned))
    if any(token in NUMBER_WORDS for token in found):
        found = tuple(NUMBER_WORDS.get(token, token) for token in found)
    CHUNKS[chunk] = found
    return found


def _deny_none_ending(typed: Sequence[str], start: int, denied: set[int]) -> None:
    for ending in _NONE_ENDINGS:
        at = len(typed) - len(ending)
        if at > start and tuple(typed[at:]) == ending:
            denied.update(range(max(start, at - _NONE_REACH), at))
            return


_COMBINING = re.compile(r"[\u0300-\u036f]")
# A letter held down ("allla", "toook", "nooo"): two of it, as no word of ours has three.
_HELD = re.compile(r"([^\W\d_])\1\1+")


def normalised(text: str) -> str:
    """Casefolded, without diacritics, as the engine reads words."""
    return _normalised(text)


def _normalised(text: str) -> str:
    """Casefolded, without diacritics, as flows.catalog.words has it."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))
