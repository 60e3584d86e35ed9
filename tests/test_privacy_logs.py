"""Application logs carry opaque ids only: a whole journey at DEBUG leaks nothing personal."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import Chat

SECRETS = [
    "0701234567",
    "070-123 45 67",
    "+46701234567",
    "701234567",
    "Ingrid",
    "Klådan i underlivet",
    "Har du haft svårt att andas?",
    "Det svider när jag kissar",
    "Snällt bemötande",
    "Anna Lind",
]


async def test_a_full_journey_at_debug_logs_no_personal_data(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await chat.say("mobil 070-123 45 67")
    await chat.say("hej")
    await chat.say("1")
    await chat.say("2")  # my child
    await chat.say("Ingrid")
    await chat.say("7")
    await chat.say("1")
    await chat.say("Klådan i underlivet")
    await chat.answer_calmly()
    await chat.say("clinician: !next")
    await chat.say("clinician: Har du haft svårt att andas?")
    await chat.say("Det svider när jag kissar")
    await chat.say("clinician: !note Trolig urinvägsinfektion")
    await chat.say("clinician: !close")
    await chat.say("5")
    await chat.say("Snällt bemötande")
    await chat.say("admin: !stats")
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert "case 1: taken" in logged  # the log says what happened, by opaque id
    for secret in SECRETS:
        assert secret.casefold() not in logged.casefold(), secret
