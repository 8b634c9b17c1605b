"""Stock ingestion rows per second, before and after, through the API and ``import_stock``.

    createdb -T storefront_scale stock_bench          # a copy of the scale data: this writes
    DATABASE_URL=postgres://…/stock_bench .venv/bin/python benchmarks/stock_ingestion.py \
        [--rows 100000] [--batch 5000] [--rounds 2] [--before b83e110]

Each round sends ``--rows`` new levels twice, once through each code path of
``cms/catalog/stock.py`` — the current one and the one of the commit ``--before`` (read with
``git show`` and loaded in this process in its place) — alternately first, and both ways in:

- api: ``POST /api/stock/batches`` through Django's test client (request parsing, the key's
  authentication, JSON in and out), ``--batch`` rows per request, an idempotency key each;
- import: ``manage.py import_stock`` of a CSV file (read one line at a time, 5,000-row chunks).

Rows are (store, SKU) pairs drawn from the data: by default whole stores resynced, as store
systems send them (a random store's levels and half as many new SKUs, store after store);
with ``--spread scattered`` half of them existing levels anywhere (an update), half random
pairs (mostly new levels). The quantity is random, the instant newer than anything stored, so
every row is applied. It prints rows/s per way, path and round, and the ratio.
Run it on a copy of the scale data (``generate_scale_data``: 10,000 stores × 100,000
products × 2,000,000 levels), never on a database others read: it adds levels.
"""

import argparse
import csv
import gc
import io
import json
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale  # noqa: E402

import cms.catalog.management.commands.import_stock as import_command  # noqa: E402
import cms.catalog.stock_api as stock_api  # noqa: E402
from cms.catalog import stock  # noqa: E402
from cms.catalog.ingestion_keys import issue_key  # noqa: E402
from cms.catalog.models import Product, StockApiKey, StockLevel  # noqa: E402
from cms.stores.models import StorePage  # noqa: E402

from benchmarks.before import module_at  # noqa: E402


