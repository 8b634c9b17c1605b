"""The opening hours engine in cms/stores/hours.py: open at an instant, next opening and
closing, the intervals of a date, in the store's own time zone and across DST changes."""

from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cms.stores.hours import (
    SEARCH_DAYS,
    Interval,
    OpenPeriod,
    StoreSchedule,
    intervals_on,
    is_open,
    local_instant,
    next_closing,
    next_opening,
    schedule_for_store,
    schedule_from_rows,
    schedules_by_store_id,
)
from cms.stores.models import StoreHoursException
from tests.factories import StoreOpeningHoursFactory, StorePageFactory

ROME, NEW_YORK, TOKYO = "Europe/Rome", "America/New_York", "Asia/Tokyo"
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
WEEKDAYS = (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)


def at(text):
    """An aware instant written with its UTC offset, e.g. "2026-11-23T10:00+01:00"."""
    return datetime.fromisoformat(text)


def iso(moment):
    return moment.isoformat() if moment else None


def weekly(days, opens, closes, next_day=False):
    return tuple(Interval(day, time.fromisoformat(opens), time.fromisoformat(closes), next_day) for day in days)


def hours(opens, closes, next_day=False):
    """The intervals of a dated exception."""
    return (Interval(0, time.fromisoformat(opens), time.fromisoformat(closes), next_day),)


def periods(schedule, day):
    return [(iso(period.opens), iso(period.closes)) for period in intervals_on(schedule, date.fromisoformat(day))]


SHOP = StoreSchedule(ROME, weekly(WEEKDAYS, "09:00", "19:00"))


# --- a normal week ------------------------------------------------------------------------


def test_normal_day_is_open_from_opening_until_just_before_closing():
    assert not is_open(SHOP, at("2026-11-23T08:59+01:00"))
    assert is_open(SHOP, at("2026-11-23T09:00+01:00"))
    assert is_open(SHOP, at("2026-11-23T18:59+01:00"))
    assert not is_open(SHOP, at("2026-11-23T19:00+01:00"))
    assert iso(next_closing(SHOP, at("2026-11-23T10:00+01:00"))) == "2026-11-23T19:00:00+01:00"
    assert iso(next_opening(SHOP, at("2026-11-23T07:00+01:00"))) == "2026-11-23T09:00:00+01:00"
    assert periods(SHOP, "2026-11-23") == [("2026-11-23T09:00:00+01:00", "2026-11-23T19:00:00+01:00")]
    assert periods(SHOP, "2026-11-28") == []  # Saturday


def test_while_open_next_opening_is_the_following_one():
    assert iso(next_opening(SHOP, at("2026-11-23T09:00+01:00"))) == "2026-11-24T09:00:00+01:00"
    assert iso(next_closing(SHOP, at("2026-11-23T19:00+01:00"))) == "2026-11-24T19:00:00+01:00"


def test_lunch_break():
    schedule = StoreSchedule(ROME, weekly(WEEKDAYS, "09:00", "13:00") + weekly(WEEKDAYS, "15:00", "19:00"))
    assert is_open(schedule, at("2026-11-23T12:59+01:00"))
    assert not is_open(schedule, at("2026-11-23T13:00+01:00"))
    assert not is_open(schedule, at("2026-11-23T14:00+01:00"))
    assert is_open(schedule, at("2026-11-23T15:00+01:00"))
    assert iso(next_closing(schedule, at("2026-11-23T12:00+01:00"))) == "2026-11-23T13:00:00+01:00"
    assert iso(next_opening(schedule, at("2026-11-23T14:00+01:00"))) == "2026-11-23T15:00:00+01:00"
    assert iso(next_closing(schedule, at("2026-11-23T14:00+01:00"))) == "2026-11-23T19:00:00+01:00"
    assert periods(schedule, "2026-11-23") == [
        ("2026-11-23T09:00:00+01:00", "2026-11-23T13:00:00+01:00"),
        ("2026-11-23T15:00:00+01:00", "2026-11-23T19:00:00+01:00"),
    ]


# --- past midnight ------------------------------------------------------------------------

BAR = StoreSchedule(ROME, weekly([FRIDAY], "20:00", "02:00", next_day=True))


