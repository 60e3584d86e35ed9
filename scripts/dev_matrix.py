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
import signal
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters import synapse_accounts as accounts
from testkit.synapse_server import Homeserver, start

SERVER_NAME = "localhost"
PEOPLE = (
    # (account, display name, admin on the server)
    ("bot", "Min vård", False),
    ("admin", "Maria Berg (administratör)", True),
    ("clinician", "Anna Lind (sjuksköterska)", False),
    ("patient", "Pat Patient", False),
)


def provision(directory: Path, port: int) -> tuple[Homeserver, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    state_path = directory / "accounts.json"
    state: dict[str, Any] = (
        json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    )
    server = start(directory / "synapse", port=port, server_name=SERVER_NAME)
    try:
        target = accounts.Homeserver(server.url, server.server_name, server.shared_secret)
        accounts.provision(target, state, PEOPLE)
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
