"""Latency of the store and catalogue queries on the scale data (not part of the tests).

    DATABASE_URL=... .venv/bin/python manage.py generate_scale_data   # once
    DATABASE_URL=... .venv/bin/python benchmarks/locator.py [--repeat 50]

Each case posts a GraphQL query to /graphql through Django's test client, many times with
varying arguments drawn from the scale data, and prints p50/p95 latency in milliseconds and
the SQL queries per request: store lists, a store, products, nearby stores (plain and open
now with click & collect) and product availability near a point.
"""

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cms.catalog.models import Category, Product  # noqa: E402
from cms.demo.scale.generate import CATEGORY_PREFIX, INDEX_SLUG, SKU_PREFIX  # noqa: E402
from cms.stores.models import StoreIndexPage, StorePage  # noqa: E402

STORES_BY_COUNTRY = """query($country: String!) {
  stores(country: $country, first: 20) {
    totalCount
    edges { node { slug title address { city country { code } } location { latitude longitude }
                   services { code } openingHours { weekday opens closes closesNextDay } } }
  }
}"""
STORE_BY_SLUG = """query($slug: String!) {
  store(slug: $slug) {
    slug title timeZone pickupPreparationMinutes
    address { street postalCode city country { code } }
    location { latitude longitude }
    services { code name }
    openingHours { weekday opens closes closesNextDay }
    hoursExceptions { date label closed opens closes closesNextDay }
  }
}"""
PRODUCTS_BY_CATEGORY = """query($category: String!) {
  products(filter: {category: $category}, first: 20) {
    totalCount
    edges { node { sku name brand price { amount currency } } }
  }
}"""


NEARBY = """query($near: GeoPointInput!) {
  stores(near: $near, radiusKm: 10, first: 20) {
    totalCount
    edges { distanceKm node { slug isOpen nextOpening services { code } } }
  }
}"""
NEARBY_OPEN_COLLECT = """query($near: GeoPointInput!) {
  stores(near: $near, radiusKm: 25, openNow: true, services: ["click-and-collect"], first: 20) {
    totalCount
    edges { distanceKm node { slug nextClosing } }
  }
}"""
AVAILABILITY = """query($sku: String!, $near: GeoPointInput!) {
  product(sku: $sku) {
    sku
    availability(near: $near, radiusKm: 25, first: 10) {
      store { slug title } distanceKm quantity band clickAndCollect pickupEstimate
    }
  }
}"""


@dataclass
class Case:
    name: str
    query: str
    variables: Callable[[random.Random], dict]


def scale_inputs():
    index = StoreIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        sys.exit("No scale data: run `manage.py generate_scale_data` first.")
    stores = StorePage.objects.live().descendant_of(index)
    countries = [row["country"] for row in stores.values("country").annotate(n=Count("pk")).order_by("-n")]
    slugs = list(stores.values_list("slug", flat=True).order_by("?")[:500])
    categories = list(Category.objects.filter(slug__startswith=CATEGORY_PREFIX).values_list("slug", flat=True))
    points = [(float(lat), float(lon)) for lat, lon in stores.values_list("latitude", "longitude").order_by("?")[:500]]
    # The core range (the first 1% of products) is what many stores carry.
    core = Product.objects.filter(sku__startswith=SKU_PREFIX, is_active=True, live=True).order_by("sku")
    skus = list(core.values_list("sku", flat=True)[: max(1, core.count() // 100)])
    return countries, slugs, categories, points, skus


def near(rng, points):
    """A shopper a few km from a random store."""
    latitude, longitude = rng.choice(points)
    return {"latitude": round(latitude + rng.uniform(-0.03, 0.03), 5), "longitude": round(longitude + rng.uniform(-0.03, 0.03), 5)}


def cases():
    countries, slugs, categories, points, skus = scale_inputs()
    return [
        Case("stores(country:, first: 20)", STORES_BY_COUNTRY, lambda rng: {"country": rng.choice(countries)}),
        Case("store(slug:)", STORE_BY_SLUG, lambda rng: {"slug": rng.choice(slugs)}),
        Case("products(filter: {category}, first: 20)", PRODUCTS_BY_CATEGORY,
             lambda rng: {"category": rng.choice(categories)}),
        Case("stores(near:, radiusKm: 10, first: 20)", NEARBY, lambda rng: {"near": near(rng, points)}),
        Case("stores(near:, 25 km, openNow, click&collect)", NEARBY_OPEN_COLLECT, lambda rng: {"near": near(rng, points)}),
        Case("product.availability(near:, 25 km, first: 10)", AVAILABILITY,
             lambda rng: {"sku": rng.choice(skus), "near": near(rng, points)}),
    ]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run_case(client, case, repeat, warmup, rng):
    timings, queries = [], []
    for number in range(warmup + repeat):
        body = json.dumps({"query": case.query, "variables": case.variables(rng)})
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post("/graphql", data=body, content_type="application/json")
            elapsed = time.perf_counter() - started
        result = response.json()
        if response.status_code != 200 or result.get("errors"):
            sys.exit(f"{case.name}: {response.status_code} {result.get('errors')}")
        if number >= warmup:
            timings.append(elapsed * 1000)
            queries.append(len(captured.captured_queries))
    return timings, queries


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="Timed requests per case (default 50).")
    parser.add_argument("--warmup", type=int, default=5, help="Untimed requests first (default 5).")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    client = Client(HTTP_HOST="localhost")
    rng = random.Random(args.seed)
    rows = []
    for case in cases():
        timings, queries = run_case(client, case, args.repeat, args.warmup, rng)
        rows.append((case.name, len(timings), percentile(timings, 0.5), percentile(timings, 0.95), max(timings),
                     min(queries), max(queries)))

    stores = StorePage.objects.count()
    print(f"{connection.vendor}, {stores:,} store pages, {args.repeat} requests per case")
    header = f"{'query':<48} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL/request':>12}"
    print(header)
    print("-" * len(header))
    for name, count, p50, p95, worst, fewest, most in rows:
        sql = f"{fewest}" if fewest == most else f"{fewest}–{most}"
        print(f"{name:<48} {count:>4} {p50:>8.1f} {p95:>8.1f} {worst:>8.1f} {sql:>12}")


if __name__ == "__main__":
    main()
