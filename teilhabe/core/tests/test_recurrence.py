from datetime import UTC, date, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from teilhabe.core.recurrence import Recurrence, local_datetime


def test_weekly_on_two_weekdays_every_second_week_until_a_date():
    rule = Recurrence(
        starts_on=date(2026, 3, 2),  # a Monday
        start_time=time(18),
        end_time=time(20),
        weekdays=(0, 3),
        interval_weeks=2,
        until=date(2026, 3, 31),
    )
    assert rule.days(date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 3, 2),
        date(2026, 3, 5),
        date(2026, 3, 16),
        date(2026, 3, 19),
        date(2026, 3, 30),
    ]


def test_count_limits_the_dates_even_when_the_window_starts_later():
    rule = Recurrence(
        starts_on=date(2026, 1, 6), start_time=time(10), end_time=time(11), weekdays=(1,), count=3
    )
    assert rule.days(date(2026, 1, 14), date(2026, 12, 31)) == [date(2026, 1, 20)]


def test_wall_clock_time_holds_across_daylight_saving_changes():
    rule = Recurrence(
        starts_on=date(2026, 3, 23), start_time=time(18), end_time=time(19, 30), weekdays=(0,)
    )
    before, after = rule.occurrences(date(2026, 3, 23), date(2026, 3, 30))
    assert before.starts_at.hour == after.starts_at.hour == 18
    assert before.starts_at.astimezone(UTC).hour == 17  # CET
    assert after.starts_at.astimezone(UTC).hour == 16  # CEST, clocks went forward on 29 March
    autumn = rule.occurrences(date(2026, 10, 19), date(2026, 10, 26))
    assert [o.starts_at.astimezone(UTC).hour for o in autumn] == [16, 17]


def test_a_time_that_does_not_exist_is_moved_on_by_the_gap():
    moment = local_datetime(date(2026, 3, 29), time(2, 30))
    assert (moment.hour, moment.minute) == (3, 30)


def test_single_date_and_sessions_past_midnight():
    rule = Recurrence(starts_on=date(2026, 5, 1), start_time=time(22), end_time=time(1))
    (occurrence,) = rule.occurrences(date(2026, 4, 1), date(2026, 6, 1))
    assert occurrence.ends_at.date() == date(2026, 5, 2)
    assert rule.days(date(2026, 6, 1), date(2026, 7, 1)) == []


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    weekdays=st.sets(st.integers(0, 6), min_size=1),
    interval=st.integers(1, 4),
)
def test_every_date_is_on_a_chosen_weekday_and_ends_after_it_starts(start, weekdays, interval):
    rule = Recurrence(
        starts_on=start,
        start_time=time(9),
        end_time=time(10),
        weekdays=tuple(weekdays),
        interval_weeks=interval,
    )
    for occurrence in rule.occurrences(start, start + timedelta(days=365)):
        assert occurrence.day.weekday() in weekdays
        assert occurrence.day >= start
        assert occurrence.ends_at > occurrence.starts_at
