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


CORPORA = Path(__file__).parent / "corpora"


def _short_messages() -> list[tuple[str, str]]:
    """(language, text) of the patient messages of 3–8 words in the sv/en/fi corpora and the
    Norwegian and Danish ones (which must bring no offer)."""
    found = []
    for name in ("first_messages_unseen.tsv", "benign.tsv", "nordic_neighbours.tsv"):
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                fields = line.split("\t")
                if 3 <= len(fields[-1].split()) <= 8 and "\\u" not in fields[-1]:
                    found.append((fields[0], fields[-1]))
    return found


def test_the_default_detector_makes_no_wrong_offer_on_short_messages() -> None:
    # lingua's small low-accuracy mode alone offered Finnish for "Is it bad if my urine is
    # foamy?": the default must be as right as the large high-accuracy mode (docs/decisions.md).
    config = LanguageConfig()
    found = detector_for(config, LANGUAGES)
    assert found is not None
    messages = _short_messages()
    assert len(messages) > 400
    wrong, right, judged = [], 0, 0
    for language, text in messages:
        for current in LANGUAGES:
            due = language if language in LANGUAGES and language != current else None
            offered = switch_to_offer(found, config, text, current, LANGUAGES)
            judged += 1
            right += offered == due
            if offered is not None and offered != due:
                wrong.append((current, offered, text))
    assert wrong == []
    assert right / judged >= 0.93
