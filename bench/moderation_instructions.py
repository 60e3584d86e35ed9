"""Moderation cost in CPU instructions: a speed figure the machine's load does not move.

`bench/moderation.py --speed-only` times checks, and on a shared machine the same code reads
±15% from one run to the next (and 40% apart from one session's machine to another's). This
script counts the instructions one `Moderator.check` takes instead, under valgrind's callgrind
(Debian package `valgrind`): the shipped lexicon plus the synthetic entries that bring it to
5,000 (as bench/moderation.py), the bench's corpus messages or its 20-word messages, each
checked twice before counting (warm memos, as in a running bot), then once each with only that
loop counted and the garbage collector held off. Give several trees to compare them (e.g. a
`git archive` of an older commit):

    .venv/bin/python bench/moderation_instructions.py                 # this checkout
    .venv/bin/python bench/moderation_instructions.py /tmp/old .       # old against this one

About three minutes a tree and kind of message (callgrind runs ~50x slower).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
KINDS = ("corpus", "twenty")


def _workload(kind: str, count_file: str) -> None:
    """Run inside valgrind with cwd = the tree measured: only deque's constructor is counted."""
    sys.path.insert(0, os.getcwd())
    from bench.moderation import FILLER, load_corpus, synthetic_lexicon
    from bot.moderation import Moderator

    with tempfile.TemporaryDirectory() as tmp:
        synthetic_lexicon(Path(tmp), 5000)
        moderator = Moderator.load(Path(tmp))
    if kind == "corpus":
        texts = [text for _, _, text in load_corpus("benign") + load_corpus("abusive")]
    else:
        rng = random.Random(11)
        texts = [" ".join(rng.choice(FILLER) for _ in range(20)) for _ in range(500)]
    for _ in range(2):
        for text in texts:
            moderator.check(text)
    Path(count_file).write_text(str(len(texts)))
    # A full collection over the lexicon's objects costs some 100k instructions a check of 500
    # when it falls in the counted loop, and whether it does depends on what came before: it
    # is left out, so two trees compare their own work.
    gc.collect()
    gc.disable()
    deque(map(moderator.check, texts), maxlen=0)


def _count(tree: Path, kind: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        count_file = str(Path(tmp) / "count")
        run = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--collect-atstart=no",
                "--toggle-collect=deque_init",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                str(Path(__file__).resolve()),
                "--workload",
                kind,
                count_file,
            ],
            cwd=tree,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=False,
        )
        found = re.search(r"Collected : (\d+)", run.stderr)
        if run.returncode != 0 or found is None or not Path(count_file).exists():
            raise SystemExit(f"callgrind failed in {tree}: {run.stderr[-500:]}")
        return int(found.group(1)) / int(Path(count_file).read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", type=Path, help="checkouts to measure (default: this)")
    parser.add_argument("--kind", choices=KINDS, action="append", help="messages (default both)")
    parser.add_argument("--workload", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.workload:
        _workload(*args.workload)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    for kind in args.kind or KINDS:
        for tree in args.trees or [HERE]:
            per_check = _count(tree.resolve(), kind)
            print(f"{kind:7s} {per_check:>10,.0f} instructions a check  {tree}")


if __name__ == "__main__":
    main()
