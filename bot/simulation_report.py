"""The simulation's report for managers (`minvard simulate`): waits per priority and order,
whether P2 keeps its target, and how many clinicians would keep it. The simulation itself is
`bot/simulation.py`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.hours import StaffedCalendar
from bot.queue import DEFAULT_AGING, TARGET_MINUTES, Priority
from bot.simulation import (
    PRIORITIES,
    Policy,
    Result,
    Scenario,
    generate_arrivals,
    percentile,
    simulate,
)


def _duration(minutes: float) -> str:
    if minutes < 100:
        return f"{minutes:.0f}m"
    return f"{minutes / 60:.1f}h"


def _hour_runs(per_hour: Mapping[int, int]) -> str:
    runs: list[tuple[int, int, int]] = []  # (first hour, last hour, count)
    for hour in range(24):
        count = per_hour.get(hour, 0)
        if runs and runs[-1][2] == count and runs[-1][1] == hour - 1:
            runs[-1] = (runs[-1][0], hour, count)
        else:
            runs.append((hour, hour, count))
    parts = [f"{a:02d}-{b + 1:02d} {c}" for a, b, c in runs if c > 0]
    return ", ".join(parts) if parts else "nobody"


def keeps_p2_target(result: Result) -> bool:
    """Whether P2 stays within its target: 90% of P2 cases (the p90) taken within 60 staffed
    minutes. True when there were no P2 cases."""
    waits = result.waits_staffed.get(int(Priority.P2))
    return not waits or percentile(waits, 90) <= TARGET_MINUTES[int(Priority.P2)]


def clinicians_needed(
    scenario: Scenario,
    calendar: StaffedCalendar,
    most: int = 12,
    *,
    aging: Mapping[int, float] = DEFAULT_AGING,
    policy: Policy = "ours",
) -> int | None:
    """The fewest clinicians, the same number in every staffed hour, with which `policy` (our
    order by default) keeps P2 within its target on the scenario's arrivals; None if `most` are
    not enough."""
    arrivals = generate_arrivals(scenario, calendar.tz)
    for clinicians in range(1, most + 1):
        staffed = scenario.with_clinicians(clinicians)
        if keeps_p2_target(simulate(staffed, calendar, policy, aging=aging, arrivals=arrivals)):
            return clinicians
    return None


def p2_verdict(result: Result, needed: int | None = None) -> str:
    """One line: does P2 stay within its target under `result`'s policy (see `keeps_p2_target`)?
    `needed`, from `clinicians_needed`, is named when it does not."""
    target = TARGET_MINUTES[int(Priority.P2)]
    waits = result.waits_staffed.get(int(Priority.P2))
    if not waits:
        return f"P2: no P2 cases in this scenario, nothing to say about its {target}-minute target."
    share = result.within_target()[int(Priority.P2)]
    numbers = (
        f"{share:.0%} taken within {target} staffed minutes, p90 {_duration(percentile(waits, 90))}"
    )
    if keeps_p2_target(result):
        return f"P2 stays within its {target}-minute target under {result.policy} ({numbers})."
    advice = "add clinicians, first in the hours after opening"
    if needed is not None:
        advice = f"{needed} clinicians in every staffed hour would keep it"
    return (
        f"P2 does NOT stay within its {target}-minute target under {result.policy} ({numbers}): "
        f"{advice}."
    )


def report(
    results: Sequence[Result],
    calendar: StaffedCalendar | None = None,
    *,
    live: Policy = "ours",
) -> str:
    """A plain-text table for managers: median, p90, p95 and max wait per priority per policy,
    the share within target and the cases left waiting, then whether P2 keeps its target under
    the `live` order (the one the unit's `[queue] tie_break` runs). Given the `calendar` the
    results were run on, a P2 that misses its target comes with the staffing that would keep it
    (`clinicians_needed`; a few more runs)."""
    if not results:
        return "No results."
    first = results[0]
    scenario = first.scenario
    counts = first.counts()
    lines = [
        f"Simulated {scenario.days} day(s) from {scenario.start:%a %Y-%m-%d %H:%M %Z}, "
        f"seed {scenario.seed}: {len(first.cases)} cases "
        f"({', '.join(f'P{p} {n}' for p, n in counts.items() if n)}).",
        f"Clinicians on duty while open: {_hour_runs(scenario.clinicians_per_hour)}.",
        "Waits are staffed time (only time while the unit is open counts) from arrival until a",
        "clinician takes the case. 'in target': share taken within the target (P1 15m, P2 60m,",
        "P3 4h staffed; P4 2 days on the clock; P5 has none).",
        "Orders: ours = DESIGN 6 (ageing; at effective P2 cases triaged P2 first, then aged ones;",
        "other ties by arrival); ours-arrival = ours with every tie by arrival ([queue] tie_break",
        '= "arrival"); strict = priority, then arrival; fcfs = arrival only.',
        "",
    ]
    header = f"{'prio':<5}{'policy':<13}{'cases':>6}{'median':>8}{'p90':>8}{'p95':>8}{'max':>8}"
    header += f"{'in target':>11}{'waiting':>9}"
    lines += [header, "-" * len(header)]
    for priority in PRIORITIES:
        if not counts.get(priority):
            continue
        for index, result in enumerate(results):
            waits = result.waits_staffed.get(priority, [])
            share = result.within_target().get(priority)
            label = f"P{priority}" if index == 0 else ""
            cells = [percentile(waits, q) for q in (50, 90, 95, 100)] if waits else []
            row = f"{label:<5}{result.policy:<13}{len(waits):>6}"
            row += "".join(f"{_duration(c):>8}" for c in cells) or f"{'-':>32}"
            row += f"{'-' if share is None else f'{share:.0%}':>11}"
            row += f"{result.waiting_counts()[priority]:>9}"
            lines.append(row)
    judged = next((r for r in results if r.policy == live), first)
    needed = None
    if calendar is not None and not keeps_p2_target(judged):
        needed = clinicians_needed(
            judged.scenario, calendar, aging=judged.aging, policy=judged.policy
        )
    lines += ["", p2_verdict(judged, needed)]
    return "\n".join(lines) + "\n"
