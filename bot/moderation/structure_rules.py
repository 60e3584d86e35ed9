"""The structure rules as written in `lexicon/structures.yaml`, read and checked: word classes,
rules and what a rule found (bot/moderation/structures.py matches them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from sys import intern
from typing import Any, NamedTuple

from bot.moderation.normalisation import normalise

STRUCTURES_FILE = "structures.yaml"
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})


class StructureError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class WordClass:
    name: str
    words: frozenset[str]
    # Phrases by their first word: the words that must follow it.
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]
    stems: frozenset[str]
    suffixes: tuple[str, ...]
    # With heads, a compound counts only when its head starts with a stem of this class.
    heads: str | None
    # A class of one language's words ("idiot" is English and Swedish, not Finnish) is read
    # only in that language's chats, or when the chat's language is unknown.
    language: str | None = None


@dataclass(frozen=True, slots=True)
class StructureRule:
    id: str
    category: str
    severity: int
    # One tuple per slot, the classes any of which fills it ("refusal|contempt").
    slots: tuple[tuple[str, ...], ...]
    window: int
    # The slots in the order written ("a picture of you", not "you ... on the video").
    ordered: bool
    unless: tuple[str, ...]
    owned: bool
    aim: bool
    spelled: str | None
    # All the words in one clause: "dead nurse walking", not "my mum is dead, nurse".
    clause: bool = False
    # The last word found starts within this many words of the message's end: a bare "or else"
    # ends the message ("give me my pills or else"); "or else I'll forget" goes on. 0: anywhere.
    tail: int = 0


class StructureHit(NamedTuple):
    """A rule a message breaks. A named tuple: a frozen dataclass of seven fields took three
    times as long to make, and one is made for a message in four."""

    rule: StructureRule
    category: str
    severity: int
    form: str
    explanation: str
    # The token span the rule matched, for the reported-speech test.
    first: int = 0
    last: int = 0


def _spellings(word: str) -> tuple[str, ...]:
    # A short word folded is often another word ("sä" and "sa", "vår" and "var").
    if len(word) <= 3:
        return (word,)
    folded = word.translate(_FOLD)
    return (word,) if folded == word else (word, folded)


def _strings(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise StructureError(f"{STRUCTURES_FILE}: {where}: must be a list of strings")
    return tuple(raw)


def _word_class(name: str, raw: Any) -> WordClass:
    if not isinstance(raw, dict):
        raise StructureError(f"{STRUCTURES_FILE}: classes.{name}: must be a mapping")
    unknown = set(raw) - {"words", "stems", "suffixes", "heads", "language"}
    if unknown:
        raise StructureError(f"{STRUCTURES_FILE}: classes.{name}: unknown fields {sorted(unknown)}")
    words: set[str] = set()
    phrases: dict[str, set[tuple[str, ...]]] = {}
    for written in _strings(raw.get("words"), f"classes.{name}.words"):
        for form in _spellings(normalise(written)):
            if not form:
                continue
            # Interned: the classes share most of their words ("du", "you", "sun"), and one
            # string each instead of one per class and spelling saves megabytes (issue 15).
            first, *rest = (intern(part) for part in form.split(" "))
            if rest:
                phrases.setdefault(first, set()).add(tuple(rest))
            else:
                words.add(first)
    stems = {
        intern(form)
        for written in _strings(raw.get("stems"), f"classes.{name}.stems")
        for form in _spellings(normalise(written))
    }
    if any(len(stem) < 3 or " " in stem for stem in stems):
        raise StructureError(f"{STRUCTURES_FILE}: classes.{name}: a stem is one word of 3+ letters")
    suffixes = tuple(
        sorted(
            {
                form
                for written in _strings(raw.get("suffixes"), f"classes.{name}.suffixes")
                for form in _spellings(normalise(written))
            }
        )
    )
    heads = raw.get("heads")
    if heads is not None and not isinstance(heads, str):
        raise StructureError(f"{STRUCTURES_FILE}: classes.{name}.heads: must be a class name")
    language = raw.get("language")
    if language is not None and not isinstance(language, str):
        raise StructureError(f"{STRUCTURES_FILE}: classes.{name}.language: must be a code")
    return WordClass(
        name,
        frozenset(words),
        {first: tuple(sorted(rests)) for first, rests in phrases.items()},
        frozenset(stems),
        suffixes,
        heads,
        language,
    )


def _rule(raw: Any, classes: Mapping[str, WordClass]) -> StructureRule:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise StructureError(f"{STRUCTURES_FILE}: rules: each rule is a mapping with an id")
    where = f"{STRUCTURES_FILE}: {raw['id']}"
    unknown = set(raw) - {
        "id",
        "category",
        "severity",
        "all",
        "window",
        "unless",
        "owned",
        "ordered",
        "aim",
        "spelled",
        "clause",
        "tail",
    }
    if unknown:
        raise StructureError(f"{where}: unknown fields {sorted(unknown)}")
    slots = tuple(tuple(slot.split("|")) for slot in _strings(raw.get("all"), f"{raw['id']}.all"))
    unless = _strings(raw.get("unless"), f"{raw['id']}.unless")
    spelled = raw.get("spelled")
    named = [name for slot in slots for name in slot] + list(unless)
    if spelled is not None:
        named.append(str(spelled))
    missing = sorted({name for name in named if name not in classes})
    if missing:
        raise StructureError(f"{where}: unknown classes {missing}")
    if not slots and spelled is None:
        raise StructureError(f"{where}: needs `all` or `spelled`")
    severity = raw.get("severity", 2)
    window = raw.get("window", 0)
    if not isinstance(severity, int) or not 1 <= severity <= 3:
        raise StructureError(f"{where}: severity must be 1, 2 or 3")
    if not isinstance(window, int) or window < 0:
        raise StructureError(f"{where}: window must be a whole number")
    tail = raw.get("tail", 0)
    if not isinstance(tail, int) or tail < 0:
        raise StructureError(f"{where}: tail must be a whole number")
    return StructureRule(
        id=raw["id"],
        category=str(raw.get("category")),
        severity=severity,
        slots=slots,
        window=window,
        ordered=bool(raw.get("ordered", False)),
        unless=unless,
        owned=bool(raw.get("owned", False)),
        aim=bool(raw.get("aim", False)),
        spelled=None if spelled is None else str(spelled),
        clause=bool(raw.get("clause", False)),
        tail=tail,
    )
