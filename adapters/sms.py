"""Text messages through one interface: 46elks, Twilio, or the log (for development).

The core puts a `SendSms` in the outbox; the SMS dispatcher hands it to the configured sender and
records the gateway's id and status. Retries and backoff are the dispatcher's. With
`[sms] callback_url` set, each message asks the gateway for delivery reports
(adapters/sms_callbacks.py receives them). Nothing here logs a phone number, a message text or
the report URL (it carries the callback secret).
"""

from __future__ import annotations

import logging
from typing import Protocol

import httpx

from bot.config import SmsConfig
from bot.events import Action, SendSms
from bot.service import CareService

log = logging.getLogger(__name__)


def report_url(config: SmsConfig, provider: str) -> str | None:
    """Where `provider` posts delivery reports; None when reports are off."""
    if not config.callback_url:
        return None
    return f"{config.callback_url}/sms/{provider}/{config.callback_secret}"


class SmsSender(Protocol):
    name: str

    async def send(self, to: str, text: str) -> str:
        """Send; returns the gateway's id for the message. Raises on failure."""


class LogSender:
    """For development: says that a message would have gone out, and nothing more."""

    name = "log"

    def __init__(self) -> None:
        self.count = 0

    async def send(self, to: str, text: str) -> str:
        self.count += 1
        log.info("sms %d handed to the log sender", self.count)
        return f"log-{self.count}"


class FortySixElks:
    """46elks: POST /a1/sms with basic auth; `dontlog=message` keeps the text out of their logs."""

    name = "46elks"

    def __init__(self, config: SmsConfig, client: httpx.AsyncClient) -> None:
        self.url = (config.api_base or "https://api.46elks.com").rstrip("/") + "/a1/sms"
        self.auth = (config.username, config.password)
        self.sender = config.sender
        self.client = client
        self.reports = report_url(config, self.name)

    async def send(self, to: str, text: str) -> str:
        data = {"from": self.sender, "to": to, "message": text, "dontlog": "message"}
        if self.reports is not None:
            data["whendelivered"] = self.reports
        response = await self.client.post(self.url, auth=self.auth, data=data)
        response.raise_for_status()
        return str(response.json()["id"])


class Twilio:
    """Twilio: POST /2010-04-01/Accounts/{sid}/Messages.json with basic auth sid:token."""

    name = "twilio"

    def __init__(self, config: SmsConfig, client: httpx.AsyncClient) -> None:
        base = (config.api_base or "https://api.twilio.com").rstrip("/")
        self.url = f"{base}/2010-04-01/Accounts/{config.username}/Messages.json"
        self.auth = (config.username, config.password)
        self.sender = config.sender
        self.client = client
        self.reports = report_url(config, self.name)

    async def send(self, to: str, text: str) -> str:
        data = {"To": to, "From": self.sender, "Body": text}
        if self.reports is not None:
            data["StatusCallback"] = self.reports
        response = await self.client.post(self.url, auth=self.auth, data=data)
        response.raise_for_status()
        return str(response.json()["sid"])


def build_sender(config: SmsConfig, client: httpx.AsyncClient) -> SmsSender:
    if config.provider == "46elks":
        return FortySixElks(config, client)
    if config.provider == "twilio":
        return Twilio(config, client)
    return LogSender()


class SmsDelivery:
    """The SMS dispatcher's deliver function: send, then record the gateway's answer."""

    def __init__(self, service: CareService, sender: SmsSender) -> None:
        self.service = service
        self.sender = sender

    async def deliver(self, action: Action) -> None:
        if not isinstance(action, SendSms):
            return
        try:
            provider_id = await self.sender.send(action.to, action.text)
        except Exception:
            await self.service.sms_status(action.sms_id, "retrying", self.sender.name)
            raise
        await self.service.sms_status(action.sms_id, "sent", self.sender.name, provider_id)
