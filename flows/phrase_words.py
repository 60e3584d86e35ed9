"""How one written phrase of the danger vocabulary meets the words a patient typed.

Text and phrases are compared casefolded, without diacritics or apostrophes ("can't" is "cant",
"bröstet" is "brostet"). A word of a phrase may be:

- `word`: that word, or it with an ending of up to three letters ("bröstet" for "bröst", from
  four letters), or with one typo (flows/typos.py: from five letters, an ending allowed after
  it; two inner letters swapped in a word of four; never an everyday word);
- `word=`: exactly that word ("kill=" is not "killed");
- `stem*`: any word that starts with the stem ("rinta*" for rintakipu, rintaan), or with the
  stem typed with one typo (from five letters);
- `*part*` / `*part`: any word holding the part (Swedish and Finnish compounds:
  "*tablett*" for sömntabletterna), `*part` only at the end (an ending of up to three letters);
- alternatives with `|`: "rinta*|rinna*" (Finnish changes the stem as it inflects);
- `#`: a number of 10 or more ("swallowed 40 pills"); `%`: any number ("vecka % ").

The words of a phrase come in order, a few other words allowed between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from flows.catalog import words
from flows.matching import within_one_edit
from flows.typos import ALWAYS, SlipIndex, everyday, slip_of, written_everyday

MAX_ENDING = 3
MIN_STEM = 4
MIN_PART = 3
MAX_GAP = 2
NUMBER = "#"
ANY_NUMBER = "%"
EXACT = "="
# "took 2 paracetamol" is a dose; "took 40" is not.
MIN_COUNT = 10
_MEMO_WORDS = 50_000
SLIPS = SlipIndex()
"""One slip index for every index of words in the process: the danger vocabulary's engine, its
slots and the crisis key words hold mostly the same words, and an index of its own each cost
about 8 MB apiece (issue 15: an idle bot within 150 MB). Each asks it for candidates and keeps
only the words it has itself, so words another index added never match here."""
APOSTROPHES_TEXT = "'’`´"
APOSTROPHES = str.maketrans("", "", APOSTROPHES_TEXT)
# Filler words people type between the words that matter ("jag vill asså typ bara dö").
FILLERS = frozenset(
    {"assa", "alltsa", "typ", "liksom", "ba", "bara", "ju", "nog", "fan", "javla", "asa"}
    | {"like", "just", "really", "literally", "fucking", "honestly", "actually", "kinda", "so"}
    | {"niinku", "vaan", "vaa", "vitun", "ihan", "nyt", "kyl", "kylla", "tosi", "siis"}
)

Slot = tuple[str, ...]
"""One word of a phrase: its alternatives, normalised ("rinta*", "rinna*")."""
Phrase = tuple[Slot, ...]
Phrases = dict[str, dict[str, tuple[Phrase, ...]]]
"""key -> language -> phrases, each as its words."""

_WILD = re.compile(r"[*#%=]")
# As the text is read: "spo2" is "spo" and "2" (flows/concepts.py).
_LETTERS_DIGITS = re.compile(r"[^\W\d_]+|\d+")


def typed_words(text: str) -> list[str]:
    return words(text.translate(APOSTROPHES))


def without_fillers(typed: Sequence[str]) -> list[str]:
    return [word for word in typed if word not in FILLERS]


@lru_cache(maxsize=8192)
def phrase_words(phrase: str) -> Phrase:
    """ "rinta*|rinna* kipu*" -> (("rinta*", "rinna*"), ("kipu*",)), normalised like the text."""
    slots: list[Slot] = []
    for raw in phrase.translate(APOSTROPHES).split():
        alternatives: list[str] = []
        for part in raw.split("|"):
            if part in (NUMBER, ANY_NUMBER):
                alternatives.append(part)
                continue
            lead, trail = part.startswith("*"), part.endswith("*") and len(part) > 1
            exact = part.endswith(EXACT) and not (lead or trail)
            # A word with a hyphen or other inner punctuation becomes its words, in order.
            inner = [
                w for word in words(_WILD.sub("", part)) for w in _LETTERS_DIGITS.findall(word)
            ]
            if not inner:
                continue
            if len(inner) > 1 and "|" not in raw and not (lead or trail):
                slots.extend((w,) for w in inner)
                break
            word = "".join(inner)
            alternatives.append(
                ("*" if lead else "") + word + ("*" if trail else "") + (EXACT if exact else "")
            )
        if alternatives:
            slots.append(tuple(dict.fromkeys(alternatives)))
    return tuple(slots)


def phrase_problem(phrase: str) -> str:
    """What is wrong with a written phrase, or ""."""
    prepared = phrase_words(phrase)
    if not prepared:
        return "has no words"
    for slot in prepared:
        for alternative in slot:
            core = alternative.strip("*").rstrip(EXACT)
            if alternative not in (NUMBER, ANY_NUMBER) and not core:
                return "has an empty word"
            if "*" in alternative and len(core) < MIN_PART:
                return f"has a part {alternative!r} shorter than {MIN_PART} letters"
    fillers = sorted({a for slot in prepared for a in slot} & FILLERS)
    if fillers:
        return f"has the filler word {fillers[0]!r}, which is never matched"
    return ""


def prepared(table: Mapping[str, Mapping[str, Sequence[str]]]) -> Phrases:
    return {
        key: {lang: tuple(phrase_words(p) for p in ps) for lang, ps in by_language.items()}
        for key, by_language in table.items()
    }


@lru_cache(maxsize=131072)
def same_slot(typed: str, slot: Slot) -> bool:
    # Remembered as a whole: the generator of `any` cost more than the words themselves.
    return any(same_word(typed, wanted) for wanted in slot)


@lru_cache(maxsize=65536)
def same_word(typed: str, wanted: str) -> bool:
    if typed == wanted:
        return True
    if wanted == NUMBER:
        return typed.isdecimal() and int(typed) >= MIN_COUNT
    if wanted == ANY_NUMBER:
        return typed.isdecimal()
    if wanted.endswith(EXACT):
        return typed == wanted[:-1]
    if wanted.startswith("*"):
        part = wanted.strip("*")
        if wanted.endswith("*") and len(wanted) > 1:
            return part in typed
        at = typed.rfind(part)
        return at >= 0 and len(typed) - at - len(part) <= MAX_ENDING
    if wanted.endswith("*"):
        if typed.startswith(wanted[:-1]):
            return True
        return not everyday(typed) and slip_of(typed, wanted[:-1], stem=True)
    if len(wanted) >= ALWAYS and within_one_edit(typed, wanted) and not written_everyday(typed):
        return True
    if (
        len(wanted) >= MIN_STEM
        and typed.startswith(wanted)
        and len(typed) - len(wanted) <= MAX_ENDING
    ):
        return True
    return not everyday(typed) and slip_of(typed, wanted, stem=False)


def rest_follows(
    typed: Sequence[str], start: int, phrase: Phrase, gap: int = MAX_GAP
) -> int | None:
    """The index of the last word if phrase[1:] follows typed[start] in order, at most `gap`
    words apart; None if it does not."""
    position = start
    length = len(typed)
    for wanted in phrase[1:]:
        for at in range(position + 1, min(length, position + 2 + gap)):
            if same_slot(typed[at], wanted):
                position = at
                break
        else:
            return None
    return position


def span(typed: Sequence[str], phrase: Phrase, gap: int = MAX_GAP) -> tuple[int, int] | None:
    """Where `phrase` first occurs in `typed`: the indexes of its first and last words."""
    for start, word in enumerate(typed):
        if same_slot(word, phrase[0]):
            last = rest_follows(typed, start, phrase, gap)
            if last is not None:
                return start, last
    return None


class SlotIndex:
    """Every word slot of the vocabulary numbered once, and for a typed word the numbers of the
    slots it fills (remembered per word): "does this phrase follow?" becomes set lookups."""

    def __init__(self) -> None:
        self._ids: dict[Slot, int] = {}
        self._slots: list[Slot] = []
        self._exact: dict[str, list[int]] = {}
        self._stems: dict[str, list[int]] = {}
        self._slips = SLIPS
        self._by_word: dict[str, list[int]] = {}
        self._anywhere: list[int] = []
        self.seen: dict[str, frozenset[int]] = {}
        """word -> the slots it fills, as far as asked"""

    def id_of(self, slot: Slot) -> int:
        known = self._ids.get(slot)
        if known is not None:
            return known
        number = self._ids[slot] = len(self._slots)
        self._slots.append(slot)
        for alternative in slot:
            if alternative.startswith("*") or alternative in (NUMBER, ANY_NUMBER):
                self._anywhere.append(number)
            elif alternative.endswith("*"):
                self._stems.setdefault(alternative[:-1], []).append(number)
            elif alternative.endswith(EXACT):
                self._exact.setdefault(alternative[:-1], []).append(number)
            else:
                self._exact.setdefault(alternative, []).append(number)
                if len(alternative) >= MIN_STEM:
                    self._stems.setdefault(alternative, []).append(number)
            if alternative.endswith("*") or not alternative.startswith("*"):
                self._slips.add(alternative)
                self._by_word.setdefault(alternative, []).append(number)
        self.seen.clear()
        return number

    def ids(self, word: str) -> frozenset[int]:
        """The slots `word` fills."""
        known = self.seen.get(word)
        if known is None:
            if len(self.seen) > _MEMO_WORDS:
                self.seen.clear()
            maybe = set(self._exact.get(word, ()))
            for cut in range(1, len(word) + 1):
                maybe.update(self._stems.get(word[:cut], ()))
            for wanted in self._slips.candidates(word):
                maybe.update(self._by_word.get(wanted, ()))
            maybe.update(self._anywhere)
            known = frozenset(n for n in maybe if same_slot(word, self._slots[n]))
            self.seen[word] = known
        return known


def follows(
    filled: Sequence[frozenset[int]], start: int, rest: Sequence[int], gap: int
) -> int | None:
    """As `rest_follows`, with each typed word's filled slots (SlotIndex.ids) and the phrase's
    slots after the first as numbers."""
    position = start
    length = len(filled)
    for wanted in rest:
        for at in range(position + 1, min(length, position + 2 + gap)):
            if wanted in filled[at]:
                position = at
                break
        else:
            return None
    return position


class PhraseIndex:
    """Phrases by their first word, so a long message costs a few lookups per word."""

    def __init__(self, table: Phrases) -> None:
        self.order = list(table)
        # Each phrase once under every key its first word can be found by.
        self.exact: dict[str, list[tuple[str, Phrase]]] = {}
        self.stems: dict[str, list[tuple[str, Phrase]]] = {}
        self.slips = SLIPS
        self.by_word: dict[str, list[tuple[str, Phrase]]] = {}
        self.anywhere: list[tuple[str, Phrase]] = []
        self._seen: dict[str, tuple[tuple[str, Phrase], ...]] = {}
        for key, by_language in table.items():
            for phrase in (p for ps in by_language.values() for p in ps if p):
                self._add(key, phrase)

    def _add(self, key: str, phrase: Phrase) -> None:
        entry = (key, phrase)
        for alternative in phrase[0]:
            if alternative.startswith("*") or alternative in (NUMBER, ANY_NUMBER):
                self.anywhere.append(entry)
            elif alternative.endswith("*"):
                self.stems.setdefault(alternative[:-1], []).append(entry)
            elif alternative.endswith(EXACT):
                self.exact.setdefault(alternative[:-1], []).append(entry)
            else:
                self.exact.setdefault(alternative, []).append(entry)
                if len(alternative) >= MIN_STEM:
                    self.stems.setdefault(alternative, []).append(entry)
            if not alternative.startswith("*") and alternative not in (NUMBER, ANY_NUMBER):
                self.slips.add(alternative)
                self.by_word.setdefault(alternative, []).append(entry)

    def candidates(self, word: str) -> tuple[tuple[str, Phrase], ...]:
        """The phrases whose first word `word` is, in the table's order; remembered, since
        patients use the same few thousand words."""
        known = self._seen.get(word)
        if known is None:
            if len(self._seen) > _MEMO_WORDS:
                self._seen.clear()
            found = dict.fromkeys(e for e in self._maybe(word) if same_slot(word, e[1][0]))
            known = self._seen[word] = tuple(found)
        return known

    def _maybe(self, word: str) -> Iterable[tuple[str, Phrase]]:
        """Phrases whose first word `word` may be (a superset)."""
        yield from self.exact.get(word, ())
        for cut in range(1, len(word) + 1):
            yield from self.stems.get(word[:cut], ())
        for wanted in self.slips.candidates(word):
            yield from self.by_word.get(wanted, ())
        yield from self.anywhere

    def hits(self, typed: Sequence[str]) -> list[str]:
        found: set[str] = set()
        typed = without_fillers(typed)
        for start, word in enumerate(typed):
            for key, phrase in self.candidates(word):
                if key not in found and rest_follows(typed, start, phrase) is not None:
                    found.add(key)
        return [key for key in self.order if key in found]
