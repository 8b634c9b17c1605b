"""search.service: validation naming the bad field, the configured backend and the database
fallback (counted and named in the answer)."""

from decimal import Decimal

import pytest
from django.test import override_settings

from search import service
from search.backends.base import InvalidSearchArgument, SearchFilters, SearchRequest
from search.backends.database import DatabaseSearchBackend
from tests.search.test_indexing import CLOSED_PORT


@pytest.mark.parametrize(
    "arguments, field",
    [
        ({"text": "x" * 201}, "query"),
        ({"types": ("page", "recipe")}, "types"),
        ({"locale": "xx"}, "locale"),
        ({"sort": "random"}, "sort"),
        ({"sort": "distance"}, "sort"),
        ({"near": (91, 0)}, "near"),
        ({"near": "milan"}, "near"),
        ({"radius_km": 5}, "radiusKm"),
        ({"near": (45, 9), "radius_km": 0}, "radiusKm"),
        ({"limit": 51}, "first"),
        ({"limit": 0}, "first"),
        ({"offset": 1001}, "after"),
        ({"filters": SearchFilters(price_bands=("cheap",))}, "filters.priceBands"),
        ({"filters": SearchFilters(brands="Acme")}, "filters.brands"),
        ({"filters": SearchFilters(min_price=Decimal("-1"))}, "filters.minPrice"),
        ({"filters": SearchFilters(min_price=Decimal("50"), max_price=Decimal("10"))}, "filters.maxPrice"),
    ],
)
def test_validation_names_the_field(locales, arguments, field):
    with pytest.raises(InvalidSearchArgument) as error:
        service.validate_search_request(**arguments)
    assert error.value.field == field


def test_validation_builds_the_request_with_defaults(locales):
    request = service.validate_search_request(text="  moka ", types=["product", "product"], near=("45.1", 9), radius_km=5)
    assert request == SearchRequest(text="moka", types=("product",), near=(45.1, 9.0), radius_km=5.0, limit=20)


def test_suggest_validates_limit_and_prefix(locales):
    with pytest.raises(InvalidSearchArgument) as error:
        service.run_suggest("mo", locale="en", limit=0)
    assert error.value.field == "limit"
    with pytest.raises(InvalidSearchArgument) as error:
        service.run_suggest("m" * 101, locale="en")
    assert error.value.field == "prefix"
    assert service.run_suggest("  ", locale="en") == ([], "database")


def test_the_database_backend_is_the_default(locales):
    backend = service.get_search_backend()
    assert isinstance(backend, DatabaseSearchBackend) and backend is service.get_fallback_backend()
    assert service.run_search(SearchRequest()).backend == "database"


@override_settings(SEARCH=CLOSED_PORT)
def test_an_unreachable_backend_falls_back_to_the_database_and_counts_it(locales, caplog):
    searches, suggestions = service.fallbacks["search"], service.fallbacks["suggest"]
    assert service.get_search_backend().name == "elasticsearch"
    assert service.run_search(SearchRequest(text="moka")).backend == "database"
    assert service.run_suggest("mo", locale="en")[1] == "database"
    assert (service.fallbacks["search"], service.fallbacks["suggest"]) == (searches + 1, suggestions + 1)
    assert "Search backend elasticsearch unavailable for search" in caplog.text
