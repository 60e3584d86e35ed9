from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.hours import Closure, StaffedCalendar

STHLM = ZoneInfo("Europe/Stockholm")
CAL = StaffedCalendar()


def utc(instant: datetime) -> datetime:
    # Arithmetic and equality on datetimes sharing a zoneinfo use wall time (the spring gap's
    # 02:00 != 03:00, and + timedelta adds wall time), so the tests compare instants in UTC.
    return instant.astimezone(UTC)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, **kw: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STHLM, **kw)


# --- opening and closing minutes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(2026, 3, 10, 7, 59), False),  # Tuesday
        (at(2026, 3, 10, 8, 0), True),
        (at(2026, 3, 10, 15, 59), True),
        (at(2026, 3, 10, 16, 0), False),
        (at(2026, 3, 14, 9, 59), False),  # Saturday
        (at(2026, 3, 14, 10, 0), True),
        (at(2026, 3, 14, 13, 59), True),
        (at(2026, 3, 14, 14, 0), False),
        (at(2026, 3, 15, 9, 0), False),  # Sunday
        (at(2026, 3, 15, 12, 0), True),
    ],
)
def test_is_open_at_the_edges_of_weekday_and_weekend_hours(when: datetime, expected: bool) -> None:
    assert CAL.is_open(when) is expected


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 12, 24), "Julafton"),  # Thursday
        (date(2026, 6, 19), "Midsommarafton"),  # Friday
        (date(2026, 12, 31), "Nyårsafton"),  # Thursday
        (date(2026, 4, 6), "Annandag påsk"),  # Easter Monday
        (date(2026, 4, 3), "Långfredagen"),
        (date(2027, 12, 24), "Julafton"),  # another year, another cache entry
    ],
)
def test_weekday_holidays_use_weekend_hours(day: date, name: str) -> None:
    def when(hour: int) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=STHLM)

    assert day.weekday() < 5
    assert CAL.holiday_name(day) == name
    assert not CAL.is_open(when(9))
    assert CAL.is_open(when(10))
    assert not CAL.is_open(when(15))
    assert CAL.day_hours(day) == (when(10), when(14))


def test_ordinary_weekday_before_julafton_has_weekday_hours() -> None:
    assert CAL.holiday_name(date(2026, 12, 23)) is None
    assert CAL.is_open(at(2026, 12, 23, 9))
    assert CAL.day_hours(date(2026, 12, 23)) == (at(2026, 12, 23, 8), at(2026, 12, 23, 16))


def test_plain_weekend_day_is_not_a_holiday() -> None:
    assert CAL.holiday_name(date(2026, 3, 14)) is None


def test_holiday_names_are_swedish() -> None:
    assert CAL.holiday_name(date(2026, 12, 25)) == "Juldagen"


def test_two_holidays_on_one_day_give_one_name() -> None:
    assert CAL.holiday_name(date(2049, 6, 6)) == "Nationaldagen"


def test_instants_in_other_timezones_are_compared_as_instants() -> None:
    # 07:00 UTC is 08:00 in Stockholm in winter, and 06:00 UTC is 08:00 in summer.
    assert CAL.is_open(datetime(2026, 3, 10, 7, 0, tzinfo=UTC))
    assert not CAL.is_open(datetime(2026, 3, 10, 6, 59, tzinfo=UTC))
    assert CAL.is_open(datetime(2026, 6, 10, 6, 0, tzinfo=UTC))
    assert not CAL.is_open(datetime(2026, 6, 10, 5, 59, tzinfo=UTC))
    # 02:00 in New York on a Tuesday is 08:00 in Stockholm.
    assert CAL.is_open(datetime(2026, 3, 3, 2, 0, tzinfo=ZoneInfo("America/New_York")))


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.is_open(datetime(2026, 3, 10, 9))
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.staffed_minutes(at(2026, 3, 10, 9), datetime(2026, 3, 10, 10))


