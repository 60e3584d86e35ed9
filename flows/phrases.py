"""Words that signal danger (DESIGN 8a): one vocabulary for the red-flag screen and for crisis help.

The vocabulary is `questionnaires/_phrases.yaml`. Every message is read in sv, en and fi at once,
whatever the chat language, for CONCEPTS that come together (flows/concepts.py: CHEST near PAIN,
PREGNANT with BLEEDING anywhere, a CHILD who is LIMP), with negation ("inget ont i bröstet") and
the past ("pappa hade stroke för 5 år sen") taken into account. The older phrase sections
(red-flag linkId -> language -> phrases, and `crisis`) are concepts of their own.

- `red_flag_hits(text)`: the red-flag questions to ask at once, the most specific first (the
  order of the `rules` section). A hit never decides an outcome: the bot asks that question and
  the patient's answer decides (DESIGN 5.4). Crisis words count as an `rf_suicide` hit too.
- `crisis_words(text)`: explicit crisis words (suicide, self-harm, an overdose taken, a method
  with intent, a farewell), which do not wait for an answer (crisis numbers and an urgent staff
  alert), with the language they were written in. Negated ones ("I don't want to die") and the
  past ("en vän tog en överdos för flera år sen") do not count.

How a phrase or term is written: flows/phrase_words.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flows import concepts
from flows.conditions import evaluate
from flows.model import AnswerValue, Item, Questionnaire
from flows.phrase_words import (
    NUMBER,
    Phrase,
    PhraseIndex,
    Phrases,
    phrase_words,
    prepared,
    span,
    typed_words,
    without_fillers,
)
from flows.spacing import SPELLED, Spacing

PHRASES_FILE = Path(__file__).resolve().parent / "questionnaires" / "_phrases.yaml"
CRISIS = concepts.CRISIS
"""The vocabulary's section of crisis words; every other phrase section is a red-flag linkId."""
CRISIS_FLAG = "rf_suicide"
"""The red-flag question that crisis words also bring."""


@dataclass(frozen=True, slots=True)
class CrisisHit:
    """Explicit crisis words in a message: which phrase or rule of the vocabulary, in which
    language."""

    language: str
    phrase: str  # as written in the vocabulary (a crisis phrase, or a crisis rule)
    rule_id: str  # stable: "danger.crisis.<language>.<phrase's or rule's words>"
    matched_form: str  # the typed words that matched (normalised), for the verdict


def red_flag_hits(
    text: str, phrases: Mapping[str, Mapping[str, Sequence[str]]] | None = None
) -> list[str]:
    """The red-flag linkIds `text` points at, most specific first, each once.

    `phrases` (linkId -> language -> phrases) replaces the shipped vocabulary with a plain
    phrase table, e.g. in tests."""
    if phrases is not None:
        return PhraseIndex(prepared(phrases)).hits(typed_words(text))
    return _flags(text, plain=False)


def red_flag_hits_unindexed(text: str) -> list[str]:
    """As `red_flag_hits`, every term tried at every word without the index: what the index
    must always agree with (tests)."""
    return _flags(text, plain=True)


def _flags(text: str, plain: bool) -> list[str]:
    _, engine = concepts.shipped(PHRASES_FILE)
    met: set[str] = set()
    for reading in concepts.readings_of(PHRASES_FILE, text, plain):
        met |= engine.flags(reading)
        if _crisis(engine, reading) is not None:
            met.add(CRISIS_FLAG)
    return [link_id for link_id in engine.vocabulary.rules if link_id in met]


def crisis_words(text: str) -> CrisisHit | None:
    """The first explicit crisis words in `text` (any of our languages), or None: a phrase of
    the `crisis` section first, then the crisis rules."""
    _, engine = concepts.shipped(PHRASES_FILE)
    for place, reading in enumerate(concepts.readings_of(PHRASES_FILE, text)):
        if reading.read_again:
            # Grief is no family history, and a past time does not date what follows "and I",
            # for crisis words (concepts.Engine.read): read again, as typed or as mended (the
            # second reading).
            source = text if place == 0 else engine.spacing.mend(text) or text
            reading = engine.read(source, grieving=True)
        found = _crisis(engine, reading)
        if found is not None:
            return found
    return None


