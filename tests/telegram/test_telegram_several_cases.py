"""A clinician with two cases on Telegram: a reply names the case, otherwise buttons ask (issue 13).

Also: a clinician who leaves the staff group gets nothing more, and their case goes back to the
queue.
"""

from __future__ import annotations

from tests.telegram.conftest import ANNA, ERIK, PATIENT, PATIENT2, STAFF_CHAT, World, tg


async def _two_cases(world: World) -> None:
    await world.to_queue(PATIENT)
    await world.to_queue(PATIENT2, "ont i örat")
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    await world.say(PATIENT, "första patienten")
    await world.say(PATIENT2, "andra patienten")


async def test_the_second_case_says_how_to_choose(world: World) -> None:
    await _two_cases(world)
    assert (
        "Du har nu 2 ärenden. Skriv #1 eller #2 först på raden, eller svara på ett "
        "meddelande, för att välja vem som får det." in world.api.texts(ANNA)
    )


async def test_an_unaddressed_line_is_held_and_the_button_sends_it(world: World) -> None:
    await _two_cases(world)
    before = {p: len(world.api.texts(p)) for p in (PATIENT, PATIENT2)}
    said = await world.say(ANNA, "Ta en alvedon och vila")
    assert said and said[-1].startswith("Vilket ärende gäller det?")
    question = world.api.sent("sendMessage", ANNA)[-1]
    buttons = world.keyboard_of(question)
    assert len(buttons) == 2
    assert buttons[0].startswith("1. #1 Ont i halsen (P")
    assert buttons[1].startswith("2. #2 Ont i örat (P")
    assert {p: len(world.api.texts(p)) for p in (PATIENT, PATIENT2)} == before

    await world.press(ANNA, question, 2)
    assert world.api.texts(PATIENT2)[before[PATIENT2] :] == ["Ta en alvedon och vila"]
    assert len(world.api.texts(PATIENT)) == before[PATIENT]
    # The button is spent: pressing it again sends nothing more.
    await world.press(ANNA, question, 1)
    assert len(world.api.texts(PATIENT)) == before[PATIENT]
    assert world.api.texts(PATIENT2)[before[PATIENT2] :] == ["Ta en alvedon och vila"]


async def test_a_reply_or_a_case_number_needs_no_question(world: World) -> None:
    await _two_cases(world)
    first = world.sent_id(ANNA, "#1 ▸ första")
    said = await world.say(ANNA, "Hur länge har du haft ont?", reply_to=first)
    assert not any(t.startswith("Vilket ärende") for t in said)
    assert world.api.texts(PATIENT)[-1] == "Hur länge har du haft ont?"
    assert world.api.texts(PATIENT2)[-1] != "Hur länge har du haft ont?"

    await world.say(ANNA, "#2 Har du feber?")
    assert world.api.texts(PATIENT2)[-1] == "Har du feber?"
    assert world.api.texts(PATIENT)[-1] == "Hur länge har du haft ont?"

    second = world.sent_id(ANNA, "#2 ▸ andra")
    said = await world.say(ANNA, "/note Trolig öroninflammation", reply_to=second)
    assert said == ["Anteckningen är sparad i ärende #2 (syns inte för patienten)."]
    record = await world.repos(lambda r: r.record.of_case(2))
    assert ("note", "Trolig öroninflammation") in [(x.author_role, x.body) for x in record]


async def test_a_reply_to_a_closed_case_reaches_nobody(world: World) -> None:
    await _two_cases(world)
    first = world.sent_id(ANNA, "#1 ▸ första")
    await world.say(ANNA, "#1 /close advice")
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "closed"
    before = {p: len(world.api.texts(p)) for p in (PATIENT, PATIENT2)}
    said = await world.say(ANNA, "En sak till", reply_to=first)
    assert said == [
        "Ärende #1 är inte ett av dina aktiva ärenden, så inget skickades. Dina ärenden: #2."
    ]
    assert {p: len(world.api.texts(p)) for p in (PATIENT, PATIENT2)} == before


async def test_leaving_the_staff_group_hands_the_case_back(world: World) -> None:
    await world.to_queue(PATIENT)
    await world.say(ANNA, "/next", chat=STAFF_CHAT, name="Anna")
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "active"
    queued_at = case.queued_at

    del world.api.members[STAFF_CHAT][ANNA]
    left = {"left_chat_member": {"id": ANNA, "is_bot": False, "first_name": "Anna"}}
    await world.say(ANNA, None, chat=STAFF_CHAT, name="Anna", extra=left)
    case = await world.case_of(PATIENT)
    assert case is not None and case.state == "queued" and case.queued_at == queued_at
    assert any("Någon annan i vårdpersonalen tar över" in t for t in world.api.texts(PATIENT))
    assert any(
        "Ärende #1 är tillbaka i kön på sin gamla plats" in t for t in world.api.texts(STAFF_CHAT)
    )

    before = len(world.api.texts(ANNA))
    await world.say(PATIENT, "Hallå?")
    assert len(world.api.texts(ANNA)) == before
    await world.say(ERIK, "/next", chat=STAFF_CHAT, name="Erik")
    await world.say(PATIENT, "Hej igen")
    assert world.api.texts(ERIK)[-1] == "#1 ▸ Hej igen"
    assert len(world.api.texts(ANNA)) == before
    assert (await world.case_of(PATIENT)).clinician == tg(ERIK)  # type: ignore[union-attr]
