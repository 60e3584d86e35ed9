"""Tone rules by structure: word classes combined by position, not phrases (issue 14, round 2).

The language files list phrases, and a wording nobody listed slips past them. Here a rule names
classes of words ("you", "body", "harm", "weapon", "place") and fires when one word of each
stands within a few words of the others, in any order and across the sentences of one message
("I'm outside. Look out the window."). Classes hold whole words, stems ("ääliö": ääliölle,
ääliötä) and compound endings ("-jävel" after any head, "-fan" only after an insulting one).
The classes and rules are `lexicon/structures.yaml`; its header says what each field means.

Cheap by construction: most messages hold no word of a rule's key class (everything but the
common ones: "you", "my", "I", "will", a place), and one set test and one regular expression
over the normalised text tell so before any per-word work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise, repeat
from operator import itemgetter
from typing import Any, NamedTuple

from bot.moderation.normalisation import Normalised, analyse
from bot.moderation.structure_placing import (
    _AMBIGUOUS_SELF,
    _SECOND,
    _SPELLED,
    _SPELLED_HINT,
    Placing,
    _joined,
)
from bot.moderation.structure_rules import (
    STRUCTURES_FILE,
    StructureError,
    StructureHit,
    WordClass,
    _rule,
    _strings,
    _word_class,
)

# Phrases of three words or more that a token starts: (the words after it, their classes).
_Longer = tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


class _Token(NamedTuple):
    """The classes one token is in (Structures._learn)."""

    word_of: tuple[str, ...]
    # The phrases it starts, by their second word: the classes of those of two words, and the
    # classes of the longer ones by the words after it.
    phrases: Mapping[str, tuple[tuple[str, ...], _Longer]]
    # Classes by stem or compound ending.
    marks: tuple[str, ...]
    # In no class at all: nothing for _classes_at to file.
    plain: bool = False
    # The classes of its words, stems and endings, as one set, and as a tuple of the words'
    # classes and then the others (a place each where no phrase of theirs starts here).
    alone: frozenset[str] = frozenset()
    each: tuple[str, ...] = ()
    # Those and the classes of every phrase it starts.
    every: frozenset[str] = frozenset()


_NO_WORD: tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] = ((), ())
_NOTHING = _Token((), {}, (), True)
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
# Tokens whose reading is kept; past this the memory is emptied and filled again.
_KNOWN_TOKENS = 100_000
_NO_CLASSES: frozenset[str] = frozenset()


class Structures(Placing):
    """The compiled classes and rules; `find` reads one normalised message."""

    def __init__(self, raw: Mapping[str, Any] | None) -> None:
        raw = raw or {}
        if not isinstance(raw, Mapping):
            raise StructureError(f"{STRUCTURES_FILE}: -: the file must be a mapping")
        classes_raw = raw.get("classes") or {}
        if not isinstance(classes_raw, dict):
            raise StructureError(f"{STRUCTURES_FILE}: classes: must be a mapping")
        self.classes = {name: _word_class(name, body) for name, body in classes_raw.items()}
        rules_raw = raw.get("rules") or []
        if not isinstance(rules_raw, list):
            raise StructureError(f"{STRUCTURES_FILE}: rules: must be a list")
        self.rules = tuple(_rule(body, self.classes) for body in rules_raw)
        for word_class in self.classes.values():
            if word_class.heads is not None and word_class.heads not in self.classes:
                raise StructureError(
                    f"{STRUCTURES_FILE}: classes.{word_class.name}.heads: unknown class"
                )
        self._yours = self._words("you")
        # "ja" and "i" are also other words ("och", "in"): only plain first-person words own.
        self._mine = self._words("mine") | (self._words("self") - _AMBIGUOUS_SELF)
        self._self = self._words("mine") | self._words("self")
        self._by_word: dict[str, tuple[str, ...]] = {}
        self._by_phrase: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        self._by_stem: dict[str, tuple[str, ...]] = {}
        self._suffixed: list[tuple[str, WordClass]] = []
        for word_class in self.classes.values():
            for word in word_class.words:
                self._by_word[word] = (*self._by_word.get(word, ()), word_class.name)
            for first, rests in word_class.phrases.items():
                found = tuple((word_class.name, rest) for rest in rests)
                self._by_phrase[first] = (*self._by_phrase.get(first, ()), *found)
            for stem in word_class.stems:
                self._by_stem[stem] = (*self._by_stem.get(stem, ()), word_class.name)
            self._suffixed.extend((suffix, word_class) for suffix in word_class.suffixes)
        # One lookup a token: the classes it is a word of, and the phrases it starts.
        self._by_token = {
            token: (self._by_word.get(token, ()), self._by_phrase.get(token, ()))
            for token in self._by_word.keys() | self._by_phrase.keys()
        }
        languages = {c.language for c in self.classes.values() if c.language is not None}
        self._foreign = {
            lang: frozenset(c.name for c in self.classes.values() if c.language not in (None, lang))
            for lang in languages
        }
        self._stem_lengths = tuple(sorted({len(stem) for stem in self._by_stem}))
        self._suffix_tuple = tuple(suffix for suffix, _ in self._suffixed)
        # Classes too common to be worth a look on their own ("you", "I", "will", a place): a
        # rule is looked at only when a word of one of its other classes is in the message.
        common = frozenset(_strings(raw.get("common"), "common"))
        unknown_common = sorted(common - set(self.classes))
        if unknown_common:
            raise StructureError(f"{STRUCTURES_FILE}: common: unknown classes {unknown_common}")
        keys = {
            name
            for rule in self.rules
            for slot in rule.slots
            for name in slot
            if name not in common
        } | {rule.spelled for rule in self.rules if rule.spelled}
        key_words: set[str] = set()
        key_phrases: set[str] = set()
        key_stems: set[str] = set()
        key_suffixes: set[str] = set()
        for name in keys:
            word_class = self.classes[name]
            key_words |= word_class.words
            key_phrases |= {
                " ".join((first, *rest))
                for first, rests in word_class.phrases.items()
                for rest in rests
            }
            key_stems |= word_class.stems
            key_suffixes |= set(word_class.suffixes)
        self._key_words = frozenset(key_words)
        # The first look is set tests on the words' starts and ends, not a regular expression
        # (a pattern searched at every letter of a message costs more than the rest together).
        self._key_phrases: dict[str, tuple[str, ...]] = {}
        for phrase in sorted(key_phrases):
            # Filed under its longest word, the later on a tie: the rarest ("har rast" under
            # "rast", "blir kåt" under "kåt").
            words = phrase.split(" ")
            longest = max(reversed(words), key=len)
            self._key_phrases[longest] = (*self._key_phrases.get(longest, ()), phrase)
        self._key_start = min((len(stem) for stem in key_stems), default=0)
        self._key_starts = frozenset(stem[: self._key_start] for stem in key_stems)
        self._start_of = itemgetter(slice(0, self._key_start))
        self._key_ends = tuple(sorted(key_suffixes))
        # Each rule filed under the classes of one slot, a rarest one (no common class where a
        # slot has none): a message's classes name the few rules worth placing, instead of a set
        # test per slot of every rule. Rules without slots (spelled) are always looked at.
        by_class: dict[str, set[int]] = {}
        always: list[int] = []
        for number, rule in enumerate(self.rules):
            if not rule.slots:
                always.append(number)
                continue
            key = min(
                rule.slots, key=lambda slot: (sum(name in common for name in slot), len(slot))
            )
            for name in key:
                by_class.setdefault(name, set()).add(number)
        self._rules_by_class = {name: frozenset(numbers) for name, numbers in by_class.items()}
        self._rule_classes = frozenset(self._rules_by_class)
        # Per rule, the classes of its one-class slots (all must be present: one subset test)
        # and its slots of several classes (one of each).
        self._needs = tuple(
            (
                frozenset(slot[0] for slot in rule.slots if len(slot) == 1),
                tuple(frozenset(slot) for slot in rule.slots if len(slot) > 1),
            )
            for rule in self.rules
        )
        self._always = frozenset(always)
        # By class, the rules filed under it with their needs, for _candidates.
        self._keyed = {
            name: tuple((number, *self._needs[number]) for number in sorted(numbers))
            for name, numbers in self._rules_by_class.items()
        }
        # Per rule, the classes whose places it reads: its slots, its unless, and for an aimed
        # one the classes _aimed looks at.
        self._reads = tuple(
            frozenset(
                (
                    *(name for slot in rule.slots for name in slot),
                    *rule.unless,
                    *(("you", "other") if rule.aim else ()),
                )
            )
            for rule in self.rules
        )
        # Without letters spelled out, a spelled rule is passed over at once: not looked at.
        self._always_unspelled = frozenset(n for n in always if self.rules[n].spelled is None)
        # What each token seen lately is to the rules, learnt once: words repeat from message
        # to message, and a message is then a set test and a lookup a word, not patterns over
        # its text and a loop over every stem length and compound ending.
        self._known: dict[str, _Token] = {}
        # The classes a known token is in by itself (words, stems, compound endings) and the
        # classes of the phrases filed under a pair of words (below): their union over a
        # message's tokens and pairs holds every class _classes_at would file, so a message
        # whose union meets no rule's needs is done without filing a place (_candidates).
        self._may_be: dict[str, frozenset[str]] = {}
        # A phrase is in a message only where each pair of its words is, one after the other:
        # its class filed under one of its pairs, the one fewest phrases have (not "jag är" or
        # "for you"), keeps the union of the classes of a message's pairs small.
        in_phrases: dict[tuple[str, str], int] = {}
        for first, found_phrases in self._by_phrase.items():
            for _, rest in found_phrases:
                for pair in set(pairwise((first, *rest))):
                    in_phrases[pair] = in_phrases.get(pair, 0) + 1
        # Tuples while filing and one dict throughout: sets and a second dict of some 15,000
        # pairs were 10 MB at start for a moment, the bot's peak (issue 15).
        filed: dict[tuple[str, str], Any] = {}
        for first, found_phrases in self._by_phrase.items():
            for name, rest in found_phrases:
                rarest = min(pairwise((first, *rest)), key=in_phrases.__getitem__)
                if name not in (names := filed.get(rarest, ())):
                    filed[rarest] = (*names, name)
        del in_phrases
        # Most pairs file the same one or two classes: one set each, shared.
        shared: dict[frozenset[str], frozenset[str]] = {}
        for pair, names in filed.items():
            filed[pair] = shared.setdefault(frozenset(names), frozenset(names))
        self._phrase_classes: dict[tuple[str, str], frozenset[str]] = filed
        # Tokens known to be no key word and to file no key phrase: a message of only these is
        # not worth a look, which one C-level set test tells for most messages.
        self._dull: set[str] = set()
        # Tokens known to be key words, and known to file key phrases.
        self._keys: set[str] = set()
        self._phrase_keys: set[str] = set()

    def _words(self, name: str) -> frozenset[str]:
        word_class = self.classes.get(name)
        return frozenset() if word_class is None else word_class.words

    def __bool__(self) -> bool:
        return bool(self.rules)

    def _ends_compound(self, token: str) -> bool:
        """An ending of a class after two letters (not digits): "lappjävel", never "12jävel"."""
        return any(
            token.endswith(suffix)
            and _TWO_LETTERS.fullmatch(token[-len(suffix) - 2 : -len(suffix)])
            for suffix in self._suffix_tuple
        )

    def _learn(self, token: str) -> _Token:
        """What `token` is to the rules, by itself: whether it is a key word or files a key
        phrase (as _worth_a_look reads words), the classes it is a word of, the phrases it
        starts, and the classes its stem or compound ending puts it in. A token holds word
        characters only (normalisation splits at everything else), so a stem is at its start
        and a compound ending at its end."""
        word_of, phrases = self._by_token.get(token, _NO_WORD)
        names: list[str] = []
        # Stems by the token's starts, compound endings after two letters: set and string tests,
        # not a regular expression compiled at start from every stem and ending.
        for length in self._stem_lengths:
            if length > len(token):
                break
            names.extend(self._by_stem.get(token[:length], ()))
        if token.endswith(self._suffix_tuple) and (names or self._ends_compound(token)):
            for suffix, word_class in self._suffixed:
                head = token[: -len(suffix)]
                if len(head) < 2 or not token.endswith(suffix):
                    continue
                if word_class.heads is None or self._starts_with(
                    head, self.classes[word_class.heads]
                ):
                    names.append(word_class.name)
        key = (
            token in self._key_words
            or self._start_of(token) in self._key_starts
            or token.endswith(self._key_ends)
        )
        phrase_key = token in self._key_phrases
        if not word_of and not phrases and not names:
            learnt = _NOTHING
        else:
            # A class once a phrase: a class with two phrases that match here gets the place
            # twice, as it did when every phrase was tried on its own.
            pairs: dict[str, list[str]] = {}
            longer: dict[str, dict[tuple[str, ...], list[str]]] = {}
            for name, rest in phrases:
                if len(rest) == 1:
                    pairs.setdefault(rest[0], []).append(name)
                else:
                    longer.setdefault(rest[0], {}).setdefault(rest, []).append(name)
            by_next = {
                word: (
                    tuple(pairs.get(word, ())),
                    tuple((rest, tuple(owners)) for rest, owners in longer.get(word, {}).items()),
                )
                for word in pairs.keys() | longer.keys()
            }
            marks = tuple(dict.fromkeys(names))
            learnt = _Token(
                word_of,
                by_next,
                marks,
                False,
                frozenset((*word_of, *marks)),
                (*word_of, *(name for name in marks if name not in word_of)),
                frozenset((*word_of, *marks, *(name for name, _ in phrases))),
            )
        self._known[token] = learnt
        self._may_be[token] = learnt.alone
        if key:
            self._keys.add(token)
        if phrase_key:
            self._phrase_keys.add(token)
        if not key and not phrase_key:
            self._dull.add(token)
        return learnt

    def _forget(self) -> None:
        self._known.clear()
        self._may_be.clear()
        self._dull.clear()
        self._keys.clear()
        self._phrase_keys.clear()

    def _worth_a_look(self, normal: Normalised) -> bool:
        """A word of a key class (a rule's class that is not a common one) or a key phrase is
        in the message: without one, no rule is worth placing. Set tests in C once every token
        is learnt, which most messages' tokens already are."""
        tokens = normal.tokens
        if self._dull.issuperset(tokens):
            return False
        known = self._known
        if len(known) >= _KNOWN_TOKENS:
            # Emptied between messages, never while one is read.
            self._forget()
        # A key word already learnt answers at once (the others are learnt when placed).
        if not self._keys.isdisjoint(tokens):
            return True
        if not all(map(known.__contains__, tokens)):
            for token in tokens:
                if token not in known:
                    self._learn(token)
            if not self._keys.isdisjoint(tokens):
                return True
        words = self._phrase_keys.intersection(tokens)
        if not words:
            return False
        # A phrase anywhere in the text, as the substring test in C: an alternation of a word's
        # phrases searched as a pattern cost twice as much (most words file one to seven).
        # The word's phrases fed to the text's own test by map: no generator frame a phrase.
        contains = normal.text.__contains__
        phrases = self._key_phrases
        return any(any(map(contains, phrases[word])) for word in words)

    def _classes_at(self, normal: Normalised, wanted: frozenset[str]) -> dict[str, list[int]]:
        """The places of each `wanted` class in the message, in order; a place twice where a
        word and a phrase, or two phrases, of the class start there, once where only a stem or
        an ending adds to them."""
        tokens = normal.tokens
        found: dict[str, list[int]] = {}
        known = self._known
        last = len(tokens) - 1
        # A get and a test, not setdefault: setdefault makes an empty list every time.
        get = found.get
        for index, token in enumerate(tokens):
            word_of, phrases, marks, _, _, each, every = known.get(token) or self._learn(token)
            # A token in no class (`every` empty) or in none of the wanted ones files nothing.
            if wanted.isdisjoint(every):
                continue
            if phrases and index < last:
                # Only the phrases whose second word comes next ("jag" starts hundreds); the
                # words after it compared once for all the classes of a phrase.
                following = phrases.get(tokens[index + 1])
                if following is not None:
                    pairs, longer = following
                    for rest, owners in longer:
                        if tokens[index + 1 : index + 1 + len(rest)] == rest:
                            pairs += owners
                    if pairs:
                        each = word_of + pairs
                        if marks:
                            each += tuple(
                                name for name in marks if name not in word_of and name not in pairs
                            )
            for name in each:
                if name in wanted:
                    places = get(name)
                    if places is None:
                        found[name] = [index]
                    else:
                        places.append(index)
        return found

    def find(
        self, normal: Normalised, text: str, lang: str | None = None
    ) -> tuple[StructureHit, ...]:
        """The structure rules `normal` (the message `text` read) breaks, each once; `lang`
        None (or a language no class names) reads every language's classes."""
        # The normaliser has looked for letters spaced out already: most messages have none.
        spelled = (
            self._spelled_words(text.casefold())
            if normal.spaced and _SPELLED_HINT.search(text)
            else ()
        )
        if not spelled and normal.stretched is None:
            # One reading and nothing spelled out (most messages): a message without a key
            # word, or whose classes meet no rule's needs, is done here. Several rules may share
            # an id: each id counts once.
            if self._dull.issuperset(normal.tokens):
                return ()
            # The rules first: a set union and a lookup or two, where the key phrases of
            # _worth_a_look are substring tests.
            numbers = self._candidates(normal.tokens, spelled)
            if not numbers or not self._worth_a_look(normal):
                return ()
            foreign = self._foreign.get(lang, _NO_CLASSES) if lang is not None else _NO_CLASSES
            found = self._find(normal, spelled, foreign, numbers)
            if len(found) < 2:
                return tuple(found)
            first: dict[str, StructureHit] = {}
            for hit in found:
                first.setdefault(hit.rule.id, hit)
            return tuple(first.values())
        foreign = self._foreign.get(lang, _NO_CLASSES) if lang is not None else _NO_CLASSES
        readings = [normal]
        if normal.stretched is not None:
            # "you won't liiiive", "stooooopid": the stretched word read with its letters
            # squeezed, as the lexicon reads it.
            readings.append(analyse(normal.stretched))
        if spelled:
            # "send me a p i c of you": three spelled letters the normaliser leaves apart.
            joined = _SPELLED.sub(_joined, text.casefold())
            if joined != normal.prepared:
                readings.append(analyse(joined))
        hits: dict[str, StructureHit] = {}
        for reading in readings:
            if not self._worth_a_look(reading) and not spelled:
                continue
            for hit in self._find(reading, spelled, foreign):
                hits.setdefault(hit.rule.id, hit)
        return tuple(hits.values())

    def _candidates(self, tokens: Sequence[str], spelled: tuple[str, ...]) -> list[int]:
        """The rules, in order, whose needs the classes the message's tokens may be in meet:
        a superset of those the filed places meet, found by set operations in C. Most messages
        worth a look have none, and no place is filed for them."""
        may_be = self._may_be
        try:
            present = _NO_CLASSES.union(
                *map(may_be.__getitem__, tokens),
                *map(self._phrase_classes.get, pairwise(tokens), repeat(_NO_CLASSES)),
            )
        except KeyError:
            if len(self._known) >= _KNOWN_TOKENS:
                # Emptied between messages, never while one is read.
                self._forget()
            for token in tokens:
                if token not in may_be:
                    self._learn(token)
            present = _NO_CLASSES.union(
                *map(may_be.__getitem__, tokens),
                *map(self._phrase_classes.get, pairwise(tokens), repeat(_NO_CLASSES)),
            )
        # A foreign class (of another language's chats) is left in: the union stays a
        # superset, and _find files no place for one.
        keyed = self._keyed
        numbers: list[int] = []
        for name in present & self._rule_classes:
            for number, single, several in keyed[name]:
                if single <= present and not (several and any(map(present.isdisjoint, several))):
                    numbers.append(number)
        always = self._always if spelled else self._always_unspelled
        if always:
            numbers.extend(always)
        if len(numbers) > 1:
            # A rule filed under two classes of its slot is named twice.
            numbers = sorted(set(numbers))
        return numbers

    def _find(
        self,
        normal: Normalised,
        spelled: tuple[str, ...],
        foreign: frozenset[str],
        numbers: list[int] | None = None,
    ) -> list[StructureHit]:
        """The hits of the rules `numbers` (_candidates, found when None)."""
        tokens = normal.tokens
        if numbers is None:
            numbers = self._candidates(tokens, spelled)
        if not numbers:
            return []
        wanted = _NO_CLASSES.union(*map(self._reads.__getitem__, numbers))
        found = self._classes_at(normal, wanted - foreign if foreign else wanted)
        hits: list[StructureHit] = []
        present = set(found)
        rules = self.rules
        needs = self._needs
        for number in numbers:
            rule = rules[number]
            # A rule filed under one slot's class may still lack another slot's.
            single, several = needs[number]
            if not single.issubset(present) or (several and any(map(present.isdisjoint, several))):
                continue
            if rule.spelled is not None:
                if rule.spelled in foreign or not spelled:
                    continue
                word_class = self.classes[rule.spelled]
                words = [w for w in spelled if w in word_class.words]
                if words:
                    hits.append(
                        StructureHit(
                            rule,
                            rule.category,
                            rule.severity,
                            words[0],
                            f"structure {rule.id}: {rule.spelled} word '{words[0]}' spelled out"
                            " letter by letter to pass a filter",
                            0,
                            max(0, len(tokens) - 1),
                        )
                    )
                continue
            if rule.unless and any(map(found.get, rule.unless)):
                continue
            combination = self._fits(rule, tokens, found, normal.clauses)
            if combination is None:
                continue
            # One or two words (most rules) without a comprehension's function a hit; the places
            # of a combination of two or more differ (_fits).
            if len(combination) == 1:
                ((name, first),) = combination
                form = tokens[first]
                why = f"structure {rule.id}: {name} '{form}'"
                last = first
            elif len(combination) == 2:
                (name, first), (other, last) = combination
                word, other_word = tokens[first], tokens[last]
                why = (
                    f"structure {rule.id}: {name} '{word}' + {other} '{other_word}'"
                    f" within {rule.window} words"
                )
                if first < last:
                    form = f"{word} {other_word}"
                else:
                    form = f"{other_word} {word}"
                    first, last = last, first
            else:
                named = " + ".join([f"{name} '{tokens[index]}'" for name, index in combination])
                indexes = sorted(map(_SECOND, combination))
                form = " ".join(map(tokens.__getitem__, indexes))
                why = f"structure {rule.id}: {named} within {rule.window} words"
                first, last = indexes[0], indexes[-1]
            category, severity = rule.category, rule.severity
            if rule.aim:
                target = self._aimed(normal, combination[0][1], found)
                if target:
                    why += f", aimed at a person by {target}"
                else:
                    category, severity = "profanity", 1
                    why += ", not aimed at a person: profanity"
            hits.append(StructureHit(rule, category, severity, form, why, first, last))
        return hits
