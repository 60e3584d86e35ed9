"""Delivery reports from the SMS gateway: how far a "your turn" text got after "sent".

The gateway posts a form to the URL each message asked for (adapters/sms.py `report_url`):

- ``POST /sms/46elks/{secret}``: ``id``, ``status`` (sent, delivered, failed), ``delivered``.
  46elks signs nothing, so the unguessable ``{secret}`` is the proof.
- ``POST /sms/twilio/{secret}``: ``MessageSid``, ``MessageStatus`` (queued ... delivered,
  undelivered, failed) and more, signed in ``X-Twilio-Signature``; both are checked.

A report is stored in one transaction and answered 200 only after the commit, so a gateway that
got no answer retries. A fast gateway can report before its answer to the send (the message's
id) has been stored: the report is kept, answered 200 as well, and applied when the id comes
(storage `SmsLog.report`; forgotten if no id comes within a day). Delivered and failed are
final: a later report does not change them. A wrong secret or signature gets 403. Logs carry
neither the secret, the message id, nor anything the gateway sent about the recipient.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import datetime

from aiohttp import web

from adapters.eid.endpoint import eid_endpoint, serves_logins
from adapters.eid.web import RedactedAccessLogger
from adapters.sms import report_url
from bot.config import Config, SmsConfig
from bot.service import CareService
from storage.database import Database

log = logging.getLogger(__name__)

# What each gateway's statuses mean to us. Only the final ones are stored: "sent" is known from
# the gateway's answer already, and a late "sent" must not undo a "delivered".
FINAL_STATUS = {
    "46elks": {"delivered": "delivered", "failed": "failed"},
    "twilio": {"delivered": "delivered", "undelivered": "failed", "failed": "failed"},
}


def receives_reports(config: SmsConfig) -> bool:
    return config.provider in FINAL_STATUS and bool(config.callback_url)


def twilio_signature(auth_token: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """Twilio's request signature: HMAC-SHA1 with the auth token over the full URL followed by
    each POST parameter's name and value, sorted by name, base64-encoded."""
    signed = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class SmsReports:
    """The routes that take the configured gateway's reports to `CareService.sms_report`."""

    def __init__(self, config: SmsConfig, service: CareService) -> None:
        self.config = config
        self.service = service

    def add_routes(self, app: web.Application) -> None:
        # Only the configured gateway's route: nobody else has a reason to call.
        if self.config.provider == "46elks":
            app.router.add_post("/sms/46elks/{secret}", self._elks)
        elif self.config.provider == "twilio":
            app.router.add_post("/sms/twilio/{secret}", self._twilio)

    async def _elks(self, request: web.Request) -> web.Response:
        if not self._secret_matches(request):
            return _forbidden()
        form = await _form(request)
        if form is None:
            return web.Response(status=400, text="a form is expected")
        return await self._record("46elks", form.get("id", ""), form.get("status", ""))

    async def _twilio(self, request: web.Request) -> web.Response:
        if not self._secret_matches(request):
            return _forbidden()
        form = await _form(request)
        if form is None:
            return web.Response(status=400, text="a form is expected")
        # Twilio signs the URL it was given, not the one a proxy passes on to us.
        url = report_url(self.config, "twilio") or ""
        expected = twilio_signature(self.config.password, url, form.items())
        given = request.headers.get("X-Twilio-Signature", "")
        if not hmac.compare_digest(expected.encode(), given.encode()):
            log.info("refused a Twilio delivery report with a wrong signature")
            return _forbidden()
        return await self._record(
            "twilio", form.get("MessageSid", ""), form.get("MessageStatus", "")
        )

    def _secret_matches(self, request: web.Request) -> bool:
        given = request.match_info.get("secret", "")
        if hmac.compare_digest(given.encode(), self.config.callback_secret.encode()):
            return True
        log.info("refused an SMS delivery report with a wrong secret")
        return False

    async def _record(self, provider: str, message_id: str, reported: str) -> web.Response:
        if not message_id:
            return web.Response(status=400, text="no message id")
        status = FINAL_STATUS[provider].get(reported)
        if status is None:
            log.debug("%s report: not a final status; nothing to store", provider)
            return web.Response(text="ok")
        outcome = await self.service.sms_report(provider, message_id, status)
        if outcome == "kept":
            log.debug("%s report for an id not stored (yet): kept a day for it", provider)
        elif outcome == "unchanged":
            log.debug("%s report for a message whose outcome was known; left as it was", provider)
        elif status == "failed":
            log.info("%s could not deliver a text message", provider)
        # 200 for a kept report too: it is stored, and an error would only make the gateway
        # retry something that waiting for the id settles (or that was never ours).
        return web.Response(text="ok")


async def _form(request: web.Request) -> dict[str, str] | None:
    """The posted form as text; None for anything else (a file, a body that is not a form)."""
    if request.content_type != "application/x-www-form-urlencoded":
        return None
    posted = await request.post()
    form: dict[str, str] = {}
    for name, value in posted.items():
        if not isinstance(value, str):
            return None
        form[name] = value
    return form


def _forbidden() -> web.Response:
    return web.Response(status=403, text="forbidden")


def _same_address(config: Config) -> bool:
    return (config.sms.listen_host, config.sms.listen_port) == (
        config.identity.listen_host,
        config.identity.listen_port,
    )


@asynccontextmanager
async def web_endpoints(
    config: Config, db: Database, clock: Callable[[], datetime], service: CareService
) -> AsyncIterator[None]:
    """What `minvard run` serves on the web: the e-ID endpoint and the SMS reports endpoint,
    each when configured, as one site when both listen on the same host and port."""
    reports = SmsReports(config.sms, service) if receives_reports(config.sms) else None
    shared = reports is not None and serves_logins(config.identity) and _same_address(config)
    also = reports.add_routes if shared and reports is not None else None
    async with eid_endpoint(
        config.identity, db, clock, service.verified, also, on_refused=service.login_not_completed
    ):
        if reports is None or shared:
            if shared:
                log.info("SMS delivery reports are taken on the e-ID endpoint")
            yield
            return
        app = web.Application()
        reports.add_routes(app)
        # The path carries the secret: the access log shows the route pattern only.
        runner = web.AppRunner(app, access_log_class=RedactedAccessLogger)
        await runner.setup()
        try:
            await web.TCPSite(runner, config.sms.listen_host, config.sms.listen_port).start()
            log.info(
                "SMS delivery reports endpoint listening on %s:%d",
                config.sms.listen_host,
                config.sms.listen_port,
            )
            yield
        finally:
            await runner.cleanup()
            log.info("SMS delivery reports endpoint stopped")
