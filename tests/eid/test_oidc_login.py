"""OpenID Connect login through the bot's web endpoint, against the local provider."""

from __future__ import annotations

import logging
import socket
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc.jwk import RSAKey

from adapters.eid.oidc import OidcError
from adapters.eid.web import EidWeb, WebSettings
from tests.eid.conftest import ALICE, BOB, EidHarness


async def start_login(h: EidHarness, chat_key: str) -> httpx.Response:
    """Opens a fresh login link; returns the bot's redirect to the provider."""
    token = await h.web.issue_link(chat_key)
    response = await h.browser.get(h.web.login_url(token))
    assert response.status_code == 302, response.text
    return response


async def at_provider(h: EidHarness, redirect: httpx.Response) -> httpx.Response:
    """The provider logs in its current person and redirects back to the bot's callback."""
    location = redirect.headers["location"]
    assert location.startswith(h.provider.issuer + "/authorize?")
    response = await h.browser.get(location)
    assert response.status_code == 302
    assert response.headers["location"].startswith(h.base_url + "/callback?")
    return response


async def full_login(h: EidHarness, chat_key: str) -> httpx.Response:
    back = await at_provider(h, await start_login(h, chat_key))
    return await h.browser.get(back.headers["location"])


async def test_full_login_binds_the_right_person(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    done = await full_login(h, "telegram:1001")
    assert done.status_code == 200
    assert "inloggad" in done.text
    assert h.bound.calls == [("telegram:1001", "198112189876", "Alice Andersson")]

    h.provider.person = BOB
    done = await full_login(h, "matrix:@bob:example.org")
    assert done.status_code == 200
    assert h.bound.calls[-1] == ("matrix:@bob:example.org", "191212121212", "Tolvan Tolvansson")
    assert len(h.bound.calls) == 2


async def test_authorization_request_uses_pkce_state_and_nonce(harness: EidHarness) -> None:
    h = harness
    redirect = await start_login(h, "telegram:1001")
    query = parse_qs(urlsplit(redirect.headers["location"]).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["state"] != query["nonce"]
    assert query["redirect_uri"] == [h.base_url + "/callback"]
    assert redirect.headers["cache-control"] == "no-store"


async def test_wrong_state_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    back = await at_provider(h, await start_login(h, "telegram:1001"))
    url = httpx.URL(back.headers["location"])
    forged = url.copy_set_param("state", "not-the-state-we-sent")
    refused = await h.browser.get(forged)
    assert refused.status_code == 400
    assert "misslyckades" in refused.text
    missing = await h.browser.get(url.copy_remove_param("state"))
    assert missing.status_code == 400
    assert h.bound.calls == []
    assert h.provider.token_requests == 0
    # The genuine callback still works.
    assert (await h.browser.get(url)).status_code == 200
    assert h.bound.calls == [("telegram:1001", ALICE.personal_number, "Alice Andersson")]


async def test_replayed_callback_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    back = await at_provider(h, await start_login(h, "telegram:1001"))
    assert (await h.browser.get(back.headers["location"])).status_code == 200
    again = await h.browser.get(back.headers["location"])
    assert again.status_code == 400
    assert len(h.bound.calls) == 1
    assert h.provider.token_requests == 1


async def test_replayed_code_refused_by_the_client(harness: EidHarness) -> None:
    """A code used once is refused the second time, even with the right verifier and nonce."""
    h = harness
    h.provider.person = ALICE
    auth = await h.oidc.authorization_request()
    response = await h.browser.get(auth.url)
    code = parse_qs(urlsplit(response.headers["location"]).query)["code"][0]
    claims = await h.oidc.complete(code, auth.code_verifier, auth.nonce)
    assert claims.personnummer == ALICE.personal_number
    with pytest.raises(OidcError) as refused:
        await h.oidc.complete(code, auth.code_verifier, auth.nonce)
    assert refused.value.reason == "token_refused"


async def test_code_with_the_wrong_verifier_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    auth = await h.oidc.authorization_request()
    other = await h.oidc.authorization_request()
    response = await h.browser.get(auth.url)
    code = parse_qs(urlsplit(response.headers["location"]).query)["code"][0]
    with pytest.raises(OidcError):
        await h.oidc.complete(code, other.code_verifier, auth.nonce)


async def test_expired_link_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    token = await h.web.issue_link("telegram:1001")
    h.clock.advance(minutes=5, seconds=1)
    refused = await h.browser.get(h.web.login_url(token))
    assert refused.status_code == 410
    assert "gått ut" in refused.text
    assert h.bound.calls == []


async def test_link_just_before_expiry_works(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    token = await h.web.issue_link("telegram:1001")
    h.clock.advance(minutes=4, seconds=59)
    assert (await h.browser.get(h.web.login_url(token))).status_code == 302


async def test_replayed_link_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    token = await h.web.issue_link("telegram:1001")
    assert (await h.browser.get(h.web.login_url(token))).status_code == 302
    again = await h.browser.get(h.web.login_url(token))
    assert again.status_code == 410
    assert "redan använd" in again.text


async def test_unknown_link_refused(harness: EidHarness) -> None:
    h = harness
    token = await h.web.issue_link("telegram:1001")
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    refused = await h.browser.get(h.web.login_url(forged))
    assert refused.status_code == 404
    assert (await h.browser.get(h.web.login_url(token))).status_code == 302


async def test_login_that_took_too_long_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    back = await at_provider(h, await start_login(h, "telegram:1001"))
    h.clock.advance(minutes=11)
    refused = await h.browser.get(back.headers["location"])
    assert refused.status_code == 400
    assert h.bound.calls == []


async def test_link_token_is_stored_hashed(harness: EidHarness) -> None:
    h = harness
    token = await h.web.issue_link("telegram:1001")
    rows = await h.db.read(lambda tx: tx.all("SELECT * FROM eid_login_links"))
    assert len(rows) == 1
    assert token not in [str(v) for v in tuple(rows[0])]


async def test_provider_refusal_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = None  # the user cancels at the broker
    back = await at_provider(h, await start_login(h, "telegram:1001"))
    assert "error=access_denied" in back.headers["location"]
    refused = await h.browser.get(back.headers["location"])
    assert refused.status_code == 400
    assert h.bound.calls == []


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"nonce": "someone-elses-nonce"}, "id_token_invalid_claim"),
        ({"aud": "another-client"}, "id_token_invalid_claim"),
        ({"iss": "http://127.0.0.1:1"}, "id_token_invalid_claim"),
        ({"nonce": None}, "id_token_missing_claim"),
        ({"personal_number": None}, "no_personnummer_claim"),
        ({"personal_number": "198112189875"}, "invalid_personnummer"),
    ],
)
async def test_id_token_with_wrong_claims_refused(
    harness: EidHarness,
    override: dict[str, object],
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    h = harness
    h.provider.person = ALICE
    h.provider.overrides = override
    caplog.set_level(logging.DEBUG)
    refused = await full_login(h, "telegram:1001")
    assert refused.status_code == 400
    assert h.bound.calls == []
    assert reason in caplog.text


async def test_expired_id_token_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    issued = int(h.clock.now.timestamp())
    h.provider.overrides = {"iat": issued - 600, "exp": issued - 120}
    assert (await full_login(h, "telegram:1001")).status_code == 400
    assert h.bound.calls == []


async def test_id_token_with_bad_signature_refused(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    h.provider.signing_key = RSAKey.generate_key(2048, {"kid": "k1"}, True)
    refused = await full_login(h, "telegram:1001")
    assert refused.status_code == 400
    assert h.bound.calls == []


async def test_no_secrets_in_logs(harness: EidHarness, caplog: pytest.LogCaptureFixture) -> None:
    h = harness
    h.provider.person = ALICE
    caplog.set_level(logging.DEBUG)
    token = await h.web.issue_link("telegram:1001")
    redirect = await h.browser.get(h.web.login_url(token))
    back = await at_provider(h, redirect)
    assert (await h.browser.get(back.headers["location"])).status_code == 200
    query = parse_qs(urlsplit(back.headers["location"]).query)
    # The test's own browser logs the URLs it opens; everything else is the bot's side.
    bot_side = "\n".join(
        record.getMessage()
        for record in caplog.records
        if not (
            record.name.startswith(("httpx", "httpcore"))
            and (h.base_url in record.getMessage() or "/authorize?" in record.getMessage())
        )
    )
    assert "oidc login" in bot_side and "verified" in bot_side
    assert "GET /callback 200" in bot_side  # the access log, without the query
    for secret in (
        token,
        query["code"][0],
        query["state"][0],
        ALICE.personal_number,
        "811218",
        "Alice",
        "Andersson",
        "telegram:1001",
    ):
        assert secret not in bot_side, secret


async def test_binding_failure_shows_the_failure_page(
    harness: EidHarness, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    h.provider.person = ALICE

    async def broken(chat_key: str, personnummer: str, name: str) -> None:
        raise RuntimeError("database is down")

    h.web.on_verified = broken
    caplog.set_level(logging.DEBUG, logger="adapters.eid")
    refused = await full_login(h, "telegram:1001")
    assert refused.status_code == 400
    assert "binding the identity failed" in caplog.text
    assert ALICE.personal_number not in caplog.text
    outcomes = await h.db.read(lambda tx: tx.all("SELECT outcome FROM eid_logins"))
    assert [row["outcome"] for row in outcomes] == ["failed"]


# -- the browser that opened the link (issue 13) --------------------------------------------------


def login_cookie(response: httpx.Response) -> str:
    (cookie,) = [v for v in response.headers.get_list("set-cookie") if "minvard_login_" in v]
    return cookie


async def test_the_link_page_sets_a_short_lived_cookie_scripts_cannot_read(
    harness: EidHarness,
) -> None:
    h = harness
    cookie = login_cookie(await start_login(h, "telegram:1001"))
    attributes = {part.strip().split("=")[0].lower(): part for part in cookie.split(";")}
    assert "httponly" in attributes
    assert attributes["samesite"].strip().lower() == "samesite=lax"
    assert attributes["max-age"].strip().lower() == "max-age=600"  # the login's ten minutes
    assert attributes["path"].strip() == "Path=/"
    assert "secure" not in attributes  # plain HTTP here: a Secure cookie would never come back


async def test_the_cookie_is_secure_when_the_bot_is_reached_over_https(
    harness: EidHarness,
) -> None:
    from aiohttp import web

    h = harness
    secure = EidWeb(
        h.db,
        h.clock,
        h.bound,
        WebSettings(public_url="https://minvard.example.se"),
        oidc=h.oidc,
    )
    runner = secure.runner()
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    await web.SockSite(runner, sock).start()
    try:
        token = await secure.issue_link("telegram:1001")
        port = sock.getsockname()[1]
        response = await h.browser.get(f"http://127.0.0.1:{port}/login/{token}")
        assert response.status_code == 302
        assert "secure" in login_cookie(response).lower().split("; ")
    finally:
        await runner.cleanup()


async def test_a_callback_in_a_browser_without_the_cookie_binds_nobody(
    harness: EidHarness,
) -> None:
    h = harness
    h.provider.person = ALICE
    to_provider = (await start_login(h, "telegram:1001")).headers["location"]
    # The victim's browser: never opened the link, so it holds no cookie of this login.
    async with httpx.AsyncClient(timeout=5.0) as victim:
        back = await victim.get(to_provider)
        refused = await victim.get(back.headers["location"])
    assert refused.status_code == 403
    assert "annan webbläsare" in refused.text
    assert 'lang="sv"' in refused.text
    assert h.bound.calls == []
    assert h.refused.calls == ["telegram:1001"]
    assert h.provider.token_requests == 0
    # The login is over: the attacker's own browser, with the cookie, cannot use it afterwards.
    again = await h.browser.get(back.headers["location"])
    assert again.status_code == 400
    assert h.bound.calls == [] and h.refused.calls == ["telegram:1001"]
    outcomes = await h.db.read(lambda tx: tx.all("SELECT outcome FROM eid_logins"))
    assert [row["outcome"] for row in outcomes] == ["other_browser"]


async def test_the_cookie_of_another_login_does_not_do(harness: EidHarness) -> None:
    """The victim has a login of her own going in her browser: its cookie is not this one's."""
    h = harness
    h.provider.person = ALICE
    attackers = (await start_login(h, "telegram:666")).headers["location"]
    h.browser.cookies.clear()
    await start_login(h, "telegram:1001")  # her own link: she holds its cookie
    back = await h.browser.get(attackers)
    refused = await h.browser.get(back.headers["location"])
    assert refused.status_code == 403
    assert h.bound.calls == []
    assert h.refused.calls == ["telegram:666"]


async def test_a_forged_cookie_does_not_do(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    redirect = await start_login(h, "telegram:1001")
    name = login_cookie(redirect).split("=")[0]
    async with httpx.AsyncClient(timeout=5.0, cookies={name: "guessed"}) as victim:
        back = await victim.get(redirect.headers["location"])
        refused = await victim.get(back.headers["location"])
    assert refused.status_code == 403
    assert h.bound.calls == []


async def test_the_refusal_page_is_in_the_patients_language(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    h.refused.language = "fi"
    to_provider = (await start_login(h, "telegram:1001")).headers["location"]
    async with httpx.AsyncClient(timeout=5.0) as victim:
        back = await victim.get(to_provider)
        refused = await victim.get(back.headers["location"])
    assert refused.status_code == 403
    assert 'lang="fi"' in refused.text and "eri selaimessa" in refused.text


async def test_a_successful_login_forgets_its_cookie(harness: EidHarness) -> None:
    h = harness
    h.provider.person = ALICE
    done = await full_login(h, "telegram:1001")
    assert done.status_code == 200
    assert "max-age=0" in login_cookie(done).lower()
    assert not [c for c in h.browser.cookies.jar if c.name.startswith("minvard_login_")]
