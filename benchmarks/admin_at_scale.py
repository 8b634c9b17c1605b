"""Server time of the admin actions an editor repeats, at chain scale (not part of the tests).

    DATABASE_URL=... .venv/bin/python manage.py generate_scale_data   # or a copy of the shared one
    DATABASE_URL=... .venv/bin/python benchmarks/admin_at_scale.py [--runs 5] [--only stock]

A superuser (created if missing) is logged in with Django's test client and each action is
requested ``--runs`` times; the table gives the median and the slowest server time (the
whole request through Django, no network), the SQL queries of one request and the size of
the page. An action whose first run takes longer than ``--give-up`` seconds is run once.
Search words, SKUs, stores and products are drawn from the data, seeded, so two runs over
the same data (before and after a change) ask the same things. The scale data is loaded
without Wagtail's search index: to compare with code that searches through it, build it
first (``manage.py update_index``), or an empty index answers every search at once.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from cms.catalog.models import Product, StockLevel  # noqa: E402
from cms.stores.models import StorePage  # noqa: E402

USERNAME = "admin-at-scale-benchmark"


def editor_client():
    user, _ = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_superuser": True, "is_staff": True, "email": "bench@example.com"}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def inputs(rng):
    locale = Locale.get_default()
    products = Product.objects.filter(locale=locale).order_by("pk")
    count = products.count()
    if not count:
        sys.exit("No products: load the demo or the scale data first.")
    product = products[rng.randrange(count)]
    stores = StorePage.objects.filter(locale=locale).order_by("pk")
    store = stores[rng.randrange(stores.count())]
    word = rng.choice([word for word in product.name.split() if len(word) >= 4] or [product.name])
    return {
        "product": product, "store": store, "word": word.lower(), "sku": product.sku, "sku_prefix": product.sku[:-2],
    }


def actions(data):
    chooser = reverse("wagtailsnippetchoosers_catalog_product:choose_results")
    products = reverse("wagtailsnippets_catalog_product:list")
    categories = reverse("wagtailsnippets_catalog_category:list")
    stock = reverse("stock_levels:index")
    return [
        ("product chooser: open", reverse("wagtailsnippetchoosers_catalog_product:choose"), {}),
        ("product chooser: search a name word", chooser, {"q": data["word"]}),
        ("product chooser: search a SKU", chooser, {"q": data["sku"]}),
        ("product chooser: search a SKU prefix", chooser, {"q": data["sku_prefix"]}),
        ("products listing", products, {}),
        ("products listing: search a SKU", products, {"q": data["sku"]}),
        ("products listing: search a name word", products, {"q": data["word"]}),
        ("categories listing", categories, {}),
        ("stock levels listing", stock, {}),
        ("stock levels: filtered by store", stock, {"store": data["store"].pk}),
        ("stock levels: filtered by product", stock, {"product": data["product"].pk}),
        ("stock levels: search a SKU", stock, {"q": data["sku"]}),
        ("store edit view", reverse("wagtailadmin_pages:edit", args=[data["store"].pk]), {}),
        ("product edit view", reverse("wagtailsnippets_catalog_product:edit", args=[data["product"].pk]), {}),
    ]


def timed_get(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = time.perf_counter() - started
    return elapsed, len(captured.captured_queries), len(response.content), response.status_code


def measure(client, url, params, runs, give_up):
    """The first request warms caches (templates, content types), as an editor's second visit
    would find them; it counts only when it is slower than ``give_up`` (then it is the one run)."""
    first = timed_get(client, url, params)
    if first[0] > give_up:
        return first[0], first[0], 1, *first[1:]
    timings = []
    for _ in range(runs):
        elapsed, queries, size, status = timed_get(client, url, params)
        timings.append(elapsed)
    return statistics.median(timings), max(timings), len(timings), queries, size, status


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--give-up", type=float, default=10.0, help="seconds; slower actions run once")
    parser.add_argument("--only", default="", help="run only the actions whose name contains this")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()

    client = editor_client()
    data = inputs(random.Random(args.seed))
    print(
        f"{connection.vendor}: {StorePage.objects.count():,} store pages, {Product.objects.count():,} products, "
        f"{StockLevel.objects.count():,} stock rows; word {data['word']!r}, SKU {data['sku']!r}, "
        f"store {data['store'].pk}, product {data['product'].pk}"
    )
    print(f"{'action':42} {'median s':>9} {'max s':>7} {'runs':>4} {'queries':>7} {'KB':>6} status")
    for name, url, params in actions(data):
        if args.only not in name:
            continue
        median, slowest, runs, queries, size, status = measure(client, url, params, args.runs, args.give_up)
        print(f"{name:42} {median:9.3f} {slowest:7.3f} {runs:4} {queries:7} {size / 1024:6.0f} {status}", flush=True)


if __name__ == "__main__":
    main()
