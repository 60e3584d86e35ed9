"""Application logs carry opaque ids only, with e-ID too: a whole identity journey at DEBUG (login
link, provider round trip, binding, contact details, a child's personnummer, care, a misuse
report) leaves no personnummer, name, phone number, e-mail, message text or token in the log."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.eid.conftest import ALICE, BOB, JourneyFactory, personnummer


def _forms(digits: str) -> list[str]:
    """Every way a personnummer may be written."""
    return [digits, digits[2:], f"{digits[:8]}-{digits[8:]}", f"{digits[2:8]}-{digits[8:]}"]


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)


async def test_an_oidc_journey_at_debug_logs_no_personal_data(
    journeys: JourneyFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    j = await journeys("oidc")
    link = j.link(await j.chat.say("hej"))
    said, callback = await j.login_oidc(link, ALICE)
    query = parse_qs(urlsplit(callback).query)
    await j.chat.say("070-123 45 67")
    await j.chat.say("alice@exempel.se")
    await j.chat.say("1")  # svenska
    await j.chat.say("2")  # my child
    await j.chat.say("Ingrid")
    child = personnummer("20190315")
    await j.chat.say(child)
    await j.chat.say("1")  # guardian
    await j.chat.say("Klådan i underlivet")
    await j.chat.answer_calmly()
    await j.chat.say("clinician: !next")
    await j.chat.say("clinician: Har du haft svårt att andas?")
    await j.chat.say("Det svider när jag kissar")
    await j.chat.say("!minadata")
    await j.chat.say("clinician: !close")
    await j.chat.say("!missbruk")

    logged = _logged(caplog)
    assert "identity: binding 1 made (oidc)" in logged  # what happened, by opaque id
    assert "identity: misuse reported, 1 bindings ended" in logged
    secrets = [
        *_forms(ALICE.personal_number),
        *_forms(child),
        "Alice",
        "Andersson",
        "Ingrid",
        "0701234567",
        "070-123 45 67",
        "+46701234567",
        "701234567",
        "alice@exempel.se",
        "Klådan i underlivet",
        "Har du haft svårt att andas?",
        "Det svider när jag kissar",
        link.rsplit("/", 1)[1],
        query["code"][0],
        query["state"][0],
    ]
    for secret in secrets:
        assert secret.casefold() not in logged.casefold(), secret
    assert said


async def test_a_bankid_login_at_debug_logs_no_personal_data(
    journeys: JourneyFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    j = await journeys("bankid")
    link = j.link(await j.chat.say("hej"))
    said = await j.login_bankid(link, BOB)
    assert "Tolvan" in said
    (order,) = j.bankid.orders.values()
    logged = _logged(caplog)
    assert "identity: binding 1 made (bankid)" in logged
    for secret in [
        *_forms(BOB.personal_number),
        "Tolvan",
        link.rsplit("/", 1)[1],
        order.qr_start_secret,
        order.auto_start_token,
    ]:
        assert secret.casefold() not in logged.casefold(), secret
