import datetime

import pytest

from cms.catalog.availability import StockBand, pickup_estimate, stock_band
from cms.stores.hours import Interval, StoreSchedule

WEEKDAYS_9_TO_19 = tuple(Interval(day, datetime.time(9), datetime.time(19)) for day in range(5))
ROME = StoreSchedule("Europe/Rome", WEEKDAYS_9_TO_19, {datetime.date(2026, 12, 25): ()})


def rome(text):
    return datetime.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("quantity", "band"),
    [(None, StockBand.OUT_OF_STOCK), (0, StockBand.OUT_OF_STOCK), (1, StockBand.LOW_STOCK),
     (3, StockBand.LOW_STOCK), (4, StockBand.IN_STOCK)],
)
def test_stock_bands_at_the_default_thresholds(quantity, band):
    assert stock_band(quantity) == band


def test_thresholds_are_settings(settings):
    settings.STOCK_OUT_THRESHOLD = 2
    settings.STOCK_LOW_THRESHOLD = 10
    assert [stock_band(quantity) for quantity in (2, 3, 10, 11)] == [
        StockBand.OUT_OF_STOCK, StockBand.LOW_STOCK, StockBand.LOW_STOCK, StockBand.IN_STOCK
    ]


@pytest.mark.parametrize(
    ("ordered", "expected"),
    [
        # Open, ready well before closing: now + 30 minutes.
        ("2026-12-21T10:00:00+01:00", "2026-12-21T10:30:00+01:00"),
        # Ready exactly at closing time is too late: the next morning's opening + 30 minutes.
        ("2026-12-21T18:30:00+01:00", "2026-12-22T09:30:00+01:00"),
        # One minute earlier it is ready one minute before closing.
        ("2026-12-21T18:29:00+01:00", "2026-12-21T18:59:00+01:00"),
        # Before opening: opening + preparation.
        ("2026-12-21T07:00:00+01:00", "2026-12-21T09:30:00+01:00"),
        # Christmas Eve evening: closed on Christmas and the weekend, ready Monday 09:30.
        ("2026-12-24T19:00:00+01:00", "2026-12-28T09:30:00+01:00"),
        # Ordered from New York (13:00 there is 19:00 in Rome, closing time).
        ("2026-12-21T13:00:00-05:00", "2026-12-22T09:30:00+01:00"),
    ],
)
def test_pickup_estimate_at_boundary_times(ordered, expected):
    estimate = pickup_estimate(ROME, rome(ordered), 30, in_stock=True)
    assert estimate.isoformat() == expected


def test_no_pickup_estimate_without_stock_or_opening():
    assert pickup_estimate(ROME, rome("2026-12-21T10:00:00+01:00"), 30, in_stock=False) is None
    never_open = StoreSchedule("Europe/Rome")
    assert pickup_estimate(never_open, rome("2026-12-21T10:00:00+01:00"), 30, in_stock=True) is None