def _crisis(engine: concepts.Engine, reading: concepts.Reading) -> CrisisHit | None:
    if not engine.crisis_vetoes.isdisjoint(reading.present):
        return None
    phrases = reading.by_concept.get(CRISIS, ())
    if phrases:
        o = min(phrases, key=lambda o: o.start)
        lang = sorted(o.langs)[0]
        form = " ".join(reading.typed[o.start : o.end + 1])
        return CrisisHit(lang, o.written, crisis_rule_id(lang, o.written), form)
    for rule in engine.crisis_candidates(reading.present):
        match = engine.match(reading, rule)
        if match is not None:
            lang = match.language
            return CrisisHit(lang, rule.written, f"danger.{CRISIS}.{lang}.{rule.slug}", match.form)
    return None


def crisis_rule_id(lang: str, written: str) -> str:
    """ "danger.crisis.sv.tog_alla_tablett" for "tog|tagit alla|hela *tablett*|…": the first
    alternative of each word, so adding an alternative at the end keeps the id."""
    firsts = (slot[0].strip("*").rstrip("=").replace(NUMBER, "n") for slot in phrase_words(written))
    return f"danger.{CRISIS}.{lang}." + "_".join(firsts)


def red_flags_to_ask(q: Questionnaire, text: str, answers: Mapping[str, AnswerValue]) -> list[Item]:
    """The red-flag items of `q` that `text` points at and that apply now (enabled: no
    pregnancy question for a child), the most specific first as `red_flag_hits` has them (DESIGN
    8a: the right question first; a pregnant woman who bleeds is asked about the pregnancy before
    the bleeding, whatever the questionnaire's order). Already answered ones are included: a
    patient who writes "ont i bröstet" after saying no is asked again."""
    hits = red_flag_hits(text)
    enabled, _ = evaluate(q, {k: v for k, v in answers.items() if k not in hits})
    applying = {item.link_id: item for item in enabled if item.red_flag}
    return [applying[link_id] for link_id in hits if link_id in applying]


def matching_phrases(text: str) -> dict[str, list[str]]:
    """linkId (or "crisis") -> the phrases (as written in the file) found in `text`: for logs,
    tests and the bench's list of misses."""
    typed = typed_words(text)
    found: dict[str, list[str]] = {}
    for link_id, by_language in load_vocabulary(PHRASES_FILE).items():
        for phrase in (p for phrases in by_language.values() for p in phrases):
            if _occurs(typed, phrase_words(phrase)):
                found.setdefault(link_id, []).append(phrase)
    return found


def matching_rules(text: str) -> dict[str, list[str]]:
    """linkId (or "crisis") -> the rules (as written) that `text` meets, and "concepts" -> the
    concepts found: what the bench shows beside a miss."""
    _, engine = concepts.shipped(PHRASES_FILE)
    reading = concepts.reading_of(PHRASES_FILE, text)
    found: dict[str, list[str]] = {}
    for link_id, rules in engine.vocabulary.rules.items():
        for match in engine.matches(reading, rules):
            found.setdefault(link_id, []).append(match.rule.written)
    for match in engine.matches(reading, engine.vocabulary.crisis_rules):
        found.setdefault(CRISIS, []).append(match.rule.written)
    found["concepts"] = sorted(reading.by_concept)
    return found


@cache
def shipped_phrases() -> Phrases:
    """The red-flag phrase sections as matched, crisis words part of `rf_suicide`."""
    vocabulary = load_vocabulary(PHRASES_FILE)
    table = prepared(load_phrases(PHRASES_FILE))
    crisis = prepared({CRISIS: vocabulary.get(CRISIS, {})})[CRISIS]
    if CRISIS_FLAG in table:
        merged = dict(table[CRISIS_FLAG])
        for lang, phrases in crisis.items():
            merged[lang] = merged.get(lang, ()) + phrases
        table[CRISIS_FLAG] = merged
    return table


