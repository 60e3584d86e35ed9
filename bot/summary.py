"""The case summary a clinician reads on taking a case: red-flag answers first."""

from __future__ import annotations

from typing import Any

from bot.age import months_since
from bot.context import Services
from bot.conversation import conversation_lines
from bot.crisis import crisis_lines
from bot.identity.record import MISUSE
from bot.identity.record import summary_lines as identity_lines
from bot.late import written_when
from bot.spoken_time import format_opening
from bot.turn import Turn
from bot.unclear import unclear_items
from bot.waiting import SENT_ELSEWHERE
from flows.conditions import SKIPPED, evaluate
from flows.model import Item, Questionnaire, in_language
from storage.records import Case, Subject


def answer_text(turn: Turn, lang: str, q: Questionnaire, link_id: str, value: Any) -> str:
    if value is None or value == SKIPPED:
        return turn.text(lang, "summary.skipped")
    item = q.item(link_id)
    if item.type == "boolean":
        return turn.text(lang, "answer.yes" if value else "answer.no")
    if item.type == "choice":
        for option in item.options:
            if option.code == value:
                return in_language(option.display, lang) or str(value)
    if isinstance(value, float):
        shown = f"{value:g}"
        return shown if lang == "en" else shown.replace(".", ",")  # 38,4 in Swedish and Finnish
    return str(value) if not isinstance(value, str) else value


def question_only(item: Item, lang: str, *, for_child: bool = False) -> str:
    """The question without the instructions after it ("Skriv till exempel 38,5."), which
    mean nothing beside an answer that is already given; about the child in a child's case."""
    question = item.question(lang, for_child=for_child)
    return question[: question.index("?") + 1] if "?" in question else question


def case_summary(
    turn: Turn,
    lang: str,
    case: Case,
    subject: Subject | None,
    q: Questionnaire | None,
    answers: dict[str, Any],
    *,
    services: Services,
) -> str:
    header = (
        turn.text(
            lang,
            "summary.header",
            case_id=case.id,
            priority=case.priority or "-",
            rule=case.rule_id,
        )
        if case.rule_id
        else turn.text(
            lang, "summary.header_default", case_id=case.id, priority=case.priority or "-"
        )
    )
    lines = [header, *_warnings(turn, lang, case, subject, q, answers, services)]
    misuse = [e for e in turn.repos.cases.events(case.id) if e.reason == MISUSE]
    if misuse:
        when = format_opening(turn, services, lang, misuse[-1].at)
        lines.append(turn.text(lang, "summary.identity_misuse", when=when))
    lines.append(turn.text(lang, "summary.complaint", complaint=case.complaint or "-"))
    if subject is not None and subject.kind == "self" and subject.age_given_at is not None:
        # Without e-ID the age the patient told us is all the clinician has; said as such.
        told = (subject.age_months or 0) + months_since(subject.age_given_at, turn.now)
        lines.append(turn.text(lang, "summary.stated_age", years=told // 12))
    if subject is not None and subject.kind == "child":
        age = subject.age_months or 0
        lines.append(
            turn.text(
                lang,
                "summary.child",
                name=subject.name or "-",
                years=age // 12,
                months=age % 12,
            )
        )
        if subject.guardian_statement:
            lines.append(turn.text(lang, "summary.guardian", statement=subject.guardian_statement))
    lines.extend(identity_lines(turn, lang, case, subject))
    if q is not None:
        lines.append(
            turn.text(
                lang,
                "summary.versions",
                title=in_language(q.title, lang),
                questionnaire=q.id,
                version=case.questionnaire_version or q.version,
                rules=case.rules_version or q.rules_version,
            )
        )
        # Only answers that still count: one to a question that a changed answer has since
        # disabled ("Temperatur 39" after "feber: nej") would mislead the clinician.
        enabled, _ = evaluate(q, answers)
        for_child = subject is not None and subject.kind == "child"
        red = [i for i in enabled if i.red_flag and i.link_id in answers]
        rest = [i for i in enabled if not i.red_flag and i.link_id in answers]
        # A "no" to every warning sign is one line: the clinician reads the ones that were not.
        said_no = [i for i in red if answers[i.link_id] is False]
        flagged = [i for i in red if answers[i.link_id] is not False]
        if red and not flagged:
            lines.append(turn.text(lang, "summary.red_flags_all_no", count=len(red)))
        for title_key, items in (("summary.red_flags", flagged), ("summary.answers", rest)):
            if not items:
                continue
            lines.append(turn.text(lang, title_key))
            for item in items:
                question = question_only(item, lang, for_child=for_child) or item.link_id
                shown = (
                    turn.text(lang, "answer.unsure")
                    if item.red_flag and answers[item.link_id] == SKIPPED
                    else answer_text(turn, lang, q, item.link_id, answers[item.link_id])
                )
                lines.append(f"• {question} {shown}")
            if items is flagged and said_no:
                lines.append(turn.text(lang, "summary.red_flags_other_no", count=len(said_no)))
    lines.extend(_late_words(turn, services, lang, case))
    lines.extend(conversation_lines(turn, services, lang, case))
    return "\n".join(lines)


def _late_words(turn: Turn, services: Services, lang: str, case: Case) -> list[str]:
    """The patient's messages that came through too late to be taken as answers: nothing
    above counts them, yet they may say something the clinician should read."""
    late = [
        (line.written_at, line.body)
        for line in turn.repos.record.of_case(case.id)
        if line.written_at is not None and line.author_role == "patient"
    ]
    if not late:
        return []
    return [turn.text(lang, "summary.late")] + [
        f"• {written_when(turn, services, lang, at)}: {body}" for at, body in late
    ]


def _warnings(
    turn: Turn,
    lang: str,
    case: Case,
    subject: Subject | None,
    q: Questionnaire | None,
    answers: dict[str, Any],
    services: Services,
) -> list[str]:
    """What the clinician must read first: the patient's crisis words, and warning signs the
    patient was unsure about (in the intake or a later re-check)."""
    lines = crisis_lines(turn, lang, case, lambda at: written_when(turn, services, lang, at))
    sent = [e for e in turn.repos.cases.events(case.id) if e.reason == SENT_ELSEWHERE]
    if sent:
        # Told at night to go to the emergency department or call 1177: they may have been
        # seen already, or still be waiting for nothing.
        key = (
            "summary.sent_to_emergency"
            if sent[-1].detail == "emergency"
            else "summary.sent_to_1177"
        )
        lines.append(turn.text(lang, key, when=written_when(turn, services, lang, sent[-1].at)))
    if q is None:
        return lines
    unsure = {item.link_id: item for item in unclear_items(q, answers)}
    for round_ in range(1, case.recheck + 1):
        later = turn.repos.answers.of_case(case.id, round_)
        unsure.update({item.link_id: item for item in unclear_items(q, later)})
    if unsure:
        for_child = subject is not None and subject.kind == "child"
        lines.append(turn.text(lang, "summary.unclear"))
        lines += [f"• {question_only(i, lang, for_child=for_child)}" for i in unsure.values()]
    return lines
