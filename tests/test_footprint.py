"""What keeps `minvard shell` small and quick to start (issue 15: ≤ 150 MB idle, ≤ 1.5 s):
a config without e-ID, SMS or metrics never loads their libraries, and a second start reads the
built lexicon from the data dir instead of building it (bench/footprint.py measures the rest)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The e-ID stack, the HTTP client and server, and the old automaton: tens of MB between them.
HEAVY = ("aiohttp", "joserfc", "cryptography", "httpx", "ahocorasick", "apscheduler")


def _shell(data: Path, lines: str, config: Path | None = None) -> str:
    """Runs `minvard shell` on `lines`; the modules it had loaded at the end, one a line."""
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: sys.stderr.write('LOADED ' + ' '.join(sorted(m for m in"
        f" {HEAVY!r} if m in sys.modules)) + '\\n'))\n"
        "from adapters.cli import main\n"
        f"sys.exit(main({['--config', str(config)] if config else []!r} + ['shell']))\n"
    )
    env = {**os.environ, "MINVARD_STORAGE_PATH": str(data / "minvard.db"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        cwd=data,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    [loaded] = [line for line in done.stderr.splitlines() if line.startswith("LOADED")]
    return loaded.removeprefix("LOADED").strip()


def test_the_default_shell_loads_no_e_id_http_or_scheduler_library(tmp_path: Path) -> None:
    assert _shell(tmp_path, "hej\n1\n") == ""


def test_e_id_and_metrics_are_loaded_when_configured(tmp_path: Path) -> None:
    config = tmp_path / "minvard.toml"
    config.write_text('[observability]\nlisten = "127.0.0.1:0"\n', encoding="utf-8")
    assert "aiohttp" in _shell(tmp_path, "hej\n", config).split()


def test_a_second_start_reads_the_lexicon_its_first_start_built(tmp_path: Path) -> None:
    _shell(tmp_path, "hej\n")
    [cached] = (tmp_path / "cache").glob("lexicon-*.bin")
    written = cached.stat().st_mtime_ns
    _shell(tmp_path, "hej\n")
    assert [p.stat().st_mtime_ns for p in (tmp_path / "cache").glob("lexicon-*.bin")] == [written]
