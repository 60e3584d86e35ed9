"""The lease on a platform account (storage/lease.py): one holder at a time on PostgreSQL, taken
over when the holder goes, and the holder's work stopped at once when its lease connection
drops; always held on SQLite."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from storage import is_postgres_url
from storage.lease import AdvisoryLease, AlwaysHeld, lease_key, leases
from storage.postgres_scratch import create_scratch_database, drop_scratch_database
from tests.postgres import server_or_skip


@pytest.fixture
def url() -> Iterator[str]:
    server = server_or_skip()
    made = create_scratch_database(server, "minvard_lease")
    try:
        yield made
    finally:
        drop_scratch_database(server, made)


async def _until(check: object, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "not within the time"
        await asyncio.sleep(0.02)


async def test_one_holder_and_the_other_takes_over_when_it_goes(url: str) -> None:
    first = AdvisoryLease(url, "telegram:123", interval=0.1)
    second = AdvisoryLease(url, "telegram:123", interval=0.1)
    other_bot = AdvisoryLease(url, "telegram:456", interval=0.1)
    first.start()
    await _until(lambda: first.held)
    for lease in (second, other_bot):
        lease.start()
    await _until(lambda: other_bot.held)  # another account is not in the way
    await asyncio.sleep(0.5)
    assert first.held and not second.held
    await first.close()  # its connection ends: the server frees the lock
    await _until(lambda: second.held, timeout=2.0)
    await second.close()
    await other_bot.close()


async def test_a_dropped_lease_connection_stops_the_work_at_once(url: str) -> None:
    lease = AdvisoryLease(url, "matrix:@minvard:example.org", interval=0.1)
    lease.start()
    runs: list[str] = []

    async def work() -> None:
        runs.append("started")
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            runs.append("stopped")
            raise

    running = asyncio.create_task(lease.run_while_held(work))
    await _until(lambda: runs == ["started"])
    # The server ends the lease's session (as when the network or the server fails).
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    await _until(lambda: "stopped" in runs, timeout=2.0)
    # It takes the lease again on a new connection, and the work starts anew.
    await _until(lambda: runs == ["started", "stopped", "started"], timeout=3.0)
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running
    await lease.close()


def test_every_process_finds_the_same_key_and_accounts_differ() -> None:
    assert lease_key("telegram:123") == lease_key("telegram:123")
    assert lease_key("telegram:123") != lease_key("telegram:456")
    assert -(2**63) <= lease_key("matrix:@minvard:example.org") < 2**63


async def test_on_sqlite_the_lease_is_always_held() -> None:
    lease = AlwaysHeld("telegram:123")
    done: list[bool] = []

    async def work() -> None:
        done.append(True)

    assert lease.held
    await lease.run_while_held(work)
    assert done == [True]


async def test_the_work_runs_under_the_lease_on_either_backend_and_stops_with_it(
    db_location: Path | str,
) -> None:
    """What `minvard run` does: a lease per account from `[storage] url` (none on SQLite)."""
    url = str(db_location) if is_postgres_url(db_location) else None
    ran: list[str] = []

    async def work() -> None:
        ran.append("telegram:123")

    async with leases(url, ["telegram:123", "jobs:default"]) as held:
        assert set(held) == {"telegram:123", "jobs:default"}
        await asyncio.wait_for(held["telegram:123"].run_while_held(work), 5.0)
        assert ran == ["telegram:123"] and held["telegram:123"].held
        if url is not None:
            # A second process on the same database waits while this one holds the account.
            other = AdvisoryLease(url, "telegram:123", interval=0.1)
            other.start()
            await asyncio.sleep(0.5)
            assert not other.held
            await other.close()
    if url is not None:
        after = AdvisoryLease(url, "telegram:123", interval=0.1)
        after.start()
        await _until(lambda: after.held, timeout=3.0)  # freed when the run ended
        await after.close()


async def test_a_stop_that_comes_as_a_round_ends_still_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stop must never hang. When close() came in the very loop turn in which the keeper's
    round ended (the server's answer and the stop together, as on a busy machine), Python
    3.11's wait_for swallowed the cancel: the keeper went on, and close(), with the process's
    shutdown, waited for it forever."""
    answered = asyncio.Event()
    stop = asyncio.Event()

    async def round_(self: AdvisoryLease) -> None:
        await answered.wait()
        stop.set()  # the stopper wakes in the same turn as the round's end

    monkeypatch.setattr(AdvisoryLease, "_round", round_)
    lease = AdvisoryLease("postgresql://unused", "telegram:123", interval=10.0)
    lease.start()

    async def stopper() -> None:
        await stop.wait()
        await lease.close()

    stopping = asyncio.create_task(stopper())
    await asyncio.sleep(0.01)  # the keeper waits for the server's answer
    answered.set()
    done, _ = await asyncio.wait({stopping}, timeout=2.0)
    stopping.cancel()  # when it hung: the cancel comes through this task's wait (and so ends it)
    assert stopping in done, "close() did not return: the keeper went on after the stop"
