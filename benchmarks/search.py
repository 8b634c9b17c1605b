"""Search latency per backend (not part of the tests): p50/p95 in milliseconds of typical
shopper requests, asked of each backend directly, and the Elasticsearch/database ratio.

    DATABASE_URL=... .venv/bin/python manage.py load_demo              # or generate_scale_data
    DATABASE_URL=... .venv/bin/python manage.py search_index rebuild   # the database index
    DATABASE_URL=... [ELASTICSEARCH_URL=...] .venv/bin/python benchmarks/search.py [--rebuild]

Without --rebuild the indices as they are are searched (the database index and the
configured Elasticsearch prefix); with it each backend is rebuilt from the database first
(Elasticsearch under a prefix of its own, deleted at the end). Query words, brands,
categories and points are drawn from the data, seeded.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # one line per request otherwise

import django  # noqa: E402

django.setup()

from wagtail.models import Locale, Site  # noqa: E402

from cms.catalog.models import Category, Product  # noqa: E402
from cms.stores.models import StorePage  # noqa: E402
from search.backends.base import SearchFilters, SearchRequest  # noqa: E402
from search.backends.database import DatabaseSearchBackend  # noqa: E402
from search.documents import all_documents, count_documents  # noqa: E402
from search.settings import search_setting  # noqa: E402


def sample(rng, rows, size=300):
    """Up to ``size`` of ``rows`` (a queryset ordered by primary key) drawn with ``rng``: the same
    ones on every run over the same data, whatever the code under test."""
    rows = list(rows)
    return rng.sample(rows, min(size, len(rows)))


def inputs(rng):
    """Words, brands, category slugs and store points of the data, in the default language."""
    locale = Locale.get_default()
    products = Product.objects.filter(locale=locale, live=True, is_active=True).order_by("pk")
    names = sample(rng, products.values_list("name", flat=True))
    words = sorted({word.strip(",.").lower() for name in names for word in name.split() if len(word) >= 4})
    brands = sorted(set(sample(rng, products.values_list("brand", flat=True))))
    categories = list(Category.objects.filter(locale=locale).order_by("pk").values_list("slug", flat=True))
    stores = StorePage.objects.live().filter(locale=locale).order_by("pk")
    points = sample(rng, stores.values_list("latitude", "longitude"))
    if not (words and brands and categories and points):
        sys.exit("No products or stores: load the demo or the scale data first.")
    return locale.language_code, words, brands, categories, [(float(lat), float(lon)) for lat, lon in points]


def cases(rng, site_id):
    language, words, brands, categories, points = inputs(rng)

    def request(**fields):
        return SearchRequest(locale=language, site_id=site_id, limit=20, **fields)

    def near():
        latitude, longitude = rng.choice(points)
        return (latitude + rng.uniform(-0.03, 0.03), longitude + rng.uniform(-0.03, 0.03))

    def typo(word):
        position = rng.randrange(1, len(word) - 1)
        return word[:position] + word[position + 1 :]

    return [
        ("text (2 words), no facets", lambda backend: backend.search(
            request(text=" ".join(rng.sample(words, 2)), facets=False))),
        ("text with a typo, no facets", lambda backend: backend.search(
            request(text=typo(rng.choice(words)), facets=False))),
        ("text + facets", lambda backend: backend.search(request(text=rng.choice(words)))),
        ("filters only (brand, category) + facets", lambda backend: backend.search(request(
            types=("product",), filters=SearchFilters(brands=(rng.choice(brands),), categories=(rng.choice(categories),))))),
        ("stores near a point, 25 km, by distance", lambda backend: backend.search(request(
            types=("store",), near=near(), radius_km=25, sort="distance", facets=False))),
        ("suggest (3 letters)", lambda backend: backend.suggest(
            rng.choice(words)[:3], locale=language, site_id=site_id, limit=search_setting("SUGGEST_LIMIT"))),
    ]


def backends(rebuild):
    """``[(name, backend, cleanup)]``: the database backend, and Elasticsearch when configured."""
    found = [("database", DatabaseSearchBackend(), lambda: None)]
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        from search.backends.elasticsearch import ElasticsearchSearchBackend

        options = dict(search_setting("OPTIONS"), URL=url, TIMEOUT=30)
        if rebuild:
            options["INDEX_PREFIX"] = f"bench{os.getpid()}_{uuid.uuid4().hex[:8]}"
        backend = ElasticsearchSearchBackend(**options)
        if backend.is_available():
            found.append(("elasticsearch", backend, backend.drop_indices if rebuild else lambda: None))
        else:
            print(f"Elasticsearch at {url} does not answer: measuring the database backend only.")
    else:
        print("ELASTICSEARCH_URL is not set: measuring the database backend only.")
    return found


def timed(run, repeat, warmup):
    timings = []
    for number in range(warmup + repeat):
        started = time.perf_counter()
        run()
        if number >= warmup:
            timings.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return cuts[49], cuts[94]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="Timed requests per case (default 50).")
    parser.add_argument("--warmup", type=int, default=5, help="Untimed requests first (default 5).")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild each backend's index from the database first.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    from django.db import connection

    documents = count_documents()
    print(f"{connection.vendor}, {sum(documents.values()):,} documents {documents}, {args.repeat} requests per case")
    figures = {}
    for name, backend, cleanup in backends(args.rebuild):
        try:
            if args.rebuild:
                report = backend.rebuild(all_documents())
                getattr(backend, "refresh", lambda: None)()
                print(f"{name}: rebuilt {report.documents:,} documents in {report.seconds:.1f} s "
                      f"({report.documents / max(report.seconds, 1e-9):,.0f}/s)")
            for case, run in cases(random.Random(args.seed), site.pk):
                figures[(name, case)] = timed(lambda: run(backend), args.repeat, args.warmup)
        finally:
            cleanup()

    names = list(dict.fromkeys(name for name, _ in figures))
    header = f"{'case':<42}" + "".join(f" {name[:8] + ' p50':>13} {name[:8] + ' p95':>13}" for name in names)
    if len(names) == 2:
        header += f" {'ES/DB p50':>10} {'ES/DB p95':>10}"
    print(header)
    print("-" * len(header))
    for case in dict.fromkeys(case for _, case in figures):
        row = f"{case:<42}" + "".join(f" {figures[(name, case)][0]:>13.1f} {figures[(name, case)][1]:>13.1f}" for name in names)
        if len(names) == 2:
            (db50, db95), (es50, es95) = figures[("database", case)], figures[("elasticsearch", case)]
            row += f" {es50 / db50:>10.2f} {es95 / db95:>10.2f}"
        print(row)


if __name__ == "__main__":
    main()
