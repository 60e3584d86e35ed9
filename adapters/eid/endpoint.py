"""The e-ID web endpoint as the config describes it: the provider's client, the aiohttp site on
`[identity] listen_host:listen_port`, and a clean stop. `minvard run` and `minvard shell` use it,
and so do the tests, so that what they test is what runs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import httpx
from aiohttp import web

from adapters.eid import serves_logins
from adapters.eid.bankid import BankIdClient, BankIdSettings, http_client
from adapters.eid.oidc import OidcClient, OidcSettings
from adapters.eid.web import EidWeb, OnRefused, OnVerified, WebSettings
from bot.config import IdentityConfig
from storage.database import Database

log = logging.getLogger(__name__)

HTTP_TIMEOUT = httpx.Timeout(10.0)


def oidc_settings(identity: IdentityConfig) -> OidcSettings:
    oidc = identity.oidc
    extra = (("acr_values", oidc.acr_values),) if oidc.acr_values else ()
    return OidcSettings(
        issuer=oidc.issuer,
        client_id=oidc.client_id,
        redirect_uri=oidc.redirect_uri or f"{identity.public_url.rstrip('/')}/callback",
        client_secret=oidc.client_secret or None,
        scope=oidc.scope,
        personnummer_claim=oidc.personnummer_claim,
        extra_params=extra,
    )


def bankid_settings(identity: IdentityConfig) -> BankIdSettings:
    bankid = identity.bankid
    return BankIdSettings(
        base_url=bankid.api_url,
        client_cert=bankid.client_cert or None,
        client_key=bankid.client_key or None,
        ca_file=bankid.ca_file or None,
    )


@asynccontextmanager
async def eid_endpoint(
    identity: IdentityConfig,
    db: Database,
    clock: Callable[[], datetime],
    on_verified: OnVerified,
    also: Callable[[web.Application], None] | None = None,
    *,
    on_refused: OnRefused | None = None,
) -> AsyncIterator[EidWeb | None]:
    """Serves logins while inside; yields None (and serves nothing) for "none" and "demo".
    `also` adds routes of another endpoint that listens on the same address (one site).
    `on_refused` tells the chat when a login was finished in another browser."""
    if not serves_logins(identity):
        yield None
        return
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT) as http:
        oidc = bankid = None
        bankid_http = None
        if identity.provider == "oidc":
            oidc = OidcClient(oidc_settings(identity), http, clock)
        else:
            bankid_http = http_client(bankid_settings(identity))
            bankid = BankIdClient(bankid_http)
        settings = WebSettings(
            public_url=identity.public_url,
            link_ttl=timedelta(minutes=identity.link_minutes),
            login_ttl=timedelta(minutes=identity.login_minutes),
            forwarded_for_header=identity.forwarded_for_header or None,
        )
        eid = EidWeb(
            db, clock, on_verified, settings, oidc=oidc, bankid=bankid, on_refused=on_refused
        )
        runner = eid.runner()
        if also is not None:
            also(runner.app)
        await runner.setup()
        try:
            await web.TCPSite(runner, identity.listen_host, identity.listen_port).start()
            log.info(
                "e-ID endpoint (%s) listening on %s:%d",
                identity.provider,
                identity.listen_host,
                identity.listen_port,
            )
            yield eid
        finally:
            await runner.cleanup()
            if bankid_http is not None:
                await bankid_http.aclose()
            log.info("e-ID endpoint stopped")
