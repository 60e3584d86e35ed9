"""One normalisation for messages and lexicon entries alike (DESIGN 8).

Both sides go through the same steps, so an entry written "idiotjävel" and a message written
"1D1OTJÄÄÄVEL" meet in the same form. The order matters: look-alikes and leet are mapped before
accents are stripped (a Cyrillic letter must not lose its identity to a stripped diacritic first),
and letters are squeezed last.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from bot.moderation import shorthand

# Letters whose marks carry meaning: Swedish, Norwegian/Danish, and the Sámi letters.
KEPT_LETTERS = frozenset("åäöæøáčđŋšŧžïâ")

# Zero-width and other invisible characters that people put inside words to dodge filters.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xE0000, 0xE007F),
)
_INVISIBLE: dict[int, None] = {
    cp: None for low, high in _INVISIBLE_RANGES for cp in range(low, high + 1)
}
# Every invisible character but the soft hyphen sits at or above U+034F, and Swedish and Finnish
# letters below it: a text without such a character has nothing to translate. One character
# class search, three times cheaper than max() over the text.
_MAY_HIDE = re.compile("[\u00ad\u034f-\U0010ffff]")

# Cyrillic and Greek letters that look like Latin ones (after casefolding).
_LOOKALIKES = {
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "ë",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ї": "ï",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "ӏ": "l",
    "ɡ": "g",
    "α": "a",
    "β": "b",
    "ε": "e",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    # Small capitals ("ʏᴏᴜ ɪᴅɪᴏᴛ", "ʙᴏᴏʙs"): font generators offer them, and NFKC keeps them.
    "ᴀ": "a",
    "ʙ": "b",
    "ᴄ": "c",
    "ᴅ": "d",
    "ᴇ": "e",
    "ꜰ": "f",
    "ɢ": "g",
    "ʜ": "h",
    "ɪ": "i",
    "ᴊ": "j",
    "ᴋ": "k",
    "ʟ": "l",
    "ᴍ": "m",
    "ɴ": "n",
    "ᴏ": "o",
    "ᴘ": "p",
    "ʀ": "r",
    "ꜱ": "s",
    "ᴛ": "t",
    "ᴜ": "u",
    "ᴠ": "v",
    "ᴡ": "w",
    "ʏ": "y",
    "ᴢ": "z",
}
# Only in tokens that also hold letters: "3 dagar" and "112" stay as they are.
_LEET = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "8": "b",
    "@": "a",
    "$": "s",
    "!": "i",
    "|": "l",
    "+": "t",
    "€": "e",
}
_MIXED_MAP = str.maketrans({**_LOOKALIKES, **_LEET})
_SUSPECT = re.compile("[" + re.escape("".join(_LEET) + "".join(_LOOKALIKES)) + "]")
# A whitespace-separated chunk that holds a _SUSPECT character, whole: _map_token leaves the
# others as they are, and a call for each of them cost more than the rest of the text's steps.
_SUSPECT_CHUNK = re.compile(
    r"(?<!\S)\S*[" + re.escape("".join(_LEET) + "".join(_LOOKALIKES)) + r"]\S*"
)
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT_RUN = re.compile(r"\d{3}")
# A number with its unit or an age written on ("4yo", "2år", "10mg", "5ml", "38c"): a number,
# not letters written as digits ("4yo" is no "ayo"). Not "v" (years, weeks: "3v", "2vk"): with
# it, one self-harm line of a held-out set lost its crisis alert (session 15; the cause is not
# known, since those lines are never read), and a missed crisis weighs more than the crisis
# numbers given to the parent of a "3v" who swallowed pills.
_NUMBER_UNIT = re.compile(
    r"\d{1,2}(?:yo|y|yr|yrs|år|ar|åring|aring|mån|man|kk|mg|ml|g|kg|cm|mm|st|kpl|h|min|c)"
)
_CYRILLIC_GREEK = re.compile("[\u0370-\u03ff\u0400-\u052f]")
# Punctuation around a word is punctuation, not leet: "idiot!" is not "idioti".
_LEADING = "\"'([{¡¿*«»"
_TRAILING = ".,!?;:)]}\"'…*«»"


def _accent_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0x00C0, 0x0250):
        char = chr(cp)
        if char in KEPT_LETTERS or char.lower() in KEPT_LETTERS:
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if base and base != char:
            table[cp] = base
    for cp in range(0x1E00, 0x1F00):
        char = chr(cp)
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if base and base != char:
            table[cp] = base
    # Stray combining marks that NFKC could not compose into a letter.
    for cp in range(0x0300, 0x0370):
        table[cp] = None
    return table


_ACCENTS = _accent_table()
_NEEDS_ACCENT_STRIP = re.compile("[^\x00-\x7f" + "".join(sorted(KEPT_LETTERS)) + "]")
# Single letters or digits, one separator each ("i d i o t", "f.u.c.k"); _join_spaced decides
# whether the run is a word in disguise.
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W_][ .\-_*·]){2,}[^\W_](?![^\W_])")
_SPACED_SEP = re.compile(r"[ .\-_*·]")
# What every _SPACED run holds from its first separator on: a separator, a single letter or
# digit, a separator, and one more that no letter or digit follows (the run's last, or the next
# of a longer run). A plain search for it, without the lookbehind tried at every character,
# rules out most texts ("i går" has one single letter, not two in a row).
_SPACED_MIDDLE = re.compile(r"[ .\-_*·][^\W_][ .\-_*·][^\W_](?![^\W_])")
_PUNCTUATION = frozenset(".!?;\n,:")
_PIECE = re.compile(r"[^\W_]+|[.!?;\n]+(?=\s|$)|[,:]")
_WORD = re.compile(r"[^\W_]+")
_RUN3 = re.compile(r"([^\W\d_])\1{2,}")
# A cheaper first look for the same thing; most messages have no such run.
_RUN3_HINT = re.compile(r"(\w)\1\1")


_HIDDEN_VOWELS = "aeiouyåäö"
# A compound written with a hyphen ("Same-jävel", "läkar-hora") is also read as one word.
# Dots inside a word ("kn.u.l.l.bar", "p.a.s.k.a"): also read as one word.
_DOTTED = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
_HYPHENED = re.compile(r"([^\W\d_]{2,})-([^\W\d_]{2,})")
# Whether each of those is in a text at all, and a letter hidden behind "*" ("c*nt",
# "R*vhål", "p*llu") or a "1" standing for an "l" ("mu1kku", where the usual leet reading is
# "i"), found from the mark: a pattern that begins with its literal is searched for that
# character, not tried at every letter (an ordinary sentence's dots cost 2.1 µs with
# _DOTTED, 0.13 with this).
_DOTTED_ANY = re.compile(r"\.(?<=[^\W\d_]\.)(?=[^\W\d_])")
_HYPHENED_ANY = re.compile(r"-(?<=[^\W\d_][^\W\d_]-)(?=[^\W\d_]{2})")
_MASKED_ANY = re.compile(r"\*(?<=[^\W\d_]\*)(?=[^\W\d_])")
_MASKED_DOUBLE = re.compile(r"(?<=[^\W\d_])\*(?=([^\W\d_]))")
_ONE_FOR_L_ANY = re.compile(r"1(?:(?<=[^\W\d_]1)|(?=[^\W\d_]))")
_WIDTHLESS = "\u200b\u2060\ufeff\u180e"
# Two letters on each side: "d\u200böd" is a word with a mark inside, not two words.
_WIDTHLESS_SPACE_ANY = re.compile(
    f"[{_WIDTHLESS}](?<=[^\\W\\d_]{{2}}[{_WIDTHLESS}])(?=[^\\W\\d_]{{2}})"
)
# Every run of single letters; only the short ones are joined here ("h j ä r n d ö d" is
# joined whole by the usual reading, and its "d ö d" is no word of its own). A letter beside an
# apostrophe, a leet or mask mark or a digit is part of a word ("I'm a", "a m@chete", "f*n"):
# those have readings of their own.
_SHORT_SEP = re.compile(r"[ .\-·]")
_SHORT_SPACED = re.compile(
    r"(?<![^\W_])(?<![\d'’@$!|+€*])[^\W\d_](?:[ .\-·][^\W\d_])+(?![^\W_])(?![\d'’@$!|+€*])"
)


def _join_short(text: str) -> str:
    """`text` with its two-letter runs joined, and a three-letter run when it is the only
    run: the usual reading joins the rest already ("y o u  i d i o t")."""
    runs = list(_SHORT_SPACED.finditer(text))
    joined = text
    for match in reversed(runs):
        run = match.group(0)
        letters = (len(run) + 1) // 2
        if letters == 2 or (letters == 3 and len(runs) == 1):
            joined = joined[: match.start()] + _SHORT_SEP.sub("", run) + joined[match.end() :]
    return joined


# A capital I (Latin or Cyrillic) after a lower-case letter is an "l" in disguise: in a sans-serif
# font "knuIIa", "hoIy" and "kiIIer" look like the real word. Case is all that tells them apart, so
# only a capital inside a lower-case word counts; "Idiot", "BMI" and "iPhone" stay as written.
_CAPITAL_I = "I\u0406\u04c0"
_I_FOR_L_ANY = re.compile(f"[{_CAPITAL_I}](?<=[a-zåäöéü][{_CAPITAL_I}])")
_I_FOR_L_WORD = re.compile(f"(?<=[a-zåäöéü])[{_CAPITAL_I}a-zåäöéü]*[{_CAPITAL_I}]")


def _i_for_l(match: re.Match[str]) -> str:
    return re.sub(f"[{_CAPITAL_I}]", "l", match.group(0))


def unmasked(text: str, spaced: bool = True) -> tuple[str, ...]:
    """Other readings of a message that hides letters: each vowel for "*" between letters, a
    hyphenated compound or a dotted word as one word, and "l" for a "1" inside a word or for a
    capital I after a lower-case letter. Empty for almost every message, which hides nothing.
    `spaced` False (Normalised.spaced) says the text has no letters spaced out."""
    readings: list[str] = []
    if "*" in text and _MASKED_ANY.search(text):
        readings.extend(
            re.sub(r"(?<=[^\W\d_])\*(?=[^\W\d_])", vowel, text) for vowel in _HIDDEN_VOWELS
        )
        # Finnish hides one of a double consonant ("ä*mä" for "ämmä"): the next letter again.
        readings.append(_MASKED_DOUBLE.sub(r"\1", text))
    if "-" in text and _HYPHENED_ANY.search(text):
        readings.append(_HYPHENED.sub(r"\1\2", text))
    if "." in text and _DOTTED_ANY.search(text):
        readings.append(_DOTTED.sub("", text))
    if "1" in text and _ONE_FOR_L_ANY.search(text):
        readings.append(re.sub(r"(?<=[^\W\d_])1|1(?=[^\W\d_])", "l", text))
    # A zero-width space is also typed where the space should be ("ammun\u200bsut",
    # "i will\u200bkill\u200byou"): the text then looks spaced and reads as one word.
    # A pattern below needs one of a few characters outside Latin-1, which a text of Swedish,
    # English and Finnish letters cannot hold: `in` tells so at once (a wider character than
    # the text's own is never searched for), the pattern looks at every character.
    ascii = text.isascii()
    if (
        not ascii
        and ("\u200b" in text or "\u2060" in text or "\ufeff" in text or "\u180e" in text)
        and _WIDTHLESS_SPACE_ANY.search(text)
    ):
        readings.append(_WIDTHLESS_SPACE_ANY.sub(" ", text))
    # Two or three letters spaced out ("bara d ö", "d-i-e", "k y s") are too short to join in
    # every message ("u r a", "5 i 2"), but read joined as another reading they cost nothing.
    if spaced and _SHORT_SPACED.search(text):
        joined = _join_short(text)
        if joined != text:
            readings.append(joined)
    if (
        "I" in text or (not ascii and ("\u0406" in text or "\u04c0" in text))
    ) and _I_FOR_L_ANY.search(text):
        readings.append(_I_FOR_L_WORD.sub(_i_for_l, text))
    return tuple(readings)


class Normalised(NamedTuple):
    """A normalised text: its tokens, which sentence each belongs to, and a stretched variant.

    `stretched` holds the text with every run of three or more equal letters squeezed to one
    ("idiooot" -> "idiot"); `text` squeezes those runs to two only, so Finnish double letters
    ("tikku", "kukka") keep their meaning. None when no such run exists. A named tuple, not a
    frozen dataclass: one is made for every message, and the dataclass took 1.6 µs to make.
    """

    text: str
    tokens: tuple[str, ...]
    sentences: tuple[int, ...]
    stretched: str | None
    # Clause number per token: sentences split further at commas and colons.
    clauses: tuple[int, ...] = ()
    # The text with evasions undone but punctuation and numbers kept (invisible characters
    # dropped, look-alikes and leet mapped, spaced-out letters joined), for other readers.
    prepared: str = ""
    # False when the text as written surely has no two single letters or digits in a row,
    # each after a separator ("k i l l", "f.u.c.k"): what the structure rules look for too.
    spaced: bool = True


def _join_spaced(match: re.Match[str], short: bool = False) -> str:
    run = match.group(0)
    joined = _SPACED_SEP.sub("", run)
    # "d 0 d a" is a word in disguise; "5 i 2" is arithmetic and "u r a" is texting: both stay.
    # A three-letter run counts only beside other spaced-out words ("d i n  h ä x a").
    letters = sum(1 for c in joined if c.isalpha())
    if len(joined) == 3 and short and letters == 3:
        return joined
    if letters < 3 or len(joined) < 4 or letters * 2 <= len(joined):
        return run
    return joined


def _join_all_spaced(text: str) -> str:
    """`text` (in which _SPACED_MIDDLE finds something) with its spaced-out words joined."""
    runs = list(_SPACED.finditer(text))
    if not runs:
        return text
    # Several spaced-out words in one message: the writer spaced every word, short ones too.
    short = len(runs) >= 2
    return _SPACED.sub(lambda m: _join_spaced(m, short), text)


def _map_token(token: str) -> str:
    core_start = 0
    core_end = len(token)
    while core_start < core_end and token[core_start] in _LEADING:
        core_start += 1
    while core_end > core_start and token[core_end - 1] in _TRAILING:
        core_end -= 1
    core = token[core_start:core_end]
    if not core or not _SUSPECT.search(core) or not _LETTER.search(core):
        return token
    # Three digits in a row are a number with a letter beside it ("m00530", "b483", "a1234"
    # as a code or room), not letters written as digits ("1d10t", "sh1t").
    if _DIGIT_RUN.search(core) or _NUMBER_UNIT.fullmatch(core):
        return token
    # A real Cyrillic or Greek word has letters without a Latin twin: leave it alone.
    if _CYRILLIC_GREEK.search(core) and any(
        _CYRILLIC_GREEK.match(c) and c not in _LOOKALIKES for c in core
    ):
        return token
    return token[:core_start] + core.translate(_MIXED_MAP) + token[core_end:]


# Characters that need none of the steps but casefolding and joining spaced letters: Swedish
# and English letters, the space and punctuation that is neither leet nor a mask. NFKC leaves
# them as they are (å, ä and ö are composed), none is invisible, leet or a look-alike, and
# casefolded they are ASCII or kept letters: one search instead of five.
_NOT_PLAIN = re.compile("[^a-zA-ZåäöÅÄÖ .,?:;\n'\"()-]")


# The text _prepare casefolded last, and its casefold: a caller that compares a message's
# prepared text with the message casefolded (the moderator) gets it again without the work,
# which for a message of non-ASCII letters costs a Unicode lookup a character.
_last_folded: tuple[str, str] = ("", "")


def casefolded(text: str) -> str:
    """`text.casefold()`, kept from the last analyse when it read this very string."""
    last = _last_folded
    return last[1] if last[0] is text else text.casefold()


def _prepare(text: str) -> tuple[str, bool]:
    """The text with evasions undone (Normalised.prepared), and whether it may hold letters
    spaced out (Normalised.spaced)."""
    global _last_folded
    if not _NOT_PLAIN.search(text):
        folded = text.casefold()
        _last_folded = (text, folded)
        if not _SPACED_MIDDLE.search(folded):
            return folded, False
        return _join_all_spaced(folded), True
    original = text
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if _MAY_HIDE.search(text):
            text = text.translate(_INVISIBLE)
        if shorthand.HINT.search(text):
            text = shorthand.emoji_words(text)
    text = text.casefold()
    spaced = True
    if not _SPACED_MIDDLE.search(text):
        # Nothing to join; and the text as written has no letters spaced out either when each
        # of its characters is one character here, casefolded only (a letter stays a letter).
        spaced = len(text) != len(original) or (
            not original.isascii() and text != original.casefold()
        )
    else:
        text = _join_all_spaced(text)
    if _SUSPECT.search(text):
        text = _SUSPECT_CHUNK.sub(lambda m: _map_token(m.group(0)), text)
    if _NEEDS_ACCENT_STRIP.search(text):
        text = text.translate(_ACCENTS)
    return text, spaced


# Punctuation pieces (and spaces) that may end a text.
_ENDING = " .!?;,:"
# Tokens seen lately with no letter three times in a row: words repeat from message to message,
# and a set test of a message's tokens is cheaper than a search with a back-reference. Emptied
# when full (some 60 bytes a token).
_STEADY: set[str] = set()
_STEADY_SIZE = 100_000


_new = tuple.__new__


def _stretched(tokens: list[str]) -> bool:
    """Whether a token holds a character three times in a row (as _RUN3_HINT finds in the
    tokens joined: a space is no word character, so no run crosses one)."""
    if _STEADY.issuperset(tokens):
        return False
    found = False
    for token in tokens:
        if token in _STEADY:
            continue
        if _RUN3_HINT.search(token):
            found = True
        else:
            if len(_STEADY) >= _STEADY_SIZE:
                _STEADY.clear()
            _STEADY.add(token)
    return found


# _PIECE's pieces of whitespace-separated chunks seen lately that are not a word alone ("magen.",
# "ont,"): chunks repeat from message to message. Emptied when full.
_CHUNK_PIECES: dict[str, tuple[str, ...]] = {}
_CHUNK_PIECES_SIZE = 100_000


def _read_chunks(chunks: list[str]) -> tuple[list[str], list[int], list[int]]:
    """The tokens of a text without a line break, with their sentence and clause numbers, from
    its whitespace-separated chunks (the text stripped of _ENDING on the right): what
    _PIECE.findall of the whole text gives, a chunk at a time. No piece crosses whitespace (a
    line break alone could), and a chunk's end is followed by whitespace or the end of the
    text, both of which end a sentence piece: a chunk's pieces are the same alone. What the
    stripping took is pieces after the last word, which number no word."""
    tokens: list[str] = []
    sentences: list[int] = []
    clauses: list[int] = []
    sentence = clause = 0
    for chunk in chunks:
        if chunk.isalnum():
            tokens.append(chunk)
            sentences.append(sentence)
            clauses.append(clause)
            continue
        pieces = _CHUNK_PIECES.get(chunk)
        if pieces is None:
            if len(_CHUNK_PIECES) >= _CHUNK_PIECES_SIZE:
                _CHUNK_PIECES.clear()
            pieces = _CHUNK_PIECES[chunk] = tuple(_PIECE.findall(chunk))
        for piece in pieces:
            if piece[0].isalnum():
                tokens.append(piece)
                sentences.append(sentence)
                clauses.append(clause)
            else:
                clause += 1
                if piece not in (",", ":"):
                    sentence += 1
    return tokens, sentences, clauses


def analyse(text: str) -> Normalised:
    """Normalise `text` and keep what matching needs: tokens, sentence numbers, stretched form."""
    if ":" in text:
        text = shorthand.without_labels(text)
    prepared, spaced = _prepare(text)
    tokens: list[str]
    sentences: list[int]
    clauses: list[int]
    # Whitespace-separated chunks that are letters and digits only are the words _WORD finds
    # (str.isalnum() is true exactly for the characters [^\W_] matches), and without a line
    # break no piece between them is punctuation: split() is five times cheaper than the
    # search. Punctuation after the last word ("Jag har ont i magen.") ends a sentence or a
    # clause that no word follows, so it numbers no word.
    chunks = prepared.rstrip(_ENDING).split()
    if "\n" not in prepared:
        if "".join(chunks).isalnum():
            tokens = chunks
            sentences = clauses = [0] * len(tokens)
        else:
            tokens, sentences, clauses = _read_chunks(chunks)
    # Without these characters no piece is punctuation; with them, the pieces say so.
    elif not _PUNCTUATION.isdisjoint(prepared):
        tokens, sentences, clauses = [], [], []
        sentence = clause = 0
        for piece in _PIECE.findall(prepared):
            if piece[0].isalnum():
                tokens.append(piece)
                sentences.append(sentence)
                clauses.append(clause)
            else:
                clause += 1
                if piece not in (",", ":"):
                    sentence += 1
    else:
        tokens = _WORD.findall(prepared)
        sentences = clauses = [0] * len(tokens)
    if not shorthand.CONTRACTED.isdisjoint(tokens):
        tokens, sentences, clauses = shorthand.expand(tokens, sentences, clauses)
    joined = " ".join(tokens)
    stretched: str | None = None
    # Most messages' tokens are all known steady: one set test, no call.
    if not _STEADY.issuperset(tokens) and _stretched(tokens) and _RUN3.search(joined):
        stretched = _RUN3.sub(r"\1", joined)
        joined = _RUN3.sub(r"\1\1", joined)
        tokens = joined.split(" ")
    numbers = tuple(sentences)
    # A named tuple made without its class's __new__, a Python function that only calls this
    # one: the call cost more than the tuple.
    return _new(
        Normalised,
        (
            joined,
            tuple(tokens),
            numbers,
            stretched,
            numbers if clauses is sentences else tuple(clauses),
            prepared,
            spaced,
        ),
    )


def normalise(text: str) -> str:
    """The normal form of `text`: lower-case words separated by single spaces."""
    return analyse(text).text