def load_phrases(path: Path) -> dict[str, dict[str, list[str]]]:
    """The red-flag phrases as written (the crisis section left out: see load_vocabulary).
    The whole file is checked: a malformed phrase, term or rule, or a rule naming an unknown
    concept, is a FlowError naming the file and key."""
    return {k: v for k, v in load_vocabulary(path).items() if k != CRISIS}


def load_vocabulary(path: Path) -> dict[str, dict[str, list[str]]]:
    """The phrase sections as written: red-flag linkIds and `crisis`, each language -> phrases
    (the concepts and rules checked too, see flows.concepts.load)."""
    phrases, _ = concepts.load(path)
    return phrases


def _occurs(typed: Sequence[str], phrase: Phrase) -> bool:
    return span(without_fillers(typed), phrase) is not None


_CHUNK_KEYS: dict[str, tuple[frozenset[str], frozenset[int], frozenset[int]]] = {}


def may_be_crisis(text: str, chunks: Sequence[str] | None = None) -> bool:
    """False when `text` cannot hold a crisis phrase nor every concept a crisis rule needs, so
    that `crisis_words(text)` is surely None: a cheap first look for a caller that checks every
    message (moderation). True only says that `crisis_words` must look. The text with a slipped
    space mended (flows/spacing.py) is looked at too, as `crisis_words` reads it. `chunks`:
    `text.split()`, when the caller has those words already (the moderator's tokens of a
    message that is its own normal form)."""
    if chunks is None:
        chunks = text.split()
    if _QUIET.issuperset(chunks):
        return _meets_bits(0)
    looks = _LOOKS
    if len(looks) > 50_000:
        # Emptied between messages, never while one is read.
        looks.clear()
        _QUIET.clear()
        _TAILS.clear()
    whole = firsts = seconds = kinds = 0
    # The rests of the vocabulary words the chunk before may begin, and whether a chunk goes
    # on with one: mend's look at every pair of neighbours (Spacing.join_look), made here.
    rests: tuple[str, ...] | None = None
    joins = False
    get, nothing = looks.get, _NOTHING
    for chunk in chunks:
        look = get(chunk) or _look(chunk)
        if rests is not None:
            tail = _TAILS[chunk]
            if tail is not None and tail.startswith(rests):
                joins = True
        if look is nothing:
            rests = None
            continue
        # Unpacked and tested: `|` with a zero still copies a long union.
        bits, first, second, kind, rests = look
        if bits:
            whole |= bits
        if first:
            firsts |= first
        if second:
            seconds |= second
        if kind:
            kinds += kind
    if firsts & seconds:
        if _may_be(chunks, whole, firsts, seconds):
            return True
    else:
        # As _may_be, without the call, for the message with no two key words.
        meets = _MEETS_BITS.get(whole)
        if meets is None:
            meets = _meets_bits(whole)
        if meets:
            return True
    if kinds < SPELLED:
        return False  # nothing to mend: a single letter or two, or not even that
    mended = _spacing().mend(text, chunks, kinds, joins)
    if mended is None:
        return False
    chunks = mended.split()
    whole = firsts = seconds = 0
    for chunk in chunks:
        look = get(chunk) or _look(chunk)
        whole |= look[0]
        firsts |= look[1]
        seconds |= look[2]
    return _may_be(chunks, whole, firsts, seconds)


@cache
def _spacing() -> Spacing:
    """The shipped engine's (concepts.shipped hashes its path at every call)."""
    return concepts.shipped(PHRASES_FILE)[1].spacing


