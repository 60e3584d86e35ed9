from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.hours import Closure, StaffedCalendar
from bot.queue import (
    DEFAULT_AGING,
    TARGET_MINUTES,
    TIE_BREAKS,
    Priority,
    QueueEntry,
    TieBreak,
    WaitEstimate,
    care_elsewhere,
    effective_priority,
    estimate_wait,
    order_queue,
    overdue,
    position,
    rank_queue,
    takes_per_staffed_hour,
)

STHLM = ZoneInfo("Europe/Stockholm")
CAL = StaffedCalendar()


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, **kw: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STHLM, **kw)


def utc(instant: datetime) -> datetime:
    # Datetimes sharing a zoneinfo compare by wall time; compare instants in UTC.
    return instant.astimezone(UTC)


def ids(entries: list[QueueEntry]) -> list[int]:
    return [e.case_id for e in entries]


TUESDAY_NOON = at(2026, 3, 10, 12)


def test_constants_match_design() -> None:
    assert TARGET_MINUTES == {1: 15, 2: 60, 3: 240, 4: 2 * 24 * 60}
    assert DEFAULT_AGING == {3: 120, 4: 240, 5: 240}
    assert [int(p) for p in Priority] == [1, 2, 3, 4, 5]


# --- effective priority -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "waited_minutes", "expected"),
    [
        (3, 0, 3),
        (3, 119, 3),
        (3, 120, 2),
        (3, 10_000, 2),
        (4, 239, 4),
        (4, 240, 3),
        (4, 480, 2),
        (5, 240, 4),
        (5, 719, 3),
        (5, 720, 2),
        (2, 10_000, 2),
        (1, 10_000, 1),
    ],
)
def test_effective_priority_steps(priority: int, waited_minutes: int, expected: int) -> None:
    queued = at(2026, 3, 9, 8)
    now = CAL.add_staffed_minutes(queued, waited_minutes)
    assert CAL.staffed_minutes(queued, now) == waited_minutes
    assert effective_priority(QueueEntry(1, priority, queued), now, CAL) == expected


def test_nothing_ages_into_p1() -> None:
    long_ago = at(2026, 1, 2, 9)
    now = at(2026, 12, 1, 12)
    for p in (2, 3, 4, 5):
        assert effective_priority(QueueEntry(p, p, long_ago), now, CAL) == 2


def test_waiting_overnight_does_not_age() -> None:
    # Queued 15:00, next morning 08:59: 17 h 59 min on the clock but 119 staffed minutes.
    entry = QueueEntry(1, 3, at(2026, 3, 10, 15))
    assert effective_priority(entry, at(2026, 3, 11, 8, 59), CAL) == 3
    assert effective_priority(entry, at(2026, 3, 11, 9, 0), CAL) == 2


def test_waiting_over_a_closure_does_not_age() -> None:
    cal = StaffedCalendar(
        closures=[Closure(at(2026, 3, 10, 12), at(2026, 3, 10, 16), "utbildning")]
    )
    entry = QueueEntry(1, 3, at(2026, 3, 10, 11))
    assert effective_priority(entry, at(2026, 3, 11, 8), CAL) == 2  # 300 staffed minutes
    assert effective_priority(entry, at(2026, 3, 11, 8), cal) == 3  # 60 staffed minutes


def test_custom_aging_and_missing_priority_does_not_age() -> None:
    entry4 = QueueEntry(1, 4, at(2026, 3, 10, 8))
    entry3 = QueueEntry(2, 3, at(2026, 3, 10, 8))
    now = at(2026, 3, 10, 9)
    assert effective_priority(entry4, now, CAL, aging={4: 30}) == 2
    assert effective_priority(entry3, now, CAL, aging={4: 30}) == 3
    with pytest.raises(ValueError):
        effective_priority(entry3, now, CAL, aging={3: 0})


def test_queue_entry_validation() -> None:
    with pytest.raises(ValueError):
        QueueEntry(1, 0, TUESDAY_NOON)
    with pytest.raises(ValueError):
        QueueEntry(1, 6, TUESDAY_NOON)
    with pytest.raises(ValueError):
        QueueEntry(1, 3, datetime(2026, 3, 10, 12))
    assert QueueEntry(1, Priority.P3, TUESDAY_NOON).priority == 3


# --- order ------------------------------------------------------------------------------------