def test_overnight_interval_runs_into_the_following_day():
    assert is_open(BAR, at("2026-11-27T23:00+01:00"))
    assert is_open(BAR, at("2026-11-28T01:00+01:00"))  # Saturday, on Friday's hours
    assert not is_open(BAR, at("2026-11-28T02:00+01:00"))
    assert not is_open(BAR, at("2026-11-28T03:00+01:00"))
    assert periods(BAR, "2026-11-28") == [("2026-11-27T20:00:00+01:00", "2026-11-28T02:00:00+01:00")]
    assert periods(BAR, "2026-11-27") == [("2026-11-27T20:00:00+01:00", "2026-11-28T02:00:00+01:00")]


def test_next_closing_of_an_overnight_interval_is_on_the_next_day():
    assert iso(next_closing(BAR, at("2026-11-27T21:00+01:00"))) == "2026-11-28T02:00:00+01:00"
    assert iso(next_closing(BAR, at("2026-11-28T01:00+01:00"))) == "2026-11-28T02:00:00+01:00"
    assert iso(next_opening(BAR, at("2026-11-28T01:00+01:00"))) == "2026-12-04T20:00:00+01:00"


def test_an_interval_ending_at_midnight_does_not_run_into_the_next_day():
    schedule = StoreSchedule(ROME, weekly([MONDAY], "18:00", "00:00", next_day=True))
    assert is_open(schedule, at("2026-11-23T23:59+01:00"))
    assert not is_open(schedule, at("2026-11-24T00:00+01:00"))
    assert periods(schedule, "2026-11-24") == []


def test_touching_intervals_close_once():
    schedule = StoreSchedule(
        ROME, weekly([MONDAY], "18:00", "00:00", next_day=True) + weekly([TUESDAY], "00:00", "02:00")
    )
    assert iso(next_closing(schedule, at("2026-11-23T19:00+01:00"))) == "2026-11-24T02:00:00+01:00"
    assert iso(next_opening(schedule, at("2026-11-23T19:00+01:00"))) == "2026-11-30T18:00:00+01:00"


# --- dated exceptions ---------------------------------------------------------------------


def test_holiday_closure():
    schedule = StoreSchedule(ROME, SHOP.weekly, {date(2026, 12, 8): ()})
    assert not is_open(schedule, at("2026-12-08T11:00+01:00"))
    assert periods(schedule, "2026-12-08") == []
    assert is_open(schedule, at("2026-12-07T11:00+01:00"))
    assert is_open(schedule, at("2026-12-09T11:00+01:00"))


def test_special_hours_replace_the_weekly_hours_of_their_date():
    schedule = StoreSchedule(
        ROME, SHOP.weekly, {date(2026, 12, 24): hours("09:00", "16:00"), date(2026, 12, 19): hours("10:00", "23:00")}
    )
    assert is_open(schedule, at("2026-12-24T15:59+01:00"))
    assert not is_open(schedule, at("2026-12-24T17:00+01:00"))  # weekly hours would say open
    assert iso(next_closing(schedule, at("2026-12-24T10:00+01:00"))) == "2026-12-24T16:00:00+01:00"
    assert periods(schedule, "2026-12-24") == [("2026-12-24T09:00:00+01:00", "2026-12-24T16:00:00+01:00")]
    # A Saturday, closed every week, open late for Christmas shopping.
    assert is_open(schedule, at("2026-12-19T22:00+01:00"))
    assert iso(next_opening(schedule, at("2026-12-18T20:00+01:00"))) == "2026-12-19T10:00:00+01:00"


def test_overnight_interval_of_the_day_before_still_runs_into_an_exception_date():
    schedule = StoreSchedule(
        ROME,
        weekly([WEDNESDAY, THURSDAY], "09:00", "19:00") + weekly([WEDNESDAY], "22:00", "02:00", next_day=True),
        {date(2026, 12, 24): hours("10:00", "16:00"), date(2026, 12, 31): ()},
    )
    assert is_open(schedule, at("2026-12-24T01:00+01:00"))  # Wednesday night
    assert not is_open(schedule, at("2026-12-24T09:30+01:00"))
    assert periods(schedule, "2026-12-24") == [
        ("2026-12-23T22:00:00+01:00", "2026-12-24T02:00:00+01:00"),
        ("2026-12-24T10:00:00+01:00", "2026-12-24T16:00:00+01:00"),
    ]
    assert is_open(schedule, at("2026-12-31T01:00+01:00"))  # a closed date too
    assert not is_open(schedule, at("2026-12-31T10:00+01:00"))


