"""How big and how quick `minvard shell` is: start to first answer, and resident memory when idle.

Starts `minvard shell` as a separate process, as an operator would (embedded defaults, the
database in a fresh temporary data dir), writes "hej" at once and times the bot's first answer.
Then it takes the patient through a few lines (by default up to one in English, so the language
detector is used and a detector loaded lazily is counted too), waits for each answer, lets the
process idle and reads its resident memory from /proc: VmRSS (now) and VmHWM (the peak).

The runs share one data dir (a fresh database each run), as an installed bot does: the first run
builds the lexicon and leaves it in the data dir's cache (bot/moderation/cache.py), later runs
read it. The first run is marked "cold"; --cold gives every run a fresh data dir.

    .venv/bin/python bench/footprint.py                      # the defaults
    .venv/bin/python bench/footprint.py --accuracy high       # compare a setting
    .venv/bin/python bench/footprint.py --detector langdetect --runs 3
    .venv/bin/python bench/footprint.py --check              # exit 1 over 150 MB or 1.5 s
    .venv/bin/python bench/footprint.py --checkout /tmp/old  # another tree, e.g. `git archive`

Any --detector/--accuracy writes a config with only that [language] section (the rest stays
the embedded defaults). Exits 1 with a clear message when the shell never answers.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
TARGET_RSS_MB = 150.0
TARGET_START_S = 1.5
# "hej" opens the language menu; "1" Swedish, "1" myself, then a sentence in English at the age
# question: it passes the language detector (an offer to switch is expected) and is answered.
DEFAULT_LINES = ("1", "1", "I have had a sore throat for three days")
OFFER = "Would you rather write in English?"


class NoAnswer(Exception):
    """The shell did not answer (in time, or at all)."""


@dataclass
class Run:
    start_s: float
    line_s: list[float]
    rss_mb: float
    hwm_mb: float
    cpu_s: float
    offered: bool


class Reader:
    """Lines from the child's stdout with the time each arrived, read on a thread."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: queue.Queue[tuple[float, str] | None] = queue.Queue()
        self.seen: list[str] = []
        thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
        self.lines.put(None)

    def answer(self, timeout: float, quiet: float) -> float:
        """When the first line of the next answer arrived; then waits until `quiet` s pass
        without output, so the whole answer is read before the next line is sent."""
        first = self._next(timeout)
        while True:
            try:
                self._next(quiet)
            except NoAnswer:
                return first
            except EOFError:
                return first

    def _next(self, timeout: float) -> float:
        try:
            item = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise NoAnswer(f"no output for {timeout:g} s") from None
        if item is None:
            raise EOFError
        self.seen.append(item[1])
        return item[0]


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of the process in MB, from /proc."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024  # kB
    return fields["VmRSS"], fields["VmHWM"]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used: unlike the wall clock, it hardly moves
    when others load the machine."""
    # The command name (field 2) may hold spaces; the fields after its ")" are fixed.
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(args: argparse.Namespace, minvard: list[str], data: str) -> Run:
    for old in Path(data).glob("minvard.db*"):
        old.unlink()
    command = list(minvard)
    if args.detector or args.accuracy:
        config = Path(data) / "minvard.toml"
        section = ["[language]"]
        if args.detector:
            section.append(f'detector = "{args.detector}"')
        if args.accuracy:
            section.append(f'accuracy = "{args.accuracy}"')
        config.write_text("\n".join(section) + "\n")
        command += ["--config", str(config)]
    command.append("shell")
    env = {**os.environ, "MINVARD_STORAGE_PATH": str(Path(data) / "minvard.db")}
    began = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=data,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    reader = Reader(child.stdout)
    try:
        child.stdin.write("hej\n")
        child.stdin.flush()
        start_s = reader.answer(args.timeout, args.quiet) - began
        line_s = []
        for line in args.lines:
            sent = time.perf_counter()
            child.stdin.write(line + "\n")
            child.stdin.flush()
            line_s.append(reader.answer(args.timeout, args.quiet) - sent)
        time.sleep(args.idle)
        if child.poll() is not None:
            raise EOFError
        rss, hwm = memory_mb(child.pid)
        cpu = cpu_seconds(child.pid)
    except (NoAnswer, EOFError) as exc:
        child.kill()
        _, err = child.communicate(timeout=10)
        why = str(exc) or f"it exited with {child.returncode}"
        tail = "\n".join(err.strip().splitlines()[-15:])
        raise NoAnswer(f"`{' '.join(command)}` never answered: {why}\n{tail}") from None
    child.stdin.close()
    try:
        child.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    return Run(start_s, line_s, rss, hwm, cpu, any(OFFER in line for line in reader.seen))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detector", choices=["lingua", "langdetect", "none"])
    parser.add_argument("--accuracy", choices=["high", "low"])
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are printed")
    parser.add_argument("--idle", type=float, default=2.0, help="seconds idle before reading")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for answers")
    parser.add_argument(
        "--quiet", type=float, default=0.5, help="silence (s) that ends an answer of several lines"
    )
    parser.add_argument(
        "--lines", nargs="*", default=list(DEFAULT_LINES), help="patient lines after 'hej'"
    )
    parser.add_argument("--checkout", type=Path, help="run the code in this source tree instead")
    parser.add_argument(
        "--cold", action="store_true", help="a fresh data dir (no lexicon cache) every run"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when over the targets")
    args = parser.parse_args(argv)
    if args.checkout is not None:
        # That tree's modules come before the installed (editable) ones on sys.path.
        code = "import sys; from adapters.cli import main; sys.exit(main())"
        minvard = [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(args.checkout.resolve())!r}); {code}",
        ]
    else:
        script = Path(sys.executable).parent / "minvard"
        if not script.exists():
            print(
                f"no {script}: install the project into this Python's environment", file=sys.stderr
            )
            return 2
        minvard = [str(script)]
    runs = []
    shared = tempfile.TemporaryDirectory(prefix="minvard-footprint-")
    for number in range(1, args.runs + 1):
        fresh = tempfile.TemporaryDirectory(prefix="minvard-footprint-") if args.cold else None
        data = (fresh or shared).name
        cold = not (Path(data) / "cache").exists()
        try:
            run = one_run(args, minvard, data)
        except NoAnswer as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
        finally:
            if fresh is not None:
                fresh.cleanup()
        runs.append(run)
        lines = " ".join(f"{s * 1000:.0f}" for s in run.line_s)
        print(
            f"run {number}: first answer {run.start_s:.2f} s; later lines (ms) {lines};"
            f" idle VmRSS {run.rss_mb:.0f} MB, VmHWM {run.hwm_mb:.0f} MB; CPU {run.cpu_s:.2f} s;"
            f" switch offered: {'yes' if run.offered else 'no'}{' (cold)' if cold else ''}"
        )
    start = statistics.median(r.start_s for r in runs)
    rss = statistics.median(r.rss_mb for r in runs)
    hwm = statistics.median(r.hwm_mb for r in runs)
    cpu = statistics.median(r.cpu_s for r in runs)
    shared.cleanup()
    setting = f"detector={args.detector or 'default'} accuracy={args.accuracy or 'default'}"
    print(
        f"median of {len(runs)} ({setting}): start to first answer {start:.2f} s"
        f" (target ≤ {TARGET_START_S} s), idle VmRSS {rss:.0f} MB, VmHWM {hwm:.0f} MB"
        f" (target ≤ {TARGET_RSS_MB:.0f} MB); CPU used by then {cpu:.2f} s"
    )
    if args.check and (start > TARGET_START_S or rss > TARGET_RSS_MB or hwm > TARGET_RSS_MB):
        print("over the targets", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
