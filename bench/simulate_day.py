"""How fast `minvard simulate` is: the default scenario through the queue orders.

Prints the report for the default scenario and the time `compare` takes (cold: the first run,
which also builds the holiday tables; warm: the median of the repeats).

    .venv/bin/python bench/simulate_day.py [--days 7] [--seed 1] [--repeat 5] [--load 1.0]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.hours import StaffedCalendar
from bot.simulation import Scenario, compare
from bot.simulation_report import report

# A Monday, so a week covers five weekdays and a weekend.
START = datetime(2026, 11, 23, 0, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--load", type=float, default=1.0, help="multiply the arrival rates")
    args = parser.parse_args()

    base = Scenario.default(START, days=args.days, seed=args.seed)
    scenario = dataclasses.replace(
        base, arrivals_per_hour={h: r * args.load for h, r in base.arrivals_per_hour.items()}
    )
    calendar = StaffedCalendar()
    timings = []
    results = []
    for _ in range(max(1, args.repeat)):
        began = time.perf_counter()
        results = compare(scenario, calendar)
        timings.append(time.perf_counter() - began)
    cases = len(results[0].cases) if results else 0
    if cases == 0:
        # No arrivals (a load of 0, a scenario without hours) times nothing worth a figure.
        print("set-up failed: the scenario brought no cases", file=sys.stderr)
        raise SystemExit(1)
    print(report(results, calendar))
    warm = statistics.median(timings[1:]) if len(timings) > 1 else timings[0]
    print(
        f"compare, {len(results)} policies, {args.days} days, {cases} cases: "
        f"cold {timings[0] * 1000:.0f} ms, warm median {warm * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
