"""`minvard check` and the start refuse a config that would crash later, naming file and key.

One style for every problem: `FILE: KEY: what is wrong` on stderr, a non-zero exit, no traceback,
and the bot does not start (nothing printed to a patient, no database made).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _minvard(*args: str, storage: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MINVARD_STORAGE_PATH=str(storage), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        input="hej\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


# (name, config file contents, what must follow "FILE: " in the message)
CONFIG_PROBLEMS: list[tuple[str, bytes, str]] = [
    (
        "unknown video placeholder",
        b'[escalation]\nvideo_url_template = "https://meet.example/{unit}-{room}"\n',
        "escalation.video_url_template: Value error, unknown placeholder {unit}",
    ),
    (
        "video placeholder reaching into attributes",
        b'[escalation]\nvideo_url_template = "https://meet.example/{room.__class__}"\n',
        "escalation.video_url_template: Value error, unknown placeholder {room.__class__}",
    ),
    (
        "unclosed brace in the video link",
        b'[escalation]\nvideo_url_template = "https://meet.example/{room"\n',
        "escalation.video_url_template: Value error, not a valid template",
    ),
    (
        "closure that ends before it starts",
        b"[hours]\nclosures = [\n"
        b'  { start = 2026-12-24, end = 2026-12-26, reason = "jul" },\n'
        b"  { start = 2026-12-31T12:00:00+01:00, end = 2026-12-31T08:00:00+01:00 },\n]\n",
        "hours.closures.1: ends before it starts",
    ),
    (
        "closure at the end of time",
        b"[hours]\nclosures = [{ start = 2026-12-01, end = 9999-12-31 }]\n",
        "hours.closures.0: ends more than two years from today",
    ),
    (
        "closure from the first year",
        b"[hours]\nclosures = [{ start = 0001-01-01, end = 2026-12-01 }]\n",
        "hours.closures.0: starts before the year 2000",
    ),
    (
        "two people for one shell role",
        b'[[shell.staff]]\nrole = "clinician"\nname = "Anna Lind"\n'
        b'[[shell.staff]]\nrole = "clinician"\nname = "Erik Nilsson"\n',
        "shell.staff: Value error, role 'clinician' is given to more than one person",
    ),
    (
        "a staff role the shell cannot read",
        b'[[shell.staff]]\nrole = "nurse"\nname = "Anna Lind"\n',
        "shell.staff.0.role: Value error, unknown role 'nurse'",
    ),
    (
        "a patient role as staff",
        b'[[shell.staff]]\nrole = "patient2"\nname = "Anna Lind"\n',
        "shell.staff.0.role: Value error, unknown role 'patient2'",
    ),
    (
        "a file in Latin-1",
        '[service]\n# Vårdcentralen\nname = "Min vård"\n'.encode("latin-1"),
        "line 2: not UTF-8 (byte 0xe5)",
    ),
    (
        "TOML syntax error",
        b'[service\nname = "Min v\xc3\xa5rd"\n',
        "not valid TOML: Expected ']'",
    ),
]


@pytest.mark.parametrize(
    ("contents", "message"),
    [pytest.param(c, m, id=n) for n, c, m in CONFIG_PROBLEMS],
)
def test_check_and_start_refuse_a_config_problem_naming_the_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    contents: bytes,
    message: str,
) -> None:
    config = tmp_path / "minvard.toml"
    config.write_bytes(contents)
    storage = tmp_path / "minvard.db"
    monkeypatch.setenv("MINVARD_STORAGE_PATH", str(storage))
    for command in ("check", "shell", "run"):
        # An exception here (the traceback it used to be) fails the test.
        assert main(["--config", str(config), command]) != 0, command
        printed = capsys.readouterr()
        assert f"{config}: {message}" in printed.err, (command, printed.err)
        assert "[bot →" not in printed.out, command
    assert not storage.exists()


def _storage_cases(tmp_path: Path) -> list[tuple[Path, str]]:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("inte en databas\n")
    not_a_database = tmp_path / "old.db"
    not_a_database.write_text("inte en databas heller\n")
    return [
        (tmp_path, f"{tmp_path} is a directory; give the database file's path"),
        (a_file / "data" / "minvard.db", f"the folder {a_file / 'data'} cannot be made: {a_file}"),
        # Not writable even for root: nothing can be made in /proc.
        (Path("/proc/minvard.db"), "nothing can be written in /proc"),
        (Path("/proc/minvard/data/minvard.db"), "the folder /proc/minvard/data cannot be made"),
        (
            not_a_database,
            f"{not_a_database} cannot be opened as a database: file is not a database",
        ),
    ]


def test_check_and_start_refuse_a_storage_path_that_cannot_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "minvard.toml"
    monkeypatch.delenv("MINVARD_STORAGE_PATH", raising=False)
    for path, problem in _storage_cases(tmp_path):
        config.write_text(f'[storage]\npath = "{path}"\n')
        for command in ("check", "shell", "run", "migrate"):
            assert main(["--config", str(config), command]) != 0, (path, command)
            printed = capsys.readouterr()
            assert f"{config}: storage.path: {problem}" in printed.err, (path, command)
            assert "[bot →" not in printed.out


def test_the_storage_path_from_the_environment_is_named_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MINVARD_STORAGE_PATH", str(tmp_path))
    assert main(["shell"]) == 2
    err = capsys.readouterr().err
    assert f"(defaults): storage.path (from MINVARD_STORAGE_PATH): {tmp_path} is a dir" in err


def test_the_real_command_refuses_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "minvard.toml"
    config.write_text('[escalation]\nvideo_url_template = "https://meet.example/{unit}"\n')
    result = _minvard("--config", str(config), "shell", storage=tmp_path / "minvard.db")
    assert result.returncode == 2
    assert f"{config}: escalation.video_url_template:" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    config.write_text(f'[storage]\npath = "{tmp_path}"\n')
    result = _minvard("--config", str(config), "run", storage=tmp_path)
    assert result.returncode == 2
    assert f"{config}: storage.path (from MINVARD_STORAGE_PATH): {tmp_path} is a directory" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_storage_folder_that_does_not_exist_yet_is_made_at_start(tmp_path: Path) -> None:
    storage = tmp_path / "new" / "folder" / "minvard.db"
    check = _minvard("check", storage=storage)
    assert "storage.path" not in check.stderr
    assert not (tmp_path / "new").exists(), "check leaves nothing behind"
    started = _minvard("shell", "--now", "2026-11-25T10:00:00+01:00", storage=storage)
    assert started.returncode == 0, started.stderr
    assert "Vilket språk vill du använda?" in started.stdout and storage.exists()


def test_a_config_that_is_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path), "check"]) == 2
    assert f"{tmp_path}: cannot be read:" in capsys.readouterr().err
