"""What an operator relies on in the container image, the pilot's compose file and the systemd
unit; and the pilot's provisioning step against a real Synapse."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from adapters import synapse_accounts
from bot.config import load_config
from testkit.synapse_server import Homeserver, start

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    return loaded


def _pilot_config() -> dict[str, Any]:
    return tomllib.loads((DEPLOY / "minvard.toml").read_text(encoding="utf-8"))


def test_the_image_runs_as_a_user_of_its_own_and_checks_healthz_where_the_bot_listens() -> None:
    steps = _dockerfile()
    users = [args for word, args in steps if word == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    # USER comes before the command: the bot never starts as root.
    last_user = max(i for i, (word, _) in enumerate(steps) if word == "USER")
    assert last_user < max(i for i, (word, _) in enumerate(steps) if word in ("CMD", "ENTRYPOINT"))
    checks = [args for word, args in steps if word == "HEALTHCHECK"]
    assert len(checks) == 1
    host, port = _pilot_config()["observability"]["listen"].rsplit(":", 1)
    assert f"127.0.0.1:{port}/healthz" in checks[0]
    assert host in ("0.0.0.0", "::", "[::]")  # reachable from the check, and from Prometheus
    assert steps[0][0] == "FROM" and re.match(r"python:3\.11-slim", steps[0][1])
    # Every package the project installs is copied in; a new one left out would not start.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {
        p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    copied = {args.split()[0] for word, args in steps if word == "COPY"}
    assert packages <= copied


def test_the_build_context_leaves_out_data_secrets_and_the_virtualenv() -> None:
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", "data", "*.db", "deploy"} <= ignored


def test_the_pilot_bot_starts_after_provisioning_on_the_config_it_wrote() -> None:
    services = _compose()["services"]
    bot, provision = services["minvard"], services["provision"]
    assert bot["depends_on"]["provision"]["condition"] == "service_completed_successfully"
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert provision["depends_on"]["synapse"]["condition"] == "service_healthy"
    assert services["synapse"]["depends_on"]["synapse-config"]["condition"] == (
        "service_completed_successfully"
    )
    options = dict(arg.removeprefix("--").split("=", 1) for arg in provision["command"])
    assert bot["command"][bot["command"].index("--config") + 1] == options["out"]
    template = next(v for v in provision["volumes"] if v.endswith(options["template"] + ":ro"))
    assert (DEPLOY / template.split(":")[0]).resolve() == DEPLOY / "minvard.toml"
    for name in ("minvard", "provision"):
        assert services[name].get("user", "") not in ("root", "0")
    # The metrics port is published on the loopback only.
    assert all(p.startswith("127.0.0.1:") for p in bot["ports"])
    assert bot["read_only"] is True and bot["cap_drop"] == ["ALL"]


def test_every_secret_the_compose_file_needs_is_in_the_example_env() -> None:
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Z_]+)", text))
    example = (DEPLOY / "pilot.env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.M))
    assert used and used <= listed
    # Secrets reach the bot through the environment, never through the config file.
    bot_env = _compose()["services"]["minvard"]["environment"]
    assert {"PGPASSWORD", "MINVARD_MATRIX_PASSWORD"} <= set(bot_env)
    assert (
        "password" not in (DEPLOY / "minvard.toml").read_text(encoding="utf-8").split("[matrix]")[1]
    )


def _unit() -> configparser.RawConfigParser:
    # systemd repeats keys; the last one wins for the options checked here.
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / "minvard.service", encoding="utf-8")
    return parser


def test_the_systemd_unit_is_hardened_and_may_write_only_its_data_folder() -> None:
    service = _unit()["Service"]
    wanted = {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "Restart": "on-failure",
    }
    assert {key: service.get(key) for key in wanted} == wanted
    assert service.get("DynamicUser") == "yes" or service.get("User") not in (None, "root")
    families = set(service["RestrictAddressFamilies"].split())
    assert families <= {"AF_INET", "AF_INET6", "AF_UNIX"}
    assert re.fullmatch(r"\d+[KMG]", service["MemoryMax"])
    assert service["ReadWritePaths"] == f"/var/lib/{service['StateDirectory']}"
    assert service["WorkingDirectory"] == service["ReadWritePaths"]
    command = shlex.split(service["ExecStart"])
    assert command[1:3] == ["run", "--config"]
    assert command[3].startswith(f"/etc/{service['ConfigurationDirectory']}/")


def test_the_pilot_config_is_valid_once_provisioning_fills_it_in(tmp_path: Path) -> None:
    server = synapse_accounts.Homeserver("http://synapse:8008", "pilot.example", "secret")
    state = {"staff_room": "!room:pilot.example", "accounts": {}}
    filled = synapse_accounts.fill_template(
        (DEPLOY / "minvard.toml").read_text(encoding="utf-8"), server, state
    )
    path = tmp_path / "minvard.toml"
    path.write_text(filled, encoding="utf-8")
    config = load_config(path)
    assert config.matrix.staff_room == "!room:pilot.example"
    assert config.matrix.user_id == "@bot:pilot.example"
    assert config.matrix.admins == ("@admin:pilot.example",)
    assert config.storage.url.startswith("postgresql://")
    assert config.observability.listen.endswith(":9108")


@pytest.fixture(scope="module")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Any:
    server = start(tmp_path_factory.mktemp("synapse"))
    try:
        yield server
    finally:
        server.stop()


def test_provisioning_makes_the_staff_room_once_and_writes_the_bot_config(
    synapse: Homeserver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNAPSE_REGISTRATION_SHARED_SECRET", synapse.shared_secret)
    monkeypatch.setenv("MINVARD_MATRIX_PASSWORD", "the bot's own password")
    state, out = tmp_path / "provisioned" / "accounts.json", tmp_path / "provisioned" / "bot.toml"
    template = tmp_path / "template.toml"
    template.write_text(
        '[matrix]\nuser_id = "${bot_user_id}"\nstaff_room = "${staff_room}"\n'
        'admins = ["${admin_user_id}"]\n',
        encoding="utf-8",
    )
    args = [
        f"--homeserver={synapse.url}",
        f"--server-name={synapse.server_name}",
        f"--state={state}",
        f"--template={template}",
        f"--out={out}",
    ]
    assert synapse_accounts.main(args) == 0
    written = tomllib.loads(out.read_text(encoding="utf-8"))["matrix"]
    room = written["staff_room"]
    assert room.startswith("!") and written["user_id"] == synapse.user_id("bot")
    for path in (state, out):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "the bot's own password" not in out.read_text(encoding="utf-8")

    # The room is encrypted, the clinician is in it and the bot is invited.
    admin = synapse_accounts.login(
        synapse_accounts.Homeserver(synapse.url, synapse.server_name, synapse.shared_secret),
        "admin",
        json.loads(state.read_text(encoding="utf-8"))["accounts"]["admin"],
    )
    members = synapse.get(f"/_matrix/client/v3/rooms/{room}/members", admin)["chunk"]
    membership = {m["state_key"]: m["content"]["membership"] for m in members}
    assert membership[synapse.user_id("clinician")] == "join"
    assert membership[synapse.user_id("bot")] == "invite"
    encryption = synapse.get(f"/_matrix/client/v3/rooms/{room}/state/m.room.encryption", admin)
    assert encryption["algorithm"] == "m.megolm.v1.aes-sha2"

    # Run again (a restarted pilot): the same room, and the bot's password still logs in.
    assert synapse_accounts.main(args) == 0
    assert tomllib.loads(out.read_text(encoding="utf-8"))["matrix"]["staff_room"] == room
    server = synapse_accounts.Homeserver(synapse.url, synapse.server_name, synapse.shared_secret)
    assert synapse_accounts.login(server, "bot", "the bot's own password")
