"""What an operator watches: /healthz, /readyz and Prometheus /metrics on `[observability]
listen`, and JSON log lines that carry ids only."""

from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import httpx
import pytest

from adapters.log_format import JsonLines
from adapters.observability import Observability, observability_endpoint
from adapters.telegram import TelegramAdapter
from bot.config import Config, ConfigError, ObservabilityConfig, load_config
from tests.conftest import Chat, Clock, make_chat
from tests.test_privacy_logs import SECRETS
from tests.test_privacy_logs import (
    test_a_full_journey_at_debug_logs_no_personal_data as privacy_journey,
)

ROOT = Path(__file__).resolve().parent.parent
LISTEN_ANY_PORT = ObservabilityConfig(listen="127.0.0.1:0")


@pytest.fixture
async def chat(db_location: Path | str, clock: Clock) -> AsyncIterator[Chat]:
    """What /metrics and /readyz read comes from storage (storage/metrics_queries.py): on
    both backends."""
    chat = await make_chat(db_location, clock)
    try:
        yield chat
    finally:
        await chat.db.close()


@pytest.fixture
async def endpoint(chat: Chat) -> AsyncIterator[Observability]:
    async with observability_endpoint(LISTEN_ANY_PORT, chat.service, timeout=0.5) as served:
        assert served is not None
        yield served


async def _get(endpoint: Observability, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{endpoint.port}{path}") as response,
    ):
        return response.status, await response.text()


def _value(metrics: str, sample: str) -> float:
    """The value of one sample line, e.g. 'minvard_queue_length{priority="P3",unit="default"}'."""
    for line in metrics.splitlines():
        name, _, value = line.rpartition(" ")
        if name == sample:
            return float(value)
    raise AssertionError(f"no sample {sample} in:\n{metrics}")


def _queue(priority: int) -> str:
    return f'minvard_queue_length{{priority="P{priority}",unit="default"}}'


async def test_metrics_count_the_queue_per_priority_and_follow_a_take(
    chat: Chat, endpoint: Observability
) -> None:
    status, before = await _get(endpoint, "/metrics")
    assert status == 200
    assert all(_value(before, _queue(p)) == 0 for p in range(1, 6))
    await chat.start_to_queue("patient")
    await chat.start_to_queue("patient2")
    first = await chat.case_of("patient")
    second = await chat.case_of("patient2")
    assert first is not None and second is not None and first.priority == second.priority
    priority = first.priority
    assert priority is not None
    _, queued = await _get(endpoint, "/metrics")
    assert _value(queued, _queue(priority)) == 2
    assert _value(queued, 'minvard_cases{state="queued"}') == 2
    # The clock moved 5 s a line since the first patient was queued.
    waited = _value(
        queued, f'minvard_queue_oldest_wait_seconds{{priority="P{priority}",unit="default"}}'
    )
    assert waited >= 5
    assert _value(queued, "minvard_database_up") == 1
    handled = _value(queued, "minvard_event_handling_seconds_count")

    await chat.say("clinician: !next")
    _, taken = await _get(endpoint, "/metrics")
    assert _value(taken, _queue(priority)) == 1
    assert _value(taken, 'minvard_cases{state="active"}') == 1
    assert _value(taken, "minvard_event_handling_seconds_count") == handled + 1


async def test_a_case_past_its_target_is_counted_overdue(
    chat: Chat, endpoint: Observability
) -> None:
    await chat.start_to_queue("patient")
    case = await chat.case_of("patient")
    assert case is not None and case.priority is not None and case.priority < 5
    sample = f'minvard_queue_overdue{{priority="P{case.priority}",unit="default"}}'
    _, now = await _get(endpoint, "/metrics")
    assert _value(now, sample) == 0
    chat.clock.advance(days=3)  # past every target, P4's two days on the clock included
    _, later = await _get(endpoint, "/metrics")
    assert _value(later, sample) == 1


async def test_healthz_answers_and_readyz_turns_503_when_the_database_is_closed(
    chat: Chat, endpoint: Observability
) -> None:
    assert (await _get(endpoint, "/healthz"))[0] == 200
    status, body = await _get(endpoint, "/readyz")
    assert status == 200
    assert json.loads(body) == {
        "ready": True,
        "database": "ok",
        "platforms": {},
        "lease": "holder",
    }
    await chat.db.close()
    status, body = await _get(endpoint, "/readyz")
    assert status == 503
    assert json.loads(body)["database"] == "unreachable"
    assert (await _get(endpoint, "/healthz"))[0] == 200  # the process is still up
    status, metrics = await _get(endpoint, "/metrics")
    assert status == 200 and _value(metrics, "minvard_database_up") == 0


async def test_readyz_waits_for_every_configured_platform(chat: Chat) -> None:
    config = Config.model_validate({"telegram": {"enabled": True, "token": "123:abc"}})
    telegram = TelegramAdapter(config)  # configured, but it has not reached Telegram yet
    async with observability_endpoint(
        LISTEN_ANY_PORT, chat.service, [telegram], timeout=0.5
    ) as served:
        assert served is not None
        status, body = await _get(served, "/readyz")
        assert status == 503
        assert json.loads(body)["platforms"] == {"telegram": "down"}
        _, metrics = await _get(served, "/metrics")
        assert _value(metrics, 'minvard_platform_connected{platform="telegram"}') == 0
        assert _value(metrics, 'minvard_outbox_pending{platform="telegram"}') == 0


def test_listen_must_be_host_and_port(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[observability]\nlisten = "9108"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"observability\.listen: .*host:port"):
        load_config(config)
    assert load_config(None).observability.listen == ""  # off unless asked for


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_shell_session_serves_metrics_on_the_configured_address(tmp_path: Path) -> None:
    port = _free_port()
    config = tmp_path / "minvard.toml"
    config.write_text(
        f'[storage]\npath = "{tmp_path / "minvard.db"}"\n\n'
        f'[observability]\nlisten = "127.0.0.1:{port}"\n\n'
        # Not the language models: this is about the endpoint, and they take seconds to load.
        '[language]\ndetector = "none"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "MINVARD_STORAGE_PATH"}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-m", "adapters.cli", "shell", "--config", str(config)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdin is not None
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the endpoint never came up"
            time.sleep(0.1)
        proc.stdin.write("hej\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 30
        while True:
            metrics = httpx.get(f"{base}/metrics", timeout=5).text
            if _value(metrics, 'minvard_cases{state="intake"}') == 1:
                break
            assert time.monotonic() < deadline, metrics
            time.sleep(0.1)
        assert _value(metrics, _queue(3)) == 0  # served; nobody is queued yet
        assert httpx.get(f"{base}/readyz", timeout=5).json()["ready"] is True
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


async def test_json_log_lines_carry_ids_and_no_personal_data(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    """The privacy journey of tests/test_privacy_logs.py, logged as JSON too: one object a line,
    with time, level, logger and message, and nothing personal in any of them."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        await privacy_journey(chat, caplog)  # also asserts on the plain records
        try:
            raise ValueError("Ingrid 0701234567")  # what an exception's message may quote
        except ValueError:
            logging.getLogger("bot.service").exception("event %s: failed", "shell:7")
    finally:
        root.removeHandler(handler)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines and all(set(line) >= {"time", "level", "logger", "message"} for line in lines)
    assert any(line["message"] == "case 1: taken" for line in lines)
    failure = lines[-1]
    assert failure["level"] == "ERROR" and failure["error"] == "ValueError"
    assert failure["at"] and failure["at"][0].startswith("test_observability.py:")
    logged = out.getvalue().casefold()
    for secret in SECRETS:
        assert secret.casefold() not in logged, secret
