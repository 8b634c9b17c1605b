"""A cached GET /graphql against executing the query (not part of the tests).

    DATABASE_URL=sqlite:////tmp/cache_bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/cache_bench.sqlite3 .venv/bin/python manage.py load_demo
    DATABASE_URL=sqlite:////tmp/cache_bench.sqlite3 .venv/bin/python benchmarks/http_cache.py [--repeat 200]

Each case sends the same GET through Django's test client (the whole middleware stack),
first with the server-side response cache off (the query runs every time), then on (every
request after the first is a hit), and prints p50 latency in milliseconds, SQL queries per
request and the ratio of the two.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

STORES = """query($country: String) {
  stores(country: $country, first: 20) {
    totalCount
    edges { node { slug title address { city country { code } } location { latitude longitude }
                   services { code name } openingHours { weekday opens closes closesNextDay } } }
  }
}"""
GIFT_GUIDES = """query($locale: String) {
  giftGuides(first: 10, locale: $locale) {
    totalCount
    edges { node { title intro recipient occasion budget { amount currency }
      sections { ... on GuideSectionBlock { title intro
        picks { note product { sku name price { amount currency } } } } } } }
  }
}"""
CASES = [("stores list", STORES, {}), ("gift guides", GIFT_GUIDES, {"locale": "it"})]


def measure(client, params, repeat):
    """p50 milliseconds and SQL queries per request of ``repeat`` identical GETs."""
    response = client.get("/graphql", params)  # warm up (and fill the cache when it is on)
    body = response.json()
    if "errors" in body:
        raise SystemExit(f"The query failed: {body['errors']}")
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get("/graphql", params)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get("/graphql", params)
    return statistics.median(timings), len(queries), response.get("X-Cache", "-")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    options = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    print(f"{'case':<14}{'executed p50':>14}{'queries':>9}{'cached p50':>12}{'queries':>9}{'ratio':>8}")
    for name, query, variables in CASES:
        params = {"query": query, "variables": json.dumps(variables)}
        # Rate limiting off: the benchmark sends far more than a client may.
        base = {**settings.STOREFRONT_API, "RATE_LIMIT": ""}
        with override_settings(STOREFRONT_API={**base, "RESPONSE_CACHE": False}):
            executed, executed_queries, _ = measure(client, params, options.repeat)
        caches["default"].clear()
        with override_settings(STOREFRONT_API={**base, "RESPONSE_CACHE": True}):
            cached, cached_queries, state = measure(client, params, options.repeat)
        assert state == "HIT", state
        print(
            f"{name:<14}{executed:>11.2f} ms{executed_queries:>9}{cached:>9.2f} ms{cached_queries:>9}"
            f"{executed / cached:>7.1f}x"
        )


if __name__ == "__main__":
    main()
