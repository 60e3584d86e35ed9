"""What a patient with nothing alarming answers at each step of the intake (tests and benches).

One definition for the shell, Matrix and Telegram harnesses and the journey bench: pick the
suggested questionnaire (or "something else" when nothing was suggested), no to every yes/no
question, the first option, small numbers, a normal temperature, and send the summary.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.intake import Intake
from flows.model import in_language
from storage.records import Case
from storage.repositories import Repositories


def calm_answer(
    intake: Intake,
    repos: Repositories,
    case: Case,
    overrides: Mapping[str, str] | None = None,
) -> str | None:
    """The calm reply to the question `case` is at; None when it is not at one of these."""
    if case.step in ("topic", "confirm"):
        return "1"  # the best suggestion; send the summary
    if case.step == "self_age":
        return "34"  # asked once without e-ID
    if case.step == "topic_list":
        default = intake.services.questionnaires[intake.services.config.flows.default]
        return in_language(default.title, case.language)
    if case.step not in ("questions", "recheck"):
        return None
    q = intake.questionnaire(case)
    answers = intake.answers(repos, case)
    item = intake.current_item(case, q, answers)
    if item is None:
        return None
    if overrides and item.link_id in overrides:
        return overrides[item.link_id]
    if item.type == "boolean":
        return "nej"
    if item.type == "choice":
        return "1"
    if item.type in ("integer", "decimal"):
        return "37,2" if item.link_id.startswith("temp") else str(int(item.min_value or 0))
    return "inget mer"
