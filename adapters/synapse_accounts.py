"""Accounts and the staff room on a Synapse homeserver, for a pilot or a development server.

Registers the bot, an admin and a clinician with Synapse's shared registration secret, names
them, creates the encrypted staff room (admin and clinician in it, the bot invited) and fills a
minvard config template with the ids. Run again, it reuses what it made: the accounts and the
room are kept in a state file. `scripts/dev_matrix.py` uses it on a local Synapse it starts;
the pilot's compose file runs it once against its Synapse container:

    python -m adapters.synapse_accounts --homeserver http://synapse:8008 \\
        --server-name pilot.example --state /var/lib/minvard/provisioned/accounts.json \\
        --template /etc/minvard/minvard.toml --out /var/lib/minvard/provisioned/minvard.toml

The shared secret comes from SYNAPSE_REGISTRATION_SHARED_SECRET; the bot's password from
MINVARD_MATRIX_PASSWORD when set (the bot reads the same variable, so it is never written to
the config), otherwise a new one kept in the state file.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote

# (account, display name, admin on the homeserver)
PILOT_PEOPLE = (
    ("bot", "Min vård", False),
    ("admin", "Administratör", True),
    ("clinician", "Sjuksköterska", False),
)


def http(
    method: str, url: str, body: dict[str, Any] | None = None, token: str | None = None
) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"{}")


@dataclass(frozen=True)
class Homeserver:
    """Where to reach Synapse and how to register on it."""

    url: str
    server_name: str
    shared_secret: str

    def user_id(self, name: str) -> str:
        return f"@{name}:{self.server_name}"


def register(server: Homeserver, name: str, password: str, *, admin: bool = False) -> Any:
    """A new account through the admin API and the shared secret; returns its login."""
    endpoint = f"{server.url}/_synapse/admin/v1/register"
    nonce = http("GET", endpoint)["nonce"]
    mac = hmac.new(server.shared_secret.encode(), digestmod=hashlib.sha1)
    mac.update(
        b"\x00".join(
            [nonce.encode(), name.encode(), password.encode(), b"admin" if admin else b"notadmin"]
        )
    )
    body = {
        "nonce": nonce,
        "username": name,
        "password": password,
        "admin": admin,
        "mac": mac.hexdigest(),
    }
    return http("POST", endpoint, body)


def login(server: Homeserver, name: str, password: str) -> str:
    answer = http(
        "POST",
        f"{server.url}/_matrix/client/v3/login",
        {
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": name},
            "password": password,
            "initial_device_display_name": "provisioning",
        },
    )
    return str(answer["access_token"])


def provision(
    server: Homeserver,
    state: dict[str, Any],
    people: Sequence[tuple[str, str, bool]] = PILOT_PEOPLE,
    passwords: dict[str, str] | None = None,
) -> dict[str, str]:
    """Make what `state` does not hold yet (accounts, staff room) and record it there;
    returns an access token per account."""
    accounts = state.setdefault("accounts", {})
    tokens = {}
    for name, display, admin in people:
        if name not in accounts:
            password = (passwords or {}).get(name) or secrets.token_urlsafe(12)
            try:
                register(server, name, password, admin=admin)
            except urllib.error.HTTPError as exc:
                raise SystemExit(f"could not register {name}: {exc.read().decode()}") from exc
            accounts[name] = password
        # A password given (the bot's, from its environment) wins: it may have been rotated.
        tokens[name] = login(server, name, (passwords or {}).get(name) or accounts[name])
        http(
            "PUT",
            f"{server.url}/_matrix/client/v3/profile/{quote(server.user_id(name))}/displayname",
            {"displayname": display},
            token=tokens[name],
        )
    if "staff_room" not in state:
        created = http(
            "POST",
            f"{server.url}/_matrix/client/v3/createRoom",
            {
                "name": "Personal",
                "preset": "private_chat",
                "invite": [server.user_id("bot"), server.user_id("clinician")],
                "initial_state": [
                    {
                        "type": "m.room.encryption",
                        "state_key": "",
                        "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                    }
                ],
            },
            tokens["admin"],
        )
        state["staff_room"] = created["room_id"]
        http(
            "POST",
            f"{server.url}/_matrix/client/v3/join/{quote(state['staff_room'])}",
            {},
            tokens["clinician"],
        )
    return tokens


def fill_template(template: str, server: Homeserver, state: dict[str, Any]) -> str:
    """The config with ${staff_room}, ${bot_user_id} and ${admin_user_id} filled in; an unknown
    placeholder is an error, not a silently empty value."""
    return Template(template).substitute(
        staff_room=state["staff_room"],
        bot_user_id=server.user_id("bot"),
        admin_user_id=server.user_id("admin"),
    )


def _wait_for(server: Homeserver, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            http("GET", f"{server.url}/_matrix/client/versions")
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            if time.monotonic() > deadline:
                raise SystemExit(f"{server.url} did not answer in {seconds:.0f} s") from None
            time.sleep(1)


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(0o600)
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--homeserver", required=True, help="e.g. http://synapse:8008")
    parser.add_argument("--server-name", required=True, help="the part after ':' in user ids")
    parser.add_argument("--state", type=Path, required=True, help="accounts and room (JSON)")
    parser.add_argument("--template", type=Path, required=True, help="minvard config template")
    parser.add_argument("--out", type=Path, required=True, help="the filled-in config")
    parser.add_argument("--wait", type=float, default=120, help="seconds to wait for Synapse")
    args = parser.parse_args(argv)
    shared = os.environ.get("SYNAPSE_REGISTRATION_SHARED_SECRET", "")
    if not shared:
        print("SYNAPSE_REGISTRATION_SHARED_SECRET is not set", file=sys.stderr)
        return 2
    server = Homeserver(args.homeserver.rstrip("/"), args.server_name, shared)
    state: dict[str, Any] = (
        json.loads(args.state.read_text(encoding="utf-8")) if args.state.exists() else {}
    )
    bot_password = os.environ.get("MINVARD_MATRIX_PASSWORD", "")
    _wait_for(server, args.wait)
    provision(server, state, PILOT_PEOPLE, {"bot": bot_password} if bot_password else None)
    _write_private(args.state, json.dumps(state, indent=2))
    config = fill_template(args.template.read_text(encoding="utf-8"), server, state)
    _write_private(args.out, config)
    # Ids only: the passwords stay in the state file, readable by this user alone.
    print(f"staff room {state['staff_room']}; accounts {', '.join(state['accounts'])}")
    print(f"config written to {args.out}; passwords kept in {args.state}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