def test_p1_first_even_after_others_waited_long() -> None:
    now = at(2026, 3, 20, 12)
    entries = [
        QueueEntry(10, 2, at(2026, 3, 2, 8)),
        QueueEntry(11, 5, at(2026, 3, 1, 8)),
        QueueEntry(12, 1, now - timedelta(minutes=1)),
        QueueEntry(13, 1, now - timedelta(minutes=5)),
    ]
    assert ids(order_queue(entries, now, CAL)) == [13, 12, 10, 11]
    # By arrival alone the P5 that aged to P2 would go before the true P2; never before a P1.
    assert ids(order_queue(entries, now, CAL, tie_break="arrival")) == [13, 12, 11, 10]


def test_aged_p3_ranks_at_p2_after_the_true_p2s() -> None:
    now = TUESDAY_NOON
    older_p2 = QueueEntry(1, 2, at(2026, 3, 10, 8, 0))
    p3 = QueueEntry(2, 3, at(2026, 3, 10, 8, 0) + timedelta(minutes=1))  # 239 staffed minutes
    newer_p2 = QueueEntry(3, 2, at(2026, 3, 10, 11, 0))
    assert effective_priority(p3, now, CAL) == 2
    # Equal effective priority: the P3 aged into it, so both true P2s go first (DESIGN 6).
    assert ids(order_queue([newer_p2, p3, older_p2], now, CAL)) == [1, 3, 2]
    # By arrival alone the older P3 would be ahead of the newer P2.
    assert ids(order_queue([newer_p2, p3, older_p2], now, CAL, tie_break="arrival")) == [1, 2, 3]


def test_p3_that_has_not_aged_enough_stays_behind_newer_p2() -> None:
    now = TUESDAY_NOON
    p3 = QueueEntry(2, 3, now - timedelta(minutes=119))
    newer_p2 = QueueEntry(3, 2, now - timedelta(minutes=1))
    assert ids(order_queue([p3, newer_p2], now, CAL)) == [3, 2]


def test_p3_overnight_stays_behind_newer_p2() -> None:
    now = at(2026, 3, 11, 8, 30)
    p3 = QueueEntry(1, 3, at(2026, 3, 10, 15, 45))  # 45 staffed minutes
    p2 = QueueEntry(2, 2, at(2026, 3, 11, 8, 10))
    assert ids(order_queue([p3, p2], now, CAL)) == [2, 1]


def test_ties_broken_by_case_id() -> None:
    t = at(2026, 3, 10, 9)
    entries = [QueueEntry(7, 3, t), QueueEntry(3, 3, t), QueueEntry(5, 3, t)]
    assert ids(order_queue(entries, TUESDAY_NOON, CAL)) == [3, 5, 7]


def test_arrival_compared_as_instants_in_the_repeated_autumn_hour() -> None:
    # 02:40 (first pass, CEST) happened before 02:10 (second pass, CET) on 2026-10-25.
    first = QueueEntry(2, 3, at(2026, 10, 25, 2, 40, fold=0))
    second = QueueEntry(1, 3, at(2026, 10, 25, 2, 10, fold=1))
    now = at(2026, 10, 25, 3, 0)
    assert ids(order_queue([second, first], now, CAL)) == [2, 1]


def test_arrival_in_other_timezones() -> None:
    a = QueueEntry(1, 3, datetime(2026, 3, 10, 8, 0, tzinfo=UTC))  # 09:00 Stockholm
    b = QueueEntry(2, 3, at(2026, 3, 10, 8, 30))
    assert ids(order_queue([a, b], at(2026, 3, 10, 9, 30), CAL)) == [2, 1]


# --- tie_break: "p2_first" (the default, DESIGN 6) against "arrival" ----------------------------

# A P4 from Monday 08:00 has waited 540 staffed minutes by Tuesday 09:00: two steps, P2.
MONDAY_8 = at(2026, 3, 9, 8)
TUESDAY_9 = at(2026, 3, 10, 9)