# What each chunk seen lately is to the first look, computed once: the concepts of the one-word
# terms it is, the terms it is the first and the second key word of (_chunk_keys), as bits
# (concepts numbered as _concept_names, terms as _bit_order), its Spacing.kind (summed) and the
# rests of the vocabulary words it may begin (Spacing.join_look). A message is then a lookup and
# some integer `|` a chunk: the sets of the key words cost an allocation, a hash a member and a
# table to clear a union (a common word is the second key word of dozens of terms), and mend's
# own looks at every chunk and every pair of neighbours came again after.
_Look = tuple[int, int, int, int, tuple[str, ...] | None]
_LOOKS: dict[str, _Look] = {}
_NOTHING: _Look = (0, 0, 0, 0, None)
# Chunks that hold no key word and that mend has nothing to do with: a message of only these
# holds no crisis words (one set test in C).
_QUIET: set[str] = set()
# Each chunk of _LOOKS as the second half of a join (Spacing.join_look): read only after a
# chunk that may begin one.
_TAILS: dict[str, str | None] = {}
# _meets by the concepts' bits.
_MEETS_BITS: dict[int, bool] = {}
# Whether a set of concepts meets every need of some crisis rule, by the set.
_MEETS: dict[frozenset[str], bool] = {}


def _may_be(chunks: Sequence[str], whole: int, firsts: int, seconds: int) -> bool:
    """Two looks. A term is there when its two most specific words are (a term of two or more
    words needs both of its key words: `firsts & seconds`); when that meets a crisis rule, a
    term of three words or more must have its other words too (a term with a word missing
    cannot be read either: "jag ... slut" is not "jag tar slut också"). The second look spares
    the full reading (some 60 µs) for the everyday messages that hold two key words of some
    term."""
    both = firsts & seconds
    if not both:
        return _meets_bits(whole)
    terms, concepts_bits = _BOTH.get(both) or _both(both)
    present = whole | concepts_bits
    meets = _MEETS_BITS.get(present)
    if meets is None:
        meets = _meets_bits(present)
    if not meets:
        return False
    concept_bit = _term_concept_bits()
    others = _other_words()[0]
    wanted = set().union(*(others[term] for term in terms))
    if not wanted:
        return True
    filled: set[int] = set()
    for chunk in set(chunks):
        words = _CHUNK_OTHERS.get(chunk)
        if words is None:
            words = _other_keys(chunk)
        if words:
            filled |= wanted.intersection(words)
    if filled == wanted:
        return True
    for term in terms:
        if others[term] <= filled:
            whole |= concept_bit[term]
    return _meets_bits(whole)


# The terms whose key words are all there, by their bits (`firsts & seconds`: the same few
# pairs of everyday words come again and again), with their concepts' bits.
_BOTH: dict[int, tuple[tuple[int, ...], int]] = {}


def _both(both: int) -> tuple[tuple[int, ...], int]:
    """The terms of the bits `both` (_bit_order) and the bits of their concepts, remembered."""
    term_at = _bit_order()[1]
    terms = tuple(term_at[bit] for bit in _numbers(both))
    concept_bit = _term_concept_bits()
    present = 0
    for term in terms:
        present |= concept_bit[term]
    if len(_BOTH) > 10_000:
        _BOTH.clear()
    found = _BOTH[both] = (terms, present)
    return found


def _meets_bits(present: int) -> bool:
    """_meets of the concepts whose bits are set in `present`, remembered."""
    meets = _MEETS_BITS.get(present)
    if meets is None:
        if len(_MEETS_BITS) > 10_000:
            _MEETS_BITS.clear()
        names = _concept_names()
        meets = _MEETS_BITS[present] = _meets({names[n] for n in _numbers(present)})
    return meets


def _numbers(bits: int) -> list[int]:
    """The numbers whose bits are set in `bits`, lowest first."""
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return found


@cache
def _concept_names() -> tuple[str, ...]:
    """The concepts of _terms, numbered for _LOOKS."""
    return tuple(sorted({concept for concept, _, _ in _terms()}))


@cache
def _concept_numbers() -> dict[str, int]:
    return {name: place for place, name in enumerate(_concept_names())}


@cache
def _term_concept_bits() -> tuple[int, ...]:
    """Each term's concept (by the term's number in _key_words) as its bit."""
    number = _concept_numbers()
    return tuple(1 << number[name] for name in _key_words()[1])


