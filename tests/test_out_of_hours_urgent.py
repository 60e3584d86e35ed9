"""A P1 or P2 that the chat cannot see in time is told where to get care now, never "your turn
tomorrow between 8.10 and 8.25" (DESIGN 6): at night, and in the day when the queue is too long."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import STOCKHOLM, Chat, Clock, make_chat

# A Wednesday: closed at 20:00 until Thursday 08:00; staffed at 10:00.
EVENING = datetime(2026, 11, 25, 20, 0, tzinfo=STOCKHOLM)
MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=STOCKHOLM)
LANGUAGE = {"sv": "1", "en": "2", "fi": "3"}
SEVERE_PAIN = {"pain": "9"}  # a rule makes this P2 (tests/test_clinician_summary.py)


@pytest.fixture
async def evening(tmp_path: Path) -> AsyncIterator[Chat]:
    chat = await make_chat(tmp_path / "minvard.db", Clock(EVENING))
    try:
        yield chat
    finally:
        await chat.db.close()


async def _for_myself(chat: Chat, lang: str, complaint: str, role: str = "patient") -> str:
    prefix = "" if role == "patient" else f"{role}: "
    printed = await chat.say(f"{prefix}hej")
    printed += await chat.say(f"{prefix}{LANGUAGE[lang]}")
    printed += await chat.say(f"{prefix}1")  # myself
    case = await chat.case_of(role)
    if case is not None and case.step == "self_age":  # asked when there is no e-ID
        printed += await chat.say(f"{prefix}34")
    printed += await chat.say(f"{prefix}{complaint}")
    return printed


async def _baby_with_fever(chat: Chat) -> str:
    """A parent at 20:00: a six-week-old (one month) with a fever, not measured. P1."""
    printed = await chat.say("hej")
    printed += await chat.say("1")  # svenska
    printed += await chat.say("2")  # my child
    printed += await chat.say("Lisa")
    printed += await chat.say("1 mån")
    printed += await chat.say("1")  # guardian
    printed += await chat.say("Lisa har feber")
    printed += await chat.answer_calmly(overrides={"fever": "ja", "temp_measured": "nej"})
    return printed


def _to_patient(printed: str, role: str = "patient") -> str:
    """What the bot said to one patient, line breaks inside a message kept."""
    said = printed.split(f"[bot → {role}] ")[1:]
    return "\n".join(part.split("\n[")[0] for part in said)


async def test_a_baby_with_fever_at_night_goes_to_the_emergency_department_now(
    evening: Chat,
) -> None:
    printed = await _baby_with_fever(evening)
    told = _to_patient(printed)
    assert "Tack! Ditt ärende är skickat till vårdpersonalen." in told
    assert "åk till närmaste akutmottagning nu" in told
    assert "chatten är inte bemannad förrän i morgon kl. 8.00" in told
    assert "Ditt ärende ligger kvar i kön tills vi öppnar" in told
    assert "Troligen blir det din tur" not in told
    assert "i morgon mellan" not in told
    case = await evening.case_of()
    assert case is not None and case.state == "queued" and case.priority == 1
    # Staff still see the case in the morning.
    assert "[bot → staff] Nytt ärende #1 · P1" in printed
    # Asking for the place in the queue gives the same advice, not a time tomorrow.
    status = _to_patient(await evening.say("status"))
    assert "åk till närmaste akutmottagning nu" in status
    assert "Troligen blir det din tur" not in status and "nummer" not in status


async def test_severe_pain_at_night_in_english_is_told_to_call_1177(evening: Chat) -> None:
    await _for_myself(evening, "en", "I have a very bad stomach ache")
    told = _to_patient(await evening.answer_calmly(overrides=SEVERE_PAIN))
    case = await evening.case_of()
    assert case is not None and case.priority == 2 and case.state == "queued"
    assert "Thank you! Your case has been sent to the care team." in told
    assert "call 1177 now" in told and "the chat is not staffed until tomorrow at 8:00" in told
    assert "Your case stays in the queue until we open" in told
    assert "Your turn will probably come" not in told
    assert "emergency department" not in told
    status = _to_patient(await evening.say("status"))
    assert "call 1177 now" in status and "Your turn will probably come" not in status


async def test_severe_pain_at_night_in_finnish_is_told_to_call_1177(evening: Chat) -> None:
    await _for_myself(evening, "fi", "minulla on kova vatsakipu")
    told = _to_patient(await evening.answer_calmly(overrides=SEVERE_PAIN))
    case = await evening.case_of()
    assert case is not None and case.priority == 2
    assert "soita nyt 1177" in told
    assert "chat on kiinni ja avautuu vasta huomenna klo 8.00" in told
    assert "Yhteydenottosi pysyy jonossa, kunnes chat avautuu" in told
    assert "Vuorosi tulee todennäköisesti" not in told
    status = _to_patient(await evening.say("tila"))
    assert "soita nyt 1177" in status and "Vuorosi tulee todennäköisesti" not in status


async def test_a_calm_case_at_night_is_still_told_its_turn_in_the_morning(evening: Chat) -> None:
    await _for_myself(evening, "sv", "ont i halsen")
    told = _to_patient(await evening.answer_calmly())
    assert "Troligen blir det din tur i morgon mellan kl. 8.10 och 8.25." in told
    assert "1177 nu" not in told


async def test_in_the_day_a_p2_behind_a_long_queue_is_told_to_call_1177(tmp_path: Path) -> None:
    # Wednesday 10:00, no take history: four cases an hour. Four P2s fit within the hour P2 may
    # wait; the fifth would be taken in about 75 minutes.
    chat = await make_chat(tmp_path / "minvard.db", Clock(MORNING))
    try:
        for number in range(1, 5):
            role = "patient" if number == 1 else f"patient{number}"
            await _for_myself(chat, "sv", "väldigt ont i magen", role)
            told = _to_patient(await chat.answer_calmly(role, overrides=SEVERE_PAIN), role)
            assert f"Du är nummer {number} i kön. Väntetiden är ungefär" in told
            assert "1177 nu" not in told
        await _for_myself(chat, "sv", "väldigt ont i magen", "patient5")
        told = _to_patient(await chat.answer_calmly("patient5", overrides=SEVERE_PAIN), "patient5")
        case = await chat.case_of("patient5")
        assert case is not None and case.priority == 2 and case.state == "queued"
        assert "just nu är väntetiden i chatten för lång för det" in told
        assert "ring 1177 nu" in told
        assert "Ditt ärende ligger kvar i kön (du är nummer 5)" in told
        assert "Väntetiden är ungefär" not in told
        # Once a clinician has taken one, the fifth is within the hour again.
        await chat.say("clinician: !next")
        status = _to_patient(await chat.say("patient5: status"), "patient5")
        assert "Du är nummer 4 i kön. Väntetiden är ungefär" in status
    finally:
        await chat.db.close()


async def test_the_clinician_who_takes_it_in_the_morning_reads_first_where_the_patient_was_sent(
    evening: Chat,
) -> None:
    """The patient may have been seen at the emergency department during the night: the
    clinician must know before writing "Hej, hur mår Lisa nu?"."""
    await _baby_with_fever(evening)
    evening.clock.now = datetime(2026, 11, 26, 8, 5, tzinfo=STOCKHOLM)
    printed = await evening.say("clinician: !next")
    summary = printed.split("[bot → clinician] ", 1)[1]
    warning = re.search(
        r"⚠ Patienten fick rådet att åka till akutmottagningen \(25/11 kl\. 20\.0\d\), eftersom "
        r"chatten inte kunde ta ärendet i tid\. Fråga om hen redan har fått vård\.",
        summary,
    )
    assert warning is not None, summary
    # Read first: before the answers.
    assert warning.start() < summary.index("Svar:")


async def test_a_p2_sent_to_1177_is_pointed_out_in_english(evening: Chat) -> None:
    await _for_myself(evening, "en", "terrible pain in my back")
    await evening.answer_calmly(overrides=SEVERE_PAIN)
    evening.clock.now = datetime(2026, 11, 26, 8, 5, tzinfo=STOCKHOLM)
    printed = await evening.say("clinician: !next")
    # Staff read Swedish (the service's language), whatever the patient's.
    assert "⚠ Patienten fick rådet att ringa 1177 (25/11 kl. 20." in printed
