"""The slowest requests an anonymous client can make, timed (not part of the tests).

    .venv/bin/python benchmarks/anonymous_worst_case.py --scratch        # fresh SQLite + demo (~1 min)
    DATABASE_URL=... .venv/bin/python benchmarks/anonymous_worst_case.py  # a database with the demo loaded

Each case is the most expensive request of its kind the API's limits let through (page
sizes at MAX_PAGE_SIZE, cost near MAX_COST, a batch of MAX_BATCH of them, a query text at
MAX_QUERY_LENGTH, the largest rendition in the slowest format of a large photo). Every case
runs through Django's whole middleware stack with the response cache and rate limits off
(the worst case is a miss), ``--repeat`` times; the script prints the median and the slowest
run of each case and the slowest of all, which docs/api.md quotes.
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

STORES_OFFERS_STORES = """{ stores(first: 100) { edges { node { title url services { name }
  openingHours { weekday opens closes } offers { title code stores { title url address { city } } } } } } }"""
AVIF_SRCSET = """{ products(first: 100) { edges { node { images { image {
  srcset(widths: [160, 320, 480, 640, 800, 960, 1200, 1600, 2000], format: AVIF) } } } } } }"""
NEARBY_OPEN_NOW = """{ stores(near: {latitude: 45.4642, longitude: 9.19}, radiusKm: 20000, openNow: true, first: 100) {
  totalCount edges { distanceKm node { title isOpen nextOpening nextClosing openingHours { opens closes }
  hoursExceptions(includePast: true) { date closed } } } } }"""
AVAILABILITY = """query($sku: String!) { product(sku: $sku) { availability(near: {latitude: 45.4642, longitude: 9.19},
  radiusKm: 20000, first: 100) { distanceKm quantity band clickAndCollect pickupEstimate store { title url } } } }"""
SEARCH = """query($q: String!) { search(query: $q, first: 50) { totalCount
  edges { score highlights { field fragments } node { __typename ... on Product { sku name } ... on Page { title url } } }
  facets { name values { value count } } } }"""


def repeated_fields_query(limit, repeats):
    """A new query text (a numbered comment: no run is answered from the parsed-document
    cache) of ``limit`` characters that costs graphql-core's standard rules the most: aliased
    fields each selecting one field ``repeats`` times (MAX_REPEATED_FIELDS), since the rule
    that checks repeated fields can be merged compares them pairwise."""
    repeated_fields_query.calls = getattr(repeated_fields_query, "calls", 0) + 1
    head = f"# run {repeated_fields_query.calls}\n{{ "
    block = "site { " + "name " * repeats + "} "
    count = (limit - len(head) - 2) // (len(block) + 7)
    return head + "".join(f"a{index:04d}: {block}" for index in range(count)) + "}"


def cases(limit_length, repeats, batch_size, sku):
    stores = {"query": STORES_OFFERS_STORES}
    return [
        ("100 stores × offers × their stores", stores),
        (f"batch of {batch_size} of the above", [stores] * batch_size),
        ("AVIF srcset, 100 products × 9 widths", {"query": AVIF_SRCSET}),
        ("nearby, open now, 20,000 km, 100 stores", {"query": NEARBY_OPEN_NOW}),
        ("availability near a point, 100 stores", {"query": AVAILABILITY, "variables": {"sku": sku}}),
        ("search, 50 results with facets", {"query": SEARCH, "variables": {"q": ("regalo caffè moka " * 20)[:200]}}),
        (f"query text of {limit_length:,} characters", lambda: {"query": repeated_fields_query(limit_length, repeats)}),
    ]


def use_scratch_database():
    path = Path(tempfile.mkdtemp(prefix="worst-case-")) / "demo.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    print(f"Demo loaded into {path} in {time.perf_counter() - started:.0f} s")


def time_request(send, repeat):
    """Median and slowest milliseconds of ``repeat`` calls of ``send``, and what the last
    answered (its status, and the error codes of a GraphQL answer)."""
    timings = []
    answer = None
    for _ in range(repeat):
        started = time.perf_counter()
        response = send()
        timings.append((time.perf_counter() - started) * 1000)
        answer = describe(response)
    return statistics.median(timings), max(timings), answer


def describe(response):
    if not response["Content-Type"].startswith("application/json"):
        return str(response.status_code)
    bodies = response.json()
    codes = {
        error.get("extensions", {}).get("code", "?")
        for body in (bodies if isinstance(bodies, list) else [bodies])
        for error in body.get("errors", [])
    }
    return " ".join([str(response.status_code), *sorted(codes)])


def large_photo():
    """A 4000 × 3000 photo-like image (noise compresses and encodes slowly, like a photo)."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    picture = PILImage.effect_noise((4000, 3000), 64).convert("RGB")
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=90)
    return get_image_model().objects.create(title="Worst-case photo", file=ImageFile(data, name="worst-case.jpg"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", action="store_true", help="Load the demo into a new SQLite database first.")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    if options.scratch:
        use_scratch_database()
    else:
        import django

        django.setup()

    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from cms.catalog.models import Product
    from storefront_api.images.renditions import rendition_refs
    from storefront_api.settings import api_setting

    product = Product.objects.filter(live=True).first()
    if product is None:
        sys.exit("No products: load the demo (manage.py load_demo) or use --scratch.")
    client = Client(HTTP_HOST="localhost")
    overrides = {**settings.STOREFRONT_API, "RATE_LIMIT": "", "RENDITION_RATE_LIMIT": "", "RESPONSE_CACHE": False}
    rows = []
    with override_settings(STOREFRONT_API=overrides):
        limits = ("MAX_QUERY_LENGTH", "MAX_REPEATED_FIELDS", "MAX_BATCH")
        for name, body in cases(*map(api_setting, limits), product.sku):

            def send(body=body):
                payload = json.dumps(body() if callable(body) else body)
                return client.post("/graphql", payload, content_type="application/json")

            rows.append((name, *time_request(send, options.repeat)))

        photo = large_photo()
        try:
            spec = "width-2000|format-avif"
            url = rendition_refs(photo, [spec])[spec].url

            def render_once():
                photo.renditions.all().delete()
                photo.get_rendition_model().cache_backend.clear()
                return client.get(url)

            rows.append(("first fetch: 2000 px AVIF of a 4000 × 3000 photo", *time_request(render_once, options.repeat)))
        finally:
            photo.renditions.all().delete()
            photo.delete()

    width = max(len(row[0]) for row in rows)
    print(f"{'anonymous request':<{width}}  {'p50 ms':>8}  {'max ms':>8}  answer")
    for name, median, slowest, answer in rows:
        print(f"{name:<{width}}  {median:>8.0f}  {slowest:>8.0f}  {answer}")
    worst = max(rows, key=lambda row: row[2])
    print(f"\nWorst case: {worst[2]:.0f} ms ({worst[0]}), {options.repeat} runs each, database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")


if __name__ == "__main__":
    main()
