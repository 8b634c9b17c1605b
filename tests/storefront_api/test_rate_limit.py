"""Rate limiting of /graphql per client address (a fixed window; a fake clock, no sleeping)."""

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from storefront_api import rate_limit

QUERY = {"query": "{ __typename }"}


class FakeClock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock(1_800_000_000.0)  # the start of a minute
    monkeypatch.setattr(rate_limit, "clock", fake)
    caches["default"].clear()
    return fake


@pytest.fixture
def limit(settings, clock):
    def configure(rate, **more):
        settings.STOREFRONT_API = {**settings.STOREFRONT_API, "RATE_LIMIT": rate, **more}

    return configure


def test_off_in_tests_by_default(client, home, clock):
    assert all(client.get("/graphql", QUERY).status_code == 200 for _ in range(50))


def test_over_the_limit_gets_429_with_retry_after_until_the_window_ends(client, home, limit, clock):
    limit("3/minute")
    assert [client.get("/graphql", QUERY).status_code for _ in range(3)] == [200, 200, 200]
    clock.now += 20
    refused = client.post("/graphql", QUERY, content_type="application/json")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    assert refused["Cache-Control"] == "no-store"
    assert refused.json() == {
        "errors": [
            {
                "message": "Rate limit of 3 requests per minute exceeded; retry after 40 s",
                "extensions": {"code": "RATE_LIMITED"},
            }
        ]
    }
    clock.now += 40
    assert client.get("/graphql", QUERY).status_code == 200


def test_answers_from_the_response_cache_count_too(client, home, limit, clock):
    """A hit is answered before the view (http_cache.ResponseCacheMiddleware): it still counts."""
    from storefront_api import http_cache

    http_cache.SITE_IDS.clear()
    limit("3/minute", RESPONSE_CACHE=True)
    answers = [client.get("/graphql", QUERY) for _ in range(4)]
    assert [(answer.status_code, answer.get("X-Cache")) for answer in answers] == [
        (200, "MISS"), (200, "HIT"), (200, "HIT"), (429, None)
    ]
    assert answers[-1].json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def test_each_client_address_has_its_own_count(client, home, limit, clock):
    limit("1/second")
    assert client.get("/graphql", QUERY, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/graphql", QUERY, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/graphql", QUERY, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_forwarded_addresses_count_only_behind_trusted_proxies(client, home, limit, clock):
    limit("1/hour")
    spoofed = {"REMOTE_ADDR": "10.0.0.9"}
    assert client.get("/graphql", QUERY, HTTP_X_FORWARDED_FOR="1.1.1.1", **spoofed).status_code == 200
    assert client.get("/graphql", QUERY, HTTP_X_FORWARDED_FOR="2.2.2.2", **spoofed).status_code == 429
    limit("1/hour", TRUSTED_PROXY_COUNT=1)
    assert client.get("/graphql", QUERY, HTTP_X_FORWARDED_FOR="3.3.3.3", **spoofed).status_code == 200
    assert client.get("/graphql", QUERY, HTTP_X_FORWARDED_FOR="4.4.4.4", **spoofed).status_code == 200
    assert client.get("/graphql", QUERY, HTTP_X_FORWARDED_FOR="4.4.4.4", **spoofed).status_code == 429


@pytest.mark.parametrize(
    "forwarded, proxies, expected",
    [
        ("", 1, "10.0.0.9"),
        ("203.0.113.5", 1, "203.0.113.5"),
        ("6.6.6.6, 203.0.113.5", 1, "203.0.113.5"),  # the client wrote 6.6.6.6 itself
        ("6.6.6.6, 203.0.113.5, 10.1.1.1", 2, "203.0.113.5"),
        ("203.0.113.5", 2, "203.0.113.5"),
        ("203.0.113.5", 0, "10.0.0.9"),
    ],
)
def test_client_address(forwarded, proxies, expected):
    request = RequestFactory().get("/graphql", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert rate_limit.client_address(request, proxies) == expected


def test_a_malformed_rate_names_the_setting():
    assert rate_limit.parse_rate("300/minute") == (300, "minute", 60)
    assert rate_limit.parse_rate("10/seconds") == (10, "second", 1)
    assert rate_limit.parse_rate("") is None
    for bad in ("300", "lots/minute", "0/minute", "5/fortnight"):
        with pytest.raises(ImproperlyConfigured, match="RATE_LIMIT"):
            rate_limit.parse_rate(bad)