def test_an_overnight_exception_runs_into_the_next_day():
    schedule = StoreSchedule(ROME, SHOP.weekly, {date(2026, 12, 31): hours("20:00", "03:00", next_day=True)})
    assert is_open(schedule, at("2027-01-01T02:30+01:00"))
    assert iso(next_closing(schedule, at("2026-12-31T21:00+01:00"))) == "2027-01-01T03:00:00+01:00"


# --- daylight saving time -----------------------------------------------------------------


def test_rome_spring_forward_overnight_interval_keeps_its_wall_clock_closing():
    # Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST.
    schedule = StoreSchedule(
        ROME, weekly([SATURDAY], "22:00", "06:00", next_day=True) + weekly([SUNDAY], "10:00", "18:00")
    )
    assert is_open(schedule, at("2026-03-29T03:30+02:00"))
    assert is_open(schedule, at("2026-03-29T03:59Z"))
    assert not is_open(schedule, at("2026-03-29T04:00Z"))  # 06:00 CEST
    assert iso(next_closing(schedule, at("2026-03-28T23:00+01:00"))) == "2026-03-29T06:00:00+02:00"
    assert iso(next_opening(schedule, at("2026-03-29T07:00+02:00"))) == "2026-03-29T10:00:00+02:00"
    assert not is_open(schedule, at("2026-03-29T07:59Z"))
    assert is_open(schedule, at("2026-03-29T08:00Z"))  # 10:00 CEST


def test_rome_time_in_the_spring_gap_moves_later_by_the_gap():
    schedule = StoreSchedule(ROME, weekly([SUNDAY], "02:30", "05:00"), {date(2026, 4, 5): ()})
    assert iso(local_instant(ZoneInfo(ROME), date(2026, 3, 29), time(2, 30))) == "2026-03-29T03:30:00+02:00"
    assert iso(next_opening(schedule, at("2026-03-28T23:00+01:00"))) == "2026-03-29T03:30:00+02:00"
    assert not is_open(schedule, at("2026-03-29T03:15+02:00"))
    assert is_open(schedule, at("2026-03-29T03:30+02:00"))
    assert iso(next_opening(schedule, at("2026-03-29T04:00+02:00"))) == "2026-04-12T02:30:00+02:00"  # 5 April closed
    in_the_gap = StoreSchedule(ROME, weekly([SUNDAY], "02:10", "02:50"))
    assert periods(in_the_gap, "2026-03-29") == [("2026-03-29T03:10:00+02:00", "2026-03-29T03:50:00+02:00")]
    emptied = StoreSchedule(ROME, weekly([SUNDAY], "02:30", "03:15"))  # 03:30 to 03:15: nothing left
    assert periods(emptied, "2026-03-29") == []
    assert not is_open(emptied, at("2026-03-29T03:20+02:00"))
    assert iso(next_opening(emptied, at("2026-03-29T00:00+01:00"))) == "2026-04-05T02:30:00+02:00"


def test_rome_fall_back_overnight_interval_lasts_an_hour_longer():
    # Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET.
    schedule = StoreSchedule(ROME, weekly([SATURDAY], "22:00", "06:00", next_day=True))
    assert periods(schedule, "2026-10-25") == [("2026-10-24T22:00:00+02:00", "2026-10-25T06:00:00+01:00")]
    assert is_open(schedule, at("2026-10-25T05:30+01:00"))
    assert not is_open(schedule, at("2026-10-25T05:00Z"))
    assert iso(next_closing(schedule, at("2026-10-24T23:00+02:00"))) == "2026-10-25T06:00:00+01:00"


def test_rome_ambiguous_time_is_its_first_occurrence():
    schedule = StoreSchedule(ROME, weekly([SATURDAY], "20:00", "02:30", next_day=True))
    first, second = (datetime(2026, 10, 25, 2, 20, fold=fold, tzinfo=ZoneInfo(ROME)) for fold in (0, 1))
    assert is_open(schedule, first)  # 02:20 CEST
    assert not is_open(schedule, second)  # 02:20 CET, an hour later
    assert iso(next_closing(schedule, at("2026-10-24T21:00+02:00"))) == "2026-10-25T02:30:00+02:00"


def test_new_york_spring_forward_overnight_interval():
    # Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT.
    schedule = StoreSchedule(NEW_YORK, weekly([SATURDAY], "20:00", "04:00", next_day=True))
    assert periods(schedule, "2026-03-08") == [("2026-03-07T20:00:00-05:00", "2026-03-08T04:00:00-04:00")]
    assert is_open(schedule, at("2026-03-08T03:30-04:00"))
    assert is_open(schedule, at("2026-03-08T07:59Z"))
    assert not is_open(schedule, at("2026-03-08T08:00Z"))
    assert iso(next_closing(schedule, at("2026-03-07T21:00-05:00"))) == "2026-03-08T04:00:00-04:00"


