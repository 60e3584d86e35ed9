"""Reported speech: abuse that someone else said to the writer is not said to the clinician.

"Någon på bussen kallade mig "jävla blatte"", "my ex said "I'll kill you" last year" and "isä
huusi hoitajalle "senkin idiootti"" tell the clinician what happened; the words are evidence,
not an attack. A rule's words count as reported when they sit inside quotation marks and the
message has a reporting verb ("sa", "called", "huusi") outside them, or when such a verb stands
a few words before them in the same sentence ("min pappa kallade sköterskan för idiot"), or
when the sentence ends in a report of who said them ("din idiot, sa han", "useless cow, my
husband said to me", "senkin idiootti, huusi isä"). A verb with the writer as subject ("jag
sa", "I told you", "sa jag") reports nothing: the writer said it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Straight, curly and angle quotes, as people type them on phones and keyboards.
_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]")
# Single quotes too ('kiitos muru', sanoi vaimo), but only as a pair around words: an
# apostrophe inside a word ("don't", "Anna's") has a letter on both sides and opens nothing.
_SINGLE_QUOTED = re.compile(r"(?<![^\W_])['‘’]([^'‘’]+)['‘’](?![^\W_])")
# The marks but the straight quotes, each looked for in C (a generator's frame cost more).
_MARKS = tuple("“”«»„‘’")
# How far before the words a reporting verb may stand: "kallade sköterskan för idiot".
REACH = 3
_FIRST_PERSON = frozenset({"jag", "ja", "i", "mä", "minä", "mää", "mie", "vi", "we", "me"})


def quoted_tokens(
    text: str, tokens: tuple[str, ...], normalise: Callable[[str], str]
) -> frozenset[int]:
    """The token positions of `tokens` that lie inside quotation marks in `text`."""
    if '"' not in text and "'" not in text and not any(map(text.__contains__, _MARKS)):
        return frozenset()
    inside: set[int] = set()
    for match in (*_QUOTED.finditer(text), *_SINGLE_QUOTED.finditer(text)):
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
    | {"write", "text", "skriva", "sms", "kirjoittaa", "kirjottaa"}
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


# Who reports, after the words: a third person ("han", "she", "hän") or someone's relative
# ("my husband", "mun isä") beside the verb. The report ends the sentence but for a few words
# ("to me yesterday", "åt mig i går"), none of them the reader: "my doctor said you would call"
# after an insult is the writer's own sentence going on, not a report.
_THIRD = frozenset(
    {"han", "hon", "hen", "dom", "de", "he", "she", "they", "hän", "se", "ne", "hää", "häm"}
)
_WHOSE = frozenset(
    {"min", "mitt", "mina", "mun", "minun", "mein", "my", "hans", "hennes", "his", "her", "their"}
    | {"hänen", "sen", "deras", "our", "vår", "meidän", "the", "en", "ett", "a", "some", "joku"}
)
# Relatives and people around the writer, who report without a pronoun: "sa mamma", "said dad".
_SOMEONE = frozenset(
    {"mamma", "pappa", "morsan", "farsan", "mormor", "farmor", "grannen", "chefen", "läkaren"}
    | {"mum", "mom", "dad", "mama", "papa", "grandma", "grandad", "granny", "nan", "someone"}
    | {"isä", "äiti", "mummo", "pappa", "naapuri", "pomo", "mies", "vaimo", "lääkäri", "joku"}
)
# A Finnish verb that carries its person: "huusi", "sanoi" is someone else, "huusin" the writer;
# whoever follows it after a comma is the one who said the words ("senkin idiootti, huusi
# isä"). Past tense only: "niille jotka sanoo ei" is no report.
_THIRD_PERSON_VERBS = frozenset(
    {"sanoi", "huusi", "kutsui", "kirjoitti", "haukkui", "nimitteli", "kuiskasi", "karjui"}
    | {"uhkasi", "uhkaili"}
)
_READER = frozenset({"du", "dig", "dej", "ni", "er", "you", "u", "ya", "sinä", "sä", "sää"})
# The reader in any case, for the words after a report ("... said you would call me").
_ADDRESSED = _READER | {"sinua", "sua", "sut", "sinut", "te", "teitä", "teidät", "sulle"}
AFTER = 4
_TAIL = 4
# A report may go on with when or why it was said: "kiitos muru, sanoi vaimo kun toin sen
# reseptin kotiin", "useless cow, my husband said when I got home": the time clause is no part
# of the report's length.
_THEN = frozenset({"kun", "koska", "när", "nar", "eftersom", "medan", "when", "because", "while"})
# Naming someone: "kallar de min son för lappjävel", "called the receptionist a useless old
# bat". The verb may stand further back when "för" or "a" introduces the name it gives.
_NAMING = frozenset({"för", "for", "a", "an"})
NAMING_REACH = 6


def _reported_after(
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    last: int,
    verbs: frozenset[str],
    clauses: tuple[int, ...],
) -> bool:
    # The report is a clause of its own ("..., my husband said to me, and I cried") or ends
    # the sentence ("din idiot sa han").
    parts = clauses or sentences
    sentence = sentences[last]
    end = last + 1
    while end < len(tokens) and sentences[end] == sentence:
        end += 1
    for index in range(last + 1, min(end, last + 1 + AFTER)):
        if tokens[index] not in verbs:
            continue
        if parts[index] != parts[last]:
            part_end = index + 1
            while part_end < end and parts[part_end] == parts[index]:
                part_end += 1
            end = part_end
        following = tokens[index + 1] if index + 1 < end else ""
        # The last of the words is the verb's subject unless a comma stands between them
        # ("when you said my name"; but "jag ska döda dig, skrek min granne").
        before = tokens[index - 1] if index - 1 > last or parts[index] == parts[last] else ""
        if following in _FIRST_PERSON or before in _FIRST_PERSON or before in _READER:
            return False  # "sa jag", "I said", "when you said my name"
        if following in _THIRD or following in _SOMEONE:
            tail = index + 2  # "sa han", "said she", "sa mamma"
        elif tokens[index] in _THIRD_PERSON_VERBS and parts[index] != parts[last]:
            tail = index + (2 if following else 1)  # "huusi isä", "sanoi naapuri"
        elif following in _WHOSE and index + 2 < end:
            tail = index + 3  # "sa min man", "sanoi mun isä"
        elif index - 1 > last and (tokens[index - 1] in _THIRD or tokens[index - 1] in _SOMEONE):
            tail = index + 1  # "she said", "hän sanoi", "dad said"
        elif index - 2 > last and tokens[index - 2] in _WHOSE:
            tail = index + 1  # "my husband said", "mun isä huusi"
        else:
            continue
        rest = tokens[tail:end]
        said = next((k for k, token in enumerate(rest) if token in _THEN), len(rest))
        return said <= _TAIL and _ADDRESSED.isdisjoint(rest)
    return False


def reported(
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    first: int,
    last: int,
    quoted: frozenset[int],
    verbs: frozenset[str],
    clauses: tuple[int, ...] = (),
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
    after = tokens[last + 1 : last + 1 + AFTER]
    if not verbs.isdisjoint(after) and _reported_after(tokens, sentences, last, verbs, clauses):
        return True
    before = tokens[max(0, first - NAMING_REACH) : first]
    if verbs.isdisjoint(before) and _HABIT_VERBS.isdisjoint(before):
        return False  # no verb at all before the words (most messages): two set tests
    return any(
        _reporting_at(tokens, index, verbs)
        and len(tokens[index]) > 2
        and (index >= first - REACH or _naming(tokens, index, first))
        for index in range(max(0, first - NAMING_REACH), first)
        if sentences[index] == sentences[first]
    )


def _naming(tokens: tuple[str, ...], verb: int, first: int) -> bool:
    """The verb names someone with the words: "för" or "a" before them, the reader not between."""
    between = tokens[verb + 1 : first]
    return not _NAMING.isdisjoint(between) and _ADDRESSED.isdisjoint(between)
