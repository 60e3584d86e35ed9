"""A clinician-readable overview of a questionnaire, as Markdown: review triage without YAML.

For each questionnaire: versions, the questions in the order asked (with their answer options,
limits and when they are asked, in words), and every triage rule as
"IF … THEN P2 (reason)", most urgent first, then the default priority. Texts come in one
language (`lang`); linkIds and rule ids are shown so a reviewer can point at what to change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flows.model import (
    AnswerValue,
    Condition,
    Item,
    Questionnaire,
    Rule,
    in_language,
    urgency_rank,
)

_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "version": "Version",
        "rules_version": "Regelversion",
        "audience": "Erbjuds för",
        "audience_child": "barn under 13 år",
        "audience_adult": "vuxna (för sig själva)",
        "source": "Fil",
        "context": "Uppgifter från boten (frågas inte)",
        "questions": "Frågor",
        "rules": "Triageregler (mest brådskande först)",
        "asked_if": "Frågas bara om",
        "for_child": "Om barnet",
        "red_flag": "RÖD FLAGGA",
        "required": "måste besvaras",
        "optional": "frivillig",
        "otherwise": "ANNARS",
        "if": "OM",
        "then": "SÅ",
        "and": "OCH",
        "or": "ELLER",
        "yes": "ja",
        "no": "nej",
        "answered": "är besvarad",
        "not_answered": "är inte besvarad",
        "levels": "Nivåer",
        "free_text": "fritext, läses av vårdpersonal, används inte i triage",
        "range": "tal",
        "boolean": "ja/nej",
        "choice": "val",
        "integer": "heltal",
        "decimal": "tal",
        "string": "kort fritext",
        "text": "fritext",
    },
    "en": {
        "version": "Version",
        "rules_version": "Rules version",
        "audience": "Offered for",
        "audience_child": "children under 13",
        "audience_adult": "the patient themself",
        "source": "File",
        "context": "Supplied by the bot (not asked)",
        "questions": "Questions",
        "rules": "Triage rules (most urgent first)",
        "asked_if": "Asked only if",
        "for_child": "About a child",
        "red_flag": "RED FLAG",
        "required": "required",
        "optional": "optional",
        "otherwise": "OTHERWISE",
        "if": "IF",
        "then": "THEN",
        "and": "AND",
        "or": "OR",
        "yes": "yes",
        "no": "no",
        "answered": "is answered",
        "not_answered": "is not answered",
        "levels": "Levels",
        "free_text": "free text, read by a clinician, not used in triage",
        "range": "number",
        "boolean": "yes/no",
        "choice": "choice",
        "integer": "whole number",
        "decimal": "number",
        "string": "short free text",
        "text": "free text",
    },
    "fi": {
        "version": "Versio",
        "rules_version": "Sääntöjen versio",
        "audience": "Tarjotaan",
        "audience_child": "alle 13-vuotiaille lapsille",
        "audience_adult": "potilaalle itselleen",
        "source": "Tiedosto",
        "context": "Botin antamat tiedot (ei kysytä)",
        "questions": "Kysymykset",
        "rules": "Triagesäännöt (kiireellisin ensin)",
        "asked_if": "Kysytään vain, jos",
        "for_child": "Lapsesta",
        "red_flag": "PUNAINEN LIPPU",
        "required": "pakollinen",
        "optional": "vapaaehtoinen",
        "otherwise": "MUUTEN",
        "if": "JOS",
        "then": "NIIN",
        "and": "JA",
        "or": "TAI",
        "yes": "kyllä",
        "no": "ei",
        "answered": "on vastattu",
        "not_answered": "ei ole vastattu",
        "levels": "Tasot",
        "free_text": "vapaa teksti, hoitaja lukee, ei käytetä triagessa",
        "range": "luku",
        "boolean": "kyllä/ei",
        "choice": "valinta",
        "integer": "kokonaisluku",
        "decimal": "luku",
        "string": "lyhyt vapaa teksti",
        "text": "vapaa teksti",
    },
}

LEVEL_NAMES: dict[str, dict[str, str]] = {
    "sv": {
        "R": "ring 112",
        "A": "akutmottagning nu",
        "P1": "omgående",
        "P2": "skyndsamt, inom timmar",
        "P3": "närmaste dygnet",
        "P4": "vardag närmaste tiden",
        "P5": "avvakta, egenvårdsråd givna",
    },
    "en": {
        "R": "call 112",
        "A": "emergency department now",
        "P1": "immediately",
        "P2": "within hours",
        "P3": "within a day",
        "P4": "within days",
        "P5": "self-care advice given",
    },
    "fi": {
        "R": "soita 112",
        "A": "päivystykseen heti",
        "P1": "välittömästi",
        "P2": "tuntien sisällä",
        "P3": "vuorokauden sisällä",
        "P4": "lähipäivinä",
        "P5": "itsehoito-ohjeet annettu",
    },
}

_SYMBOLS = {"=": "=", "!=": "≠", ">": ">", "<": "<", ">=": "≥", "<=": "≤"}


def markdown(q: Questionnaire, lang: str = "sv") -> str:
    """The overview of one questionnaire in `lang` (sv, en or fi; others fall back to en)."""
    return _Doc(q, lang).render()


def markdown_all(questionnaires: Mapping[str, Questionnaire], lang: str = "sv") -> str:
    """Every questionnaire's overview, one after the other, by id."""
    return "\n\n".join(markdown(questionnaires[qid], lang) for qid in sorted(questionnaires))


