"""Login and session: the bot's device, kept across restarts, and its encryption keys."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from nio import AsyncClient, AsyncClientConfig, LoginResponse, WhoamiResponse

from adapters.matrix.answers import error_of
from adapters.matrix.keys import take_forwards_from_creators
from bot.config import MatrixConfig

log = logging.getLogger(__name__)

SESSION_FILE = "session.json"


@dataclass(frozen=True)
class Session:
    user_id: str
    device_id: str
    access_token: str


async def login(matrix: MatrixConfig, store: Path) -> AsyncClient:
    """A client logged in as the bot's own device: the saved one, else one from the configured
    access token, else a new device from the password."""
    store.mkdir(parents=True, exist_ok=True)
    client = AsyncClient(
        matrix.homeserver,
        matrix.user_id,
        store_path=str(store),
        config=AsyncClientConfig(
            encryption_enabled=True,
            store_sync_tokens=False,  # ours go to the database with the batch's effects
            max_limit_exceeded=0,  # a 429 comes back to us: the outbox waits, in order
        ),
    )
    session = _saved_session(store, matrix.user_id)
    if session is None and matrix.access_token:
        client.access_token = matrix.access_token
        who = await client.whoami()
        if not isinstance(who, WhoamiResponse) or not who.device_id:
            await client.close()
            raise RuntimeError(f"matrix: the access token was refused ({error_of(who)})")
        session = Session(who.user_id, who.device_id, matrix.access_token)
        _save_session(store, session)
    if session is None:
        if not matrix.password:
            await client.close()
            raise RuntimeError("matrix: neither a password nor an access token is set")
        answer = await client.login(matrix.password, device_name=matrix.device_name)
        if not isinstance(answer, LoginResponse):
            await client.close()
            raise RuntimeError(f"matrix: login failed ({error_of(answer)})")
        session = Session(answer.user_id, answer.device_id, answer.access_token)
        _save_session(store, session)
        log.info("matrix: logged in as a new device %s", session.device_id)
    else:
        client.restore_login(session.user_id, session.device_id, session.access_token)
        log.info("matrix: restored device %s", session.device_id)
    if client.should_upload_keys:
        await client.keys_upload()
    if client.olm is not None:
        take_forwards_from_creators(client.olm)
    return client


async def exchange_keys(client: AsyncClient) -> None:
    """After each sync: send what nio queued, and upload, query and claim keys as it asks."""
    await client.send_to_device_messages()
    if client.should_upload_keys:
        await client.keys_upload()
    if client.should_query_keys:
        await client.keys_query()
    if client.should_claim_keys:
        await client.keys_claim(client.get_users_for_key_claiming())


def _saved_session(store: Path, user_id: str) -> Session | None:
    path = store / SESSION_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("user_id") != user_id:
        return None
    return Session(data["user_id"], data["device_id"], data["access_token"])


def _save_session(store: Path, session: Session) -> None:
    path = store / SESSION_FILE
    # Holds the access token: readable by the bot's user only, from the first byte.
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(session.__dict__, out)
