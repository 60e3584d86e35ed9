"""Danger as people write it: concepts that must come together, not surface phrases.

The vocabulary file (`questionnaires/_phrases.yaml`) holds, besides the phrase sections:

- `concepts`: NAME -> language (sv, en, fi or `any`) -> terms. A term is a phrase in the
  syntax of `flows.phrase_words` ("bröst", "rinta*|rinna*", "kan|kunde inte andas"): the
  words people use for one idea (CHEST, PAIN, PREGNANT) in every language, inflected,
  compounded, misspelt.
- `rules`: red-flag linkId -> rules, the flags in the order their questions come first (the
  most specific first). `crisis_rules`: rules for explicit crisis words.

A rule is groups joined by `&` (each anywhere in the message); a group is concepts joined by
`+` that must all occur within a window of words (6, or `~N` at the end of the group); a
slot may offer alternatives `A|B`; a group written `!A` must not occur. So "CHEST + PAIN"
is chest and pain a few words apart, "PREGNANT & BLEED|SEVERE_PAIN" is pregnancy anywhere in
the message with bleeding or severe pain anywhere. A rule that is only `!A|B` is a veto: with
one of those concepts in the message the flag is not raised ("!GUMS" for bleeding).

Two concepts are read by the engine itself:

- NOT (per language): a negation up to three words before a term, or inside it, in the same
  clause, cancels it ("inget ont i bröstet", "ei rintakipua", "no stiff neck"). A negation
  that is part of a matched term ("can't breathe", "slutar inte blöda") negates nothing else.
- MASK_...: a concept that hides the terms it overlaps ("blood pressure", "verikoe" are no
  BLOOD), and finds nothing itself.
- NOT_NOW: the past or family history ("för 5 år sen", "years ago", "vuotta sitten", "dog av",
  "i släkten") cancels every term in its clause: "pappa hade stroke för 5 år sen" asks
  nothing, "min son har ont i bröstet nu" does. Concepts listed under `lasting` (pregnancy, a
  baby's age) stay: "plussade förra veckan, nu blöder jag" is a pregnancy that bleeds.

Each red-flag phrase section is a concept too (named by its linkId, matched as a rule of its
own), and so is the `crisis` section: the phrase lists keep working, now with negation and the
past.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from flows.catalog import words
from flows.loader import FlowError, read_yaml
from flows.phrase_words import (
    APOSTROPHES_TEXT,
    FILLERS,
    Phrase,
    PhraseIndex,
    SlotIndex,
    follows,
    phrase_problem,
    phrase_words,
    rest_follows,
    same_slot,
)

CONCEPTS = "concepts"
RULES = "rules"
CRISIS_RULES = "crisis_rules"
CRISIS = "crisis"
NOT = "NOT"
NOT_NOW = "NOT_NOW"
MASK = "MASK_"
LASTING = "lasting"
SECTIONS = (CONCEPTS, RULES, CRISIS_RULES, LASTING)
"""Top-level keys that are no phrase section."""
NEUTRAL = "any"
LANGUAGES = ("sv", "en", "fi")

_WINDOW = 6
_OWN = frozenset({NOT, NOT_NOW})
_LANG = {lang: frozenset({lang}) for lang in (*LANGUAGES, NEUTRAL)}
_NEGATION_WINDOW = 3
# Terms are tight (a word between at most); the phrase sections keep their old reach.
_TERM_GAP = 1
_PHRASE_GAP = 2
_CRISIS_GAP = 1
# Letters and digits apart: "v28", "4yo", "8e", "5v", "4m" are a number and a word.
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[.,;:!?\n]")
# Spoken Swedish for the word the vocabulary has ("får int luft", "he e sne i ansiktet o ..."):
# only forms no other of our languages uses as a word.
_SPOKEN = {"int": "inte", "e": "ar", "o": "och", "mej": "mig", "dej": "dig", "sej": "sig"}
# A question answered no ("självmordstankar? nej inte alls"), and a clause that ends by saying
# there is none ("itsetuhoisia ajatuksia ei oo"): the words just before count for nothing.
_ANSWER_NO = frozenset({"nej", "no", "nope", "ei", "inte", "en"})
_NONE_ENDINGS = (
    ("ei", "oo"),
    ("ei", "ole"),
    ("ei", "ollut"),
    ("inte", "alls"),
    ("not", "at", "all"),
)
_NONE_REACH = 2
_NONE_LAST = frozenset(ending[-1] for ending in _NONE_ENDINGS)
_APOSTROPHE = re.compile("[" + "".join(APOSTROPHES_TEXT) + "]")
_ORDINAL = re.compile(r"(\d):(?=[a-z])")  # "7:e månaden" is "7e"
_CLAUSE_END = frozenset(".,;:!?\n")
# A new clause for the past: "för 2 år sen hade jag en propp, men nu ont i bröstet".
_NOW_WORDS = frozenset(
    {"men", "but", "mutta", "mut", "nu", "now", "nyt", "idag", "today", "tanaan", "ikvall"}
    | {"tonight", "tana"}
)
_RULE_SPLIT = re.compile(r"\s*&\s*")
_WINDOW_MARK = re.compile(r"~\s*(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Group:
    slots: tuple[frozenset[str], ...]
    window: int
    absent: bool  # `!A`: the group must not occur


@dataclass(frozen=True, slots=True)
class Rule:
    written: str
    groups: tuple[Group, ...]
    needs: tuple[frozenset[str], ...] = ()
    """Concepts the message must hold, one of each set: a quick no before the windows."""

    @staticmethod
    def of(written: str, groups: Sequence[Group]) -> Rule:
        needs = tuple(slot for g in groups if not g.absent for slot in g.slots)
        return Rule(written, tuple(groups), needs)

    @property
    def slug(self) -> str:
        names = (sorted(slot)[0] for g in self.groups if not g.absent for slot in g.slots)
        return "_".join(n.lower() for n in names)


class Occurrence(NamedTuple):
    """A concept's term found in a message (a tuple: thousands are made per second)."""

    concept: str
    start: int
    end: int
    langs: frozenset[str]
    own: frozenset[str]  # the alternatives of the term's words
    written: str  # the term as written


