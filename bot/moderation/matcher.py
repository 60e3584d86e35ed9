"""Finding lexicon entries and allowlisted words in a normalised text.

A normalised text is its tokens joined by single spaces, and every lexicon form is too, so each
mode is a lookup on tokens: a whole word is a dict lookup, a phrase a run of tokens (followed
word by word through a word automaton from a token that starts some phrase), a prefix is the
start of a token and a suffix its end (tried for the few lengths the lexicon holds). No regular
expression runs per entry (a big alternation is a hundred times slower). The ~160,000 forms
that slot expansion makes are not kept one by one: an Aho-Corasick automaton over their letters
held a million trie nodes (about 75 MB resident, a second to build at every start), a dict of
them about 30 MB; the word automaton, equal branches kept once, is under 10,000 states, and the
lexicon cache keeps it built (cache.py). Matches come out in the order the letter automaton
gave them (by where they end, the longer first), so every verdict is as it was.

A compound is a suffix that needs a head of two letters or more ("lappjävel", not "jävel"). A
near entry's parts are phrases found in the same pass; the entry counts when every part is found
in one sentence within NEAR_SPAN words ("jag kommer till vårdcentralen i morgon med ett gevär").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import Any, NamedTuple, cast

from bot.moderation.folding import _folded, _lengths_by, _spellings
from bot.moderation.lexicon import Allow, Entry, Lexicon
from bot.moderation.near import Candidate, _near
from bot.moderation.normalisation import Normalised


@dataclass(frozen=True, slots=True, eq=False)
class _Part:
    """One part of a near entry, as the value the automaton gives back."""

    entry: Entry
    index: int


_CONTROL = re.compile("[\x00-\x1f]")


_Value = Entry | Allow | _Part
_Table = dict[str, tuple[_Value, ...]]
# A state of the phrase automaton: the next word to the state after it, and under None what a
# phrase ending here finds (a _Split). Typed loosely: a dict of two kinds of value.
_Node = dict[str | None, Any]
# What a form finds, split as _scan reads it: the near entries' parts as numbers (the entry's
# place in Matcher._near_entries times Matcher._slots, plus the part's index), then the other
# values in their order.
_Split = tuple[tuple[int, ...], tuple[Entry | Allow, ...]]
# (last, end, -length, first, head, values): `end` is counted in the last token, and the
# first three only order the matches.
_Match = tuple[int, int, int, int, int, _Split]
# What one token matches by itself, as _token_matches gives it: the matches as (end, -length,
# head, values), in the automaton's order; the states of the phrases it starts; the near parts
# among those matches (for Matcher._scan's set of parts); and whether any match finds more than
# near parts.
_TokenMatches = tuple[tuple[tuple[int, int, int, _Split], ...], _Node | None, tuple[int, ...], bool]
_NOTHING: _TokenMatches = ((), None, (), False)
# Tokens whose matches are kept; past this the memory is emptied and filled again (a token
# costs some 200 bytes: about 20 MB at most).
_KNOWN_TOKENS = 100_000
_ORDER = itemgetter(0, 1, 2)
_IN_TOKEN = itemgetter(0, 1)
# A named tuple made without its class's __new__, a Python function that only calls this one:
# a candidate is made for every other message, and the call cost more than the tuple.
_new = tuple.__new__


def _put(table: _Table, form: str, value: _Value, alone: tuple[_Value, ...]) -> None:
    """File `value` under `form`. Most forms are one entry's: they all share that entry's
    one-tuple `alone`, since a tuple each would cost more than the forms themselves."""
    held = table.get(form)
    if held is None:
        table[form] = alone
    # One entry may reach a form by two spellings; it must count once.
    elif not any(other is value for other in held):
        table[form] = (*held, value)


def _put_all(table: _Table, forms: tuple[str, ...], value: _Value) -> None:
    """_put for every form and its folded spelling. Every start files some 150,000 forms: they
    are folded in one string (a form holds no line break) and the usual case, a form no other
    entry has, is one lookup."""
    alone: tuple[_Value, ...] = (value,)
    joined = "\n".join(forms)
    folded = _folded(joined)
    get = table.get
    spellings = folded.split("\n") if folded is not joined else forms
    for form, plain in zip(forms, spellings, strict=True):
        if get(form) is None:
            table[form] = alone
        else:
            _put(table, form, value, alone)
        if plain != form:
            _put(table, plain, value, alone)


def _phrase_automaton(
    phrases: _Table, split: Callable[[tuple[_Value, ...]], _Split]
) -> tuple[dict[str, _Split], dict[str, _Node]]:
    """The phrases of one word, and the others as a word automaton by their first word.

    Slot expansion makes ~160,000 phrases (and their folded spellings) out of a few hundred
    words: kept as strings in a dict they cost some 30 MB resident, with the index of their
    first words. As a trie whose equal branches are one object (every state with the same
    words leading on to the same states, and the same values where a phrase ends, is kept
    once) they are under 10,000 states: a slot's words lead to one state whatever came before.
    A phrase is found as before, by its words in order, so every match is the same.

    Built in sorted order, each state made shared as soon as no later phrase can pass through
    it (Daciuk et al. 2000): a whole trie first would be 300,000 dicts at once, and the memory
    they leave behind stays resident."""
    singles: dict[str, _Split] = {}
    words: dict[str, str] = {}
    root: _Node = {}
    held: dict[frozenset[tuple[str | None, int]], _Node] = {}
    # Most states are the end of phrases and nothing more: kept once per split, by its identity
    # (the forms of one entry hold that entry's one split), with no set made for each.
    ends: dict[int, _Node] = {}
    # The states along the phrase before but its end, none shared yet, and what that phrase
    # finds: its end state is made only once known (most are an `ends` state).
    path: list[_Node] = [root]
    before: list[str] = []
    found: _Split | None = None

    def share(depth: int) -> None:
        """Share the states of `path` deeper than `depth`, the deepest first."""
        for at in range(len(path) - 1, depth, -1):
            node = path[at]
            # Its children are shared already: their identity says what follows.
            key = frozenset((word, id(child)) for word, child in node.items())
            path[at - 1][before[at - 1]] = held.setdefault(key, node)
        del path[depth + 1 :]

    # Sorted as strings is sorted by words when no character sorts before the space.
    forms = sorted(phrases)
    if _CONTROL.search("".join(forms)):
        forms.sort(key=lambda form: form.split(" "))
    last: tuple[tuple[_Value, ...], _Split] | None = None
    for form in forms:
        values = phrases[form]
        if last is None or last[0] is not values:
            last = (values, split(values))
        tokens = form.split(" ")
        if len(tokens) == 1:
            singles[form] = last[1]
            continue
        common = 0
        for mine, theirs in zip(tokens, before, strict=False):
            if mine != theirs:
                break
            common += 1
        if found is not None:
            if common == len(before):
                # This phrase goes on from the one before: its end is a state of its own.
                path.append({None: found})
            else:
                end = ends.get(id(found))
                if end is None:
                    end = ends[id(found)] = {None: found}
                path[-1][before[-1]] = end
        share(common)
        node = path[common]
        for token in islice(tokens, common, len(tokens) - 1):
            child: _Node = {}
            node[words.setdefault(token, token)] = child
            path.append(child)
            node = child
        tokens[-1] = words.setdefault(tokens[-1], tokens[-1])
        found = last[1]
        before = tokens
    if found is not None:
        end = ends.get(id(found))
        if end is None:
            end = ends[id(found)] = {None: found}
        path[-1][before[-1]] = end
    share(0)
    # The root's words are all first words: a phrase's end is a state after one word or more.
    return singles, cast(dict[str, _Node], root)


class PhraseIndex(NamedTuple):
    """The phrase tables a matcher makes of a lexicon's `entries` and `allows` (those very
    tuples), as the cache keeps them: building them is most of a matcher's start."""

    entries: tuple[Entry, ...]
    allows: tuple[Allow, ...]
    singles: dict[str, _Split]
    starts: dict[str, _Node]


