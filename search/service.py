"""Searching as the storefront asks for it: the configured backend, and the database backend
when that one is unavailable (logged, counted, and named in the response).

``fallbacks`` counts the answers given by the fallback since the process started, per
operation ("search", "suggest"): a metric to export or assert on.
"""

import logging
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string
from wagtail.models import Locale

from .backends.base import (
    DOCUMENT_TYPES,
    PRICE_BANDS,
    SORTS,
    InvalidSearchArgument,
    SearchFilters,
    SearchRequest,
    SearchUnavailable,
)
from .breaker import CircuitOpen
from .settings import DATABASE_BACKEND, search_setting

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_PREFIX_LENGTH = 100
MAX_FILTER_VALUES = 50
MAX_RADIUS_KM = 20_000

fallbacks = Counter()
_backends = {}


def get_search_backend():
    """The configured backend (SEARCH["BACKEND"] with SEARCH["OPTIONS"]), one per process."""
    path = search_setting("BACKEND")
    if path not in _backends:
        _backends[path] = import_string(path)(**search_setting("OPTIONS"))
    return _backends[path]


def get_fallback_backend():
    """The database backend, which needs nothing but the database."""
    if DATABASE_BACKEND not in _backends:
        _backends[DATABASE_BACKEND] = import_string(DATABASE_BACKEND)()
    return _backends[DATABASE_BACKEND]


@receiver(setting_changed)
def forget_backends(setting, **kwargs):
    if setting == "SEARCH":
        _backends.clear()


def run_search(request):
    """The SearchResponse for a validated ``request``; ``response.backend`` names who answered."""
    backend = get_search_backend()
    try:
        return backend.search(request)
    except SearchUnavailable as error:
        fallback = fell_back("search", backend, error)
        if fallback is None:
            raise
        return fallback.search(request)


def run_suggest(prefix, *, locale, site_id=None, types=(), limit=None):
    """``(suggestions, backend name)`` completing ``prefix``."""
    limit = validate_limit(limit if limit is not None else search_setting("SUGGEST_LIMIT"), "limit")
    prefix = validate_prefix(prefix)
    validate_locale(locale)
    types = validate_types(types)
    backend = get_search_backend()
    try:
        return backend.suggest(prefix, locale=locale, site_id=site_id, types=types, limit=limit), backend.name
    except SearchUnavailable as error:
        fallback = fell_back("suggest", backend, error)
        if fallback is None:
            raise
        return fallback.suggest(prefix, locale=locale, site_id=site_id, types=types, limit=limit), fallback.name


def fell_back(operation, backend, error):
    """The backend to ask instead of ``backend`` (None if it was the fallback itself).
    Logged per request only when the backend was asked and failed: while its circuit
    breaker is open, the breaker's own log lines say so once."""
    fallback = get_fallback_backend()
    if backend.name == fallback.name:
        return None
    fallbacks[operation] += 1
    log = logger.debug if isinstance(error, CircuitOpen) else logger.warning
    log("Search backend %s unavailable for %s (%s); answered by the %s backend", backend.name, operation, error, fallback.name)
    return fallback


# --- validation ------------------------------------------------------------------------------