@dataclass(frozen=True, slots=True)
class Match:
    """A rule found in a message: which, and the occurrences that make it."""

    rule: Rule
    found: tuple[Occurrence, ...]
    form: str  # the typed words, normalised

    @property
    def language(self) -> str:
        votes: dict[str, int] = {}
        for occurrence in self.found:
            for lang in occurrence.langs - {NEUTRAL}:
                votes[lang] = votes.get(lang, 0) + (2 if len(occurrence.langs) == 1 else 1)
        if not votes:
            return LANGUAGES[0]
        return max(LANGUAGES, key=lambda lang: (votes.get(lang, 0), -LANGUAGES.index(lang)))


@dataclass(frozen=True)
class Vocabulary:
    """The danger vocabulary, ready to match."""

    terms: dict[str, dict[str, tuple[str, ...]]]  # concept -> language -> terms as written
    rules: dict[str, tuple[Rule, ...]]  # red-flag linkId -> rules, most specific flag first
    crisis_rules: tuple[Rule, ...]
    lasting: frozenset[str] = frozenset()
    """Concepts the past does not cancel: "plussade förra veckan" is pregnant now."""

    def vetoes(self, rules: Sequence[Rule]) -> frozenset[str]:
        """Concepts that keep a flag (or crisis help) down whatever else is found: a rule
        that is only `!A|B` ("!GUMS": a lot of blood when brushing the teeth)."""
        return frozenset(
            name
            for rule in rules
            if not rule.needs
            for group in rule.groups
            for slot in group.slots
            for name in slot
        )

    @property
    def flags(self) -> list[str]:
        return list(self.rules)


# ---------------------------------------------------------------------------------------------
# Loading and checking