def test_new_york_fall_back_overnight_interval_and_ambiguous_opening():
    # Sunday 1 November 2026: 02:00 EDT becomes 01:00 EST.
    schedule = StoreSchedule(
        NEW_YORK, weekly([SATURDAY], "20:00", "04:00", next_day=True) + weekly([SUNDAY], "10:00", "18:00")
    )
    assert is_open(schedule, at("2026-11-01T01:30-05:00"))  # the second 01:30
    assert iso(next_closing(schedule, at("2026-10-31T21:00-04:00"))) == "2026-11-01T04:00:00-05:00"
    assert not is_open(schedule, at("2026-11-01T09:00Z"))
    assert iso(next_opening(schedule, at("2026-11-01T05:00-05:00"))) == "2026-11-01T10:00:00-05:00"

    early = StoreSchedule(NEW_YORK, weekly([SUNDAY], "01:30", "03:00"))
    first, second = (datetime(2026, 11, 1, 1, 15, fold=fold, tzinfo=ZoneInfo(NEW_YORK)) for fold in (0, 1))
    assert not is_open(early, first)  # 01:15 EDT
    assert is_open(early, second)  # 01:15 EST, after 01:30 EDT
    assert iso(next_opening(early, at("2026-10-31T23:00-04:00"))) == "2026-11-01T01:30:00-04:00"


# --- a store in another zone --------------------------------------------------------------


def test_tokyo_store_asked_with_utc_instants():
    schedule = StoreSchedule(TOKYO, weekly(range(7), "10:00", "20:00"))
    assert not is_open(schedule, at("2026-11-23T00:30Z"))  # 09:30 JST
    assert is_open(schedule, at("2026-11-23T01:00Z"))
    assert is_open(schedule, at("2026-11-23T10:59Z"))
    assert not is_open(schedule, at("2026-11-23T11:00Z"))  # 20:00 JST
    assert iso(next_opening(schedule, at("2026-11-23T12:00Z"))) == "2026-11-24T10:00:00+09:00"
    assert next_opening(schedule, at("2026-11-23T12:00Z")) == at("2026-11-24T01:00Z")


def test_tokyo_store_uses_its_own_date():
    schedule = StoreSchedule(TOKYO, weekly([MONDAY], "08:00", "12:00"))
    sunday_in_utc = at("2026-11-22T23:30Z")  # Monday 08:30 in Tokyo
    assert is_open(schedule, sunday_in_utc)
    assert iso(next_closing(schedule, sunday_in_utc)) == "2026-11-23T12:00:00+09:00"


# --- searching forward --------------------------------------------------------------------


def test_next_opening_across_a_closed_weekend():
    assert iso(next_opening(SHOP, at("2026-11-27T19:30+01:00"))) == "2026-11-30T09:00:00+01:00"
    assert iso(next_opening(SHOP, at("2026-11-28T12:00Z"))) == "2026-11-30T09:00:00+01:00"


def test_next_opening_across_holidays():
    schedule = StoreSchedule(
        ROME,
        weekly(WEEKDAYS + (SATURDAY,), "09:00", "19:00"),
        {date(2026, 12, 8): (), date(2026, 12, 25): (), date(2026, 12, 26): ()},
    )
    assert iso(next_opening(schedule, at("2026-12-07T20:00+01:00"))) == "2026-12-09T09:00:00+01:00"
    assert iso(next_opening(schedule, at("2026-12-24T19:00+01:00"))) == "2026-12-28T09:00:00+01:00"
    assert iso(next_closing(schedule, at("2026-12-24T19:00+01:00"))) == "2026-12-28T19:00:00+01:00"


def test_search_stops_after_search_days():
    assert SEARCH_DAYS == 14
    never = StoreSchedule(ROME)
    assert next_opening(never, at("2026-11-23T10:00Z")) is None
    assert next_closing(never, at("2026-11-23T10:00Z")) is None
    soon = StoreSchedule(ROME, exceptions={date(2026, 12, 6): hours("10:00", "12:00")})
    later = StoreSchedule(ROME, exceptions={date(2026, 12, 13): hours("10:00", "12:00")})
    assert iso(next_opening(soon, at("2026-11-23T10:00+01:00"))) == "2026-12-06T10:00:00+01:00"
    assert next_opening(later, at("2026-11-23T10:00+01:00")) is None


