"""A clinician with several cases: the case a line is for is explicit, never guessed (issue 13).

Two patients, one clinician who took both. A plain line could be for either, so the bot holds it
and asks; `#N text` and a single active case are unambiguous. Commands about a case (note, close,
release, ...) follow the same rule.
"""

from __future__ import annotations

from tests.conftest import Chat


async def _two_cases(chat: Chat) -> str:
    """Patient (case #1) and patient2 (case #2) in the queue, the clinician takes both."""
    await chat.start_to_queue()
    await chat.start_to_queue("patient2", complaint="ont i örat")
    first = await chat.say("clinician: !take 1")
    assert "Du har tagit ärende #1" in first
    return await chat.say("clinician: !take 2")


def _to(printed: str, who: str) -> list[str]:
    return [line for line in printed.splitlines() if f"→ {who}]" in line]


async def test_the_second_take_says_how_to_choose_the_case(chat: Chat) -> None:
    printed = await _two_cases(chat)
    assert "Du har tagit ärende #2" in printed
    assert (
        "Du har nu 2 ärenden. Skriv #1 eller #2 först på raden, eller svara på ett "
        "meddelande, för att välja vem som får det." in printed
    )


async def test_a_plain_line_is_held_and_asked_then_goes_only_to_the_chosen_patient(
    chat: Chat,
) -> None:
    await _two_cases(chat)
    printed = await chat.say("Jag har fortfarande ont")
    assert "[patient → clinician] Jag har fortfarande ont" in printed

    printed = await chat.say("clinician: Ta en alvedon och vila")
    assert not _to(printed, "patient") and not _to(printed, "patient2")
    assert "Vilket ärende gäller det?" in printed
    assert "1. #1 Ont i halsen (P" in printed and "2. #2 Ont i örat (P" in printed
    for case_id in (1, 2):
        record = await chat.repos(lambda r, c=case_id: r.record.of_case(c))
        assert not any("alvedon" in line.body for line in record)

    printed = await chat.say("clinician: 1")
    assert "[clinician → patient] Ta en alvedon och vila" in printed
    assert not _to(printed, "patient2")
    record = await chat.repos(lambda r: r.record.of_case(1))
    assert [line.body for line in record if line.author_role == "clinician"] == [
        "Ta en alvedon och vila"
    ]
    record2 = await chat.repos(lambda r: r.record.of_case(2))
    assert not any(line.author_role == "clinician" for line in record2)

    # The choice is spent: the next plain line is asked about again, a '1' is not a choice.
    printed = await chat.say("clinician: Hör av dig om det blir värre")
    assert "Vilket ärende gäller det?" in printed and not _to(printed, "patient")


async def test_a_line_starting_with_the_case_number_goes_to_that_case(chat: Chat) -> None:
    await _two_cases(chat)
    printed = await chat.say("clinician: #2 Hej, hur mår du?")
    assert "[clinician → patient2] Hej, hur mår du?" in printed
    assert not _to(printed, "patient")
    assert "Vilket ärende" not in printed
    printed = await chat.say("clinician: #1 Hej!")
    assert "[clinician → patient] Hej!" in printed and not _to(printed, "patient2")
    # A case number with nothing after it sends nothing, and says what is missing.
    printed = await chat.say("clinician: #2")
    assert "Skriv det som ska till patienten efter #2" in printed
    assert not _to(printed, "patient2")
    # A case that is not theirs is refused, and nothing is sent.
    printed = await chat.say("clinician: #7 Hej")
    assert "#7" in printed and not _to(printed, "patient") and not _to(printed, "patient2")


async def test_a_note_follows_the_same_rule(chat: Chat) -> None:
    await _two_cases(chat)
    printed = await chat.say("clinician: !note Trolig halsfluss")
    assert "Anteckningen är sparad" not in printed
    assert "Vilket ärende gäller det?" in printed
    printed = await chat.say("clinician: 1")
    assert "Anteckningen är sparad i ärende #1" in printed
    printed = await chat.say("clinician: !note #2 Misstänkt öroninflammation")
    assert "Anteckningen är sparad i ärende #2" in printed
    printed = await chat.say("clinician: #2 !note Ring om feber")
    assert "Anteckningen är sparad i ärende #2" in printed

    notes = {}
    for case_id in (1, 2):
        record = await chat.repos(lambda r, c=case_id: r.record.of_case(c))
        notes[case_id] = [line.body for line in record if line.author_role == "note"]
    assert notes == {1: ["Trolig halsfluss"], 2: ["Misstänkt öroninflammation", "Ring om feber"]}


async def test_closing_with_two_cases_never_closes_the_latest_by_default(chat: Chat) -> None:
    await _two_cases(chat)
    printed = await chat.say("clinician: !close advice")
    assert "avslutat" not in printed and "Vilket ärende gäller det?" in printed
    for role in ("patient", "patient2"):
        case = await chat.case_of(role)
        assert case is not None and case.state == "active"
    printed = await chat.say("clinician: 1")
    assert "Ärende #1 är avslutat (advice)" in printed
    first, second = await chat.case_of("patient"), await chat.case_of("patient2")
    assert first is not None and first.state == "closed"
    assert second is not None and second.state == "active"

    # One case left: a plain line is unambiguous again.
    printed = await chat.say("clinician: Hur är det med örat?")
    assert "[clinician → patient2] Hur är det med örat?" in printed


async def test_a_patient_line_while_a_line_is_held_is_still_relayed(chat: Chat) -> None:
    await _two_cases(chat)
    await chat.say("clinician: Hej")
    printed = await chat.say("patient2: Hallå?")
    assert "[patient2 → clinician] Hallå?" in printed
    # A new unaddressed line replaces the held one: only the latest is sent.
    printed = await chat.say("clinician: Hej, jag läser ditt ärende nu")
    assert "Vilket ärende gäller det?" in printed
    printed = await chat.say("clinician: 2")
    assert _to(printed, "patient2") == ["[clinician → patient2] Hej, jag läser ditt ärende nu"]
    assert not _to(printed, "patient")


async def test_a_held_line_is_forgotten_when_the_answer_comes_too_late(chat: Chat) -> None:
    await _two_cases(chat)
    await chat.say("clinician: Ta en alvedon")
    chat.clock.advance(minutes=16)
    printed = await chat.say("clinician: 1")
    assert "alvedon" not in "".join(_to(printed, "patient") + _to(printed, "patient2"))
    assert "Vilket ärende gäller det?" in printed  # the '1' is a new line, asked about in turn
    assert "Det du skrev innan" not in printed
