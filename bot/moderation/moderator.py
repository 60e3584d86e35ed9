"""The moderator: normalise, match, let the allowlist and the aiming rule speak, then decide."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from bot.moderation.aim import MILD_WINDOW, WINDOW, aim
from bot.moderation.codes import stands_alone
from bot.moderation.lexicon import COMMON, Allow, Lexicon, LexiconError, load_lexicon
from bot.moderation.matcher import Matcher
from bot.moderation.near import Candidate
from bot.moderation.normalisation import Normalised, analyse, casefolded, normalise, unmasked
from bot.moderation.policy import CLEAN, PRIORITY, Hit, Verdict, decide
from bot.moderation.reported import quoted_tokens, reported
from bot.moderation.second_opinion import RULE_PREFIX, Opinion, SecondOpinion, shipped
from bot.moderation.structures import Structures
from flows.phrases import CrisisHit, crisis_words, may_be_crisis


class _Analysis(NamedTuple):
    # A named tuple: two or three are made for every message (a frozen dataclass costs ~1 µs).
    normal: Normalised
    hits: tuple[Hit, ...]
    notes: tuple[str, ...]


def _order(candidate: Candidate) -> tuple[int, int, str]:
    return candidate.first, candidate.last, candidate.entry.id


def _weight(analysis: _Analysis) -> tuple[int, int]:
    verdict = decide(analysis.hits)
    return PRIORITY.get(verdict.category, 0), verdict.severity


_GRAVE = PRIORITY["threat"]
# Notes of what the rules decided about a word (bot/moderation/moderator.py, _analyse_reading).
_ALLOWLISTED = "no rule overrides the allowlist"
_NOT_A_CODE = "not a code standing alone"
_DECIDED = (_ALLOWLISTED, _NOT_A_CODE)


def _rank(analysis: _Analysis, starred: bool) -> tuple[bool, bool, int, int]:
    """How a reading of a masked message weighs against the others (Moderator._analyse): a
    threat or a crisis first; then, where a letter is starred out, a reading a lexicon entry
    names above profanity; then the weight."""
    weight = _weight(analysis)
    named = starred and any(
        not hit.rule_id.startswith(("structure.", "danger."))
        and hit.category not in ("profanity", "clean")
        for hit in analysis.hits
    )
    return weight[0] >= _GRAVE, named, *weight


class Moderator:
    def __init__(self, lexicon: Lexicon, second_opinion: SecondOpinion | bool = True) -> None:
        """`second_opinion`: the shipped model (True), none (False) or this one."""
        given = lexicon.structures
        self.structures = given if isinstance(given, Structures) else Structures(given)
        self.lexicon = lexicon = replace(lexicon, structures=self.structures)
        self.matcher = Matcher(lexicon)
        self._second_person = lexicon.second_person
        self._self_reference = lexicon.self_reference
        self._address = lexicon.address
        self._reporting = lexicon.reporting
        self._has_structures = bool(self.structures)
        # Number-shaped codes by the entry's identity: `Entry.numeric` looks at every form
        # each time it is asked, and it is asked for every candidate.
        self._numeric = frozenset(id(entry) for entry in lexicon.entries if entry.numeric)
        self._opinion = shipped() if second_opinion is True else second_opinion or None
        # A rule's own category, to tell a swear word from a rule the rules themselves turned
        # down to profanity (reported speech, not aimed at anyone): the model is not asked there.
        self._profanity_rules = frozenset(
            {entry.id for entry in lexicon.entries if entry.category == "profanity"}
            | {rule.id for rule in self.structures.rules if rule.category == "profanity"}
        )

    @classmethod
    def load(
        cls, directory: Path | None = None, second_opinion: SecondOpinion | bool = True
    ) -> Moderator:
        lexicon = load_lexicon(directory)
        if lexicon.problems:
            raise LexiconError("; ".join(lexicon.problems))
        return cls(lexicon, second_opinion)

    def rules_only(self) -> Moderator:
        """This moderator without the second opinion: what the rules alone decide (tests of a
        rule's near misses, `lexicon test`'s comparison). Shares everything built."""
        alone = copy.copy(self)
        alone._opinion = None
        return alone

    @property
    def version(self) -> str:
        return self.lexicon.version

    def _active(self, candidate: Candidate, lang: str | None) -> bool:
        language = candidate.entry.language
        # A language we hold no list for gets every list rather than none.
        return lang is None or language in (COMMON, lang) or lang not in self.lexicon.languages

    def _crisis(self, texts: tuple[str, ...]) -> tuple[Hit, ...]:
        """Self-harm comes from the danger vocabulary (DESIGN 8a), in every language whatever
        the chat's: the crisis help and this category can never disagree. `texts` are the
        message as written and as read with its evasions undone ("k!ll mys3lf", "självmоrd"
        with a Cyrillic o): the first that holds crisis words counts. Most messages hold no
        word a crisis phrase or rule needs, and the cheap test spares the full reading."""
        found = None
        for text in texts:
            if may_be_crisis(text):
                found = crisis_words(text)
                if found is not None:
                    break
        return self._crisis_hit(found)

    def _crisis_hit(self, found: CrisisHit | None) -> tuple[Hit, ...]:
        if found is None:
            return ()
        why = (
            f"danger vocabulary crisis phrase '{found.phrase}' ({found.language})"
            f" matched '{found.matched_form}'"
        )
        return (
            Hit(
                rule_id=found.rule_id,
                category="self_harm",
                matched_form=found.matched_form,
                lexicon_version=self.lexicon.version,
                explanation=why,
                severity=3,
            ),
        )

    def _analyse(self, text: str, lang: str | None) -> _Analysis:
        found = self._with_structures(self._analyse_reading(text, lang), text, lang)
        readings = unmasked(text, found.normal.spaced)
        # The danger vocabulary reads the message once, as written and with evasions undone;
        # a masked letter's readings only when they exist.
        prepared = found.normal.prepared
        undone = (prepared,) if prepared and prepared != casefolded(text) else ()
        if undone or readings:
            crisis = self._crisis(tuple(dict.fromkeys((text, *undone, *readings))))
        elif may_be_crisis(text, found.normal.tokens if found.normal.text == text else None):
            # A message that is its own normal form ("jag har ont i magen") is split already:
            # its tokens are its words.
            crisis = self._crisis_hit(crisis_words(text))
        else:
            # Most messages: the cheap test, without the call that would make it.
            crisis = ()
        # "c*nt", "p*llu", "mu1kku": a hidden letter is read every way it can be, and the
        # reading that breaks the worst rule counts (the mask is the evasion, not the word).
        # A letter is starred out of a bad word: a reading the lexicon's own entries name ("din
        # lata k*ssa" as "kossa", a vocative) outranks one only a structure rule finds by its
        # words' company ("kyssa", a kiss near "din"), unless that one is a threat or a crisis.
        starred = "*" in text
        best = _rank(found, starred)
        for reading in readings:
            other = self._with_structures(self._analyse_reading(reading, lang), reading, lang)
            rank = _rank(other, starred)
            if rank > best:
                found, best = other, rank
        if crisis:
            found = _Analysis(found.normal, (*crisis, *found.hits), found.notes)
        return found

    def _with_structures(self, analysis: _Analysis, text: str, lang: str | None) -> _Analysis:
        """The structure rules (bot/moderation/structures.py) beside the lexicon's phrases."""
        if not self._has_structures or not analysis.normal.tokens:
            return analysis
        normal = analysis.normal
        found = self.structures.find(normal, text, lang)
        if not found:
            return analysis
        quoted = quoted_tokens(text, normal.tokens, normalise)
        version = self.lexicon.version
        extra: list[Hit] = []
        for hit in found:
            category, severity, why = hit.category, hit.severity, hit.explanation
            # Reported abuse is the writer's evidence ("my ex said 'I'll kill you'"), and a
            # structure inside quotation marks is someone's words, with a reporting verb or not.
            inside = bool(quoted) and all(i in quoted for i in range(hit.first, hit.last + 1))
            if category != "profanity" and (
                inside
                or reported(
                    normal.tokens,
                    normal.sentences,
                    hit.first,
                    hit.last,
                    quoted,
                    self._reporting,
                    normal.clauses,
                )
            ):
                category, severity = "profanity", 1
                why += ", reported as someone else's words: profanity"
            extra.append(Hit(hit.rule.id, category, hit.form, version, why, severity))
        return _Analysis(analysis.normal, (*analysis.hits, *extra), analysis.notes)

    def _analyse_reading(self, text: str, lang: str | None) -> _Analysis:
        normal = analyse(text)
        if not normal.tokens:
            return _Analysis(normal, (), ())
        candidates, allowed = self.matcher.find(normal)
        if not candidates:
            return _Analysis(normal, (), ())
        allowed_at: dict[int, Allow] = {}
        for allow, first, last in allowed:
            for index in range(first, last + 1):
                allowed_at.setdefault(index, allow)
        hits: list[Hit] = []
        notes: list[str] = []
        # What only some candidates need is made when the first one needs it: the quoted
        # words for the reported-speech rule, the other swear words' places for aiming.
        fillers: frozenset[int] | None = None
        alternatives = None if normal.stretched is None else tuple(normal.stretched.split(" "))
        seen: set[tuple[str, int, int]] = set()
        quoted: frozenset[int] | None = None
        if len(candidates) > 1:
            candidates = sorted(candidates, key=_order)
        version = self.lexicon.version
        numbers = self.lexicon.numbers
        for candidate in candidates:
            entry, first, last, form, stretched = candidate
            if not (lang is None or self._active(candidate, lang)):
                notes.append(f"{entry.id}: not checked for language {lang!r} ({entry.language})")
                continue
            # The allowlist protects words, not sentences: a threat phrase that merely contains
            # "penis" still counts, a rule that fires on an allowlisted word does not. A
            # vocative ("din bög", "sinä homo") spans its "din": said to someone, it is not
            # about the writer's body.
            if allowed_at and all(index in allowed_at for index in range(first, last + 1)):
                allow = allowed_at[first]
                notes.append(
                    f"{entry.id}: '{form}' is allowlisted medical word or phrase "
                    f"'{allow.pattern}' ({allow.id}); {_ALLOWLISTED}"
                )
                continue
            key = (entry.id, first, last)
            if key in seen:
                continue
            seen.add(key)
            if id(entry) in self._numeric and not stands_alone(text, form, numbers):
                notes.append(
                    f"{entry.id}: '{form}' is part of a number, an address, a date, a"
                    f" dose or a label here, {_NOT_A_CODE}"
                )
                continue
            category = entry.category
            # The entry and how it matched, in one string: made for most candidates.
            if stretched:
                why = (
                    f"{category} '{entry.pattern}' ({entry.mode}, stretched letters squeezed)"
                    f" matched '{form}'"
                )
            else:
                why = f"{category} '{entry.pattern}' ({entry.mode}) matched '{form}'"
            if category != "profanity" and quoted is None:
                quoted = quoted_tokens(text, normal.tokens, normalise)
            if category != "profanity" and reported(
                normal.tokens,
                normal.sentences,
                first,
                last,
                quoted or frozenset(),
                self._reporting,
                normal.clauses,
            ):
                hits.append(
                    Hit(
                        entry.id,
                        "profanity",
                        form,
                        version,
                        why + ", reported as someone else's words: profanity",
                        1,
                    )
                )
                continue
            if (category == "insult" or entry.needs_aim) and not entry.aimed:
                if fillers is None:
                    fillers = frozenset(
                        index for c in candidates for index in range(c.first, c.last + 1)
                    )
                target = aim(
                    normal.tokens,
                    normal.sentences,
                    first,
                    last,
                    self._second_person,
                    self._self_reference,
                    MILD_WINDOW if entry.severity <= 1 else WINDOW,
                    fillers,
                    alternatives,
                    normal.clauses,
                    self._address,
                )
                if target.aimed:
                    why += f" with {target.reason}"
                else:
                    category = "profanity"
                    why += f", not aimed at a person ({target.reason}): profanity"
            elif category == "insult" or entry.needs_aim:
                why += ", aimed at a person by itself"
            hits.append(
                Hit(
                    entry.id,
                    category,
                    form,
                    version,
                    why,
                    entry.severity if category == entry.category else 1,
                )
            )
        return _Analysis(normal, tuple(hits), tuple(notes))

    def check(self, text: str, lang: str | None = None) -> Verdict:
        """The verdict on one message; `lang` None checks every language's entries."""
        hits = self._with_opinion(self._analyse(text, lang))
        return decide(hits) if hits else CLEAN

    def _with_opinion(self, analysis: _Analysis) -> tuple[Hit, ...]:
        """The rules' hits, and the second opinion's where the rules are silent: nothing above
        profanity, and nothing they decided (a word allowlisted or part of a number, a rule
        turned down as reported speech or not aimed at anyone)."""
        hits = analysis.hits
        if self._opinion is None or not analysis.normal.tokens:
            return hits
        if any(hit.rule_id not in self._profanity_rules for hit in hits):
            return hits
        if any(note.endswith(_DECIDED) for note in analysis.notes):
            return hits
        opinion = self._opinion.ask(analysis.normal.tokens)
        if opinion is None:
            return hits
        return (*hits, self._opinion_hit(opinion))

    def _opinion_hit(self, opinion: Opinion) -> Hit:
        assert self._opinion is not None
        words = ", ".join(f"'{word}'" for word in opinion.words) or "none above the rest"
        why = (
            f"second opinion (statistical model {self._opinion.version}, not a rule):"
            f" {opinion.category} with probability {opinion.probability:.2f}; the words that"
            f" weighed most: {words}. Staff review it; the patient is not warned"
        )
        return Hit(
            RULE_PREFIX + opinion.category,
            opinion.category,
            " ".join(opinion.words),
            self._opinion.version,
            why,
            1,
        )

    def explain(self, text: str, lang: str | None = None) -> str:
        """What `lexicon test TEXT` shows an admin: normal form, rules that matched and why."""
        analysis = self._analyse(text, lang)
        hits = self._with_opinion(analysis)
        verdict = decide(hits)
        lines = [f"normalised: {analysis.normal.text}"]
        if analysis.normal.stretched is not None:
            lines.append(f"also tried (stretched letters squeezed): {analysis.normal.stretched}")
        lines.append(
            f"verdict: {verdict.category}, severity {verdict.severity}, action {verdict.action}"
            f" (lexicon {self.version})"
        )
        for hit in hits:
            lines.append(f"matched {hit.rule_id} -> {hit.category}: {hit.explanation}")
        for note in analysis.notes:
            lines.append(f"not counted {note}")
        if not hits and not analysis.notes:
            lines.append("no rule matched")
        return "\n".join(lines)
