"""Number-shaped hate codes ("1488", "14/88") count only where they stand alone (issue 14).

The same digits are everywhere in a patient's messages: a phone number ("070-14 88 122"), an
address ("Storgatan 14, 881 22 Sollefteå"), a row or room ("rad 1488", "room 88"), a lab value
("Hb 148"), a dose ("1488 mg"). A code is a code only when its own whitespace-separated word is
the code (punctuation around it allowed), no digit sits in the word before or after it, the word
before it is not a label ("rad", "room", "Hb", "tel") and the word after it is not a unit ("mg",
"år"). Labels and units are listed in the lexicon (common.yaml), so admins read and extend them.
"""

from __future__ import annotations

from bot.moderation.lexicon import NumberContext
from bot.moderation.normalisation import normalise

# Joined forms people write for "14 88".
_JOINERS = "/-|\\"
# Characters that say the number belongs to something: a case "#1488", a price "€88", "88%".
_BELONGS = frozenset("#€$£%°")
# "Mitt ärendenummer är 1488": a label may stand one linking word before the number.
_LINKS = frozenset(
    {
        "är",
        "var",
        "blev",
        "e",
        "is",
        "was",
        "are",
        "on",
        "oli",
        "ovat",
        "=",
        "ar",
        "in",
        "with",
        "på",
    }
)
# A compound label says what the number is by its last part: "portkoden", "ovikoodi",
# "kundnumret", "asiakasnumero", "nhs number ends in".
_LABEL_ENDINGS = ("kod", "koden", "koodi", "koodin", "nummer", "numret", "numero", "numeron", "nro")
# Words that tie a number to the label before them: "ends in 1488", "slutar på 1488".
_TAIL_WORDS = frozenset({"ends", "ending", "slutar", "päättyy", "starts", "börjar", "alkaa"})


def _label(word: str, numbers: NumberContext) -> bool:
    normal = normalise(word)
    return normal in numbers.labels or normal in _TAIL_WORDS or normal.endswith(_LABEL_ENDINGS)


def _core(raw: str) -> tuple[str, bool]:
    """The word without punctuation around it, and whether that punctuation ties it to
    something else (a '#', a currency, a percent sign)."""
    start, end = 0, len(raw)
    while start < end and not raw[start].isalnum():
        start += 1
    while end > start and not raw[end - 1].isalnum():
        end -= 1
    tied = any(c in _BELONGS for c in raw[:start] + raw[end:])
    return raw[start:end], tied


def _free(words: list[str], first: int, last: int, numbers: NumberContext) -> bool:
    if first > 0:
        before, _ = _core(words[first - 1])
        if any(c.isdigit() for c in before) or _label(before, numbers):
            return False
        linked = first > 1 and (not before or normalise(before) in _LINKS)
        if linked and _label(_core(words[first - 2])[0], numbers):
            return False
    if last + 1 < len(words):
        after, _ = _core(words[last + 1])
        if any(c.isdigit() for c in after) or normalise(after) in numbers.units:
            return False
    return True


def stands_alone(text: str, code: str, numbers: NumberContext) -> bool:
    """Whether `code` (normalised digits, "1488" or "14 88") stands alone somewhere in `text`."""
    groups = code.split(" ")
    joined = {j.join(groups) for j in _JOINERS} if len(groups) > 1 else {code}
    words = text.split()
    for index, word in enumerate(words):
        core, tied = _core(word)
        if tied:
            continue
        if core in joined and _free(words, index, index, numbers):
            return True
        # Written apart ("14 88"), the groups are bare words: "Storgatan 14, 88 m" is two numbers.
        if len(groups) > 1 and word == groups[0]:
            last = index + len(groups) - 1
            spelled = last < len(words) and all(
                words[index + k] == groups[k]
                or (
                    (words[index + k].startswith(groups[k]) and k == len(groups) - 1)
                    and _core(words[index + k]) == (groups[k], False)
                )
                for k in range(1, len(groups))
            )
            if spelled and _free(words, index, last, numbers):
                return True
    return False
