"""A small local HTTP server that speaks enough of the Telegram Bot API to run the real aiogram bot.

One route, `POST /bot{token}/{method}`, form-encoded or JSON parameters. `getUpdates` long-polls
for real: it waits on a condition up to `timeout` seconds and drops (confirms) updates below
`offset`. The test injects updates (a person writing, pressing a button), can make a method answer
429 with `retry_after`, and reads every call the bot made.

Run it alone (for the bench, in its own process): `python -m testkit.fake_bot_api PORT`;
then `POST /control/inject` (JSON update fields), `GET /control/calls?since=N`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 4242
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Min vård", "username": "minvard_bot"}
ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
)
JSON_FIELDS = (
    "reply_markup",
    "commands",
    "scope",
    "allowed_updates",
    "reply_parameters",
    "message_ids",
)


_ERRORS = {
    403: "Forbidden: bot was blocked by the user",
    500: "Internal Server Error",
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float
    result: Any = None


@dataclass
class FakeBotAPI:
    host: str = "127.0.0.1"
    port: int = 0
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    injected_at: dict[int, float] = field(default_factory=dict)
    offsets: list[int | None] = field(default_factory=list)
    members: dict[int, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    failures: dict[str, list[tuple[int, float]]] = field(default_factory=lambda: defaultdict(list))
    record_calls: bool = True

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._new_update = asyncio.Condition()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.count_by_method: dict[str, int] = defaultdict(int)

    # Life cycle

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_post("/control/inject", self._control_inject)
        app.router.add_get("/control/calls", self._control_calls)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self.base

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # What the test does

    def next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids[chat_id])

    async def inject(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, **update})
        self.injected_at[update_id] = time.perf_counter()
        async with self._new_update:
            self._new_update.notify_all()
        return update_id

    async def message(
        self,
        user: int,
        text: str | None = None,
        *,
        chat: int | None = None,
        name: str = "Person",
        reply_to: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A person writes (in their private chat with the bot, or in `chat`)."""
        chat_id = user if chat is None else chat
        chat_obj: dict[str, Any] = (
            {"id": chat_id, "type": "private", "first_name": name}
            if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "Personal"}
        )
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat_id),
            "date": int(time.time()),
            "chat": chat_obj,
            "from": {"id": user, "is_bot": False, "first_name": name},
        }
        if text is not None:
            message["text"] = text
        if reply_to is not None:
            message["reply_to_message"] = {
                "message_id": reply_to,
                "date": int(time.time()),
                "chat": chat_obj,
                "from": BOT_USER,
                "text": "…",
            }
        message.update(extra or {})
        await self.inject({"message": message})
        return message

    async def press(self, user: int, sent: Call, data: str) -> int:
        """A person presses an inline button on a message the bot sent."""
        chat_id = int(sent.params["chat_id"])
        return await self.inject(
            {
                "callback_query": {
                    "id": f"cb{len(self.updates) + 1}",
                    "from": {"id": user, "is_bot": False, "first_name": "Person"},
                    "chat_instance": str(chat_id),
                    "data": data,
                    "message": {
                        "message_id": sent.result["message_id"],
                        "date": int(time.time()),
                        "chat": {"id": chat_id, "type": "private", "first_name": "Person"},
                        "from": BOT_USER,
                        "text": sent.params.get("text", ""),
                    },
                }
            }
        )

    def fail(self, method: str, times: int, retry_after: float = 1, status: int = 429) -> None:
        """The next `times` calls of `method` answer 429 with `retry_after` seconds, or
        another error `status` (403: the user blocked the bot; 500: Telegram unwell)."""
        self.failures[method].extend([(status, retry_after)] * times)

    def sent(self, method: str | None = None, chat: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.result is not None
            and (method is None or c.method == method)
            and (chat is None or str(c.params.get("chat_id")) == str(chat))
        ]

    def texts(self, chat: int) -> list[str]:
        """What the bot sent to `chat` (texts and captions), in order."""
        out = []
        for c in self.sent(chat=chat):
            if c.method in ("sendMessage", "copyMessage"):
                out.append(str(c.params.get("text", c.params.get("caption", ""))))
        return out

    async def wait_for(self, predicate: Any, timeout: float = 5.0) -> None:
        """Wait until `predicate()` is true (checked after every call the bot makes)."""

        async def until() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        await asyncio.wait_for(until(), timeout)

    async def wait_text(self, chat: int, needle: str, timeout: float = 5.0) -> str:
        def found() -> bool:
            return any(needle in t for t in self.texts(chat))

        try:
            await self.wait_for(found, timeout)
        except TimeoutError:
            raise AssertionError(f"{needle!r} never sent to {chat}: {self.texts(chat)}") from None
        return next(t for t in self.texts(chat) if needle in t)

    # The Bot API

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            params: dict[str, Any] = await request.json()
        else:
            form = await request.post()
            params = {k: v for k, v in form.items() if isinstance(v, str)}
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        call = Call(method, params, time.perf_counter())
        self.count_by_method[method] += 1
        if self.record_calls or method != "getUpdates":
            self.calls.append(call)
        if self.failures.get(method):
            status, retry_after = self.failures[method].pop(0)
            await self._notify()
            if status != 429:
                description = _ERRORS.get(status, "Error")
                return web.json_response(
                    {"ok": False, "error_code": status, "description": description},
                    status=status,
                )
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry_after}",
                    "parameters": {"retry_after": retry_after},
                }
            )
        handler = getattr(self, f"_m_{method}", None)
        result: Any = True if handler is None else await handler(params)
        if isinstance(result, web.Response):
            await self._notify()
            return result
        call.result = result
        await self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params["offset"]) if params.get("offset") else None
        self.offsets.append(offset)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        if offset is not None:
            # Confirmed: Telegram forgets updates below the offset.
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

        def waiting() -> list[dict[str, Any]]:
            return self.updates[:limit]

        if not waiting() and timeout > 0:
            async with self._new_update:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._new_update.wait_for(lambda: bool(waiting())), timeout
                    )
        return waiting()

    def _bot_message(self, chat_id: int, **fields: Any) -> dict[str, Any]:
        return {
            "message_id": self.next_message_id(chat_id),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": BOT_USER,
            **fields,
        }

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._bot_message(int(params["chat_id"]), text=params["text"])

    async def _m_copyMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"message_id": self.next_message_id(int(params["chat_id"]))}

    async def _m_copyMessages(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat_id = int(params["chat_id"])
        return [{"message_id": self.next_message_id(chat_id)} for _ in params["message_ids"]]

    async def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        return {
            "message_id": int(params["message_id"]),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": BOT_USER,
            "text": params["text"],
        }

    async def _m_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = int(params["user_id"])
        status = self.members[int(params["chat_id"])].get(user_id, "left")
        member: dict[str, Any] = {
            "status": status,
            "user": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
        }
        if status == "creator":
            member["is_anonymous"] = False
        if status == "administrator":
            member.update({right: False for right in ADMIN_RIGHTS})
        return member

    # Control routes (for a server in another process)

    async def _control_inject(self, request: web.Request) -> web.Response:
        body = await request.json()
        ids = [await self.inject(u) for u in body["updates"]]
        return web.json_response({"ids": ids})

    async def _control_calls(self, request: web.Request) -> web.Response:
        since = int(request.query.get("since", "0"))
        rows = [
            {"method": c.method, "params": c.params, "at": c.at}
            for c in self.calls[since:]
            if c.method != "getUpdates"
        ]
        return web.json_response(
            {"calls": rows, "next": len(self.calls), "injected_at": self.injected_at}
        )


async def _serve(port: int) -> None:
    api = FakeBotAPI(port=port, record_calls=False)
    await api.start()
    print(api.base, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(_serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