def load(path: Path) -> tuple[dict[str, dict[str, list[str]]], Vocabulary]:
    """The phrase sections as written (linkIds and `crisis`) and the compiled vocabulary; any
    problem is a FlowError naming the file and key (an unknown concept in a rule, a malformed
    term, a rule for no red flag)."""
    source = str(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise FlowError(source, "(top level)", "must map red-flag linkIds to phrases per language")
    phrases: dict[str, dict[str, list[str]]] = {}
    for key, by_language in data.items():
        if key in SECTIONS:
            continue
        phrases[str(key)] = _phrase_lists(source, key, by_language)
    concepts = data.get(CONCEPTS) or {}
    if not isinstance(concepts, dict):
        raise FlowError(source, CONCEPTS, "must map concept names to terms per language")
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, by_language in concepts.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise FlowError(source, f"{CONCEPTS}.{name}", "concept names are UPPER_CASE")
        lists = _phrase_lists(source, f"{CONCEPTS}.{name}", by_language, NEUTRAL)
        terms[name] = {lang: tuple(ts) for lang, ts in lists.items()}
    # The phrase sections are concepts of their own, under their key.
    for key, by_language in phrases.items():
        terms[key] = {lang: tuple(ts) for lang, ts in by_language.items()}
    for needed in (NOT, NOT_NOW):
        terms.setdefault(needed, {})
    known = set(terms)
    raw_rules = data.get(RULES) or {}
    if not isinstance(raw_rules, dict):
        raise FlowError(source, RULES, "must map red-flag linkIds to lists of rules")
    flags = [k for k in phrases if k != CRISIS]
    rules: dict[str, tuple[Rule, ...]] = {}
    for link_id, written in raw_rules.items():
        key = f"{RULES}.{link_id}"
        if link_id not in flags:
            raise FlowError(source, key, f"{link_id!r} has no phrase section: no red flag")
        rules[link_id] = _rules(source, key, written, known, own=link_id)
    for link_id in flags:  # a flag with phrases only still asks
        rules.setdefault(link_id, _rules(source, link_id, [], known, own=link_id))
    crisis_written = data.get(CRISIS_RULES) or []
    crisis_rules = _rules(source, CRISIS_RULES, crisis_written, known, own=None)
    lasting = data.get(LASTING) or []
    if not isinstance(lasting, list) or not all(isinstance(n, str) for n in lasting):
        raise FlowError(source, LASTING, "must be a list of concept names")
    for number, name in enumerate(lasting):
        if name not in known:
            raise FlowError(source, f"{LASTING}[{number}]", f"unknown concept {name!r}")
    return phrases, Vocabulary(terms, rules, crisis_rules, frozenset(lasting))


def _phrase_lists(
    source: str, key: object, by_language: object, extra: str | None = None
) -> dict[str, list[str]]:
    if not isinstance(key, str) or not isinstance(by_language, dict):
        raise FlowError(source, str(key), "must map language codes to lists of phrases")
    table: dict[str, list[str]] = {}
    for lang, phrases in by_language.items():
        where = f"{key}.{lang}"
        if not isinstance(lang, str):
            raise FlowError(source, where, "language codes must be strings (quote it)")
        if extra is not None and lang not in (*LANGUAGES, extra):
            raise FlowError(
                source, where, f"language must be one of {', '.join(LANGUAGES)}, {extra}"
            )
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise FlowError(source, where, "must be a list of phrases")
        for phrase in phrases:
            problem = phrase_problem(phrase)
            if problem:
                raise FlowError(source, where, f"phrase {phrase!r} {problem}")
        table[lang] = list(phrases)
    return table


def _rules(
    source: str, key: str, written: object, known: set[str], own: str | None
) -> tuple[Rule, ...]:
    if not isinstance(written, list) or not all(isinstance(r, str) for r in written):
        raise FlowError(source, key, "must be a list of rules (CONCEPT + CONCEPT & CONCEPT)")
    found: list[Rule] = []
    if own is not None:
        found.append(Rule.of(own, (Group((frozenset({own}),), _WINDOW, False),)))
    for number, text in enumerate(written):
        where = f"{key}[{number}]"
        groups: list[Group] = []
        for part in _RULE_SPLIT.split(text.strip()):
            absent = part.startswith("!")
            part = part.lstrip("!").strip()
            window = _WINDOW
            mark = _WINDOW_MARK.search(part)
            if mark:
                window = int(mark.group(1))
                part = part[: mark.start()]
            slots = [frozenset(n.strip() for n in s.split("|")) for s in part.split("+")]
            for slot in slots:
                for name in slot:
                    if name not in known:
                        raise FlowError(source, where, f"unknown concept {name!r} in {text!r}")
            if not slots or not all(slots):
                raise FlowError(source, where, f"empty group in {text!r}")
            groups.append(Group(tuple(slots), window, absent))
        # "!GUMS" alone is a veto: the flag is not raised with it (see Vocabulary.vetoes).
        if all(g.absent for g in groups) and any(len(g.slots) > 1 for g in groups):
            raise FlowError(source, where, f"{text!r}: a veto names concepts, not groups")
        found.append(Rule.of(text, groups))
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class Reading:
    """One message as the engine sees it: its words and the concepts found in them."""

    typed: tuple[str, ...]
    by_concept: dict[str, tuple[Occurrence, ...]]
    present: frozenset[str]


class _Term(NamedTuple):
    """A term ready to match: what an occurrence of it is, and its words after the first as
    slot numbers (flows.phrase_words.SlotIndex)."""

    concept: str
    lang: str
    langs: frozenset[str]
    written: str
    gap: int
    own: frozenset[str]
    rest: tuple[int, ...]
    rest_set: frozenset[int]
    in_any_clause: bool  # crisis phrases may run over a comma


class Engine:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        table: dict[str, dict[str, tuple[Phrase, ...]]] = {}
        for concept, by_language in vocabulary.terms.items():
            for lang, written in by_language.items():
                for term in written:
                    table[f"{concept}\0{lang}\0{term}"] = {lang: (phrase_words(term),)}
        self.index = PhraseIndex(table)
        self._meta: dict[str, tuple[str, str, str, int, frozenset[str]]] = {}
        for key, phrases in table.items():
            concept, lang, term = key.split("\0")
            phrase = phrases[lang][0]
            own = frozenset(a for slot in phrase for a in slot)
            self._meta[key] = (concept, lang, term, _gap(concept), own)
        self._slots = SlotIndex()
        self._terms: dict[str, _Term] = {}
        for key, (concept, lang, term, gap, own) in self._meta.items():
            rest = tuple(self._slots.id_of(slot) for slot in table[key][lang][0][1:])
            self._terms[key] = _Term(
                concept, lang, _LANG[lang], term, gap, own, rest, frozenset(rest), concept == CRISIS
            )
        self._words: dict[str, tuple[frozenset[int], tuple[_Term, ...]]] = {}
        self._masking = frozenset(c for c in vocabulary.terms if c.startswith(MASK))
        self._special = self._masking | _OWN
        self._crisis_by_need: dict[str, list[int]] = {}
        for number, rule in enumerate(vocabulary.crisis_rules):
            for name in rule.needs[0] if rule.needs else ():
                self._crisis_by_need.setdefault(name, []).append(number)
        self._triggered: dict[str, list[tuple[str, Rule]]] = {}
        self._vetoes = {k: vocabulary.vetoes(rules) for k, rules in vocabulary.rules.items()}
        self.crisis_vetoes = vocabulary.vetoes(vocabulary.crisis_rules)
        for link_id, rules in vocabulary.rules.items():
            for rule in (r for r in rules if r.needs):
                for name in rule.needs[0]:
                    self._triggered.setdefault(name, []).append((link_id, rule))
        self._negations = {
            lang: frozenset(w for t in ts for w in words(t))
            for lang, ts in vocabulary.terms.get(NOT, {}).items()
        }
        self._all_negations = frozenset(w for ws in self._negations.values() for w in ws)

    def read(self, text: str, plain: bool = False) -> Reading:
        """The concepts in `text`; `plain` looks every term up without the index (tests)."""
        typed, clause, era, denied = _tokens(text)
        by_place = self._plain(typed, clause) if plain else self._indexed(typed, clause)
        found = list(by_place.values())
        special = self._special
        if special.isdisjoint(o.concept for o in found) and not denied:
            # Nothing to hide, negate or date: the common case, grouped at once.
            grouped: dict[str, list[Occurrence]] = {}
            for o in found:
                grouped.setdefault(o.concept, []).append(o)
            return Reading(
                tuple(typed), {k: tuple(v) for k, v in grouped.items()}, frozenset(grouped)
            )
        # A MASK_ concept hides what it overlaps: "blood pressure" is no BLOOD, "kan inte
        # andas genom näsan" no breathing emergency.
        masking = self._masking
        masks = [(o.start, o.end) for o in found if o.concept in masking]
        if masks:
            found = [
                o
                for o in found
                if o.concept in masking or not any(o.start <= e and s <= o.end for s, e in masks)
            ]
        past = {era[o.start] for o in found if o.concept == NOT_NOW}
        negators = [o for o in found if o.concept == NOT]
        absorbed = {
            p
            for o in found
            if negators and o.concept not in _OWN and not o.own.isdisjoint(self._all_negations)
            for p in range(o.start, o.end + 1)
        }
        kept: dict[str, list[Occurrence]] = {}
        for o in found:
            if o.concept not in _OWN:
                if denied and o.start in denied:
                    continue
                if (
                    past
                    and (era[o.start] in past or era[o.end] in past)
                    and o.concept not in self.vocabulary.lasting
                ):
                    continue
                if negators and self._negated(o, negators, absorbed, typed, clause):
                    continue
            kept.setdefault(o.concept, []).append(o)
        return Reading(tuple(typed), {k: tuple(v) for k, v in kept.items()}, frozenset(kept))

    def _indexed(
        self, typed: Sequence[str], clause: Sequence[int]
    ) -> dict[tuple[str, int, int], Occurrence]:
        """Each word's terms from the index, and the rest of a term found by slot numbers: one
        set lookup per word tried instead of comparing words."""
        known_words, learn = self._words, self._learn
        infos = [learn(word) if (i := known_words.get(word)) is None else i for word in typed]
        filled = [i[0] for i in infos]
        anywhere = frozenset().union(*filled)
        by_place: dict[tuple[str, int, int], Occurrence] = {}
        for start, info in enumerate(infos):
            for t in info[1]:
                if t.rest:
                    if not t.rest_set <= anywhere:
                        continue
                    last = follows(filled, start, t.rest, t.gap)
                    if last is None or (clause[last] != clause[start] and not t.in_any_clause):
                        continue
                else:
                    last = start
                place = (t.concept, start, last)
                known = by_place.get(place)
                if known is None:
                    by_place[place] = Occurrence(t.concept, start, last, t.langs, t.own, t.written)
                elif t.lang not in known.langs:
                    # The same words in several languages ("stroke"): one occurrence.
                    by_place[place] = known._replace(langs=known.langs | t.langs)
        return by_place

    def _learn(self, word: str) -> tuple[frozenset[int], tuple[_Term, ...]]:
        """A typed word's slots and the terms it can begin, remembered (a few thousand words)."""
        if len(self._words) > 50_000:
            self._words.clear()
        terms = tuple(self._terms[k] for k, _ in self.index.candidates(word))
        info = self._words[word] = (self._slots.ids(word), terms)
        return info

    def _plain(
        self, typed: Sequence[str], clause: Sequence[int]
    ) -> dict[tuple[str, int, int], Occurrence]:
        by_place: dict[tuple[str, int, int], Occurrence] = {}
        meta = self._meta
        for start, word in enumerate(typed):
            for key, phrase in self._all(word):
                concept, lang, term, gap, own = meta[key]
                last = start if len(phrase) == 1 else rest_follows(typed, start, phrase, gap)
                if last is None or (clause[last] != clause[start] and concept != CRISIS):
                    continue
                place = (concept, start, last)
                known = by_place.get(place)
                if known is None:
                    by_place[place] = Occurrence(concept, start, last, _LANG[lang], own, term)
                elif lang not in known.langs:
                    by_place[place] = known._replace(langs=known.langs | _LANG[lang])
        return by_place

    def crisis_candidates(self, present: frozenset[str]) -> list[Rule]:
        """The crisis rules whose first concepts are in the message, in the file's order."""
        rules = self.vocabulary.crisis_rules
        numbers = {n for name in present for n in self._crisis_by_need.get(name, ())}
        return [rules[n] for n in sorted(numbers)]

    def _all(self, word: str) -> list[tuple[str, Phrase]]:
        return [
            (key, phrase)
            for key in self.index.order
            for phrase in (phrase_words(key.split("\0")[2]),)
            if same_slot(word, phrase[0])
        ]

    def _negated(
        self,
        o: Occurrence,
        negators: Sequence[Occurrence],
        absorbed: set[int],
        typed: Sequence[str],
        clause: Sequence[int],
    ) -> bool:
        for n in negators:
            if not (n.langs & o.langs or (NEUTRAL in o.langs and n.langs - {"fi"})):
                continue
            at = n.start
            if clause[at] != clause[o.start]:
                continue
            before = o.start - _NEGATION_WINDOW <= at < o.start and at not in absorbed
            inside = o.start < at <= o.end and typed[at] not in o.own
            if before or inside:
                return True
        return False

    def flags(self, reading: Reading) -> set[str]:
        """The red flags whose rules `reading` meets: only rules whose first concepts are in
        the message are tried (a message holds a handful of concepts, the file a hundred
        rules)."""
        found: set[str] = set()
        for name in reading.present:
            for link_id, rule in self._triggered.get(name, ()):
                if link_id not in found and self.match(reading, rule) is not None:
                    found.add(link_id)
        return {k for k in found if self._vetoes[k].isdisjoint(reading.present)}

    def matches(self, reading: Reading, rules: Sequence[Rule]) -> list[Match]:
        found = []
        for rule in rules:
            match = self.match(reading, rule)
            if match is not None:
                found.append(match)
        return found

    def match(self, reading: Reading, rule: Rule) -> Match | None:
        if not rule.needs:
            return None  # a veto matches nothing itself
        for need in rule.needs:
            if need.isdisjoint(reading.present):
                return None
        chosen: list[Occurrence] = []
        forms: list[str] = []
        for group in rule.groups:
            picked = _group(reading.by_concept, group)
            if group.absent:
                if picked is not None:
                    return None
                continue
            if picked is None:
                return None
            chosen.extend(picked)
            first = min(o.start for o in picked)
            last = max(o.end for o in picked)
            forms.append(" ".join(reading.typed[first : last + 1]))
        return Match(rule, tuple(chosen), " … ".join(forms))


def _gap(concept: str) -> int:
    if concept == CRISIS:
        return _CRISIS_GAP
    return _TERM_GAP if concept[:1].isupper() else _PHRASE_GAP


def _group(
    by_concept: Mapping[str, Sequence[Occurrence]], group: Group
) -> tuple[Occurrence, ...] | None:
    options = []
    for slot in group.slots:
        found = [o for name in slot for o in by_concept.get(name, ())]
        if not found:
            return None
        options.append(found)
    if len(options) == 1:
        return (options[0][0],)
    return _within(options, group.window, ())


def _within(
    options: Sequence[Sequence[Occurrence]], window: int, picked: tuple[Occurrence, ...]
) -> tuple[Occurrence, ...] | None:
    if not options:
        return picked
    for o in options[0]:
        chosen = (*picked, o)
        first = min(c.start for c in chosen)
        last = max(c.start for c in chosen)
        if last - first <= window:
            done = _within(options[1:], window, chosen)
            if done is not None:
                return done
    return None


def _tokens(text: str) -> tuple[list[str], list[int], list[int], frozenset[int]]:
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
    after_number = False
    spoken, now_words, fillers, ends = _SPOKEN, _NOW_WORDS, FILLERS, _CLAUSE_END
    chunks = _CHUNKS
    tokens = (
        token
        for chunk in text.replace("\n", " . ").split()
        for token in (chunks.get(chunk) or _chunk_tokens(chunk))
    )
    for token in tokens:
        if token in ends:
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
                denied.update(range(question_from, question_at))
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
    if typed and typed[-1] in _NONE_LAST:
        _deny_none_ending(typed, clause_start, denied)
    return typed, clause, era, frozenset(denied)


_CHUNKS: dict[str, tuple[str, ...]] = {}
"""The tokens of each space-separated chunk as typed ("Bröstet,", "v28", "can't"), remembered:
patients use the same few thousand, and normalising them one by one costs more."""


def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    if len(_CHUNKS) > 50_000:
        _CHUNKS.clear()
    cleaned = _normalised(_APOSTROPHE.sub("", chunk))
    if ":" in cleaned:
        cleaned = _ORDINAL.sub(r"\1", cleaned)
    found = _CHUNKS[chunk] = tuple(_TOKEN.findall(cleaned))
    return found


def _deny_none_ending(typed: Sequence[str], start: int, denied: set[int]) -> None:
    for ending in _NONE_ENDINGS:
        at = len(typed) - len(ending)
        if at > start and tuple(typed[at:]) == ending:
            denied.update(range(max(start, at - _NONE_REACH), at))
            return


_COMBINING = re.compile(r"[\u0300-\u036f]")


def _normalised(text: str) -> str:
    """Casefolded, without diacritics, as flows.catalog.words has it."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


@cache
def shipped(path: Path) -> tuple[dict[str, dict[str, list[str]]], Engine]:
    phrases, vocabulary = load(path)
    return phrases, Engine(vocabulary)


@lru_cache(maxsize=256)
def reading_of(path: Path, text: str) -> Reading:
    """The shipped engine's reading, remembered: every message is asked for red flags and for
    crisis words, one after the other."""
    return shipped(path)[1].read(text)
