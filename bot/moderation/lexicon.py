"""The lexicon: entries per language, the medical allowlist, and the loader for their YAML files.

Loading never stops at the first bad entry: it collects problems as "file: entry id: problem", so
`minvard check` can list them all. Only the example runs live elsewhere (checks.py), because they
need a built matcher.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.moderation.normalisation import normalise
from bot.moderation.structure_rules import STRUCTURES_FILE, StructureError
from bot.moderation.structures import Structures
from flows.phrases import PHRASES_FILE

CATEGORIES = (
    "profanity",
    "insult",
    "discrimination",
    "sexual_harassment",
    "threat",
    "self_harm",
)
MODES = ("word", "prefix", "suffix", "compound", "phrase", "near")
ALLOW_MODES = ("word", "prefix", "phrase")
ALLOWLIST_FILE = "medical_allow.yaml"
COMMON = "common"
DEFAULT_DIRECTORY = Path(__file__).parent / "lexicon"
# A template with many slots multiplies; past this it is a mistake, not a lexicon entry.
MAX_EXPANSIONS = 5000
# The C loader reads the lexicon ten times faster; it is the same safe subset of YAML.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SLOT = re.compile(r"\{(\w+)(\??)\}")
# A near pattern's parts: " ~ " in any order, " .. " in the order written.
NEAR_ANY = " ~ "
NEAR_ORDERED = " .. "


class LexiconError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    pattern: str
    mode: str
    category: str
    severity: int
    language: str
    source: str
    # The normalised forms, one a line: slot expansion makes 120,000 of them, and as strings
    # of their own they cost some 10 MB resident for what is read only at a start (the
    # matcher's tables, the cache) and by `minvard check`. A form holds no line break.
    form_lines: str
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    # An insult that names its target by itself ("kys", "stfu") needs no second-person word.
    aimed: bool = False
    # A slur that hurts only when said to someone ("din mongo", "are you retarded"): it goes
    # through the aiming rule like an insult but keeps its own category; alone it is profanity.
    needs_aim: bool = False
    # A near entry's parts (each a set of normalised phrases) and whether their order counts.
    parts: tuple[tuple[str, ...], ...] = ()
    ordered: bool = False
    # At most this many words between two parts (0: anywhere in NEAR_SPAN words).
    within: int = 0
    # Phrases that, in the same sentence, say it is something else ("knife wound").
    unless: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(self.form_lines.split("\n"))

    @property
    def numeric(self) -> bool:
        """A number-shaped code ("1488", "14/88"): it counts only where it stands alone."""
        # Every form is digits and spaces: the lines, spaces and line breaks left out, are.
        return self.form_lines.replace(" ", "").replace("\n", "").isdecimal()


@dataclass(frozen=True, slots=True)
class Allow:
    id: str
    pattern: str
    mode: str
    language: str
    form: str


@dataclass(frozen=True, slots=True)
class LanguageRules:
    language: str
    second_person: frozenset[str]
    # Normalised phrases ("jag är") after which an insult is about the writer.
    self_reference: tuple[tuple[str, ...], ...]
    # Words that may stand beside an insult in a sentence said to someone ("hey", "siellä",
    # "what a", a staff title): "hölmö hoitaja", "mikä urpo" and "tosser" alone are address.
    address: frozenset[str] = frozenset()
    # Verbs that report what someone else said ("kallade", "said", "huusi"): abuse they report
    # is the writer's evidence, not an attack (bot/moderation/reported.py).
    reporting: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class NumberContext:
    """Words around a number that make it a quantity or an address, not a code: the label
    before it ("rad", "room", "Hb") and the unit after it ("mg", "år")."""

    labels: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: tuple[Entry, ...]
    allows: tuple[Allow, ...]
    languages: Mapping[str, LanguageRules]
    version: str
    problems: tuple[str, ...] = field(default=())
    numbers: NumberContext = field(default=NumberContext())
    # The classes and rules of structures.yaml as read (bot/moderation/structures.py); once a
    # Moderator has built them, the built Structures in their place, so the raw YAML (megabytes)
    # is not kept for the life of the process and a lexicon changed by `replace` keeps them.
    structures: Mapping[str, Any] | Structures = field(default_factory=dict)
    # The matcher's phrase tables as the cache read them (bot/moderation/cache.py), with the
    # entries and allows they were made for: a lexicon changed by `replace` has other ones, and
    # its matcher builds its own. Not part of what the lexicon is: never compared.
    phrase_index: Any = field(default=None, compare=False, repr=False)

    @property
    def second_person(self) -> frozenset[str]:
        return frozenset().union(*(rules.second_person for rules in self.languages.values()))

    @property
    def address(self) -> frozenset[str]:
        return frozenset().union(*(rules.address for rules in self.languages.values()))

    @property
    def reporting(self) -> frozenset[str]:
        return frozenset().union(*(rules.reporting for rules in self.languages.values()))

    @property
    def self_reference(self) -> tuple[tuple[str, ...], ...]:
        return tuple(p for rules in self.languages.values() for p in rules.self_reference)


def expand(template: str, slots: Mapping[str, list[str]]) -> list[str]:
    """Every phrase a template stands for, before normalisation. Unknown slots raise KeyError."""
    parts: list[list[str]] = []
    position = 0
    for match in _SLOT.finditer(template):
        parts.append([template[position : match.start()]])
        name, optional = match.group(1), match.group(2)
        choices = list(slots[name])
        if optional:
            choices.append("")
        parts.append(choices)
        position = match.end()
    parts.append([template[position:]])
    count = 1
    for choices in parts:
        count *= len(choices)
    if count > MAX_EXPANSIONS:
        raise ValueError(f"template expands to {count} phrases (more than {MAX_EXPANSIONS})")
    return ["".join(combo) for combo in itertools.product(*parts)]


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _entry(
    raw: Any,
    language: str,
    source: str,
    slots: Mapping[str, list[str]],
    problems: list[str],
) -> Entry | None:
    if not isinstance(raw, dict):
        problems.append(f"{source}: ?: an entry must be a mapping")
        return None
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        problems.append(f"{source}: ?: entry without an id ({raw.get('pattern')!r})")
        return None
    where = f"{source}: {entry_id}"
    pattern = raw.get("pattern")
    mode = raw.get("mode", "word")
    category = raw.get("category")
    severity = raw.get("severity", 1)
    ok = True
    if not isinstance(pattern, str) or not pattern.strip():
        problems.append(f"{where}: no pattern")
        ok = False
    if mode not in MODES:
        problems.append(f"{where}: unknown mode {mode!r} (use {', '.join(MODES)})")
        ok = False
    if category not in CATEGORIES:
        problems.append(f"{where}: unknown category {category!r}")
        ok = False
    if not isinstance(severity, int) or isinstance(severity, bool) or not 1 <= severity <= 3:
        problems.append(f"{where}: severity must be 1, 2 or 3")
        ok = False
    must = _strings(raw.get("examples_match"))
    must_not = _strings(raw.get("examples_no_match"))
    if must is None or must_not is None:
        problems.append(f"{where}: examples must be lists of strings")
        ok = False
    unknown = set(raw) - {
        "id",
        "pattern",
        "mode",
        "category",
        "severity",
        "examples_match",
        "examples_no_match",
        "aimed",
        "needs_aim",
        "within",
        "unless",
    }
    if unknown:
        problems.append(f"{where}: unknown fields {sorted(unknown)}")
    if not ok or not isinstance(pattern, str):
        return None
    within = raw.get("within", 0)
    unless = _strings(raw.get("unless"))
    if (raw.get("within") is not None or raw.get("unless")) and mode != "near":
        problems.append(f"{where}: within and unless need mode near")
        return None
    if not isinstance(within, int) or isinstance(within, bool) or within < 0 or unless is None:
        problems.append(f"{where}: within must be a whole number, unless a list of strings")
        return None
    parts: tuple[tuple[str, ...], ...] = ()
    ordered = NEAR_ORDERED in pattern
    if mode == "near":
        pieces = pattern.split(NEAR_ORDERED if ordered else NEAR_ANY)
        # One part is enough when the entry has an "unless": a phrase that other words in its
        # sentence make something else ("go back to Africa in June, which vaccines?").
        if (len(pieces) < 2 and not unless) or (ordered and NEAR_ANY in pattern):
            problems.append(
                f"{where}: near needs parts joined by ' ~ ' (any order) or ' .. ', or one part"
                " and an unless"
            )
            return None
        found: list[tuple[str, ...]] = []
        for piece in pieces:
            try:
                piece_forms = expand(piece.strip(), slots)
            except KeyError as missing:
                problems.append(f"{where}: unknown slot {missing}")
                return None
            except ValueError as error:
                problems.append(f"{where}: {error}")
                return None
            normal = tuple(dict.fromkeys(f for f in (normalise(r) for r in piece_forms) if f))
            if not normal:
                problems.append(f"{where}: a part is empty after normalisation")
                return None
            found.append(normal)
        parts = tuple(found)
        raw_forms = [form for part in parts for form in part]
    elif mode == "phrase":
        try:
            raw_forms = expand(pattern, slots)
        except KeyError as missing:
            problems.append(f"{where}: unknown slot {missing}")
            return None
        except ValueError as error:
            problems.append(f"{where}: {error}")
            return None
    else:
        if _SLOT.search(pattern):
            problems.append(f"{where}: slots need mode phrase")
            return None
        raw_forms = [pattern]
    forms = tuple(dict.fromkeys(f for f in (normalise(r) for r in raw_forms) if f))
    if not forms:
        problems.append(f"{where}: pattern is empty after normalisation")
        return None
    if mode not in ("phrase", "near") and any(" " in f for f in forms):
        problems.append(f"{where}: {mode} pattern {forms[0]!r} has several words; use phrase")
        return None
    return Entry(
        id=entry_id,
        pattern=pattern,
        mode=str(mode),
        category=str(category),
        severity=int(severity),
        language=language,
        source=source,
        form_lines="\n".join(forms),
        examples_match=must or (),
        examples_no_match=must_not or (),
        aimed=bool(raw.get("aimed", False)),
        needs_aim=bool(raw.get("needs_aim", False)),
        parts=parts,
        ordered=ordered and mode == "near",
        within=within,
        unless=tuple(dict.fromkeys(f for f in (normalise(u) for u in unless) if f)),
    )


def _language_file(
    path: Path, raw: Any, problems: list[str]
) -> tuple[list[Entry], LanguageRules | None]:
    source = path.name
    if not isinstance(raw, dict):
        problems.append(f"{source}: -: the file must be a mapping")
        return [], None
    language = raw.get("language")
    if not isinstance(language, str):
        problems.append(f"{source}: -: no language")
        return [], None
    slots_raw = raw.get("slots") or {}
    slots: dict[str, list[str]] = {}
    if isinstance(slots_raw, dict):
        for name, values in slots_raw.items():
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                slots[str(name)] = values
            else:
                problems.append(f"{source}: slot {name}: must be a list of strings")
    else:
        problems.append(f"{source}: -: slots must be a mapping")
    entries = [
        entry
        for raw_entry in raw.get("entries") or []
        if (entry := _entry(raw_entry, language, source, slots, problems)) is not None
    ]
    second = _strings(raw.get("second_person")) or ()
    selfref = _strings(raw.get("self_reference")) or ()
    address = _strings(raw.get("address")) or ()
    reporting = _strings(raw.get("reporting")) or ()
    rules = LanguageRules(
        language=language,
        second_person=frozenset(normalise(w) for w in second),
        self_reference=tuple(tuple(p.split(" ")) for p in (normalise(s) for s in selfref) if p),
        address=frozenset(w for phrase in address for w in normalise(phrase).split(" ") if w),
        reporting=frozenset(normalise(w) for w in reporting),
    )
    return entries, rules


def _allowlist(path: Path, raw: Any, problems: list[str]) -> list[Allow]:
    source = path.name
    if not isinstance(raw, dict):
        problems.append(f"{source}: -: the file must be a mapping of language to modes")
        return []
    allows: list[Allow] = []
    for language, modes in raw.items():
        if not isinstance(modes, dict):
            problems.append(f"{source}: {language}: must map modes to lists of words")
            continue
        for mode, patterns in modes.items():
            if mode not in ALLOW_MODES:
                problems.append(f"{source}: {language}.{mode}: unknown mode")
                continue
            for pattern in _strings(patterns) or ():
                form = normalise(pattern)
                if not form or (mode != "phrase" and " " in form):
                    problems.append(f"{source}: {language}.{mode}: bad pattern {pattern!r}")
                    continue
                allows.append(Allow(f"allow.{language}.{form}", pattern, mode, language, form))
    return allows


def _number_context(raw: Any, source: str, problems: list[str]) -> NumberContext:
    labels = _strings(raw.get("number_labels"))
    units = _strings(raw.get("number_units"))
    if labels is None or units is None:
        problems.append(f"{source}: -: number_labels and number_units must be lists of strings")
        return NumberContext()
    return NumberContext(
        frozenset(normalise(w) for w in labels), frozenset(normalise(w) for w in units)
    )


# structures.yaml may be split by family ("structures_threats.yaml"): one set of classes and
# rules, read as if written in one file, so a rule may name a class of another file.
STRUCTURES_PREFIX = "structures_"


def _merged_structures(parts: list[tuple[str, Any]], problems: list[str]) -> dict[str, Any]:
    classes: dict[str, Any] = {}
    where: dict[str, str] = {}
    rules: list[Any] = []
    common: list[Any] = []
    for name, raw in parts:
        if not isinstance(raw, dict):
            problems.append(f"{name}: -: the file must be a mapping")
            continue
        for key in sorted(set(raw) - {"classes", "rules", "common"}):
            problems.append(f"{name}: {key}: unknown field")
        found = raw.get("classes") or {}
        if not isinstance(found, dict):
            problems.append(f"{name}: classes: must be a mapping")
            continue
        for class_name, body in found.items():
            if class_name in classes:
                problems.append(f"{name}: classes.{class_name}: also in {where[class_name]}")
                continue
            classes[class_name] = body
            where[class_name] = name
        found_rules = raw.get("rules") or []
        if not isinstance(found_rules, list):
            problems.append(f"{name}: rules: must be a list")
            continue
        rules.extend(found_rules)
        found_common = raw.get("common") or []
        if isinstance(found_common, list):
            common.extend(found_common)
        else:
            problems.append(f"{name}: common: must be a list")
    return {"classes": classes, "rules": rules, "common": list(dict.fromkeys(common))}


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read every *.yaml in `directory`; problems are collected, not raised."""
    folder = directory or DEFAULT_DIRECTORY
    problems: list[str] = []
    entries: list[Entry] = []
    allows: list[Allow] = []
    languages: dict[str, LanguageRules] = {}
    labels: set[str] = set()
    units: set[str] = set()
    structures: dict[str, Any] = {}
    parts: list[tuple[str, Any]] = []
    digest = hashlib.sha256()
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        problems.append(f"{folder}: -: no lexicon files")
    for path in paths:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data + b"\0")
        try:
            raw = yaml.load(data.decode("utf-8"), Loader=_LOADER)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            problems.append(f"{path.name}: -: unreadable: {error}")
            continue
        if path.name == ALLOWLIST_FILE:
            allows.extend(_allowlist(path, raw, problems))
            continue
        if path.name == STRUCTURES_FILE or path.name.startswith(STRUCTURES_PREFIX):
            parts.append((path.name, raw))
            continue
        found, rules = _language_file(path, raw, problems)
        entries.extend(found)
        if isinstance(raw, dict):
            numbers = _number_context(raw, path.name, problems)
            labels |= numbers.labels
            units |= numbers.units
        if rules is not None:
            languages[rules.language] = rules
    if parts:
        merged = _merged_structures(parts, problems)
        try:
            Structures(merged)
        except StructureError as error:
            problems.append(str(error))
        else:
            structures = merged
    # Self-harm verdicts come from the danger vocabulary: its changes change the version too.
    digest.update(PHRASES_FILE.name.encode() + b"\0" + PHRASES_FILE.read_bytes())
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.id in seen:
            problems.append(f"{entry.source}: {entry.id}: duplicate id (also in {seen[entry.id]})")
        else:
            seen[entry.id] = entry.source
    return Lexicon(
        entries=tuple(entries),
        allows=tuple(allows),
        languages=languages,
        version=digest.hexdigest()[:12],
        problems=tuple(problems),
        numbers=NumberContext(frozenset(labels), frozenset(units)),
        structures=structures,
    )
