"""The bot's small web endpoint for e-ID logins (aiohttp).

- ``/login/{token}``: a one-time link bound to a chat account; starts an OpenID Connect login at
  the identity broker (redirect).
- ``/callback``: the broker's redirect back; completes the login and calls ``on_verified``.
- ``/bankid/{token}``: BankID RP API v6 directly: a page with the animated QR content and the
  same-device autostart link; ``/bankid/{token}/qr`` is polled each second, makes the next QR
  content on the server and collects the order.

Link tokens are random and stored hashed. Logs carry opaque login ids and fixed reason codes
only: never a personnummer, a name, a token, a code or a state. Page texts live in the HTML
templates beside this module.
"""

from __future__ import annotations

import html
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from string import Template
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from adapters.eid.bankid import BankIdClient, BankIdError, CollectResult, qr_content
from adapters.eid.bankid import autostart_url as bankid_autostart_url
from adapters.eid.oidc import OidcClient, OidcError
from bot.identity import PersonalNumber, parse_personnummer, stockholm_date
from bot.identity.links import hash_secret, login_url, new_link_token
from storage.database import Database, Transaction
from storage.identity_state import ClaimedLink, IdentityState, LinkRefusal, PendingLogin
from storage.records import from_db_time, to_db_time

log = logging.getLogger(__name__)

OnVerified = Callable[[str, str, str], Awaitable[None]]
"""``on_verified(chat_key, personnummer, name)``: personnummer as 12 digits, validated."""

TEMPLATES = Path(__file__).parent / "templates"
COLLECT_INTERVAL = timedelta(seconds=2)
TOKEN_PATTERN = "[A-Za-z0-9_-]{32,128}"
OIDC = "oidc"
BANKID = "bankid"
# OAuth error codes we may log as they are; anything else the browser sends is logged as "other".
KNOWN_OAUTH_ERRORS = frozenset(
    {
        "access_denied",
        "login_required",
        "interaction_required",
        "invalid_request",
        "unauthorized_client",
        "unsupported_response_type",
        "invalid_scope",
        "server_error",
        "temporarily_unavailable",
    }
)
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';"
        " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
}
_REFUSAL_PAGES = {
    LinkRefusal.UNKNOWN: ("link_unknown", 404),
    LinkRefusal.EXPIRED: ("link_expired", 410),
    LinkRefusal.USED: ("link_used", 410),
}


@dataclass(frozen=True)
class WebSettings:
    public_url: str
    """The bot's public base URL, e.g. ``https://minvard.example.se`` (links are built on it)."""
    link_ttl: timedelta = timedelta(minutes=5)
    login_ttl: timedelta = timedelta(minutes=10)
    forwarded_for_header: str | None = None
    """Behind a reverse proxy: the header it sets with the client's address (last value used),
    e.g. ``X-Forwarded-For``; BankID needs the end user's IP address."""


