"""Moderation quality and speed.

Quality: precision and recall per category on the two tuned test corpora (tests/corpora), with
the shipped lexicon, with and without the message's language; and, reported apart, on the
corpora written by someone who never saw the lexicon (`moderation_unseen.tsv` to
`moderation_unseen7.tsv`: never tuned on), with the alerts that
matter there (every threat alerts staff, every self-harm line a clinical alert, no benign
message above "log"). Speed:
messages per second through `Moderator.check` (normalisation included) with the shipped lexicon
plus a synthetic lexicon that brings it to 5,000 entries (word, prefix, suffix and phrase
entries), on corpus messages and on 20-word messages.

    .venv/bin/python bench/moderation.py [--messages 100000] [--entries 5000]
    .venv/bin/python bench/moderation.py --corpus tests/corpora/moderation_dev2.tsv --no-speed
    .venv/bin/python bench/moderation.py --speed-only

`--corpus PATH` measures any corpus file the way the untuned set is measured (per-category
precision and recall, abusive lines in their category, threats and self-harm alerted, benign
above "log") in place of the untuned set; `--speed-only` measures speed alone. Both leave the
untuned set unread, so it can be looked at only when that is meant.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import NoReturn

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.moderation import Moderator
from bot.moderation.lexicon import CATEGORIES, DEFAULT_DIRECTORY

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpora"
# moderation_unseen: the first held-out set (session 6); moderation_unseen2: a balanced one
# written as an outside evaluator would, before session 10's tuning; moderation_unseen3: another
# such, written at session 12's start (at 6badc4e: 189/255 = 74.1%, threats 31/54, self-harm
# 38/45, benign above log 5/186); moderation_unseen4..6: three more, written at session 14's
# start by writers told to make the clean lines hard look-alikes (sv; en and fi; all three as
# people text), 440 lines each.
UNTUNED = (
    "moderation_unseen",
    "moderation_unseen2",
    "moderation_unseen3",
    "moderation_unseen4",
    "moderation_unseen5",
    "moderation_unseen6",
    # Written at session 15's end, after its rounds, as an outside evaluator would (440 lines).
    "moderation_unseen7",
    # Benign only: 500 messages said to the nurse (session 14), for the false alarms there.
    "moderation_unseen_addressed",
)
LETTERS = "abcdefghijklmnoprstuvyåäö"
# Everyday words of a Swedish patient message, for 20-word messages.
_EVERYDAY = (
    "jag har haft ont i magen sedan i går och det blir värre på kvällen kan du ringa mig feber "
    "hosta huvudvärk ryggen knät urinen blod tre dagar medicinen slut recept vecka natt sova "
    "trött yrsel illamående barnet"
)
FILLER = tuple(_EVERYDAY.split())


def load_corpus(name: str | Path) -> list[tuple[str, str, str]]:
    path = name if isinstance(name, Path) else CORPORA / f"{name}.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, expected, text = line.split("\t")
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
        rows.append((lang, expected, text))
    return rows


def quality(moderator: Moderator, rows: list[tuple[str, str, str]], use_lang: bool) -> None:
    predicted: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    right: Counter[str] = Counter()
    flagged_benign = 0
    for lang, want, text in rows:
        verdict = moderator.check(text, lang if use_lang else None)
        got = verdict.category
        predicted[got] += 1
        expected[want] += 1
        if got == want:
            right[want] += 1
        if want in ("clean", "profanity") and verdict.flagged:
            flagged_benign += 1
    print(f"  {'category':<18} {'n':>5} {'precision':>10} {'recall':>8}")
    for category in ("clean", *CATEGORIES):
        if not expected[category] and not predicted[category]:
            continue
        precision = right[category] / predicted[category] if predicted[category] else 0.0
        recall = right[category] / expected[category] if expected[category] else 0.0
        print(f"  {category:<18} {expected[category]:>5} {precision:>10.3f} {recall:>8.3f}")
    print(
        f"  overall right category {sum(right.values())}/{len(rows)}"
        f" = {sum(right.values()) / len(rows):.3f}; benign flagged above log: {flagged_benign}"
    )


def alerts(moderator: Moderator, rows: list[tuple[str, str, str]]) -> None:
    """What the untuned set is judged by: abusive lines in their category, threats and
    self-harm alerted, benign lines never above "log"."""
    abusive = [row for row in rows if row[1] not in ("clean", "profanity")]
    in_category = sum(
        1 for lang, want, text in abusive if moderator.check(text, lang).category == want
    )
    by_rules = sum(
        1
        for lang, want, text in abusive
        if (verdict := moderator.check(text, lang)).category == want and verdict.action != "review"
    )
    threats = [text for lang, want, text in rows if want == "threat"]
    # A threat with crisis words alerts staff too, after the crisis care (Verdict.alerts_staff).
    alerted = sum(1 for text in threats if moderator.check(text).alerts_staff)
    # Only the second opinion saw it: staff are asked to read it, the message is not held.
    threats_reviewed = sum(1 for text in threats if _reviewed(moderator, text, "threat"))
    harm = [text for lang, want, text in rows if want == "self_harm"]
    clinical = sum(1 for text in harm if moderator.check(text).action == "clinical_alert")
    harm_reviewed = sum(1 for text in harm if _reviewed(moderator, text, "self_harm"))
    benign = [(lang, text) for lang, want, text in rows if want in ("clean", "profanity")]
    above_log = sum(1 for lang, text in benign if moderator.check(text, lang).flagged)
    benign_reviewed = sum(
        1 for lang, text in benign if moderator.check(text, lang).action == "review"
    )
    if not abusive:
        print(
            f"  benign above log {above_log}/{len(benign)}"
            f" (of them {benign_reviewed} to staff review)"
        )
        return
    print(
        f"  abusive in the right category {in_category}/{len(abusive)}"
        f" = {in_category / max(1, len(abusive)):.3f} (by the rules alone {by_rules});"
        f" threats alerted {alerted}/{len(threats)} (+{threats_reviewed} to staff review);"
        f" self-harm clinical alert {clinical}/{len(harm)} (+{harm_reviewed} to staff review);"
        f" benign above log {above_log}/{len(benign)} (of them {benign_reviewed} to staff review)"
    )


def _reviewed(moderator: Moderator, text: str, category: str) -> bool:
    verdict = moderator.check(text)
    return verdict.action == "review" and verdict.category == category


def word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(low, high)))


def synthetic_lexicon(folder: Path, entries: int, seed: int = 7) -> int:
    """Copy the shipped lexicon and add synthetic entries up to `entries` in all."""
    for path in DEFAULT_DIRECTORY.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    shipped = len(Moderator.load(folder).lexicon.entries)
    rng = random.Random(seed)
    rows = []
    modes = ["word"] * 60 + ["prefix"] * 20 + ["suffix"] * 10 + ["phrase"] * 10
    for number in range(max(0, entries - shipped)):
        mode = rng.choice(modes)
        if mode == "phrase":
            pattern = " ".join(word(rng, 3, 8) for _ in range(rng.randint(2, 4)))
        else:
            pattern = word(rng, 6, 11)
        rows.append(
            {
                "id": f"synthetic.{number}",
                "pattern": pattern,
                "mode": mode,
                "category": rng.choice(CATEGORIES),
                "severity": rng.randint(1, 3),
                "examples_match": [pattern],
            }
        )
    (folder / "synthetic.yaml").write_text(
        yaml.safe_dump({"language": "synthetic", "entries": rows}, allow_unicode=True),
        encoding="utf-8",
    )
    return shipped + len(rows)


def fail(message: str) -> NoReturn:
    print(f"set-up failed: {message}", file=sys.stderr)
    raise SystemExit(1)


def speed(moderator: Moderator, messages: list[str], count: int, label: str) -> None:
    batch = (messages * (count // len(messages) + 1))[:count]
    for text in batch[:2000]:
        moderator.check(text)
    started = time.perf_counter()
    cpu_started = time.process_time()
    for text in batch:
        moderator.check(text)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    words = sum(len(t.split()) for t in batch) / len(batch)
    # CPU time too: on a shared machine the wall clock also counts other people's work.
    print(
        f"  {label}: {count / elapsed:,.0f} messages/s wall clock,"
        f" {count / cpu:,.0f} per CPU second"
        f" ({elapsed / count * 1e6:.1f} µs a message, {words:.1f} words on average)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="measure this corpus file as the untuned set is measured (instead of that set)",
    )
    parser.add_argument("--no-speed", action="store_true", help="quality figures only")
    parser.add_argument("--speed-only", action="store_true", help="speed figures only")
    args = parser.parse_args()

    benign = load_corpus("benign")
    abusive = load_corpus("abusive")
    if not benign or not abusive:
        fail(f"empty corpus: benign {len(benign)} messages, abusive {len(abusive)}")
    shipped = Moderator.load()
    print(f"lexicon {shipped.version}: {len(shipped.lexicon.entries)} entries")
    if not args.speed_only and not args.corpus:
        for use_lang in (False, True):
            how = "with the message's language" if use_lang else "all languages (lang=None)"
            print(f"benign corpus ({len(benign)} messages), {how}:")
            quality(shipped, benign, use_lang)
            print(f"abusive corpus ({len(abusive)} messages), {how}:")
            quality(shipped, abusive, use_lang)
        # The held-out sets, each by a writer who never saw the lexicon; nobody tunes on them.
        for name in UNTUNED:
            if not (CORPORA / f"{name}.tsv").exists():
                continue
            unseen = load_corpus(name)
            print(
                f"UNTUNED corpus {name}, written without seeing the lexicon"
                f" ({len(unseen)} messages):"
            )
            quality(shipped, unseen, True)
            alerts(shipped, unseen)
    for path in () if args.speed_only else args.corpus or ():
        rows = load_corpus(path)
        print(f"corpus {path} ({len(rows)} messages), with the message's language:")
        quality(shipped, rows, True)
        alerts(shipped, rows)
    if args.no_speed:
        return

    with tempfile.TemporaryDirectory() as tmp:
        total = synthetic_lexicon(Path(tmp), args.entries)
        started = time.perf_counter()
        big = Moderator.load(Path(tmp))
        built = time.perf_counter() - started
    if len(big.lexicon.entries) != total or total < args.entries:
        # Entries the loader dropped (a bad pattern, a duplicate id) would time a smaller list.
        fail(f"the lexicon has {len(big.lexicon.entries)} entries, not the {args.entries} asked")
    print(f"speed with {total} entries (load and build {built:.2f} s), normalisation included:")
    rng = random.Random(11)
    corpus_texts = [text for _, _, text in benign + abusive]
    twenty = [" ".join(rng.choice(FILLER) for _ in range(20)) for _ in range(5000)]
    speed(big, corpus_texts, args.messages, "corpus messages")
    speed(big, twenty, args.messages, "20-word messages")
    # The statistical second opinion's share, in the same run (these machines are noisy).
    alone = big.rules_only()
    speed(alone, corpus_texts, args.messages, "corpus messages, rules only")
    speed(alone, twenty, args.messages, "20-word messages, rules only")


if __name__ == "__main__":
    main()
