"""Make flows/everyday_words.txt: the common words of sv, en and fi that one slip away from a
word of the danger vocabulary, so that a slip is never read into them ("vart" is no "värk").

Needs the `wordfreq` package (word frequencies from subtitles, web and books; not a dependency
of minvard: only this maker reads it):

    pip install --target /tmp/wf wordfreq
    PYTHONPATH=/tmp/wf .venv/bin/python bench/everyday_words.py [--top 50000]

Run it again after the vocabulary gains words.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.concept_words import chunk_tokens
from flows.concepts import shipped
from flows.matching import within_one_edit
from flows.phrase_words import MAX_ENDING, MIN_STEM, phrase_words
from flows.phrases import PHRASES_FILE
from flows.typos import ALWAYS, EVERYDAY_FILE, SlipIndex, slip_of

HEADER = """\
# Everyday words one slip away from a danger word: never read as that word (flows/typos.py).
# Made by bench/everyday_words.py from the most frequent words (wordfreq: {top} of sv and en,
# {top_fi} of fi); run it again after the vocabulary gains words. Without diacritics, casefolded.
# A line "* ..." holds stems written by hand: words that begin with one are everyday too (spoken
# forms that no word list has: "tulehtunu" is inflamed, no "tukehtu*", choking).
"""


def _plainly(typed: str, wanted: str) -> bool:
    """`typed` matches `wanted` without any slip (flows.phrase_words.same_word)."""
    if wanted.endswith("*"):
        return typed.startswith(wanted[:-1])
    if len(wanted) >= ALWAYS and within_one_edit(typed, wanted):
        return True
    return typed == wanted or (
        len(wanted) >= MIN_STEM
        and typed.startswith(wanted)
        and len(typed) - len(wanted) <= MAX_ENDING
    )


def _hand_written() -> str:
    """The stems written by hand in the file (lines "* stem ..."), kept as they are."""
    if not EVERYDAY_FILE.exists():
        return ""
    lines = EVERYDAY_FILE.read_text(encoding="utf-8").splitlines()
    return "".join(line + "\n" for line in lines if line.startswith(("* ", "# *")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=50_000)
    parser.add_argument("--top-fi", type=int, default=100_000, help="Finnish inflects more")
    args = parser.parse_args(argv)
    try:
        from wordfreq import top_n_list
    except ImportError:
        print("needs wordfreq (see the docstring)", file=sys.stderr)
        return 1
    _, engine = shipped(PHRASES_FILE)
    wanted: set[str] = set()
    for by_language in engine.vocabulary.terms.values():
        for terms in by_language.values():
            for term in terms:
                wanted.update(a for slot in phrase_words(term) for a in slot)
    index = SlipIndex()
    for word in wanted:
        index.add(word)
    protected: set[str] = set()
    # A word of the vocabulary is no slip of another ("angiina" is no "angina").
    for word in wanted:
        if not word.isalpha():
            continue
        for near in index.candidates(word):
            if slip_of(word, near.rstrip("*"), near.endswith("*")) and not _plainly(word, near):
                protected.add(word)
                break
    for lang in ("sv", "en", "fi"):
        for raw in top_n_list(lang, args.top_fi if lang == "fi" else args.top):
            for word in chunk_tokens(raw):
                if not word.isalpha() or word in protected:
                    continue
                for near in index.candidates(word):
                    stem = near.endswith("*")
                    core = near[:-1] if stem else near
                    if slip_of(word, core, stem) and not _plainly(word, near):
                        protected.add(word)
                        break
    stems = _hand_written()
    by_start: dict[str, list[str]] = {}
    for word in sorted(protected):
        by_start.setdefault(word[:2], []).append(word)
    body = "\n".join(" ".join(words) for words in by_start.values())
    header = HEADER.format(top=args.top, top_fi=args.top_fi)
    EVERYDAY_FILE.write_text(header + stems + body + "\n", encoding="utf-8")
    print(f"{len(protected)} words -> {EVERYDAY_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
