"""A near entry placed in a message (Matcher._scan_near): every part in one sentence, close
enough, apart; and the candidate every mode of matching gives."""

from __future__ import annotations

from itertools import product
from typing import NamedTuple

from bot.moderation.lexicon import Entry


class Candidate(NamedTuple):
    """An entry found in a text, before the allowlist and the aiming rule have had their say.
    A named tuple: made for most messages, five times cheaper than a frozen dataclass."""

    entry: Entry
    first: int  # token index
    last: int  # token index, inclusive
    form: str  # the normalised text that matched
    stretched: bool  # found only after squeezing a stretched letter run to one


# From the first word of a near entry's first part to the last word of its last part.
NEAR_SPAN = 12
# A word repeated in a long message must not make the combinations explode.
_NEAR_TRIES = 6
# A named tuple made without its class's __new__ (as matcher._new).
_new = tuple.__new__


def _near(
    entry: Entry,
    seen: list[list[tuple[int, int]]],
    tokens: tuple[str, ...],
    sentences: tuple[int, ...],
    stretched: bool,
) -> Candidate | None:
    """The first way every part of a near entry sits in one sentence, close enough, apart."""
    *parts, unless = seen
    if not all(parts):
        return None
    # A word repeated in a long message must not make the combinations explode: the first
    # few places of each part are tried.
    for spans in parts:
        if len(spans) > _NEAR_TRIES:
            parts = [spans[:_NEAR_TRIES] for spans in parts]
            break
    vetoed = {sentences[first] for first, _ in unless} if unless else ()
    gap = entry.within or NEAR_SPAN
    # Plain loops, not generators given to min, max and any: a generator's frame cost more
    # than the two or three parts it walks (this runs for a message in three).
    for combo in product(*parts):
        low, high = combo[0]
        for first, last in combo:
            if first < low:
                low = first
            if last > high:
                high = last
        if high - low >= NEAR_SPAN or sentences[low] != sentences[high]:
            continue
        if sentences[low] in vetoed:
            continue
        ordered = combo if entry.ordered else sorted(combo)
        end = ordered[0][1]
        for first, last in ordered[1:]:
            if not 0 <= first - end - 1 <= gap:
                break
            end = last
        else:
            words = [
                tokens[first] if first == last else " ".join(tokens[first : last + 1])
                for first, last in (sorted(combo) if entry.ordered else ordered)
            ]
            return _new(Candidate, (entry, low, high, " … ".join(words), stretched))
    return None