def test_hours_must_open_before_they_close() -> None:
    with pytest.raises(ValueError, match="weekday_hours"):
        StaffedCalendar(weekday_hours=(time(16), time(8)))
    with pytest.raises(ValueError, match="weekend_hours"):
        StaffedCalendar(weekend_hours=(time(10), time(10)))


def test_configured_hours_are_used() -> None:
    cal = StaffedCalendar(weekday_hours=(time(7, 30), time(17)), weekend_hours=(time(9), time(12)))
    assert cal.is_open(at(2026, 3, 10, 7, 30))
    assert cal.is_open(at(2026, 3, 10, 16, 30))
    assert not cal.is_open(at(2026, 3, 14, 12, 0))
    assert cal.staffed_minutes(at(2026, 3, 10), at(2026, 3, 11)) == 570


# --- next opening and closing time ------------------------------------------------------------


def test_next_opening_from_friday_evening_is_saturday_at_ten() -> None:
    assert CAL.next_opening(at(2026, 3, 13, 17)) == at(2026, 3, 14, 10)


def test_next_opening_from_the_evening_before_julafton_is_julafton_at_ten() -> None:
    assert CAL.next_opening(at(2026, 12, 23, 18)) == at(2026, 12, 24, 10)


def test_next_opening_before_morning_opening_is_same_day() -> None:
    assert CAL.next_opening(at(2026, 3, 10, 3)) == at(2026, 3, 10, 8)


def test_next_opening_when_open_is_now_in_calendar_timezone() -> None:
    now = datetime(2026, 3, 10, 9, 17, 3, tzinfo=UTC)
    opening = CAL.next_opening(now)
    assert opening == now
    assert opening.tzinfo == STHLM
    assert opening.hour == 10  # wall time in Stockholm, not UTC


def test_next_opening_at_closing_minute_is_next_day() -> None:
    assert CAL.next_opening(at(2026, 3, 10, 16)) == at(2026, 3, 11, 8)


def test_closing_time() -> None:
    assert CAL.closing_time(at(2026, 3, 10, 9)) == at(2026, 3, 10, 16)
    assert CAL.closing_time(at(2026, 12, 24, 11)) == at(2026, 12, 24, 14)
    assert CAL.closing_time(at(2026, 3, 10, 16)) is None
    assert CAL.closing_time(at(2026, 3, 10, 7)) is None


# --- closures ---------------------------------------------------------------------------------

LUNCH_MEETING = Closure(at(2026, 3, 11, 12), at(2026, 3, 11, 13, 30), "APT")
STAFF_DAY = Closure(at(2026, 3, 12, 0), at(2026, 3, 13, 0), "Planeringsdag")
CLOSED_CAL = StaffedCalendar(closures=(STAFF_DAY, LUNCH_MEETING))


def test_a_closure_closes_the_unit() -> None:
    assert CLOSED_CAL.is_open(at(2026, 3, 11, 11, 59))
    assert not CLOSED_CAL.is_open(at(2026, 3, 11, 12, 0))
    assert not CLOSED_CAL.is_open(at(2026, 3, 11, 13, 29))
    assert CLOSED_CAL.is_open(at(2026, 3, 11, 13, 30))
    assert CAL.is_open(at(2026, 3, 11, 12, 30))  # the calendar without it stays open


def test_closing_time_is_the_start_of_a_closure() -> None:
    assert CLOSED_CAL.closing_time(at(2026, 3, 11, 9)) == at(2026, 3, 11, 12)
    assert CLOSED_CAL.closing_time(at(2026, 3, 11, 14)) == at(2026, 3, 11, 16)


def test_next_opening_skips_closures() -> None:
    assert CLOSED_CAL.next_opening(at(2026, 3, 11, 12, 15)) == at(2026, 3, 11, 13, 30)
    # Wednesday evening: Thursday is closed all day, so Friday 08:00.
    assert CLOSED_CAL.next_opening(at(2026, 3, 11, 17)) == at(2026, 3, 13, 8)