def test_at_effective_p2_a_true_p2_goes_before_an_earlier_aged_p4() -> None:
    aged_p4 = QueueEntry(1, 4, MONDAY_8)
    p2 = QueueEntry(2, 2, at(2026, 3, 10, 8, 30))
    assert effective_priority(aged_p4, TUESDAY_9, CAL) == 2
    assert ids(order_queue([aged_p4, p2], TUESDAY_9, CAL)) == [2, 1]
    assert ids(order_queue([p2, aged_p4], TUESDAY_9, CAL, tie_break="arrival")) == [1, 2]
    # The views show the same effective priorities either way: only the tie is decided anew.
    assert rank_queue([aged_p4, p2], TUESDAY_9, CAL) == [(p2, 2), (aged_p4, 2)]


def test_aged_cases_at_p2_go_by_arrival_whatever_they_were_triaged() -> None:
    # An old P4 and a younger P3, both aged to P2, behind the true P2s: the P4 came first, so it
    # goes first (ordering them by triage would starve P4/P5 as strict priority does).
    old_p4 = QueueEntry(1, 4, at(2026, 3, 9, 8))  # 600 staffed minutes at 10:00: two steps
    p3 = QueueEntry(2, 3, at(2026, 3, 10, 8))  # 120 staffed minutes at 10:00: one step
    p2_late = QueueEntry(3, 2, at(2026, 3, 10, 9, 55))
    p2_early = QueueEntry(4, 2, at(2026, 3, 10, 9, 50))
    now = at(2026, 3, 10, 10)
    assert [effective_priority(e, now, CAL) for e in (old_p4, p3)] == [2, 2]
    assert ids(order_queue([p3, p2_late, old_p4, p2_early], now, CAL)) == [4, 3, 1, 2]
    assert ids(order_queue([p3, p2_late, old_p4, p2_early], now, CAL, tie_break="arrival")) == [
        1,
        2,
        4,
        3,
    ]


def test_an_old_p4_at_p2_still_passes_a_new_p3() -> None:
    aged_p4 = QueueEntry(1, 4, MONDAY_8)
    new_p3 = QueueEntry(2, 3, at(2026, 3, 10, 8, 50))
    for tie_break in TIE_BREAKS:
        assert ids(order_queue([new_p3, aged_p4], TUESDAY_9, CAL, tie_break=tie_break)) == [1, 2]


def test_below_p2_a_one_step_p4_and_a_new_p3_go_by_arrival() -> None:
    # A P4 aged one step ties with a new P3 at effective P3; the older P4 goes first, so ageing
    # still means something for P4/P5 before they reach P2.
    p4 = QueueEntry(1, 4, at(2026, 3, 10, 8))  # 270 staffed minutes at 12:30: one step
    p3 = QueueEntry(2, 3, at(2026, 3, 10, 12))
    now = at(2026, 3, 10, 12, 30)
    assert effective_priority(p4, now, CAL) == effective_priority(p3, now, CAL) == 3
    for tie_break in TIE_BREAKS:
        assert ids(order_queue([p3, p4], now, CAL, tie_break=tie_break)) == [1, 2]


def test_equal_priorities_go_by_arrival_then_case_id() -> None:
    t = at(2026, 3, 10, 9)
    entries = [QueueEntry(7, 2, t), QueueEntry(3, 2, t), QueueEntry(5, 2, t - timedelta(minutes=1))]
    for tie_break in TIE_BREAKS:
        assert ids(order_queue(entries, TUESDAY_NOON, CAL, tie_break=tie_break)) == [5, 3, 7]


def test_an_unknown_tie_break_is_refused() -> None:
    with pytest.raises(ValueError, match="tie_break"):
        order_queue([], TUESDAY_NOON, CAL, tie_break="random")  # type: ignore[arg-type]


def test_rank_queue_reports_effective_priorities() -> None:
    now = TUESDAY_NOON
    entries = [QueueEntry(1, 5, at(2026, 3, 10, 8)), QueueEntry(2, 1, at(2026, 3, 10, 11))]
    assert rank_queue(entries, now, CAL) == [(entries[1], 1), (entries[0], 4)]


def test_position() -> None:
    ordered = order_queue(
        [QueueEntry(1, 4, TUESDAY_NOON), QueueEntry(2, 1, TUESDAY_NOON)], TUESDAY_NOON, CAL
    )
    assert position(2, ordered) == 1
    assert position(1, ordered) == 2
    assert position(99, ordered) is None
    assert position(1, []) is None


