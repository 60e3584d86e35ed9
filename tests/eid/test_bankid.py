"""BankID RP API v6 through the bot's web page, against the local fake."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from dataclasses import replace

import httpx
import pytest

from adapters.eid.bankid import (
    BankIdClient,
    BankIdError,
    BankIdSettings,
    autostart_url,
    http_client,
    qr_content,
)
from tests.eid.conftest import ALICE, BOB, EidHarness


async def open_page(h: EidHarness, chat_key: str) -> tuple[str, httpx.Response]:
    token = await h.web.issue_link(chat_key)
    page = await h.browser.get(h.web.bankid_url(token))
    assert page.status_code == 200, page.text
    return token, page


async def poll(h: EidHarness, token: str) -> dict[str, object]:
    response = await h.browser.get(f"{h.base_url}/bankid/{token}/qr")
    body = response.json()
    assert isinstance(body, dict)
    return body


def shown_qr(page: httpx.Response) -> str:
    found = re.search(r'<code id="qr-content">([^<]*)</code>', page.text)
    assert found is not None
    return found.group(1)


def test_qr_content_for_the_first_seconds() -> None:
    # Computed independently: HMAC-SHA256 keyed with the secret over the decimal seconds.
    token = "67df3917-fa0d-44e5-b327-edcc928297f8"
    secret = "d28db9a7-4cde-429e-a983-359be676944c"
    expected = {
        0: "dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8",
        1: "949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2",
        2: "a9e5ec59cb4eee4ef4117150abc58fad7a85439a6a96ccbecc3668b41795b3f3",
    }
    for t, digest in expected.items():
        assert qr_content(token, secret, t) == f"bankid.{token}.{t}.{digest}"
        mac = hmac.new(secret.encode(), str(t).encode(), hashlib.sha256).hexdigest()
        assert digest == mac


def test_autostart_link() -> None:
    assert autostart_url("abc-123") == "bankid:///?autostarttoken=abc-123"
    assert autostart_url("abc", redirect="null") == "bankid:///?autostarttoken=abc&redirect=null"


async def test_full_login_binds_the_right_person(harness: EidHarness) -> None:
    h = harness
    token, page = await open_page(h, "telegram:1001")
    order_ref = h.bankid.only_order()
    order = h.bankid.orders[order_ref]
    assert order.end_user_ip == "127.0.0.1"
    assert f"bankid:///?autostarttoken={order.auto_start_token}" in page.text
    assert order.qr_start_secret not in page.text
    assert f"/bankid/{token}/qr" in page.text

    assert (await poll(h, token))["status"] == "pending"
    h.bankid.complete(order_ref, ALICE.personal_number, "Alice", "Andersson")
    # Collect runs at most every two seconds, though the page polls each second.
    h.clock.advance(seconds=1)
    assert (await poll(h, token))["status"] == "pending"
    assert h.bound.calls == []
    h.clock.advance(seconds=1)
    assert (await poll(h, token))["status"] == "complete"
    assert h.bound.calls == [("telegram:1001", ALICE.personal_number, "Alice Andersson")]
    # Polling again neither collects nor binds twice.
    collects = sum(1 for name, _ in h.bankid.calls if name == "collect")
    assert (await poll(h, token))["status"] == "complete"
    assert sum(1 for name, _ in h.bankid.calls if name == "collect") == collects
    assert len(h.bound.calls) == 1

    token2, _ = await open_page(h, "matrix:@bob:example.org")
    order2 = next(ref for ref in h.bankid.orders if ref != order_ref)
    h.bankid.complete(order2, BOB.personal_number, "Tolvan", "Tolvansson")
    assert (await poll(h, token2))["status"] == "complete"
    assert h.bound.calls[-1] == ("matrix:@bob:example.org", "191212121212", "Tolvan Tolvansson")


async def test_qr_animates_each_second_on_the_server(harness: EidHarness) -> None:
    h = harness
    token, page = await open_page(h, "telegram:1001")
    order = h.bankid.orders[h.bankid.only_order()]
    assert shown_qr(page) == qr_content(order.qr_start_token, order.qr_start_secret, 0)
    for t in (1, 2):
        h.clock.advance(seconds=1)
        body = await poll(h, token)
        assert body["status"] == "pending"
        assert body["qr"] == qr_content(order.qr_start_token, order.qr_start_secret, t)
        assert order.qr_start_secret not in str(body)
    # A reload while the order runs shows the page again, at the current second.
    h.clock.advance(seconds=1)
    reload = await h.browser.get(h.web.bankid_url(token))
    assert reload.status_code == 200
    assert shown_qr(reload) == qr_content(order.qr_start_token, order.qr_start_secret, 3)
    assert len(h.bankid.orders) == 1


async def test_user_cancel_fails_the_order(harness: EidHarness) -> None:
    h = harness
    token, _ = await open_page(h, "telegram:1001")
    h.bankid.fail(h.bankid.only_order(), "userCancel")
    body = await poll(h, token)
    assert body == {"status": "failed", "hint": "userCancel"}
    assert (await poll(h, token))["status"] == "failed"
    assert h.bound.calls == []
    # The link was used: opening it again does not start a new order.
    again = await h.browser.get(h.web.bankid_url(token))
    assert again.status_code == 410
    assert len(h.bankid.orders) == 1


async def test_expired_and_replayed_links_refused(harness: EidHarness) -> None:
    h = harness
    token = await h.web.issue_link("telegram:1001")
    h.clock.advance(minutes=6)
    assert (await h.browser.get(h.web.bankid_url(token))).status_code == 410
    assert h.bankid.orders == {}
    unknown = await h.browser.get(f"{h.base_url}/bankid/{'x' * 43}/qr")
    assert unknown.status_code == 404


async def test_login_left_too_long_is_cancelled(harness: EidHarness) -> None:
    h = harness
    token, _ = await open_page(h, "telegram:1001")
    order_ref = h.bankid.only_order()
    h.clock.advance(minutes=11)
    assert (await poll(h, token))["status"] == "failed"
    assert h.bankid.orders[order_ref].cancelled
    h.bankid.complete(order_ref, ALICE.personal_number, "Alice", "Andersson")
    assert (await poll(h, token))["status"] == "failed"
    assert h.bound.calls == []


async def test_invalid_personnummer_from_bankid_not_bound(harness: EidHarness) -> None:
    h = harness
    token, _ = await open_page(h, "telegram:1001")
    h.bankid.complete(h.bankid.only_order(), "198112189875", "Alice", "Andersson")
    assert (await poll(h, token))["status"] == "failed"
    assert h.bound.calls == []


async def test_client_against_the_fake(harness: EidHarness) -> None:
    h = harness
    async with http_client(BankIdSettings(base_url=h.bankid.base_url)) as http:
        client = BankIdClient(http)
        order = await client.auth("192.0.2.7")
        assert h.bankid.orders[order.order_ref].end_user_ip == "192.0.2.7"
        assert order.qr_start_secret not in repr(order)
        pending = await client.collect(order.order_ref)
        assert (pending.status, pending.hint_code) == ("pending", "outstandingTransaction")
        await client.cancel(order.order_ref)
        with pytest.raises(BankIdError) as refused:
            await client.collect(order.order_ref)
        assert refused.value.error_code == "invalidParameters"
        assert refused.value.status == 400


async def test_no_secrets_in_logs(harness: EidHarness, caplog: pytest.LogCaptureFixture) -> None:
    h = harness
    caplog.set_level(logging.DEBUG)
    token, _ = await open_page(h, "telegram:1001")
    order = h.bankid.orders[h.bankid.only_order()]
    h.bankid.complete(h.bankid.only_order(), ALICE.personal_number, "Alice", "Andersson")
    assert (await poll(h, token))["status"] == "complete"
    bot_side = "\n".join(
        record.getMessage()
        for record in caplog.records
        if not (record.name.startswith(("httpx", "httpcore")) and h.base_url in record.getMessage())
    )
    assert "bankid login" in bot_side and "verified" in bot_side
    for secret in (
        token,
        order.qr_start_secret,
        order.qr_start_token,
        order.auto_start_token,
        ALICE.personal_number,
        "Alice",
        "telegram:1001",
    ):
        assert secret not in bot_side, secret


async def test_end_user_ip_from_the_proxy_header(harness: EidHarness) -> None:
    h = harness
    h.web.settings = replace(h.web.settings, forwarded_for_header="X-Forwarded-For")
    token = await h.web.issue_link("telegram:1001")
    page = await h.browser.get(
        h.web.bankid_url(token), headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.9"}
    )
    assert page.status_code == 200
    assert h.bankid.orders[h.bankid.only_order()].end_user_ip == "203.0.113.9"


# -- the browser that started the order (issue 13) ------------------------------------------------


async def test_the_page_sets_the_cookie_of_its_order(harness: EidHarness) -> None:
    h = harness
    _, page = await open_page(h, "telegram:1001")
    (cookie,) = [v for v in page.headers.get_list("set-cookie") if "minvard_login_" in v]
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=lax" in lowered and "max-age=600" in lowered


async def test_a_poll_without_the_cookie_collects_nothing_and_ends_the_order(
    harness: EidHarness,
) -> None:
    h = harness
    token, _ = await open_page(h, "telegram:1001")
    order_ref = h.bankid.only_order()
    # Someone signs the order; a browser that did not start it polls for the result.
    h.bankid.complete(order_ref, ALICE.personal_number, "Alice", "Andersson")
    async with httpx.AsyncClient(timeout=5.0) as other:
        response = await other.get(f"{h.base_url}/bankid/{token}/qr")
    assert response.status_code == 403
    assert response.json() == {"status": "failed"}
    assert not [name for name, _ in h.bankid.calls if name == "collect"]
    assert h.bound.calls == []
    assert h.refused.calls == ["telegram:1001"]
    # The order is over, also for the page that started it.
    assert (await poll(h, token))["status"] == "failed"
    assert h.bound.calls == []
    assert h.refused.calls == ["telegram:1001"]


async def test_the_page_shown_again_needs_the_browser_that_started_it(
    harness: EidHarness,
) -> None:
    h = harness
    token, _ = await open_page(h, "telegram:1001")
    order_ref = h.bankid.only_order()
    # Same browser: the page again (a reload), same order.
    again = await h.browser.get(h.web.bankid_url(token))
    assert again.status_code == 200 and "qr-content" in again.text
    # Another browser (the page's address was sent to someone): a kind no, the order cancelled.
    async with httpx.AsyncClient(timeout=5.0) as other:
        refused = await other.get(h.web.bankid_url(token))
    assert refused.status_code == 403
    assert "annan webbläsare" in refused.text
    assert "qr-content" not in refused.text and "autostarttoken" not in refused.text
    assert h.bankid.orders[order_ref].cancelled
    assert h.refused.calls == ["telegram:1001"]
    # Signing now completes nothing, whoever polls.
    h.bankid.orders[order_ref].cancelled = False
    h.bankid.complete(order_ref, ALICE.personal_number, "Alice", "Andersson")
    assert (await poll(h, token))["status"] == "failed"
    assert h.bound.calls == []