class _Doc:
    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.q = q
        self.lang = lang
        self.words = _WORDS.get(lang, _WORDS["en"])
        self.levels = LEVEL_NAMES.get(lang, LEVEL_NAMES["en"])
        self.numbers = {item.link_id: index for index, item in enumerate(q.items, start=1)}

    def render(self) -> str:
        q, w = self.q, self.words
        lines = [
            f"# {in_language(q.title, self.lang)} (`{q.id}`)",
            "",
            f"- {w['version']}: {q.version}",
            f"- {w['rules_version']}: {q.rules_version}",
        ]
        if q.audience != "all":
            lines.append(f"- {w['audience']}: {w['audience_' + q.audience]}")
        if q.source:
            lines.append(f"- {w['source']}: `{q.source}`")
        levels = ", ".join(f"**{level}** {name}" for level, name in self.levels.items())
        lines.append(f"- {w['levels']}: {levels}")
        if q.context:
            names = ", ".join(f"`{var.link_id}` ({w.get(var.type, var.type)})" for var in q.context)
            lines += ["", f"{w['context']}: {names}"]
        lines += ["", f"## {w['questions']}", ""]
        for item in q.items:
            lines += self.item(item)
        lines += ["", f"## {w['rules']}", ""]
        for rule in sorted(q.rules, key=lambda r: urgency_rank(r.outcome)):
            lines.append(f"- {self.rule(rule)}")
        default = self.levels.get(q.default_outcome, "")
        lines.append(f"- **{w['otherwise']} {q.default_outcome}** ({default})")
        return "\n".join(lines) + "\n"

    def item(self, item: Item) -> list[str]:
        w = self.words
        flags = [w.get(item.type, item.type), w["required"] if item.required else w["optional"]]
        if item.red_flag:
            flags.insert(0, f"**{w['red_flag']}**")
        if item.type in ("integer", "decimal") and (item.min_value, item.max_value) != (None, None):
            unit = f" {in_language(item.unit, self.lang)}" if item.unit else ""
            low = _number(item.min_value) if item.min_value is not None else "…"
            high = _number(item.max_value) if item.max_value is not None else "…"
            flags.append(f"{low}–{high}{unit}")
        if item.type in ("string", "text"):
            flags.append(w["free_text"])
        number = self.numbers[item.link_id]
        text = in_language(item.text, self.lang)
        lines = [f"{number}. {text}  "]
        if item.text_child:
            # The clinicians read what a guardian is asked as closely as the question itself.
            lines.append(f"   *{w['for_child']}: {in_language(item.text_child, self.lang)}*  ")
        lines.append(f"   `{item.link_id}` · {' · '.join(flags)}")
        if item.enable_when:
            joined = self.conditions(item.enable_when, item.enable_behavior)
            lines[-1] += "  "
            lines.append(f"   {w['asked_if']}: {joined}")
        for index, option in enumerate(item.options, start=1):
            lines.append(
                f"   - {index}) {in_language(option.display, self.lang)} (`{option.code}`)"
            )
        return lines

    def rule(self, rule: Rule) -> str:
        w = self.words
        reason = in_language(rule.reason, self.lang)
        if rule.reason_child:
            reason += f"; {w['for_child'].lower()}: {in_language(rule.reason_child, self.lang)}"
        why = f" ({reason})" if reason else ""
        condition = self.conditions(rule.when, rule.behavior)
        return (
            f"**{w['if']}** {condition} **{w['then']} {rule.outcome}**{why}"
            f" — {self.levels.get(rule.outcome, '')} · `{rule.id}`"
        )

    def conditions(self, conditions: Sequence[Condition], behavior: str) -> str:
        joiner = f" **{self.words['or'] if behavior == 'any' else self.words['and']}** "
        return joiner.join(self.condition(c) for c in conditions)

    def condition(self, condition: Condition) -> str:
        w = self.words
        subject = self.subject(condition.question)
        if condition.operator == "exists":
            return f"{subject} {w['answered'] if condition.answer is True else w['not_answered']}"
        symbol = _SYMBOLS.get(condition.operator, condition.operator)
        return f"{subject} {symbol} {self.value(condition.question, condition.answer)}"

    def subject(self, link_id: str) -> str:
        if link_id in self.numbers:
            return f"[{self.numbers[link_id]}] `{link_id}`"
        return f"`{link_id}`"

    def value(self, link_id: str, answer: AnswerValue | None) -> str:
        if isinstance(answer, bool):
            return f"**{self.words['yes'] if answer else self.words['no']}**"
        if isinstance(answer, int | float):
            unit = ""
            if link_id in self.numbers:
                item = self.q.item(link_id)
                unit = f" {in_language(item.unit, self.lang)}" if item.unit else ""
            return f"**{_number(answer)}{unit}**"
        if isinstance(answer, str) and self.q.type_of(link_id) == "choice":
            for option in self.q.item(link_id).options:
                if option.code == answer:
                    return f'**"{in_language(option.display, self.lang)}"** (`{answer}`)'
        return f'**"{answer}"**'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
