"""One slip of the finger in a danger word (flows/phrase_words.py): which typed words stand for a
vocabulary word they are not, and an index that finds those words fast.

A word of the vocabulary from five letters, and a stem from six, is still found with one letter
dropped, added, changed or swapped with its neighbour ("kuolal", "verat", "ofrkar"), also before
an ending ("testkeln", "itsemurhhaa"); a word or stem of four letters only with two inner letters
swapped ("vlil", "itne", "chest pian"), a doubled letter typed once ("vil", "kil", "tok") or a
letter typed twice ("kiill", "vvill", "deaad"): the commonest slips of all. Never when the typed
word is itself an everyday word (`everyday_words.txt`: "vart" is no "värk", "brist" no
"bröst"): that list holds the common words of sv, en and fi one slip away from a vocabulary
word, made by bench/everyday_words.py from word frequencies, and a few everyday stems written
by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from flows.matching import within_one_edit

MIN_SLIP = 5
"""From this many letters a vocabulary word is found with one slip."""
MIN_STEM_SLIP = 6
"""From this many letters a stem is: Finnish stems of five ("vauva*", "sammu*") are one slip
from too many inflected everyday words ("varvas", "sammas") to list them all."""
ALWAYS = 7
"""From this many letters the whole word with one slip is that word, everyday or not
("planerat" for "planerar": inflection as much as a slip)."""
SWAP_ONLY = 4
"""Words of this many letters: only two inner neighbours swapped."""
MAX_ENDING = 3
EVERYDAY_FILE = Path(__file__).resolve().parent / "everyday_words.txt"


@cache
def _everyday() -> tuple[frozenset[str], tuple[str, ...]]:
    """The everyday words and the everyday stems (lines "* ...") of the file, normalised."""
    if not EVERYDAY_FILE.exists():
        return frozenset(), ()
    words: set[str] = set()
    stems: list[str] = []
    for line in EVERYDAY_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("* "):
            stems.extend(line.split()[1:])
        elif not line.startswith("#"):
            words.update(line.split())
    return frozenset(words), tuple(stems)


def everyday(typed: str) -> bool:
    """`typed` is an everyday word, which a slip never turns into a danger word."""
    words, stems = _everyday()
    return typed in words or typed.startswith(stems)


def written_everyday(typed: str) -> bool:
    """`typed` begins with a stem written by hand as everyday: never a slip, however long the
    danger word ("illalla", in the evening, is one letter from "sillalla", on the bridge)."""
    return typed.startswith(_everyday()[1])


def slip_of(typed: str, wanted: str, stem: bool, ending: int = MAX_ENDING) -> bool:
    """`typed` is `wanted` (a plain word, or a stem when `stem`) with one slip, and an ending of
    up to `ending` letters after it (any ending after a stem); everyday words not asked about."""
    size = len(wanted)
    if size < SWAP_ONLY or not typed.isalpha() or typed == wanted:
        return False
    if stem and SWAP_ONLY < size < MIN_STEM_SLIP:
        return False
    if size < MIN_SLIP:
        # "vlil", "itne", "pian": two inner letters swapped, or a doubled letter typed once
        # ("vil", "kil"), nothing else (four letters are too few for more: "blod" and "blad",
        # "vill" and "vila").
        # Only for whole words: a four-letter stem typed short begins too many words ("nänn*"
        # and "nån").
        single = None if stem else collapsed(wanted)
        if single is not None and typed == single:
            return True
        if len(typed) == size + 1 and wanted in doubled_once(typed):
            return True
        head = typed[:size]
        return (
            (len(typed) == size or (stem and len(typed) - size <= ending))
            and head[0] == wanted[0]
            and head != wanted
            and sorted(head) == sorted(wanted)
            and within_one_edit(head, wanted)
        )
    for cut in range(size - 1, min(len(typed), size + 1) + 1):
        rest = len(typed) - cut
        if (stem or rest <= ending) and within_one_edit(typed[:cut], wanted):
            return True
    return False


def collapsed(word: str) -> str | None:
    """`word` with its (first) doubled letter typed once ("vill": "vil", "took": "tok"), or
    None."""
    return next(doubled_once(word), None)


def doubled_once(word: str) -> Iterator[str]:
    """`word` with one of its doubled letters typed once ("kiill": "kill")."""
    for at in range(1, len(word)):
        if word[at] == word[at - 1]:
            yield word[:at] + word[at + 1 :]


def _deletions(word: str) -> Iterator[str]:
    yield word
    for at in range(len(word)):
        yield word[:at] + word[at + 1 :]


class SlipIndex:
    """Vocabulary words and stems by every form one deletion away (symmetric deletion): a typed
    word's candidates are a few dozen dictionary lookups, not a scan of the vocabulary."""

    def __init__(self) -> None:
        # A form's words: the word itself when there is one (most forms), a tuple when more.
        # A set per form held 70,000 sets of one word: 15 MB of a 170 MB idle bot (issue 15).
        self._by_form: dict[str, str | tuple[str, ...]] = {}
        self._swapped: dict[str, set[str]] = {}
        self._short: dict[str, set[str]] = {}

    def add(self, wanted: str) -> None:
        """A word as written in a slot: "kuolla", "rinta*" (other kinds are no concern here)."""
        core = wanted[:-1] if wanted.endswith("*") else wanted
        if not core.isalpha() or wanted.startswith("*"):
            return
        if len(core) >= (MIN_STEM_SLIP if wanted.endswith("*") else MIN_SLIP):
            by_form = self._by_form
            for form in _deletions(core):
                held = by_form.get(form)
                if held is None:
                    by_form[form] = wanted
                elif isinstance(held, str):
                    if held != wanted:
                        by_form[form] = (held, wanted)
                elif wanted not in held:
                    by_form[form] = (*held, wanted)
        elif len(core) == SWAP_ONLY:
            for at in (1, 2):
                form = core[:at] + core[at + 1] + core[at] + core[at + 2 :]
                self._swapped.setdefault(form, set()).add(wanted)
            single = None if wanted.endswith("*") else collapsed(core)
            if single is not None:
                self._swapped.setdefault(single, set()).add(wanted)
            self._short.setdefault(core, set()).add(wanted)

    def candidates(self, typed: str) -> set[str]:
        """Words and stems `typed` may be with one slip (a superset; `slip_of` decides)."""
        swapped = self._swapped
        found: set[str] = set(swapped.get(typed[:SWAP_ONLY], ()))
        found.update(swapped.get(typed[: SWAP_ONLY - 1], ()))
        if len(typed) == SWAP_ONLY + 1:
            for form in doubled_once(typed):
                found.update(self._short.get(form, ()))
        if len(typed) < MIN_SLIP - 1 or not typed.isalpha():
            return found
        by_form = self._by_form
        for cut in range(MIN_SLIP - 1, len(typed) + 1):
            for form in _deletions(typed[:cut]):
                words = by_form.get(form)
                if words is None:
                    continue
                if isinstance(words, str):
                    found.add(words)
                else:
                    found.update(words)
        return found
