"""The danger vocabulary file read and checked (flows/concepts.py has the format): concepts, rules
and the concepts the past does not cancel, compiled into a Vocabulary; any problem is a FlowError
naming the file and key."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.loader import FlowError, read_yaml
from flows.phrase_words import phrase_problem

CONCEPTS = "concepts"
RULES = "rules"
CRISIS_RULES = "crisis_rules"
CRISIS = "crisis"
NOT = "NOT"
NOT_NOW = "NOT_NOW"
ASIDE = "ASIDE"
DIED = "DIED"
MASK = "MASK_"
LASTING = "lasting"
NEGATIVE = "negative"
SECTIONS = (CONCEPTS, RULES, CRISIS_RULES, LASTING, NEGATIVE)
"""Top-level keys that are no phrase section."""
NEUTRAL = "any"
LANGUAGES = ("sv", "en", "fi")
WINDOW = 6
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


@dataclass(frozen=True)
class Vocabulary:
    """The danger vocabulary, ready to match."""

    terms: dict[str, dict[str, tuple[str, ...]]]  # concept -> language -> terms as written
    rules: dict[str, tuple[Rule, ...]]  # red-flag linkId -> rules, most specific flag first
    crisis_rules: tuple[Rule, ...]
    lasting: frozenset[str] = frozenset()
    """Concepts the past does not cancel: "plussade förra veckan" is pregnant now; nor does a
    MASK_ concept hide them ("v 20" hides the 20 as a count of pills, not the pregnancy)."""
    negative: frozenset[str] = frozenset()
    """Concepts whose words already say the negation, often apart from them ("ei mua enää
    kiinnosta elää"): NOT does not cancel them."""

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
    for needed in (NOT, NOT_NOW, ASIDE, DIED):
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
    lasting = _names(source, LASTING, data.get(LASTING), known)
    negative = _names(source, NEGATIVE, data.get(NEGATIVE), known)
    return phrases, Vocabulary(terms, rules, crisis_rules, lasting, negative)


def _names(source: str, key: str, written: object, known: set[str]) -> frozenset[str]:
    """A top-level list of concept names (`lasting`, `negative`), each one defined."""
    written = written or []
    if not isinstance(written, list) or not all(isinstance(n, str) for n in written):
        raise FlowError(source, key, "must be a list of concept names")
    for number, name in enumerate(written):
        if name not in known:
            raise FlowError(source, f"{key}[{number}]", f"unknown concept {name!r}")
    return frozenset(written)


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
        found.append(Rule.of(own, (Group((frozenset({own}),), WINDOW, False),)))
    for number, text in enumerate(written):
        where = f"{key}[{number}]"
        groups: list[Group] = []
        for part in _RULE_SPLIT.split(text.strip()):
            absent = part.startswith("!")
            part = part.lstrip("!").strip()
            window = WINDOW
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
