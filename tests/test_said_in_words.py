"""Choices answered the way people type them: "mitt barn", "jag", the start of a label."""

from __future__ import annotations

import pytest

from tests.conftest import Chat


async def _to_subject(chat: Chat, language: str = "1") -> None:
    await chat.say("hej")
    printed = await chat.say(language)
    assert "1." in printed and "2." in printed


@pytest.mark.parametrize(
    ("language", "words", "asked"),
    [
        ("1", "mitt barn", "Vad heter barnet?"),
        ("1", "Min dotter", "Vad heter barnet?"),
        ("1", "barnet", "Vad heter barnet?"),
        ("2", "my son", "What is your child's name?"),
        ("3", "lapseni", "Mikä lapsesi nimi on?"),
        ("1", "jag", "Vad söker du vård för?"),
        ("1", "Mig själv.", "Vad söker du vård för?"),
        ("2", "me", "What are you seeking care for?"),
        ("3", "minä", "Mihin haet hoitoa?"),
    ],
)
async def test_who_it_is_for_in_own_words(
    chat: Chat, language: str, words: str, asked: str
) -> None:
    await _to_subject(chat, language)
    printed = await chat.say(words)
    assert asked in printed, printed


async def test_with_a_child_known_a_son_is_not_guessed_but_a_name_is_picked(chat: Chat) -> None:
    await _to_subject(chat)
    await chat.say("mitt barn")
    await chat.say("Lisa")
    await chat.say("4")
    await chat.say("ja")
    await chat.say("feber")
    await chat.say("avbryt")
    await chat.say("start")
    printed = await chat.say("min son")
    assert "Jag förstod inte riktigt" in printed and "2. Lisa" in printed
    printed = await chat.say("lisa")
    assert "Hur gammal är Lisa?" in printed


async def test_the_start_of_an_option_or_one_typo_is_enough(chat: Chat) -> None:
    await _to_subject(chat)
    printed = await chat.say("mitt barn som")
    assert "Vad heter barnet?" in printed
    await chat.say("Lisa")
    await chat.say("4")
    printed = await chat.say("ja jag är vårdnadshavare")
    assert "Beskriv det med egna ord" in printed


async def test_a_parent_sees_the_childrens_questionnaire_first(chat: Chat) -> None:
    await _to_subject(chat)
    await chat.say("2")
    await chat.say("Lisa")
    await chat.say("1 år")
    printed = await chat.say("1")
    assert "\n    1. Barn med feber\n" in printed, printed


async def test_a_yes_with_a_few_words_after_it_is_a_yes_even_to_a_red_flag(chat: Chat) -> None:
    await _to_subject(chat)
    await chat.say("1")
    printed = await chat.say("ont i halsen")  # the title: picked at once
    assert "Har du så svårt att andas" in printed
    printed = await chat.say("nej, inte alls")  # "inte": could be read either way
    assert "Svara ja eller nej" in printed, printed
    printed = await chat.say("nej, det går bra")  # to a warning sign: only a bare no
    assert "Svara ja eller nej" in printed, printed
    await chat.say("nej")
    printed = await chat.say("Ja, sedan en halvtimme")  # chest pain now
    assert "112" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "redirected"


async def test_a_superscript_digit_is_not_a_number_and_breaks_nothing(chat: Chat) -> None:
    await chat.say("hej")
    printed = await chat.say("¹")  # str.isdigit() says yes, int() says no
    assert "Vilket språk" in printed
    printed = await chat.say("1")
    assert "Vem söker du vård för?" in printed
