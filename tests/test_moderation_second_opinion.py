"""The statistical second opinion (bot/moderation/second_opinion.py): where the tone rules are
silent it may ask staff to read a message; it never acts on the patient."""

from __future__ import annotations

import importlib.util
import json
import zlib
from pathlib import Path
from types import ModuleType

import pytest

from bot.moderation import Moderator
from bot.moderation.second_opinion import MODEL_FILE
from tests.conftest import Chat

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpora"

# Said as people say them, in words no rule was written for (the rules alone find nothing).
UNSEEN_BY_RULES = [
    ("en", "threat", "one of these nights you will not get home safe"),
    ("fi", "threat", "jonain päivänä seison sun oven takana"),
    ("sv", "self_harm", "jag tänker inte vara med så mycket längre"),
    ("sv", "self_harm", "ikväll blir sista kvällen, tack för allt ni gjort"),
]


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


def _trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_second_opinion", ROOT / "scripts" / "train_second_opinion.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("lang", "category", "text"), UNSEEN_BY_RULES)
def test_what_the_rules_miss_goes_to_staff_review(
    moderator: Moderator, lang: str, category: str, text: str
) -> None:
    rules_alone = Moderator(moderator.lexicon, second_opinion=False)
    assert not rules_alone.check(text, lang).hits
    verdict = moderator.check(text, lang)
    assert (verdict.category, verdict.action) == (category, "review")
    assert verdict.hits[0].rule_id == f"second_opinion.{category}"
    explained = moderator.explain(text, lang)
    assert "second opinion" in explained and "the words that weighed most" in explained


def test_the_rules_decide_first(moderator: Moderator) -> None:
    """A rule's verdict is never replaced: an insult is still warned, a threat still held."""
    assert moderator.check("din jävla idiot", "sv").action == "warn_strike"
    assert moderator.check("jag ska döda dig", "sv").action == "alert_staff"


def test_what_the_rules_decided_is_not_reopened(moderator: Moderator) -> None:
    """Reported speech the rules turned down to profanity stays there: the writer reports."""
    verdict = moderator.check("my ex said \"I'll kill you\" and I'm scared", "en")
    assert verdict.action == "log"


def test_everyday_patient_messages_are_rarely_sent_to_review(moderator: Moderator) -> None:
    """Patients' first messages written for the danger words that the model never learnt from
    (first_messages_tuned and the held-out first_messages_unseen): the medical ones, red flags
    included, almost never go to review. Measured at 2 of 747."""
    reviewed = total = 0
    for name in ("first_messages_tuned", "first_messages_unseen"):
        for line in (CORPORA / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lang, label, text = line.split("\t")[:3]
            if label == "crisis":
                continue
            total += 1
            reviewed += moderator.check(text, lang).action == "review"
    assert total > 700
    assert reviewed <= total // 100


def test_the_shipped_model_was_trained_on_todays_development_corpora() -> None:
    """A development corpus changed without a new model: run
    `.venv/bin/python scripts/train_second_opinion.py` (deterministic, about five seconds)."""
    trainer = _trainer()
    raw = zlib.decompress(MODEL_FILE.read_bytes())
    header = json.loads(raw[4 : 4 + int.from_bytes(raw[:4], "little")])
    files = trainer.training_files()
    assert header["files"] == [path.name for path in files]
    assert header["trained_on"] == trainer.digest(files)
    held_out = ("moderation_unseen", "first_messages_unseen", "first_messages_tuned")
    assert not any(name.startswith(held_out) for name in header["files"])


async def _active(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")


async def test_a_review_asks_staff_and_leaves_the_patient_alone(chat: Chat) -> None:
    await _active(chat)
    text = "one of these nights you will not get home safe"
    printed = await chat.say(text)
    assert "[bot → staff] Att granska i ärende #1: meddelandet kan vara hot." in printed
    assert "«" + text + "»" in printed
    # Passed on, marked for the clinician; no warning, nothing held, no pause.
    assert f"[patient → clinician] [att granska: hot?] {text}" in printed
    assert "Håll god ton" not in printed and "inte skickats vidare" not in printed
    printed = await chat.say("hallå?")
    assert "[patient → clinician] hallå?" in printed
    verdicts = await chat.repos(lambda r: r.verdicts.of_case(1))
    assert ("review", "threat", "second_opinion.threat") in verdicts


async def test_a_self_harm_review_brings_no_crisis_message_but_tells_staff(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("jag tänker inte vara med så mycket längre")
    assert "Självmordslinjen" not in printed
    assert "[bot → staff] Att granska i ärende #1: meddelandet kan handla om självskada" in printed
    case = await chat.case_of()
    assert case is not None and case.priority != 1
