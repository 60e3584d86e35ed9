"""Words that signal danger (DESIGN 8a): one vocabulary for the red-flag screen and for crisis help.

The vocabulary is `questionnaires/_phrases.yaml`: red-flag linkId -> language -> phrases, and a
`crisis` section (language -> phrases) for explicit words about suicide, self-harm or an
overdose. Every message is scanned in sv, en and fi at once, whatever the chat language.

- `red_flag_hits(text)`: the red-flag questions to ask at once. A hit never decides an outcome:
  the bot asks that question and the patient's answer decides (DESIGN 5.4), so a phrase may be
  broad and a negation ("inte ont i bröstet") still asks, which is safe. Crisis words count as
  an `rf_suicide` hit too.
- `crisis_words(text)`: explicit crisis words, which do not wait for an answer (crisis numbers
  and an urgent staff alert), with the language they were written in. Negated ones ("I don't want
  to die") do not count; the phrases themselves are first person, so "min pappa tog livet av sig"
  is not a crisis.

How a phrase is written: words in order, at most two other words between them. Text and phrases
are compared casefolded, without diacritics or apostrophes ("can't" is "cant", "bröstet" is
"brostet"). A word of the phrase may be:

- `word`: that word, or it with an ending of up to three letters ("bröstet" for "bröst", from
  four letters), or with one typo (from seven letters);
- `stem*`: any word that starts with the stem ("rinta*" for rintakipu, rintaan);
- `*part*` / `*part`: any word holding the part (Swedish and Finnish compounds:
  "*tablett*" for sömntabletterna, "*lääk*" for unilääkkeet), `*part` only at the end (an
  ending of up to three letters allowed);
- alternatives with `|`: "rinta*|rinna*" (Finnish changes the stem as it inflects);
- `#`: a number ("swallowed 40 pills").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from flows.catalog import words
from flows.conditions import evaluate
from flows.loader import FlowError, read_yaml
from flows.matching import within_one_edit
from flows.model import AnswerValue, Item, Questionnaire

PHRASES_FILE = Path(__file__).resolve().parent / "questionnaires" / "_phrases.yaml"
CRISIS = "crisis"
"""The vocabulary's section of crisis words; every other top-level key is a red-flag linkId."""
CRISIS_FLAG = "rf_suicide"
"""The red-flag question that crisis words also bring."""

_MAX_ENDING = 3
_MIN_STEM = 4
_MIN_TYPO = 7
_MIN_PART = 3
_MAX_GAP = 2
# Words before a crisis phrase that can turn it around ("I don't want to die").
_NEGATION_WINDOW = 3
_NEGATIONS = {
    "sv": frozenset({"inte", "ej", "aldrig", "inga", "ingen", "inget", "int", "nte"}),
    "en": frozenset({"not", "dont", "never", "no", "didnt", "wont", "isnt", "havent", "nt"}),
    "fi": frozenset({"en", "ei", "et", "emme", "ette", "eivat", "ala", "koskaan"}),
}
_APOSTROPHES = str.maketrans("", "", "'’`´")
_NUMBER = "#"
# "took 2 paracetamol" is a dose; "took 40" is not.
_MIN_COUNT = 10
_MEMO_WORDS = 50_000
# Crisis words come closer together than red-flag words: they alert at once.
_CRISIS_GAP = 1
# Filler words people type between the words that matter ("jag vill asså typ bara dö").
_FILLERS = frozenset(
    {"assa", "alltsa", "typ", "liksom", "ba", "bara", "ju", "nog", "fan", "javla", "asa"}
    | {"like", "just", "really", "literally", "fucking", "honestly", "actually", "kinda", "so"}
    | {"niinku", "vaan", "vaa", "vitun", "ihan", "nyt", "kyl", "kylla", "tosi", "siis"}
)

Slot = tuple[str, ...]
"""One word of a phrase: its alternatives, normalised ("rinta*", "rinna*")."""
Phrase = tuple[Slot, ...]
Phrases = dict[str, dict[str, tuple[Phrase, ...]]]
"""linkId -> language -> phrases, each as its words."""


