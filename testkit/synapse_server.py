"""A real Synapse homeserver on 127.0.0.1 for tests and for `scripts/dev_matrix.py`.

Facts behind the settings: ../shared/notes/testing-platforms.md ("A real Matrix homeserver in
tests"): fast bcrypt, no sync response cache, rate limits raised (a test lowers one user's own
with the admin API), users registered with the shared secret.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from adapters import synapse_accounts as accounts
from adapters.synapse_accounts import http

SERVER_NAME = "minvard.test"
_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_UNLIMITED = {"per_second": 10000, "burst_count": 100000}
_RATE_LIMITS = (
    "rc_message",
    "rc_registration",
    "rc_login",
    "rc_joins",
    "rc_invites",
    "rc_room_creation",
    "rc_admin_redaction",
    "rc_key_requests",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def write_config(directory: Path, port: int, server_name: str = SERVER_NAME) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    key = base64.b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    key_path = directory / "signing.key"
    if not key_path.exists():
        key_path.write_text(f"ed25519 a_key {key}\n", encoding="utf-8")
    secrets_path = directory / "secrets.json"
    if secrets_path.exists():
        kept = json.loads(secrets_path.read_text(encoding="utf-8"))
    else:
        kept = {name: secrets.token_hex(24) for name in ("shared", "macaroon", "form")}
        secrets_path.write_text(json.dumps(kept), encoding="utf-8")
    limits: dict[str, Any] = {}
    for name in _RATE_LIMITS:
        limits[name] = dict(_UNLIMITED)
    limits["rc_login"] = {
        "address": dict(_UNLIMITED),
        "account": dict(_UNLIMITED),
        "failed_attempts": dict(_UNLIMITED),
    }
    limits["rc_joins"] = {"local": dict(_UNLIMITED), "remote": dict(_UNLIMITED)}
    limits["rc_invites"] = {
        "per_room": dict(_UNLIMITED),
        "per_user": dict(_UNLIMITED),
        "per_issuer": dict(_UNLIMITED),
    }
    config: dict[str, Any] = {
        "server_name": server_name,
        "public_baseurl": f"http://127.0.0.1:{port}/",
        "pid_file": str(directory / "homeserver.pid"),
        "report_stats": False,
        "signing_key_path": str(key_path),
        "registration_shared_secret": kept["shared"],
        "macaroon_secret_key": kept["macaroon"],
        "form_secret": kept["form"],
        "listeners": [
            {
                "port": port,
                "type": "http",
                "tls": False,
                "bind_addresses": ["127.0.0.1"],
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {
            "name": "sqlite3",
            "args": {"database": str(directory / "homeserver.db")},
        },
        "media_store_path": str(directory / "media"),
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "federation_domain_whitelist": [],
        "presence": {"enabled": False},
        "url_preview_enabled": False,
        "enable_metrics": False,
        "bcrypt_rounds": 4,
        "caches": {"sync_response_cache_duration": 0},
        "log_config": str(directory / "log.yaml"),
        **limits,
    }
    (directory / "log.yaml").write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "formatters": {
                    "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
                },
                "handlers": {
                    "file": {
                        "class": "logging.FileHandler",
                        "formatter": "plain",
                        "filename": str(directory / "homeserver.log"),
                    }
                },
                "root": {"level": "WARNING", "handlers": ["file"]},
                "disable_existing_loggers": False,
            }
        ),
        encoding="utf-8",
    )
    path = directory / "homeserver.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Homeserver:
    url: str
    directory: Path
    shared_secret: str
    process: subprocess.Popen[bytes]
    started_in: float = 0.0
    server_name: str = SERVER_NAME

    def user_id(self, name: str) -> str:
        return f"@{name}:{self.server_name}"

    def register(self, name: str, password: str, *, admin: bool = False) -> dict[str, Any]:
        """A new account through the admin API and the shared secret; returns its login."""
        server = accounts.Homeserver(self.url, self.server_name, self.shared_secret)
        answer: dict[str, Any] = accounts.register(server, name, password, admin=admin)
        return answer

    def get(self, path: str, token: str) -> Any:
        return http("GET", self.url + path, token=token)

    def post(self, path: str, body: dict[str, Any], token: str) -> Any:
        return http("POST", self.url + path, body, token=token)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start(
    directory: Path,
    *,
    port: int = 0,
    server_name: str = SERVER_NAME,
    timeout: float = 60.0,
    attempts: int = 3,
) -> Homeserver:
    """Start Synapse with a generated config; retry on another free port if the bind fails
    (a fixed `port` is tried once)."""
    last = ""
    for _ in range(attempts if port == 0 else 1):
        chosen = port or free_port()
        config = write_config(directory, chosen, server_name)
        shared = json.loads((directory / "secrets.json").read_text(encoding="utf-8"))["shared"]
        began = time.monotonic()
        log = (directory / "stdout.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "synapse.app.homeserver", "-c", str(config)],
            cwd=directory,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SYNAPSE_CACHE_FACTOR": "0.5"},
        )
        log.close()
        url = f"http://127.0.0.1:{chosen}"
        deadline = began + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                http("GET", url + "/_matrix/client/versions")
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
                continue
            began = time.monotonic() - began
            return Homeserver(url, directory, shared, process, began, server_name)
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
        last = (directory / "stdout.log").read_text(errors="replace")[-2000:]
    raise RuntimeError(f"Synapse did not start:\n{last}")
