"""`take`, `audit` and `deadletters` with a number no row can have (found by the state machine).

A number past SQLite's 64-bit INTEGER made the lookup raise: the line was set aside as a dead
letter, the clinician read "something went wrong" and the admins were alerted, for a typo.
"""

from __future__ import annotations

from tests.conftest import Chat


async def test_a_case_number_too_large_for_any_case_is_no_such_case(chat: Chat) -> None:
    await chat.start_to_queue()
    for number in ("99999999999999999999", "#9223372036854775808"):
        printed = await chat.say(f"clinician: !take {number}")
        assert f"Hittar inget ärende {number}." in printed, printed
        assert "gick fel" not in printed and "→ staff]" not in printed
    # The queue is as it was: the patient's case can still be taken.
    printed = await chat.say("clinician: !take 1")
    assert "Du har tagit ärende #1" in printed


async def test_admins_typing_a_number_too_large_for_any_row_are_told_so(chat: Chat) -> None:
    await chat.start_to_queue()
    printed = await chat.say("admin: !audit 99999999999999999999")
    assert "gick fel" not in printed and "→ staff]" not in printed, printed
    assert "[bot → admin]" in printed
    for verb in ("retry", "drop"):
        printed = await chat.say(f"admin: !deadletters {verb} 99999999999999999999")
        assert "gick fel" not in printed and "→ staff]" not in printed, printed
        assert "99999999999999999999" in printed  # "no dead letter 9999…"
    letters = await chat.repos(lambda repos: repos.dead_letters.open())
    assert letters == []
