"""How often the language-switch offer (DESIGN 9) is right on short patient messages, per detector.

Messages: the sv/en/fi patient corpora in tests/corpora (first messages, benign messages) and
tests/corpora/nordic_neighbours.tsv (Norwegian and Danish, which must never bring an offer).
Each message is judged as if its case were in Swedish, English and Finnish in turn. Right means:
an offer of the message's language when it differs from the case's (sv/en/fi only), no offer
otherwise. Messages under `min_words` are never judged, so they are left out; "short" is up to
--short words.

    .venv/bin/python bench/language_offer.py [--short 8]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import LanguageConfig
from bot.detection import Detector, LinguaDetector, detector_for, switch_to_offer, word_count

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpora"
FILES = (
    "first_messages_unseen.tsv",
    "first_messages_dev.tsv",
    "benign.tsv",
    "nordic_neighbours.tsv",
)
OURS = ("sv", "en", "fi")


def messages() -> list[tuple[str, str]]:
    """(language, text) of every message, first field the language, last field the text."""
    found = []
    for name in FILES:
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            text = (
                fields[-1].encode().decode("unicode_escape") if "\\u" in fields[-1] else fields[-1]
            )
            found.append((fields[0], text))
    return found


def judge(
    detector: Detector, config: LanguageConfig, corpus: list[tuple[str, str]], short: int
) -> dict[str, Counter[str]]:
    """Counts of right, missed (no offer where one was due) and wrong (an offer not due, or of
    the wrong language), for short messages and for all."""
    counts: dict[str, Counter[str]] = {"short": Counter(), "all": Counter()}
    for language, text in corpus:
        words = word_count(text)
        if words < config.min_words:
            continue
        for current in OURS:
            due = language if language in OURS and language != current else None
            offered = switch_to_offer(detector, config, text, current, OURS)
            verdict = "right" if offered == due else "missed" if offered is None else "wrong"
            buckets = ("short", "all") if words <= short else ("all",)
            for bucket in buckets:
                counts[bucket][verdict] += 1
                if language not in OURS:
                    counts[bucket][f"nordic_{verdict}"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=8, help="most words of a short message")
    args = parser.parse_args(argv)
    corpus = messages()
    by_language = Counter(language for language, _ in corpus)
    print(f"{len(corpus)} messages: {dict(sorted(by_language.items()))}")
    settings: list[tuple[str, LanguageConfig]] = [
        ("lingua high", LanguageConfig(detector="lingua", accuracy="high")),
        ("lingua low alone", LanguageConfig(detector="lingua", accuracy="low")),
        (
            "lingua low + langdetect (the default)",
            LanguageConfig(detector="lingua", accuracy="low"),
        ),
        ("langdetect", LanguageConfig(detector="langdetect")),
    ]
    for name, config in settings:
        began = time.perf_counter()
        detector: Detector | None = (
            LinguaDetector(OURS, high_accuracy=False)
            if name == "lingua low alone"
            else detector_for(config, OURS)
        )
        assert detector is not None
        built = time.perf_counter() - began
        began = time.perf_counter()
        counts = judge(detector, config, corpus, args.short)
        spent = time.perf_counter() - began
        parts = []
        for bucket in ("short", "all"):
            c = counts[bucket]
            judged = c["right"] + c["missed"] + c["wrong"]
            nordic = c["nordic_right"] + c["nordic_missed"] + c["nordic_wrong"]
            parts.append(
                f"{bucket}: {100 * c['right'] / judged:.1f}% right of {judged}"
                f" (missed {c['missed']}, wrong {c['wrong']};"
                f" Nordic neighbours offered nothing {c['nordic_right']}/{nordic})"
            )
        print(f"{name}: built in {built:.2f} s, judged in {spent:.1f} s")
        for part in parts:
            print(f"    {part}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
