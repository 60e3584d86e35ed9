"""The e-ID login in a real browser: Debian's chromium, headless, driven by Playwright, against
the whole bot (the shell chat and the e-ID endpoint as `minvard run` builds them), the local
OpenID Connect provider and the BankID fake.

The attack these tests close: someone opens their own login link without following it, sends
the page it leads to (the broker's login, or the BankID page) to someone else, and that person
logs in. Their personnummer and name must not end up in the sender's chat."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from storage.records import Address
from tests.eid.conftest import ALICE, Journey, JourneyFactory

CHROMIUM = Path("/usr/bin/chromium")
# What runs here: no sandbox (root in a container), no GPU, no calls home.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PATIENT = Address("shell", "patient")
OTHER_BROWSER_PAGE = "annan webbläsare"
NOT_COMPLETED = "Inloggningen blev inte klar"


@pytest.fixture
async def chromium() -> AsyncIterator[Any]:
    """A headless chromium; each test opens a context (a browser profile) per person."""
    missing = None
    if not CHROMIUM.exists():
        missing = f"no chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        missing = "the playwright package is not installed (pip install -e '.[dev]')"
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser tests: {missing}")
        pytest.skip(missing)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        try:
            yield browser
        finally:
            await browser.close()


async def open_in_browser(browser: Any, url: str) -> tuple[Any, str]:
    """A new browser profile opens `url` (following every redirect); the page and its text."""
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url)
    return page, str(await page.inner_text("body"))


async def nobody_bound(j: Journey) -> None:
    assert await j.chat.repos(lambda r: r.bindings.live(PATIENT)) is None
    mydata = await j.chat.say("!minadata")
    assert "19811218" not in mydata and "Alice" not in mydata


# -- OpenID Connect -------------------------------------------------------------------------------


async def test_a_login_in_one_browser_binds_the_person_and_tells_the_chat(
    journeys: JourneyFactory, chromium: Any
) -> None:
    j = await journeys("oidc")
    link = j.link(await j.chat.say("hej"))
    j.provider.person = ALICE
    page, text = await open_in_browser(chromium, link)
    assert "Du är inloggad" in text, text
    said = await j.output()
    assert "Du är inloggad som Alice Andersson (19811218-****)" in said
    binding = await j.chat.repos(lambda r: r.bindings.live(PATIENT))
    assert binding is not None and binding.personnummer == ALICE.personal_number
    # The browser's login cookie has done its work and is gone.
    assert await page.context.cookies() == []


async def test_a_forwarded_broker_url_binds_nobody(journeys: JourneyFactory, chromium: Any) -> None:
    j = await journeys("oidc")
    # The attacker asks for a link in their own chat and reads where it leads without going.
    link = j.link(await j.chat.say("hej"))
    status, broker_url, _ = await j.get(link)
    assert status == 302 and broker_url.startswith(j.provider.issuer)
    # The victim, in her own browser, logs in at the broker page she was sent.
    j.provider.person = ALICE
    _, text = await open_in_browser(chromium, broker_url)
    assert OTHER_BROWSER_PAGE in text, text
    assert "Du är inloggad" not in text
    said = await j.output()
    assert NOT_COMPLETED in said, said
    assert "Alice" not in said and "19811218" not in said
    assert j.provider.token_requests == 0  # her code was never even exchanged
    await nobody_bound(j)
    # The chat's owner logs in properly with a new link, in one browser.
    link = j.link(await j.chat.say("hej igen"))
    _, text = await open_in_browser(chromium, link)
    assert "Du är inloggad" in text


async def test_the_refusal_speaks_the_patients_language(
    journeys: JourneyFactory, chromium: Any
) -> None:
    j = await journeys("oidc")
    await j.chat.say("!språk en")
    link = j.link(await j.chat.say("hello"))
    _, broker_url, _ = await j.get(link)
    j.provider.person = ALICE
    _, text = await open_in_browser(chromium, broker_url)
    assert "another browser" in text, text
    said = await j.output()
    assert "The login was not completed" in said and NOT_COMPLETED not in said


# -- BankID: the QR code and the same-device link on one page -------------------------------------


async def test_bankid_in_one_browser_binds_the_person_and_tells_the_chat(
    journeys: JourneyFactory, chromium: Any
) -> None:
    from playwright.async_api import expect

    j = await journeys("bankid")
    link = j.link(await j.chat.say("hej"))
    page, text = await open_in_browser(chromium, link)
    assert "Logga in med BankID" in text
    order_ref = j.bankid.only_order()
    order = j.bankid.orders[order_ref]
    assert (await page.inner_text("#qr-content")).startswith(f"bankid.{order.qr_start_token}.")
    autostart = await page.get_attribute("#autostart", "href")
    assert autostart == f"bankid:///?autostarttoken={order.auto_start_token}"
    # She signs in the app (scanned, or opened from the link on this device); the page polls.
    j.bankid.complete(order_ref, ALICE.personal_number, "Alice", "Andersson")
    await expect(page.locator("#status")).to_contain_text("Klart", timeout=10_000)
    said = await j.output()
    assert "Du är inloggad som Alice Andersson" in said


async def test_a_forwarded_bankid_page_binds_nobody(
    journeys: JourneyFactory, chromium: Any
) -> None:
    j = await journeys("bankid")
    link = j.link(await j.chat.say("hej"))
    # The attacker opens the page without a browser, then sends its address to the victim.
    status, _, _ = await j.get(link)
    assert status == 200
    order_ref = j.bankid.only_order()
    page, text = await open_in_browser(chromium, link)
    assert OTHER_BROWSER_PAGE in text, text
    assert await page.locator("#qr-content").count() == 0
    assert await page.locator("#autostart").count() == 0
    assert j.bankid.orders[order_ref].cancelled
    said = await j.output()
    assert NOT_COMPLETED in said, said
    # Even if she had signed, nothing collects it into the attacker's chat any more.
    j.bankid.complete(order_ref, ALICE.personal_number, "Alice", "Andersson")
    status, _, body = await j.get(link + "/qr")
    assert '"complete"' not in body
    await nobody_bound(j)
