"""The bot's small web endpoint for e-ID logins (aiohttp).

- ``/login/{token}``: a one-time link bound to a chat account; starts an OpenID Connect login at
  the identity broker (redirect).
- ``/callback``: the broker's redirect back; completes the login and calls ``on_verified``.
- ``/bankid/{token}``: BankID RP API v6 directly: a page with the animated QR content and the
  same-device autostart link; ``/bankid/{token}/qr`` is polled each second, makes the next QR
  content on the server and collects the order.

Only the browser that opened the link may finish its login: the link page sets a short-lived
cookie (HttpOnly, SameSite=Lax, Secure over HTTPS), one per login, whose hash is stored with the
login (and so with its OIDC state or BankID order). The callback, the BankID page when shown
again, and its poll refuse a browser without it: the login ends, binds no one, the chat is told
and the browser gets a kind page in the patient's language. A login URL forwarded to someone
else (DESIGN 11) thus never puts that person's identity in the forwarder's chat.

Link tokens are random and stored hashed. Logs carry opaque login ids and fixed reason codes
only: never a personnummer, a name, a token, a code or a state. Page texts live in the HTML
templates beside this module; the page in the patient's language comes from the catalogue.
"""

from __future__ import annotations

import html
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from adapters.eid.bankid import BankIdClient, BankIdError, CollectResult, qr_content
from adapters.eid.bankid import autostart_url as bankid_autostart_url
from adapters.eid.oidc import OidcClient, OidcError
from bot.identity import PersonalNumber, parse_personnummer, stockholm_date
from bot.identity.links import (
    hash_secret,
    login_cookie_name,
    login_url,
    new_link_token,
    same_browser,
    secure_cookies,
)
from bot.texts import CATALOGUE_PACKAGE, Catalogue
from storage.database import Database, Transaction
from storage.identity_state import ClaimedLink, IdentityState, LinkRefusal, PendingLogin
from storage.records import from_db_time, to_db_time

log = logging.getLogger(__name__)