class EidWeb:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        on_verified: OnVerified,
        settings: WebSettings,
        *,
        oidc: OidcClient | None = None,
        bankid: BankIdClient | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.on_verified = on_verified
        self.settings = settings
        self.oidc = oidc
        self.bankid = bankid
        # BankID asks for collect every two seconds; the page polls every second for the QR.
        self._last_collect: dict[str, tuple[datetime, str | None]] = {}

    # -- for the core ---------------------------------------------------------------------------

    async def issue_link(self, chat_key: str) -> str:
        """A new one-time link token bound to ``chat_key``; build the URL with ``login_url`` or
        ``bankid_url``. Only its hash is stored."""
        token = new_link_token()
        now = self.clock()
        expires = now + self.settings.link_ttl
        await self.db.write(
            lambda tx: IdentityState(tx).add_link(hash_secret(token), chat_key, now, expires)
        )
        return token

    def login_url(self, token: str) -> str:
        return login_url(self.settings.public_url, OIDC, token)

    def bankid_url(self, token: str) -> str:
        return login_url(self.settings.public_url, BANKID, token)

    async def purge(self) -> int:
        """Forgets links and logins that expired more than a day ago."""
        before = self.clock() - timedelta(days=1)
        return await self.db.write(lambda tx: IdentityState(tx).purge(before))

    def runner(self) -> web.AppRunner:
        """An aiohttp runner whose access log shows routes, never paths or queries (which carry
        link tokens, codes and states). Start it with ``web.TCPSite(runner, host, port)``."""
        return web.AppRunner(self.make_app(), access_log_class=RedactedAccessLogger)

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(f"/login/{{token:{TOKEN_PATTERN}}}", self._login)
        app.router.add_get("/callback", self._callback)
        app.router.add_get(f"/bankid/{{token:{TOKEN_PATTERN}}}", self._bankid_page)
        app.router.add_get(f"/bankid/{{token:{TOKEN_PATTERN}}}/qr", self._bankid_poll)
        return app

    # -- OpenID Connect -------------------------------------------------------------------------

    async def _login(self, request: web.Request) -> web.StreamResponse:
        if self.oidc is None:
            return _page("unavailable", 404)
        try:
            auth = await self.oidc.authorization_request()
        except OidcError as error:
            log.warning("oidc login not started: %s", error.reason)
            return _page("unavailable", 503)
        token_hash = hash_secret(request.match_info["token"])
        login_id = secrets.token_hex(8)
        now = self.clock()
        expires = now + self.settings.login_ttl
        secret = {"nonce": auth.nonce, "code_verifier": auth.code_verifier}

        def start(tx: Transaction) -> ClaimedLink | LinkRefusal:
            state = IdentityState(tx)
            claimed = state.claim_link(token_hash, now)
            if isinstance(claimed, ClaimedLink):
                state.add_login(
                    login_id, hash_secret(auth.state), OIDC, claimed.chat_key, secret, now, expires
                )
            return claimed

        claimed = await self.db.write(start)
        if isinstance(claimed, LinkRefusal):
            log.info("login link refused: %s", claimed.value)
            return _refused(claimed)
        log.info("oidc login %s started", login_id)
        raise web.HTTPFound(auth.url, headers=SECURITY_HEADERS)

    async def _callback(self, request: web.Request) -> web.StreamResponse:
        if self.oidc is None:
            return _page("unavailable", 404)
        state = request.query.get("state")
        if not state:
            log.info("oidc callback without state")
            return _page("login_failed", 400)
        now = self.clock()
        taken = await self.db.write(
            lambda tx: IdentityState(tx).take_login(hash_secret(state), OIDC, "callback", now)
        )
        if isinstance(taken, LinkRefusal):
            log.info("oidc callback refused: state %s", taken.value)
            return _page("login_failed", 400)
        error = request.query.get("error")
        code = request.query.get("code")
        if error is not None or not code:
            reason = error if error in KNOWN_OAUTH_ERRORS else "other" if error else "no_code"
            return await self._failed(taken, f"provider_{reason}")
        try:
            claims = await self.oidc.complete(
                code, str(taken.secret["code_verifier"]), str(taken.secret["nonce"])
            )
        except OidcError as failure:
            return await self._failed(taken, failure.reason)
        return await self._verified(taken, claims.personnummer, claims.name)

    # -- BankID ---------------------------------------------------------------------------------

    async def _bankid_page(self, request: web.Request) -> web.StreamResponse:
        if self.bankid is None:
            return _page("unavailable", 404)
        token = request.match_info["token"]
        token_hash = hash_secret(token)
        now = self.clock()
        claimed = await self.db.write(lambda tx: IdentityState(tx).claim_link(token_hash, now))
        if isinstance(claimed, LinkRefusal):
            # A reload of the page while its order is still running shows the page again.
            login = await self.db.read(lambda tx: IdentityState(tx).login(token_hash, BANKID))
            if (
                claimed is LinkRefusal.USED
                and login is not None
                and login.finished_at is None
                and login.expires_at > now
            ):
                return self._render_bankid(token, login, now)
            log.info("bankid link refused: %s", claimed.value)
            return _refused(claimed)
        try:
            order = await self.bankid.auth(self._end_user_ip(request))
        except BankIdError as error:
            log.warning("bankid auth refused: %s", error.error_code)
            return _page("unavailable", 503)
        login_id = secrets.token_hex(8)
        expires = now + self.settings.login_ttl
        secret = {
            "order_ref": order.order_ref,
            "auto_start_token": order.auto_start_token,
            "qr_start_token": order.qr_start_token,
            "qr_start_secret": order.qr_start_secret,
            "started_at": to_db_time(now),
        }
        await self.db.write(
            lambda tx: IdentityState(tx).add_login(
                login_id, token_hash, BANKID, claimed.chat_key, secret, now, expires
            )
        )
        log.info("bankid login %s started", login_id)
        login = await self.db.read(lambda tx: IdentityState(tx).login(token_hash, BANKID))
        assert login is not None
        return self._render_bankid(token, login, now)

    def _render_bankid(self, token: str, login: PendingLogin, now: datetime) -> web.Response:
        secret = login.secret
        body = _render(
            "bankid",
            qr=_qr_now(secret, now),
            autostart=bankid_autostart_url(str(secret["auto_start_token"])),
            poll_url=f"/bankid/{token}/qr",
        )
        return web.Response(text=body, content_type="text/html", headers=SECURITY_HEADERS)

    async def _bankid_poll(self, request: web.Request) -> web.StreamResponse:
        if self.bankid is None:
            return _json({"status": "failed"}, 404)
        token_hash = hash_secret(request.match_info["token"])
        now = self.clock()
        login = await self.db.read(lambda tx: IdentityState(tx).login(token_hash, BANKID))
        if login is None:
            return _json({"status": "failed"}, 404)
        if login.finished_at is not None:
            return _json({"status": "complete" if login.outcome == "verified" else "failed"})
        order_ref = str(login.secret["order_ref"])
        if login.expires_at <= now:
            self._last_collect.pop(login.id, None)
            await self._take_bankid(token_hash, "expired", now)
            try:
                await self.bankid.cancel(order_ref)
            except BankIdError as error:
                log.info("bankid cancel refused: %s", error.error_code)
            return _json({"status": "failed"})
        last = self._last_collect.get(login.id)
        if last is not None and now - last[0] < COLLECT_INTERVAL:
            return _json({"status": "pending", "qr": _qr_now(login.secret, now), "hint": last[1]})
        try:
            result: CollectResult = await self.bankid.collect(order_ref)
        except BankIdError as error:
            self._last_collect.pop(login.id, None)
            log.warning("bankid login %s collect refused: %s", login.id, error.error_code)
            await self._take_bankid(token_hash, "failed", now)
            return _json({"status": "failed"})
        if result.status == "pending":
            self._last_collect[login.id] = (now, result.hint_code)
            return _json(
                {"status": "pending", "qr": _qr_now(login.secret, now), "hint": result.hint_code}
            )
        self._last_collect.pop(login.id, None)
        taken = await self._take_bankid(token_hash, "collected", now)
        if taken is None:  # another poll is finishing it: the next poll tells how it ended
            return _json({"status": "pending", "qr": _qr_now(login.secret, now), "hint": None})
        if result.status == "failed":
            log.info("bankid login %s failed: %s", taken.id, result.hint_code)
            await self.db.write(lambda tx: IdentityState(tx).record_outcome(taken.id, "failed"))
            return _json({"status": "failed", "hint": result.hint_code})
        assert result.personal_number is not None
        page = await self._verified(taken, result.personal_number, result.name or "")
        return _json({"status": "complete" if page.status == 200 else "failed"})

    async def _take_bankid(
        self, token_hash: str, outcome: str, now: datetime
    ) -> PendingLogin | None:
        taken = await self.db.write(
            lambda tx: IdentityState(tx).take_login(token_hash, BANKID, outcome, now)
        )
        return None if isinstance(taken, LinkRefusal) else taken

    def _end_user_ip(self, request: web.Request) -> str:
        header = self.settings.forwarded_for_header
        if header is not None and header in request.headers:
            return request.headers[header].split(",")[-1].strip()
        return request.remote or "127.0.0.1"

    # -- shared ---------------------------------------------------------------------------------

    async def _verified(self, login: PendingLogin, personnummer: str, name: str) -> web.Response:
        number: PersonalNumber | None = parse_personnummer(
            personnummer, stockholm_date(self.clock())
        )
        if number is None:
            return await self._failed(login, "invalid_personnummer")
        try:
            await self.on_verified(login.chat_key, number.digits, name)
        except Exception:
            log.exception("%s login %s: binding the identity failed", login.provider, login.id)
            return await self._failed(login, "bind_failed")
        await self.db.write(lambda tx: IdentityState(tx).record_outcome(login.id, "verified"))
        log.info("%s login %s verified", login.provider, login.id)
        return _page("login_done", 200)

    async def _failed(self, login: PendingLogin, reason: str) -> web.Response:
        log.info("%s login %s failed: %s", login.provider, login.id, reason)
        await self.db.write(lambda tx: IdentityState(tx).record_outcome(login.id, "failed"))
        return _page("login_failed", 400)