aware = st.datetimes(
    min_value=datetime(2026, 1, 1),
    max_value=datetime(2027, 12, 31),
    timezones=st.sampled_from([STHLM, UTC, ZoneInfo("America/New_York")]),
)
entry_lists = st.lists(
    st.builds(
        QueueEntry,
        case_id=st.integers(min_value=1, max_value=10_000),
        priority=st.integers(min_value=1, max_value=5),
        queued_at=aware,
    ),
    max_size=25,
    unique_by=lambda e: e.case_id,
)


@settings(max_examples=150, deadline=None)
@given(st.data(), entry_lists, aware, st.sampled_from(TIE_BREAKS))
def test_order_queue_properties(
    data: st.DataObject, entries: list[QueueEntry], now: datetime, tie_break: TieBreak
) -> None:
    ordered = order_queue(entries, now, CAL, tie_break=tie_break)
    # A permutation.
    assert sorted(ids(ordered)) == sorted(ids(entries))
    # P1 entries come first, in arrival order.
    p1 = [e for e in ordered if e.priority == 1]
    assert ordered[: len(p1)] == p1
    assert [utc(e.queued_at) for e in p1] == sorted(utc(e.queued_at) for e in p1)
    # Effective priority never goes down the queue; within one level arrival decides, except
    # that at effective P2 (under "p2_first") the cases triaged P2 come before the aged ones.
    p2_first = tie_break == "p2_first"
    levels = []
    for e in ordered:
        level = effective_priority(e, now, CAL)
        aged = p2_first and level == 2 and e.priority != 2
        levels.append((level, aged, utc(e.queued_at)))
    assert levels == sorted(levels)
    # The input order does not matter.
    shuffled = data.draw(st.permutations(entries))
    assert order_queue(shuffled, now, CAL, tie_break=tie_break) == ordered
    # rank_queue is the same order with the same effective priorities.
    assert rank_queue(shuffled, now, CAL, tie_break=tie_break) == [
        (e, effective_priority(e, now, CAL)) for e in ordered
    ]


@settings(max_examples=100, deadline=None)
@given(entry_lists, aware)
def test_effective_priority_bounds(entries: list[QueueEntry], now: datetime) -> None:
    for e in entries:
        eff = effective_priority(e, now, CAL)
        assert eff <= e.priority
        assert (eff == 1) is (e.priority == 1)


# --- overdue ----------------------------------------------------------------------------------


def test_p1_overdue_after_fifteen_staffed_minutes() -> None:
    entry = QueueEntry(1, 1, at(2026, 3, 10, 9))
    assert not overdue(entry, at(2026, 3, 10, 9, 15), CAL)
    assert overdue(entry, at(2026, 3, 10, 9, 16), CAL)


def test_p1_queued_at_night_is_not_overdue_until_fifteen_minutes_after_opening() -> None:
    entry = QueueEntry(1, 1, at(2026, 3, 10, 2))
    assert not overdue(entry, at(2026, 3, 10, 8, 10), CAL)
    assert overdue(entry, at(2026, 3, 10, 8, 16), CAL)


def test_p3_target_uses_original_priority_not_aged_one() -> None:
    entry = QueueEntry(1, 3, at(2026, 3, 10, 8))
    now = at(2026, 3, 10, 11)  # aged to P2, waited 180 > P2's 60 but < P3's 240
    assert effective_priority(entry, now, CAL) == 2
    assert not overdue(entry, now, CAL)
    assert overdue(entry, at(2026, 3, 10, 12, 1), CAL)


def test_p4_target_is_wall_clock() -> None:
    # Friday 15:00 + 48 h = Sunday 15:00, though only 60 + 240 + 240 staffed minutes passed.
    entry = QueueEntry(1, 4, at(2026, 3, 13, 15))
    assert not overdue(entry, at(2026, 3, 15, 15, 0), CAL)
    assert overdue(entry, at(2026, 3, 15, 15, 1), CAL)


def test_p4_wall_clock_counts_real_elapsed_time_across_dst() -> None:
    # Saturday 2026-03-28 12:00 + 48 real hours is Monday 13:00 local: the night lost an hour.
    entry = QueueEntry(1, 4, at(2026, 3, 28, 12))
    assert not overdue(entry, at(2026, 3, 30, 13, 0), CAL)
    assert overdue(entry, at(2026, 3, 30, 13, 1), CAL)


def test_p5_is_never_overdue() -> None:
    assert not overdue(QueueEntry(1, 5, at(2026, 1, 2, 9)), at(2026, 12, 1, 12), CAL)