OnVerified = Callable[[str, str, str], Awaitable[None]]
"""``on_verified(chat_key, personnummer, name)``: personnummer as 12 digits, validated."""
OnRefused = Callable[[str], Awaitable[str]]
"""``on_refused(chat_key)``: a login from that chat was finished in another browser; tell the
chat, and return the patient's language for the page (``CareService.login_not_completed``)."""

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
        on_refused: OnRefused | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.on_verified = on_verified
        self.on_refused = on_refused
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
        browser = secrets.token_urlsafe(32)
        now = self.clock()
        expires = now + self.settings.login_ttl
        secret = {"nonce": auth.nonce, "code_verifier": auth.code_verifier}

        def start(tx: Transaction) -> ClaimedLink | LinkRefusal:
            state = IdentityState(tx)
            claimed = state.claim_link(token_hash, now)
            if isinstance(claimed, ClaimedLink):
                state.add_login(
                    login_id,
                    hash_secret(auth.state),
                    OIDC,
                    claimed.chat_key,
                    secret,
                    now,
                    expires,
                    browser_hash=hash_secret(browser),
                )
            return claimed

        claimed = await self.db.write(start)
        if isinstance(claimed, LinkRefusal):
            log.info("login link refused: %s", claimed.value)
            return _refused(claimed)
        log.info("oidc login %s started", login_id)
        response = web.Response(status=302, headers={**SECURITY_HEADERS, "Location": auth.url})
        self._set_browser_cookie(response, login_id, browser)
        return response

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
        if not self._same_browser(request, taken):
            # Before the code is exchanged: whoever logged in here is not bound to anything.
            return await self._other_browser(taken)
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
            return _forget_browser(await self._failed(taken, failure.reason), taken)
        return _forget_browser(await self._verified(taken, claims.personnummer, claims.name), taken)

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
                if not self._same_browser(request, login):
                    return await self._bankid_other_browser(token_hash, login, now)
                return self._render_bankid(token, login, now)
            log.info("bankid link refused: %s", claimed.value)
            return _refused(claimed)
        try:
            order = await self.bankid.auth(self._end_user_ip(request))
        except BankIdError as error:
            log.warning("bankid auth refused: %s", error.error_code)
            return _page("unavailable", 503)
        login_id = secrets.token_hex(8)
        browser = secrets.token_urlsafe(32)
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
                login_id,
                token_hash,
                BANKID,
                claimed.chat_key,
                secret,
                now,
                expires,
                browser_hash=hash_secret(browser),
            )
        )
        log.info("bankid login %s started", login_id)
        login = await self.db.read(lambda tx: IdentityState(tx).login(token_hash, BANKID))
        assert login is not None
        response = self._render_bankid(token, login, now)
        self._set_browser_cookie(response, login_id, browser)
        return response

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
        if not self._same_browser(request, login):
            # Only the browser that started the order may collect it into the chat.
            if login.finished_at is None:
                await self._bankid_other_browser(token_hash, login, now)
            return _json({"status": "failed"}, 403)
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

    async def _bankid_other_browser(
        self, token_hash: str, login: PendingLogin, now: datetime
    ) -> web.Response:
        """A browser without the order's cookie: the order ends (cancelled at BankID, so that
        nobody's signature can complete it) and the chat is told."""
        self._last_collect.pop(login.id, None)
        taken = await self._take_bankid(token_hash, "collected", now)
        if taken is None:  # already ended by another request
            return await self._other_browser_page(login.chat_key, tell=False)
        if self.bankid is not None:
            try:
                await self.bankid.cancel(str(taken.secret["order_ref"]))
            except BankIdError as error:
                log.info("bankid cancel refused: %s", error.error_code)
        return await self._other_browser(taken)

    def _end_user_ip(self, request: web.Request) -> str:
        header = self.settings.forwarded_for_header
        if header is not None and header in request.headers:
            return request.headers[header].split(",")[-1].strip()
        return request.remote or "127.0.0.1"

    # -- the browser that opened the link --------------------------------------------------------

    def _set_browser_cookie(self, response: web.StreamResponse, login_id: str, value: str) -> None:
        response.set_cookie(
            login_cookie_name(login_id),
            value,
            max_age=int(self.settings.login_ttl.total_seconds()),
            path="/",
            httponly=True,
            secure=secure_cookies(self.settings.public_url),
            samesite="Lax",
        )

    @staticmethod
    def _same_browser(request: web.Request, login: PendingLogin) -> bool:
        return same_browser(request.cookies.get(login_cookie_name(login.id)), login.browser_hash)

    async def _other_browser(self, login: PendingLogin) -> web.Response:
        """The login (already taken, so never finished again) ends without binding anyone."""
        log.info("%s login %s refused: finished in another browser", login.provider, login.id)
        await self.db.write(lambda tx: IdentityState(tx).record_outcome(login.id, "other_browser"))
        return await self._other_browser_page(login.chat_key, tell=True)

    async def _other_browser_page(self, chat_key: str, *, tell: bool) -> web.Response:
        lang = "sv"
        if tell and self.on_refused is not None:
            try:
                lang = await self.on_refused(chat_key)
            except Exception:
                log.exception("telling the chat about a refused login failed")
        texts = _catalogue()
        body = _render(
            "other_browser",
            lang=lang,
            title=texts.get(lang, "identity.page_other_browser_title"),
            text=texts.get(lang, "identity.page_other_browser"),
        )
        return web.Response(
            text=body, status=403, content_type="text/html", headers=SECURITY_HEADERS
        )

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


def _render(name: str, lang: str = "sv", **values: str) -> str:
    inner = Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))
    escaped = {key: html.escape(value, quote=True) for key, value in values.items()}
    page = Template((TEMPLATES / "_page.html").read_text(encoding="utf-8"))
    return page.substitute(lang=html.escape(lang, quote=True), body=inner.substitute(escaped))


@cache
def _catalogue() -> Catalogue:
    """Every language the catalogue ships: the page speaks whichever the patient chose."""
    folder = resources.files(CATALOGUE_PACKAGE)
    langs = sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )
    return Catalogue.load(langs)


def _forget_browser(response: web.Response, login: PendingLogin) -> web.Response:
    """The login is over: its cookie has done its work."""
    response.del_cookie(login_cookie_name(login.id), path="/")
    return response


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
