"""Writing in another of our languages brings an offer to switch (DESIGN 9), never a switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config, LanguageConfig
from bot.detection import detector_for, switch_to_offer
from tests.conftest import Chat, Clock, make_chat

LANGUAGES = ("sv", "en", "fi")


async def _to_complaint(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")  # svenska
    await chat.say("1")


async def test_english_words_bring_an_offer_in_both_languages_once(chat: Chat) -> None:
    await _to_complaint(chat)
    printed = await chat.say("I have had a sore throat for three days")
    assert "Would you rather write in English? Write: !language en" in printed
    assert "Det verkar som att du skriver på engelska." in printed
    case = await chat.case_of()
    assert case is not None and case.language == "sv"  # offered, not switched
    assert "Vilket av de här passar bäst" in printed  # and the intake goes on

    printed = await chat.say("1")
    printed = await chat.say("no, I can breathe just fine thank you")
    assert "Would you rather" not in printed  # once a case

    printed = await chat.say("!language en")
    assert "Now I will write in English." in printed


async def test_short_messages_and_swedish_bring_no_offer(chat: Chat) -> None:
    await _to_complaint(chat)
    printed = await chat.say("sore throat")  # two words: never judged
    assert "Would you rather" not in printed
    await chat.say("2")  # the whole list
    printed = await chat.say("Andra besvär")
    printed = await chat.say("jag har haft ont i halsen i tre dagar nu")
    assert "!språk" not in printed and "Would you rather" not in printed


async def test_finnish_to_a_swedish_intake_is_offered_finnish(chat: Chat) -> None:
    await _to_complaint(chat)
    printed = await chat.say("minulla on ollut kurkkukipua kolme päivää")
    assert "Haluatko mieluummin kirjoittaa suomeksi? Kirjoita: !kieli fi" in printed
    assert "Det verkar som att du skriver på finska." in printed


@pytest.mark.parametrize("detector", ["lingua", "langdetect"])
def test_never_between_swedish_norwegian_and_danish(detector: str) -> None:
    config = LanguageConfig(detector=detector)  # type: ignore[arg-type]
    found = detector_for(config, LANGUAGES)
    assert found is not None
    for text in (
        "jeg har hatt vondt i halsen i tre dager nå",
        "jeg har haft ondt i halsen i tre dage nu",
        "jag har haft ont i halsen i tre dagar nu",
    ):
        assert switch_to_offer(found, config, text, "sv", LANGUAGES) is None, text
    english = "I have had a sore throat for three days now"
    assert switch_to_offer(found, config, english, "sv", LANGUAGES) == "en"


async def test_detection_off_offers_nothing(tmp_path: Path, clock: Clock) -> None:
    config = Config.model_validate(
        {"storage": {"path": str(tmp_path / "m.db")}, "language": {"detector": "none"}}
    )
    chat = await make_chat(tmp_path / "m.db", clock, config)
    try:
        await _to_complaint(chat)
        printed = await chat.say("I have had a sore throat for three days")
        assert "Would you rather" not in printed
    finally:
        await chat.db.close()
