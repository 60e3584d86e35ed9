"""What a verdict says and what it asks the core to do, per category and severity (DESIGN 8).

Actions are escalations: each one includes what the milder ones do. "warn_strike" warns in the
patient's language and counts a strike; "notify_staff" also warns and strikes (discrimination) or
tells staff (sexual harassment); "alert_staff" holds the message back, alerts staff with evidence,
pauses relaying and marks a possible police report for a human. "clinical_alert" is not
moderation at all: the patient may be in danger, so it wins over everything else. "review" stands
apart: only the statistical second opinion found something (bot/moderation/second_opinion.py), so
staff are asked to read the message and nothing acts on the patient.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from bot.moderation.second_opinion import RULE_PREFIX

ACTIONS = (
    "none",
    "log",
    "review",
    "warn",
    "warn_strike",
    "notify_staff",
    "alert_staff",
    "clinical_alert",
)
# Self-harm is looked at before threats: "jag ska döda mig" must reach a clinician as care.
PRIORITY = {
    "self_harm": 6,
    "threat": 5,
    "discrimination": 4,
    "sexual_harassment": 3,
    "insult": 2,
    "profanity": 1,
}


class Hit(NamedTuple):
    """One rule that matched. A named tuple: one or more are made for most messages that
    match anything, and a frozen dataclass took about twice as long to make."""

    rule_id: str
    category: str
    matched_form: str
    lexicon_version: str
    explanation: str
    severity: int = 1


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision on one message; `hits` in order of weight, the deciding hit first."""

    category: str
    severity: int
    action: str
    hits: tuple[Hit, ...] = ()

    @property
    def categories(self) -> frozenset[str]:
        """Every category that matched: a self-harm verdict may also carry a threat."""
        return frozenset(hit.category for hit in self.hits)

    @property
    def alerts_staff(self) -> bool:
        """Staff are alerted to a threat: the verdict is one, or a threat came with crisis words
        ("I'll kill you and then myself"), where the patient gets crisis care first and staff
        still get the threat (bot/conduct.py)."""
        if self.action == "alert_staff":
            return True
        return self.action == "clinical_alert" and "threat" in self.categories

    @property
    def flagged(self) -> bool:
        return self.action not in ("none", "log")


CLEAN = Verdict("clean", 0, "none", ())


def action_for(category: str, severity: int) -> str:
    if category == "self_harm":
        return "clinical_alert"
    if category == "threat":
        return "alert_staff"
    if category in ("discrimination", "sexual_harassment"):
        return "notify_staff"
    if category == "insult":
        # A mild word ("dum", "tyhmä") said to someone earns a warning, not a strike.
        return "warn" if severity <= 1 else "warn_strike"
    if category == "profanity":
        return "log"
    return "none"


def _weight(hit: Hit) -> tuple[int, int]:
    return PRIORITY.get(hit.category, 0), hit.severity


def decide(hits: tuple[Hit, ...]) -> Verdict:
    if not hits:
        return CLEAN
    # The deciding hit comes first, so `hits[0]` is the rule to name in an alert or a strike.
    # One hit (most flagged messages) is in order already.
    ordered = tuple(hits) if len(hits) == 1 else tuple(sorted(hits, key=_weight, reverse=True))
    worst = ordered[0]
    if worst.rule_id.startswith(RULE_PREFIX):
        # Only the statistical second opinion found it: staff read it, nothing acts on the
        # patient, and crisis help stays with the danger vocabulary (DESIGN 8a).
        return Verdict(worst.category, worst.severity, "review", ordered)
    return Verdict(
        worst.category, worst.severity, action_for(worst.category, worst.severity), ordered
    )
