"""Danger words under typing noise: the tuning sets typed as people type, figures per kind of slip.

Each line of the tuning sets (never the unseen set) is typed again with one kind of slip, seeded,
`--variants` times per line and kind: a letter dropped, doubled, swapped with its neighbour, hit
beside on a Nordic QWERTY keyboard (with å, ä, ö), diacritics removed, a long word split in two,
two words joined, all lower case, all caps, a space lost after punctuation. The letter slips fall
on a word of four letters or more. Printed per kind: dangerous messages still seen, crisis
messages still answered with crisis help, benign messages alarmed — how the vocabulary
generalises to how people type, measured without touching held-out data.

    .venv/bin/python bench/danger_noise.py [CORPUS.tsv ...] [--variants 3] [--seed 12]
    .venv/bin/python bench/danger_noise.py --kind swap --lost     # what a slip loses, as lines

`--lost` lists the dangerous lines seen as written and lost with the slip (and the benign lines
that the slip makes alarm): for tuning sets only.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.danger_words import CORPORA, Row, load
from flows.phrases import crisis_words, red_flag_hits

TUNING = (
    "first_messages_tuned.tsv",
    "first_messages_dev.tsv",
    "first_messages_dev2.tsv",
    "first_messages_dev3.tsv",
    "first_messages_dev4.tsv",
    "first_messages_dev5.tsv",
)
UNSEEN = "first_messages_unseen.tsv"

_ROWS = ("1234567890+", "qwertyuiopå", "asdfghjklöä", "zxcvbnm,.-")
_KEYS = {key: (row, col) for row, keys in enumerate(_ROWS) for col, key in enumerate(keys)}
Slip = Callable[[str, random.Random], str | None]


def _neighbours(key: str) -> str:
    """The letters around `key` on a Swedish/Finnish keyboard (same row and the rows beside)."""
    if key not in _KEYS:
        return ""
    row, col = _KEYS[key]
    found = []
    for r, c in ((row, col - 1), (row, col + 1), (row - 1, col), (row - 1, col + 1)):
        found.append(_ROWS[r][c] if 0 <= r < len(_ROWS) and 0 <= c < len(_ROWS[r]) else "")
    for r, c in ((row + 1, col - 1), (row + 1, col)):
        found.append(_ROWS[r][c] if 0 <= r < len(_ROWS) and 0 <= c < len(_ROWS[r]) else "")
    return "".join(ch for ch in found if ch.isalpha())


def _word_places(text: str, least: int = 4) -> list[tuple[int, int]]:
    """Where the words of `least` letters or more are: (start, end) in `text`."""
    places, start = [], None
    for at, ch in enumerate(text + " "):
        if ch.isalpha():
            start = at if start is None else start
        elif start is not None:
            if at - start >= least:
                places.append((start, at))
            start = None
    return places


def _in_a_word(change: Callable[[str, random.Random], str | None], least: int = 4) -> Slip:
    def slip(text: str, rng: random.Random) -> str | None:
        places = _word_places(text, least)
        rng.shuffle(places)
        for start, end in places:
            changed = change(text[start:end], rng)
            if changed is not None and changed != text[start:end]:
                return text[:start] + changed + text[end:]
        return None

    return slip


def _drop(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word))  # people rarely lose the first letter
    return word[:at] + word[at + 1 :]


def _double(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    return word[: at + 1] + word[at] + word[at + 1 :]


def _swap(word: str, rng: random.Random) -> str | None:
    places = [at for at in range(1, len(word) - 1) if word[at] != word[at + 1]]
    if not places:
        return None
    at = rng.choice(places)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _adjacent(word: str, rng: random.Random) -> str | None:
    places = [at for at in range(1, len(word)) if _neighbours(word[at].lower())]
    if not places:
        return None
    at = rng.choice(places)
    near = rng.choice(_neighbours(word[at].lower()))
    return word[:at] + (near.upper() if word[at].isupper() else near) + word[at + 1 :]


def _split(word: str, rng: random.Random) -> str | None:
    # A compound split where its parts meet: both sides at least three letters.
    if len(word) < 8:
        return None
    at = rng.randrange(3, len(word) - 2)
    return word[:at] + " " + word[at:]


def _plain(text: str, rng: random.Random) -> str | None:
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
    )
    return unicodedata.normalize("NFC", stripped) if stripped != text else None


def _join(text: str, rng: random.Random) -> str | None:
    spaces = [at for at, ch in enumerate(text) if ch == " " and 0 < at < len(text) - 1]
    if not spaces:
        return None
    at = rng.choice(spaces)
    return text[:at] + text[at + 1 :]


def _space_lost(text: str, rng: random.Random) -> str | None:
    after = [at for at in range(1, len(text)) if text[at] == " " and text[at - 1] in ",.!?;:"]
    if not after:
        return None
    at = rng.choice(after)
    return text[:at] + text[at + 1 :]


KINDS: dict[str, Slip] = {
    "drop": _in_a_word(_drop),
    "double": _in_a_word(_double),
    "swap": _in_a_word(_swap),
    "adjacent": _in_a_word(_adjacent),
    "no_diacritics": _plain,
    "split": _in_a_word(_split, 8),
    "join": _join,
    "lower": lambda text, rng: text.lower() if text.lower() != text else None,
    "caps": lambda text, rng: text.upper(),
    "space_lost": _space_lost,
}


def _seen(text: str) -> tuple[bool, bool]:
    """(a red flag or crisis words found, crisis words found)."""
    crisis = crisis_words(text) is not None
    return bool(red_flag_hits(text)) or crisis, crisis


def measure(rows: list[Row], kind: str, variants: int, seed: int) -> tuple[list[int], list[str]]:
    """[dangerous, seen, crisis, answered, benign, alarmed] over the noisy variants of `rows`
    (lines the slip cannot change are left out), and what the slip lost, as lines."""
    rng = random.Random(f"{seed}:{kind}")
    slip = KINDS[kind]
    counts = [0] * 6
    lost: list[str] = []
    for row in rows:
        before = _seen(row.text)
        tried: set[str] = set()
        for _ in range(variants):
            noisy = slip(row.text, rng)
            if noisy is None or noisy in tried:
                continue
            tried.add(noisy)
            seen, crisis = _seen(noisy)
            if row.label == "none":
                counts[4] += 1
                counts[5] += seen
                if seen and not before[0]:
                    lost.append(f"alarm [{row.lang}] {noisy!r} (was {row.text!r})")
                continue
            counts[0] += 1
            counts[1] += seen
            if before[0] and not seen:
                lost.append(f"lost [{row.lang}] {row.label}: {noisy!r} (was {row.text!r})")
            if row.label == "crisis":
                counts[2] += 1
                counts[3] += crisis
                if before[1] and not crisis:
                    lost.append(f"no crisis [{row.lang}] {noisy!r} (was {row.text!r})")
    return counts, lost


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:.1f}%" if whole else "-/0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--kind", choices=sorted(KINDS), action="append")
    parser.add_argument("--lost", action="store_true", help="list what each slip lost")
    args = parser.parse_args(argv)
    files = args.files or [CORPORA / name for name in TUNING if (CORPORA / name).exists()]
    if any(path.name == UNSEEN for path in files):
        print(f"{UNSEEN} is held out: never typed again here", file=sys.stderr)
        return 1
    rows = [row for path in files for row in load(path)]
    print(f"{len(rows)} lines from {', '.join(path.name for path in files)}")
    totals = [0] * 6
    for kind in args.kind or KINDS:
        counts, lost = measure(rows, kind, args.variants, args.seed)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        print(
            f"  {kind:<13} dangerous seen {_pct(counts[1], counts[0])}"
            f" | crisis answered {_pct(counts[3], counts[2])}"
            f" | benign alarmed {_pct(counts[5], counts[4])}"
        )
        if args.lost:
            for line in lost:
                print("      " + line)
    print(
        f"  {'all':<13} dangerous seen {_pct(totals[1], totals[0])}"
        f" | crisis answered {_pct(totals[3], totals[2])}"
        f" | benign alarmed {_pct(totals[5], totals[4])}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