class RedactedAccessLogger(AbstractAccessLogger):
    """Method, route pattern, status and time: ``GET /login/{token} 302 0.004s``."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        route = "-"
        if isinstance(request, web.Request):
            info = request.match_info.route.resource
            route = info.canonical if info is not None else "-"
        self.logger.info("%s %s %s %.3fs", request.method, route, response.status, time)


def _qr_now(secret: dict[str, Any], now: datetime) -> str:
    started = from_db_time(str(secret["started_at"]))
    assert started is not None
    seconds = max(0, int((now - started).total_seconds()))
    return qr_content(str(secret["qr_start_token"]), str(secret["qr_start_secret"]), seconds)


def _render(name: str, **values: str) -> str:
    inner = Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))
    escaped = {key: html.escape(value, quote=True) for key, value in values.items()}
    page = Template((TEMPLATES / "_page.html").read_text(encoding="utf-8"))
    return page.substitute(body=inner.substitute(escaped))


def _page(name: str, status: int) -> web.Response:
    return web.Response(
        text=_render(name), status=status, content_type="text/html", headers=SECURITY_HEADERS
    )


def _refused(refusal: LinkRefusal) -> web.Response:
    name, status = _REFUSAL_PAGES[refusal]
    return _page(name, status)


def _json(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(body),
        status=status,
        content_type="application/json",
        headers=SECURITY_HEADERS,
    )
