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
  It holds down a list joined by "or" ("ingen bröstsmärta eller andnöd", "no chest pain or
  shortness of breath"), not a clause after it ("..., men nu kan jag inte andas"). Concepts
  listed under `negative` carry their negation in their own words, often apart ("ei mua enää
  kiinnosta elää"): NOT leaves them.
- MASK_...: a concept that hides the terms it overlaps ("blood pressure", "verikoe" are no
  BLOOD), and finds nothing itself; a number in a mask stands right where it is ("v 20").
  The `lasting` concepts are never hidden.
- ASIDE: an errand or a habit (a prescription, a certificate, "ibland", "at night when") cancels
  every term in its clause like NOT_NOW, but never crisis words: "renew my prescription, also I'm
  going to kill myself" is a crisis; the explicit crisis phrases and the concepts only crisis
  rules use stay.
- NOT_NOW: the past or family history ("för 5 år sen", "years ago", "vuotta sitten", "dog av",
  "i släkten") cancels every term in its clause: "pappa hade stroke för 5 år sen" asks
  nothing, "min son har ont i bröstet nu" does. Concepts listed under `lasting` (pregnancy, a
  baby's age) stay: "plussade förra veckan, nu blöder jag" is a pregnancy that bleeds.

Each red-flag phrase section is a concept too (named by its linkId, matched as a rule of its
own), and so is the `crisis` section: the phrase lists keep working, now with negation and the
past.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from flows.catalog import words
from flows.concept_vocabulary import (
    ASIDE,
    CONCEPTS,
    CRISIS,
    CRISIS_RULES,
    DIED,
    LANGUAGES,
    LASTING,
    MASK,
    NEUTRAL,
    NOT,
    NOT_NOW,
    RULES,
    SECTIONS,
    WINDOW,
    Group,
    Rule,
    Vocabulary,
    load,
)
from flows.concept_words import AND, CHUNKS, SPOKEN, chunk_tokens, new_era_at_and_i, tokens
from flows.phrase_words import (
    ANY_NUMBER,
    NUMBER,
    Phrase,
    PhraseIndex,
    SlotIndex,
    follows,
    phrase_words,
    rest_follows,
    same_slot,
)
from flows.spacing import Spacing

__all__ = [
    "CONCEPTS",
    "CRISIS",
    "CRISIS_RULES",
    "LANGUAGES",
    "LASTING",
    "NEUTRAL",
    "RULES",
    "SECTIONS",
    "WINDOW",
    "Group",
    "Rule",
    "Vocabulary",
    "load",
]
# Read by flows.phrases (moderation's first look) under their old names.
_CHUNKS = CHUNKS
_chunk_tokens = chunk_tokens
_SPOKEN = SPOKEN

_OWN = frozenset({NOT, NOT_NOW, ASIDE, DIED})
_LANG = {lang: frozenset({lang}) for lang in (*LANGUAGES, NEUTRAL)}
_ANY_LANG = frozenset((*LANGUAGES, NEUTRAL))
_NEGATION_WINDOW = 3
NUMBERS = frozenset({NUMBER, ANY_NUMBER})
# Words that join the items of a negated list: "no X or Y", "ingen X eller Y", "ei X tai Y"
# ("eikä" is a negation of its own).
_OR = frozenset({"eller", "el", "or", "nor", "tai", "taikka", "varken"})
# A negation ends at "but": "probably nothing but my testicle hurts", "ei mitään mutta kivekseen
# sattuu".
_BUT = frozenset({"men", "but", "mutta", "mut"})
# A condition's own negation ("om ni inte hjälper mig tar jag livet av mig", "if you dont help me
# ill kill myself", "jos ette auta"): it does not deny the crisis words of the clause it leads to.
_IF = frozenset({"om", "ifall", "if", "unless", "jos", "jollei", "ellei", "mikali"})
# A message of a few words that are all terms but one ("en kestä enää", "i cant do this
# anymore", "hej, orkar inte mer"): the concept SAID_ALONE (defined empty in the vocabulary)
# stands over the whole of it, so a rule can ask for despair said with nothing it is about
# ("orkar inte mer med hostan" is about the cough).
SAID_ALONE = "SAID_ALONE"
_ALONE_WORDS = 5


# Words that say nothing a despair could be about: the writer, now, a greeting, a plea.
_ALONE_SPARE = frozenset(
    {"jag", "ja", "jg", "i", "im", "ma", "mie", "mina", "nu", "now", "nyt", "enaa", "anymore"}
    | {"hej", "hi", "hello", "hei", "moi", "hjalp", "help", "apua", "please", "snalla", "pls"}
)


def _alone(typed: Sequence[str], found: Sequence[Occurrence]) -> bool:
    """One term is the whole message but for the writer, now, a greeting or a plea."""
    longest = max(found, key=lambda o: o.end - o.start)
    return all(
        word in _ALONE_SPARE
        for at, word in enumerate(typed)
        if not longest.start <= at <= longest.end
    )


# Terms are tight (a word between at most); the phrase sections keep their old reach.
_TERM_GAP = 1
_PHRASE_GAP = 2
_CRISIS_GAP = 1


class Occurrence(NamedTuple):
    """A concept's term found in a message (a tuple: thousands are made per second)."""

    concept: str
    start: int
    end: int
    langs: frozenset[str]
    own: tuple[str, ...]  # the alternatives of the term's words
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
class Reading:
    """One message as the engine sees it: its words and the concepts found in them."""

    typed: tuple[str, ...]
    by_concept: dict[str, tuple[Occurrence, ...]]
    present: frozenset[str]
    # A death ("dog av", "died of", "kuoli") or a time in the past ("för 5 år sen") cancelled
    # terms in its clause: crisis rules read the message again (Engine.read, `grieving`).
    read_again: bool = False


class _Term(NamedTuple):
    """A term ready to match: what an occurrence of it is, and its words after the first as
    slot numbers (flows.phrase_words.SlotIndex)."""

    concept: str
    lang: str
    langs: frozenset[str]
    written: str
    gap: int
    own: tuple[str, ...]
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
        self._slots = SlotIndex()
        # Built from the loops' own strings, not the key split again: a string per term and
        # field cost 3 MB of an idle bot (issue 15).
        self._terms: dict[str, _Term] = {}
        shared: dict[tuple[Any, ...], Any] = {}
        for concept, by_language in vocabulary.terms.items():
            for lang, written in by_language.items():
                for term in written:
                    key = f"{concept}\0{lang}\0{term}"
                    if key in self._terms:
                        continue
                    phrase = table[key][lang][0]
                    # Shared, and `own` a tuple: a small set is four times a tuple's size, and
                    # the terms' sets were 6.7 MB of an idle bot (issue 15).
                    own = tuple(sorted({a for slot in phrase for a in slot}))
                    rest = tuple(self._slots.id_of(slot) for slot in phrase[1:])
                    self._terms[key] = _Term(
                        *(concept, lang, _LANG[lang], term, _gap(concept, phrase)),
                        shared.setdefault(own, own),
                        rest,
                        shared.setdefault(rest, frozenset(rest)),
                        concept == CRISIS,
                    )
        self._words: dict[str, tuple[frozenset[int], tuple[_Term, ...]]] = {}
        # Every term's words for the unindexed search (tests), built at its first use: the terms
        # outnumber phrase_words' cache, and parsing them again for each word cost seconds.
        self._plain_terms: list[tuple[str, Phrase]] | None = None
        self._masking = frozenset(c for c in vocabulary.terms if c.startswith(MASK))
        self._alone = SAID_ALONE in vocabulary.terms
        self._special = self._masking | _OWN
        self._crisis_by_need: dict[str, list[int]] = {}
        for number, rule in enumerate(vocabulary.crisis_rules):
            for name in rule.needs[0] if rule.needs else ():
                self._crisis_by_need.setdefault(name, []).append(number)
        in_flags = {
            n
            for rules in vocabulary.rules.values()
            for r in rules
            for need in r.needs
            for n in need
        }
        in_crisis = {n for r in vocabulary.crisis_rules for need in r.needs for n in need}
        # What an errand in the clause never cancels: crisis words.
        self._unaside = frozenset({CRISIS} | (in_crisis - in_flags)) | vocabulary.lasting
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
        self.spacing = Spacing(
            (a for phrases in table.values() for p in phrases.values() for s in p[0] for a in s),
            self._knows,
        )

    def _knows(self, word: str) -> bool:
        """The word is a vocabulary word, or begins a term, as typed."""
        info = self._words.get(word) or self._learn(word)
        return bool(info[0] or info[1])

    def read(self, text: str, plain: bool = False, grieving: bool = False) -> Reading:
        """The concepts in `text`; `plain` looks every term up without the index (tests).
        A death (DIED) cancels its clause like NOT_NOW ("pappa dog av hjärtinfarkt" is family
        history, no chest pain now), but not when `grieving`, as crisis words are read: "mamma
        dog i går och jag vill inte leva" is a crisis. Then also "and I" starts a new era: a
        past time before it ("för 5 år sen") no longer dates what the writer says after it."""
        typed, clause, era, denied = tokens(text)
        if grieving:
            era = new_era_at_and_i(typed, era)
        by_place = self._plain(typed, clause) if plain else self._indexed(typed, clause)
        found = list(by_place.values())
        if found and len(typed) <= _ALONE_WORDS and self._alone and _alone(typed, found):
            found.append(Occurrence(SAID_ALONE, 0, len(typed) - 1, _ANY_LANG, (), ""))
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
        # Lasting facts stay ("v 20" is no count of 20 pills, but still the 20th week).
        masking = self._masking
        masks = [(o.start, o.end) for o in found if o.concept in masking]
        if masks:
            spared = masking | self.vocabulary.lasting
            found = [
                o
                for o in found
                if o.concept in spared or not any(o.start <= e and s <= o.end for s, e in masks)
            ]
        past = {era[o.start] for o in found if o.concept == NOT_NOW}
        deaths = {era[o.start] for o in found if o.concept == DIED}
        read_again = bool(deaths - past) or (bool(past) and not AND.isdisjoint(typed))
        if deaths and not grieving:
            past |= deaths
        aside = {era[o.start] for o in found if o.concept == ASIDE}
        negators = [o for o in found if o.concept == NOT]
        absorbed = {
            p
            for o in found
            if negators and o.concept not in _OWN and not self._all_negations.isdisjoint(o.own)
            for p in range(o.start, o.end + 1)
        }
        negative = self.vocabulary.negative
        negated = {
            o
            for o in found
            if negators
            and o.concept not in _OWN
            and o.concept not in negative
            and self._negated(o, negators, absorbed, typed, clause)
        }
        if negated:
            negated |= _listed_after(negated, found, typed, clause, negative)
        kept: dict[str, list[Occurrence]] = {}
        for o in found:
            if o.concept not in _OWN:
                if denied and o.start in denied and o.end in denied:
                    continue
                if (
                    past
                    and (era[o.start] in past or era[o.end] in past)
                    and o.concept not in self.vocabulary.lasting
                ):
                    continue
                if o in negated:
                    continue
                if aside and era[o.start] in aside and o.concept not in self._unaside:
                    continue
            kept.setdefault(o.concept, []).append(o)
        return Reading(
            tuple(typed), {k: tuple(v) for k, v in kept.items()}, frozenset(kept), read_again
        )

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
        terms = self._terms
        for start, word in enumerate(typed):
            for key, phrase in self._all(word):
                found = terms[key]
                concept, lang, term, gap, own = (
                    found.concept,
                    found.lang,
                    found.written,
                    found.gap,
                    found.own,
                )
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
        if self._plain_terms is None:
            self._plain_terms = [
                (key, phrase_words(key.split("\0")[2])) for key in self.index.order
            ]
        return [(key, phrase) for key, phrase in self._plain_terms if same_slot(word, phrase[0])]

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
            before = (
                o.start - _NEGATION_WINDOW <= at < o.start
                and at not in absorbed
                and _BUT.isdisjoint(typed[at + 1 : o.start])
                and not (o.concept == CRISIS and _IF.intersection(typed[max(0, at - 2) : at]))
            )
            inside = o.start < at <= o.end and typed[at] not in o.own
            # a negation inside a term that says its own repeats it ("enkä koskaan herätä")
            if before or (inside and self._all_negations.isdisjoint(o.own)):
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


def _listed_after(
    negated: set[Occurrence],
    found: Sequence[Occurrence],
    typed: Sequence[str],
    clause: Sequence[int],
    negative: frozenset[str],
) -> set[Occurrence]:
    """What a negation also covers as the next items of a list joined by "or" ("ingen
    bröstsmärta eller andnöd", "no chest pain or shortness of breath"): each term that begins
    a few words after "eller" / "or" / "tai" that follows a negated term, in the same clause,
    and so on down the list. "men nu kan jag inte andas" is no item: "men" joins no list."""
    more: set[Occurrence] = set()
    ends = sorted({o.end for o in negated})
    while ends:
        end = ends.pop()
        joint = end + 1
        if joint >= len(typed) or typed[joint] not in _OR or clause[joint] != clause[end]:
            continue
        for o in found:
            if (
                joint < o.start <= joint + _NEGATION_WINDOW
                and clause[o.start] == clause[joint]
                and o.concept not in _OWN
                and o.concept not in negative
                and o not in negated
                and o not in more
            ):
                more.add(o)
                ends.append(o.end)
    return more


def _gap(concept: str, phrase: Phrase) -> int:
    if concept.startswith(MASK) and any(a in NUMBERS for slot in phrase for a in slot):
        return 0  # a number in a mask is where it is: "v 20" hides the 20, "v kuumetta 40" not
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


@cache
def shipped(path: Path) -> tuple[dict[str, dict[str, list[str]]], Engine]:
    phrases, vocabulary = load(path)
    return phrases, Engine(vocabulary)


@lru_cache(maxsize=256)
def reading_of(path: Path, text: str) -> Reading:
    """The shipped engine's reading, remembered: every message is asked for red flags and for
    crisis words, one after the other."""
    return shipped(path)[1].read(text)


def readings_of(path: Path, text: str, plain: bool = False) -> tuple[Reading, ...]:
    """The message as typed and, when a space slipped in or out of a danger word
    (flows/spacing.py), as mended: what either finds counts."""
    engine = shipped(path)[1]
    first = engine.read(text, plain) if plain else reading_of(path, text)
    mended = engine.spacing.mend(text)
    if mended is None:
        return (first,)
    return first, (engine.read(mended, plain) if plain else reading_of(path, mended))
