"""Giving back to the system what the bot built and threw away.

Building the tone rules and the danger vocabulary, and the first messages, make many
short-lived objects (parsed YAML, tables merged into others, first-use caches). Python frees
them, but the C allocator keeps the freed pages in the process, so an idle bot stayed resident
about 6 MB above what it holds (issue 15: an idle bot within 150 MB). glibc's `malloc_trim`
hands free pages back; elsewhere (musl, macOS) nothing is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import time
from collections.abc import AsyncIterator, Callable

QUIET = 0.02
"""A look at the clock when the process used less than this share of a CPU is a quiet one."""


def _trimmer() -> Callable[[], object] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    return lambda: trim(0)


async def release_when_idle(every: float = 0.5) -> None:
    """Forever: after the process has worked (its start, a burst of messages) and then been
    quiet for `every` seconds, return the free pages once. Reads the process's CPU time only, so
    it needs to know nothing of what the bot does, and a busy bot is never interrupted."""
    trim = _trimmer()
    if trim is None:
        return
    worked = True  # the start itself
    last = time.process_time()
    while True:
        await asyncio.sleep(every)
        now = time.process_time()
        if now - last > every * QUIET:
            worked = True
        elif worked:
            trim()
            worked = False
            now = time.process_time()
        last = now


@contextlib.asynccontextmanager
async def releasing_when_idle() -> AsyncIterator[None]:
    """`release_when_idle` for as long as the block runs."""
    task = asyncio.create_task(release_when_idle())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
