"""Input that used to stop the whole bot (a traceback, exit 1) is answered, and the bot goes on.

Each runs the real `minvard shell` in a subprocess: a crash there is the bot gone for everyone.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import Chat

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-25T10:00:00+01:00"
LANGUAGE_MENU = "[bot → patient] Välkommen till Min vård! Vilket språk vill du använda?"


def _shell(
    db: Path, stdin: bytes, *args: str, config: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, MINVARD_STORAGE_PATH=str(db), PYTHONPATH=str(ROOT))
    before = ["--config", str(config)] if config is not None else []
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *before, "shell", "--now", NOW, *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def _went_on(result: subprocess.CompletedProcess[bytes]) -> str:
    """The run ended at EOF, not in a crash; what it printed."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr, stderr
    return result.stdout.decode("utf-8")


def _closures(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return [tuple(row) for row in conn.execute("SELECT starts_at, ends_at FROM closures")]


def test_bytes_that_are_not_utf8_are_read_and_answered(tmp_path: Path) -> None:
    db = tmp_path / "bytes.db"
    # A terminal in Latin-1 ("värk" as one byte for ä), then a stray binary byte, then UTF-8.
    stdin = b"hej, jag har v\xe4rk\n\xff\xfe\n1\n"
    out = _went_on(_shell(db, stdin))
    assert LANGUAGE_MENU in out
    # The lines after the bad bytes are still read: the language was chosen.
    assert "Vem söker du vård för?" in out
    with sqlite3.connect(db) as conn:
        bodies = [
            row[0]
            for row in conn.execute("SELECT body FROM messages WHERE author_role = 'patient'")
        ]
    assert "hej, jag har v\ufffdrk" in bodies


def test_a_closure_to_the_end_of_time_is_refused_kindly(tmp_path: Path) -> None:
    db = tmp_path / "overflow.db"
    stdin = "admin: !closed 2026-12-01 9999-12-31 underhåll\nhej\n".encode()
    out = _went_on(_shell(db, stdin))
    assert "[bot → admin] 9999-12-31 går inte att lägga in" in out
    assert "Stämmer årtalet?" in out
    assert LANGUAGE_MENU in out  # the next person is answered
    assert _closures(db) == []


def test_a_closure_that_ends_before_it_starts_is_refused_naming_both_dates(
    tmp_path: Path,
) -> None:
    db = tmp_path / "reversed.db"
    stdin = (
        "admin: !closed 2026-12-05 2026-12-01 jul\n"
        "admin: !closed 2026-12-05T16:00 2026-12-05T12:00 möte\n"
        "admin: !closed 0001-01-01 2026-12-01 hela tiden\n"
        "admin: !closed 2026-12-05 2026-12-05 utbildning\n"
    ).encode()
    out = _went_on(_shell(db, stdin))
    assert "Stängningen slutar (2026-12-01) innan den börjar (2026-12-05)" in out
    assert "Stängningen slutar (2026-12-05T12:00) innan den börjar (2026-12-05T16:00)" in out
    assert "0001-01-01 går inte att lägga in" in out
    # A whole day from and to the same date is one day, and is added.
    assert "Stängt 2026-12-05 00.00 – 2026-12-06 00.00 är inlagt" in out
    assert len(_closures(db)) == 1


def test_a_video_link_with_a_placeholder_the_bot_does_not_know_stops_the_start_not_the_visit(
    tmp_path: Path,
) -> None:
    # Before, the shell started and the clinician's `!video` ended the bot with a KeyError.
    config = tmp_path / "video.toml"
    config.write_text('[escalation]\nvideo_url_template = "https://meet.example/{unit}/{room}"\n')
    result = _shell(tmp_path / "video.db", b"hej\n", config=config)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert f"{config}: escalation.video_url_template:" in stderr and "{unit}" in stderr
    assert "Traceback" not in stderr and result.stdout == b""


async def test_lexicon_words_only_in_our_languages_and_of_three_letters(chat: Chat) -> None:
    printed = await chat.say("admin: !lexicon add de insult 2 word dummkopf")
    assert "Regler kan bara läggas till för sv, en och fi, inte för de." in printed
    printed = await chat.say("admin: !lexicon add sv insult 2 word ko")
    assert "Mönstret ko är för kort: det behöver minst 3 bokstäver" in printed
    assert await chat.repos(lambda r: r.lexicon.count_added()) == 0
    printed = await chat.say("admin: !lexicon add sv insult 2 word fårskalle")
    assert "Regel admin.sv.1 är tillagd" in printed
