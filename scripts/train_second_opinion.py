"""Train the tone rules' statistical second opinion (bot/moderation/second_opinion.py).

    .venv/bin/python scripts/train_second_opinion.py

Reads every development corpus of tests/corpora (moderation_dev*.tsv, abusive.tsv, benign.tsv;
the held-out moderation_unseen*.tsv never), trains softmax regression over the hashed features
the bot reads (AdaGrad, eight passes, a fixed seed: the same corpora give the same file), and
writes bot/moderation/second_opinion.bin: a JSON header (categories, weight scale, biases, the
training corpora's digest) and 2**16 rows of int16 weights, zlib-compressed. numpy is needed
here only; the bot reads the file without it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.moderation import load_corpus  # noqa: E402
from bot.moderation import normalise  # noqa: E402
from bot.moderation.lexicon import CATEGORIES as TONE  # noqa: E402
from bot.moderation.second_opinion import (  # noqa: E402
    BITS,
    MODEL_FILE,
    feature_rows,
    message_words,
)

CORPORA = ROOT / "tests" / "corpora"
CATEGORIES = ("clean", *TONE)
EPOCHS = 8
RATE = 0.5
BIAS_RATE = 0.05
L2 = 1e-6
SEED = 0


def training_files() -> list[Path]:
    found = sorted(CORPORA.glob("moderation_dev*.tsv"))
    # Patients' first messages written for the danger words: everyday and red-flag messages
    # are clean, crisis lines self-harm (their held-out file, first_messages_unseen, never).
    first = sorted(CORPORA.glob("first_messages_dev*.tsv"))
    return [*found, CORPORA / "abusive.tsv", CORPORA / "benign.tsv", *first]


def digest(files: list[Path]) -> str:
    """What the shipped model was trained on; a test compares it with the corpora of today."""
    hashed = hashlib.sha256()
    for path in files:
        hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()[:16]


def rows(files: list[Path]) -> list[tuple[str, str]]:
    """(category, text) of every line, read as the bench reads them ("\\u200b" escapes too)."""
    found = []
    for path in files:
        for _, label, text in load_corpus(path):
            if path.name.startswith("first_messages"):
                label = "self_harm" if label == "crisis" else "clean"
            found.append((label, text))
    return found


def features(text: str) -> np.ndarray:
    indices: list[int] = []
    for word in message_words(normalise(text).split()):
        indices.extend(feature_rows(word))
    return np.array(indices, dtype=np.int64)


def train(examples: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    index = {name: i for i, name in enumerate(CATEGORIES)}
    pairs = [(features(text), index[category]) for category, text in examples]
    pairs = [(found, label) for found, label in pairs if len(found)]
    size, width = 1 << BITS, len(CATEGORIES)
    weights = np.zeros((size, width), dtype=np.float32)
    squares = np.full((size, width), 1e-8, dtype=np.float32)
    bias = np.zeros(width, dtype=np.float32)
    rng = np.random.default_rng(SEED)
    for _ in range(EPOCHS):
        for i in rng.permutation(len(pairs)):
            found, label = pairs[i]
            root = np.sqrt(len(found))
            scores = weights[found].sum(0) / root + bias
            scores -= scores.max()
            probabilities = np.exp(scores)
            probabilities /= probabilities.sum()
            error = probabilities.copy()
            error[label] -= 1
            gradient = np.tile(error / root, (len(found), 1)) + L2 * weights[found]
            squares[found] += gradient**2
            weights[found] -= RATE * gradient / np.sqrt(squares[found])
            bias -= BIAS_RATE * error
    return weights, bias


def main() -> None:
    files = training_files()
    examples = rows(files)
    weights, bias = train(examples)
    scale = 32767.0 / float(np.abs(weights).max())
    quantised = np.round(weights * scale).astype("<i2")
    trained_on = digest(files)
    header = {
        "categories": list(CATEGORIES),
        "scale": scale,
        "bias": [float(b) for b in bias],
        "trained_on": trained_on,
        "files": [path.name for path in files],
        # The weights themselves: a change of features or training makes a new version.
        "version": "model-" + hashlib.sha256(quantised.tobytes()).hexdigest()[:8],
    }
    encoded = json.dumps(header).encode()
    raw = len(encoded).to_bytes(4, "little") + encoded + quantised.tobytes()
    MODEL_FILE.write_bytes(zlib.compress(raw, 9))
    print(
        f"{len(examples)} messages from {len(files)} corpora; wrote {MODEL_FILE.name}"
        f" ({MODEL_FILE.stat().st_size:,} bytes), version {header['version']}"
    )


if __name__ == "__main__":
    main()
