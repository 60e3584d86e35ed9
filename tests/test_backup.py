"""`minvard backup` and `minvard restore`: a backup taken while patients write is whole, and a
fresh bot on the restored file carries on where the backup left off."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.cli import main
from storage.backup import BackupError, DatabaseInUse, Summary, backup, describe, restore
from tests.conftest import Chat, Clock, make_chat

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PATIENTS = 10


def _transitions_agree(path: Path) -> int:
    """Every case's state is where its event log's last transition took it: a case and its
    events are written in one transaction, so a consistent copy never splits them."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT c.id, c.state, (SELECT e.to_state FROM case_events e"
            " WHERE e.case_id = c.id ORDER BY e.id DESC LIMIT 1) FROM cases c"
        ).fetchall()
    for case_id, state, last in rows:
        assert state == last, f"case {case_id} is {state} but its log ends at {last}"
    return len(rows)


def _answers(path: Path, case_id: int) -> int:
    with closing(sqlite3.connect(path)) as conn:
        found = conn.execute("SELECT count(*) FROM answers WHERE case_id = ?", (case_id,))
        return int(found.fetchone()[0])


async def _load(chat: Chat) -> None:
    for n in range(2, PATIENTS + 2):
        # Two complaints, so the queue board shows whose is whose.
        complaint = "ont i halsen" if n % 2 else "feber och hosta"
        await chat.start_to_queue(f"patient{n}", complaint=complaint)


def _backups_until(done: threading.Event, source: Path, folder: Path) -> list[Summary]:
    taken: list[Summary] = []
    while not done.is_set():
        n = len(taken)
        taken.append(backup(source, folder / f"during-{n}.db", NOW))
    return taken


async def test_a_backup_under_load_is_whole_and_a_restored_bot_carries_on(
    tmp_path: Path, clock: Clock
) -> None:
    live = tmp_path / "live" / "minvard.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    chat = await make_chat(live, clock)
    try:
        done = threading.Event()
        copies = asyncio.create_task(asyncio.to_thread(_backups_until, done, live, folder))
        try:
            await _load(chat)
        finally:
            done.set()
        taken = await copies
        # Copies were taken while patients were being queued, not only before or after.
        queued = [s.cases.get("queued", 0) for s in taken]
        assert len(set(queued)) >= 3, queued
        checked = [_transitions_agree(summary.path) for summary in taken]
        assert max(checked) >= PATIENTS - 1

        # One patient is half-way through the questionnaire when the last backup is taken.
        if "Vilket språk" in await chat.say("patient: hej"):
            await chat.say("patient: 1")
        await chat.say("patient: 1")  # for myself
        await chat.say("patient: ont i halsen")
        for _ in range(2):
            first_answers = await chat.benign_answer("patient")
            assert first_answers is not None
            await chat.say(f"patient: {first_answers}")
        waiting = await chat.case_of("patient")
        assert waiting is not None and waiting.state == "intake", waiting
        saved = backup(live, folder / "last.db", NOW)
        assert saved.cases == {"intake": 1, "queued": PATIENTS}

        # The bot still runs: its file cannot be replaced, and is left as it was.
        with pytest.raises(DatabaseInUse):
            restore(saved.path, live, NOW)
        assert describe(live).cases == saved.cases

        fresh_path = tmp_path / "fresh" / "minvard.db"
        restored = restore(saved.path, fresh_path, NOW)
        assert restored.kept_aside == [] and restored.summary.cases == saved.cases
        fresh = await make_chat(fresh_path, Clock(clock.now))
        # Event ids are per run (the inbox would take the fresh shell's lines as redelivered).
        fresh.shell.run_id = "fresh"
        try:

            async def both(line: str) -> str:
                """The same line to both bots at the same time; what they answered, if alike."""
                fresh.clock.now = chat.clock.now
                answered = await fresh.say(line)
                assert answered == await chat.say(line), line
                return answered

            # The queue reads the same, in the same order.
            board = await both("clinician: !queue")
            assert board.count("#") >= PATIENTS, board
            # The waiting patient's next answer is taken up where the backup left it.
            answer = await chat.benign_answer("patient")
            assert answer is not None
            before = _answers(fresh_path, waiting.id)
            assert before == _answers(live, waiting.id) >= 2
            assert "[bot → patient]" in await both(f"patient: {answer}")
            assert _answers(fresh_path, waiting.id) == before + 1
            # The clinician takes the same first case from either bot.
            taken_first = await both("clinician: !next")
            assert "Du har tagit ärende #1." in taken_first
            assert "[bot → patient2] Nu är det din tur!" in taken_first
        finally:
            await fresh.db.close()
    finally:
        await chat.db.close()


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "MINVARD_STORAGE_PATH": str(db), "PYTHONPATH": str(ROOT)}


def _minvard(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        capture_output=True,
        text=True,
        env=_env(db),
        cwd=ROOT,
        timeout=120,
    )


