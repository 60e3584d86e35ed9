"""The whole journey through the real aiogram bot against the fake Bot API server."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp

from testkit.fake_bot_api import FakeBotAPI
from tests.conftest import Clock
from tests.telegram.conftest import ANNA, PATIENT, STAFF_CHAT, STRANGER, World, tg


async def test_full_journey_patient_staff_group_private_relay_and_close(world: World) -> None:
    api = world.api
    said = await world.say(PATIENT, "hej")
    assert any("Vilket språk vill du använda?" in t for t in said)
    question = api.sent("sendMessage", PATIENT)[-1]
    assert world.keyboard_of(question) == ["1. Svenska", "2. English", "3. Suomi"]

    # Pressing a button answers the callback and shows the choice in the question.
    said = await world.press(PATIENT, question, 1)
    assert any("Vem söker du vård för?" in t for t in said)
    assert api.sent("answerCallbackQuery")
    edit = api.sent("editMessageText", PATIENT)[-1]
    assert int(edit.params["message_id"]) == question.result["message_id"]
    assert edit.params["text"].endswith("Ditt svar: Svenska")
    assert "reply_markup" not in edit.params

    # A typed answer is still accepted.
    said = await world.say(PATIENT, "1")
    assert any("Hur gammal är du?" in t for t in said)  # asked once without e-ID
    said = await world.say(PATIENT, "34")
    assert any("Vad söker du vård för?" in t for t in said)
    said = await world.say(PATIENT, "Jag har haft ont i halsen i tre dagar")
    assert any("Vilket av de här passar bäst" in t for t in said)
    said = await world.say(PATIENT, "1")
    assert any("Fråga 1 av" in t for t in said)
    while (answer := await world.benign_answer(PATIENT)) is not None:
        said = await world.say(PATIENT, answer)
    assert any("Tack! Ditt ärende är skickat" in t for t in said)
    assert any("Nytt ärende #1 · P" in t for t in api.texts(STAFF_CHAT))

    # The clinician takes the case in the staff group.
    said = await world.say(ANNA, "/next@minvard_bot", chat=STAFF_CHAT, name="Anna")
    assert any("Ärende #1 togs av Anna" in t for t in said)
    assert any("Du har tagit ärende #1" in t for t in api.texts(ANNA))
    assert any("Nu är det din tur! Anna" in t for t in api.texts(PATIENT))

    # The conversation runs through the clinician's private chat, tagged with the case.
    before = len(api.texts(ANNA))
    await world.say(PATIENT, "Jag har feber också")
    assert api.texts(ANNA)[before:] == ["#1 ▸ Jag har feber också"]
    said = await world.say(ANNA, "Hur hög feber?", name="Anna")
    assert said == []
    assert api.texts(PATIENT)[-1] == "Hur hög feber?"

    said = await world.say(ANNA, "/close advice", name="Anna")
    assert any("Ärende #1 är avslutat (advice)." in t for t in said)
    assert any("Ärendet är nu avslutat." in t for t in api.texts(PATIENT))
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "closed" and case.clinician == tg(ANNA)


async def test_commands_are_registered_in_three_languages(world: World) -> None:
    calls = world.api.sent("setMyCommands")
    codes = {(c.params.get("language_code"), c.params["scope"]["type"]) for c in calls}
    for code in (None, "sv", "en", "fi"):
        assert (code, "all_private_chats") in codes
        assert (code, "chat") in codes
    english = next(
        c
        for c in calls
        if c.params.get("language_code") == "en" and c.params["scope"]["type"] == "chat"
    )
    assert {"command": "next", "description": "Take the next case"} in english.params["commands"]
    patients = next(
        c
        for c in calls
        if c.params.get("language_code") == "sv"
        and c.params["scope"]["type"] == "all_private_chats"
    )
    listed = [c["command"] for c in patients.params["commands"]]
    assert {"status", "worse", "back", "privacy", "mydata"} <= set(listed)
    assert "misused" not in listed  # only where e-ID is on


async def test_a_non_member_of_the_staff_group_is_refused(world: World) -> None:
    await world.to_queue(PATIENT)
    said = await world.say(STRANGER, "/next")
    assert len(said) == 1 and said[0].startswith("Kommandot next är bara för vårdpersonal.")
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "queued"
    assert not await world.service.is_staff(tg(STRANGER))  # type: ignore[union-attr]


async def test_who_leaves_the_staff_group_is_no_longer_staff(world: World) -> None:
    await world.to_queue(PATIENT)
    said = await world.say(ANNA, "/queue", chat=STAFF_CHAT, name="Anna")
    assert any("#1" in t for t in said)
    assert await world.service.is_staff(tg(ANNA))  # type: ignore[union-attr]
    world.api.members[STAFF_CHAT][ANNA] = "left"
    await asyncio.sleep(0.25)  # the membership cache expires
    said = await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    assert len(said) == 1 and "vårdpersonal" in said[0]
    assert not await world.service.is_staff(tg(ANNA))  # type: ignore[union-attr]
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "queued"


async def test_webhook_mode_answers_only_after_the_update_is_committed(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    world = World(
        api,
        tmp_path / "hook.db",
        clock,
        telegram={
            "mode": "webhook",
            "webhook_url": "https://example.invalid/telegram/123456",
            "webhook_listen": f"127.0.0.1:{port}",
        },
    )
    await world.start()
    try:
        hook = api.sent("setWebhook")[-1]
        assert hook.params["url"] == "https://example.invalid/telegram/123456"
        update = {
            "update_id": 77,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": PATIENT, "type": "private", "first_name": "P"},
                "from": {"id": PATIENT, "is_bot": False, "first_name": "P"},
                "text": "hej",
            },
        }
        async with aiohttp.ClientSession() as http:
            url = f"http://127.0.0.1:{port}/telegram/123456"
            async with http.post(url, json=update) as response:
                assert response.status == 200
            # Answered: so it is committed (a second delivery changes nothing).
            assert await world.case_of(PATIENT) is not None
            async with http.post(url, json=update) as response:
                assert response.status == 200
        assert await world.repos(lambda r: r.patients.count()) == 1
        await world.settle()
        assert any("Vilket språk" in t for t in api.texts(PATIENT))
        assert not [c for c in api.calls if c.method == "getUpdates"]
    finally:
        await world.stop()


async def test_spent_buttons_change_nothing(world: World) -> None:
    api = world.api
    await world.say(PATIENT, "hej")
    language = api.sent("sendMessage", PATIENT)[-1]
    await world.press(PATIENT, language, 2)  # English
    subject = api.sent("sendMessage", PATIENT)[-1]
    assert world.keyboard_of(subject)[0] == "1. Myself"
    # Pressing an answered question again: a short note, and nothing else happens.
    said = await world.press(PATIENT, language, 1)
    assert said == []
    assert api.sent("answerCallbackQuery")[-1].params["text"] == (
        "That question has already been answered."
    )
    case = await world.case_of(PATIENT)
    assert case is not None and case.language == "en" and case.step == "subject"
    # A typed answer spends the buttons of the question too.
    said = await world.say(PATIENT, "1")
    assert any("How old are you?" in t for t in said)
    removed = api.sent("editMessageReplyMarkup", PATIENT)[-1]
    assert int(removed.params["message_id"]) == subject.result["message_id"]
    said = await world.say(PATIENT, "34")
    assert any("What are you seeking care for?" in t for t in said)
    await world.press(PATIENT, subject, 2)
    case = await world.case_of(PATIENT)
    assert case is not None and case.step == "complaint" and case.subject_id is not None
