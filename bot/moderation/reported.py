"""Reported speech: abuse that someone else said to the writer is not said to the clinician.

"Någon på bussen kallade mig "jävla blatte"", "my ex said "I'll kill you" last year" and "isä
huusi hoitajalle "senkin idiootti"" tell the clinician what happened; the words are evidence,
not an attack. A rule's words count as reported when they sit inside quotation marks and the
message has a reporting verb ("sa", "called", "huusi") outside them, or when such a verb stands
a few words before them in the same sentence ("min pappa kallade sköterskan för idiot"). A
verb with the writer as subject ("jag sa", "I told you") reports nothing: the writer said it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Straight, curly and angle quotes, as people type them on phones and keyboards.
_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]")
# The marks but the straight quote, each looked for in C (a generator's frame cost more).
_MARKS = tuple("“”«»„")
# How far before the words a reporting verb may stand: "kallade sköterskan för idiot".
REACH = 3
_FIRST_PERSON = frozenset({"jag", "ja", "i", "mä", "minä", "mää", "mie", "vi", "we", "me"})


def quoted_tokens(
    text: str, tokens: tuple[str, ...], normalise: Callable[[str], str]
) -> frozenset[int]:
    """The token positions of `tokens` that lie inside quotation marks in `text`."""
    if '"' not in text and not any(map(text.__contains__, _MARKS)):
        return frozenset()
    inside: set[int] = set()
    for match in _QUOTED.finditer(text):
        words = normalise(match.group(1)).split(" ")
        size = len(words)
        if not words[0]:
            continue
        for start in range(len(tokens) - size + 1):
            if list(tokens[start : start + size]) == words:
                inside.update(range(start, start + size))
                break
    return frozenset(inside)


# A plain "say" is also the writer's own ("I just want to say I'll kill you"); after "used to",
# "brukade" or "tapasi" it is someone's habit the writer reports ("my ex used to say ...").
_HABIT_VERBS = frozenset(
    {"say", "call", "tell", "yell", "scream", "säga", "kalla", "skrika", "sanoa", "huutaa", "sano"}
)
_HABIT_MARKS = (("used", "to"), ("brukade",), ("tapasi",))


def _habitual(tokens: tuple[str, ...], index: int) -> bool:
    if tokens[index] not in _HABIT_VERBS:
        return False
    return any(
        index >= len(mark) and tokens[index - len(mark) : index] == mark for mark in _HABIT_MARKS
    )


def _reporting_at(tokens: tuple[str, ...], index: int, verbs: frozenset[str]) -> bool:
    if index > 0 and tokens[index - 1] in _FIRST_PERSON:
        return False
    return tokens[index] in verbs or _habitual(tokens, index)


def reported(
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    first: int,
    last: int,
    quoted: frozenset[int],
    verbs: frozenset[str],
) -> bool:
    """Whether the words `first`..`last` are someone else's, reported by the writer."""
    if not verbs:
        return False
    span = range(first, last + 1)
    if quoted and all(index in quoted for index in span):
        return any(
            _reporting_at(tokens, index, verbs)
            for index in range(len(tokens))
            if index not in quoted
        )
    # A two-letter verb ("sa") is also another word typed without its accent ("så"): it
    # reports only what stands in quotes.
    before = tokens[max(0, first - REACH) : first]
    if verbs.isdisjoint(before) and _HABIT_VERBS.isdisjoint(before):
        return False  # no verb at all before the words (most messages): two set tests
    return any(
        _reporting_at(tokens, index, verbs) and len(tokens[index]) > 2
        for index in range(max(0, first - REACH), first)
        if sentences[index] == sentences[first]
    )
