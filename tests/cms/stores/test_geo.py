"""Great-circle distances and bounding boxes (cms/stores/geo.py), without a database."""

import math

import pytest
from geographiclib.geodesic import Geodesic

from cms.stores.geo import EARTH_RADIUS_KM, bounding_box, great_circle_km

MILAN = (45.464211, 9.191383)
ROME = (41.902800, 12.496400)
NEW_YORK = (40.712800, -74.006000)
SYDNEY = (-33.868800, 151.209300)
SUVA = (-18.141600, 178.441900)
APIA = (-13.833300, -171.766700)


def destination(start, bearing_degrees, km):
    """The point ``km`` from ``start`` along ``bearing_degrees`` on our sphere."""
    lat, lon = map(math.radians, start)
    bearing, angular = math.radians(bearing_degrees), km / EARTH_RADIUS_KM
    end_lat = math.asin(math.sin(lat) * math.cos(angular) + math.cos(lat) * math.sin(angular) * math.cos(bearing))
    end_lon = lon + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(lat), math.cos(angular) - math.sin(lat) * math.sin(end_lat)
    )
    return math.degrees(end_lat), (math.degrees(end_lon) + 540) % 360 - 180


@pytest.mark.parametrize(
    ("a", "b"), [(MILAN, ROME), (MILAN, NEW_YORK), (NEW_YORK, SYDNEY), (SUVA, APIA), ((89.5, 0), (78.2232, 15.6267))]
)
def test_distance_within_half_a_percent_of_the_ellipsoid(a, b):
    geodesic = Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"] / 1000
    assert great_circle_km(a, b) == pytest.approx(geodesic, rel=0.005)
    assert great_circle_km(a, b) == great_circle_km(b, a)


def test_distance_extremes():
    assert great_circle_km(MILAN, MILAN) == 0
    assert great_circle_km((0, 0), (0, 180)) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert great_circle_km((90, 0), (-90, 0)) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert great_circle_km((90, 10), (90, -170)) == pytest.approx(0, abs=1e-9)  # longitude means nothing at a pole
    assert great_circle_km((0, 179.9), (0, -179.9)) == pytest.approx(22.239, abs=0.001)


def test_box_of_a_small_circle():
    box = bounding_box(MILAN, 10)
    degrees = math.degrees(10 / EARTH_RADIUS_KM)
    assert box.min_latitude == pytest.approx(MILAN[0] - degrees)
    assert box.max_latitude == pytest.approx(MILAN[0] + degrees)
    ((west, east),) = box.longitude_ranges
    # Wider in longitude than in latitude, by about 1 / cos(latitude).
    assert east - MILAN[1] == pytest.approx(degrees / math.cos(math.radians(MILAN[0])), rel=0.001)
    assert MILAN[1] - west == pytest.approx(east - MILAN[1])


@pytest.mark.parametrize(
    ("center", "ranges"),
    [
        ((-16.0, 179.9), [(178.964, 180.0), (-180.0, -179.164)]),
        ((-16.0, -179.9), [(179.164, 180.0), (-180.0, -178.964)]),
        ((-16.0, 180.0), [(179.064, 180.0), (-180.0, -179.064)]),
    ],
)
def test_box_across_the_antimeridian_has_two_longitude_ranges(center, ranges):
    box = bounding_box(center, 100)
    assert len(box.longitude_ranges) == 2
    for (west, east), (expected_west, expected_east) in zip(box.longitude_ranges, ranges, strict=True):
        assert west == pytest.approx(expected_west, abs=0.001) and east == pytest.approx(expected_east, abs=0.001)
    assert not box.contains((-16.0, 0.0))


@pytest.mark.parametrize("center", [(89.5, 0.0), (90.0, 0.0), (-89.9, -45.0), (80.0, 120.0)])
def test_box_around_a_pole_takes_every_longitude(center):
    box = bounding_box(center, 1200)
    assert box.longitude_ranges == ((-180.0, 180.0),)
    if center[0] > 0:
        assert box.max_latitude == 90.0 and box.min_latitude == pytest.approx(center[0] - 10.79, abs=0.01)
    else:
        assert box.min_latitude == -90.0 and box.max_latitude == pytest.approx(center[0] + 10.79, abs=0.01)


def test_box_near_but_not_around_a_pole():
    box = bounding_box((80.0, 60.0), 1000)  # reaches 89°, short of the pole
    assert box.max_latitude < 90
    ((west, east),) = box.longitude_ranges
    assert east - west > 90  # a long way round in longitude at that latitude


def test_box_of_the_whole_earth():
    box = bounding_box(MILAN, 20_000)
    assert (box.min_latitude, box.max_latitude, box.longitude_ranges) == (-90.0, 90.0, ((-180.0, 180.0),))


CENTERS = [MILAN, SYDNEY, (-16.0, 179.9), (-16.0, -179.9), (0.0, 180.0), (70.0, -170.0), (89.5, 0.0), (-85.0, 10.0)]


@pytest.mark.parametrize("center", CENTERS)
@pytest.mark.parametrize("radius_km", [1, 50, 800, 3000])
def test_every_point_of_the_circle_is_in_its_box(center, radius_km):
    box = bounding_box(center, radius_km)
    for bearing in range(0, 360, 5):
        point = destination(center, bearing, radius_km * 0.999999)
        assert box.contains(point), (bearing, point, box)
        assert great_circle_km(center, point) == pytest.approx(radius_km * 0.999999, rel=1e-6)
