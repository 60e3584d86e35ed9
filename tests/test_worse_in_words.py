"""'Jag mår sämre nu' while waiting is the `sämre` command in a sentence (issue 12): the same
re-check of the warning signs, in sv, en and fi. Not when the words say the opposite, not while
a clinician has the case, and never as an answer to a question."""

from __future__ import annotations

import pytest

from tests.conftest import Chat

LANGUAGE_NUMBER = {"sv": "1", "en": "2", "fi": "3"}
COMPLAINT = {"sv": "Ont i halsen", "en": "Sore throat", "fi": "Kurkkukipu"}
RECHECK = {
    "sv": "Tack för att du säger till.",
    "en": "Thank you for telling us.",
    "fi": "Kiitos, että kerroit.",
}
SAVED = {
    "sv": "ditt meddelande är sparat",
    "en": "your message has been saved",
    "fi": "viestisi on tallennettu",
}
FIRST_RED_FLAG = {
    "sv": "Har du så svårt att andas",
    "en": "Are you so short of breath",
    "fi": "Onko sinun niin vaikea hengittää",
}


async def _queue(chat: Chat, lang: str) -> None:
    await chat.say("hej")
    await chat.say(LANGUAGE_NUMBER[lang])
    await chat.say("1")
    case = await chat.case_of()
    if case is not None and case.step == "self_age":
        await chat.say("34")
    await chat.say(COMPLAINT[lang])
    await chat.answer_calmly()
    case = await chat.case_of()
    assert case is not None and case.state == "queued"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", "jag mår sämre nu"),
        ("sv", "det har blivit värre"),
        ("en", "feeling worse now"),
        ("en", "it's getting worse"),
        ("fi", "olo on huonompi"),
        ("fi", "tuntuu pahemmalta"),
    ],
)
async def test_worse_in_a_sentence_while_waiting_asks_the_warning_signs_again(
    chat: Chat, lang: str, words: str
) -> None:
    await _queue(chat, lang)
    before = await chat.case_of()
    assert before is not None
    printed = await chat.say(words)
    assert RECHECK[lang] in printed, printed
    assert FIRST_RED_FLAG[lang] in printed, printed
    case = await chat.case_of()
    assert case is not None and case.step == "recheck"
    # As with the bare command: no to all of them moves the case one step up.
    await chat.answer_calmly()
    case = await chat.case_of()
    assert case is not None and case.step == "" and case.state == "queued"
    assert before.priority is not None and case.priority == max(2, before.priority - 1)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", "inte sämre, bara trött"),
        ("sv", "Jag mår inte sämre än i går"),
        ("en", "not worse, just tired"),
        ("en", "no worse than yesterday"),
        ("fi", "ei huonompi kuin eilen"),
    ],
)
async def test_words_that_say_not_worse_are_kept_without_a_recheck(
    chat: Chat, lang: str, words: str
) -> None:
    await _queue(chat, lang)
    printed = await chat.say(words)
    assert SAVED[lang] in printed, printed
    assert RECHECK[lang] not in printed
    case = await chat.case_of()
    assert case is not None and case.step == ""


async def test_worse_words_reach_the_clinician_of_an_active_case_without_a_recheck(
    chat: Chat,
) -> None:
    await _queue(chat, "sv")
    await chat.say("clinician: !next")
    printed = await chat.say("jag mår sämre nu")
    assert "[patient → clinician]" in printed and "jag mår sämre nu" in printed, printed
    assert RECHECK["sv"] not in printed
    case = await chat.case_of()
    assert case is not None and case.state == "active" and case.step == ""