def test_staffed_minutes_skip_closures() -> None:
    assert CLOSED_CAL.staffed_minutes(at(2026, 3, 11), at(2026, 3, 12)) == 480 - 90
    assert CLOSED_CAL.staffed_minutes(at(2026, 3, 12), at(2026, 3, 13)) == 0


def test_day_hours_with_closures() -> None:
    assert CLOSED_CAL.day_hours(date(2026, 3, 12)) is None
    assert CLOSED_CAL.staffed_periods(date(2026, 3, 11)) == [
        (at(2026, 3, 11, 8), at(2026, 3, 11, 12)),
        (at(2026, 3, 11, 13, 30), at(2026, 3, 11, 16)),
    ]
    morning_off = StaffedCalendar(closures=[Closure(at(2026, 3, 11, 6), at(2026, 3, 11, 10), "x")])
    assert morning_off.day_hours(date(2026, 3, 11)) == (at(2026, 3, 11, 10), at(2026, 3, 11, 16))


def test_overlapping_closures_are_merged() -> None:
    cal = StaffedCalendar(
        closures=[
            Closure(at(2026, 3, 10, 9), at(2026, 3, 10, 11), "a"),
            Closure(at(2026, 3, 10, 10), at(2026, 3, 10, 12), "b"),
            Closure(at(2026, 3, 10, 11, 30), at(2026, 3, 10, 12, 30), "c"),
        ]
    )
    assert cal.staffed_minutes(at(2026, 3, 10), at(2026, 3, 11)) == 480 - 210
    assert cal.next_opening(at(2026, 3, 10, 9, 30)) == at(2026, 3, 10, 12, 30)


def test_a_closure_inside_another_does_not_reopen_the_outer_one() -> None:
    cal = StaffedCalendar(
        closures=[
            Closure(at(2026, 3, 10, 9), at(2026, 3, 10, 12), "outer"),
            Closure(at(2026, 3, 10, 10), at(2026, 3, 10, 11), "inner"),
        ]
    )
    assert not cal.is_open(at(2026, 3, 10, 11, 30))
    assert cal.staffed_minutes(at(2026, 3, 10), at(2026, 3, 11)) == 480 - 180


def test_closure_must_be_aware_and_end_after_start() -> None:
    with pytest.raises(ValueError):
        Closure(at(2026, 3, 10, 12), at(2026, 3, 10, 11), "backwards")
    with pytest.raises(ValueError):
        Closure(datetime(2026, 3, 10, 12), at(2026, 3, 10, 13), "naive")


# --- staffed minutes --------------------------------------------------------------------------


def test_staffed_minutes_across_a_weekend() -> None:
    # Friday 15:00 -> Monday 09:00: 60 + 240 + 240 + 60.
    assert CAL.staffed_minutes(at(2026, 3, 13, 15), at(2026, 3, 16, 9)) == 600


def test_staffed_minutes_overnight_counts_only_staffed_time() -> None:
    assert CAL.staffed_minutes(at(2026, 3, 10, 15), at(2026, 3, 11, 8)) == 60


def test_staffed_minutes_is_zero_for_empty_or_reversed_ranges() -> None:
    assert CAL.staffed_minutes(at(2026, 3, 10, 9), at(2026, 3, 10, 9)) == 0
    assert CAL.staffed_minutes(at(2026, 3, 10, 12), at(2026, 3, 10, 9)) == 0