class Pairs:
    """(store slug, SKU) pairs of the data, as store systems send them."""

    def __init__(self, seed, spread):
        locale = Locale.get_default()
        self.random, self.spread = random.Random(seed), spread
        self.stores = dict(StorePage.objects.filter(locale=locale).values_list("pk", "slug"))
        self.skus = dict(Product.objects.filter(locale=locale).values_list("pk", "sku"))
        self.store_ids, self.sku_list = list(self.stores), list(self.skus.values())
        if spread == "scattered":
            sample = StockLevel.objects.order_by("?").values_list("store_id", "product_id")[:200_000]
            self.existing = [(self.stores[store], self.skus[product]) for store, product in sample
                             if store in self.stores and product in self.skus]

    def draw(self, count):
        """``count`` distinct pairs. ``stores``: store resyncs, a random store's levels and
        half as many new SKUs, store after store; ``scattered``: half existing levels anywhere,
        half random pairs."""
        if self.spread == "scattered":
            pairs = set(self.random.sample(self.existing, min(count // 2, len(self.existing))))
            while len(pairs) < count:
                pairs.add((self.random.choice(list(self.stores.values())), self.random.choice(self.sku_list)))
            return list(pairs)
        pairs = []
        for store_id in self.random.sample(self.store_ids, len(self.store_ids)):
            if len(pairs) >= count:
                break
            skus = {self.skus[product] for product in StockLevel.objects.filter(store_id=store_id)
                    .values_list("product_id", flat=True) if product in self.skus}
            target = len(skus) * 3 // 2 + 1
            while len(skus) < target:
                skus.add(self.random.choice(self.sku_list))
            pairs += [(self.stores[store_id], sku) for sku in skus]
        return pairs[:count]


def rows_for(pairs, at):
    stamp = at.isoformat()
    return [{"store": store, "sku": sku, "quantity": random.randrange(200), "source_updated_at": stamp}
            for store, sku in pairs]


def through_api(client, token, rows, batch, label):
    started = time.perf_counter()
    for start in range(0, len(rows), batch):
        body = {"idempotency_key": f"{label}-{start}", "error_policy": "reject", "rows": rows[start : start + batch]}
        response = client.post("/api/stock/batches", json.dumps(body), content_type="application/json",
                               headers={"authorization": f"Bearer {token}"})
        result = response.json()
        if response.status_code != 200 or result["applied"] != len(body["rows"]):
            raise SystemExit(f"The API answered {response.status_code}: {str(result)[:500]}")
    return time.perf_counter() - started


def through_import(rows, directory):
    path = Path(directory) / "stock.csv"
    with open(path, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=stock.ROW_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    output = io.StringIO()
    started = time.perf_counter()
    call_command("import_stock", str(path), "--no-progress", stdout=output)
    elapsed = time.perf_counter() - started
    if f"applied {len(rows):,}," not in output.getvalue():
        raise SystemExit(f"import_stock said: {output.getvalue()}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="rows per way, path and round (default 100000)")
    parser.add_argument("--batch", type=int, default=5_000, help="rows per API request (default 5000, the MAX_ROWS)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", default="b83e110", help="commit of the code to compare with (default b83e110: "
                        "main before the staging-table upsert)")
    parser.add_argument("--ways", default="api,import")
    parser.add_argument("--spread", choices=("stores", "scattered"), default="stores",
                        help="stores: whole stores resynced (default); scattered: pairs anywhere")
    args = parser.parse_args()
    settings.DEBUG = False  # no query log
    if connection.vendor != "postgresql":
        print(f"Note: {connection.vendor}, not PostgreSQL: the figures say little about the target.")
    paths = {"after": stock, "before": module_at(args.before, "cms/catalog/stock.py")}
    api_key = StockApiKey(name="stock ingestion benchmark", all_stores=True)
    token = issue_key(api_key)
    api_key.save()
    pairs = Pairs(seed=18, spread=args.spread)
    gc.freeze()  # the pairs drawn from: not part of an app server's heap
    print(f"{connection.vendor} {connection.settings_dict['NAME']}: {StockLevel.objects.count():,} levels, "
          f"{len(pairs.stores):,} stores, {len(pairs.skus):,} products; {args.rows:,} rows per run "
          f"({args.batch:,} per API request), {args.spread}", flush=True)
    client = Client(SERVER_NAME="localhost")  # DEBUG off: a host of ALLOWED_HOSTS
    at = timezone.now() + timedelta(seconds=1)
    rates = {}
    try:
        with tempfile.TemporaryDirectory() as directory:
            for number in range(args.rounds):
                order = ["before", "after"] if number % 2 == 0 else ["after", "before"]
                for way in args.ways.split(","):
                    for name in order:
                        at = max(at + timedelta(milliseconds=1), timezone.now())
                        rows = rows_for(pairs.draw(args.rows), at)
                        ingest = paths[name].ingest_stock_batch
                        with mock.patch.object(stock_api, "ingest_stock_batch", ingest), \
                             mock.patch.object(import_command, "ingest_stock_batch", ingest):
                            if way == "api":
                                seconds = through_api(client, token, rows, args.batch, f"bench-{name}-{number}-{at}")
                            else:
                                seconds = through_import(rows, directory)
                        rate = len(rows) / seconds
                        rates.setdefault((way, name), []).append(rate)
                        print(f"round {number + 1} {way:6} {name:6} {len(rows):,} rows in {seconds:6.2f} s: "
                              f"{rate:9,.0f} rows/s", flush=True)
    finally:
        api_key.delete()
    print("\nrows/s (best of the rounds; 2 shared cores, other jobs running):")
    for way in args.ways.split(","):
        before, after = max(rates[(way, "before")]), max(rates[(way, "after")])
        print(f"  {way:6} before {before:9,.0f}  after {after:9,.0f}  ×{after / before:.2f}")


if __name__ == "__main__":
    main()
