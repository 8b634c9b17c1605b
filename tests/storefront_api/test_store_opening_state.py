"""Store.isOpen / nextOpening / nextClosing: the hours engine seen through the API."""

import datetime

import pytest

from cms.stores.models import StoreHoursException
from tests.factories import StoreOpeningHoursFactory, StorePageFactory

QUERY = """query($at: DateTime, $after: DateTime) { store(slug: "rome-centre") {
  isOpen(at: $at) nextOpening(after: $after) nextClosing(after: $after) } }"""


@pytest.fixture
def rome(store_index):
    store = StorePageFactory(parent=store_index, title="Rome centre", slug="rome-centre", time_zone="Europe/Rome")
    for weekday in range(5):  # Monday to Friday, with a lunch break
        StoreOpeningHoursFactory(store=store, weekday=weekday, opens=datetime.time(9), closes=datetime.time(13))
        StoreOpeningHoursFactory(store=store, weekday=weekday, opens=datetime.time(15), closes=datetime.time(19))
    StoreHoursException.objects.create(store=store, date=datetime.date(2026, 12, 25), label="Christmas", closed=True)
    return store


@pytest.mark.parametrize(
    ("instant", "is_open", "next_opening", "next_closing"),
    [
        # Monday 21 December 2026, 10:00 in Rome (09:00 UTC): open until lunch.
        ("2026-12-21T09:00:00+00:00", True, "2026-12-21T15:00:00+01:00", "2026-12-21T13:00:00+01:00"),
        # The lunch break, given in New York time: closed, opens again at 15:00 Rome time.
        ("2026-12-21T08:00:00-05:00", False, "2026-12-21T15:00:00+01:00", "2026-12-21T19:00:00+01:00"),
        # Christmas Eve evening: the next opening skips the Christmas closure and the weekend.
        ("2026-12-24T20:00:00+01:00", False, "2026-12-28T09:00:00+01:00", "2026-12-28T13:00:00+01:00"),
    ],
)
def test_open_state_in_the_stores_time_zone(graphql, rome, instant, is_open, next_opening, next_closing):
    body = graphql(QUERY, {"at": instant, "after": instant})
    assert "errors" not in body, body
    assert body["data"]["store"] == {"isOpen": is_open, "nextOpening": next_opening, "nextClosing": next_closing}


def test_an_instant_without_offset_is_refused_naming_the_argument(graphql, rome):
    body = graphql(QUERY, {"at": "2026-12-21T10:00:00"})
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "at"}
