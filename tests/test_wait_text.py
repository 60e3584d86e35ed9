"""The expected wait as the patient reads it: minutes while staffed, clock times otherwise."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.config import Config
from tests.conftest import STOCKHOLM, Clock, make_chat


async def _queued(
    tmp_path: Path, at: datetime, language: str = "1", before: tuple[str, ...] = ()
) -> str:
    chat = await make_chat(tmp_path / "minvard.db", Clock(at))
    try:
        for line in before:
            await chat.say(line)
        await chat.say("hej")
        await chat.say(language)
        await chat.say("1")
        await chat.say({"1": "ont i halsen", "2": "sore throat", "3": "kurkkukipu"}[language])
        printed = await chat.answer_calmly()
    finally:
        await chat.db.close()
    return printed


async def test_while_staffed_the_wait_is_told_in_minutes(tmp_path: Path) -> None:
    printed = await _queued(tmp_path, datetime(2026, 11, 25, 10, 0, tzinfo=STOCKHOLM))
    assert "Du är nummer 1 i kön. Väntetiden är ungefär 10–25 minuter." in printed
    assert "Troligen" not in printed


async def test_at_night_the_wait_is_the_morning_not_minutes(tmp_path: Path) -> None:
    # Wednesday 23:00: staff are back on Thursday at 8.00.
    printed = await _queued(tmp_path, datetime(2026, 11, 25, 23, 0, tzinfo=STOCKHOLM))
    assert "Troligen blir det din tur i morgon mellan kl. 8.10 och 8.25." in printed
    assert "minuter" not in printed.split("Du är nummer 1 i kön.")[1].split("\n")[0]
    assert "vi öppnar igen i morgon kl. 8.00" in printed
    assert "Vi svarar vardagar kl. 8–16 och helger kl. 10–14" in printed


async def test_hours_that_start_at_half_past_are_told_so(tmp_path: Path) -> None:
    config = Config.model_validate(
        {
            "storage": {"path": str(tmp_path / "minvard.db")},
            "hours": {"weekday": ["08:30", "16:00"], "weekend": ["10:00", "13:30"]},
        }
    )
    chat = await make_chat(
        tmp_path / "minvard.db", Clock(datetime(2026, 11, 25, 23, 0, tzinfo=STOCKHOLM)), config
    )
    try:
        await chat.say("hej")
        await chat.say("2")
        await chat.say("1")
        await chat.say("sore throat")
        printed = await chat.answer_calmly()
    finally:
        await chat.db.close()
    assert "We answer on weekdays 8:30–16 and at weekends 10–13:30" in printed
    assert "Your turn will probably come tomorrow between 8:40 and 8:55." in printed


async def test_a_wait_that_runs_past_closing_names_both_days(tmp_path: Path) -> None:
    # Wednesday 15.45: the chat closes at 16, so the last of the range is Thursday morning.
    printed = await _queued(tmp_path, datetime(2026, 11, 25, 15, 45, tzinfo=STOCKHOLM))
    line = printed.split("Du är nummer 1 i kön.")[1].split("\n")[0]
    assert "Troligen blir det din tur någon gång mellan i dag kl. 15." in line, line
    assert "och i morgon kl. 8." in line, line


async def test_friday_evening_points_to_saturday_hours_in_english(tmp_path: Path) -> None:
    printed = await _queued(tmp_path, datetime(2026, 11, 27, 19, 0, tzinfo=STOCKHOLM), "2")
    assert "Your turn will probably come tomorrow between 10:10 and 10:25." in printed
    assert "we open again tomorrow at 10:00" in printed


async def test_a_closure_of_days_names_the_weekday_in_finnish(tmp_path: Path) -> None:
    # Closed Thursday and Friday for training: from Wednesday night the next staffed hours
    # are Saturday's, from 10.
    closure = "admin: !closed 2026-11-26 2026-11-27 utbildning"
    printed = await _queued(
        tmp_path, datetime(2026, 11, 25, 23, 0, tzinfo=STOCKHOLM), "3", (closure,)
    )
    assert "Vuorosi tulee todennäköisesti lauantaina 28.11. klo 10.10–10.25." in printed
    assert "palvelemme taas lauantaina 28.11. klo 10.00" in printed
