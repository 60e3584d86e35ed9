"""A local fake of the BankID RP API v6 (plain HTTP on 127.0.0.1): /auth, /collect, /cancel.

The test decides each order's fate with ``complete`` or ``fail``; until then collect says
pending."""

from __future__ import annotations

import secrets
import socket
import ssl
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class FakeOrder:
    end_user_ip: str
    auto_start_token: str
    qr_start_token: str
    qr_start_secret: str
    status: str = "pending"
    hint_code: str = "outstandingTransaction"
    user: dict[str, str] | None = None
    cancelled: bool = False


@dataclass
class FakeBankId:
    orders: dict[str, FakeOrder] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    base_url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self, ssl_context: ssl.SSLContext | None = None) -> None:
        """Plain HTTP, or HTTPS with ``ssl_context`` (which may require client certificates)."""
        app = web.Application()
        app.router.add_post("/rp/v6.0/auth", self._auth)
        app.router.add_post("/rp/v6.0/collect", self._collect)
        app.router.add_post("/rp/v6.0/cancel", self._cancel)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        scheme = "http" if ssl_context is None else "https"
        self.base_url = f"{scheme}://127.0.0.1:{sock.getsockname()[1]}/rp/v6.0"
        self._runner = web.AppRunner(app, access_log=None)  # the broker logs on its own side
        await self._runner.setup()
        await web.SockSite(self._runner, sock, ssl_context=ssl_context).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def only_order(self) -> str:
        assert len(self.orders) == 1
        return next(iter(self.orders))

    def complete(self, order_ref: str, personal_number: str, given: str, surname: str) -> None:
        order = self.orders[order_ref]
        order.status = "complete"
        order.user = {
            "personalNumber": personal_number,
            "name": f"{given} {surname}",
            "givenName": given,
            "surname": surname,
        }

    def fail(self, order_ref: str, hint_code: str) -> None:
        order = self.orders[order_ref]
        order.status = "failed"
        order.hint_code = hint_code

    @staticmethod
    def _error(code: str, status: int = 400) -> web.Response:
        return web.json_response({"errorCode": code, "details": "fake"}, status=status)

    async def _body(self, request: web.Request, name: str) -> dict[str, Any] | None:
        if request.content_type != "application/json":
            return None
        body = await request.json()
        self.calls.append((name, body))
        return body if isinstance(body, dict) else None

    async def _auth(self, request: web.Request) -> web.Response:
        body = await self._body(request, "auth")
        if body is None or not isinstance(body.get("endUserIp"), str):
            return self._error("invalidParameters")
        order_ref = str(uuid.uuid4())
        order = FakeOrder(
            end_user_ip=body["endUserIp"],
            auto_start_token=str(uuid.uuid4()),
            qr_start_token=str(uuid.uuid4()),
            qr_start_secret=secrets.token_hex(16),
        )
        self.orders[order_ref] = order
        return web.json_response(
            {
                "orderRef": order_ref,
                "autoStartToken": order.auto_start_token,
                "qrStartToken": order.qr_start_token,
                "qrStartSecret": order.qr_start_secret,
            }
        )

    async def _collect(self, request: web.Request) -> web.Response:
        body = await self._body(request, "collect")
        order = None if body is None else self.orders.get(str(body.get("orderRef")))
        if order is None or order.cancelled:
            return self._error("invalidParameters")
        if order.status == "pending":
            return web.json_response(
                {
                    "orderRef": body and body["orderRef"],
                    "status": "pending",
                    "hintCode": order.hint_code,
                }
            )
        if order.status == "failed":
            return web.json_response(
                {
                    "orderRef": body and body["orderRef"],
                    "status": "failed",
                    "hintCode": order.hint_code,
                }
            )
        return web.json_response(
            {
                "orderRef": body and body["orderRef"],
                "status": "complete",
                "completionData": {
                    "user": order.user,
                    "device": {"ipAddress": order.end_user_ip, "uhi": "fake"},
                    "bankIdIssueDate": "2026-01-01Z",
                    "signature": "PD94bWw+",
                    "ocspResponse": "MIIHfg==",
                },
            }
        )

    async def _cancel(self, request: web.Request) -> web.Response:
        body = await self._body(request, "cancel")
        order = None if body is None else self.orders.get(str(body.get("orderRef")))
        if order is None or order.cancelled or order.status != "pending":
            return self._error("invalidParameters")
        order.cancelled = True
        return web.json_response({})
