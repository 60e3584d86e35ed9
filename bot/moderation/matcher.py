"""Finding lexicon entries and allowlisted words in a normalised text.

Whole words go through a dict lookup; prefixes, suffixes and phrases through one Aho-Corasick
automaton over the text padded with spaces. The spaces carry the word boundaries: a prefix is
stored as " idiot", a suffix as "jävel ", a phrase as " jag ska döda dig ", so one pass finds them
all and no regular expression runs per entry (a big alternation is a hundred times slower).

A compound is a suffix that needs a head of two letters or more ("lappjävel", not "jävel"). A
near entry's parts are phrases found in the same pass; the entry counts when every part is found
in one sentence within NEAR_SPAN words ("jag kommer till vårdcentralen i morgon med ett gevär").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice, product

import ahocorasick  # type: ignore[import-not-found]

from bot.moderation.lexicon import Allow, Entry, Lexicon
from bot.moderation.normalisation import Normalised


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry found in a text, before the allowlist and the aiming rule have had their say."""

    entry: Entry
    first: int  # token index
    last: int  # token index, inclusive
    form: str  # the normalised text that matched
    stretched: bool  # found only after squeezing a stretched letter run to one


@dataclass(frozen=True, slots=True, eq=False)
class _Part:
    """One part of a near entry, as the value the automaton gives back."""

    entry: Entry
    index: int


# From the first word of a near entry's first part to the last word of its last part.
NEAR_SPAN = 12
# A word repeated in a long message must not make the combinations explode.
_NEAR_TRIES = 6


# People on a keyboard without å ä ö write "doda", "javla": entries match that spelling too.
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o"})


def _spellings(form: str) -> tuple[str, ...]:
    folded = form.translate(_FOLD)
    return (form,) if folded == form else (form, folded)


def _key(mode: str, form: str) -> str:
    if mode == "prefix":
        return " " + form
    if mode in ("suffix", "compound"):
        return form + " "
    return " " + form + " "


class Matcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.words: dict[str, list[Entry]] = {}
        self.allowed_words: dict[str, Allow] = {}
        automaton = ahocorasick.Automaton()
        keyed: dict[str, list[Entry | Allow | _Part]] = {}
        for entry in lexicon.entries:
            if entry.mode == "near":
                for index, part in enumerate((*entry.parts, entry.unless)):
                    # The last index holds the entry's "unless" phrases.
                    marker = _Part(entry, index)
                    for form in {s for f in part for s in _spellings(f)}:
                        keyed.setdefault(_key("phrase", form), []).append(marker)
                continue
            for form in {s for f in entry.forms for s in _spellings(f)}:
                if entry.mode == "word":
                    self.words.setdefault(form, []).append(entry)
                else:
                    keyed.setdefault(_key(entry.mode, form), []).append(entry)
        for allow in lexicon.allows:
            for form in _spellings(allow.form):
                if allow.mode == "word":
                    self.allowed_words.setdefault(form, allow)
                else:
                    keyed.setdefault(_key(allow.mode, form), []).append(allow)
        for key, values in keyed.items():
            # One entry may reach a key by two spellings; it must count once.
            values = list({id(value): value for value in values}.values())
            automaton.add_word(key, (len(key), tuple(values)))
        self._word_keys = frozenset(self.words) | frozenset(self.allowed_words)
        self.empty = not keyed
        if not self.empty:
            automaton.make_automaton()
        self.automaton = automaton

    def _scan(
        self, text: str, tokens: tuple[str, ...], sentences: tuple[int, ...], stretched: bool
    ) -> tuple[list[Candidate], list[tuple[Allow, int, int]]]:
        found: list[Candidate] = []
        allowed: list[tuple[Allow, int, int]] = []
        # Most messages hold no listed word at all: one set intersection says so.
        if not self._word_keys.isdisjoint(tokens):
            for index, token in enumerate(tokens):
                for entry in self.words.get(token, ()):
                    found.append(Candidate(entry, index, index, token, stretched))
                allow = self.allowed_words.get(token)
                if allow is not None:
                    allowed.append((allow, index, index))
        if self.empty:
            return found, allowed
        padded = " " + text + " "
        matches = list(self.automaton.iter(padded))
        if not matches:
            return found, allowed
        starts: list[int] = []
        position = 1
        for token in tokens:
            starts.append(position)
            position += len(token) + 1
        near: dict[int, tuple[Entry, list[list[tuple[int, int]]]]] = {}
        for end, (length, values) in matches:
            begin = end - length + 1
            first = bisect_right(starts, begin + (padded[begin] == " ")) - 1
            last = bisect_right(starts, end - (padded[end] == " ")) - 1
            if first < 0 or last < first:
                continue
            for value in values:
                if isinstance(value, Allow):
                    allowed.append((value, first, last))
                    continue
                if isinstance(value, _Part):
                    entry = value.entry
                    _, seen = near.setdefault(
                        id(entry), (entry, [[] for _ in range(len(entry.parts) + 1)])
                    )
                    seen[value.index].append((first, last))
                    continue
                # A compound needs its head: "lappjävel" and "idiotjävel", never "jävel" alone.
                if value.mode == "compound" and (
                    begin < 2 or padded[begin - 1] == " " or padded[begin - 2] == " "
                ):
                    continue
                form = " ".join(tokens[first : last + 1])
                found.append(Candidate(value, first, last, form, stretched))
        for entry, seen in near.values():
            candidate = _near(entry, seen, tokens, sentences, stretched)
            if candidate is not None:
                found.append(candidate)
        return found, allowed

    def find(self, normal: Normalised) -> tuple[list[Candidate], list[tuple[Allow, int, int]]]:
        """Entries and allowlist items found, each with the token span it covers."""
        found, allowed = self._scan(normal.text, normal.tokens, normal.sentences, stretched=False)
        if normal.stretched is not None:
            more, more_allowed = self._scan(
                normal.stretched,
                tuple(normal.stretched.split(" ")),
                normal.sentences,
                stretched=True,
            )
            seen = {(c.entry.id, c.first, c.last) for c in found}
            found.extend(c for c in more if (c.entry.id, c.first, c.last) not in seen)
            allowed.extend(more_allowed)
        return found, allowed


def _near(
    entry: Entry,
    seen: list[list[tuple[int, int]]],
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    stretched: bool,
) -> Candidate | None:
    """The first way every part of a near entry sits in one sentence, close enough, apart."""
    *parts, unless = seen
    if any(not spans for spans in parts):
        return None
    vetoed = {sentences[first] for first, _ in unless}
    gap = entry.within or NEAR_SPAN
    for combo in product(*(islice(spans, _NEAR_TRIES) for spans in parts)):
        low = min(first for first, _ in combo)
        high = max(last for _, last in combo)
        if high - low >= NEAR_SPAN or sentences[low] != sentences[high]:
            continue
        if sentences[low] in vetoed:
            continue
        ordered = combo if entry.ordered else tuple(sorted(combo))
        if any(
            not 0 <= ordered[i + 1][0] - ordered[i][1] - 1 <= gap for i in range(len(ordered) - 1)
        ):
            continue
        form = " … ".join(" ".join(tokens[first : last + 1]) for first, last in sorted(combo))
        return Candidate(entry, low, high, form, stretched)
    return None