@pytest.mark.parametrize("sunday", [date(2026, 3, 29), date(2026, 10, 25)])
def test_dst_sundays_have_four_staffed_hours_at_local_wall_time(sunday: date) -> None:
    saturday, monday = sunday - timedelta(days=1), sunday + timedelta(days=1)
    start = datetime.combine(saturday, time(0), tzinfo=STHLM)
    end = datetime.combine(monday, time(0), tzinfo=STHLM)
    # The day itself is 23 or 25 hours long; staffed time is unaffected.
    assert (end.astimezone(UTC) - start.astimezone(UTC)) != timedelta(days=2)
    assert CAL.staffed_minutes(start, end) == 480
    assert CAL.day_hours(sunday) == (
        datetime.combine(sunday, time(10), tzinfo=STHLM),
        datetime.combine(sunday, time(14), tzinfo=STHLM),
    )
    # Friday 16:00 -> Monday 09:00 across the change.
    friday = sunday - timedelta(days=2)
    assert (
        CAL.staffed_minutes(
            datetime.combine(friday, time(16), tzinfo=STHLM),
            datetime.combine(monday, time(9), tzinfo=STHLM),
        )
        == 540
    )


def test_dst_spring_sunday_opens_at_ten_local_in_utc() -> None:
    # Summer time starts 2026-03-29 at 02:00: 10:00 local is 08:00 UTC that day, 09:00 UTC before.
    assert CAL.is_open(datetime(2026, 3, 29, 8, 0, tzinfo=UTC))
    assert not CAL.is_open(datetime(2026, 3, 29, 7, 59, tzinfo=UTC))
    assert not CAL.is_open(datetime(2026, 3, 28, 8, 30, tzinfo=UTC))
    assert CAL.next_opening(at(2026, 3, 28, 18)) == datetime(2026, 3, 29, 8, tzinfo=UTC)


def test_dst_autumn_repeated_hour() -> None:
    # 02:30 happens twice on 2026-10-25; both are closed and open again at 10:00 CET (09:00 UTC).
    for fold in (0, 1):
        night = at(2026, 10, 25, 2, 30, fold=fold)
        assert not CAL.is_open(night)
        assert CAL.next_opening(night) == datetime(2026, 10, 25, 9, tzinfo=UTC)
    assert CAL.staffed_minutes(at(2026, 10, 25, 2, 30, fold=0), at(2026, 10, 25, 11)) == 60


def test_add_staffed_minutes_across_dst() -> None:
    assert CAL.add_staffed_minutes(at(2026, 3, 28, 13), 120) == at(2026, 3, 29, 11)
    assert CAL.add_staffed_minutes(at(2026, 10, 24, 13), 120) == at(2026, 10, 25, 11)


# --- add_staffed_minutes ----------------------------------------------------------------------


def test_add_staffed_minutes_continues_after_closing() -> None:
    assert CAL.add_staffed_minutes(at(2026, 3, 13, 15, 30), 60) == at(2026, 3, 14, 10, 30)


def test_add_staffed_minutes_from_closed_starts_at_opening() -> None:
    assert CAL.add_staffed_minutes(at(2026, 3, 13, 20), 30) == at(2026, 3, 14, 10, 30)


def test_add_staffed_minutes_ending_exactly_at_closing_returns_closing() -> None:
    assert CAL.add_staffed_minutes(at(2026, 3, 13, 15), 60) == at(2026, 3, 13, 16)


def test_add_zero_staffed_minutes_is_start_and_negative_is_rejected() -> None:
    assert CAL.add_staffed_minutes(at(2026, 3, 13, 20), 0) == at(2026, 3, 13, 20)
    with pytest.raises(ValueError):
        CAL.add_staffed_minutes(at(2026, 3, 13, 20), -1)


def test_add_staffed_minutes_returns_calendar_timezone() -> None:
    result = CAL.add_staffed_minutes(datetime(2026, 3, 10, 8, tzinfo=UTC), 30)
    assert result.tzinfo == STHLM
    assert (result.hour, result.minute) == (9, 30)


# --- properties against an independent model --------------------------------------------------

ZONES = [STHLM, UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]
aware = st.datetimes(
    min_value=datetime(2026, 1, 1),
    max_value=datetime(2027, 12, 31, 23, 59),
    timezones=st.sampled_from(ZONES),
)


def closure_lists(starts: st.SearchStrategy[datetime]) -> st.SearchStrategy[list[Closure]]:
    return st.lists(
        st.tuples(starts, st.integers(min_value=1, max_value=3 * 24 * 60)).map(
            lambda pair: Closure(pair[0], utc(pair[0]) + timedelta(minutes=pair[1]), "test")
        ),
        max_size=3,
    )