@cache
def _bit_order() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Each term's bit in _LOOKS (by the term's number in _key_words), and the term at each
    bit. A union costs as many steps as its highest bit: the terms whose second key word is
    short (a common word: "jag", "me", "on", the key word of a chunk in most messages) come
    first, so that the bits of an everyday message stay low."""
    terms = _terms()
    second = [_ranked(slots)[1:2] for _, _, slots in terms]
    shortest = [
        min(len(a.strip("*=")) for a in terms[term][2][place[0]]) if place else 99
        for term, place in enumerate(second)
    ]
    sharing = Counter(tuple(terms[term][2][place[0]]) for term, place in enumerate(second) if place)
    term_at = tuple(
        sorted(
            range(len(terms)),
            key=lambda term: (
                shortest[term],
                -sharing[tuple(terms[term][2][second[term][0]])] if second[term] else 0,
                term,
            ),
        )
    )
    bit_of = [0] * len(terms)
    for bit, term in enumerate(term_at):
        bit_of[term] = bit
    return tuple(bit_of), term_at


def _look(chunk: str) -> _Look:
    """What `chunk` is to the first look (_LOOKS), remembered."""
    whole, first, second = _CHUNK_KEYS.get(chunk) or _chunk_keys(chunk)
    spacing = _spacing()
    kind = spacing.kind(chunk)
    rests, _TAILS[chunk] = spacing.join_look(chunk)
    look: _Look
    if not whole and not first and not second and not kind:
        look = _NOTHING  # and no rests: a chunk that may begin a join is no Spacing.INERT
        _QUIET.add(chunk)
    else:
        number = _concept_numbers()
        bit = _bit_order()[0]
        look = (
            sum(1 << number[name] for name in whole),
            sum(1 << bit[term] for term in first),
            sum(1 << bit[term] for term in second),
            kind,
            rests,
        )
    _LOOKS[chunk] = look
    return look


def _meets(present: set[str]) -> bool:
    """Whether the concepts `present` hold a crisis phrase or meet every need of some crisis
    rule (remembered by the set). A concept that no term names (the engine finds it itself:
    SAID_ALONE over a short message) is counted as there: words cannot rule it out."""
    termless = _termless()
    if termless:
        present = present | termless
    if not present:
        return False
    if CRISIS in present:
        return True
    concepts_present = frozenset(present)
    meets = _MEETS.get(concepts_present)
    if meets is None:
        by_first = _crisis_needs()
        meets = any(
            all(not need.isdisjoint(present) for need in needs)
            for name in present
            for needs in by_first.get(name, ())
        )
        if len(_MEETS) > 10_000:
            _MEETS.clear()
        _MEETS[concepts_present] = meets
    return meets


@cache
def _termless() -> frozenset[str]:
    """The concepts crisis rules need that have no term in any language."""
    _, engine = concepts.shipped(PHRASES_FILE)
    terms = engine.vocabulary.terms
    needed = {
        name for rule in engine.vocabulary.crisis_rules for need in rule.needs for name in need
    }
    return frozenset(name for name in needed if not any(terms.get(name, {}).values()))


@cache
def _crisis_needs() -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    """Each crisis rule's needs (every one must be present), under each concept of its first."""
    _, engine = concepts.shipped(PHRASES_FILE)
    found: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for rule in engine.vocabulary.crisis_rules:
        for name in rule.needs[0] if rule.needs else ():
            found.setdefault(name, []).append(rule.needs)
    return {name: tuple(needs) for name, needs in found.items()}


def _chunk_keys(chunk: str) -> tuple[frozenset[str], frozenset[int], frozenset[int]]:
    """What a space-separated chunk (read as the engine reads words, with and without the
    spoken-form mapping) holds: the concepts of the one-word terms it is, and the terms of
    longer ones whose first and second key word it is; remembered."""
    index, concept_of, single = _key_words()
    if len(_CHUNK_KEYS) > 50_000:
        _CHUNK_KEYS.clear()
    tokens = concepts._CHUNKS.get(chunk) or concepts._chunk_tokens(chunk)
    keys = {
        int(key)
        for token in tokens
        for word in {token, concepts._SPOKEN.get(token, token)}
        for key, _ in index.candidates(word)
    }
    whole = frozenset(concept_of[key >> 1] for key in keys if single[key >> 1])
    first = frozenset(key >> 1 for key in keys if not single[key >> 1] and not key & 1)
    second = frozenset(key >> 1 for key in keys if not single[key >> 1] and key & 1)
    found = _CHUNK_KEYS[chunk] = (whole, first, second)
    return found


