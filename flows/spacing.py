"""A slip of the space bar in a danger word: one word typed as two ("själv mord", "over dose",
"sjä lvmordstankar", "rin takipu") or two words typed as one ("cantbreathe", "ontibröstet",
"haluankuolla").

People on a phone hit the space bar inside a word as often as a neighbouring letter, and Swedish
writers split compounds on purpose (särskrivning). The engine (flows/concepts.py) reads words, so
a split danger word is two harmless halves, and two danger words run together are one unknown
word. `Spacing.mend` gives the message with such spaces mended, or None when there is nothing to
mend; flows.phrases reads both and counts what either finds (the mended reading alone could lose
what the halves said: "bröst smärta" is CHEST and PAIN as written).

Mended only where the vocabulary says so, never by guessing at everyday words:
- two words are joined when the first is the beginning of a vocabulary word of five letters or
  more and the second goes on with the rest of it ("sui" + "cidal...": "suicid*");
- a word that is no vocabulary word is cut where a vocabulary word of five letters or more begins,
  when what comes before it is a small word people run into the next (pronouns, negations,
  "can't", "ei") or a vocabulary word, or one of each ("ont" + "i" + "bröstet"): "utslag" is
  never "ut slag", since the danger "slag" (stroke) after "ut" would need "ut" to stand for
  something;
- three single letters or more in a row are a word spelled out ("l i v e t"); a run that is
  several words spelled out ("j a g v i l l d ö") is cut into the fewest words the vocabulary
  or the small words know;
- a letter held down ("döööö", "diiiiie") is also read typed once: the engine reads it twice
  ("allla" is "alla"), which leaves a short word like "dö" unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

from flows.concept_words import CHUNKS, chunk_tokens, normalised

MIN_JOINED = 5
"""A vocabulary word this long or longer is found again when typed in two halves."""
MIN_HALF = 2
"""Each half of a split word has at least this many letters ("o verdose" is not mended)."""
MIN_CUT = 5
"""A vocabulary word this long or longer is cut out of two words run together."""
MIN_RUN = 7
"""Words shorter than this are never cut."""
SPELLED = 3
"""This many single letters in a row are a word spelled out."""

# Small words that stand alone: never half of a join ("på perrongen", "arm är"), nor a
# vocabulary word a cut begins with; normalised as the engine reads them (casefolded, no
# diacritics or apostrophes).
SMALL_WORDS = frozenset(
    {"i", "pa", "av", "att", "och", "jag", "ja", "har", "kan", "kunde", "inte", "int", "min"}
    | {"mitt", "mina", "du", "han", "hon", "det", "de", "en", "ett", "ar", "var", "som", "med"}
    | {"till", "for", "om", "sa", "mycket", "svart", "ont", "fick", "tog", "vill", "ska", "mej"}
    | {"im", "my", "a", "the", "in", "of", "to", "and", "cant", "dont", "can", "not", "have"}
    | {"has", "is", "am", "he", "she", "it", "me", "his", "her", "very", "on", "at", "off", "no"}
    | {"got", "took", "want", "wanna", "gonna", "cannot", "couldnt", "its", "hes", "shes", "ive"}
    | {"ei", "en", "et", "mun", "mulla", "mua", "mulle", "mina", "ma", "mie", "on", "ja", "tosi"}
    | {"ihan", "kova", "kovaa", "pahaa", "haluan", "aion", "otin", "sen", "se", "han", "hanella"}
    | {"men", "fa", "far", "nar", "nu", "ut", "upp", "in", "man", "or", "but", "so", "all", "be"}
    | {"kun", "ku", "jos", "niin", "kuin", "etta", "mut", "mutta", "ja", "tai", "nyt", "oli"}
)
# The small words people run into the next one ("ibröstet", "cantbreathe", "eipysty",
# "mullaon"): pronouns, negations, auxiliaries, prepositions; not the two-letter pieces that
# begin half the words of a language ("ma", "pa", "ku").
RUN_INTO = frozenset(
    {"i", "jag", "har", "kan", "inte", "int", "min", "mitt", "mina", "ont", "mycket", "ska"}
    | {"vill", "tog", "fick", "svart", "att", "och", "det", "han", "hon"}
    | {"im", "my", "cant", "dont", "can", "not", "have", "has", "very", "cannot", "couldnt"}
    | {"want", "wanna", "gonna", "took", "got", "ive", "hes", "shes", "its", "the", "and"}
    | {"ei", "en", "mulla", "mun", "mua", "mulle", "haluan", "haluun", "aion", "otin", "tosi"}
    | {"ihan", "kova", "kovaa", "pahaa", "on", "ja", "oon", "olen"}
)


# A letter held down: three of it or more.
_HELD = re.compile(r"([^\W\d_])\1\1+")
# What a chunk can do (Spacing.kind): nothing; be a single letter (of a word spelled out, if
# two more follow); begin a join; be cut or hold a held-down letter. Numbers that a message's
# sum counts in: its single letters, joinable chunks and others (fewer than 2**32 of each).
INERT, SINGLE, JOINABLE, OTHER = 0, 1, 1 << 32, 1 << 64
LONGEST_SPELLED = 24
"""A spelled-out run longer than this is not cut into words (the cut tries every split)."""


def _spelled_out(chunks: Sequence[str]) -> str | None:
    """The chunks with a word spelled out letter by letter joined ("l i v e t", "s j ä l v
    m o r d"): three single letters or more in a row; None when there is none."""
    run = 0
    for chunk in chunks:
        run = run + 1 if len(chunk) == 1 and chunk.isalpha() else 0
        if run == SPELLED:
            break
    else:
        return None
    joined: list[str] = []
    letters: list[str] = []
    for chunk in [*chunks, ""]:
        if len(chunk) == 1 and chunk.isalpha():
            letters.append(chunk)
            continue
        if len(letters) >= SPELLED:
            joined.append("".join(letters))
        else:
            joined.extend(letters)
        letters = []
        if chunk:
            joined.append(chunk)
    return " ".join(joined)


class Spacing:
    def __init__(self, vocabulary_words: Iterable[str], known: Callable[[str], bool]) -> None:
        """`vocabulary_words`: every alternative of every slot of the vocabulary, as the
        engine holds them ("rinta*", "bröst", "kill=", "*tablett*"); `known`: whether the
        engine reads a typed word as a vocabulary word already (then it is never cut)."""
        cores: set[str] = set()
        whole: set[str] = set()
        for written in vocabulary_words:
            if written.startswith("*"):
                continue  # a part inside a word is found wherever it is already
            core = written.rstrip("*=")
            if not core.isalpha():
                continue
            cores.add(core)
            if not written.endswith("*"):
                whole.add(core)
        rests: dict[str, set[str]] = {}
        for core in cores:
            if len(core) < MIN_JOINED:
                continue
            for cut in range(MIN_HALF, len(core) - MIN_HALF + 1):
                rests.setdefault(core[:cut], set()).add(core[cut:])
        self._rests = {head: tuple(sorted(rest)) for head, rest in rests.items()}
        self._starts = frozenset(c for c in cores if len(c) >= MIN_CUT and c not in SMALL_WORDS)
        self._longest = max((len(c) for c in self._starts), default=0)
        self._whole = frozenset(whole)
        self._pieces_known = frozenset(normalised(w) for w in whole) | SMALL_WORDS | RUN_INTO
        self._seen: dict[str, tuple[tuple[str, ...] | None, str | None, str | None]] = {}
        # Chunks that can neither begin a join nor be cut and hold no held-down letter: a
        # message of only these, and no word spelled out, has nothing to mend (most messages),
        # found with one set test instead of a look at every chunk and every pair.
        self._inert: set[str] = set()
        # Chunks that cannot be cut and hold no held-down letter but may begin a join: the
        # rests of the vocabulary words they may begin.
        self._joinable: dict[str, tuple[str, ...]] = {}
        # What each chunk looked at can do (kind).
        self._kinds: dict[str, int] = {}
        self._known = known

    def mend(
        self,
        text: str,
        chunks: Sequence[str] | None = None,
        kinds: int | None = None,
        joins: bool | None = None,
    ) -> str | None:
        """`text` with the spaces of split danger words taken out and those of run-together
        ones put in, or None when nothing is to be mended. `chunks`: `text.split()`, when the
        caller has it already; `kinds`: the union of their `kind`s, when it has that too;
        `joins`: whether some chunk goes on with a vocabulary word the chunk before it may
        begin (by their `join_look`s), when it has looked."""
        if chunks is None:
            chunks = text.split()
        if kinds is None:
            kinds = 0
            for chunk in chunks:
                kinds += self.kind(chunk)
        # Most messages have no chunk to cut, no held-down letter, no three single letters in
        # a row and no neighbours that join: their chunks' kinds tell so.
        if (
            kinds < OTHER
            and (kinds % JOINABLE < SPELLED or _spelled_out(chunks) is None)
            and (kinds < JOINABLE or not (self._any_join(chunks) if joins is None else joins))
        ):
            return None
        return self._mend(text, chunks)

    def kind(self, chunk: str) -> int:
        """What `chunk` can do for mend: INERT, SINGLE, JOINABLE or OTHER. A caller that reads
        every chunk anyway may remember it and give mend the sum."""
        kind = self._kinds.get(chunk)
        if kind is None:
            self._chunk(chunk)
            kind = self._kinds[chunk]
        return kind

    def join_look(self, chunk: str) -> tuple[tuple[str, ...] | None, str | None]:
        """What mend's look at two neighbours reads of `chunk`: the rests of the vocabulary
        words it may begin (None when it begins none), and its first word as the second half
        of a join (None when it cannot be one). Two neighbours may join when the second's word
        starts with a rest of the first's. Never rests for an INERT chunk."""
        look = self._seen.get(chunk) or self._chunk(chunk)
        return look[0], look[1]

    def _mend(self, text: str, chunks: Sequence[str]) -> str | None:
        """mend past its first look (each chunk already looked at)."""
        spelled = _spelled_out(chunks)
        if spelled is None:
            inert = self._inert
            if inert.issuperset(chunks):
                return None  # without building a set, for the many messages of inert chunks
            others = set(chunks) - inert
            joinable = self._joinable
            # The keys view tests each of `others`; a set's issubset would copy the dict first.
            if joinable.keys() >= others and not self._any_join(chunks):
                return None
        if _HELD.search(text):
            once = _HELD.sub(r"\1", text)
            return self.mend(once) or once
        if spelled is not None:
            spelled = " ".join(self._words_of(chunk) for chunk in spelled.split())
            return self.mend(spelled) or spelled
        # What each chunk can do, remembered: most messages have no chunk that can be cut and
        # no neighbours that could join, and are done after one lookup a chunk.
        seen, learn = self._seen, self._chunk
        looks = [seen.get(chunk) or learn(chunk) for chunk in chunks]
        if not any(look[2] for look in looks) and not any(
            rests and tail and tail.startswith(rests)
            for (rests, _, _), (_, tail, _) in pairwise(looks)
        ):
            return None
        mended: list[str] = []
        changed = False
        known = CHUNKS
        previous: tuple[str, ...] = ()
        for chunk, look in zip(chunks, looks, strict=True):
            found = known.get(chunk) or chunk_tokens(chunk)
            if (
                mended
                and previous
                and found
                and mended[-1][-1:].isalpha()
                and chunk[:1].isalpha()
                and self._joins(previous[-1], found[0])
            ):
                mended[-1] += chunk
                previous = (*previous[:-1], previous[-1] + found[0], *found[1:])
                changed = True
                continue
            cut = look[2]
            if cut is not None:
                mended.append(cut)
                changed = True
            else:
                mended.append(chunk)
            previous = found
        return " ".join(mended) if changed else None

    def _any_join(self, chunks: Sequence[str]) -> bool:
        """Whether two neighbours may join, none of them a chunk to cut or with a held-down
        letter."""
        seen, learn = self._seen, self._chunk
        rests = None
        for chunk in chunks:
            look = seen.get(chunk) or learn(chunk)
            if rests:
                # The rests of the vocabulary words the chunk before may begin.
                first = look[1]
                if first and first.startswith(rests):
                    return True
            rests = look[0]
        return False

    def _words_of(self, chunk: str) -> str:
        """A spelled-out run as the fewest known words it is ("jagvilldö": "jag vill dö"),
        or as it is when it is one known word or cannot be cut. Pieces have two letters or
        more, so the cut makes no new run of single letters."""
        plain = normalised(chunk)
        if (
            len(plain) < 4
            or len(plain) > LONGEST_SPELLED
            or not plain.isalpha()
            or len(plain) != len(chunk)
            or self._known(plain)
        ):
            return chunk
        known = self._pieces_known
        size = len(plain)
        # pieces[i]: the fewest known pieces that make plain[:i]; begins[i]: where the last begins.
        pieces = [0] + [size + 1] * size
        begins = [0] * (size + 1)
        for end in range(1, size + 1):
            for start in range(end):
                if (
                    end - start > 1
                    and pieces[start] + 1 < pieces[end]
                    and plain[start:end] in known
                ):
                    pieces[end], begins[end] = pieces[start] + 1, start
        if not 2 <= pieces[size] <= size:
            return chunk
        bounds = [size]
        while bounds[-1]:
            bounds.append(begins[bounds[-1]])
        bounds.reverse()
        return " ".join(chunk[a:b] for a, b in pairwise(bounds))

    def _chunk(self, chunk: str) -> tuple[tuple[str, ...] | None, str | None, str | None]:
        """What a chunk can do: the rests of the vocabulary words its last word may begin
        (a join's first half), its first word (a join's second half), and its cut."""
        found = CHUNKS.get(chunk) or chunk_tokens(chunk)
        rests = tail = cut = None
        if found:
            last, first = found[-1], found[0]
            if chunk[-1:].isalpha() and last not in SMALL_WORDS:
                rests = self._rests.get(last)
            if chunk[:1].isalpha() and first not in SMALL_WORDS:
                tail = first
            if len(found) == 1 and chunk.isalpha():
                cut = self._cut(last)
        seen = self._seen
        if len(seen) > 50_000:
            seen.clear()
            self._inert.clear()
            self._joinable.clear()
            self._kinds.clear()
        look = seen[chunk] = (rests, tail, cut)
        kind = OTHER
        if cut is None and not _HELD.search(chunk):
            if rests is None:
                self._inert.add(chunk)
                kind = INERT
            else:
                self._joinable[chunk] = rests
                kind = JOINABLE
        if len(chunk) == 1 and chunk.isalpha():
            # A letter of a word spelled out, if two more follow.
            kind = SINGLE if kind == INERT else OTHER
        self._kinds[chunk] = kind
        return look

    def _joins(self, head: str, tail: str) -> bool:
        if head in SMALL_WORDS or tail in SMALL_WORDS:
            return False  # "på perrongen", "arm är": a small word stands alone
        rests = self._rests.get(head)
        return rests is not None and tail.startswith(rests) and self._known(head + tail)

    def _cut(self, word: str) -> str | None:
        """`word` as the words it runs together, or None (remembered with its chunk)."""
        if len(word) < MIN_RUN or not word.isalpha():
            return None
        starts, longest, known = self._starts, self._longest, self._known
        whole_known: bool | None = None
        for at in range(1, len(word) - MIN_CUT + 1):
            rest = word[at:]
            if not any(
                rest[:size] in starts for size in range(MIN_CUT, min(len(rest), longest) + 1)
            ):
                continue
            head = word[:at]
            pieces = self._pieces(head)
            if pieces is None or not known(rest):
                continue
            if whole_known is None:
                whole_known = known(word)
            if whole_known:
                return None  # the engine reads it as one word already: "blodtryck", "myself"
            return f"{pieces} {rest}"
        return None

    def _pieces(self, head: str) -> str | None:
        """`head` as a small word people run into the next one, or a vocabulary word, or
        one and a small word ("onti": "ont i"); or None."""
        if head in RUN_INTO or (len(head) >= MIN_CUT and head in self._whole):
            return head
        for at in range(3, len(head)):
            first, second = head[:at], head[at:]
            if second in RUN_INTO and (first in RUN_INTO or first in self._whole):
                return f"{first} {second}"
        return None
