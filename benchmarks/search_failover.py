"""Search and publishing while an Elasticsearch node hangs (not part of the tests): latencies of
one app process (as one gunicorn worker) with the node frozen by SIGSTOP, before and after the
circuit breakers open, and how long everything takes to converge after SIGCONT.

    .venv/bin/python benchmarks/search_failover.py --scratch          # fresh SQLite + demo (~1 min)
    DATABASE_URL=... .venv/bin/python benchmarks/search_failover.py   # a database with the demo loaded

It starts Elasticsearch nodes of its own with scripts/elasticsearch.sh (free ports, a
temporary folder; stopped at the end) and indexes under a prefix of its own. Scenarios:

- ``single``: one node, frozen: the situation of a single-node deployment;
- ``cluster``: three nodes, the one holding the English primary shard frozen;
- ``old`` (with --old): the single node frozen with the settings before the cluster work
  (5 s per request, no circuit breaker), for comparison.

Publishing is a revision of a store page of its own, published in a transaction (the index
write follows the commit); the page is deleted at the end.
"""

import argparse
import logging
import os
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
for name in ("elastic_transport", "search"):  # the failures are what is measured; one line each otherwise
    logging.getLogger(name).setLevel(logging.CRITICAL)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scratch", action="store_true", help="Load the demo into a new SQLite database first.")
    parser.add_argument("--scenarios", default="single,cluster", help="Comma-separated: single, cluster (default both).")
    parser.add_argument("--old", action="store_true", help="Also measure the settings before the breaker (5 s per request).")
    parser.add_argument("--searches", type=int, default=40, help="Searches while frozen (default 40).")
    parser.add_argument("--publishes", type=int, default=10, help="Publishes while frozen (default 10).")
    parser.add_argument("--timeout", type=float, default=None, help="SEARCH_TIMEOUT to use (default: the setting's default).")
    return parser.parse_args(argv)


def setup_django(scratch):
    if scratch:
        path = Path(tempfile.mkdtemp(prefix="search-failover-")) / "demo.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.core.management import call_command

    django.setup()
    if scratch:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        print(f"Demo loaded into {path} in {time.perf_counter() - started:.0f} s")


