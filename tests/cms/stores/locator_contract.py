"""The contract every store locator implementation passes.

An implementation's test module subclasses ``StoreLocatorContract`` (a class named
``Test…``), gives the ``locator`` fixture and, when it searches an index of its own,
overrides ``prepare`` to bring that index up to date with the stores a test created::

    class TestDatabaseStoreLocator(StoreLocatorContract):
        @pytest.fixture
        def locator(self):
            return DatabaseStoreLocator()

Distances are checked against GeographicLib's geodesic on the WGS 84 ellipsoid, an
implementation independent of ours.
"""

import math
from decimal import Decimal

import pytest
from geographiclib.geodesic import Geodesic

from cms.stores.geo import GeoPoint, great_circle_km
from cms.stores.listing import InvalidStoreFilter
from cms.stores.models import StorePage
from tests.factories import ServiceFactory, StorePageFactory

MILAN = GeoPoint(45.464211, 9.191383)
NEAR_ANTIMERIDIAN_EAST = GeoPoint(-16.0, 179.9)
NEAR_ANTIMERIDIAN_WEST = GeoPoint(-16.0, -179.9)
NEAR_NORTH_POLE = GeoPoint(89.5, 0.0)

# name: (latitude, longitude, country)
PLACES = {
    "Milano Duomo": (45.464211, 9.191383, "IT"),
    "Milano Centrale": (45.485600, 9.204000, "IT"),
    "Monza": (45.583800, 9.274400, "IT"),
    "Bergamo": (45.698300, 9.677300, "IT"),
    "Lugano": (46.003700, 8.951100, "CH"),
    "Torino": (45.070300, 7.686900, "IT"),
    "Roma": (41.902800, 12.496400, "IT"),
    "Suva": (-18.141600, 178.441900, "FJ"),
    "Apia": (-13.833300, -171.766700, "WS"),
    "Nuku'alofa": (-21.139400, -175.204900, "TO"),
    "Townsville": (-19.259000, 146.816900, "AU"),
    "Longyearbyen": (78.223200, 15.626700, "SJ"),
    "Ny-Ålesund": (78.925000, 11.930000, "SJ"),
    "Alert": (82.501800, -62.348100, "CA"),
    "Tromsø": (69.649200, 18.955300, "NO"),
    "Utqiaġvik": (71.290600, -156.788700, "US"),
}


def geodesic_km(a, b):
    return Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"] / 1000


def position(store):
    return (float(store.latitude), float(store.longitude))


def titles(found):
    return [store.title for store, _ in found]