def export_phrases(lexicon: Lexicon) -> Any:
    """A lexicon's phrase tables in marshal's types: values by their place in the lexicon (an
    entry's from 0 up, an allow's from -1 down), states in a list, each after those it leads to
    (read back by import_phrases)."""
    matcher = Matcher(lexicon)
    place: dict[int, int] = {id(entry): number for number, entry in enumerate(lexicon.entries)}
    place.update((id(allow), -1 - number) for number, allow in enumerate(lexicon.allows))
    splits: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    split_at: dict[int, int] = {}
    states: list[dict[str | None, int]] = []
    state_at: dict[int, int] = {}

    def split(found: _Split) -> int:
        at = split_at.get(id(found))
        if at is None:
            keys, values = found
            at = split_at[id(found)] = len(splits)
            splits.append((keys, tuple(place[id(value)] for value in values)))
        return at

    def state(node: _Node) -> int:
        at = state_at.get(id(node))
        if at is None:
            raw = {
                word: split(next_) if word is None else state(next_) for word, next_ in node.items()
            }
            at = state_at[id(node)] = len(states)
            states.append(raw)
        return at

    starts = {word: state(node) for word, node in matcher._phrase_starts.items()}
    singles = {word: split(found) for word, found in matcher._phrases.items()}
    return (splits, states, starts, singles)