@dataclass(frozen=True, slots=True)
class CrisisHit:
    """Explicit crisis words in a message: which phrase of the vocabulary, in which language."""

    language: str
    phrase: str  # as written in the vocabulary
    rule_id: str  # stable: "danger.crisis.<language>.<phrase's words>"
    matched_form: str  # the typed words the phrase matched (normalised), for the verdict


def red_flag_hits(
    text: str, phrases: Mapping[str, Mapping[str, Sequence[str]]] | None = None
) -> list[str]:
    """The red-flag linkIds whose phrases occur in `text`, in the table's order, each once.

    `phrases` (linkId -> language -> phrases) replaces the shipped table, e.g. in tests.
    """
    index = _shipped_index() if phrases is None else _Index(_prepared(phrases))
    return index.hits(_typed(text))


def crisis_words(text: str) -> CrisisHit | None:
    """The first explicit crisis phrase in `text` (any of our languages), or None."""
    typed = _without_fillers(_typed(text))
    index = _crisis_index()
    for start, word in enumerate(typed):
        for key, phrase in index.candidates(word):
            last = _rest_follows(typed, start, phrase, _CRISIS_GAP)
            lang, written = key.split("\0", 1)
            if last is None or _negated(typed, (start, last), phrase, lang):
                continue
            form = " ".join(typed[start : last + 1])
            return CrisisHit(lang, written, crisis_rule_id(lang, written), form)
    return None


def crisis_rule_id(lang: str, written: str) -> str:
    """ "danger.crisis.sv.tog_alla_tablett" for "tog|tagit alla|hela *tablett*|…": the first
    alternative of each word, so adding an alternative at the end keeps the id."""
    firsts = (slot[0].strip("*").replace(_NUMBER, "n") for slot in _phrase_words(written))
    return f"danger.{CRISIS}.{lang}." + "_".join(firsts)


def red_flags_to_ask(q: Questionnaire, text: str, answers: Mapping[str, AnswerValue]) -> list[Item]:
    """The red-flag items of `q` that `text` points at and that apply now (enabled: no
    pregnancy question for a child), in the questionnaire's order. Already answered ones are
    included: a patient who writes "ont i bröstet" after saying no is asked again."""
    hits = set(red_flag_hits(text))
    enabled, _ = evaluate(q, {k: v for k, v in answers.items() if k not in hits})
    return [item for item in enabled if item.red_flag and item.link_id in hits]


def matching_phrases(text: str) -> dict[str, list[str]]:
    """linkId (or "crisis") -> the phrases (as written in the file) found in `text`: for logs,
    tests and the bench's list of misses."""
    typed = _typed(text)
    found: dict[str, list[str]] = {}
    vocabulary = load_vocabulary(PHRASES_FILE)
    for link_id, by_language in vocabulary.items():
        for phrase in (p for phrases in by_language.values() for p in phrases):
            if _occurs(typed, _phrase_words(phrase)):
                found.setdefault(link_id, []).append(phrase)
    return found


@cache
def shipped_phrases() -> Phrases:
    """The red-flag table as matched: crisis words are part of `rf_suicide`."""
    vocabulary = load_vocabulary(PHRASES_FILE)
    table = _prepared(load_phrases(PHRASES_FILE))
    crisis = _prepared({CRISIS: vocabulary.get(CRISIS, {})})[CRISIS]
    if CRISIS_FLAG in table:
        merged = dict(table[CRISIS_FLAG])
        for lang, phrases in crisis.items():
            merged[lang] = merged.get(lang, ()) + phrases
        table[CRISIS_FLAG] = merged
    return table


@cache
def _shipped_crisis() -> tuple[tuple[str, str, Phrase], ...]:
    crisis = load_vocabulary(PHRASES_FILE).get(CRISIS, {})
    return tuple(
        (lang, written, _phrase_words(written))
        for lang, phrases in crisis.items()
        for written in phrases
    )


@cache
def _shipped_index() -> _Index:
    return _Index(shipped_phrases())


@cache
def _crisis_index() -> _Index:
    """The crisis phrases indexed like the red flags, each under "language\0phrase"."""
    return _Index(
        {f"{lang}\0{written}": {lang: (phrase,)} for lang, written, phrase in _shipped_crisis()}
    )