# What the words of a chunk are to the terms of three words or more (_other_words).
_CHUNK_OTHERS: dict[str, frozenset[int]] = {}
# Words a term may have, for the numbering of _other_words.
_SLOTS = 64


def _other_keys(chunk: str) -> frozenset[int]:
    """The words other than the two key words (term number × _SLOTS + place in the term)
    that a word of `chunk` may be, read as _chunk_keys reads it; remembered."""
    index = _other_words()[1]
    if len(_CHUNK_OTHERS) > 50_000:
        _CHUNK_OTHERS.clear()
    tokens = concepts._CHUNKS.get(chunk) or concepts._chunk_tokens(chunk)
    found = _CHUNK_OTHERS[chunk] = frozenset(
        int(key)
        for token in tokens
        for word in {token, concepts._SPOKEN.get(token, token)}
        for key, _ in index.candidates(word)
    )
    return found


@cache
def _other_words() -> tuple[tuple[frozenset[int], ...], PhraseIndex]:
    """Each term of _key_words (by its number there) as the keys of its words other than its
    two key words, and an index that finds which of those a typed word may be (each as a
    one-word phrase)."""
    table: dict[str, dict[str, tuple[Phrase, ...]]] = {}
    others: list[frozenset[int]] = []
    for number, (_, lang, slots) in enumerate(_terms()):
        if len(slots) > _SLOTS:
            raise ValueError(f"a crisis term of more than {_SLOTS} words: {slots}")
        keys = []
        for place in _ranked(slots)[2:]:
            key = number * _SLOTS + place
            keys.append(key)
            table[str(key)] = {lang: ((slots[place],),)}
        others.append(frozenset(keys))
    return tuple(others), PhraseIndex(table)


def _ranked(slots: Phrase) -> list[int]:
    """The places of a term's words, the most specific first: the longest shortest
    alternative ("livet" and "ta" in "ta livet av mig"), in the term's order on a tie."""
    return sorted(
        range(len(slots)),
        key=lambda place: min(len(a.strip("*=")) for a in slots[place]),
        reverse=True,
    )


@cache
def _terms() -> tuple[tuple[str, str, Phrase], ...]:
    """The terms of the concepts a crisis phrase or rule can need, as (concept, language,
    words), numbered by their place here."""
    _, engine = concepts.shipped(PHRASES_FILE)
    # Only concepts a crisis phrase or rule can need: the rest can never make it say yes.
    rules = engine.vocabulary.crisis_rules
    needed = {CRISIS, *(name for rule in rules for need in rule.needs for name in need)}
    return tuple(
        (concept, lang, slots)
        for concept, by_language in engine.vocabulary.terms.items()
        if concept in needed
        for lang, written in by_language.items()
        for term in written
        if (slots := phrase_words(term))
    )


@cache
def _key_words() -> tuple[PhraseIndex, tuple[str, ...], tuple[bool, ...]]:
    """Every term of a concept that crisis words need, by its two most specific words (the
    slots whose shortest alternative is longest: "livet" and "ta" in "ta livet av mig"), each
    as a one-word phrase; and each term's concept, and whether it has one word only."""
    table: dict[str, dict[str, tuple[Phrase, ...]]] = {}
    concept_of: list[str] = []
    single: list[bool] = []
    for number, (concept, lang, slots) in enumerate(_terms()):
        concept_of.append(concept)
        single.append(len(slots) == 1)
        for which, place in enumerate(_ranked(slots)[:2]):
            table[str(number * 2 + which)] = {lang: ((slots[place],),)}
    return PhraseIndex(table), tuple(concept_of), tuple(single)
