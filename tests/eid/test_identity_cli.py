"""`minvard run` with e-ID on, as a real process: it serves the login endpoint next to the chat,
a patient logs in through it against the local OpenID Connect provider, and it stops cleanly."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from tests.eid.conftest import ALICE, LINK
from tests.eid.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeOidcProvider

ROOT = Path(__file__).resolve().parent.parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _read_until(stream: asyncio.StreamReader, wanted: str, seen: list[str]) -> str:
    while True:
        line = (await asyncio.wait_for(stream.readline(), 30)).decode()
        assert line, "the process ended early:\n" + "".join(seen)
        seen.append(line)
        if wanted in line:
            return line


async def test_run_serves_logins_and_stops_cleanly(tmp_path: Path) -> None:
    provider = FakeOidcProvider(clock=lambda: datetime.now(UTC))
    await provider.start()
    provider.person = ALICE
    port = _free_port()
    config = tmp_path / "minvard.toml"
    config.write_text(
        f"""
[identity]
provider = "oidc"
public_url = "http://127.0.0.1:{port}"
listen_port = {port}

[identity.oidc]
issuer = "{provider.issuer}"
client_id = "{CLIENT_ID}"
""",
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update(
        MINVARD_STORAGE_PATH=str(tmp_path / "minvard.db"),
        MINVARD_OIDC_CLIENT_SECRET=CLIENT_SECRET,
        PYTHONPATH=str(ROOT),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "--config",
        str(config),
        "run",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    seen: list[str] = []
    try:
        process.stdin.write(b"hej\n")
        await process.stdin.drain()
        await _read_until(process.stdout, "http://127.0.0.1", seen)
        # Someone forwards where the link leads; another browser logs in there: refused, and
        # the chat is told (the endpoint `run` builds reports refusals to the chat).
        async with aiohttp.ClientSession() as reader:
            first = LINK.findall("".join(seen))[-1]
            async with reader.get(first, allow_redirects=False) as response:
                broker = response.headers["Location"]
        async with aiohttp.ClientSession() as other, other.get(broker) as response:
            assert response.status == 403 and "annan webbläsare" in await response.text()
        await _read_until(process.stdout, "Inloggningen blev inte klar", seen)
        process.stdin.write(b"hej igen\n")
        await process.stdin.drain()
        await _read_until(process.stdout, "http://127.0.0.1", seen)
        link = LINK.findall("".join(seen))[-1]
        assert link != first
        # A browser keeps the login's cookie (aiohttp's default jar drops those of 127.0.0.1).
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as browser:
            url = link
            for _ in range(3):  # the bot → the provider → the bot's callback
                async with browser.get(url, allow_redirects=False) as response:
                    if response.status != 302:
                        assert response.status == 200, await response.text()
                        break
                    url = response.headers["Location"]
        line = await _read_until(process.stdout, "inloggad", seen)
        assert "Du är inloggad som Alice Andersson (19811218-****)" in line
    finally:
        process.stdin.close()
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        await provider.stop()
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()
    # The endpoint is gone with the process.
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_check_warns_loudly_when_the_demo_provider_is_on(tmp_path: Path) -> None:
    import subprocess

    config = tmp_path / "demo.toml"
    config.write_text('[identity]\nprovider = "demo"\n', encoding="utf-8")
    env = dict(os.environ, MINVARD_STORAGE_PATH=str(tmp_path / "c.db"), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--config", str(config), "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert 'WARNING: config: identity.provider: "demo"' in result.stderr
    assert "Never use it with real patients" in result.stderr
