"""Points on the Earth, great-circle distances and the bounding box of a circle.

Plain functions on a sphere of the mean Earth radius: no database, no Django. Distances
differ from the ellipsoid's geodesic by at most about 0.5 %, which is far below what a
shopper looking for a nearby store notices.
"""

import math
from dataclasses import dataclass
from typing import NamedTuple

# The mean Earth radius (IUGG, R1 = (2a + b) / 3 of WGS 84), in km.
EARTH_RADIUS_KM = 6371.0088


class GeoPoint(NamedTuple):
    """A point in degrees: latitude -90..90 (north positive), longitude -180..180 (east positive)."""

    latitude: float
    longitude: float


def great_circle_km(a, b):
    """The great-circle distance in km between points ``a`` and ``b`` (``(latitude, longitude)``
    in degrees), by the haversine formula, which stays accurate for short distances."""
    lat_a, lat_b = math.radians(a[0]), math.radians(b[0])
    half_dlat = (lat_b - lat_a) / 2
    half_dlon = math.radians(b[1] - a[1]) / 2
    h = math.sin(half_dlat) ** 2 + math.cos(lat_a) * math.cos(lat_b) * math.sin(half_dlon) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


@dataclass(frozen=True)
class BoundingBox:
    """The latitudes and longitudes (degrees) that contain a circle on the sphere.

    ``longitude_ranges`` holds one ``(west, east)`` range with ``west <= east``, or two when
    the circle crosses the antimeridian (one ending at 180, the other starting at -180).
    When the circle contains a pole every longitude is in: the single range (-180, 180).
    """

    min_latitude: float
    max_latitude: float
    longitude_ranges: tuple[tuple[float, float], ...]

    def contains(self, point):
        latitude, longitude = point
        return self.min_latitude <= latitude <= self.max_latitude and any(
            west <= longitude <= east for west, east in self.longitude_ranges
        )


ALL_LONGITUDES = ((-180.0, 180.0),)


def bounding_box(center, radius_km):
    """The smallest latitude/longitude box that holds every point within ``radius_km`` of
    ``center`` (``(latitude, longitude)`` in degrees), on the same sphere as ``great_circle_km``.

    The latitude span is the centre's latitude ± the angular radius. The longitude half-width
    is asin(sin r / cos φ) — the meridians the circle touches — and is split into two ranges
    when it crosses ±180°. When the circle reaches a pole the box is a polar cap: latitude up
    to ±90 and every longitude.
    """
    latitude, longitude = center
    angular = radius_km / EARTH_RADIUS_KM
    south = math.radians(latitude) - angular
    north = math.radians(latitude) + angular
    if south <= -math.pi / 2 or north >= math.pi / 2:
        return BoundingBox(max(math.degrees(south), -90.0), min(math.degrees(north), 90.0), ALL_LONGITUDES)

    ratio = math.sin(angular) / math.cos(math.radians(latitude))
    if ratio >= 1:  # reachable only through rounding when the circle just touches a pole
        return BoundingBox(math.degrees(south), math.degrees(north), ALL_LONGITUDES)
    half_width = math.degrees(math.asin(ratio))
    west, east = longitude - half_width, longitude + half_width
    if west < -180:
        ranges = ((west + 360, 180.0), (-180.0, east))
    elif east > 180:
        ranges = ((west, 180.0), (-180.0, east - 360))
    else:
        ranges = ((west, east),)
    return BoundingBox(math.degrees(south), math.degrees(north), ranges)
