"""The days an offer can be used, in the calendar of the stores it applies in."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cms.offers.listing import offer_time_zone, validity_days
from tests.factories import OfferFactory, StorePageFactory

ROME = ZoneInfo("Europe/Rome")
DECEMBER = datetime.datetime(2026, 12, 1, tzinfo=ROME)
NEW_YEAR = datetime.datetime(2027, 1, 1, tzinfo=ROME)


def test_an_offer_valid_until_midnight_ends_the_day_before():
    offer = SimpleNamespace(valid_from=DECEMBER, valid_to=NEW_YEAR)
    assert validity_days(offer, "Europe/Rome") == (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))


def test_the_days_are_those_of_the_zone_asked_for():
    offer = SimpleNamespace(valid_from=DECEMBER, valid_to=NEW_YEAR)
    # Midnight in Rome is 08:00 in Tokyo and 18:00 the day before in New York.
    assert validity_days(offer, "Asia/Tokyo") == (datetime.date(2026, 12, 1), datetime.date(2027, 1, 1))
    assert validity_days(offer, "America/New_York") == (datetime.date(2026, 11, 30), datetime.date(2026, 12, 31))
    assert validity_days(SimpleNamespace(valid_from=DECEMBER, valid_to=None), "UTC") == (datetime.date(2026, 11, 30), None)


@pytest.fixture
def stores(store_index):
    return {
        "rome": [StorePageFactory(parent=store_index, title=f"Roma {n}", time_zone="Europe/Rome") for n in range(2)],
        "tokyo": StorePageFactory(parent=store_index, title="Tokyo Ginza", time_zone="Asia/Tokyo"),
        "new_york": StorePageFactory(parent=store_index, title="New York SoHo", time_zone="America/New_York"),
    }


def test_an_offer_for_some_stores_is_read_in_the_first_store_s_zone(stores):
    assert offer_time_zone(OfferFactory.for_stores([stores["tokyo"], stores["new_york"]])) == "America/New_York"
    assert offer_time_zone(OfferFactory.for_stores([stores["tokyo"]])) == "Asia/Tokyo"


def test_an_offer_for_every_store_is_read_where_most_stores_are(stores):
    assert offer_time_zone(OfferFactory(applies_to_all_stores=True)) == "Europe/Rome"


def test_without_stores_the_server_s_zone(db):
    assert offer_time_zone(OfferFactory(applies_to_all_stores=True)) == "UTC"
