"""Crisis help that never waits (DESIGN 8a, issue 12): explicit words about suicide, self-harm or
an overdose get the crisis numbers and an urgent staff alert at once, in the language they were
written in (before a language is chosen: in all three), whatever the patient answers later. The
case carries it: queued at least P1, the words at the top of the clinician's summary."""

from __future__ import annotations

import pytest

from tests.conftest import Chat

LANGUAGE_NUMBER = {"sv": "1", "en": "2", "fi": "3"}
# The first words of moderation.crisis in each language.
CRISIS = {
    "sv": "Det du skriver låter allvarligt",
    "en": "What you write sounds serious",
    "fi": "Kirjoittamasi kuulostaa vakavalta",
}
NO = {"sv": "nej", "en": "no", "fi": "ei"}
SUICIDE_QUESTION = {
    "sv": "Har du planer på att ta ditt liv",
    "en": "Are you planning to take your own life",
    "fi": "Suunnitteletko itsemurhaa",
}
CRISIS_AT_TOP = {
    "sv": "⚠ Patienten har skrivit om självmord, självskada eller överdos",
}
FIRST_WORDS = {
    "sv": "jag vill inte leva längre",
    "en": "I want to kill myself",
    "fi": "haluan kuolla",
}


async def _choose_self(chat: Chat, lang: str) -> str:
    """Language (if asked), myself, and the age where it is asked: up to the first question."""
    printed = ""
    case = await chat.case_of()
    if case is not None and case.step == "language":
        printed += await chat.say(LANGUAGE_NUMBER[lang])
    printed += await chat.say("1")
    case = await chat.case_of()
    if case is not None and case.step == "self_age":
        printed += await chat.say("34")
    return printed


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
async def test_crisis_words_first_get_help_in_every_language_and_p1_after_a_no(
    chat: Chat, lang: str
) -> None:
    printed = await chat.say(FIRST_WORDS[lang])
    # Before any language is chosen: the crisis answer in all three, the language written first.
    first_part = printed.split("Vilket språk")[0]
    positions = [first_part.find(CRISIS[code]) for code in ("sv", "en", "fi")]
    assert all(p >= 0 for p in positions), printed
    assert first_part.find(CRISIS[lang]) == min(positions), printed
    # Said once: not by moderation and again by the danger words.
    assert printed.count(CRISIS[lang]) == 1, printed
    assert printed.count("[bot → staff] AKUT i ärende #1:") == 1, printed

    printed = await _choose_self(chat, lang)
    assert SUICIDE_QUESTION[lang] in printed, printed
    await chat.say(NO[lang])
    await chat.answer_calmly()
    case = await chat.case_of()
    assert case is not None and case.state == "queued"
    assert case.priority == 1

    summary = await chat.say("clinician: !next")
    lines = [line.strip() for line in summary.split("\n")]
    header = next(i for i, line in enumerate(lines) if "Ärende #1 · P1" in line)
    assert lines[header + 1].startswith(CRISIS_AT_TOP["sv"]), summary
    assert f"”{FIRST_WORDS[lang]}”" in lines[header + 2], summary


@pytest.mark.parametrize(
    ("lang", "words", "written_in"),
    [
        ("sv", "I want to kill myself", "en"),
        ("en", "jag vill inte leva längre", "sv"),
        ("fi", "jag vill inte leva längre", "sv"),
        ("sv", "haluan kuolla", "fi"),
    ],
)
async def test_crisis_words_in_another_language_are_answered_in_that_language(
    chat: Chat, lang: str, words: str, written_in: str
) -> None:
    await chat.say("hej")
    await _choose_self(chat, lang)
    printed = await chat.say(words)
    assert CRISIS[written_in] in printed, printed
    others = [code for code in ("sv", "en", "fi") if code != written_in]
    assert not any(CRISIS[code] in printed for code in others), printed
    assert printed.count("[bot → staff] AKUT i ärende #1:") == 1, printed


async def test_crisis_words_while_waiting_raise_the_case_to_p1_and_reach_the_summary(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    case = await chat.case_of()
    assert case is not None and case.priority is not None and case.priority > 1
    printed = await chat.say("haluan kuolla")
    assert CRISIS["fi"] in printed and CRISIS["sv"] not in printed, printed
    assert "[bot → staff] AKUT i ärende #1:" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "queued" and case.priority == 1
    # The red-flag question the words point at comes now; a no does not take the help back.
    printed = await chat.say("nej")
    case = await chat.case_of()
    assert case is not None and case.priority == 1
    summary = await chat.say("clinician: !next")
    assert "· P1 ·" in summary
    assert CRISIS_AT_TOP["sv"] in summary and "”haluan kuolla”" in summary
