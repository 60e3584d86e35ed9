"""BankID Relying Party API v6 over mutual TLS: auth, collect, cancel, animated QR, autostart.

The QR content is made on the server each second from ``qrStartToken`` and ``qrStartSecret``;
the secret never leaves the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import ssl
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

import httpx

log = logging.getLogger(__name__)

TEST_BASE_URL = "https://appapi2.test.bankid.com/rp/v6.0"


class BankIdError(Exception):
    """The RP API refused a call; ``error_code`` is BankID's code (safe to log)."""

    def __init__(self, error_code: str, status: int | None = None) -> None:
        super().__init__(error_code)
        self.error_code = error_code
        self.status = status


@dataclass(frozen=True)
class BankIdSettings:
    base_url: str = TEST_BASE_URL
    # The relying party's certificate and key (PEM files) for mutual TLS; None only against a
    # local fake in tests.
    client_cert: str | None = None
    client_key: str | None = field(default=None, repr=False)
    # The CA that issued BankID's server certificate (PEM); None uses the system store.
    ca_file: str | None = None
    timeout_seconds: float = 10.0


def http_client(settings: BankIdSettings) -> httpx.AsyncClient:
    """An httpx client for the RP API, with the client certificate when one is configured."""
    verify: ssl.SSLContext | bool = True
    if settings.base_url.startswith("https:"):
        context = ssl.create_default_context(cafile=settings.ca_file)
        if settings.client_cert is not None:
            context.load_cert_chain(settings.client_cert, settings.client_key)
        verify = context
    return httpx.AsyncClient(
        base_url=settings.base_url.rstrip("/") + "/",
        verify=verify,
        timeout=settings.timeout_seconds,
        headers={"Content-Type": "application/json"},
    )


@dataclass(frozen=True)
class Order:
    order_ref: str
    auto_start_token: str = field(repr=False)
    qr_start_token: str = field(repr=False)
    qr_start_secret: str = field(repr=False)


@dataclass(frozen=True)
class CollectResult:
    status: Literal["pending", "complete", "failed"]
    hint_code: str | None = None
    personal_number: str | None = field(default=None, repr=False)
    name: str | None = field(default=None, repr=False)
    given_name: str | None = field(default=None, repr=False)
    surname: str | None = field(default=None, repr=False)


def qr_content(qr_start_token: str, qr_start_secret: str, seconds: int) -> str:
    """``bankid.{qrStartToken}.{t}.{hex HMAC-SHA256(qrStartSecret, str(t))}``."""
    digest = hmac.new(
        qr_start_secret.encode("ascii"), str(seconds).encode("ascii"), hashlib.sha256
    ).hexdigest()
    return f"bankid.{qr_start_token}.{seconds}.{digest}"


def autostart_url(auto_start_token: str, redirect: str | None = None) -> str:
    """The same-device link that opens the BankID app."""
    url = f"bankid:///?autostarttoken={quote(auto_start_token, safe='')}"
    if redirect is not None:
        url += f"&redirect={quote(redirect, safe='')}"
    return url


class BankIdClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def auth(
        self,
        end_user_ip: str,
        *,
        requirement: dict[str, Any] | None = None,
        user_visible_data: str | None = None,
    ) -> Order:
        body: dict[str, Any] = {"endUserIp": end_user_ip}
        if requirement is not None:
            body["requirement"] = requirement
        if user_visible_data is not None:
            body["userVisibleData"] = base64.b64encode(user_visible_data.encode()).decode()
        data = await self._post("auth", body)
        try:
            return Order(
                order_ref=str(data["orderRef"]),
                auto_start_token=str(data["autoStartToken"]),
                qr_start_token=str(data["qrStartToken"]),
                qr_start_secret=str(data["qrStartSecret"]),
            )
        except KeyError as error:
            raise BankIdError("invalidResponse") from error

    async def collect(self, order_ref: str) -> CollectResult:
        data = await self._post("collect", {"orderRef": order_ref})
        status = data.get("status")
        hint = data.get("hintCode")
        hint_code = hint if isinstance(hint, str) else None
        if status == "pending":
            return CollectResult("pending", hint_code)
        if status == "failed":
            return CollectResult("failed", hint_code)
        if status == "complete":
            user = (data.get("completionData") or {}).get("user") or {}
            number = user.get("personalNumber")
            if not isinstance(number, str):
                raise BankIdError("invalidResponse")
            return CollectResult(
                "complete",
                personal_number=number,
                name=_text(user.get("name")),
                given_name=_text(user.get("givenName")),
                surname=_text(user.get("surname")),
            )
        raise BankIdError("invalidResponse")

    async def cancel(self, order_ref: str) -> None:
        await self._post("cancel", {"orderRef": order_ref})

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = await self.http.post(path, json=body)
        except httpx.HTTPError as error:
            raise BankIdError("unreachable") from error
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code != 200:
            code = data.get("errorCode") if isinstance(data, dict) else None
            log.info("bankid %s refused: status %s code %s", path, response.status_code, code)
            raise BankIdError(str(code or "httpError"), response.status_code)
        if not isinstance(data, dict):
            raise BankIdError("invalidResponse")
        return data


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
