"""Whether a change to the matcher changed any verdict: the matcher of a git revision against the
working tree's, on the same lexicon (the working tree's), over every development corpus.

Each line of tests/corpora/moderation_dev*.tsv, abusive.tsv and benign.tsv is checked with its
language and with none; the verdicts and the whole `explain` text (hits, forms, notes) must be
the same, and so must the matcher's raw findings (entries, token spans, order) for the message
and each reading of its masked letters. The untuned set (moderation_unseen.tsv) is never read.

    .venv/bin/python bench/moderation_same.py                 # against HEAD's matcher
    .venv/bin/python bench/moderation_same.py --reference f4c817d

`--whole` compares more than the matcher: the speed-tuned files (WHOLE: normalisation, matcher,
lexicon loader, moderator, codes, and the crisis words' first look in flows/phrases.py and
flows/spacing.py) of the revision against the working tree's, everything else
as in the working tree, each side in its own copy of the tree run with PYTHONHASHSEED=0. Every
line of every development corpus (moderation_dev*, first_messages_* but the unseen set,
abusive, benign, nordic_neighbours) and every string in tests/test_moderation*.py is read with
its language, with none and with sv, en and fi; the normalised form (tokens, sentences,
clauses, stretched and prepared text) and the masked readings, the verdict, the whole
`explain` text and the matcher's findings must be the same, on the shipped lexicon (whose
version and every entry's forms must be too) and, language none, on the bench's 5,000-entry
lexicon.

    .venv/bin/python bench/moderation_same.py --whole --reference HEAD

Exits 1 on any difference, listing the first few.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
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
# The files the speed work touches: --whole takes these from the reference revision.
WHOLE = (
    *(
        f"bot/moderation/{name}.py"
        for name in ("normalisation", "matcher", "cache", "moderator", "checks", "lexicon", "codes")
    ),
    "flows/phrases.py",
    "flows/spacing.py",
)
LANGUAGES = ("sv", "en", "fi")


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


def _corpus_files() -> list[Path]:
    """Every development corpus; the unseen sets are left out by name, never opened."""
    return sorted(path for path in CORPORA.glob("*.tsv") if "unseen" not in path.name)


def _texts() -> list[tuple[str | None, str]]:
    """(language or None, text) for every corpus line and every string of the moderation tests."""
    texts: list[tuple[str | None, str]] = []
    for path in _corpus_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            lang = fields[0] if fields[0] in LANGUAGES else None
            # As the bench reads it ("\\u200b" a zero-width space), and as written.
            text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), fields[-1])
            texts.extend([(lang, text), (lang, fields[-1])])
    for path in sorted((ROOT / "tests").glob("test_moderation*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                texts.append((None, node.value))
    rng = random.Random(11)
    import moderation as bench

    texts.extend((None, " ".join(rng.choice(bench.FILLER) for _ in range(20))) for _ in range(300))
    return list(dict.fromkeys(texts))


def _normal_record(text: str) -> list[Any]:
    normal = analyse(text)
    return [
        normal.text,
        list(normal.tokens),
        list(normal.sentences),
        list(normal.clauses),
        normal.stretched,
        normal.prepared,
        list(unmasked(text)),
    ]


def _lexicon_record(moderator: Moderator) -> str:
    lexicon = moderator.lexicon
    digest = hashlib.sha256(lexicon.version.encode())
    for item in (*lexicon.entries, *lexicon.allows):
        digest.update(repr(item).encode())
    return digest.hexdigest()


def dump(texts_file: Path, out: Path) -> None:
    """Every record the --whole comparison compares, for this tree, as JSON lines."""
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    shipped = Moderator.load()
    import moderation as bench

    with tempfile.TemporaryDirectory() as folder:
        bench.synthetic_lexicon(Path(folder), 5000)
        big = Moderator.load(Path(folder))
    with out.open("w", encoding="utf-8") as sink:
        for name, moderator in (("shipped", shipped), ("5,000 entries", big)):
            sink.write(json.dumps([name, "lexicon", _lexicon_record(moderator)]) + "\n")
        for lang, text in texts:
            records: list[Any] = [_normal_record(text)]
            for language in dict.fromkeys((lang, None, *LANGUAGES)):
                verdict = shipped.check(text, language)
                records.append([language, repr(verdict), shipped.explain(text, language)])
            records.append(repr(findings(shipped, text)))
            records.append([repr(big.check(text)), big.explain(text), repr(findings(big, text))])
            sink.write(json.dumps([lang, text, records], ensure_ascii=False) + "\n")


def _tree_copy(folder: Path, revision: str | None) -> Path:
    """A copy of the working tree's code and corpora; WHOLE from `revision` when given."""
    tree = folder / (revision or "working")
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("bot", "flows", "bench"):
        shutil.copytree(ROOT / name, tree / name, ignore=skip)
    (tree / "tests" / "corpora").mkdir(parents=True)
    for path in _corpus_files():
        shutil.copy(path, tree / "tests" / "corpora" / path.name)
    for name in WHOLE if revision else ():
        source = subprocess.run(
            ["git", "show", f"{revision}:{name}"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        (tree / name).write_bytes(source)
    return tree


def whole(revision: str) -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        texts_file = folder / "texts.json"
        texts = _texts()
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        # Both copies first, so work others save meanwhile is in both or in neither.
        trees = {
            "reference": _tree_copy(folder, revision),
            "working tree": _tree_copy(folder, None),
        }
        outputs: dict[str, list[str]] = {}
        for side, tree in trees.items():
            started = time.perf_counter()
            out = folder / f"{side}.jsonl"
            subprocess.run(
                [sys.executable, "bench/moderation_same.py", "--dump", str(out), str(texts_file)],
                cwd=tree,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": "0"},
            )
            outputs[side] = out.read_text(encoding="utf-8").splitlines()
            print(f"{side}: dumped in {time.perf_counter() - started:.1f} s")
    theirs, ours = outputs["reference"], outputs["working tree"]
    differences = [(a, b) for a, b in zip(theirs, ours, strict=True) if a != b]
    print(
        f"{len(texts)} texts, each its normal form, masked readings, verdicts and explain in"
        f" 4-5 languages, findings, and the 5,000-entry lexicon's: {len(differences)} differences"
    )
    for before, after in differences[:5]:
        print(f"  reference:    {before[:600]}\n  working tree: {after[:600]}")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default="HEAD", help="git revision of the old matcher")
    parser.add_argument("--whole", action="store_true", help="compare every speed-tuned file")
    parser.add_argument("--dump", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump[1], args.dump[0])
        return 0
    if args.whole:
        return whole(args.reference)
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