def ms(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def summary(values):
    return f"p50 {ms(values, 0.5):6.0f} ms  p95 {ms(values, 0.95):6.0f} ms  max {max(values):6.0f} ms  (n={len(values)})"


class Workload:
    """Searches and publishes as one app process does them, timed."""

    def __init__(self, store):
        from search.backends.base import SearchRequest

        self.store = store
        self.request = SearchRequest(text="moka", locale="en")

    def search(self):
        from search import service

        started = time.perf_counter()
        backend = service.run_search(self.request).backend
        return (time.perf_counter() - started) * 1000, backend

    def publish(self):
        from django.db import transaction

        started = time.perf_counter()
        with transaction.atomic():
            self.store.save_revision().publish()
        self.store.refresh_from_db()
        return (time.perf_counter() - started) * 1000


def measure(name, cluster, frozen_node, options, workload, args):
    from django.core.management import call_command
    from django.test import override_settings

    from search import service
    from search.models import PendingIndexOperation

    prefix = f"failover{os.getpid()}_{uuid.uuid4().hex[:6]}"
    settings = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchSearchBackend",
        "OPTIONS": {"URL": cluster.url, "INDEX_PREFIX": prefix, **options},
        "AUTO_UPDATE": True,
        "PENDING_REPLAY_INTERVAL": 0,
    }
    with override_settings(SEARCH=settings):
        backend = service.get_search_backend()
        started = time.perf_counter()
        call_command("search_index", "rebuild", "--no-progress", stdout=open(os.devnull, "w"))
        cluster.wait_for("green")
        print(f"\n== {name}: {len(cluster.urls)} node(s), {backend.timeout:g} s per request and node, "
              f"breakers after {backend.breakers['searches'].failures} failures for {backend.breakers['searches'].cooldown:g} s "
              f"(rebuilt in {time.perf_counter() - started:.1f} s)")
        for _ in range(5):
            workload.search(), workload.publish()
        healthy_search = [workload.search()[0] for _ in range(args.searches)]
        healthy_publish = [workload.publish() for _ in range(args.publishes)]
        print(f"healthy       search  {summary(healthy_search)}")
        print(f"healthy       publish {summary(healthy_publish)}")

        if frozen_node is None:
            frozen_node = cluster.primary_of(f"{prefix}-en")
        cluster.signal(frozen_node, signal.SIGSTOP)
        frozen_at = time.perf_counter()
        try:
            before, after, answered = [], [], Counter()
            for _ in range(args.searches):
                closed = backend.breakers["searches"].state == "closed"
                latency, who = workload.search()
                (before if closed else after).append(latency)
                answered[who] += 1
            publish_before, publish_after = [], []
            for _ in range(args.publishes):
                closed = backend.breakers["index writes"].state == "closed"
                (publish_before if closed else publish_after).append(workload.publish())
        finally:
            cluster.signal(frozen_node, signal.SIGCONT)
        frozen_for = time.perf_counter() - frozen_at
        print(f"node {frozen_node} frozen (SIGSTOP) for {frozen_for:.1f} s; searches answered by {dict(answered)}")
        if before:
            print(f"frozen, breaker closed  search  {summary(before)}")
        if after:
            print(f"frozen, breaker open    search  {summary(after)}")
        if publish_before:
            print(f"frozen, breaker closed  publish {summary(publish_before)}")
        if publish_after:
            print(f"frozen, breaker open    publish {summary(publish_after)}")

        # Thawed: searches and publishes go on; time until Elasticsearch answers a search again
        # and until every recorded index write is replayed (the next successful write does it).
        thawed = time.perf_counter()
        searches_back = publishes_back = None
        while searches_back is None or publishes_back is None:
            if searches_back is None and workload.search()[1] == "elasticsearch":
                searches_back = time.perf_counter() - thawed
            workload.publish()
            if publishes_back is None and not PendingIndexOperation.objects.exists():
                publishes_back = time.perf_counter() - thawed
            if time.perf_counter() - thawed > 120:
                print("not converged within 120 s")
                break
            time.sleep(0.1)
        if searches_back is not None and publishes_back is not None:
            print(f"after SIGCONT: Elasticsearch answers searches again after {searches_back:.1f} s, "
                  f"the recorded index writes are replayed after {publishes_back:.1f} s")
        backend.drop_indices()


def main(argv=None):
    args = parse_args(argv)
    setup_django(args.scratch)

    from django.db import connection
    from wagtail.models import Page

    from cms.stores.models import StoreIndexPage, StorePage
    from tests.search.es_cluster import LocalCluster, free_base_port

    root = Page.get_first_root_node()
    index = root.add_child(instance=StoreIndexPage(title="Failover benchmark", slug=f"failover-benchmark-{os.getpid()}"))
    store = index.add_child(instance=StorePage(
        title="Failover benchmark store", slug="failover-benchmark-store", street_address="Via Torino 1",
        postal_code="20123", city="Milano", country="IT", latitude="45.4637", longitude="9.1857", time_zone="Europe/Rome",
    ))
    workload = Workload(store)
    print(f"database: {connection.vendor}; one process, searches and publishes one after the other")
    defaults = {} if args.timeout is None else {"TIMEOUT": args.timeout}
    scenarios = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    try:
        for name, nodes in (("single", 1), ("cluster", 3)):
            if name not in scenarios:
                continue
            cluster = LocalCluster(nodes, tempfile.mkdtemp(prefix=f"failover-{nodes}-"), free_base_port(nodes))
            try:
                cluster.start()
                measure(f"{name}: the node frozen" if nodes == 1 else "cluster: one node of three frozen",
                        cluster, 1 if nodes == 1 else None, defaults, workload, args)
                if nodes == 1 and args.old:
                    old = {"TIMEOUT": 5, "BREAKER_FAILURES": 10**9}
                    small = argparse.Namespace(**{**vars(args), "searches": 5, "publishes": 3})
                    measure("before: the node frozen, 5 s per request, no breaker", cluster, 1, old, workload, small)
            finally:
                cluster.thaw_and_restart()
                cluster.stop()
    finally:
        index.delete()


if __name__ == "__main__":
    main()
