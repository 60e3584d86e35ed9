"""Placing a structure rule in a message: whose words they are, whom they are aimed at, whether
the classes stand close enough, and words spelled out letter by letter (split from
bot/moderation/structures.py; `Structures` reads through these)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import product, repeat
from operator import itemgetter

from bot.moderation.aim import THINGS, said_of_self_after
from bot.moderation.normalisation import Normalised, normalise
from bot.moderation.structure_rules import StructureRule, WordClass

# A message this short that holds an insult is said to its reader ("Ääliö!", "din pucko").
_SHORT = 5
# Words before an insult that make it about the writer ("jag är en idiot", "olen ääliö").
_SELF_SPAN = 4
# First-person words just before a class word make it the writer's own ("my breasts").
_OWNED_SPAN = 3
# A long message that repeats words must not make the combinations explode.
_TRIES = 6
# Single letters with one separator each ("k i l l", "p i c"): the normaliser joins runs of four
# or more; a spelled-out word of three letters is read here too.
_SPELLED = re.compile(r"(?<![^\W_])(?:[^\W\d_][ .\-_*·]){2,}[^\W\d_](?![^\W_])")
_SEPARATORS = re.compile(r"[ .\-_*·]")
_ONE_LETTER_WORDS = frozenset("aiouåöe")
# Letters with a separator each ("k i l l", "k-i-l-l"): a cheap first look before _SPELLED,
# which is searched at every letter.
_SPELLED_HINT = re.compile(r"[ .\-_*·][^\W\d_][ .\-_*·][^\W\d_](?:[ .\-_*·]|$)")
_AMBIGUOUS_SELF = frozenset({"ja", "jg", "i", "vi", "we", "tuun", "tulen", "aion"})


def _joined(match: re.Match[str]) -> str:
    """A spelled-out run as a word; a one-letter word before it stays apart ("a p i c")."""
    letters = _SEPARATORS.sub("", match.group(0))
    if len(letters) >= 4 and letters[0] in _ONE_LETTER_WORDS:
        return f"{letters[0]} {letters[1:]}"
    return letters


_SECOND = itemgetter(1)


class Placing:
    """What places a rule's classes in a message, over the person-word classes `Structures`
    reads from the lexicon."""

    _mine: frozenset[str]
    _yours: frozenset[str]
    _self: frozenset[str]

    @staticmethod
    def _starts_with(head: str, word_class: WordClass) -> bool:
        return head in word_class.words or any(head.startswith(s) for s in word_class.stems)

    def _owned(self, tokens: Sequence[str], index: int) -> bool:
        """The nearest person word before `index` is the writer ("my lips", "ska jag visa
        brösten"), not the reader ("dina bröst")."""
        for token in reversed(tokens[max(0, index - _OWNED_SPAN) : index]):
            if token in self._yours:
                return False
            if token in self._mine:
                return True
        return False

    def _aimed(self, normal: Normalised, index: int, found: Mapping[str, list[int]]) -> str:
        tokens = normal.tokens
        if not self._self.isdisjoint(tokens[max(0, index - _SELF_SPAN) : index]):
            return ""
        # A second-person word in the insult's own clause aims it ("du är en idiot"); one in
        # another clause ("min son kallas idiot, kan du ge råd?") does not.
        clauses = normal.clauses or (0,) * len(tokens)
        for where in found.get("you", ()):
            if clauses[where] == clauses[index]:
                return f"a second-person or staff word ('{tokens[where]}')"
        # "vad dum jag är", "mikä pölvästi minä olen": the writer says it of themself.
        if said_of_self_after(tokens, clauses, index):
            return ""
        if found.get("you") and found.get("other"):
            return ""
        # A thing named and nobody addressed: the swearing is at the app or the printer.
        if not THINGS.isdisjoint(tokens):
            return ""
        if len(tokens) <= _SHORT:
            return "a message of nothing else"
        # Nobody else named: an insult in a complaint is about the one who reads it ("miks
        # ääliölle pitää selittää kaikki").
        if not found.get("other"):
            return "no one else named in the message"
        return ""

    def _fits(
        self,
        rule: StructureRule,
        tokens: Sequence[str],
        found: Mapping[str, list[int]],
        clauses: Sequence[int] = (),
    ) -> tuple[tuple[str, int], ...] | None:
        choices: list[list[tuple[str, int]]] = []
        owned = rule.owned
        for slot in rule.slots:
            places: list[tuple[str, int]] = []
            for name in slot:
                at = found.get(name)
                if not at:
                    continue
                if owned and name != "you":
                    places.extend([(name, index) for index in at if not self._owned(tokens, index)])
                else:
                    places.extend(zip(repeat(name), at))
            if not places:
                return None
            choices.append(places if len(places) <= _TRIES else places[:_TRIES])
        if len(choices) == 1:
            if rule.tail:
                # One class: its last place must end the message ("Akta dig.", not "akta dig
                # för halkan").
                last = max(choices[0], key=_SECOND)
                return (last,) if last[1] >= len(tokens) - rule.tail else None
            return (choices[0][0],)
        for combination in product(*choices):
            indexes = list(map(_SECOND, combination))
            if len(set(indexes)) < len(indexes):
                continue
            if rule.ordered and indexes != sorted(indexes):
                continue
            if rule.clause and clauses and len(set(map(clauses.__getitem__, indexes))) > 1:
                continue
            if rule.tail and max(indexes) < len(tokens) - rule.tail:
                continue
            if max(indexes) - min(indexes) <= rule.window:
                return combination
        return None

    def _spelled_words(self, text: str) -> tuple[str, ...]:
        if not _SPELLED.search(text):
            return ()
        words: list[str] = []
        for match in _SPELLED.finditer(text):
            # "a m m u n" is one word, "a p i c" a word after "a": both are read.
            words.append(normalise(_SEPARATORS.sub("", match.group(0))))
            words.extend(normalise(w) for w in _joined(match).split(" "))
            # "d u m i huvet": a one-letter word after the spelled one ("i", "å") is read apart.
            letters = _SEPARATORS.sub("", match.group(0))
            if len(letters) >= 4 and letters[-1] in _ONE_LETTER_WORDS:
                words.append(normalise(letters[:-1]))
        return tuple(words)
