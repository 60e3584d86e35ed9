"""The whole journey on a real Synapse, with nio clients as patient and clinician."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from storage.records import Address
from testkit.matrix import World, answer_questionnaire, wait_until


async def test_journey_from_invite_to_close_in_encrypted_rooms(world: World) -> None:
    clinician = await world.person("anna", "Anna Lind (sjuksköterska)")
    bot = await world.bot(await world.staff_room(clinician, world.bot_user()))
    staff_room = bot.config.matrix.staff_room
    await bot.start()
    assert bot.adapter is not None
    store = bot.config.matrix.store_path
    await wait_until(
        lambda: bot.service.is_staff(_address(clinician.user_id)), "the clinician as staff"
    )

    patient = await world.person("patient")
    room = await world.patient_room(patient, bot)
    printed = await patient.talk(room, bot.user_id, "hej", "Vilket språk vill du använda?")
    assert "1. Svenska" in printed
    await patient.talk(room, bot.user_id, "1", "Vem söker du vård för?")
    await patient.talk(room, bot.user_id, "1", "Hur gammal är du?")
    await patient.talk(room, bot.user_id, "34", "Vad söker du vård för?")
    await answer_questionnaire(patient, bot, room, "Jag har haft ont i halsen i tre dagar")
    await clinician.expect(staff_room, bot.user_id, "Nytt ärende #1")

    # The clinician takes the case in the staff room and is invited into the patient's room.
    await clinician.send(staff_room, "!next")
    joined = await patient.expect(room, bot.user_id, "Nu är det din tur!")
    assert "Anna Lind, sjuksköterska" in joined
    await wait_until(lambda: patient.in_room(room, clinician.user_id), "the clinician to join")
    summary = await clinician.expect(room, bot.user_id, "Du har tagit ärende #1")
    assert "Söker för: Jag har haft ont i halsen i tre dagar" in summary

    # Both ways, straight in the room; the bot keeps the record and does not echo.
    await wait_until(lambda: clinician.in_room(room, patient.user_id), "the clinician's view")
    await patient.send(room, "Jag har feber också")
    await clinician.expect(room, patient.user_id, "Jag har feber också")
    await clinician.send(room, "Hur mår du nu?")
    await patient.expect(room, clinician.user_id, "Hur mår du nu?")

    async def recorded(body: str) -> bool:
        case = await bot.case_of(room)
        assert case is not None
        lines = await bot.repos(lambda r: r.record.of_case(case.id))
        return any(line.body == body for line in lines)

    await wait_until(lambda: recorded("Jag har feber också"), "the patient's line in the record")
    await wait_until(lambda: recorded("Hur mår du nu?"), "the clinician's line in the record")

    # Close: the patient is told, the clinician removed.
    await clinician.send(room, "!close advice")
    await patient.expect(room, bot.user_id, "Ärendet är nu avslutat.")
    await wait_until(lambda: not patient.in_room(room, clinician.user_id), "the removal")
    case = await bot.case_of(room)
    assert case is not None and case.state == "closed" and case.close_outcome == "advice"
    for body in ("Jag har feber också", "Hur mår du nu?"):
        said = [line for line in patient.lines if line.room_id == room and body in line.body]
        assert len(said) == 1, f"{body!r} was posted {len(said)} times"

    # The server itself holds only ciphertext for both rooms.
    token = patient.client.access_token
    for room_id, reader, least in (
        (room, token, 20),
        (staff_room, clinician.client.access_token, 3),
    ):
        page = world.server.get(
            f"/_matrix/client/v3/rooms/{quote(room_id)}/messages?dir=b&limit=500", reader
        )
        kinds = {event["type"] for event in page["chunk"] if "state_key" not in event}
        assert kinds == {"m.room.encrypted"}, kinds
        assert len([e for e in page["chunk"] if e["type"] == "m.room.encrypted"]) >= least

    # The device and its keys are kept on disk for the next start.
    await bot.stop()
    assert any(p.name == "session.json" for p in _files(store))
    assert any(p.suffix == ".db" for p in _files(store))


def _address(user_id: str) -> Address:
    return Address("matrix", user_id)


def _files(directory: str) -> list[Path]:
    return list(Path(directory).iterdir())
