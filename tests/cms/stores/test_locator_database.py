"""The database store locator: the shared contract, plus what only it promises — one
bounding-box query on the indexed columns, whatever the number of stores — and the
configuration that chooses a locator."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.stores.geo import GeoPoint, great_circle_km
from cms.stores.locator import DatabaseStoreLocator, GreatCircleKm, StoreLocator, get_store_locator
from cms.stores.models import StorePage
from tests.factories import ServiceFactory, StoreOpeningHoursFactory, StorePageFactory

from .locator_contract import MILAN, PLACES, StoreLocatorContract, position, titles


class TestDatabaseStoreLocator(StoreLocatorContract):
    @pytest.fixture
    def locator(self):
        return DatabaseStoreLocator()

    def test_the_radius_is_inclusive(self, nearby, place):
        bergamo = place("Bergamo")
        assert titles(nearby(MILAN, great_circle_km(MILAN, position(bergamo)))) == ["Bergamo"]

    def test_a_store_on_the_edge_of_the_box_is_kept(self, nearby, store_index):
        # Due north of Milan at 10 km: on the box's northern edge, which is rounded outwards.
        north = MILAN.latitude + 10 / 6371.0088 * 180 / 3.141592653589793
        StorePageFactory(parent=store_index, title="North", latitude=Decimal(f"{north:.6f}"), longitude=Decimal("9.191383"))
        found = nearby(MILAN, 10.001)
        assert titles(found) == ["North"]


def add_stores(store_index, count, service=None):
    """``count`` more stores within 10 km of Milan, each with opening hours."""
    start = StorePage.objects.count()
    for number in range(start, start + count):
        store = StorePageFactory.with_services(
            store_index,
            [service] if service else [],
            title=f"Around Milan {number}",
            latitude=Decimal(MILAN.latitude + 0.01 * (number % 7)).quantize(Decimal("0.000001")),
            longitude=Decimal(MILAN.longitude + 0.01 * (number // 7)).quantize(Decimal("0.000001")),
        )
        StoreOpeningHoursFactory(store=store)


def queries_of(search):
    with CaptureQueriesContext(connection) as context:
        found = search()
    return len(context.captured_queries), found, [query["sql"] for query in context.captured_queries]


def has_hours(store):
    return len(store.opening_hours.all()) > 0


QUERY_CASES = {
    "stores given": (lambda: {"stores": StorePage.objects.live()}, 1),
    # The service codes are checked first, so that an unknown one is named.
    "services": (lambda: {"stores": StorePage.objects.live(), "services": ["click-and-collect"]}, 2),
    # An "open now" predicate reading hours the caller prefetched: one more query, not one per store.
    "predicate": (lambda: {"stores": StorePage.objects.live().prefetch_related("opening_hours"), "predicate": has_hours}, 2),
    # The default stores: Wagtail's public() reads the view restrictions first.
    "default stores": (lambda: {}, 2),
}


@pytest.mark.parametrize("case", QUERY_CASES)
def test_query_count_does_not_grow_with_the_stores(store_index, case):
    arguments, expected = QUERY_CASES[case]
    service = ServiceFactory(code="click-and-collect")
    locator = DatabaseStoreLocator()
    counts = []
    for added in (3, 20):
        add_stores(store_index, added, service)
        count, found, _ = queries_of(lambda: locator.nearby(MILAN, 50, **arguments()))
        counts.append((count, len(found)))
    assert counts == [(expected, 3), (expected, 23)]


def test_one_query_on_the_bounding_box(store_index):
    add_stores(store_index, 5)
    StorePageFactory(parent=store_index, title="Roma", latitude=Decimal("41.9028"), longitude=Decimal("12.4964"))
    count, found, sql = queries_of(lambda: DatabaseStoreLocator().nearby(MILAN, 50, stores=StorePage.objects.live()))
    assert count == 1 and len(found) == 5
    where = sql[0].split("WHERE", 1)[1]
    for condition in ['"latitude" >=', '"latitude" <=', '"longitude" >=', '"longitude" <=']:
        assert condition in where


def test_across_the_antimeridian_two_longitude_ranges_in_one_query(store_index):
    StorePageFactory(parent=store_index, title="Suva", latitude=Decimal("-18.1416"), longitude=Decimal("178.4419"))
    StorePageFactory(parent=store_index, title="Apia", latitude=Decimal("-13.8333"), longitude=Decimal("-171.7667"))
    count, found, sql = queries_of(
        lambda: DatabaseStoreLocator().nearby((-16.0, 179.9), 1000, stores=StorePage.objects.live())
    )
    assert count == 1 and titles(found) == ["Suva", "Apia"]
    assert sql[0].count('"longitude" >=') == 2


def test_the_database_measures_the_very_distance_of_great_circle_km(store_index):
    """The distance the database computes, orders by and cuts at is great_circle_km's to the
    last bit (the radius is inclusive on the exact value, ties are broken by title)."""
    for number, (latitude, longitude, _country) in enumerate(PLACES.values()):
        StorePageFactory(parent=store_index, title=f"Place {number}", latitude=Decimal(str(latitude)),
                         longitude=Decimal(str(longitude)))
    points = [MILAN, (-16.0, 179.9), (-16.0, -179.9), (89.5, 0.0), (90, 123.4), (-89.9, -45.0), (0.0, 0.0)]
    for point in points:
        measured = StorePage.objects.annotate(km=GreatCircleKm(GeoPoint(*point))).values_list("latitude", "longitude", "km")
        for latitude, longitude, km in measured:
            assert km == great_circle_km(point, (float(latitude), float(longitude))), (point, latitude, longitude)


def test_a_page_is_ordered_and_cut_by_the_database(store_index):
    add_stores(store_index, 12)
    count, found, sql = queries_of(lambda: DatabaseStoreLocator().nearby(MILAN, 50, stores=StorePage.objects.live(), limit=3))
    assert count == 1 and len(found) == 3
    assert "ORDER BY" in sql[0] and "LIMIT 3" in sql[0]
    assert [km for _store, km in found] == sorted(
        great_circle_km(MILAN, position(store)) for store in StorePage.objects.filter(title__startswith="Around")
    )[:3]


# --- configuration ------------------------------------------------------------------------


class CountingLocator(StoreLocator):
    def __init__(self, **options):
        super().__init__(**options)
        self.searches = 0

    def search(self, query):
        self.searches += 1
        return []


def test_the_database_locator_by_default(settings):
    assert isinstance(get_store_locator(), DatabaseStoreLocator)
    del settings.STORE_LOCATOR
    assert isinstance(get_store_locator(), DatabaseStoreLocator)


def test_the_configured_locator_with_its_options(db, settings):
    settings.STORE_LOCATOR = {"BACKEND": f"{__name__}.CountingLocator", "OPTIONS": {"index": "stores"}}
    locator = get_store_locator()
    assert isinstance(locator, CountingLocator) and locator.options == {"index": "stores"}
    assert locator.nearby(MILAN, 10) == [] and locator.searches == 1


@pytest.mark.parametrize("path", ["cms.stores.nowhere.Locator", "cms.stores.locator.by_distance"])
def test_a_bad_backend_is_a_configuration_error(settings, path):
    settings.STORE_LOCATOR = {"BACKEND": path}
    with pytest.raises(ImproperlyConfigured, match="STORE_LOCATOR backend"):
        get_store_locator()