class StoreLocatorContract:
    """Tests of ``StoreLocator.nearby`` that hold for every implementation."""

    @pytest.fixture
    def locator(self):
        raise NotImplementedError("A subclass gives the locator under test.")

    def prepare(self, locator):
        """Called before each search, after the test created its stores."""

    @pytest.fixture
    def nearby(self, locator):
        def search(*args, **kwargs):
            self.prepare(locator)
            return locator.nearby(*args, **kwargs)

        return search

    @pytest.fixture
    def place(self, store_index):
        """``place(name, **fields)``: a live store at one of PLACES."""

        def create(name, title=None, services=(), **fields):
            latitude, longitude, country = PLACES[name]
            fields = {
                "title": title or name,
                "latitude": Decimal(str(latitude)),
                "longitude": Decimal(str(longitude)),
                "country": country,
                **fields,
            }
            if services:
                return StorePageFactory.with_services(store_index, list(services), **fields)
            return StorePageFactory(parent=store_index, **fields)

        return create

    @pytest.fixture
    def lombardy(self, place):
        return {name: place(name) for name in ["Milano Duomo", "Milano Centrale", "Monza", "Bergamo", "Lugano", "Torino"]}

    @pytest.fixture
    def pacific(self, place):
        return {name: place(name) for name in ["Suva", "Apia", "Nuku'alofa", "Townsville"]}

    @pytest.fixture
    def arctic(self, place):
        return {name: place(name) for name in ["Longyearbyen", "Ny-Ålesund", "Alert", "Tromsø", "Utqiaġvik"]}

    # --- distances and order ----------------------------------------------------------------

    def test_distances_match_an_independent_geodesic_within_half_a_percent(self, nearby, lombardy, pacific, arctic):
        for point in [MILAN, NEAR_ANTIMERIDIAN_EAST, NEAR_NORTH_POLE]:
            found = nearby(point, 20_000)
            assert found, point
            for store, km in found:
                expected = geodesic_km(point, position(store))
                assert km == pytest.approx(expected, rel=0.005), (point, store.title)

    def test_nearest_first_with_distances_in_km(self, nearby, lombardy):
        found = nearby(MILAN, 200)
        assert titles(found) == ["Milano Duomo", "Milano Centrale", "Monza", "Bergamo", "Lugano", "Torino"]
        distances = [km for _, km in found]
        assert distances == sorted(distances)
        assert distances[0] == pytest.approx(0, abs=0.001)
        assert distances[-1] == pytest.approx(geodesic_km(MILAN, PLACES["Torino"][:2]), rel=0.005)

    def test_stores_at_the_same_distance_by_title(self, nearby, place):
        place("Monza", title="Monza B")
        place("Monza", title="Monza A")
        place("Milano Centrale")
        assert titles(nearby(MILAN, 50)) == ["Milano Centrale", "Monza A", "Monza B"]

    def test_only_stores_within_the_radius(self, nearby, lombardy, place):
        place("Roma")
        assert titles(nearby(MILAN, 30)) == ["Milano Duomo", "Milano Centrale", "Monza"]
        assert len(nearby(MILAN, 1000)) == 7

    def test_the_radius_edge(self, nearby, place):
        bergamo = place("Bergamo")
        edge = great_circle_km(MILAN, position(bergamo))
        assert titles(nearby(MILAN, edge + 0.001)) == ["Bergamo"]  # a metre inside
        assert nearby(MILAN, edge - 0.001) == []  # a metre outside

    def test_nothing_near(self, nearby, lombardy):
        assert nearby(NEAR_ANTIMERIDIAN_EAST, 500) == []

    # --- antimeridian and poles ---------------------------------------------------------------

    @pytest.mark.parametrize("point", [NEAR_ANTIMERIDIAN_EAST, NEAR_ANTIMERIDIAN_WEST], ids=["east", "west"])
    def test_across_the_antimeridian(self, nearby, pacific, point):
        found = nearby(point, 1000)
        assert titles(found) == ["Suva", "Nuku'alofa", "Apia"]
        for store, km in found:
            assert km == pytest.approx(geodesic_km(point, position(store)), rel=0.005)

    def test_a_store_on_the_antimeridian(self, nearby, place):
        place("Suva", title="Taveuni", latitude=Decimal("-16.8"), longitude=Decimal("180"))
        place("Suva", title="Date line west", latitude=Decimal("-16.8"), longitude=Decimal("-180"))
        assert titles(nearby(NEAR_ANTIMERIDIAN_WEST, 100)) == ["Date line west", "Taveuni"]

    def test_near_the_north_pole_every_longitude(self, nearby, arctic):
        found = nearby(NEAR_NORTH_POLE, 1500)
        assert titles(found) == ["Alert", "Ny-Ålesund", "Longyearbyen"]
        for store, km in found:
            assert km == pytest.approx(geodesic_km(NEAR_NORTH_POLE, position(store)), rel=0.005)

    def test_from_the_pole_itself(self, nearby, arctic):
        assert titles(nearby(GeoPoint(90, 0), 1300)) == ["Alert", "Ny-Ålesund"]
        assert titles(nearby(GeoPoint(90, 123.4), 1300)) == ["Alert", "Ny-Ålesund"]

    def test_near_the_south_pole(self, nearby, store_index):
        StorePageFactory(parent=store_index, title="McMurdo", latitude=Decimal("-77.846"), longitude=Decimal("166.676"))
        StorePageFactory(parent=store_index, title="Rothera", latitude=Decimal("-67.568"), longitude=Decimal("-68.128"))
        assert titles(nearby(GeoPoint(-89.9, -45.0), 1500)) == ["McMurdo"]
        assert titles(nearby(GeoPoint(-89.9, -45.0), 2600)) == ["McMurdo", "Rothera"]

    def test_the_largest_radius_reaches_round_the_world(self, nearby, lombardy, pacific):
        assert len(nearby(MILAN, 20_000)) == 10

    # --- filters, limit, predicate -----------------------------------------------------------

    def test_stores_offering_every_service_asked_for(self, nearby, place):
        collect = ServiceFactory(code="click-and-collect")
        parking = ServiceFactory(code="parking")
        place("Milano Duomo", services=[collect])
        place("Monza", services=[collect, parking])
        place("Milano Centrale", services=[parking])
        assert titles(nearby(MILAN, 50, services=["click-and-collect"])) == ["Milano Duomo", "Monza"]
        assert titles(nearby(MILAN, 50, services=["click-and-collect", "parking"])) == ["Monza"]
        assert len(nearby(MILAN, 50, services=[])) == 3

    def test_an_unknown_service_is_named(self, nearby, lombardy):
        with pytest.raises(InvalidStoreFilter) as raised:
            nearby(MILAN, 50, services=["teleportation"])
        assert raised.value.field == "services"
        assert "teleportation" in str(raised.value)

    def test_stores_in_a_country(self, nearby, lombardy):
        assert titles(nearby(MILAN, 200, country="CH")) == ["Lugano"]
        assert titles(nearby(MILAN, 200, country="ch")) == ["Lugano"]
        assert len(nearby(MILAN, 200, country="IT")) == 5

    def test_an_unknown_country_is_named(self, nearby, lombardy):
        with pytest.raises(InvalidStoreFilter) as raised:
            nearby(MILAN, 50, country="Lombardy")
        assert raised.value.field == "country"

    def test_limit_keeps_the_nearest(self, nearby, lombardy):
        assert titles(nearby(MILAN, 200, limit=2)) == ["Milano Duomo", "Milano Centrale"]
        assert len(nearby(MILAN, 200, limit=100)) == 6

    def test_predicate_after_the_distance_and_before_the_limit(self, nearby, lombardy):
        seen = []

        def open_now(store):
            seen.append(store.title)
            return store.title != "Milano Duomo"

        found = nearby(MILAN, 30, limit=1, predicate=open_now)
        assert titles(found) == ["Milano Centrale"]
        assert "Torino" not in seen  # only stores within the radius are asked

    def test_only_within_the_stores_given(self, nearby, lombardy):
        stores = StorePage.objects.live().exclude(title="Milano Duomo")
        assert titles(nearby(MILAN, 30, stores=stores)) == ["Milano Centrale", "Monza"]

    def test_by_default_live_stores_in_the_default_language(self, nearby, place, locales):
        place("Monza", live=False)
        duomo = place("Milano Duomo")
        duomo.copy_for_translation(locales["it"], copy_parents=True).save_revision().publish()
        found = nearby(MILAN, 50)
        assert [(store.title, store.locale_id) for store, _ in found] == [("Milano Duomo", locales["en"].pk)]

    def test_a_point_as_a_pair_or_an_object(self, nearby, lombardy):
        class Input:
            latitude, longitude = MILAN

        expected = titles(nearby(MILAN, 10))
        assert titles(nearby((45.464211, 9.191383), 10)) == expected
        assert titles(nearby(Input(), 10)) == expected
        assert titles(nearby((Decimal("45.464211"), Decimal("9.191383")), Decimal("10"))) == expected

    # --- bad input ----------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ({"point": (91, 9)}, "latitude"),
            ({"point": (-90.01, 9)}, "latitude"),
            ({"point": (math.nan, 9)}, "latitude"),
            ({"point": ("45", 9)}, "latitude"),
            ({"point": (45, 180.5)}, "longitude"),
            ({"point": (45, -181)}, "longitude"),
            ({"point": (45, math.inf)}, "longitude"),
            ({"point": (45,)}, "point"),
            ({"point": None}, "point"),
            ({"radius_km": 0}, "radius_km"),
            ({"radius_km": -5}, "radius_km"),
            ({"radius_km": 20_000.5}, "radius_km"),
            ({"radius_km": math.nan}, "radius_km"),
            ({"radius_km": None}, "radius_km"),
            ({"limit": 0}, "limit"),
            ({"limit": -1}, "limit"),
            ({"limit": 1001}, "limit"),
            ({"limit": 2.5}, "limit"),
            ({"services": "click-and-collect"}, "services"),
            ({"services": [1]}, "services"),
        ],
    )
    def test_bad_input_names_the_argument(self, nearby, lombardy, arguments, field):
        arguments = {"point": MILAN, "radius_km": 10, **arguments}
        with pytest.raises(InvalidStoreFilter) as raised:
            nearby(arguments.pop("point"), arguments.pop("radius_km"), **arguments)
        assert raised.value.field == field
        assert f"`{field}`" in str(raised.value)

    def test_limits_follow_the_settings(self, nearby, lombardy, settings):
        settings.STORE_LOCATOR = {"MAX_RADIUS_KM": 100, "MAX_LIMIT": 3}
        assert len(nearby(MILAN, 100, limit=3)) == 3
        with pytest.raises(InvalidStoreFilter, match="at most 100 km"):
            nearby(MILAN, 101)
        with pytest.raises(InvalidStoreFilter, match="between 1 and 3"):
            nearby(MILAN, 10, limit=4)