def test_a_store_open_round_the_clock_never_closes_within_the_search():
    schedule = StoreSchedule(ROME, weekly(range(7), "00:00", "00:00", next_day=True))
    assert is_open(schedule, at("2026-11-23T03:00Z"))
    assert next_closing(schedule, at("2026-11-23T03:00Z")) is None
    assert next_opening(schedule, at("2026-11-23T03:00Z")) is None


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("question", [is_open, next_opening, next_closing])
def test_naive_datetime_is_rejected(question):
    with pytest.raises(ValueError, match="2026-11-23T10:00:00 has no time zone"):
        question(SHOP, datetime(2026, 11, 23, 10, 0))


def test_unknown_time_zone_is_rejected():
    with pytest.raises(ValueError, match="'Europe/Atlantis' is not an IANA time zone"):
        StoreSchedule("Europe/Atlantis")


def test_period_containment_compares_instants():
    period = OpenPeriod(at("2026-11-23T09:00+01:00"), at("2026-11-23T19:00+01:00"))
    assert at("2026-11-23T08:00Z") in period
    assert at("2026-11-23T18:00Z") not in period


# --- building schedules from rows ---------------------------------------------------------


def weekly_row(store_id, weekday, opens, closes, next_day=False):
    return SimpleNamespace(
        store_id=store_id,
        weekday=weekday,
        opens=opens and time.fromisoformat(opens),
        closes=closes and time.fromisoformat(closes),
        closes_next_day=next_day,
    )


def exception_row(store_id, day, opens=None, closes=None, closed=False, next_day=False):
    return SimpleNamespace(
        store_id=store_id,
        date=date.fromisoformat(day),
        closed=closed,
        opens=opens and time.fromisoformat(opens),
        closes=closes and time.fromisoformat(closes),
        closes_next_day=next_day,
    )


def test_schedule_from_rows_keeps_valid_rows_and_closures_win():
    schedule = schedule_from_rows(
        ROME,
        [
            weekly_row(1, MONDAY, "15:00", "19:00"),
            weekly_row(1, MONDAY, "09:00", "13:00"),
            weekly_row(1, TUESDAY, None, "19:00"),  # incomplete: ignored
        ],
        [
            exception_row(1, "2026-12-08", closed=True),
            exception_row(1, "2026-12-08", "10:00", "12:00"),
            exception_row(1, "2026-12-24", "09:00", "16:00"),
            exception_row(1, "2026-12-31", "19:00", "09:00"),  # not ticked as overnight: ignored
        ],
    )
    assert schedule.weekly == weekly([MONDAY], "09:00", "13:00") + weekly([MONDAY], "15:00", "19:00")
    assert schedule.exceptions == {date(2026, 12, 8): (), date(2026, 12, 24): hours("09:00", "16:00")}


def test_schedules_by_store_id_groups_rows_loaded_together():
    schedules = schedules_by_store_id(
        {1: ROME, 2: TOKYO, 3: NEW_YORK},
        [weekly_row(1, MONDAY, "09:00", "19:00"), weekly_row(2, MONDAY, "10:00", "20:00")],
        [exception_row(2, "2026-11-23", closed=True)],
    )
    moment = at("2026-11-23T10:30+01:00")  # 18:30 in Tokyo, 04:30 in New York
    assert {store_id: is_open(schedule, moment) for store_id, schedule in schedules.items()} == {
        1: True,
        2: False,
        3: False,
    }
    assert schedules[3] == StoreSchedule(NEW_YORK)


def test_schedule_for_store_page(store_index):
    store = StorePageFactory(parent=store_index, time_zone=TOKYO)
    StoreOpeningHoursFactory(store=store, weekday=MONDAY, opens=time(10), closes=time(20))
    StoreHoursException.objects.create(store=store, date=date(2026, 11, 30), label="Inventory", closed=True)
    schedule = schedule_for_store(store)
    assert schedule == StoreSchedule(TOKYO, weekly([MONDAY], "10:00", "20:00"), {date(2026, 11, 30): ()})
    assert is_open(schedule, at("2026-11-23T02:00Z"))
    assert iso(next_opening(schedule, at("2026-11-23T12:00Z"))) == "2026-12-07T10:00:00+09:00"