closures = closure_lists(aware)
# Sampling once a minute can only see closures that start and end on whole minutes.
minute_closures = closure_lists(aware.map(lambda d: d.replace(second=0, microsecond=0)))

_SE = holidays.country_holidays(
    "SE", years=range(2025, 2029), categories=(holidays.PUBLIC, holidays.DE_FACTO)
)


def model_is_open(instant: datetime, closed: list[Closure]) -> bool:
    """The rules of DESIGN.md section 7, written the slow and obvious way."""
    local = instant.astimezone(STHLM)
    weekendish = local.weekday() >= 5 or local.date() in _SE
    opens, closes = (time(10), time(14)) if weekendish else (time(8), time(16))
    in_hours = opens <= local.time() < closes
    return in_hours and not any(c.start <= instant < c.end for c in closed)


@settings(max_examples=300)
@given(aware, closures)
def test_is_open_matches_model(when: datetime, closed: list[Closure]) -> None:
    assert StaffedCalendar(closures=closed).is_open(when) is model_is_open(when, closed)


@settings(max_examples=40, deadline=None)
@given(aware, st.integers(min_value=0, max_value=4 * 24 * 60), minute_closures)
def test_staffed_minutes_matches_minute_by_minute_count(
    start: datetime, length: int, closed: list[Closure]
) -> None:
    start = start.replace(second=0, microsecond=0)
    expected = sum(model_is_open(utc(start) + timedelta(minutes=m), closed) for m in range(length))
    cal = StaffedCalendar(closures=closed)
    assert cal.staffed_minutes(start, utc(start) + timedelta(minutes=length)) == expected


@settings(max_examples=200)
@given(aware, st.floats(min_value=0, max_value=20_000, allow_nan=False), closures)
def test_add_staffed_minutes_is_inverse_of_staffed_minutes(
    start: datetime, minutes: float, closed: list[Closure]
) -> None:
    cal = StaffedCalendar(closures=closed)
    end = cal.add_staffed_minutes(start, minutes)
    assert utc(end) >= utc(start)
    assert end.tzinfo == STHLM
    # timedelta keeps microseconds, so a minute count comes back within a microsecond.
    assert cal.staffed_minutes(start, end) == pytest.approx(minutes, abs=1e-7)
    # And it is the earliest such instant: a moment earlier is not enough.
    if minutes >= 1e-6:
        before = utc(end) - timedelta(microseconds=1)
        assert cal.staffed_minutes(start, before) < minutes


@settings(max_examples=200)
@given(aware, aware, closures)
def test_staffed_minutes_then_add_lands_on_or_before_end(
    start: datetime, end: datetime, closed: list[Closure]
) -> None:
    cal = StaffedCalendar(closures=closed)
    minutes = cal.staffed_minutes(start, end)
    landed = cal.add_staffed_minutes(start, minutes)
    if utc(end) <= utc(start):
        assert utc(landed) == utc(start)
        return
    assert utc(landed) <= utc(end)
    assert cal.staffed_minutes(landed, end) == 0
    # Open in the moment before `end`: the minutes run right up to it, so the walk lands there.
    # (Open only *at* `end` — an opening time — the last staffed minute may lie long before.)
    if cal.is_open(utc(end) - timedelta(microseconds=1)):
        assert utc(landed) == utc(end)


@settings(max_examples=200)
@given(aware, closures)
def test_next_opening_is_open_and_nothing_before_it_is(
    when: datetime, closed: list[Closure]
) -> None:
    cal = StaffedCalendar(closures=closed)
    opening = cal.next_opening(when)
    assert utc(opening) >= utc(when)
    assert cal.is_open(opening)
    assert cal.staffed_minutes(when, opening) == 0
    assert (utc(opening) == utc(when)) is cal.is_open(when)
