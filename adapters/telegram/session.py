"""aiogram's HTTP session, without two costs it pays on every request.

- aiogram reads each answer as `Response[<what the method returns>]`, a pydantic generic model
  that pydantic keeps only while something refers to it. Nothing did, so every cycle collection
  threw `Response[Message]` away and the next send built it again (about 5 ms of CPU each time,
  a third of a millisecond per relayed message in bench/telegram_relay.py). The session holds
  each one it has used.
- A request without files is sent form-encoded, as aiogram sends it, but built directly: aiogram's
  `FormData` makes a multipart writer with a random boundary for every request, only to encode
  the fields as a plain form.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiohttp import FormData
from aiohttp.payload import BytesPayload

FORM = "application/x-www-form-urlencoded"


class TelegramSession(AiohttpSession):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._responses: dict[Any, type] = {}

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        returning = method.__returning__
        if returning not in self._responses:
            self._responses[returning] = Response[returning]  # type: ignore[valid-type]
        return super().check_response(bot, method, status_code, content)

    def build_form_data(  # type: ignore[override]
        self, bot: Bot, method: TelegramMethod[TelegramType]
    ) -> FormData | BytesPayload:
        files: dict[str, Any] = {}
        fields = []
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:
                fields.append((key, prepared))
        if files:
            return super().build_form_data(bot, method)
        # What aiohttp's FormData makes of fields without files, byte for byte.
        return BytesPayload(urlencode(fields, doseq=True).encode(), content_type=FORM)
