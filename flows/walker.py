"""Which question comes next, and what a patient's typed reply means for it.

The caller keeps `answers` (linkId -> value, context values included) and calls these pure
functions after each reply. A non-required item is skipped by storing "" for it: it then counts
as asked, and as unanswered for every condition.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from flows.conditions import evaluate
from flows.matching import match_key, near
from flows.model import AnswerValue, Item, Questionnaire, in_language

DEFAULT_MAX_LENGTH = 2000

# Beyond this a number is nonsense for any question, and int() of a huge string is slow.
_MAX_DIGITS = 12
# Room for a unit after a number ("38,5 grader", "38.5°C", "8 av 10" is not a unit: it has digits).
_MAX_UNIT_LENGTH = 20
_NUMBER = re.compile(r"([+-]?)([0-9]+)(?:[.,]([0-9]+))?(.*)", re.DOTALL)
_WORD_SPLIT = re.compile(r"[\s,.;:!?]+")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})


@dataclass(frozen=True)
class ParsedAnswer:
    """A value to store, or an error code for the caller's text catalogue (never both)."""

    value: AnswerValue | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


def _value(value: AnswerValue) -> ParsedAnswer:
    return ParsedAnswer(value, None)


def _error(code: str) -> ParsedAnswer:
    return ParsedAnswer(None, code)


def is_enabled(q: Questionnaire, item: Item, answers: Mapping[str, AnswerValue]) -> bool:
    """FHIR enableWhen: a condition on an unanswered or disabled question is false, except
    `exists` with answer false, which is true then."""
    enabled, _ = evaluate(q, answers)
    return any(candidate.link_id == item.link_id for candidate in enabled)


def next_item(q: Questionnaire, answers: Mapping[str, AnswerValue]) -> Item | None:
    """The first enabled item not yet answered, in document order; None when done."""
    enabled, _ = evaluate(q, answers)
    return next((item for item in enabled if item.link_id not in answers), None)


def progress(q: Questionnaire, answers: Mapping[str, AnswerValue]) -> tuple[int, int]:
    """(number of the question about to be asked, questions in all as far as we can tell).

    A follow-up whose condition waits on a question not yet answered is counted, so the total
    only ever shrinks as answers rule follow-ups out: "16 of 22" after "15 of 24" reads as
    good news, where a total that grows ("15 of 22", then "16 of 23") feels like a trap.
    When every question is answered the first number is the total.
    """
    enabled, _ = evaluate(q, answers)
    on = {item.link_id for item in enabled}
    asked = sum(1 for item in enabled if item.link_id in answers)
    # Questions still open: enabled and unanswered, or possibly enabled later.
    open_ids: set[str] = set()
    for item in q.items:
        if item.link_id in on:
            if item.link_id not in answers:
                open_ids.add(item.link_id)
        elif any(c.question in open_ids for c in item.enable_when):
            open_ids.add(item.link_id)
    return (asked + 1 if open_ids else asked, asked + len(open_ids))


def option_labels(item: Item, lang: str) -> list[str]:
    """The labels of a choice item's options in file order, to show numbered from 1."""
    return [in_language(option.display, lang) for option in item.options]


def parse_answer(
    item: Item,
    text: str,
    lang: str,
    yes_words: Collection[str],
    no_words: Collection[str],
    not_words: Collection[str] = (),
) -> ParsedAnswer:
    """Turn a typed reply into a value for `item`, or an error code. `not_words` ("inte")
    make a yes or no followed by more words ambiguous.

    Codes: empty, not_a_choice, not_yes_no, not_integer, not_number, out_of_range, too_long.
    """
    if not text.strip():
        return _error("empty")
    match item.type:
        case "boolean":
            return _yes_no(text, yes_words, no_words, not_words, red_flag=item.red_flag)
        case "choice":
            return _choice(item, text, lang)
        case "integer" | "decimal":
            return _number(item, text)
        case "string" | "text":
            stripped = text.strip()
            limit = item.max_length or DEFAULT_MAX_LENGTH
            return _error("too_long") if len(stripped) > limit else _value(stripped)
    raise ValueError(f"cannot parse answers to a {item.type!r} item")


def _yes_no(
    text: str,
    yes_words: Collection[str],
    no_words: Collection[str],
    not_words: Collection[str] = (),
    *,
    red_flag: bool = False,
) -> ParsedAnswer:
    # Booleans are shown as two numbered choices: 1 yes, 2 no.
    typed = match_key(text)
    yes = {match_key(word) for word in yes_words}
    no = {match_key(word) for word in no_words}
    is_yes = typed == "1" or typed in yes
    is_no = typed == "2" or typed in no
    if is_yes != is_no:
        return _value(is_yes)
    # "Ja, sedan i går" is a yes and "nej, bara lite" a no, as people write; but "ja, inte nu
    # längre" or "joo mutta ei enää" could be either, so a second yes, no or "not" asks again.
    # To a warning sign only the yes: "nej, bara lite" about chest pain is not a clear no.
    first, *rest = _WORD_SPLIT.split(typed)
    others = set(rest) & (yes | no | {match_key(word) for word in not_words})
    clear = rest and not others and (first in yes) != (first in no)
    if clear and (first in yes or not red_flag):
        return _value(first in yes)
    return _error("not_yes_no")


def _choice(item: Item, text: str, lang: str) -> ParsedAnswer:
    typed = match_key(text)
    if typed.isdecimal() and len(typed) <= _MAX_DIGITS:
        position = int(typed)
        if 1 <= position <= len(item.options):
            return _value(item.options[position - 1].code)
        return _error("not_a_choice")
    exact = {
        option.code
        for option in item.options
        for label in option.display.values()
        if match_key(label) == typed
    }
    if exact:
        return _value(exact.pop()) if len(exact) == 1 else _error("not_a_choice")
    # A near match in the patient's own language wins over one in another language.
    for languages in ([lang], None):
        close = {
            option.code
            for option in item.options
            for label_lang, label in option.display.items()
            if (languages is None or label_lang in languages) and near(typed, match_key(label))
        }
        if len(close) == 1:
            return _value(close.pop())
        if close:
            break
    return _error("not_a_choice")


def _number(item: Item, text: str) -> ParsedAnswer:
    wrong_kind = "not_integer" if item.type == "integer" else "not_number"
    normalized = unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip()
    match = _NUMBER.fullmatch(normalized)
    if match is None:
        return _error(wrong_kind)
    sign, whole, fraction, unit = match.groups()
    unit = unit.strip()
    if any(ch.isdigit() for ch in unit) or len(unit) > _MAX_UNIT_LENGTH:
        return _error(wrong_kind)
    if len(whole) + len(fraction or "") > _MAX_DIGITS:
        return _error("out_of_range")
    value: int | float
    if item.type == "integer":
        if fraction is not None:
            return _error("not_integer")
        value = int(sign + whole)
    else:
        value = float(f"{sign}{whole}.{fraction or '0'}")
    if not math.isfinite(value):
        return _error("out_of_range")
    if item.min_value is not None and value < item.min_value:
        return _error("out_of_range")
    if item.max_value is not None and value > item.max_value:
        return _error("out_of_range")
    return _value(value)
