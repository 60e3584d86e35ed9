"""A PNG of the day's waits per priority against the targets, for the daily summary."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from bot.queue import TARGET_MINUTES


def waits_png(waits: Mapping[int, Sequence[float]], title: str, wait_label: str) -> bytes:
    """Box plots of waits (minutes) per priority, with each priority's target as a line."""
    # Imported here: matplotlib takes most of a second to load, and only this job draws.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    priorities = [p for p in sorted(waits) if waits[p]]
    figure, axes = pyplot.subplots(figsize=(6, 3.2), dpi=100)
    try:
        if priorities:
            axes.boxplot([list(waits[p]) for p in priorities], showfliers=True)
            axes.set_xticks(range(1, len(priorities) + 1), [f"P{p}" for p in priorities])
            for position, priority in enumerate(priorities, 1):
                target = TARGET_MINUTES.get(priority)
                if target is not None and target <= 24 * 60:
                    axes.hlines(target, position - 0.4, position + 0.4, colors="red")
        axes.set_title(title)
        axes.set_ylabel(wait_label)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        pyplot.close(figure)