# --- wait estimates ---------------------------------------------------------------------------


def test_estimate_wait_while_open() -> None:
    # Position 3 at 4 takes an hour: 45 minutes; 31.5 down to 30, 67.5 up to 75.
    est = estimate_wait(3, 4.0, TUESDAY_NOON, CAL)
    assert est == WaitEstimate(
        30,
        75,
        at(2026, 3, 10, 12, 30),
        at(2026, 3, 10, 13, 15),
        None,
        expected=at(2026, 3, 10, 12, 45),
    )


def test_estimate_wait_uses_default_rate_when_rate_unknown_or_not_positive() -> None:
    expected = estimate_wait(3, 4.0, TUESDAY_NOON, CAL)
    for rate in (None, 0.0, -2.0, float("nan")):
        assert estimate_wait(3, rate, TUESDAY_NOON, CAL) == expected
    assert estimate_wait(3, 12.0, TUESDAY_NOON, CAL).high_minutes == 25


def test_estimate_wait_when_closed_starts_at_next_opening() -> None:
    friday_evening = at(2026, 3, 13, 19)
    est = estimate_wait(3, 4.0, friday_evening, CAL)
    assert est.opens_at == at(2026, 3, 14, 10)
    assert (est.low_minutes, est.high_minutes) == (30, 75)
    assert est.earliest == at(2026, 3, 14, 10, 30)
    assert est.latest == at(2026, 3, 14, 11, 15)


def test_estimate_wait_when_closed_with_zero_low_end_starts_at_opening() -> None:
    # Next in line at 60 takes an hour: 0.7 minutes rounds down to 0.
    est = estimate_wait(1, 60.0, at(2026, 3, 13, 19), CAL)
    assert est.low_minutes == 0
    assert est.earliest == est.opens_at == at(2026, 3, 14, 10)
    assert est.latest == at(2026, 3, 14, 10, 5)


def test_estimate_wait_spills_over_closing_time() -> None:
    # 20 cases at 4/h: 300 minutes, range 210..450 staffed minutes from Friday 15:00.
    est = estimate_wait(20, 4.0, at(2026, 3, 13, 15), CAL)
    assert (est.low_minutes, est.high_minutes) == (210, 450)
    assert est.opens_at is None
    assert est.earliest == at(2026, 3, 14, 12, 30)  # 60 on Friday, 150 on Saturday
    assert est.latest == at(2026, 3, 15, 12, 30)  # 60 + 240 + 150 on Sunday


# --- P1/P2 sent elsewhere instead of waiting (DESIGN 6) ------------------------------------------


def test_at_night_p1_goes_to_the_emergency_department_and_p2_calls_1177() -> None:
    evening = at(2026, 3, 10, 20)  # Tuesday 20:00: closed until 08:00
    est = estimate_wait(1, 4.0, evening, CAL)
    assert care_elsewhere(1, est, evening) == "emergency"
    assert care_elsewhere(2, est, evening) == "1177"
    for priority in (3, 4, 5):
        assert care_elsewhere(priority, est, evening) is None


def test_while_open_only_a_wait_past_the_target_sends_elsewhere() -> None:
    # At 4 takes an hour: first in line 15 minutes (P1's target, not past it), fourth 60 (P2's).
    now = TUESDAY_NOON
    assert care_elsewhere(1, estimate_wait(1, 4.0, now, CAL), now) is None
    assert care_elsewhere(1, estimate_wait(2, 4.0, now, CAL), now) == "emergency"
    assert care_elsewhere(2, estimate_wait(4, 4.0, now, CAL), now) is None
    assert care_elsewhere(2, estimate_wait(5, 4.0, now, CAL), now) == "1177"
    assert care_elsewhere(3, estimate_wait(50, 4.0, now, CAL), now) is None


def test_a_short_staffed_wait_across_closing_is_past_the_target_on_the_clock() -> None:
    # 15:50, first in line: 15 staffed minutes, ten today and five after 08:00 tomorrow.
    now = at(2026, 3, 10, 15, 50)
    est = estimate_wait(1, 4.0, now, CAL)
    assert est.opens_at is None and est.low_minutes < 15
    assert care_elsewhere(2, est, now) == "1177"


