"""Danger words (DESIGN 8a): how many dangerous first messages the vocabulary sees, and how fast.

Per corpus file and per language: dangerous messages seen (label not "none", and a red-flag hit
or crisis words), the right red flag first / among the hits, crisis messages answered with crisis
help (only `crisis_words` firing counts), benign messages alarmed (any hit), and µs per message
(red_flag_hits + crisis_words, as on every patient message). `--misses` lists what went wrong,
with the concepts the vocabulary found in the message.

    .venv/bin/python bench/danger_words.py [CORPUS.tsv ...] [--misses]
    .venv/bin/python bench/danger_words.py --speed     # 20-word messages, none read before

`--speed` times crisis_words and red_flag_hits apart and together on 20-word everyday Swedish
messages (bench/moderation.py's words), each message new, so no reading is remembered.

Without files: tests/corpora/first_messages_tuned.tsv, first_messages_dev.tsv and
first_messages_dev2.tsv (each written by someone who never saw the lists; tuned on since) and,
when present, first_messages_unseen.tsv: never tuned on, never read; report its figures only,
never run it with --misses.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.concepts import reading_of
from flows.phrases import crisis_words, matching_rules, red_flag_hits


def fail(message: str) -> NoReturn:
    print(f"set-up failed: {message}", file=sys.stderr)
    raise SystemExit(1)


def forget() -> None:
    """Forget the remembered readings, so a timed message is read as if new."""
    reading_of.cache_clear()


CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpora"
DEFAULT_FILES = (
    "first_messages_tuned.tsv",
    "first_messages_dev.tsv",
    "first_messages_dev2.tsv",
    "first_messages_unseen.tsv",
)
LANGUAGES = ("sv", "en", "fi")


@dataclass(frozen=True)
class Row:
    lang: str
    label: str
    text: str


@dataclass
class Figures:
    dangerous: int = 0
    seen: int = 0
    flagged: int = 0  # red-flag lines
    first: int = 0
    among: int = 0
    crisis: int = 0
    answered: int = 0
    benign: int = 0
    alarmed: int = 0
    misses: list[str] = field(default_factory=list)
    wants_concepts: bool = False

    def line(self, name: str) -> str:
        return (
            f"{name:<4} dangerous seen {_pct(self.seen, self.dangerous)}"
            f" | right flag first {_pct(self.first, self.flagged)},"
            f" among hits {_pct(self.among, self.flagged)}"
            f" | crisis answered {_pct(self.answered, self.crisis)}"
            f" | benign alarmed {_pct(self.alarmed, self.benign)}"
        )


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:.1f}%" if whole else "-/0"


def load(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{path}:{number}: expected language<TAB>label<TAB>text")
        rows.append(Row(*parts))
    return rows


def score(rows: list[Row], concepts: bool = False) -> dict[str, Figures]:
    """Figures per language and for "all" (`concepts`: each miss with what was found)."""
    figures = {lang: Figures(wants_concepts=concepts) for lang in (*LANGUAGES, "all")}
    for row in rows:
        hits = red_flag_hits(row.text)
        crisis = crisis_words(row.text)
        for key in (row.lang, "all"):
            f = figures.setdefault(key, Figures())
            _count(f, row, hits, crisis is not None)
    return figures


def _count(f: Figures, row: Row, hits: list[str], crisis: bool) -> None:
    what = f"[{row.lang}] {row.label}: {row.text!r} -> {hits or '-'}{' +crisis' if crisis else ''}"
    if f.wants_concepts:
        what += f" {matching_rules(row.text)}"
    if row.label == "none":
        f.benign += 1
        if hits or crisis:
            f.alarmed += 1
            f.misses.append("false alarm " + what)
        return
    f.dangerous += 1
    if hits or crisis:
        f.seen += 1
    if row.label == "crisis":
        f.crisis += 1
        if crisis:
            f.answered += 1
        else:
            f.misses.append("crisis not answered " + what)
        return
    f.flagged += 1
    if hits[:1] == [row.label]:
        f.first += 1
    if row.label in hits:
        f.among += 1
    else:
        f.misses.append("flag missed " + what)


def speed(rows: list[Row], count: int = 1000) -> float:
    """µs per message over `count` messages (the corpus repeated), both scans."""
    texts = [row.text for row in rows] or ["ont i halsen"]
    messages = [texts[i % len(texts)] for i in range(count)]
    red_flag_hits("warm up")
    crisis_words("warm up")
    start = time.perf_counter()
    for text in messages:
        red_flag_hits(text)
        crisis_words(text)
    return (time.perf_counter() - start) / count * 1e6


def twenty_word_speed(count: int = 5000, seed: int = 7) -> dict[str, float]:
    """µs per 20-word message, each message new (no remembered reading): crisis_words alone,
    red_flag_hits alone, and both on the same message as on every patient message."""
    import random

    from bench.moderation import FILLER

    rng = random.Random(seed)
    for _ in range(2000):  # the per-word lookups warm, as in a running bot
        text = " ".join(rng.choice(FILLER) for _ in range(20))
        crisis_words(text)
        red_flag_hits(text)
    figures: dict[str, float] = {}
    for name in ("crisis_words", "red_flag_hits", "both"):
        # 20 of 33 words drawn at random: practically every message is new.
        texts = [" ".join(rng.choice(FILLER) for _ in range(20)) for _ in range(count)]
        forget()
        start = time.perf_counter()
        for text in texts:
            if name != "red_flag_hits":
                crisis_words(text)
            if name != "crisis_words":
                red_flag_hits(text)
        figures[name] = (time.perf_counter() - start) / count * 1e6
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--speed", action="store_true", help="µs per new 20-word message")
    args = parser.parse_args(argv)
    if args.speed:
        for name, micros in twenty_word_speed().items():
            print(f"20-word messages, {name}: {micros:.1f} µs per message")
        return 0
    files = args.files or [CORPORA / name for name in DEFAULT_FILES if (CORPORA / name).exists()]
    if not files:
        fail(f"no corpus files in {CORPORA}")
    for path in files:
        if not path.exists():
            fail(f"{path}: no such file")
        rows = load(path)
        if not rows:
            fail(f"{path}: no messages read")
        figures = score(rows, concepts=args.misses)
        print(f"{path.name}: {len(rows)} messages, {speed(rows):.1f} µs per message")
        for name, f in figures.items():
            if f.dangerous or f.benign:
                print("  " + f.line(name))
        if args.misses:
            for miss in figures["all"].misses:
                print("    " + miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
