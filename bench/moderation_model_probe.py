"""Would a statistical second opinion carry over where the tone rules do not? (issue 14)

An experiment, not part of the bot: a multinomial naive Bayes over words, word pairs and
character 3-5-grams (each counted once a message), trained on every development corpus of
tests/corpora, is asked about the held-out sets (never trained on) in three ways: alone; as a
second opinion wherever the rules find nothing above profanity; and only where the message is
said to someone (a second-person or staff word). Only summary figures are printed, as
bench/moderation.py does for the held-out sets.

    .venv/bin/python bench/moderation_model_probe.py
"""

from __future__ import annotations

import itertools
import math
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.moderation import UNTUNED, load_corpus
from bot.moderation import Moderator, normalise
from bot.moderation.lexicon import CATEGORIES as TONE_CATEGORIES
from bot.moderation.policy import action_for

# Every development corpus there is (new ones join by their name), never a held-out one.
TRAIN = (
    *sorted(
        path.stem
        for path in (Path(__file__).resolve().parent.parent / "tests" / "corpora").glob(
            "moderation_dev*.tsv"
        )
    ),
    "abusive",
    "benign",
)
# The tone categories in the lexicon's order, and "clean".
CATEGORIES = ("clean", *TONE_CATEGORIES)
BENIGN = ("clean", "profanity")
ALPHA = 0.3
STAFF = frozenset(
    {"nurse", "doctor", "doc", "sköterska", "sköterskan", "läkare", "läkaren", "hoitaja"}
    | {"lääkäri", "hoitsu", "syster", "doktorn"}
)
Row = tuple[str, str, str]


def features(text: str) -> set[str]:
    words = normalise(text).split()
    found = {f"w:{word}" for word in words}
    found |= {f"b:{first}_{second}" for first, second in itertools.pairwise(words)}
    for word in words:
        padded = f"<{word}>"
        for size in (3, 4, 5):
            found |= {f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1)}
    return found


class Bayes:
    def __init__(self, rows: list[Row]) -> None:
        self.counts = {category: Counter[str]() for category in CATEGORIES}
        self.docs = Counter[str]()
        for _, category, text in rows:
            self.counts[category].update(features(text))
            self.docs[category] += 1
        self.vocabulary = len(set().union(*self.counts.values()))
        self.totals = {category: sum(self.counts[category].values()) for category in CATEGORIES}

    def predict(self, text: str) -> tuple[str, float]:
        found = features(text)
        documents = sum(self.docs.values())
        scores = {}
        for category in CATEGORIES:
            below = self.totals[category] + ALPHA * self.vocabulary
            score = math.log(self.docs[category] / documents)
            counts = self.counts[category]
            score += sum(math.log((counts[feature] + ALPHA) / below) for feature in found)
            scores[category] = score
        top = max(scores.values())
        weights = {category: math.exp(score - top) for category, score in scores.items()}
        best = max(weights, key=weights.__getitem__)
        return best, weights[best] / sum(weights.values())


def measure(name: str, rows: list[Row], choose: dict[str, Callable[[str, str], str]]) -> None:
    for label, pick in choose.items():
        right = abusive = flagged = benign = 0
        for lang, want, text in rows:
            category = pick(lang, text)
            if want in BENIGN:
                benign += 1
                flagged += action_for(category, 2) not in ("none", "log")
            else:
                abusive += 1
                right += category == want
        print(
            f"{name}: {label}: abusive in the right category {right}/{abusive}"
            f" = {right / abusive:.3f}; benign above log {flagged}/{benign}"
        )


def main() -> None:
    model = Bayes([row for name in TRAIN for row in load_corpus(name)])
    rules = Moderator.load()
    said_to = frozenset(rules.lexicon.second_person) | STAFF

    def rules_only(lang: str, text: str) -> str:
        return rules.check(text, lang).category

    def second_opinion(lang: str, text: str, aimed: bool = False) -> str:
        category = rules.check(text, lang).category
        if category not in BENIGN:
            return category
        if aimed and said_to.isdisjoint(normalise(text).split()):
            return category
        guess, probability = model.predict(text)
        return guess if guess not in BENIGN and probability >= 0.99 else category

    for name in UNTUNED:
        measure(
            name,
            load_corpus(name),
            {
                "rules": rules_only,
                "model alone": lambda lang, text: model.predict(text)[0],
                "rules, then the model (p >= 0.99)": second_opinion,
                "rules, then the model where said to someone": lambda lang, text: second_opinion(
                    lang, text, aimed=True
                ),
            },
        )


if __name__ == "__main__":
    main()