def test_estimate_wait_rejects_bad_position() -> None:
    with pytest.raises(ValueError):
        estimate_wait(0, 4.0, TUESDAY_NOON, CAL)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=200),
    st.one_of(st.none(), st.floats(min_value=-5, max_value=60)),
    aware,
)
def test_estimate_wait_properties(pos: int, rate: float | None, now: datetime) -> None:
    est = estimate_wait(pos, rate, now, CAL)
    assert 0 <= est.low_minutes <= est.high_minutes
    assert est.high_minutes > 0
    for minutes in (est.low_minutes, est.high_minutes):
        assert minutes % (5 if minutes < 60 else 15) == 0
    assert utc(est.earliest) <= utc(est.latest)
    assert utc(est.earliest) >= utc(now)
    if CAL.is_open(now):
        assert est.opens_at is None
        start = now
    else:
        assert est.opens_at is not None
        assert utc(est.opens_at) == utc(CAL.next_opening(now))
        assert utc(est.earliest) >= utc(est.opens_at)
        start = est.opens_at
    assert CAL.staffed_minutes(start, est.earliest) == pytest.approx(est.low_minutes)
    assert CAL.staffed_minutes(start, est.latest) == pytest.approx(est.high_minutes)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=100), aware)
def test_estimate_wait_grows_with_position(pos: int, now: datetime) -> None:
    nearer, further = estimate_wait(pos, 3.0, now, CAL), estimate_wait(pos + 1, 3.0, now, CAL)
    assert nearer.low_minutes <= further.low_minutes
    assert nearer.high_minutes <= further.high_minutes


# --- take rate --------------------------------------------------------------------------------


def test_take_rate_needs_three_takes() -> None:
    now = TUESDAY_NOON
    takes = [at(2026, 3, 10, 9), at(2026, 3, 10, 10)]
    assert takes_per_staffed_hour(takes, now, CAL) is None
    assert takes_per_staffed_hour([*takes, at(2026, 3, 10, 11)], now, CAL) == pytest.approx(3 / 8)


def test_take_rate_window_is_in_staffed_hours() -> None:
    # Tuesday 10:00: eight staffed hours back reach Monday 10:00 (Monday 10-16 plus Tuesday 08-10).
    now = at(2026, 3, 10, 10)
    inside = [at(2026, 3, 9, 10, 30), at(2026, 3, 9, 15), at(2026, 3, 10, 9), at(2026, 3, 10, 10)]
    outside = [at(2026, 3, 9, 9, 30), at(2026, 3, 6, 12)]
    future = [at(2026, 3, 10, 10, 1), at(2026, 3, 10, 11)]
    rate = takes_per_staffed_hour([*outside, *future, *inside], now, CAL)
    assert rate == pytest.approx(4 / 8)
    assert takes_per_staffed_hour(inside, now, CAL, window_staffed_hours=1) is None
    assert takes_per_staffed_hour(inside, now, CAL, window_staffed_hours=24) == pytest.approx(
        4 / 24
    )


def test_take_rate_on_monday_morning_reaches_back_into_the_weekend() -> None:
    # Monday 08:30: 30 + 240 (Sunday) + 210 (Saturday from 10:30) staffed minutes.
    now = at(2026, 3, 16, 8, 30)
    weekend = [at(2026, 3, 14, 10, 45), at(2026, 3, 15, 12), at(2026, 3, 16, 8, 5)]
    friday = [at(2026, 3, 13, 14), at(2026, 3, 13, 15), at(2026, 3, 14, 10, 15)]
    assert takes_per_staffed_hour(friday, now, CAL) is None
    assert takes_per_staffed_hour([*friday, *weekend], now, CAL) == pytest.approx(3 / 8)


def test_estimate_wait_is_capped_for_near_zero_rates() -> None:
    est = estimate_wait(5, 1e-200, TUESDAY_NOON, CAL)
    assert est.high_minutes == 30 * 24 * 60
    assert CAL.staffed_minutes(TUESDAY_NOON, est.latest) == est.high_minutes


def test_take_rate_rejects_bad_window_and_naive_times() -> None:
    with pytest.raises(ValueError):
        takes_per_staffed_hour([], TUESDAY_NOON, CAL, window_staffed_hours=0)
    with pytest.raises(ValueError):
        takes_per_staffed_hour([datetime(2026, 3, 10, 9)], TUESDAY_NOON, CAL)
