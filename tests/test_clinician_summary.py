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
    assert "Frågeformulär: Ont i halsen (sore_throat version 1.0.0" in printed
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
