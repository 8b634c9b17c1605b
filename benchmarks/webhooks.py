"""Publishing cost with and without webhook endpoints, and the webhook worker's throughput
(not part of the tests). Needs a migrated database; it adds pages and endpoints of its own
and removes them at the end.

    DATABASE_URL=... .venv/bin/python benchmarks/webhooks.py [--publishes 50] [--deliveries 500]

Publishing: save a revision of a store page and publish it, then commit (the content event
and its deliveries are written after the commit), with 0 and then 3 active endpoints;
p50/p95 in milliseconds. Worker: deliveries per second sent by one `deliver_due` loop to an
HTTP server on 127.0.0.1 (another process) that answers 200.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from cms.publishing.delivery import deliver_due  # noqa: E402
from cms.publishing.models import ContentEvent, WebhookDelivery, WebhookEndpoint  # noqa: E402
from cms.stores.models import StoreIndexPage, StorePage  # noqa: E402
from tests.cms.publishing.receiver import Receiver  # noqa: E402

SLUG = "webhook-benchmark"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def publish_times(store, count):
    times = []
    for _ in range(count):
        started = time.perf_counter()
        with transaction.atomic():
            store.save_revision().publish()
        times.append((time.perf_counter() - started) * 1000)
        store.refresh_from_db()
    return times


def serve(url_queue):
    with Receiver() as receiver:
        url_queue.put(receiver.url)
        receiver.thread.join()


def receiver_process():
    """The receiver in its own process, so that it does not share the worker's interpreter."""
    url_queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=serve, args=(url_queue,), daemon=True)
    process.start()
    return process, url_queue.get(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--publishes", type=int, default=50)
    parser.add_argument("--deliveries", type=int, default=500)
    args = parser.parse_args()
    process, url = receiver_process()  # before this process opens database connections

    root = Page.get_first_root_node()
    index = root.add_child(instance=StoreIndexPage(title="Webhook benchmark", slug=SLUG))
    store = index.add_child(instance=StorePage(
        title="Benchmark store", slug="benchmark-store", street_address="Via Torino 1", postal_code="20123",
        city="Milano", country="IT", latitude="45.4637", longitude="9.1857", time_zone="Europe/Rome",
    ))
    first_event = (ContentEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    print(f"database: {connection.vendor}")
    try:
        publish_times(store, 5)  # warm up
        for count in (0, 3):
            WebhookEndpoint.objects.filter(name__startswith="benchmark").delete()
            for n in range(count):
                WebhookEndpoint.objects.create(name=f"benchmark {n}", url=url)
            times = publish_times(store, args.publishes)
            connection.queries_log.clear()  # a full log (DEBUG) would make the count wrong
            with CaptureQueriesContext(connection) as queries:
                publish_times(store, 1)
            print(f"publish with {count} endpoints: p50 {statistics.median(times):.1f} ms, "
                  f"p95 {percentile(times, 0.95):.1f} ms ({args.publishes} publishes), {len(queries)} SQL queries")
        WebhookDelivery.objects.all().update(status="succeeded")
        endpoint = WebhookEndpoint.objects.filter(name__startswith="benchmark").first()
        event = ContentEvent.objects.filter(pk__gte=first_event).first()
        WebhookDelivery.objects.bulk_create(
            WebhookDelivery(endpoint=endpoint, event=event) for _ in range(args.deliveries)
        )
        started = time.perf_counter()
        while deliver_due():
            pass
        elapsed = time.perf_counter() - started
        sent = WebhookDelivery.objects.filter(event=event, status="succeeded", attempts=1).count()
        print(f"worker: {sent} deliveries in {elapsed:.2f} s = {sent / elapsed:.0f} deliveries/s")
    finally:
        process.terminate()
        WebhookEndpoint.objects.filter(name__startswith="benchmark").delete()
        index.delete()
        ContentEvent.objects.filter(pk__gte=first_event).delete()


if __name__ == "__main__":
    main()
