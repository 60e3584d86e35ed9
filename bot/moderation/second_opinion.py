"""A statistical second opinion on messages the tone rules find nothing in (issue 14).

The rules carry little to writers they were not written for (docs/decisions.md, sessions 10 to
14: each round moved the held-out sets by a few lines); a linear model over the words and their
letter groups carries much further (on six held-out sets, 1,011 -> 1,099 of 1,238 abusive lines in
their category; 8 of 1,903 benign held-out lines sent to review). It is asked only where the rules
find nothing above profanity, and what it says never acts on the patient: no warning, no strike,
nothing held and no crisis message (the danger vocabulary alone decides crisis help, DESIGN 8a).
Staff are asked to read the message, with the words that weighed most as the reason
(bot/moderation/policy.py: action "review").

The model is softmax regression over hashed features: each distinct word of the normal form,
and the three- and four-letter groups of "<word>". Weights are int16, 2**16 rows of one weight
per category, in `second_opinion.bin` beside this module (written by
scripts/train_second_opinion.py from the development corpora; the held-out ones never).

Per message, a word's weights are summed once and kept (words repeat: most of a message's cost
is a dictionary look-up per word), packed as one integer with a 48-bit field per category so a
message's sum is one addition per word.
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

MODEL_FILE = Path(__file__).resolve().parent / "second_opinion.bin"
BITS = 16
GRAMS = (3, 4)
# Below this the model stays silent (chosen on development sets, docs/decisions.md).
THRESHOLD = 0.9
RULE_PREFIX = "second_opinion."
# "hallå?", "tack", "ok då": a word or two is too little to read; the rules' lists hold the
# one-word insults.
FEWEST_WORDS = 3
_FIELD = 48
_MASK = (1 << _FIELD) - 1
# Added to every weight of a word so a field never goes below zero; taken off when read.
_OFFSET = 1 << 32
_CACHE_LIMIT = 8192


def feature_names(word: str) -> list[str]:
    """The features one word brings: itself and its letter groups, each once."""
    padded = f"<{word}>"
    names = [f"w:{word}"]
    for size in GRAMS:
        names.extend(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return list(dict.fromkeys(names))


def feature_rows(word: str) -> list[int]:
    """The hashed rows of one word's features (the trainer and the reader share this)."""
    mask = (1 << BITS) - 1
    return [zlib.crc32(name.encode()) & mask for name in feature_names(word)]


def is_read(token: str) -> bool:
    """Numbers are not read: a code counts only standing alone, and only the rules can tell
    (room 88, a dose, a phone number)."""
    return not any(letter.isdigit() for letter in token)


def message_words(tokens: list[str] | tuple[str, ...]) -> list[str]:
    """The distinct words of a message's normal form that are read, in order."""
    return [token for token in dict.fromkeys(tokens) if is_read(token)]


class Opinion(NamedTuple):
    category: str
    probability: float
    # The words that pushed most towards the category, most first.
    words: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    categories: tuple[str, ...]
    scale: float
    bias: tuple[float, ...]
    weights: array[int]  # int16, 2**BITS rows of len(categories)
    version: str


def load_model(path: Path = MODEL_FILE) -> Model:
    raw = zlib.decompress(path.read_bytes())
    length = int.from_bytes(raw[:4], "little")
    header = json.loads(raw[4 : 4 + length])
    weights = array("h")
    weights.frombytes(raw[4 + length :])
    if sys.byteorder == "big":
        weights.byteswap()  # written little-endian by scripts/train_second_opinion.py
    categories = tuple(header["categories"])
    if len(weights) != (1 << BITS) * len(categories):
        raise ValueError(
            f"{path.name}: {len(weights)} weights, not {1 << BITS} rows of {len(categories)}"
        )
    return Model(
        categories=categories,
        scale=float(header["scale"]),
        bias=tuple(float(b) for b in header["bias"]),
        weights=weights,
        version=str(header["version"]),
    )


class SecondOpinion:
    def __init__(self, model: Model, threshold: float = THRESHOLD) -> None:
        self.model = model
        self.threshold = threshold
        self.version = model.version
        self._width = len(model.categories)
        self._benign = frozenset(
            index for index, name in enumerate(model.categories) if name in ("clean", "profanity")
        )
        # word -> (packed sum of its features' weights, how many features, 1 or 0 for a number)
        self._words: dict[str, tuple[int, int, int]] = {}
        self._shifts = tuple(_FIELD * k for k in range(self._width))
        self._bias = model.bias

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> SecondOpinion:
        return cls(load_model(path))

    def _word(self, word: str) -> tuple[int, int, int]:
        """A word's packed weights, its number of features, and 1 (0 for a number, not read)."""
        known = self._words.get(word)
        if known is not None:
            return known
        if not is_read(word):
            found = (0, 0, 0)
        else:
            weights = self.model.weights
            width = self._width
            sums = [0] * width
            rows = feature_rows(word)
            for row in rows:
                start = row * width
                for k, weight in enumerate(weights[start : start + width]):
                    sums[k] += weight
            packed = 0
            for k, total in enumerate(sums):
                packed |= (total + _OFFSET) << (_FIELD * k)
            found = (packed, len(rows), 1)
        if len(self._words) >= _CACHE_LIMIT:
            # A bound, not a policy: everyday words come back within a few messages.
            self._words.clear()
        self._words[word] = found
        return found

    def _unpack(self, packed: int, words: int) -> list[int]:
        offset = words * _OFFSET
        return [((packed >> shift) & _MASK) - offset for shift in self._shifts]

    def ask(self, tokens: list[str] | tuple[str, ...]) -> Opinion | None:
        """The model's category where it is sure and not benign; None otherwise."""
        if len(tokens) < FEWEST_WORDS:
            return None
        known = self._words
        total = count = words = 0
        for word in dict.fromkeys(tokens):
            entry = known.get(word) or self._word(word)
            total += entry[0]
            count += entry[1]
            words += entry[2]
        if words < FEWEST_WORDS:
            return None
        divisor = self.model.scale * math.sqrt(count)
        scores = [
            s / divisor + b for s, b in zip(self._unpack(total, words), self._bias, strict=True)
        ]
        top = max(scores)
        best = scores.index(top)
        if best in self._benign:
            return None
        probability = 1.0 / sum(math.exp(score - top) for score in scores)
        if probability < self.threshold:
            return None
        return Opinion(
            self.model.categories[best], probability, self._reasons(message_words(tokens), best)
        )

    def _reasons(self, words: list[str], best: int) -> tuple[str, ...]:
        clean = self.model.categories.index("clean")
        pulls = []
        for word in words:
            if len(word) < 3:
                # "ll", "t" of "you'll", "haven't": no reason a reader could weigh.
                continue
            sums = self._unpack(self._word(word)[0], 1)
            pulls.append((sums[best] - sums[clean], word))
        pulls.sort(reverse=True)
        return tuple(word for pull, word in pulls[:3] if pull > 0)


_SHIPPED: list[SecondOpinion] = []


def shipped() -> SecondOpinion:
    """The shipped model, read once per process and shared by every moderator."""
    if not _SHIPPED:
        _SHIPPED.append(SecondOpinion.load())
    return _SHIPPED[0]
