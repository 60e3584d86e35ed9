"""Tone rules in the conversation: warnings, strikes, held threats, crisis care, the end."""

from __future__ import annotations

from tests.conftest import Chat


async def _active(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("clinician: !next")


async def test_an_insult_is_warned_and_shown_marked_to_the_clinician(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("din jävla idiot")
    assert "[bot → patient] Håll god ton." in printed
    assert "[patient → clinician] [varnat: förolämpning] din jävla idiot" in printed
    verdicts = await chat.repos(lambda r: r.verdicts.of_case(1))
    assert ("warn_strike", "insult", "sv.ins.idiot") in verdicts


async def test_swearing_in_pain_and_medical_words_pass_unmarked(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("det gör jävligt ont och det kliar på penis")
    assert "[patient → clinician] det gör jävligt ont och det kliar på penis" in printed
    assert "Håll god ton" not in printed


async def test_a_threat_is_held_back_and_alerts_staff_until_resumed(chat: Chat) -> None:
    await _active(chat)
    printed = await chat.say("jag ska döda dig")
    assert "[patient → clinician]" not in printed
    assert "[bot → patient] Ditt meddelande har inte skickats vidare." in printed
    assert "[bot → staff] HOT i ärende #1" in printed and "Möjlig polisanmälan" in printed
    printed = await chat.say("hallå?")
    assert "Chatten är pausad just nu." in printed and "[patient → clinician]" not in printed
    await chat.say("clinician: !resume")
    printed = await chat.say("förlåt, jag var arg")
    assert "[patient → clinician] förlåt, jag var arg" in printed
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert any(line.body == "jag ska döda dig" for line in record)  # evidence in the record


async def test_self_harm_brings_crisis_numbers_and_an_urgent_alert(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("jag vill inte leva längre, jag tänker ta livet av mig")
    assert "Självmordslinjen på 90101" in printed
    assert "[bot → staff] AKUT i ärende #1" in printed


async def test_repeated_strikes_tell_the_clinician_who_may_end_the_chat(chat: Chat) -> None:
    await _active(chat)
    await chat.say("du är en idiot")
    await chat.say("din jävla idiot")
    printed = await chat.say("idiotjävel, du")
    assert "patienten har fått 3 varningar på 24 timmar" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "active"  # the bot never ends it alone
    printed = await chat.say("clinician: !end upprepade förolämpningar")
    assert "[bot → patient] Vårdgivaren har avslutat chatten" in printed
    case = await chat.case_of()
    assert case is not None and case.state == "ended"


async def test_admin_can_test_the_lexicon(chat: Chat) -> None:
    printed = await chat.say("admin: !lexicon test din idiotjävel")
    assert "idiot" in printed and "second person" in printed
    printed = await chat.say("admin: !lexicon list")
    assert "Ordlista version" in printed
