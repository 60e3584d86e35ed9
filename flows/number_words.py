"""Numbers of ten or more written as words ("tog trettio alvedon", "took twenty pills", "otin
kolmekymmentä unilääkettä"), read as the digits the vocabulary's `#` and `%` already match.
Under ten a word stays a word: "en", "sex", "one", "kuusi" mean other things too."""

from __future__ import annotations

_UNITS = {
    "sv": ("en", "tva", "tre", "fyra", "fem", "sex", "sju", "atta", "nio"),
    "fi": (
        "yksi",
        "kaksi",
        "kolme",
        "nelja",
        "viisi",
        "kuusi",
        "seitseman",
        "kahdeksan",
        "yhdeksan",
    ),
}
_TEENS = {
    "sv": (
        "tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton",
        "nitton",
    ),
    "en": (
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen",
    ),
    "fi": (
        "kymmenen", "yksitoista", "kaksitoista", "kolmetoista", "neljatoista", "viisitoista",
        "kuusitoista", "seitsemantoista", "kahdeksantoista", "yhdeksantoista",
    ),
}  # fmt: skip
_TENS = {
    "sv": ("tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "attio", "nittio"),
    "en": ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
    "fi": (
        "kaksikymmenta", "kolmekymmenta", "neljakymmenta", "viisikymmenta", "kuusikymmenta",
        "seitsemankymmenta", "kahdeksankymmenta", "yhdeksankymmenta",
    ),
}  # fmt: skip
# Spoken Finnish tens ("kolkyt tablettia") and the other spellings people use.
_SPOKEN_TENS = {
    "kakskyt": 20, "kolkyt": 30, "nelkyt": 40, "viiskyt": 50, "kuuskyt": 60,
    "fourty": 40, "trettie": 30, "tjuge": 20,
}  # fmt: skip


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for teens in _TEENS.values():
        table.update({word: str(10 + at) for at, word in enumerate(teens)})
    for lang, tens in _TENS.items():
        for at, word in enumerate(tens):
            value = 20 + 10 * at
            table[word] = str(value)
            # Swedish and Finnish write the units into the word: "trettiofem", "kolmekymmentäviisi".
            for unit, name in enumerate(_UNITS.get(lang, ()), start=1):
                table[word + name] = str(value + unit)
            if lang == "sv":
                table[word + "ett"] = str(value + 1)
    for word, value in _SPOKEN_TENS.items():
        table[word] = str(value)
    for word in ("hundra", "hundred", "sata"):
        table[word] = "100"
    return table


NUMBER_WORDS = _table()
"""Each number word (casefolded, without diacritics) and its digits."""