def import_phrases(lexicon: Lexicon, data: Any) -> PhraseIndex:
    """export_phrases' tables, for `lexicon` (the one they were made from). A malformed `data`
    raises ValueError, TypeError, KeyError or IndexError."""
    splits_raw, states_raw, starts_raw, singles_raw = data
    entries, allows = lexicon.entries, lexicon.allows
    splits = [
        (tuple(keys), tuple(entries[at] if at >= 0 else allows[-1 - at] for at in values))
        for keys, values in splits_raw
    ]
    states: list[_Node] = []
    for raw in states_raw:
        states.append(
            {word: splits[at] if word is None else states[at] for word, at in raw.items()}
        )
    return PhraseIndex(
        entries,
        allows,
        {word: splits[at] for word, at in singles_raw.items()},
        {word: states[at] for word, at in starts_raw.items()},
    )


class Matcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.words: dict[str, list[Entry]] = {}
        self.allowed_words: dict[str, Allow] = {}
        # Suffix and compound entries share a table: "jävel" may be either.
        tables: dict[str, _Table] = {"prefix": {}, "suffix": {}, "compound": {}, "phrase": {}}
        tables["compound"] = tables["suffix"]
        index = lexicon.phrase_index
        # The cache's phrase tables, when made for these very entries: they are most of the
        # building (sorting and filing every form of the slot expansions).
        prebuilt = (
            isinstance(index, PhraseIndex)
            and index.entries is lexicon.entries
            and index.allows is lexicon.allows
        )
        for entry in lexicon.entries:
            if entry.mode == "near":
                if not prebuilt:
                    for place, part in enumerate((*entry.parts, entry.unless)):
                        # The last place holds the entry's "unless" phrases.
                        _put_all(tables["phrase"], part, _Part(entry, place))
                continue
            if entry.mode == "word":
                for form in {s for f in entry.forms for s in _spellings(f)}:
                    self.words.setdefault(form, []).append(entry)
                continue
            if not (prebuilt and entry.mode == "phrase"):
                _put_all(tables[entry.mode], entry.forms, entry)
        for allow in lexicon.allows:
            for form in _spellings(allow.form):
                if allow.mode == "word":
                    self.allowed_words.setdefault(form, allow)
                elif not (prebuilt and allow.mode == "phrase"):
                    _put(tables[allow.mode], form, allow, (allow,))
        self._word_keys = frozenset(self.words) | frozenset(self.allowed_words)
        self._near_entries = [entry for entry in lexicon.entries if entry.mode == "near"]
        self._slots = max((len(entry.parts) + 1 for entry in self._near_entries), default=1)
        split = self._splitter()
        self._prefixes = {form: split(values) for form, values in tables["prefix"].items()}
        self._suffixes = {form: split(values) for form, values in tables["suffix"].items()}
        if isinstance(index, PhraseIndex) and prebuilt:
            self._phrases, self._phrase_starts = index.singles, index.starts
        else:
            self._phrases, self._phrase_starts = _phrase_automaton(tables.pop("phrase"), split)
        # A near entry is whole when every part is seen; the part of it least likely to be seen
        # (its shortest form the longest: "gevär", not "jag") names the few entries worth that
        # test, so a message of "jag" and "you" costs a set update, not a list per entry.
        self._required: list[frozenset[int]] = []
        self._trigger_entry: dict[int, int] = {}
        for number, entry in enumerate(self._near_entries):
            keys = [number * self._slots + index for index in range(len(entry.parts))]
            self._required.append(frozenset(keys))
            if keys:
                rarest = max(
                    range(len(keys)),
                    key=lambda index: min((len(form) for form in entry.parts[index]), default=0),
                )
                self._trigger_entry[keys[rarest]] = number
        self._triggers = frozenset(self._trigger_entry)
        # Per trigger key, its entry's number and the keys that entry needs.
        self._trigger_needs = {
            key: (number, self._required[number]) for key, number in self._trigger_entry.items()
        }
        # divmod(key, slots) of every part's key, looked up rather than computed.
        self._place = [
            divmod(key, self._slots) for key in range(len(self._near_entries) * self._slots)
        ]
        self.empty = not (self._prefixes or self._suffixes or self._phrases or self._phrase_starts)
        # The lengths worth trying: an affix's in letters.
        self._prefix_sizes = tuple(sorted({len(form) for form in self._prefixes}))
        self._suffix_sizes = tuple(sorted({len(form) for form in self._suffixes}))
        # A word's first (last) letters, as many as the shortest prefix (suffix) has, rule out
        # most words and give the few lengths worth trying for the rest.
        self._shortest_prefix = self._prefix_sizes[0] if self._prefix_sizes else 0
        self._prefix_by_head = _lengths_by(
            (form[: self._shortest_prefix], len(form)) for form in self._prefixes
        )
        self._shortest_suffix = self._suffix_sizes[0] if self._suffix_sizes else 0
        self._suffix_by_tail = _lengths_by(
            (form[len(form) - self._shortest_suffix :], len(form)) for form in self._suffixes
        )
        # What each token seen lately matches by itself: words repeat from message to message
        # ("jag", "har", "ont"), and a token is then one lookup instead of a dozen.
        self._known_tokens: dict[str, _TokenMatches] = {}

    def _splitter(self) -> Callable[[tuple[_Value, ...]], _Split]:
        """What splits a table's values for _scan; a tuple shared by many forms (an entry's
        `alone`) is split once and its split shared too."""
        number = {id(entry): place for place, entry in enumerate(self._near_entries)}
        slots = self._slots
        done: dict[int, tuple[tuple[_Value, ...], _Split]] = {}

        def split(values: tuple[_Value, ...]) -> _Split:
            held = done.get(id(values))
            if held is None:
                keys = tuple(
                    number[id(value.entry)] * slots + value.index
                    for value in values
                    if isinstance(value, _Part)
                )
                plain = tuple(value for value in values if not isinstance(value, _Part))
                # The values are held too: their id is not reused while this runs.
                held = done[id(values)] = (values, (keys, plain))
            return held[1]

        return split

    def _token_matches(self, token: str) -> _TokenMatches:
        """What one token matches by itself (prefixes, suffixes, a one-word phrase), each as
        (end, -length, head, values) with `end` counted from the space before the token and in
        the automaton's order; whether a phrase of several words may start at it; the near
        parts those matches find; and whether any finds more than near parts."""
        size = len(token)
        found: list[tuple[int, int, int, _Split]] = []
        for length in self._prefix_by_head.get(token[: self._shortest_prefix], ()):
            if length > size:
                break
            values = self._prefixes.get(token[:length])
            if values is not None:
                found.append((length, -length, 0, values))
        if size >= self._shortest_suffix:
            for length in self._suffix_by_tail.get(token[size - self._shortest_suffix :], ()):
                if length > size:
                    break
                values = self._suffixes.get(token[size - length :])
                if values is not None:
                    found.append((size + 1, -length, size - length, values))
        values = self._phrases.get(token)
        if values is not None:
            found.append((size + 1, -size - 1, 0, values))
        starts = self._phrase_starts.get(token)
        if not found and starts is None:
            return _NOTHING
        # In the automaton's order once here: a message whose phrases are all of one word then
        # needs no sort (no two matches of a token share both `end` and length).
        found.sort(key=_IN_TOKEN)
        keys = tuple(key for *_, (part_keys, _) in found for key in part_keys)
        plain = any(others for *_, (_, others) in found)
        return tuple(found), starts, keys, plain

    def _scan(
        self, tokens: tuple[str, ...], sentences: tuple[int, ...], stretched: bool
    ) -> tuple[list[Candidate], list[tuple[Allow, int, int]]]:
        found: list[Candidate] = []
        allowed: list[tuple[Allow, int, int]] = []
        # Most messages hold no listed word at all: one set intersection says so.
        listed = self._word_keys.intersection(tokens)
        if listed:
            for index, token in enumerate(tokens):
                if token not in listed:
                    continue
                for entry in self.words.get(token, ()):
                    found.append(_new(Candidate, (entry, index, index, token, stretched)))
                allow = self.allowed_words.get(token)
                if allow is not None:
                    allowed.append((allow, index, index))
        if self.empty:
            return found, allowed
        # (last, end, -length, first, head, values) per form found, `head` the letters before
        # a suffix in its word. Wanted in the automaton's order: by where the match ends in the
        # text padded with spaces (a prefix in its word, a suffix or a phrase on the space
        # after), the longer first. Where it ends is kept as its last token and the end in that
        # token: whatever ends in a token ends after all that ends in the tokens before it, so
        # sorting by (last, end, -length) is that order, with no offset added up over the
        # message. A token's own matches come in that order; only a phrase of several words
        # ends past its first token and calls for the sort. Those of a phrase of several words
        # are kept as found; a token's own are read again only when the matches are read
        # (below), from the places of the tokens that have some.
        matches: list[_Match] = []
        held: list[int] = []
        # The near parts found, whether any match finds more than near parts, and whether a
        # phrase of several words was found: most messages find near parts only ("jag",
        # "you") and are done without ordering or reading the matches.
        parts: set[int] = set()
        plain = several = False
        count = len(tokens)
        known = self._known_tokens
        for index, token in enumerate(tokens):
            hit = known.get(token)
            if hit is None:
                hit = self._token_matches(token)
                if len(known) >= _KNOWN_TOKENS:
                    known.clear()
                known[token] = hit
            if hit is _NOTHING:
                continue
            singles, starts, keys, others = hit
            if keys:
                parts.update(keys)
            if others:
                plain = True
            if singles:
                held.append(index)
            if starts is not None and index + 1 < count:
                # Word by word along the phrases this token starts; `size` is the length of
                # the words so far joined by spaces, as the form's.
                node: _Node | None = starts.get(tokens[index + 1])
                if node is not None:
                    last = index + 1
                    size = len(token)
                    while node is not None:
                        word = tokens[last]
                        size += len(word) + 1
                        phrase = node.get(None)
                        if phrase is not None:
                            # It ends on the space after its last token.
                            matches.append((last, len(word) + 1, -size - 1, index, 0, phrase))
                            several = True
                            if phrase[0]:
                                parts.update(phrase[0])
                            if phrase[1]:
                                plain = True
                        last += 1
                        node = node.get(tokens[last]) if last < count else None
        # The near entries whose every part is among `parts`; the part of each least likely to
        # be seen names the few worth that test.
        whole: set[int] | None = None
        if parts:
            triggered = self._triggers.intersection(parts)
            if triggered:
                # "jag", "you": parts of many entries, the rarest part of none.
                needs = self._trigger_needs
                for key in triggered:
                    number, required = needs[key]
                    if required <= parts:
                        if whole is None:
                            whole = {number}
                        else:
                            whole.add(number)
        if not (plain or whole):
            return found, allowed
        # No two matches share (last, end, -length): sorted, the order is the same whatever
        # order they were gathered in; unsorted, no phrase of several words was found.
        ours = [
            (index, end, negative, index, head, split)
            for index in held
            for end, negative, head, split in (
                known.get(tokens[index]) or self._token_matches(tokens[index])
            )[0]
        ]
        if several:
            matches += ours
            matches.sort(key=_ORDER)
        else:
            matches = ours
        if plain:
            for last, _, _, first, head, (_, values) in matches:
                for value in values:
                    if isinstance(value, Allow):
                        allowed.append((value, first, last))
                        continue
                    # A compound needs its head: "lappjävel" and "idiotjävel", never "jävel".
                    if value.mode == "compound" and head < 2:
                        continue
                    form = tokens[first] if first == last else " ".join(tokens[first : last + 1])
                    found.append(_new(Candidate, (value, first, last, form, stretched)))
        if whole:
            self._scan_near(matches, whole, tokens, sentences, stretched, found)
        return found, allowed

    def _scan_near(
        self,
        matches: list[_Match],
        whole: set[int],
        tokens: tuple[str, ...],
        sentences: tuple[int, ...],
        stretched: bool,
        found: list[Candidate],
    ) -> None:
        """The near entries numbered in `whole` (every part found), each placed by _near, in
        the order their first part or 'unless' phrase was found."""
        place = self._place
        entries = self._near_entries
        near: dict[int, list[list[tuple[int, int]]]] = {}
        for last, _, _, first, _, (keys, _) in matches:
            for key in keys:
                number, index = place[key]
                if number not in whole:
                    continue
                seen = near.get(number)
                if seen is None:
                    seen = near[number] = [[] for _ in entries[number].parts]
                    seen.append([])  # the 'unless' phrases
                seen[index].append((first, last))
        for number, seen in near.items():
            candidate = _near(entries[number], seen, tokens, sentences, stretched)
            if candidate is not None:
                found.append(candidate)

    def find(self, normal: Normalised) -> tuple[list[Candidate], list[tuple[Allow, int, int]]]:
        """Entries and allowlist items found, each with the token span it covers."""
        found, allowed = self._scan(normal.tokens, normal.sentences, False)
        if normal.stretched is not None:
            more, more_allowed = self._scan(
                tuple(normal.stretched.split(" ")), normal.sentences, True
            )
            seen = {(c.entry.id, c.first, c.last) for c in found}
            found.extend(c for c in more if (c.entry.id, c.first, c.last) not in seen)
            allowed.extend(more_allowed)
        return found, allowed