def _cases(db: Path) -> int:
    if not db.exists():
        return 0
    with closing(sqlite3.connect(db, timeout=5)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def test_restore_is_refused_while_a_bot_runs_and_keeps_the_old_file_after(
    tmp_path: Path,
) -> None:
    db = tmp_path / "minvard.db"
    bot = subprocess.Popen(
        [sys.executable, "-m", "adapters.cli", "shell", "--now", "2026-11-25T10:00:00+01:00"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(db),
        cwd=ROOT,
    )
    try:
        assert bot.stdin is not None
        bot.stdin.write("hej\n")
        bot.stdin.flush()
        deadline = time.monotonic() + 60
        while _cases(db) == 0:
            assert time.monotonic() < deadline and bot.poll() is None, "the shell did not start"
            time.sleep(0.1)

        made = _minvard("backup", str(tmp_path / "copy.db"), db=db)
        assert made.returncode == 0, made.stderr
        assert "schema version" in made.stdout and "1 cases (1 intake)" in made.stdout

        before = db.read_bytes()
        refused = _minvard("restore", str(tmp_path / "copy.db"), db=db)
        assert refused.returncode == 1
        assert "running minvard process" in refused.stderr and "Stop the bot" in refused.stderr
        assert db.read_bytes() == before
        assert not list(tmp_path.glob("*.before-restore-*"))

        bot.stdin.write("1\n")
        bot.stdin.close()
        assert bot.wait(timeout=60) == 0
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()

    done = _minvard("restore", str(tmp_path / "copy.db"), db=db)
    assert done.returncode == 0, done.stderr
    assert "1 cases (1 intake)" in done.stdout
    kept = list(tmp_path.glob("minvard.db.before-restore-*"))
    assert len(kept) == 1 and str(kept[0]) in done.stdout
    # The old file is kept whole, with what was said after the backup.
    with closing(sqlite3.connect(kept[0])) as conn:
        assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] > 2
    assert describe(db).cases == {"intake": 1}


def test_bad_input_gets_a_message_that_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "minvard.db"
    monkeypatch.setenv("MINVARD_STORAGE_PATH", str(live))

    def run(*args: str) -> tuple[int, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    code, said = run("backup", str(tmp_path / "b.db"))
    assert code == 1 and "no database at" in said and "nothing to back up" in said

    code, said = run("restore", str(tmp_path / "missing.db"))
    assert code == 1 and "there is no file at" in said and "nothing was changed" in said
    assert not live.exists()

    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    code, said = run("restore", str(text))
    assert code == 1 and "is not an SQLite database" in said and "nothing was changed" in said

    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    code, said = run("restore", str(other))
    assert code == 1 and "not a minvard one" in said

    assert main(["migrate"]) == 0
    capsys.readouterr()
    code, said = run("backup", str(tmp_path / "good.db"))
    assert code == 0 and "integrity checked" in said
    newer = tmp_path / "newer.db"
    newer.write_bytes((tmp_path / "good.db").read_bytes())
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x')")
    code, said = run("restore", str(newer))
    assert code == 1 and "schema version 9999" in said and "newer minvard" in said
    assert not list(tmp_path.glob("*.before-restore-*"))

    # A backup onto something that is not a database leaves it alone.
    code, said = run("backup", str(text))
    assert code == 1 and "not a database" in said
    assert text.read_text(encoding="utf-8") == "not a database\n"
    code, said = run("backup", str(live))
    assert code == 1 and "live database itself" in said


def test_a_damaged_backup_is_refused_before_anything_is_replaced(tmp_path: Path) -> None:
    live = tmp_path / "minvard.db"
    source = tmp_path / "source.db"
    assert main(["--config", str(_config(tmp_path, source)), "migrate"]) == 0
    good = backup(source, tmp_path / "good.db", NOW)
    restore(good.path, live, NOW)
    damaged = tmp_path / "damaged.db"
    data = bytearray(good.path.read_bytes())
    page = 4096
    # A disk fault in a few table pages (their b-tree headers); the file header stays readable.
    for start in range(page * 3, min(len(data), page * 12), page):
        data[start : start + 8] = b"\xff" * 8
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        restore(damaged, live, NOW)
    assert describe(live).schema_version == good.schema_version
    assert not list(tmp_path.glob("*.before-restore-*"))


def _config(folder: Path, db: Path) -> Path:
    path = folder / "minvard.toml"
    path.write_text(f'[storage]\npath = "{db}"\n', encoding="utf-8")
    return path


def test_with_postgresql_backup_points_to_pg_dump_and_touches_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "minvard.toml"
    config.write_text(
        '[storage]\nurl = "postgresql://postgres@127.0.0.1:5432/postgres"\n'
        f'path = "{tmp_path / "unused.db"}"\n',
        encoding="utf-8",
    )
    assert main(["--config", str(config), "backup", str(tmp_path / "copy.db")]) == 2
    said = capsys.readouterr().err
    assert "pg_dump" in said and "docs/operations.md" in said
    assert main(["--config", str(config), "restore", str(tmp_path / "copy.db")]) == 2
    said = capsys.readouterr().err
    assert "pg_restore" in said and "docs/operations.md" in said
    assert list(tmp_path.iterdir()) == [config]
