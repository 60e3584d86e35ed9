"""Whether a change to the matcher changed any verdict: the matcher of a git revision against the
working tree's, on the same lexicon (the working tree's), over every development corpus.

Each line of tests/corpora/moderation_dev*.tsv, abusive.tsv and benign.tsv is checked with its
language and with none; the verdicts and the whole `explain` text (hits, forms, notes) must be
the same, and so must the matcher's raw findings (entries, token spans, order) for the message
and each reading of its masked letters. The untuned set (moderation_unseen.tsv) is never read.

    .venv/bin/python bench/moderation_same.py                 # against HEAD's matcher
    .venv/bin/python bench/moderation_same.py --reference f4c817d

Exits 1 on any difference, listing the first few.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from moderation import load_corpus  # noqa: E402

from bot.moderation import Moderator  # noqa: E402
from bot.moderation.lexicon import load_lexicon  # noqa: E402
from bot.moderation.normalisation import analyse, unmasked  # noqa: E402

CORPORA = ROOT / "tests" / "corpora"
MATCHER = "bot/moderation/matcher.py"


def reference_matcher(revision: str, folder: Path) -> Any:
    source = subprocess.run(
        ["git", "show", f"{revision}:{MATCHER}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = folder / "reference_matcher.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("reference_matcher", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.Matcher


def findings(moderator: Moderator, text: str) -> list[Any]:
    found = []
    for reading in (text, *unmasked(text)):
        candidates, allowed = moderator.matcher.find(analyse(reading))
        found.append(
            (
                [(c.entry.id, c.first, c.last, c.form, c.stretched) for c in candidates],
                [(allow.id, first, last) for allow, first, last in allowed],
            )
        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default="HEAD", help="git revision of the old matcher")
    args = parser.parse_args()
    files = [*sorted(CORPORA.glob("moderation_dev*.tsv")), CORPORA / "abusive.tsv"]
    files.append(CORPORA / "benign.tsv")
    lexicon = load_lexicon()
    ours = Moderator(lexicon)
    theirs = Moderator(lexicon)
    with tempfile.TemporaryDirectory() as folder:
        matcher = reference_matcher(args.reference, Path(folder))
        started = time.process_time()
        theirs.matcher = matcher(lexicon)
        print(
            f"reference matcher ({args.reference}) built in {time.process_time() - started:.2f} s"
        )
    started = time.process_time()
    ours.matcher = type(ours.matcher)(lexicon)
    print(f"working tree's matcher built in {time.process_time() - started:.2f} s")
    compared = 0
    differences: list[str] = []
    texts: list[str] = []
    for path in files:
        for lang, _, text in load_corpus(path):
            texts.append(text)
            for language in (lang, None):
                compared += 1
                if ours.explain(text, language) != theirs.explain(text, language) or ours.check(
                    text, language
                ) != theirs.check(text, language):
                    differences.append(f"{path.name} ({language}): {text!r}")
            if findings(ours, text) != findings(theirs, text):
                differences.append(f"{path.name} findings: {text!r}")
    for name, moderator in (("reference", theirs), ("working tree", ours)):
        started = time.process_time()
        for text in texts:
            moderator.check(text)
        spent = (time.process_time() - started) / len(texts) * 1e6
        print(f"{name}: {spent:.0f} µs of CPU a message")
    print(
        f"lexicon {lexicon.version}: {compared} verdicts on {len(texts)} messages compared,"
        f" {len(differences)} differences"
    )
    for line in differences[:10]:
        print(f"  {line}")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