def validate_search_request(
    *,
    text="",
    types=(),
    locale="en",
    site_id=None,
    filters=None,
    sort="relevance",
    near=None,
    radius_km=None,
    offset=0,
    limit=None,
    facets=True,
):
    """A SearchRequest from the caller's arguments, or InvalidSearchArgument naming the first
    bad one (``query``, ``types``, ``locale``, ``filters.<name>``, ``sort``, ``near``,
    ``radiusKm``, ``first``, ``after``)."""
    text = text or ""
    if not isinstance(text, str) or len(text) > MAX_QUERY_LENGTH:
        raise InvalidSearchArgument("query", f"`query` must be text of at most {MAX_QUERY_LENGTH} characters.")
    if sort not in SORTS:
        raise InvalidSearchArgument("sort", f"`sort` must be one of {', '.join(SORTS)}; got {sort!r}.")
    if sort == "distance" and near is None:
        raise InvalidSearchArgument("sort", "Sorting by distance needs `near` (a latitude and longitude).")
    near = validate_near(near)
    if radius_km is not None:
        if near is None:
            raise InvalidSearchArgument("radiusKm", "`radiusKm` needs `near`.")
        if not isinstance(radius_km, (int, float, Decimal)) or not 0 < radius_km <= MAX_RADIUS_KM:
            raise InvalidSearchArgument("radiusKm", f"`radiusKm` must be above 0 and at most {MAX_RADIUS_KM}.")
        radius_km = float(radius_km)
    limit = validate_limit(search_setting("DEFAULT_PAGE_SIZE") if limit is None else limit, "first")
    if not isinstance(offset, int) or offset < 0 or offset > search_setting("MAX_OFFSET"):
        raise InvalidSearchArgument("after", f"Results can be paged up to offset {search_setting('MAX_OFFSET')}.")
    return SearchRequest(
        text=text.strip(),
        types=validate_types(types),
        locale=validate_locale(locale),
        site_id=site_id,
        filters=validate_filters(filters or SearchFilters()),
        sort=sort,
        near=near,
        radius_km=radius_km,
        offset=offset,
        limit=limit,
        facets=bool(facets),
    )


def validate_types(types):
    types = tuple(dict.fromkeys(types or ()))
    unknown = [kind for kind in types if kind not in DOCUMENT_TYPES]
    if unknown:
        raise InvalidSearchArgument("types", f"Unknown type {unknown[0]!r}; use {', '.join(DOCUMENT_TYPES)}.")
    return types


def validate_locale(locale):
    if not isinstance(locale, str) or not Locale.objects.filter(language_code=locale).exists():
        raise InvalidSearchArgument("locale", f"Unknown locale {locale!r}.")
    return locale


def validate_limit(limit, field):
    maximum = search_setting("MAX_PAGE_SIZE")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= maximum:
        raise InvalidSearchArgument(field, f"`{field}` must be between 1 and {maximum}.")
    return limit


def validate_prefix(prefix):
    if not isinstance(prefix, str) or len(prefix) > MAX_PREFIX_LENGTH:
        raise InvalidSearchArgument("prefix", f"`prefix` must be text of at most {MAX_PREFIX_LENGTH} characters.")
    return prefix.strip()


def validate_near(near):
    if near is None:
        return None
    try:
        latitude, longitude = (float(value) for value in near)
    except (TypeError, ValueError):
        raise InvalidSearchArgument("near", "`near` must be a latitude and a longitude.") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidSearchArgument("near", "`near` needs a latitude within ±90 and a longitude within ±180.")
    return (latitude, longitude)


def validate_filters(filters):
    bands = {key for key, _, _ in PRICE_BANDS}
    for name in ("page_types", "categories", "brands", "price_bands", "services", "cities"):
        values = getattr(filters, name)
        field = f"filters.{camel(name)}"
        if isinstance(values, str) or not all(isinstance(value, str) for value in values):
            raise InvalidSearchArgument(field, f"`{field}` must be a list of strings.")
        if len(values) > MAX_FILTER_VALUES:
            raise InvalidSearchArgument(field, f"`{field}` takes at most {MAX_FILTER_VALUES} values.")
    unknown = [band for band in filters.price_bands if band not in bands]
    if unknown:
        raise InvalidSearchArgument("filters.priceBands", f"Unknown price band {unknown[0]!r}; use {', '.join(sorted(bands))}.")
    prices = {}
    for name in ("min_price", "max_price"):
        value = getattr(filters, name)
        if value is None:
            continue
        try:
            value = Decimal(str(value))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or value < 0:
            raise InvalidSearchArgument(f"filters.{camel(name)}", f"`filters.{camel(name)}` must be a price of 0 or more.")
        prices[name] = value
    if "min_price" in prices and "max_price" in prices and prices["min_price"] > prices["max_price"]:
        raise InvalidSearchArgument("filters.maxPrice", "`filters.maxPrice` must not be below `filters.minPrice`.")
    return SearchFilters(
        **{name: tuple(getattr(filters, name)) for name in ("page_types", "categories", "brands", "price_bands", "services", "cities")},
        min_price=prices.get("min_price"),
        max_price=prices.get("max_price"),
    )


def camel(name):
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)
