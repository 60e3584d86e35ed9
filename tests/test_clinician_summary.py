"""What the clinician reads on taking a case: short where all is well, plain where it is not."""

from __future__ import annotations

from tests.conftest import Chat


async def test_a_calm_case_reads_in_a_few_lines(chat: Chat) -> None:
    await chat.say("hej")
    await chat.say("1")
    await chat.say("1")
    await chat.say("Ont i halsen och feber")
    await chat.say("1")
    await chat.answer_calmly(
        overrides={"fever": "ja", "temp_measured": "ja", "temperature": "38,4"}
    )
    printed = await chat.say("clinician: !next")
    assert "Ärende #1 · P4 · grundprioritet (ingen regel slog till)" in printed
    assert "Frågeformulär: Ont i halsen (sore_throat version 1.1.0" in printed
    assert "Varningstecken: nej på alla 11 frågorna" in printed
    assert "e-legitimation" not in printed
    # The patient's instructions mean nothing beside an answer already given.
    assert "Skriv till exempel" not in printed
    assert "Svara med en siffra" not in printed
    assert "• Hur ont har du just nu? " in printed
    assert "• Vilken är den högsta temperatur du har mätt det senaste dygnet? 38,4\n" in printed


async def test_a_rule_that_raised_the_priority_is_named(chat: Chat) -> None:
    await chat.start_to_queue("patient", "svår smärta", {"pain": "9"})
    printed = await chat.say("clinician: !next")
    assert "· P2 · regel " in printed
    assert "grundprioritet" not in printed


async def test_what_the_patient_wrote_while_waiting_is_in_the_summary_with_its_time(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    chat.clock.advance(minutes=20)  # 9.20
    await chat.say("Jag är allergisk mot penicillin, viktigt!")
    printed = await chat.say("clinician: !next")
    to_clinician = printed.split("[bot → clinician] ")[1].split("\n[")[0]
    assert "Skrivet efter att ärendet skickades:" in to_clinician
    assert "• kl. 9.2" in to_clinician  # written at 9.2x, whatever the seconds of the script
    assert "Patienten: Jag är allergisk mot penicillin, viktigt!" in to_clinician
    # The intake's own answers are not repeated as conversation.
    assert "Patienten: ont i halsen" not in to_clinician


async def test_after_release_the_next_clinician_reads_the_conversation_so_far(chat: Chat) -> None:
    await chat.start_to_queue()
    await chat.say("Jag är allergisk mot penicillin, viktigt!")
    first = await chat.say("clinician: !next")
    assert "Anna Lind" in first
    chat.clock.now = chat.clock.now.replace(hour=10, minute=15)
    await chat.say("clinician: Hej! Har du feber?")
    await chat.say("Nej, men det gör ont att svälja")
    await chat.say("clinician: !note Behöver nog en fysisk undersökning")
    await chat.say("clinician: !release")
    printed = await chat.say("clinician2: !next")
    summary = printed.split("[bot → clinician2] ")[1].split("\n[")[0]
    lines = summary.splitlines()
    start = lines.index("    Skrivet efter att ärendet skickades:")
    assert [line.strip() for line in lines[start + 1 :]] == [
        lines[start + 1].strip(),  # the allergy, written at 9.0x
        "• kl. 10.15 Anna Lind: Hej! Har du feber?",
        "• kl. 10.15 Patienten: Nej, men det gör ont att svälja",
        "• kl. 10.15 Anteckning av Anna Lind: Behöver nog en fysisk undersökning",
    ]
    assert lines[start + 1].endswith("Patienten: Jag är allergisk mot penicillin, viktigt!")


async def test_a_long_conversation_shows_its_last_lines_and_says_the_rest_is_in_the_record(
    chat: Chat,
) -> None:
    await chat.start_to_queue()
    for number in range(1, 41):
        await chat.say(f"Meddelande nummer {number} medan jag väntar")
    printed = await chat.say("clinician: !next")
    summary = printed.split("[bot → clinician] ")[1].split("\n[")[0]
    assert "(ytterligare 10 tidigare rader finns i journalen)" in summary
    assert "Meddelande nummer 10 medan" not in summary
    assert "Patienten: Meddelande nummer 11 medan jag väntar" in summary
    assert "Patienten: Meddelande nummer 40 medan jag väntar" in summary
    # Oldest first: the clinician reads it as it was written.
    assert summary.index("nummer 11 ") < summary.index("nummer 40 ")


async def test_in_english_the_guardian_s_words_while_waiting_are_marked_as_theirs(
    chat: Chat,
) -> None:
    await chat.say("hello")
    await chat.say("2")  # English
    await chat.say("2")  # my child
    await chat.say("Leo")
    await chat.say("4 years")
    await chat.say("1")  # guardian
    await chat.say("fever")
    await chat.answer_calmly(overrides={"fever": "yes", "temp_measured": "no"})
    case = await chat.case_of()
    assert case is not None and case.state == "queued"
    await chat.say("He is allergic to penicillin")
    summary = (await chat.say("clinician: !next")).split("[bot → clinician] ")[1]
    assert "Vårdnadshavaren: He is allergic to penicillin" in summary
