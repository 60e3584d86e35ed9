"""Tone rules under evasion: the tuning corpora's lines with one word disguised, per kind.

Each line of the tone-rule development corpora (never the unseen set) is written again once for
every word of four letters or more, that word disguised one way: letters apart ("i d i o t"),
dots between them, leetspeak digits, a held letter, look-alike Cyrillic letters, an invisible
character inside, an asterisk for a vowel, and the whole message without diacritics. Printed per
kind: abusive variants still in their category (of the lines that are as written), threats still
alerting staff, and benign variants flagged above "log" — how the rules hold when a writer hides a
word, measured without touching held-out data.

    .venv/bin/python bench/moderation_noise.py [CORPUS.tsv ...] [--kind leet] [--lost]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.moderation import CORPORA, load_corpus
from bot.moderation.moderator import Moderator

DEVELOPMENT = (
    "moderation_dev",
    "moderation_dev2",
    "moderation_dev3",
    "moderation_dev4",
    "moderation_dev5",
    "moderation_dev6",
    "moderation_dev7",
    "moderation_dev8",
    "moderation_dev9",
    "moderation_dev10",
)
_WORD = re.compile(r"[^\W\d_]{4,}")
_LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"})
_CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у"})
Disguise = Callable[[str, random.Random], str]


def _spaced(word: str, rng: random.Random) -> str:
    return " ".join(word)


def _dotted(word: str, rng: random.Random) -> str:
    return ".".join(word)


def _leet(word: str, rng: random.Random) -> str:
    # As written: some vowels (and an s) as digits, "1d10t", "h0ra", "k1ll", "b1tch", "a55".
    return "".join(ch.translate(_LEET) if rng.random() < 0.6 else ch for ch in word)


def _held(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    return word[:at] + word[at] * 3 + word[at + 1 :]


def _cyrillic(word: str, rng: random.Random) -> str:
    return word.translate(_CYRILLIC)


def _invisible(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word))
    return word[:at] + "\u200b" + word[at:]


def _asterisk(word: str, rng: random.Random) -> str:
    # Writers star a vowel ("f*ck", "id*ot", "h*ra"); a word with no inner vowel loses a letter.
    inner = [at for at in range(1, len(word) - 1) if word[at].lower() in "aeiouyåäö"]
    at = rng.choice(inner) if inner else rng.randrange(1, len(word) - 1)
    return word[:at] + "*" + word[at + 1 :]


KINDS: dict[str, Disguise] = {
    "spaced": _spaced,
    "dotted": _dotted,
    "leet": _leet,
    "held": _held,
    "cyrillic": _cyrillic,
    "invisible": _invisible,
    "asterisk": _asterisk,
}


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def variants(text: str, kind: str, rng: random.Random) -> list[str]:
    """The message once for every word of four letters or more, that word disguised."""
    if kind == "no_diacritics":
        plain = _plain(text)
        return [plain] if plain != text else []
    disguise = KINDS[kind]
    return [
        text[: m.start()] + disguise(m.group(0), rng) + text[m.end() :]
        for m in _WORD.finditer(text)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--kind", choices=[*KINDS, "no_diacritics"], action="append")
    parser.add_argument("--lost", action="store_true", help="list the variants that slip past")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    files = args.corpora or [CORPORA / f"{name}.tsv" for name in DEVELOPMENT]
    if any("unseen" in path.name for path in files):
        sys.exit("the unseen set is measured by bench/moderation.py only")
    rows = [row for path in files for row in load_corpus(path)]
    moderator = Moderator.load()
    kinds = args.kind or [*KINDS, "no_diacritics"]
    print(f"{len(rows)} lines from {len(files)} corpora; one word disguised per variant")
    for kind in kinds:
        rng = random.Random(args.seed)
        kept = total = alerted = threats = flagged = benign = 0
        for lang, want, text in rows:
            if want in ("clean", "profanity"):
                for variant in variants(text, kind, rng):
                    benign += 1
                    if moderator.check(variant, lang).flagged:
                        flagged += 1
                        if args.lost:
                            print(f"    flagged [{lang}] {want}: {variant!r}")
                continue
            if moderator.check(text, lang).category != want:
                continue  # only what the rules get right as written can be lost
            for variant in variants(text, kind, rng):
                total += 1
                verdict = moderator.check(variant, lang)
                if verdict.category == want:
                    kept += 1
                elif args.lost:
                    print(f"    lost [{lang}] {want} -> {verdict.category}: {variant!r}")
                if want == "threat":
                    threats += 1
                    alerted += verdict.action == "alert_staff"
        print(
            f"  {kind:<14} abusive kept {kept}/{total} {kept / max(1, total):.1%}"
            f" | threats alerted {alerted}/{threats} {alerted / max(1, threats):.1%}"
            f" | benign flagged {flagged}/{benign} {flagged / max(1, benign):.1%}"
        )


if __name__ == "__main__":
    main()
