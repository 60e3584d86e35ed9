"""The questionnaire as plain data: items, context values, triage rules and outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field

Text = dict[str, str]
"""Language code ("sv", "en", "fi") -> text."""

AnswerValue = bool | int | float | str
"""A stored answer; for choice items it is the option's code."""

ITEM_TYPES = ("boolean", "choice", "integer", "decimal", "string", "text")
# A context value is supplied by the caller, never chosen from options.
CONTEXT_TYPES = ("boolean", "integer", "decimal", "string")
NUMBER_TYPES = ("integer", "decimal")
FREE_TEXT_TYPES = ("string", "text")

OPERATORS = ("exists", "=", "!=", ">", "<", ">=", "<=")
BEHAVIORS = ("all", "any")

# Most urgent first: the order is the triage scale itself.
LEVELS = ("R", "A", "P1", "P2", "P3", "P4", "P5")
EMERGENCY_LEVELS = ("R", "A")
QUEUE_LEVELS = ("P1", "P2", "P3", "P4", "P5")

FALLBACK_LANGUAGE = "sv"


def urgency_rank(level: str) -> int:
    """0 for R (most urgent), then A, P1 … P5; sorts outcomes by urgency."""
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown triage level {level!r}") from None


def in_language(text: Text, lang: str) -> str:
    """The text in `lang`, else Swedish, else any language it has."""
    for code in (lang, FALLBACK_LANGUAGE):
        if text.get(code):
            return text[code]
    return next(iter(text.values()), "")


@dataclass(frozen=True)
class AnswerOption:
    code: str
    display: Text


@dataclass(frozen=True)
class Condition:
    """One FHIR enableWhen test: `question operator answer`."""

    question: str
    operator: str
    answer: AnswerValue | None


@dataclass(frozen=True)
class Item:
    link_id: str
    type: str
    text: Text
    required: bool = False
    options: tuple[AnswerOption, ...] = ()
    enable_when: tuple[Condition, ...] = ()
    # "" when the file gave none; FHIR requires it only with more than one condition.
    enable_behavior: str = ""
    min_value: float | None = None
    max_value: float | None = None
    max_length: int | None = None
    unit: Text | None = None
    red_flag: bool = False
    text_child: Text = field(default_factory=dict)
    """The question when a guardian answers for a child ("Har ditt barn ..."); {} when the
    file gives none (then `text` is asked, which the validator reports for child cases)."""
    source: str = field(default="", compare=False)
    """The file the item is written in (a fragment's, when included); "" if not known."""

    def question(self, lang: str, *, for_child: bool = False) -> str:
        """The question in `lang`, about the child when the case is a child's."""
        if for_child and self.text_child:
            return in_language(self.text_child, lang)
        return in_language(self.text, lang)


@dataclass(frozen=True)
class ContextVar:
    """A value the caller supplies (e.g. `for_child`); it counts as answered before every item."""

    link_id: str
    type: str


@dataclass(frozen=True)
class Rule:
    id: str
    when: tuple[Condition, ...]
    behavior: str
    outcome: str
    reason: Text = field(default_factory=dict)
    reason_child: Text = field(default_factory=dict)
    """The reason in a child's case, where it reads otherwise; {}: `reason` serves both."""


@dataclass(frozen=True)
class Outcome:
    level: str
    rule_id: str | None
    questionnaire_id: str
    questionnaire_version: str
    rules_version: str
    reason: Text
    reason_child: Text = field(default_factory=dict)

    def reason_for(self, lang: str, *, for_child: bool = False) -> str:
        """Why, in `lang`; in a child's case the child's wording when the rule has one."""
        if for_child and self.reason_child:
            return in_language(self.reason_child, lang)
        return in_language(self.reason, lang)

    @property
    def is_emergency(self) -> bool:
        """R or A: the patient is sent to 112 or the emergency department, never queued."""
        return self.level in EMERGENCY_LEVELS

    @property
    def rank(self) -> int:
        return urgency_rank(self.level)


@dataclass(frozen=True)
class Questionnaire:
    id: str
    url: str
    version: str
    rules_version: str
    title: Text
    context: tuple[ContextVar, ...]
    items: tuple[Item, ...]
    rules: tuple[Rule, ...]
    default_outcome: str
    source: str = ""
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Language code -> words and phrases of complaints this questionnaire is for."""
    audience: str = "all"
    """Who the patient can pick it for: "all", "child" (a child under 13) or "adult"."""

    def item(self, link_id: str) -> Item:
        for item in self.items:
            if item.link_id == link_id:
                return item
        raise KeyError(link_id)

    def type_of(self, link_id: str) -> str | None:
        """The answer type of an item or context value, None if there is no such linkId."""
        for var in self.context:
            if var.link_id == link_id:
                return var.type
        for item in self.items:
            if item.link_id == link_id:
                return item.type
        return None
