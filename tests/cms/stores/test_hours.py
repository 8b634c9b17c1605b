"""The opening-hours rules in cms/stores/hours.py, without the admin."""

from datetime import time

import pytest

from cms.stores.hours import MINUTES_PER_DAY, Interval, describe_overlap, find_overlaps, interval_problem

MONDAY, TUESDAY, SATURDAY, SUNDAY = 0, 1, 5, 6


def at(text):
    return time.fromisoformat(text)


def interval(day, opens, closes, next_day=False):
    return Interval(day, at(opens), at(closes), next_day)


# --- interval_problem ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opens", "closes", "next_day"),
    [
        ("09:00", "19:00", False),
        ("00:00", "23:59", False),
        ("22:00", "02:00", True),
        ("18:00", "00:00", True),  # closes at midnight
        ("08:00", "08:00", True),  # open round the clock
    ],
)
def test_valid_intervals_have_no_problem(opens, closes, next_day):
    assert interval_problem(at(opens), at(closes), next_day) is None


@pytest.mark.parametrize(
    ("opens", "closes", "next_day", "message"),
    [
        ("19:00", "09:00", False, "tick “Closes the next day”"),  # a typo, not an overnight opening
        ("09:00", "09:00", False, "Closing time must be after opening time"),
        ("18:00", "00:00", False, "Closing time must be after opening time"),
        ("22:00", "23:00", True, "at most 24 hours"),
    ],
)
def test_inverted_or_too_long_intervals_are_explained(opens, closes, next_day, message):
    assert message in interval_problem(at(opens), at(closes), next_day)


@pytest.mark.parametrize(("opens", "closes"), [(None, "19:00"), ("09:00", None), (None, None)])
def test_missing_times_are_a_problem(opens, closes):
    problem = interval_problem(opens and at(opens), closes and at(closes), False)
    assert problem == "Enter both an opening and a closing time."


# --- Interval -----------------------------------------------------------------------------


def test_interval_minutes_count_from_monday_midnight():
    overnight = interval(SATURDAY, "22:00", "02:00", True)
    assert overnight.start == SATURDAY * MINUTES_PER_DAY + 22 * 60
    assert overnight.end == (SATURDAY + 1) * MINUTES_PER_DAY + 2 * 60
    assert overnight.label() == "22:00–02:00 (next day)"
    assert interval(MONDAY, "09:00", "13:00").label() == "09:00–13:00"


# --- find_overlaps ------------------------------------------------------------------------


def test_separate_intervals_do_not_overlap():
    intervals = [
        interval(MONDAY, "09:00", "13:00"),
        interval(MONDAY, "13:00", "19:00"),  # touching is fine: closes 13:00, reopens 13:00
        interval(TUESDAY, "09:00", "19:00"),
        interval(SATURDAY, "22:00", "02:00", True),
        interval(SUNDAY, "02:00", "12:00"),
    ]
    assert find_overlaps(intervals) == []


def test_overlap_on_the_same_day_is_reported_once_earliest_first():
    intervals = [interval(MONDAY, "12:30", "19:00"), interval(MONDAY, "09:00", "13:00")]
    assert find_overlaps(intervals) == [(1, 0)]


def test_a_row_entered_twice_overlaps_itself():
    intervals = [interval(MONDAY, "09:00", "19:00"), interval(MONDAY, "09:00", "19:00")]
    assert find_overlaps(intervals) == [(0, 1)]


def test_every_overlapping_pair_is_reported():
    intervals = [interval(MONDAY, "09:00", "19:00"), interval(MONDAY, "10:00", "11:00"), interval(MONDAY, "12:00", "13:00")]
    assert sorted(find_overlaps(intervals)) == [(0, 1), (0, 2)]


def test_overnight_interval_overlaps_the_next_morning():
    intervals = [interval(TUESDAY, "08:00", "12:00"), interval(MONDAY, "20:00", "09:00", True)]
    assert find_overlaps(intervals) == [(1, 0)]


def test_sunday_night_wraps_into_monday_morning():
    intervals = [interval(MONDAY, "08:00", "12:00"), interval(SUNDAY, "22:00", "09:00", True)]
    assert find_overlaps(intervals) == [(1, 0)]
    assert find_overlaps(intervals, wrap_week=False) == []


def test_sunday_night_that_closes_before_monday_opening_is_fine():
    intervals = [interval(MONDAY, "08:00", "12:00"), interval(SUNDAY, "22:00", "08:00", True)]
    assert find_overlaps(intervals) == []


def test_dated_exceptions_do_not_wrap():
    evening = Interval(0, at("20:00"), at("02:00"), True)
    early = Interval(0, at("01:00"), at("03:00"))
    assert find_overlaps([evening, early], wrap_week=False) == []
    assert find_overlaps([evening, Interval(0, at("23:00"), at("23:30"))], wrap_week=False) == [(0, 1)]


def test_describe_overlap_names_days_and_times():
    sunday, monday = interval(SUNDAY, "22:00", "09:00", True), interval(MONDAY, "08:00", "12:00")
    assert describe_overlap(sunday, monday) == "Sunday 22:00–09:00 (next day) overlaps Monday 08:00–12:00."
    assert describe_overlap(monday, monday, weekly=False) == "08:00–12:00 overlaps 08:00–12:00 on the same date."
