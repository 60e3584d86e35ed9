"""Fixtures for the Matrix tests: one real Synapse per session, and one world of people per test
(the harness itself is testkit.matrix, shared with bench/matrix_relay.py)."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from testkit.matrix import World
from testkit.synapse_server import Homeserver, start

_names = itertools.count(1)


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Homeserver]:
    server = start(tmp_path_factory.mktemp("synapse"))
    print(f"\nSynapse ready in {server.started_in:.2f} s at {server.url}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def world(synapse: Homeserver, tmp_path: Path) -> AsyncIterator[World]:
    world = World(synapse, tmp_path, prefix=f"_{next(_names)}_{int(time.time() * 1000) % 100000}")
    try:
        yield world
    finally:
        await asyncio.wait_for(world.close(), 60)
