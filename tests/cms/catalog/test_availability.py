import datetime
from decimal import Decimal

import pytest
from wagtail.models import Locale

from cms.catalog.availability import StockBand, nearest_in_stock, pickup_estimate, stock_band, stock_levels
from cms.stores.hours import Interval, StoreSchedule
from cms.stores.locator import DatabaseStoreLocator
from tests.cms.stores.locator_contract import MILAN
from tests.factories import ProductFactory, StockLevelFactory, StorePageFactory

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


# --- the nearest stores with stock --------------------------------------------------------


def stores_on_a_line(store_index, count):
    """``count`` stores due north of MILAN, about 1.1 km apart (the first at MILAN)."""
    return [
        StorePageFactory(parent=store_index, title=f"Store {number:02d}", slug=f"store-{number:02d}",
                         latitude=Decimal(str(MILAN.latitude)) + Decimal(number) / 100, longitude=Decimal(str(MILAN.longitude)))
        for number in range(count)
    ]


def levels_reader(reads):
    def levels_of(stores, skus):
        reads.append([store.slug for store in stores])
        return stock_levels([store.translation_key for store in stores], skus)

    return levels_of


def test_the_nearest_stores_with_stock_are_read_not_the_whole_radius(store_index, settings):
    stores = stores_on_a_line(store_index, 30)
    moka, cup = ProductFactory(sku="MOKA-3"), ProductFactory(sku="CUP-1")
    for number in (3, 7, 8, 20, 25):
        StockLevelFactory(store=stores[number], product=moka, quantity=number)
    StockLevelFactory(store=stores[1], product=moka, quantity=0)  # out of stock: left out
    StockLevelFactory(store=stores[12], product=cup, quantity=5)
    default = Locale.get_default()
    reads = []
    found, reach = nearest_in_stock(DatabaseStoreLocator().within(MILAN, 50), ["MOKA-3"], 2, levels_reader(reads), default)
    assert [(store.slug, level.quantity) for store, _km, level in found["MOKA-3"]] == [("store-03", 3), ("store-07", 7)]
    assert reads == [["store-03", "store-07"]]  # only the stores shown had their stock read
    assert reach == found["MOKA-3"][-1][1] == pytest.approx(7.78, abs=0.01)

    # Two SKUs: CUP-1 has one store only, so every stocked store of the radius is read (a
    # second, larger read finds no more) and the answer depends on the whole radius.
    reads = []
    found, reach = nearest_in_stock(
        DatabaseStoreLocator().within(MILAN, 50), ["MOKA-3", "CUP-1"], 3, levels_reader(reads), default, default
    )
    assert [store.slug for store, _km, _level in found["MOKA-3"]] == ["store-03", "store-07", "store-08"]
    assert [store.slug for store, _km, _level in found["CUP-1"]] == ["store-12"]
    assert reads == [["store-03", "store-07", "store-08", "store-12", "store-20", "store-25"]]
    assert reach is None
