"""The "aimed at a person" rule: an insult word is an insult only when it is said to someone.

"Jag känner mig som en idiot" and "what an idiot I was" are about the writer; "din idiot" and
"sä oot idiootti" are about the reader. We look for a second-person word in the same sentence,
a few words away, and give up when the writer has just said "I am" before the word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# "du är en jävla idiot" puts the insult four words from "du"; "you are such a fucking idiot" five.
WINDOW = 5
# Mild words ("dum", "stupid", "tyhmä") also open harmless sentences ("stupid question, but can
# you..."), so they must sit closer to "you" to count.
MILD_WINDOW = 3
# Things people swear at: with one of these in the sentence and no second-person word, the
# swearing is about the thing ("fan, datorn startar inte", "skit också, appen laddar inte").
THINGS = frozenset(
    {
        "app",
        "appen",
        "appar",
        "sidan",
        "webbsida",
        "webbsidan",
        "hemsida",
        "hemsidan",
        "datorn",
        "dator",
        "skrivaren",
        "nätet",
        "wifi",
        "internet",
        "printer",
        "computer",
        "website",
        "laptop",
        "sovellus",
        "sovellusta",
        "sovellukseen",
        "sivusto",
        "nettisivu",
        "nettisivut",
        "tietokone",
        "tulostin",
        "netti",
    }
)


# Orders to the reader: an insult that opens a sentence and is followed by one is said to the
# reader even without a comma ("dickhead answer the question", "idiot svara nu"): voice-to-text
# and quick typing leave the comma out.
ORDERS = frozenset(
    {
        "answer",
        "reply",
        "respond",
        "listen",
        "call",
        "ring",
        "read",
        "stop",
        "hurry",
        "fix",
        "give",
        "send",
        "pick",
        "svara",
        "lyssna",
        "läs",
        "sluta",
        "skynda",
        "fixa",
        "ge",
        "skicka",
        "vastaa",
        "kuuntele",
        "soita",
        "lue",
        "lopeta",
        "kiirehdi",
        "korjaa",
        "anna",
        "lähetä",
    }
)


# The writer names themself right after the word ("vad dum jag är", "mikä pölvästi minä olen",
# "what an idiot I am", "stupid of me"): the word is about the writer, in the one clause.
SELF_AFTER: tuple[tuple[str, ...], ...] = (
    ("jag", "är"),
    ("jag", "e"),
    ("ja", "e"),
    ("jag", "var"),
    ("som", "jag", "är"),
    ("som", "jag", "var"),
    ("i", "am"),
    ("i", "was"),
    ("that", "i", "am"),
    ("that", "i", "was"),
    ("of", "me"),
    ("minä", "olen"),
    ("minä", "olin"),
    ("mä", "oon"),
    ("mä", "olen"),
    ("mä", "olin"),
    ("mää", "oon"),
    ("olen",),
    ("oon",),
    ("olin",),
    ("olenkaan",),
    ("oonkaan",),
)


# The same, said with the bare pronoun that closes the clause: "stupid me, I forgot", "tyhmä
# minä, unohdin ajan".
SELF_AFTER_LAST: frozenset[str] = frozenset({"me", "mig", "mej", "minä", "mä"})


def said_of_self_after(tokens: Sequence[str], clauses: Sequence[int], index: int) -> str:
    """The "I am" words right after the word at `index`, in its clause ("dum jag är"), or ""."""
    after = index + 1
    if (
        after < len(tokens)
        and tokens[after] in SELF_AFTER_LAST
        and (after + 1 == len(tokens) or (bool(clauses) and clauses[after + 1] != clauses[after]))
    ):
        return tokens[after]
    for phrase in SELF_AFTER:
        end = index + len(phrase)
        if (
            end < len(tokens)
            and tuple(tokens[index + 1 : end + 1]) == phrase
            and (not clauses or clauses[end] == clauses[index])
        ):
            return " ".join(phrase)
    return ""


@dataclass(frozen=True, slots=True)
class Aim:
    aimed: bool
    reason: str


def _self_reference_before(
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    first: int,
    phrases: Iterable[tuple[str, ...]],
) -> tuple[int, str] | None:
    """The end index of the nearest "I am" phrase before `first` in its sentence, if any (of
    two ending there, the one listed first)."""
    by_last = _by_last_word(tuple(phrases))
    sentence = sentences[first]
    for end in range(first - 1, max(first - 1 - WINDOW, -1), -1):
        for phrase in by_last.get(tokens[end], ()):
            begin = end - len(phrase) + 1
            if begin >= 0 and sentences[begin] == sentence and tokens[begin : end + 1] == phrase:
                return end, " ".join(phrase)
    return None


@lru_cache(maxsize=8)
def _by_last_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases by their last word, in their order: a position is then one lookup."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            found.setdefault(phrase[-1], []).append(phrase)
    return {word: tuple(them) for word, them in found.items()}


def _alone(
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    first: int,
    last: int,
    fillers: frozenset[int],
    address: frozenset[str],
) -> bool:
    """Whether the sentence holds nothing but the insult, other listed words and words of
    address: in a chat with a clinician, "Tosser.", "mikä urpo" and "hölmö hoitaja" are said to
    the reader, while "idiot" in a sentence that says more is not."""
    sentence = sentences[first]
    return all(
        first <= i <= last or i in fillers or tokens[i] in address
        for i in range(len(tokens))
        if sentences[i] == sentence
    )


def _address(
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    clauses: tuple[int, ...],
    first: int,
    last: int,
    fillers: frozenset[int],
    address: frozenset[str] = frozenset(),
) -> bool:
    """Whether the words are a clause by themselves next to another clause of the sentence:
    "Horunge, svara!", "Svara, din kärring" and "oi muppet, are you reading" address the
    reader."""
    if not clauses:
        return False
    clause, sentence = clauses[first], sentences[first]
    # The other clause is about a thing ("..., appen kraschade igen"): the swearing is at it.
    # Most messages name no thing at all, which one set test tells.
    if not THINGS.isdisjoint(tokens) and any(
        sentences[i] == sentence
        and tokens[i] in THINGS
        and (i == 0 or clauses[i - 1] != clauses[i])
        for i in range(len(tokens))
    ):
        return False
    # A sentence of one clause has no other clause to stand beside (most messages): one count.
    if clauses.count(clause) == len(clauses):
        return False
    if any(
        c == clause and not first <= i <= last and i not in fillers and tokens[i] not in address
        for i, c in enumerate(clauses)
    ):
        return False
    return any(sentences[i] == sentence and clauses[i] != clause for i in range(len(clauses)))


@lru_cache(maxsize=8)
def _nobody(window: int) -> Aim:
    """The answer for most insult words: made once a window (an Aim is frozen)."""
    return Aim(False, f"no second-person word within {window} words in the sentence")


def aim(
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    first: int,
    last: int,
    second_person: frozenset[str],
    self_reference: Iterable[tuple[str, ...]],
    window: int = WINDOW,
    fillers: frozenset[int] = frozenset(),
    alternatives: tuple[str, ...] | None = None,
    clauses: tuple[int, ...] = (),
    address: frozenset[str] = frozenset(),
) -> Aim:
    """Whether the words `first`..`last` are said to someone.

    `fillers` are positions of other swear words: "you stupid fucking idiot" is as close as
    "you idiot". `alternatives` are the tokens with stretched letters squeezed ("diiin").
    """
    sentence = sentences[first]
    nearest: tuple[int, int, str] | None = None
    for step in (-1, 1):
        index = first if step < 0 else last
        distance = 0
        # Swear words in between do not count, but a run of them must not make this quadratic.
        for _ in range(window * 3):
            index += step
            if not 0 <= index < len(tokens) or sentences[index] != sentence:
                break
            word = tokens[index]
            if word not in second_person and alternatives is not None:
                word = alternatives[index]
            if index not in fillers or word in second_person:
                distance += 1
            if distance > window:
                break
            if word in second_person:
                # Across a comma only a neighbour counts: "idiot, du har fel" is said to
                # someone, "han kallades idiot i skolan, kan du ge råd" is not.
                same_clause = not clauses or clauses[index] == clauses[first]
                if (same_clause or distance == 1) and (nearest is None or distance < nearest[0]):
                    nearest = (distance, index, word)
                break
    if nearest is None:
        opens = first == 0 or sentences[first - 1] != sentence
        after = last + 1
        if (
            opens
            and after < len(tokens)
            and sentences[after] == sentence
            and tokens[after] in ORDERS
            and (not clauses or clauses[after] == clauses[last])
        ):
            return Aim(True, f"said as address: it opens an order ('{tokens[after]}')")
        if _address(tokens, sentences, clauses, first, last, fillers, address):
            return Aim(True, "said as address: a clause of its own beside another")
        if _alone(tokens, sentences, first, last, fillers, address):
            mine = _self_reference_before(tokens, sentences, first, self_reference)
            if mine is None:
                return Aim(True, "said as address: a sentence of insult words alone")
        return _nobody(window)
    mine = _self_reference_before(tokens, sentences, first, self_reference)
    if mine is not None and not (mine[0] < nearest[1] < first):
        return Aim(False, f"about the writer: '{mine[1]}' comes before it")
    words = "word" if nearest[0] == 1 else "words"
    return Aim(True, f"second person '{nearest[2]}' {nearest[0]} {words} away")