def _typed(text: str) -> list[str]:
    return words(text.translate(_APOSTROPHES))


def _without_fillers(typed: Sequence[str]) -> list[str]:
    return [word for word in typed if word not in _FILLERS]


class _Index:
    """Phrases by their first word, so a long message costs a few lookups per word."""

    def __init__(self, table: Phrases) -> None:
        self.order = list(table)
        # Each phrase once under every key its first word can be found by.
        self.exact: dict[str, list[tuple[str, Phrase]]] = {}
        self.stems: dict[str, list[tuple[str, Phrase]]] = {}
        self.long_by_length: dict[int, set[str]] = {}
        self.anywhere: list[tuple[str, Phrase]] = []
        self._seen: dict[str, tuple[tuple[str, Phrase], ...]] = {}
        for link_id, by_language in table.items():
            for phrase in (p for ps in by_language.values() for p in ps if p):
                self._add(link_id, phrase)

    def _add(self, link_id: str, phrase: Phrase) -> None:
        entry = (link_id, phrase)
        for alternative in phrase[0]:
            if alternative.startswith("*") or alternative == _NUMBER:
                self.anywhere.append(entry)
            elif alternative.endswith("*"):
                self.stems.setdefault(alternative[:-1], []).append(entry)
            else:
                self.exact.setdefault(alternative, []).append(entry)
                if len(alternative) >= _MIN_STEM:
                    self.stems.setdefault(alternative, []).append(entry)
                if len(alternative) >= _MIN_TYPO:
                    self.long_by_length.setdefault(len(alternative), set()).add(alternative)

    def candidates(self, word: str) -> tuple[tuple[str, Phrase], ...]:
        """The phrases whose first word `word` is, in the table's order; remembered, since
        patients use the same few thousand words."""
        known = self._seen.get(word)
        if known is None:
            if len(self._seen) > _MEMO_WORDS:
                self._seen.clear()
            found = dict.fromkeys(e for e in self._maybe(word) if _same_slot(word, e[1][0]))
            known = self._seen[word] = tuple(found)
        return known

    def _maybe(self, word: str) -> Iterable[tuple[str, Phrase]]:
        """Phrases whose first word `word` may be (a superset)."""
        yield from self.exact.get(word, ())
        for cut in range(1, len(word) + 1):
            yield from self.stems.get(word[:cut], ())
        for length in (len(word) - 1, len(word), len(word) + 1):
            for key in self.long_by_length.get(length, ()):
                if within_one_edit(word, key):
                    yield from self.exact[key]
        yield from self.anywhere

    def hits(self, typed: Sequence[str]) -> list[str]:
        found: set[str] = set()
        typed = _without_fillers(typed)
        for start, word in enumerate(typed):
            for link_id, phrase in self.candidates(word):
                if link_id not in found and _rest_follows(typed, start, phrase) is not None:
                    found.add(link_id)
        return [link_id for link_id in self.order if link_id in found]


def _prepared(table: Mapping[str, Mapping[str, Sequence[str]]]) -> Phrases:
    return {
        link_id: {lang: tuple(_phrase_words(p) for p in ps) for lang, ps in by_language.items()}
        for link_id, by_language in table.items()
    }


def load_phrases(path: Path) -> dict[str, dict[str, list[str]]]:
    """The red-flag phrases as written (the crisis section left out: see load_vocabulary);
    a malformed file is a FlowError naming the file and key."""
    return {k: v for k, v in load_vocabulary(path).items() if k != CRISIS}


def load_vocabulary(path: Path) -> dict[str, dict[str, list[str]]]:
    """The whole vocabulary as written: red-flag linkIds and `crisis`, each language -> phrases."""
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
            for phrase in phrases:
                problem = _phrase_problem(phrase)
                if problem:
                    raise FlowError(source, key, f"phrase {phrase!r} {problem}")
            table[link_id][lang] = list(phrases)
    return table


