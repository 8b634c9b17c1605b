"""The store locator: the stores near a point, nearest first, with their distance in km.

One small interface, ``StoreLocator.nearby``, and implementations chosen by configuration
like Wagtail's search backends::

    STORE_LOCATOR = {
        "BACKEND": "cms.stores.locator.DatabaseStoreLocator",  # dotted path of the class
        "OPTIONS": {},  # keyword arguments for the class
        "MAX_RADIUS_KM": 20_000,
        "MAX_LIMIT": 1_000,
    }

``get_store_locator()`` returns the configured one. ``DatabaseStoreLocator`` (the default)
narrows the stores to the bounding box of the circle on the indexed latitude/longitude
columns; the database then measures the exact great-circle distance of each store in the
box (``GreatCircleKm``: the haversine formula of ``geo.great_circle_km``, the same
operations in the same order, so the same distances to the last bit), keeps those within
the radius and orders them — one query returns the page asked for, another counts them.
An Elasticsearch implementation (geo_distance) subclasses ``StoreLocator`` and overrides
``search``; both pass the contract tests in tests/cms/stores/locator_contract.py.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, FloatField, Func, Q
from django.utils.module_loading import import_string
from wagtail.coreutils import get_supported_content_language_variant

from cms.core.settings_dicts import settings_dict_reader
from cms.core.sieve import Sieve

from .geo import EARTH_RADIUS_KM, GeoPoint, bounding_box
from .listing import InvalidStoreFilter, StoreFilter, filter_stores
from .models import StorePage

DEFAULTS = {
    "BACKEND": "cms.stores.locator.DatabaseStoreLocator",
    "OPTIONS": {},
    # The largest radius a caller may ask for: about half the Earth's circumference.
    "MAX_RADIUS_KM": 20_000,
    # The most stores one call may return.
    "MAX_LIMIT": 1_000,
}


locator_setting = settings_dict_reader("STORE_LOCATOR", DEFAULTS)


class InvalidLocatorArgument(InvalidStoreFilter):
    """An argument of ``nearby`` that cannot be used; ``field`` names it (``latitude``,
    ``longitude``, ``radius_km``, ``limit``, ``services``, ``country``). Like every
    InvalidStoreFilter it reaches API clients as a bad argument."""


def _number(field, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise InvalidLocatorArgument(field, f"`{field}` must be a number; got {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise InvalidLocatorArgument(field, f"`{field}` must be a finite number; got {value!r}.")
    return number


def _between(field, value, low, high, unit=""):
    number = _number(field, value)
    if not low <= number <= high:
        raise InvalidLocatorArgument(field, f"`{field}` must be between {low} and {high}{unit}; got {value}.")
    return number


def validate_point(point):
    """``point`` as a GeoPoint. It may be a GeoPoint, a ``(latitude, longitude)`` pair or any
    object with ``latitude`` and ``longitude`` attributes (such as a GraphQL input)."""
    if hasattr(point, "latitude") and hasattr(point, "longitude"):
        latitude, longitude = point.latitude, point.longitude
    else:
        try:
            latitude, longitude = point
        except (TypeError, ValueError):
            raise InvalidLocatorArgument("point", "`point` must be a (latitude, longitude) pair.") from None
    return GeoPoint(_between("latitude", latitude, -90, 90), _between("longitude", longitude, -180, 180))


def validate_radius(radius_km):
    radius = _number("radius_km", radius_km)
    maximum = locator_setting("MAX_RADIUS_KM")
    if radius <= 0:
        raise InvalidLocatorArgument("radius_km", f"`radius_km` must be more than 0 km; got {radius_km}.")
    if radius > maximum:
        raise InvalidLocatorArgument("radius_km", f"`radius_km` must be at most {maximum} km; got {radius_km}.")
    return radius


def validate_limit(limit):
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidLocatorArgument("limit", f"`limit` must be a whole number; got {limit!r}.")
    return int(_between("limit", limit, 1, locator_setting("MAX_LIMIT")))


def validate_services(services):
    if services is None:
        return ()
    if isinstance(services, str):
        raise InvalidLocatorArgument("services", "`services` must be a list of service codes, not one string.")
    services = tuple(services)
    if not all(isinstance(code, str) for code in services):
        raise InvalidLocatorArgument("services", f"`services` must be service codes (strings); got {services!r}.")
    return services


def default_stores():
    """The stores ``nearby`` searches when the caller gives none: live, public store pages in
    the default content language — every physical store once, whatever site it belongs to.
    The API passes the stores shoppers may see on the requesting site, in their language."""
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return StorePage.objects.live().public().filter(locale__language_code=language)


@dataclass(frozen=True)
class NearbyQuery:
    """A validated ``nearby`` call, as implementations receive it."""

    point: GeoPoint
    radius_km: float
    stores: object  # a StorePage queryset: the stores to search within
    store_filter: StoreFilter


class GreatCircleKm(Func):
    """The great-circle distance in km from a point (a GeoPoint) to a store's latitude and
    longitude, as a database expression: ``geo.great_circle_km`` written with the same
    operations in the same order, the point's own terms computed here, so a database using
    the C library's functions (PostgreSQL; on SQLite, Django's, which are Python's) returns
    the very same double. One expression rather than a tree of Django functions: it is
    built and compiled on every request (a tree of twenty took 3 ms of a request)."""

    output_field = FloatField()

    def __init__(self, point):
        super().__init__(F("latitude"), F("longitude"))
        latitude = math.radians(point.latitude)
        self.terms = (2 * EARTH_RADIUS_KM, latitude, math.cos(latitude), float(point.longitude))

    def as_sql(self, compiler, connection, **extra_context):
        (latitude, latitude_params), (longitude, longitude_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        double, least = ("REAL", "MIN") if connection.vendor == "sqlite" else ("DOUBLE PRECISION", "LEAST")
        store_latitude = f"RADIANS(CAST({latitude} AS {double}))"
        sql = (
            f"(%s * ASIN(SQRT({least}(1.0, POWER(SIN(({store_latitude} - %s) / 2.0), 2.0)"
            f" + %s * COS({store_latitude}) * POWER(SIN(RADIANS(CAST({longitude} AS {double}) - %s) / 2.0), 2.0)))))"
        )
        two_radii, point_latitude, point_cosine, point_longitude = self.terms
        params = (
            two_radii, *latitude_params, point_latitude, point_cosine, *latitude_params, *longitude_params, point_longitude
        )
        return sql, params


def by_distance(stores, point, radius_km):
    """``stores`` (a queryset) within ``radius_km`` of ``point``, each with ``distance_km``,
    ordered by distance, then title, then id (so ties are stable)."""
    return (
        stores.annotate(distance_km=GreatCircleKm(point))
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km", "title", "pk")
    )


class StoreLocator:
    """Finds the stores near a point. Subclasses implement ``search``."""

    def __init__(self, **options):
        self.options = options

    def within(self, point, radius_km, *, stores=None, services=None, country=None):
        """The stores within ``radius_km`` of ``point`` as a queryset ordered by distance, then
        title, then id, each store with ``distance_km``: nothing is read until the caller
        slices, counts or iterates it. Arguments and errors as ``nearby``."""
        point = validate_point(point)
        radius_km = validate_radius(radius_km)
        store_filter = StoreFilter(country=country, services=validate_services(services))
        if stores is None:
            stores = default_stores()
        return self.search(NearbyQuery(point, radius_km, stores, store_filter))

    def nearby(self, point, radius_km, *, stores=None, services=None, country=None, limit=None, predicate=None):
        """``[(store, distance_km)]``: the stores within ``radius_km`` of ``point``, by distance,
        then title. Distances are great-circle km on the mean Earth radius; the radius is
        inclusive.

        - ``point``: ``(latitude, longitude)`` in degrees, a GeoPoint or an object with those
          attributes.
        - ``stores``: a StorePage queryset to search within (its ``prefetch_related`` and
          ``select_related`` are kept); default ``default_stores()``.
        - ``services``: service codes; a store must offer every one. An unknown code is an error.
        - ``country``: an ISO 3166 code.
        - ``limit``: at most this many stores (1 to ``MAX_LIMIT``); None returns them all.
        - ``predicate``: ``predicate(store) -> bool``, applied after the distance cut and before
          the limit. "Open now" / "open at" plugs in here with the opening-hours engine; prefetch
          on ``stores`` what the predicate reads, so that it needs no query per store.

        Raises InvalidStoreFilter naming the argument (InvalidLocatorArgument for the point,
        radius, limit and the shape of ``services``) before any store is read.
        """
        limit = validate_limit(limit)
        found = self.within(point, radius_km, stores=stores, services=services, country=country)
        if predicate is not None:
            # Read in chunks up to the limit: the predicate is asked about few stores beyond it.
            found = Sieve(found, lambda chunk: [predicate(store) for store in chunk])
        found = list(found) if limit is None else found[:limit]
        return [(store, store.distance_km) for store in found]

    def search(self, query):
        """The stores of ``query.stores`` that match ``query.store_filter`` within
        ``query.radius_km`` of ``query.point``: a queryset as ``by_distance`` returns it
        (``distance_km`` on each store; by distance, title, id). Raises InvalidStoreFilter
        for a filter it cannot apply."""
        raise NotImplementedError


def _degrees(value, rounding):
    return Decimal(value).quantize(Decimal("0.000001"), rounding=rounding)


def box_condition(box):
    """A filter on StorePage.latitude/longitude for ``box``, rounded outwards to the columns'
    six decimals so that no store on the edge is lost."""
    condition = Q(
        latitude__gte=_degrees(box.min_latitude, ROUND_FLOOR), latitude__lte=_degrees(box.max_latitude, ROUND_CEILING)
    )
    if box.longitude_ranges == ((-180.0, 180.0),):
        return condition
    within = Q()
    for west, east in box.longitude_ranges:
        within |= Q(longitude__gte=_degrees(west, ROUND_FLOOR), longitude__lte=_degrees(east, ROUND_CEILING))
    return condition & within


class DatabaseStoreLocator(StoreLocator):
    """The locator on any database: the bounding box on the indexed latitude/longitude
    columns (store_lat_lon_idx) narrows the stores, the database measures the exact
    distance of those in the box, cuts at the radius, orders and limits. One query per page
    read (one more when services are asked for: their codes are checked first)."""

    def search(self, query):
        stores = filter_stores(query.stores, query.store_filter)
        stores = stores.filter(box_condition(bounding_box(query.point, query.radius_km)))
        return by_distance(stores, query.point, query.radius_km)


def get_store_locator(backend=None):
    """The configured StoreLocator (``STORE_LOCATOR["BACKEND"]``), or the one at the dotted
    path ``backend``, built with ``STORE_LOCATOR["OPTIONS"]``."""
    path = backend or locator_setting("BACKEND")
    try:
        locator_class = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(f"STORE_LOCATOR backend {path!r} cannot be imported: {error}") from error
    if not (isinstance(locator_class, type) and issubclass(locator_class, StoreLocator)):
        raise ImproperlyConfigured(f"STORE_LOCATOR backend {path!r} is not a StoreLocator class.")
    return locator_class(**locator_setting("OPTIONS"))
