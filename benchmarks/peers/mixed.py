"""The mixed workload through Varnish: wrk reads every benchmark read round and round while
this process changes content every few seconds — it publishes the benchmark store (a new
phone number), then ingests a stock batch of the availability product in the stores the
read shows, and so on — with the purge worker (`manage.py purge_cache`) running beside it.

After each change a watcher asks Varnish for the read that shows it until the new content
comes, and on for a few seconds more (past the purge's repeat, CDN_PURGE_REPEAT_SECONDS). It
reports the throughput and latency of the reads, the share Varnish answered from its cache,
how long each change took to be served, and every response that still showed the old
content although it was asked for after the purge had been sent ("older than the purge"),
after the first purge and after its repeat.

    python -m benchmarks.peers.mixed <varnish url> <seconds> <change every> <paths file> <connections>
(with our API's environment: DJANGO_SETTINGS_MODULE, DATABASE_URL, CDN_PURGER=varnish, …)
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import django

from .load import wrk_path

MIXED_SCRIPT = Path(__file__).with_name("wrk_mixed.lua")


def fetch(url):
    started = time.time()
    with urllib.request.urlopen(url, timeout=30) as response:
        return started, json.loads(response.read())


class Change:
    """One change: when it committed, when its purges were sent, what Varnish answered after."""

    def __init__(self, kind, committed_at, reason, since):
        self.kind, self.committed_at, self.reason, self.since = kind, committed_at, reason, since
        self.fresh_at = None
        self.purged_at = self.repeated_at = None
        self.answers = []  # (sent at, showed the new content)

    def watch(self, url, is_new, watch_after_fresh):
        """Ask ``url`` until ``is_new(body)``, then ``watch_after_fresh`` seconds more."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            sent, body = fetch(url)
            new = is_new(body)
            self.answers.append((sent, new))
            if new and self.fresh_at is None:
                self.fresh_at = time.time()
                deadline = time.monotonic() + watch_after_fresh
            time.sleep(0.01)
        self.purged_at, self.repeated_at = purge_times(self.reason, self.since)

    def stale_after(self, moment):
        if moment is None:
            return None
        return sum(1 for sent, new in self.answers if sent > moment and not new)

    def as_dict(self):
        return {
            "kind": self.kind,
            "seconds_to_fresh": None if self.fresh_at is None else round(self.fresh_at - self.committed_at, 3),
            "seconds_to_purge": None if self.purged_at is None else round(self.purged_at - self.committed_at, 3),
            "stale_after_purge": self.stale_after(self.purged_at),
            "stale_after_repeat": self.stale_after(self.repeated_at),
            "asked": len(self.answers),
        }


def purge_times(reason_contains, since):
    """When the first purge of a change (found by its reason) and its repeat were sent, as
    unix times (None: not sent)."""
    from django.db import connection

    from cms.publishing.models import CachePurge

    def sent(purge):
        if purge is None or purge.status != "succeeded":
            return None
        return purge.last_attempt_at.timestamp() + (purge.response_time_ms or 0) / 1000

    try:
        first = (CachePurge.objects.filter(created_at__gte=since, reason__contains=reason_contains, repeat_of=None)
                 .order_by("pk").first())
        return sent(first), sent(first.repeats.first() if first else None)
    finally:
        connection.close()


def phone_number(body):
    digits = body["data"]["store"]["phone"].rsplit(" ", 1)[-1]
    return int(digits) if digits.isdigit() else -1


def publish_store(store, number):
    store.phone = f"+39 02 {number:07d}"
    store.save_revision().publish()
    return store.phone


def stock_batch(sku, slugs, number):
    from django.utils import timezone

    from cms.catalog.stock import ingest_stock_batch

    quantity = 100 + number
    now = timezone.now().isoformat()
    ingest_stock_batch([{"store": slug, "sku": sku, "quantity": quantity, "source_updated_at": now} for slug in slugs])
    return quantity


def run(varnish_url, seconds, change_every, paths_file, connections):
    from django.utils import timezone
    from wagtail.models import Locale

    from cms.publishing.settings import cdn_setting
    from cms.stores.models import StorePage

    from .ours import QUERIES, variables
    from .workload import STORE_SLUG, resolve_context

    context = resolve_context()
    store = StorePage.objects.get(slug=STORE_SLUG, locale=Locale.get_default())
    watch_after_fresh = cdn_setting("PURGE_REPEAT_SECONDS") + 2

    def read_url(read):
        return f"{varnish_url}/graphql?" + urlencode({"query": QUERIES[read], "variables": json.dumps(variables(read, context))})

    store_url, availability_url = read_url("store_page"), read_url("availability")
    _sent, availability = fetch(availability_url)
    stocked = [entry["store"]["url"].rstrip("/").rsplit("/", 1)[-1]
               for entry in availability["data"]["product"]["availability"]][:5]

    worker = subprocess.Popen([sys.executable, "manage.py", "purge_cache", "--interval", "0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    load = {}
    wrk = threading.Thread(target=lambda: load.update(run_wrk(varnish_url, seconds, paths_file, connections)))
    changes, watchers = [], []
    try:
        wrk.start()
        started = time.monotonic()
        number = int(time.time()) - 1_700_000_000  # grows from run to run too
        while time.monotonic() - started < seconds - change_every:
            time.sleep(change_every)
            number += 1
            since = timezone.now()
            # Numbers only grow: a later change's content counts as new for an earlier one.
            if len(changes) % 2 == 0:
                publish_store(store, number)
                change = Change("publish", time.time(), f"StorePage {store.pk}", since)
                url, is_new = store_url, lambda body, number=number: phone_number(body) >= number
            else:
                quantity = stock_batch(context.product_sku, stocked, number)
                change = Change("stock batch", time.time(), "stock of", since)
                url, is_new = availability_url, lambda body, quantity=quantity: any(
                    entry["quantity"] >= quantity for entry in body["data"]["product"]["availability"])
            changes.append(change)
            watcher = threading.Thread(target=change.watch, args=(url, is_new, watch_after_fresh))
            watcher.start()
            watchers.append(watcher)
        wrk.join()
        for watcher in watchers:
            watcher.join()
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    return {"load": load, "changes": [change.as_dict() for change in changes], "seconds": seconds,
            "change_every": change_every, "connections": connections, "repeat_seconds": cdn_setting("PURGE_REPEAT_SECONDS"),
            "reads": len(Path(paths_file).read_text().split())}


def run_wrk(varnish_url, seconds, paths_file, connections):
    completed = subprocess.run(
        [wrk_path(), "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(MIXED_SCRIPT),
         varnish_url + "/"],
        capture_output=True, text=True, check=True, env={**os.environ, "WRK_PATHS": str(paths_file)},
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    django.setup()
    url, seconds, change_every, paths_file, connections = sys.argv[1:6]
    print(json.dumps(run(url, int(seconds), float(change_every), paths_file, int(connections))))
