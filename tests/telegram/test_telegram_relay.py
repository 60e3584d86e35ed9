"""The relay between patients and clinicians: media both ways, replies, odd message types."""

from __future__ import annotations

import time
from typing import Any

from tests.telegram.conftest import ANNA, ERIK, PATIENT, PATIENT2, STAFF_CHAT, World, tg

PHOTO = {
    "photo": [{"file_id": "AgAD-photo", "file_unique_id": "u1", "width": 640, "height": 480}],
}
VOICE = {"voice": {"file_id": "AwAD-voice", "file_unique_id": "u2", "duration": 3}}
STICKER = {
    "sticker": {
        "file_id": "CAAD-sticker",
        "file_unique_id": "u3",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}
LOCATION = {"location": {"latitude": 65.58, "longitude": 22.15}}


async def _active(world: World) -> None:
    await world.to_queue(PATIENT)
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "active"


async def test_a_photo_and_voice_are_relayed_both_ways_with_copy_message(world: World) -> None:
    api = world.api
    await world.to_queue(PATIENT)
    said = await world.say(PATIENT, None, extra=PHOTO)
    assert said and said[0].startswith("Bilder och filer kan du skicka när vårdpersonalen")
    assert not api.sent("copyMessage")
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")

    sent = await world.api.message(PATIENT, None, extra={**PHOTO, "caption": "utslaget"})
    world.injected += 1
    await world.settle()
    copy = api.sent("copyMessage", ANNA)[-1]
    assert int(copy.params["from_chat_id"]) == PATIENT
    assert int(copy.params["message_id"]) == sent["message_id"]
    assert copy.params["caption"] == "#1 ▸ utslaget"

    sent = await world.api.message(ANNA, None, extra=VOICE)
    world.injected += 1
    await world.settle()
    copy = api.sent("copyMessage", PATIENT)[-1]
    assert int(copy.params["from_chat_id"]) == ANNA
    assert int(copy.params["message_id"]) == sent["message_id"]
    assert "caption" not in copy.params  # the patient sees the voice message as it is

    case = await world.case_of(PATIENT)
    assert case is not None
    record = await world.repos(lambda r: r.record.of_case(case.id))
    bodies = [(line.author_role, line.body) for line in record]
    assert ("patient", "[bifogad fil] utslaget") in bodies
    assert ("clinician", "[bifogad fil]") in bodies


async def test_replying_to_a_relayed_line_answers_that_case(world: World) -> None:
    await world.to_queue(PATIENT)
    await world.to_queue(PATIENT2, "ont i örat")
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    await world.say(PATIENT, "första patienten")
    await world.say(PATIENT2, "andra patienten")
    first = world.sent_id(ANNA, "#1 ▸ första")
    second = world.sent_id(ANNA, "#2 ▸ andra")

    for reply_to, patient, other in ((first, PATIENT, PATIENT2), (second, PATIENT2, PATIENT)):
        before_other = len(world.api.texts(other))
        await world.say(ANNA, f"svar till {patient}", reply_to=reply_to)
        assert world.api.texts(patient)[-1] == f"svar till {patient}"
        assert len(world.api.texts(other)) == before_other

    # A reply to the summary the clinician got on taking a case answers that case too.
    summary = world.sent_id(ANNA, "Du har tagit ärende #2")
    await world.say(ANNA, "/close advice", reply_to=summary)
    second_case = await world.case_of(PATIENT2)
    first_case = await world.case_of(PATIENT)
    assert second_case is not None and second_case.state == "closed"
    assert first_case is not None and first_case.state == "active"


async def test_stickers_and_locations_get_a_kind_answer(world: World) -> None:
    await _active(world)
    before = len(world.api.texts(ANNA))
    for extra in (STICKER, LOCATION):
        said = await world.say(PATIENT, None, extra=extra)
        assert said == [
            "Den sortens meddelande kan jag inte ta emot. Skriv med ord, eller skicka en bild "
            "eller en fil."
        ]
    assert len(world.api.texts(ANNA)) == before  # nothing of it reached the clinician


async def _edit(world: World, user: int, text: str) -> None:
    edited: dict[str, Any] = {
        "message_id": 1,
        "date": int(time.time()),
        "edit_date": int(time.time()),
        "chat": {"id": user, "type": "private", "first_name": "P"},
        "from": {"id": user, "is_bot": False, "first_name": "P"},
        "text": text,
    }
    await world.api.inject({"edited_message": edited})
    world.injected += 1
    await world.settle()


async def test_edits_are_carried_over_in_a_conversation_and_explained_before(
    world: World,
) -> None:
    await world.to_queue(PATIENT)
    await _edit(world, PATIENT, "ont i örat också")
    assert world.api.texts(PATIENT)[-1].startswith("Ändringar i ett meddelande")
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    await _edit(world, PATIENT, "ont i örat också")
    assert world.api.texts(ANNA)[-1] == "#1 ▸ (ändrat) ont i örat också"
    await _edit(world, ANNA, "ta en alvedon")
    assert world.api.texts(PATIENT)[-1] == "(ändrat) ta en alvedon"
    case = await world.case_of(PATIENT)
    assert case is not None
    record = await world.repos(lambda r: r.record.of_case(case.id))
    assert ("patient", "(ändrat) ont i örat också") in [(x.author_role, x.body) for x in record]


async def test_two_clinicians_next_at_once_get_different_cases(world: World) -> None:
    await world.to_queue(PATIENT)
    await world.to_queue(PATIENT2, "ont i örat")
    # Different chats are handled in parallel: the group and Erik's private chat.
    await world.api.message(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    await world.api.message(ERIK, "/next", name="Erik")
    world.injected += 2
    await world.settle()
    first = await world.case_of(PATIENT)
    second = await world.case_of(PATIENT2)
    assert first is not None and second is not None
    assert first.state == second.state == "active"
    assert {first.clinician, second.clinician} == {tg(ANNA), tg(ERIK)}
    # With one left in the queue and two asking, one gets it and the other hears it is empty.
    await world.to_queue(3001, "hosta")
    await world.api.message(ANNA, "/next", name="Anna")
    await world.api.message(ERIK, "/next", chat=STAFF_CHAT, name="Erik")
    world.injected += 2
    await world.settle()
    third = await world.case_of(3001)
    assert third is not None and third.state == "active"
    told = world.api.texts(ANNA)[-3:] + world.api.texts(STAFF_CHAT)[-3:]
    assert any("Kön är tom." in t for t in told)


async def test_album_parts_stay_together(world: World) -> None:
    await _active(world)
    parts = []
    for n in range(3):
        extra: dict[str, Any] = {**PHOTO, "media_group_id": "album-1"}
        if n == 0:
            extra["caption"] = "tre bilder"
        parts.append(await world.api.message(PATIENT, None, extra=extra))
        world.injected += 1
    await world.settle()
    copies = world.api.sent("copyMessages", ANNA)
    assert len(copies) == 1 and not world.api.sent("copyMessage", ANNA)
    assert int(copies[0].params["from_chat_id"]) == PATIENT
    assert copies[0].params["message_ids"] == [p["message_id"] for p in parts]
    assert world.api.texts(ANNA)[-1] == "#1 ▸ tre bilder"


async def test_a_held_threat_is_never_shown_and_the_withdrawal_is_skipped(world: World) -> None:
    """Telegram relays every line itself: the held threat never reaches the clinician, and
    the withdrawal meant for shared rooms passes through the queue without a call."""
    await _active(world)
    said = await world.say(PATIENT, "jag ska döda dig")
    assert any("Ditt meddelande har inte skickats vidare." in t for t in said)
    assert not any("döda" in t for t in world.api.texts(ANNA) if "HOT i ärende" not in t)
    assert any("HOT i ärende #1" in t for t in world.api.texts(STAFF_CHAT))
    assert not [c for c in world.api.calls if c.method == "deleteMessage"]
    assert await world.unsent() == 0

    await world.say(ANNA, "/resume", name="Anna")
    before = len(world.api.texts(ANNA))
    await world.say(PATIENT, "förlåt, jag var arg")
    assert world.api.texts(ANNA)[before:] == ["#1 ▸ förlåt, jag var arg"]
