"""A guardian answering for a child reads every question and instruction about the child
("Har ditt barn ...", "Does your child ...", "Onko lapsellasi ..."), never "Har du planer på att ta
ditt liv" about a two-month-old; `minvard check` names an item a child's case can ask without
its child form."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.loader import load_directory
from flows.model import in_language
from tests.conftest import Chat

ROOT = Path(__file__).resolve().parent.parent
ALL = load_directory(ROOT / "flows" / "questionnaires")
LANGUAGE_NUMBER = {"sv": "1", "en": "2", "fi": "3"}
YES = {"sv": "ja", "en": "yes", "fi": "kyllä"}

# What the old questions said about a toddler, and what a guardian reads now.
ABOUT_YOU = {
    "sv": ["Har du planer på att ta ditt liv", "är du mycket svår att hålla vaken", "Hostar du?"],
    "en": ["Are you planning to take your own life", "are you very hard to keep awake"],
    "fi": ["Suunnitteletko itsemurhaa", "Onko sinulla kouristuksia", "Onko sinulla yskää?"],
}
ABOUT_THE_CHILD = {
    "sv": [
        "Kan ditt barn ha fått i sig läkemedel, droger eller något annat giftigt",
        "är barnet mycket svårt att väcka eller hålla vaken",
        "Hostar ditt barn?",
    ],
    "en": [
        "Could your child have swallowed medicine, drugs or anything else poisonous",
        "is your child very hard to wake or keep awake",
        "Does your child have a cough?",
    ],
    "fi": [
        "lapsesi on niellyt lääkkeitä, huumeita tai jotain muuta myrkyllistä",
        "Onko lapsellasi kouristuksia juuri nyt",
        "Onko lapsellasi yskää?",
    ],
}
CHILD_NEEDS_HELP = {
    "sv": "Dina svar tyder på att ditt barn behöver akut hjälp",
    "en": "Your answers suggest that your child needs emergency help",
    "fi": "Vastaustesi perusteella lapsesi tarvitsee kiireellistä apua",
}


async def begin_for_child(chat: Chat, lang: str, age: str, qid: str) -> str:
    """From the first message to the first question of `qid`, as a guardian."""
    printed = await chat.say("hej")
    printed += await chat.say(LANGUAGE_NUMBER[lang])
    printed += await chat.say("2")  # my child
    printed += await chat.say("Mia")
    printed += await chat.say(age)
    printed += await chat.say("1")  # I am the guardian
    printed += await chat.say(in_language(ALL[qid].title, lang))
    return printed


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
async def test_every_question_about_a_toddler_speaks_about_the_child(chat: Chat, lang: str) -> None:
    printed = await begin_for_child(chat, lang, "2", "sore_throat")
    printed += await chat.answer_calmly()

    for adult in ABOUT_YOU[lang]:
        assert adult not in printed
    for about_child in ABOUT_THE_CHILD[lang]:
        assert about_child in printed
    # Every question the guardian was asked is the item's child form.
    q = ALL["sore_throat"]
    answers = await chat.repos(lambda repos: repos.answers.of_case(1))
    for link_id in answers:
        item = q.item(link_id)
        assert item.question(lang, for_child=True) in printed, link_id
        if in_language(item.text, lang) != item.question(lang, for_child=True):
            assert in_language(item.text, lang) not in printed, link_id
    case = await chat.case_of()
    assert case is not None and case.state == "queued"

    # The clinician's summary names the answers as questions about the child too.
    printed = await chat.say("clinician: !next")
    assert "• Hostar ditt barn? Nej" in printed
    assert "Hostar du?" not in printed


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
async def test_the_patients_own_summary_asks_about_the_child(chat: Chat, lang: str) -> None:
    await begin_for_child(chat, lang, "2", "sore_throat")
    printed = await chat.answer_to_summary()
    throat_cough = ALL["sore_throat"].item("throat_cough")
    assert throat_cough.question(lang, for_child=True) in printed
    assert in_language(throat_cough.text, lang) not in printed


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
async def test_the_112_instruction_about_a_child_says_your_child(chat: Chat, lang: str) -> None:
    printed = await begin_for_child(chat, lang, "8 mån", "cough_cold")
    assert ALL["cough_cold"].item("rf_breathing").question(lang, for_child=True) in printed
    printed = await chat.say(YES[lang])  # so short of breath that she cannot feed or cry

    assert CHILD_NEEDS_HELP[lang] in printed
    case = await chat.case_of()
    assert case is not None and (case.state, case.rule_id) == ("redirected", "rf_breathing")


async def test_a_guardian_is_never_asked_the_adult_only_questions(chat: Chat) -> None:
    printed = await begin_for_child(chat, "sv", "12", "headache")
    printed += await chat.answer_calmly()
    assert "Är du gravid" not in printed
    assert "Är du över 50 år" not in printed  # ha_temple is left out for children
    assert "Är det här en ny sorts huvudvärk som ditt barn inte har haft förut?" in printed


async def test_an_adult_still_reads_you(chat: Chat) -> None:
    printed = await chat.start_to_queue(complaint="Ont i halsen")
    assert "Har du planer på att ta ditt liv" in printed
    assert "ditt barn" not in printed


def _minvard_check(config: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--config", str(config), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "MINVARD_STORAGE_PATH": str(db), "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def test_check_names_the_file_and_linkid_of_an_item_without_a_child_form(tmp_path: Path) -> None:
    flows = tmp_path / "flows"
    flows.mkdir()
    for fragment in (ROOT / "flows" / "questionnaires").glob("_*.yaml"):
        (flows / fragment.name).write_text(fragment.read_text(encoding="utf-8"), encoding="utf-8")
    general = (ROOT / "flows" / "questionnaires" / "general.yaml").read_text(encoding="utf-8")
    # An author adds a question and forgets its child form.
    general = general.replace(
        "  - include: _anything_else.yaml",
        "  - linkId: dizzy\n"
        "    type: boolean\n"
        "    text: {sv: 'Är du yr?', en: 'Are you dizzy?', fi: 'Huimaako sinua?'}\n\n"
        "  - include: _anything_else.yaml",
    )
    (flows / "general.yaml").write_text(general, encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(f'[flows]\ndirectory = "{flows}"\n', encoding="utf-8")

    result = _minvard_check(config, tmp_path / "c.db")

    assert result.returncode == 1
    said = [line for line in result.stderr.splitlines() if "text_child" in line]
    assert len(said) == 1, result.stderr
    assert "general.yaml" in said[0] and "item[dizzy].text_child" in said[0]
    assert "child form" in said[0]

    # Left out for children instead: nothing to report.
    (flows / "general.yaml").write_text(
        general.replace(
            "    text: {sv: 'Är du yr?'",
            "    enableWhen: [{question: for_child, operator: '=', answerBoolean: false}]\n"
            "    text: {sv: 'Är du yr?'",
        ),
        encoding="utf-8",
    )
    assert _minvard_check(config, tmp_path / "c.db").returncode == 0
