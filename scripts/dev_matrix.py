"""A local Matrix homeserver for trying the bot (`make dev-matrix`).

Starts Synapse on 127.0.0.1 with a generated config under ./data/dev-matrix, registers the bot,
an admin, a clinician and a patient, creates the encrypted staff room (admin and clinician in
it, the bot invited), and writes a matching minvard config. Then it keeps Synapse running
until Ctrl-C. Run again: the same server, accounts and staff room are reused.

    python scripts/dev_matrix.py                 # then, in another terminal:
    minvard run --config data/dev-matrix/minvard.toml

Connect any Matrix client to http://127.0.0.1:8008 and log in with the printed accounts.
"""

from __future__ import annotations

import argparse
import json
import secrets
import signal
import sys
import urllib.error
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.matrix.synapse_server import Homeserver, http, start

SERVER_NAME = "localhost"
PEOPLE = (
    # (account, display name, admin on the server)
    ("bot", "Min vård", False),
    ("admin", "Maria Berg (administratör)", True),
    ("clinician", "Anna Lind (sjuksköterska)", False),
    ("patient", "Pat Patient", False),
)


def _login(server: Homeserver, name: str, password: str) -> str:
    answer = http(
        "POST",
        f"{server.url}/_matrix/client/v3/login",
        {
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": name},
            "password": password,
            "initial_device_display_name": "dev-matrix",
        },
    )
    return str(answer["access_token"])


def _account(server: Homeserver, state: dict[str, Any], name: str, admin: bool) -> str:
    """Registers the account the first time; returns an access token."""
    accounts = state.setdefault("accounts", {})
    if name not in accounts:
        password = secrets.token_urlsafe(12)
        try:
            server.register(name, password, admin=admin)
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"could not register {name}: {exc.read().decode()}") from exc
        accounts[name] = password
    return _login(server, name, accounts[name])


def provision(directory: Path, port: int) -> tuple[Homeserver, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    state_path = directory / "accounts.json"
    state: dict[str, Any] = (
        json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    )
    server = start(directory / "synapse", port=port, server_name=SERVER_NAME)
    try:
        tokens = {}
        for name, display, admin in PEOPLE:
            tokens[name] = _account(server, state, name, admin)
            user = quote(server.user_id(name))
            http(
                "PUT",
                f"{server.url}/_matrix/client/v3/profile/{user}/displayname",
                {"displayname": display},
                token=tokens[name],
            )
        if "staff_room" not in state:
            created = server.post(
                "/_matrix/client/v3/createRoom",
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
            server.post(
                f"/_matrix/client/v3/join/{quote(state['staff_room'])}", {}, tokens["clinician"]
            )
        state_path.write_text(json.dumps(state, indent=2), encoding="utf-8")
        state_path.chmod(0o600)
        config = directory / "minvard.toml"
        config.write_text(_config(server, state, directory), encoding="utf-8")
        config.chmod(0o600)
    except BaseException:
        server.stop()
        raise
    return server, config


def _config(server: Homeserver, state: dict[str, Any], directory: Path) -> str:
    return f"""# Written by scripts/dev_matrix.py for the local homeserver; development only.
[storage]
path = "{directory / "minvard.db"}"

[matrix]
enabled = true
homeserver = "{server.url}"
user_id = "{server.user_id("bot")}"
password = "{state["accounts"]["bot"]}"
store_path = "{directory / "bot-store"}"
staff_room = "{state["staff_room"]}"
admins = ["{server.user_id("admin")}"]
encryption = true

[logging]
level = "INFO"
"""


def _announce(server: Homeserver, config: Path, directory: Path) -> None:
    state = json.loads((directory / "accounts.json").read_text(encoding="utf-8"))
    print(f"Synapse is running at {server.url} (started in {server.started_in:.1f} s)")
    print(f"Staff room: {state['staff_room']}")
    for name, display, _ in PEOPLE:
        print(f"  {server.user_id(name):28} password {state['accounts'][name]:18} {display}")
    print(f"Bot config: {config}")
    print(f"Start the bot: minvard run --config {config}")
    print("Log in as 'patient' with any Matrix client and start a direct chat with the bot;")
    print("log in as 'clinician' to see the staff room. Ctrl-C stops the homeserver.", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dir", type=Path, default=Path("data/dev-matrix"))
    parser.add_argument("--port", type=int, default=8008)
    parser.add_argument(
        "--exit", action="store_true", help="stop Synapse once provisioned (for scripts)"
    )
    args = parser.parse_args(argv)
    directory = args.dir.resolve()
    server, config = provision(directory, args.port)
    try:
        _announce(server, config, directory)
        if not args.exit:
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
