"""The case lifecycle and the intake steps as tables (bot/lifecycle.py): the tables hang
together, match what the database stores, and a move the table lacks, or one someone else made
first, is refused with the case left as it was."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest

from bot.lifecycle import (
    MOVES,
    NEXT_STEPS,
    OPEN,
    START,
    CaseEvent,
    CaseState,
    IntakeStep,
    RefusedTransition,
    next_state,
    transition,
)
from storage import open_database
from storage.database import Transaction
from storage.metrics_queries import CASE_STATES
from storage.records import OPEN_STATES, Address, Case
from storage.repositories import Repositories

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PATIENT = Address("test", "p1")
NURSE = Address("test", "nurse")
T = TypeVar("T")


def _reachable(start: T, edges: Iterable[tuple[T, T]]) -> set[T]:
    pairs = list(edges)
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for a, b in pairs:
            if a == here and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def test_states_are_the_stored_ones() -> None:
    assert [s.value for s in CaseState] == list(CASE_STATES)
    assert tuple(s.value for s in OPEN) == OPEN_STATES


def test_every_state_is_reachable_from_the_start() -> None:
    edges = [(state, to) for (state, _), to in MOVES.items()]
    assert _reachable(START, edges) == set(CaseState)


def test_closed_states_have_no_moves_and_open_ones_lead_out() -> None:
    for state in CaseState:
        moves = {event: to for (s, event), to in MOVES.items() if s == state}
        if state in OPEN:
            assert any(to != state for to in moves.values()), state
        else:
            assert moves == {}, state


def test_every_event_moves_something() -> None:
    used = {event for _, event in MOVES}
    assert used == set(CaseEvent)


def test_next_state_knows_only_the_table() -> None:
    assert next_state("queued", CaseEvent.TAKE) is CaseState.ACTIVE
    assert next_state("queued", CaseEvent.CLOSE) is None
    assert next_state("closed", CaseEvent.CRISIS) is None
    assert next_state("no such state", CaseEvent.CANCEL) is None


def test_intake_steps_form_one_walk() -> None:
    assert set(NEXT_STEPS) == set(IntakeStep)
    for step, nexts in NEXT_STEPS.items():
        assert step not in nexts, step
    edges = [(step, to) for step, nexts in NEXT_STEPS.items() for to in nexts]
    # The re-check after `worse` starts from a queued case, not from the intake's first step.
    assert _reachable(IntakeStep.LANGUAGE, edges) == set(IntakeStep) - {IntakeStep.RECHECK}
    # Every walk can reach the summary, from where the case is sent.
    for step in set(IntakeStep) - {IntakeStep.RECHECK}:
        assert IntakeStep.CONFIRM in _reachable(step, edges), step


def _queued(repos: Repositories) -> Case:
    patient = repos.patients.create(PATIENT, "sv", NOW)
    case = repos.cases.create(
        unit="default",
        patient_id=patient.id,
        patient=PATIENT,
        language="sv",
        step="confirm",
        actor="patient",
        at=NOW,
    )
    transition(repos, case, CaseEvent.QUEUE, actor="bot", at=NOW, step="", priority=3)
    queued = repos.cases.get(case.id)
    assert queued is not None
    return queued


async def test_a_move_the_table_lacks_is_refused_and_changes_nothing(
    db_location: Path | str,
) -> None:
    db = await open_database(db_location)
    try:

        def close_queued(repos: Repositories) -> tuple[RefusedTransition, Case | None, int]:
            case = _queued(repos)
            with pytest.raises(RefusedTransition) as refused:
                transition(repos, case, CaseEvent.CLOSE, actor=NURSE.key(), at=NOW)
            return refused.value, repos.cases.get(case.id), len(repos.cases.events(case.id))

        refused, after, events = await db.write(lambda tx: close_queued(Repositories(tx)))
        assert not refused.moved and refused.event is CaseEvent.CLOSE
        assert after is not None and after.state == "queued"
        assert events == 2  # start and queued: the refused close left no trace
    finally:
        await db.close()


async def test_a_move_someone_made_first_is_refused(db_location: Path | str) -> None:
    """Two clinicians take the same case from the queue as they both saw it: one gets it."""
    db = await open_database(db_location)
    try:

        def take_twice(repos: Repositories) -> tuple[CaseState, RefusedTransition, Case | None]:
            seen = _queued(repos)  # what both clinicians read
            first = transition(repos, seen, CaseEvent.TAKE, actor=NURSE.key(), at=NOW)
            with pytest.raises(RefusedTransition) as second:
                transition(repos, seen, CaseEvent.TAKE, actor="test:other", at=NOW)
            return first, second.value, repos.cases.get(seen.id)

        first, second, after = await db.write(lambda tx: take_twice(Repositories(tx)))
        assert first is CaseState.ACTIVE
        assert second.moved
        assert after is not None and after.state == "active"
        case_id = after.id
        takes = await db.write(lambda tx: Repositories(tx).cases.events(case_id))
        assert [e.actor for e in takes if e.reason == "take"] == [NURSE.key()]
    finally:
        await db.close()


async def test_a_case_asked_for_by_number_waits_for_a_held_row(db_location: Path | str) -> None:
    """Another transaction holds the queued case's row (as a colleague's take does while it
    renumbers the queue): a take by number waits for it and gets the case, instead of being told
    the case is not in the queue (PostgreSQL's SKIP LOCKED is for `next` only). Found by
    bench/journey.py at concurrency 8, where one case in two hundred stayed queued."""
    first = await open_database(db_location)
    second = await open_database(db_location)
    try:
        queued = await first.write(lambda tx: _queued(Repositories(tx)))
        held = asyncio.Event()
        loop = asyncio.get_running_loop()

        def hold_the_row(tx: Transaction) -> None:
            tx.execute("UPDATE cases SET last_position = 1 WHERE id = ?", (queued.id,))
            tx.one("SELECT id FROM cases WHERE id = ?", (queued.id,))  # the write is sent now
            loop.call_soon_threadsafe(held.set)  # units run on the database's own thread
            time.sleep(0.5)  # the row stays held until this unit commits

        def take(repos: Repositories) -> CaseState:
            return transition(repos, queued, CaseEvent.TAKE, actor=NURSE.key(), at=NOW)

        holder = asyncio.create_task(first.write(hold_the_row))
        await held.wait()
        taken = await second.write(lambda tx: take(Repositories(tx)))
        await holder
        assert taken is CaseState.ACTIVE
        after = await second.read(lambda tx: Repositories(tx).cases.get(queued.id))
        assert after is not None and after.state == "active"
        events = await second.read(lambda tx: Repositories(tx).cases.events(queued.id))
        assert [e.actor for e in events if e.reason == "take"] == [NURSE.key()]
    finally:
        await first.close()
        await second.close()
