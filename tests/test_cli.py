"""The real `minvard` command in a subprocess: a scripted conversation, kills, check, defaults."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = (ROOT / "examples" / "journey.txt").read_text(encoding="utf-8").splitlines()
NOW = "2026-11-25T10:00:00+01:00"


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MINVARD_STORAGE_PATH"] = str(db)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _minvard(
    *args: str, db: Path, stdin: str = "", cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(db),
        cwd=cwd,
        timeout=120,
    )


def _assert_complete_record(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        state, outcome = conn.execute("SELECT state, close_outcome FROM cases").fetchone()
        assert (state, outcome) == ("closed", "advice")
        roles = dict(conn.execute("SELECT author_role, count(*) FROM messages GROUP BY 1"))
        assert roles["patient"] >= 25 and roles["clinician"] == 2 and roles["note"] == 1
        assert roles["bot"] >= 25
        # Each patient line is in the record exactly once.
        assert conn.execute("SELECT count(*) FROM messages WHERE body = 'tack!'").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] >= 19
        transitions = [
            r[0]
            for r in conn.execute(
                "SELECT to_state FROM case_events"
                " WHERE from_state IS NULL OR from_state != to_state ORDER BY id"
            )
        ]
        assert transitions == ["intake", "queued", "active", "closed"]
        audit = [r[0] for r in conn.execute("SELECT action FROM audit WHERE case_id = 1")]
        assert audit[:2] == ["take", "read_summary"] and "note" in audit and "close" in audit
        assert conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0] == 0


def test_a_piped_conversation_goes_from_first_message_to_close(tmp_path: Path) -> None:
    db = tmp_path / "journey.db"
    result = _minvard("shell", "--now", NOW, db=db, stdin="\n".join(SCRIPT) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("[bot → patient] Välkommen till Min vård!")
    assert "[bot → staff] Nytt ärende #1" in out
    assert "[bot → patient] Nu är det din tur! Anna Lind, sjuksköterska" in out
    assert "[patient → clinician] Hej! Ja, det gör ont när jag sväljer." in out
    assert "[clinician → patient] Har du haft svårt att andas?" in out
    assert "[bot → patient] Ärendet är nu avslutat." in out
    _assert_complete_record(db)


def _handled(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=5) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM inbox").fetchone()[0])
        except sqlite3.OperationalError:  # not migrated yet
            return 0


def test_killing_the_process_between_steps_loses_nothing(tmp_path: Path) -> None:
    """SIGKILL after random acknowledged lines, start again, go on: the same complete record.

    A line counts as acknowledged once its event is in the inbox, which is committed together
    with its effects and its outgoing messages; whatever was not yet printed when the process
    died is printed by the next start (the outbox).
    """
    db = tmp_path / "killed.db"
    rng = random.Random(20261125)
    remaining = [line for line in SCRIPT if line.strip()]
    handled = 0
    kills = 0
    while remaining:
        proc = subprocess.Popen(
            [sys.executable, "-m", "adapters.cli", "shell", "--now", NOW],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_env(db),
            cwd=ROOT,
        )
        assert proc.stdin is not None
        for _ in range(min(rng.randint(1, 8), len(remaining))):
            proc.stdin.write(remaining.pop(0) + "\n")
            proc.stdin.flush()
            handled += 1
            deadline = time.monotonic() + 30
            while _handled(db) < handled:
                assert time.monotonic() < deadline, "a line was never handled"
                time.sleep(0.005)
        if remaining:
            time.sleep(rng.random() * 0.02)
            proc.send_signal(signal.SIGKILL)
            kills += 1
        else:
            proc.stdin.close()
        proc.wait(timeout=60)
    assert kills >= 3
    assert _handled(db) == handled
    _assert_complete_record(db)


def test_run_without_a_config_starts_the_terminal_chat_on_a_data_file(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.pop("MINVARD_STORAGE_PATH", None)
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "run"],
        input="hej\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Vilket språk vill du använda?" in result.stdout
    assert (tmp_path / "data" / "minvard.db").exists()


def test_check_passes_on_the_shipped_files_and_names_the_key_of_a_bad_config(
    tmp_path: Path,
) -> None:
    ok = _minvard("check", db=tmp_path / "c.db")
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('[hours]\nweekday = ["16:00", "08:00"]\n[service]\nlanguages = ["sv", "de"]\n')
    result = _minvard("--config", str(bad), "check", db=tmp_path / "c.db")
    assert result.returncode == 2
    assert f"{bad}: hours.weekday:" in result.stderr
    assert f"{bad}: service.languages:" in result.stderr


def _broken_flows(tmp_path: Path) -> Path:
    """A config whose one questionnaire has a dangling enableWhen: its question would be skipped."""
    flows = tmp_path / "flows"
    flows.mkdir()
    text = {"sv": "Har du feber?", "en": "Do you have a fever?", "fi": "Onko sinulla kuumetta?"}
    (flows / "general.yaml").write_text(
        "id: general\n"
        "url: https://example.org/q\n"
        'version: "1"\n'
        'rules_version: "1"\n'
        f"title: {text}\n"
        "default_outcome: P4\n"
        "item:\n"
        "  - linkId: fever\n"
        "    type: boolean\n"
        f"    text: {text}\n"
        "    enableWhen: [{question: no_such_question, operator: exists, answerBoolean: true}]\n"
        "rules: []\n",
        encoding="utf-8",
    )
    config = tmp_path / "c.toml"
    config.write_text(f'[flows]\ndirectory = "{flows}"\n')
    return config


def test_check_names_the_file_and_linkid_of_a_broken_questionnaire(tmp_path: Path) -> None:
    config = _broken_flows(tmp_path)
    result = _minvard("--config", str(config), "check", db=tmp_path / "c.db")
    assert result.returncode == 1
    assert "general.yaml" in result.stderr and "no_such_question" in result.stderr


def test_run_and_shell_refuse_a_questionnaire_that_check_rejects(tmp_path: Path) -> None:
    # Started anyway, the bot would skip the question and queue the case at the default P4.
    config = _broken_flows(tmp_path)
    checked = _minvard("--config", str(config), "check", db=tmp_path / "c.db")
    said = [line for line in checked.stderr.splitlines() if "general.yaml" in line]
    assert any("enableWhen" in line and "no_such_question" in line for line in said), said
    for command in ("shell", "run"):
        db = tmp_path / f"{command}.db"
        result = _minvard("--config", str(config), command, "--now", NOW, db=db, stdin="hej\n")
        assert result.returncode != 0, result.stdout
        for line in said:
            assert line in result.stderr.splitlines()
        assert "[bot → patient]" not in result.stdout
        assert not db.exists()


def test_simulate_compares_the_four_orders(tmp_path: Path) -> None:
    result = _minvard("simulate", "--start", "2026-11-23", "--days", "2", db=tmp_path / "s.db")
    assert result.returncode == 0, result.stderr
    words = set(result.stdout.split())
    assert {"ours", "ours-arrival", "fcfs", "strict", "P1", "P2", "P5"} <= words
    assert "60-minute target under ours (" in result.stdout


def test_simulate_judges_p2_under_the_configured_tie_break(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[queue]\ntie_break = "arrival"\n')
    result = _minvard(
        "--config",
        str(config),
        "simulate",
        "--start",
        "2026-11-23",
        "--days",
        "2",
        db=tmp_path / "s.db",
    )
    assert result.returncode == 0, result.stderr
    assert "60-minute target under ours-arrival (" in result.stdout


def test_flows_doc_prints_a_clinician_readable_overview(tmp_path: Path) -> None:
    result = _minvard("flows", "doc", "general", db=tmp_path / "d.db")
    assert result.returncode == 0, result.stderr
    assert "`rf_chest` · **RÖD FLAGGA**" in result.stdout
    missing = _minvard("flows", "doc", "nonexistent", db=tmp_path / "d.db")
    assert missing.returncode == 1 and "general" in missing.stdout


def test_a_standard_fhir_questionnaire_from_outside_runs_in_the_shell(tmp_path: Path) -> None:
    import json

    flows = tmp_path / "flows"
    flows.mkdir()
    outside = {
        "resourceType": "Questionnaire",
        "id": "AllergyCheck",
        "url": "https://example.org/fhir/Questionnaire/allergy-check",
        "version": "2.1",
        "status": "active",
        "language": "en",
        "title": "Allergy check",
        "item": [
            {"linkId": "itchy", "type": "boolean", "text": "Is it itchy?", "required": True},
            {
                "linkId": "hours",
                "type": "integer",
                "text": "How many hours ago did it start?",
                "enableWhen": [{"question": "itchy", "operator": "=", "answerBoolean": True}],
            },
            {"linkId": "more", "type": "text", "text": "Anything else?"},
        ],
    }
    (flows / "allergy.json").write_text(json.dumps(outside), encoding="utf-8")
    config = tmp_path / "c.toml"
    # An English-only questionnaire: the service offers English only, so every text exists.
    config.write_text(
        '[service]\nlanguages = ["en"]\ndefault_language = "en"\n'
        f'[flows]\ndirectory = "{flows}"\ndefault = "AllergyCheck"\n'
    )
    assert _minvard("--config", str(config), "check", db=tmp_path / "x.db").returncode == 0
    script = ["hello", "1", "1", "34", "My arm itches"] + ["no"] * 11 + ["yes", "5", "-", "send"]
    script += ["clinician: !next"]
    result = _minvard(
        "--config",
        str(config),
        "shell",
        "--now",
        NOW,
        db=tmp_path / "x.db",
        stdin="\n".join(script) + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Is it itchy?" in result.stdout and "How many hours ago did it start?" in result.stdout
    assert "[bot → patient] Thank you! Your case has been sent" in result.stdout
    assert "(AllergyCheck version 2.1," in result.stdout