def _phrase_problem(phrase: str) -> str:
    prepared = _phrase_words(phrase)
    if not prepared:
        return "has no words"
    for slot in prepared:
        for alternative in slot:
            core = alternative.strip("*")
            if alternative != _NUMBER and not core:
                return "has an empty word"
            if "*" in alternative and len(core) < _MIN_PART:
                return f"has a part {alternative!r} shorter than {_MIN_PART} letters"
    fillers = sorted({a for slot in prepared for a in slot} & _FILLERS)
    if fillers:
        return f"has the filler word {fillers[0]!r}, which is never matched"
    return ""


_WILD = re.compile(r"[*#]")


@lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> Phrase:
    """ "rinta*|rinna* kipu*" -> (("rinta*", "rinna*"), ("kipu*",)), normalised like the text."""
    slots: list[Slot] = []
    for raw in phrase.translate(_APOSTROPHES).split():
        alternatives: list[str] = []
        for part in raw.split("|"):
            if part == _NUMBER:
                alternatives.append(_NUMBER)
                continue
            lead, trail = part.startswith("*"), part.endswith("*") and len(part) > 1
            # A word with a hyphen or other inner punctuation becomes its words, in order.
            inner = words(_WILD.sub("", part))
            if not inner:
                continue
            if len(inner) > 1 and "|" not in raw and not (lead or trail):
                slots.extend((w,) for w in inner)
                break
            word = "".join(inner)
            alternatives.append(("*" if lead else "") + word + ("*" if trail else ""))
        if alternatives:
            slots.append(tuple(dict.fromkeys(alternatives)))
    return tuple(slots)


def _occurs(typed: Sequence[str], phrase: Phrase) -> bool:
    return _span(_without_fillers(typed), phrase) is not None


def _span(typed: Sequence[str], phrase: Phrase, gap: int = _MAX_GAP) -> tuple[int, int] | None:
    """Where `phrase` first occurs in `typed`: the indexes of its first and last words."""
    for start, word in enumerate(typed):
        if _same_slot(word, phrase[0]):
            last = _rest_follows(typed, start, phrase, gap)
            if last is not None:
                return start, last
    return None


def _rest_follows(
    typed: Sequence[str], start: int, phrase: Phrase, gap: int = _MAX_GAP
) -> int | None:
    """The index of the last word if phrase[1:] follows typed[start] in order, at most `gap`
    words apart; None if it does not."""
    position = start
    for wanted in phrase[1:]:
        window = typed[position + 1 : position + 2 + gap]
        offset = next((i for i, w in enumerate(window) if _same_slot(w, wanted)), None)
        if offset is None:
            return None
        position += offset + 1
    return position


def _negated(typed: Sequence[str], span: tuple[int, int], phrase: Phrase, lang: str) -> bool:
    """A negation in the phrase's language before it or inside it, that the phrase itself does
    not hold ("jag vill inte dö" is no "vill dö"; "vill inte leva" says it itself)."""
    negations = _NEGATIONS.get(lang, frozenset())
    own = {a for slot in phrase for a in slot} & negations
    first, last = span
    around = typed[max(0, first - _NEGATION_WINDOW) : last + 1]
    return any(word in negations and word not in own for word in around)


def _same_slot(typed: str, slot: Slot) -> bool:
    return any(_same_word(typed, wanted) for wanted in slot)


@lru_cache(maxsize=65536)
def _same_word(typed: str, wanted: str) -> bool:
    if typed == wanted:
        return True
    if wanted == _NUMBER:
        return typed.isdecimal() and int(typed) >= _MIN_COUNT
    if wanted.startswith("*"):
        part = wanted.strip("*")
        if wanted.endswith("*") and len(wanted) > 1:
            return part in typed
        at = typed.rfind(part)
        return at >= 0 and len(typed) - at - len(part) <= _MAX_ENDING
    if wanted.endswith("*"):
        return typed.startswith(wanted[:-1])
    if (
        len(wanted) >= _MIN_STEM
        and typed.startswith(wanted)
        and len(typed) - len(wanted) <= _MAX_ENDING
    ):
        return True
    return len(wanted) >= _MIN_TYPO and within_one_edit(typed, wanted)
