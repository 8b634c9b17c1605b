"""Search on a real Elasticsearch cluster that loses a node, and on a node that hangs.

Three nodes of the test's own (tests/search/es_cluster.py), every one listed in the client's
URL, indices with a replica (REPLICAS "auto"):

- a node is killed (SIGKILL) while one thread searches without pause and the test publishes
  (pages, products: every kind of change): no search fails, and once the node is back and the
  pending operations are replayed the index holds exactly the database's documents;
- a node dies in the middle of `search_index rebuild`: the rebuild either completes or fails
  with the old indices still behind the alias and serving;
- one node of three is frozen (SIGSTOP, the process hangs without closing its connections)
  under the same load: no search fails, and after SIGCONT everything converges;

and one node alone (a single-node deployment) frozen: once the circuit breakers open, searches
are answered by the database without asking the node and publishes record their index writes
without waiting for it; after SIGCONT one probe closes each breaker and the replay brings the
index level with the database.

Figures (searches run / answered by Elasticsearch / by the database / failed, publishes run /
index writes recorded for replay / lost, latencies) are printed; run with -s to see them.
benchmarks/search_failover.py measures the latencies properly.
"""

import logging
import re
import signal
import statistics
import threading
import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings

from cms.catalog.models import Product
from search import documents, service
from search.backends.base import SearchRequest
from search.backends.es_mapping import alias_name, next_alias_name
from search.models import PendingIndexOperation
from tests.factories import GiftGuidePageFactory, ProductFactory
from tests.search.es_cluster import (  # noqa: F401 - fixtures
    es_cluster,
    es_cluster_nodes,
    es_single_node,
    es_single_node_process,
)
from tests.search.test_nothing_lost import assert_index_matches_database, content  # noqa: F401 - a fixture

pytestmark = [pytest.mark.elasticsearch_cluster, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


# Seconds per request and node. Production's 0.5 s is too short here: three JVMs share two
# cores with the other test lane, and healthy nodes under that load took more than 0.5 s now
# and then (a load average of 14 was seen). Nodes that are killed refuse at once anyway, and
# a frozen node costs this per attempt until the breakers open.
TIMEOUT = 2


def cluster_settings(url, prefix, **options):
    """The production settings (retries on every other node, breakers after 3 failures) but
    TIMEOUT, replaying after every successful write."""
    return {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchSearchBackend",
        "OPTIONS": {"URL": url, "INDEX_PREFIX": prefix, "SWAP_GRACE": 0.2, "TIMEOUT": TIMEOUT, **options},
        "AUTO_UPDATE": True,
        "PENDING_REPLAY_INTERVAL": 0,
    }


@pytest.fixture
def prefix(test_index_prefix):
    return test_index_prefix


def drop(url, prefix):
    from search.backends.elasticsearch import ElasticsearchSearchBackend

    ElasticsearchSearchBackend(URL=url, INDEX_PREFIX=prefix).drop_indices()


class SearchLoop(threading.Thread):
    """Searches without pause, as shoppers do, counting who answered and what failed."""

    def __init__(self):
        super().__init__(daemon=True)
        self.request = SearchRequest(text="coffee", locale="en")
        self.answers, self.failures, self.latencies = Counter(), [], []
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.is_set():
                started = time.perf_counter()
                try:
                    self.answers[service.run_search(self.request).backend] += 1
                except Exception as error:  # noqa: BLE001 - a failed search is what we count
                    self.failures.append(repr(error))
                self.latencies.append((time.perf_counter() - started) * 1000)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=60)
        return self

    def summary(self):
        return (f"searches run {sum(self.answers.values()) + len(self.failures)}, answered by elasticsearch "
                f"{self.answers['elasticsearch']}, by the database {self.answers['database']}, failed {len(self.failures)}; "
                f"p50 {percentile(self.latencies, 0.5):.0f} ms, max {max(self.latencies):.0f} ms")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


class Publisher:
    """Publishes changes of every kind, each in its own transaction (its index write follows
    the commit): a new guide, a renamed product, a new product, an unpublished guide."""

    def __init__(self, section):
        self.section, self.count, self.latencies = section, 0, []
        self.guides = []

    def publish(self):
        number, started = self.count, time.perf_counter()
        with transaction.atomic():
            kind = number % 4
            if kind == 0:
                self.guides.append(GiftGuidePageFactory.with_products(self.section, [], title=f"Launch guide {number}"))
            elif kind == 1:
                product = Product.objects.order_by("pk")[number % 3]
                product.name = f"Launch coffee {number}"
                product.save()
            elif kind == 2:
                ProductFactory(name=f"New coffee {number}")
            elif self.guides:
                self.guides.pop(0).unpublish()
        self.latencies.append((time.perf_counter() - started) * 1000)
        self.count += 1

    def run_for(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.publish()

    def run_while(self, thread):
        while thread.is_alive():
            self.publish()
            time.sleep(0.05)

    def summary(self):
        return f"publishes run {self.count}, p50 {percentile(self.latencies, 0.5):.0f} ms, max {max(self.latencies):.0f} ms"


def in_background(function):
    """Runs ``function`` in a thread; ``thread.result`` holds its return value or error."""
    thread = threading.Thread(target=lambda: setattr(thread, "result", capture(function)), daemon=True)
    thread.start()
    return thread


def capture(function):
    try:
        return function()
    except Exception as error:  # noqa: BLE001 - handed to the test, which raises it
        return error


def sync_and_compare(url, prefix):
    """Replays what is still recorded, then compares index and database document for document."""
    out = StringIO()
    call_command("search_index", "sync", "--no-progress", stdout=out)
    assert "0 remaining" in out.getvalue()
    assert_index_matches_database(url, prefix)


@pytest.fixture
def recorded_writes(caplog):
    """How many index writes after a commit failed and were recorded for replay (replayed
    since by a later successful write, or by the final sync)."""
    caplog.set_level(logging.INFO, logger="search.indexing")
    return lambda: sum("recorded for replay" in record.getMessage() for record in caplog.records if record.name == "search.indexing")


def report(title, *lines):
    print(f"\n{title}:\n  " + "\n  ".join(lines))


# --- a node killed ---------------------------------------------------------------------------


def under_load(cluster, prefix, section, recorded_writes, disrupt, title):
    """Rebuilds the index on ``cluster``, then searches without pause (a thread) and publishes
    while ``disrupt(victim, publisher)`` acts on the node holding the English primary shard;
    once every node is back and the cluster green, publishes a little more, replays what is
    still recorded and compares index and database document for document; reports the counts
    under ``title(victim)``. Returns the search loop."""
    with override_settings(SEARCH=cluster_settings(cluster.url, prefix)):
        call_command("search_index", "rebuild", "--no-progress", stdout=StringIO())
        cluster.wait_for("green")
        victim = cluster.primary_of(alias_name(prefix, "en"))
        searches, publisher = SearchLoop(), Publisher(section)
        searches.start()
        try:
            publisher.run_for(2)
            disrupt(victim, publisher)
            cluster.wait_for("green")
            publisher.run_for(1)
        finally:
            searches.stop()
        sync_and_compare(cluster.url, prefix)
        report(
            title(victim),
            searches.summary(),
            f"{publisher.summary()}; index writes recorded for replay {recorded_writes()}, lost 0 (index = database)",
        )
    drop(cluster.url, prefix)
    return searches


def test_a_node_killed_under_load_loses_no_search_and_no_index_write(es_cluster, prefix, content, section, recorded_writes):  # noqa: F811
    masters = []

    def kill_and_restart(victim, publisher):
        indices = es_cluster.get(f"/_cat/indices/{prefix}-*?format=json&h=index,rep,health")
        assert indices and all(row["rep"] == "1" and row["health"] == "green" for row in indices), indices
        masters.append(es_cluster.master())
        es_cluster.kill(victim)
        publisher.run_for(3)  # the node is gone: its replica is promoted
        restart = in_background(es_cluster.start)
        publisher.run_while(restart)
        assert not isinstance(restart.result, Exception), restart.result

    searches = under_load(
        es_cluster, prefix, section, recorded_writes, kill_and_restart,
        lambda victim: f"Node {victim} of 3 killed (SIGKILL; the master was node {masters[0]}), restarted while publishing",
    )
    assert searches.failures == []
    assert searches.answers["database"] == 0  # the cluster answered every search itself


# --- a node killed during a rebuild ----------------------------------------------------------


def test_a_rebuild_while_a_node_dies_completes_or_fails_cleanly(es_cluster, prefix, content, monkeypatch):  # noqa: F811
    ProductFactory.create_batch(150)
    with override_settings(SEARCH=cluster_settings(es_cluster.url, prefix, CHUNK_SIZE=20)):
        call_command("search_index", "rebuild", "--no-progress", stdout=StringIO())
        backend = service.get_search_backend()
        before = set(backend._aliases()[alias_name(prefix, "en")])
        es_cluster.wait_for("green")

        every_document, killed = documents.all_documents, []

        def documents_while_a_node_dies():
            if killed:  # the database backend's rebuild, after Elasticsearch's
                yield from every_document()
                return
            for number, document in enumerate(every_document()):
                if number == 40:  # two bulk requests in: the node with the new English primary dies
                    killed.append(es_cluster.primary_of(next_alias_name(prefix, "en")))
                    es_cluster.kill(killed[0])
                if number >= 40:
                    time.sleep(0.02)  # the rest of the load overlaps the failover
                yield document

        monkeypatch.setattr(documents, "all_documents", documents_while_a_node_dies)
        try:
            call_command("search_index", "rebuild", "--no-progress", stdout=StringIO())
            outcome = "completed"
        except CommandError as error:
            outcome = f"failed cleanly ({error})"
        monkeypatch.setattr(documents, "all_documents", every_document)
        assert killed, "the rebuild never reached the 40th document"

        after = set(backend._aliases()[alias_name(prefix, "en")])
        if outcome == "completed":
            assert after.isdisjoint(before)  # the alias moved to the new index
        else:
            assert after == before  # the old index still behind the alias
        response = service.run_search(SearchRequest(text="coffee", locale="en"))
        assert response.backend == "elasticsearch" and response.total > 0

        es_cluster.start()
        es_cluster.wait_for("green")
        if outcome != "completed":  # a rebuild once the node is back completes
            call_command("search_index", "rebuild", "--no-progress", stdout=StringIO())
        assert not any(alias.endswith("-next") for alias in backend._aliases())
        sync_and_compare(es_cluster.url, prefix)
        total = sum(documents.count_documents().values())
        report(f"Node {killed[0]} of 3 killed in the middle of a rebuild", f"the rebuild of {total} documents {outcome}")
    drop(es_cluster.url, prefix)


# --- a node frozen ---------------------------------------------------------------------------


def test_one_frozen_node_of_three_fails_no_search_and_everything_converges(es_cluster, prefix, content, section, recorded_writes):  # noqa: F811
    def freeze_then_thaw(victim, publisher):
        es_cluster.signal(victim, signal.SIGSTOP)
        try:
            publisher.run_for(12)
        finally:
            es_cluster.signal(victim, signal.SIGCONT)

    searches = under_load(
        es_cluster, prefix, section, recorded_writes, freeze_then_thaw,
        lambda victim: f"Node {victim} of 3 (with the English primary shard) frozen for 12 s (SIGSTOP), then SIGCONT",
    )
    assert searches.failures == []


def test_a_frozen_single_node_opens_the_breakers_and_converges_after_sigcont(es_single_node, prefix, content, section, caplog):  # noqa: F811
    caplog.set_level(logging.INFO, logger="elastic_transport.transport")
    caplog.set_level(logging.INFO, logger="search.breaker")
    settings = cluster_settings(es_single_node.url, prefix, BREAKER_FAILURES=3, BREAKER_COOLDOWN=60)
    with override_settings(SEARCH=settings):
        call_command("search_index", "rebuild", "--no-progress", stdout=StringIO())
        request = SearchRequest(text="coffee", locale="en")
        assert service.run_search(request).backend == "elasticsearch"
        backend, publisher = service.get_search_backend(), Publisher(section)
        asked_before = len(re.findall(r"\[status:", caplog.text))

        es_single_node.signal(1, signal.SIGSTOP)
        try:
            answers, search_ms = [], []
            for _ in range(10):
                started = time.perf_counter()
                answers.append(service.run_search(request).backend)
                search_ms.append((time.perf_counter() - started) * 1000)
            for _ in range(6):
                publisher.publish()
            asked_while_frozen = len(re.findall(r"\[status:", caplog.text)) - asked_before
            states = {kind: breaker.state for kind, breaker in backend.breakers.items()}
            status = StringIO()
            call_command("search_index", "status", stdout=status)
        finally:
            es_single_node.signal(1, signal.SIGCONT)

        assert answers == ["database"] * 10
        assert states == {"searches": "open", "index writes": "open"}
        # 3 searches and 3 index writes asked the node and timed out; nothing asked it since
        assert asked_while_frozen == 6
        errors = [operation.last_error.split(":")[0] for operation in PendingIndexOperation.objects.order_by("pk")]
        assert errors.count("CircuitOpen") >= 3 and set(errors) == {"SearchUnavailable", "CircuitOpen"}
        assert "  searches: open for" in status.getvalue() and f"timed out after {TIMEOUT} s" in status.getvalue()
        breaker_lines = [record.getMessage() for record in caplog.records if record.name == "search.breaker"]
        assert len(breaker_lines) == 2 and all("opened after 3 consecutive failures" in line for line in breaker_lines)

        # Thawed: the next call of each kind after the cool-down probes, succeeds and closes
        # the breaker; the successful write replays what was recorded.
        for breaker in backend.breakers.values():
            breaker.cooldown = 0.5  # instead of waiting the minute set above
        time.sleep(0.6)
        assert service.run_search(request).backend == "elasticsearch"
        publisher.publish()
        assert {breaker.state for breaker in backend.breakers.values()} == {"closed"}
        assert not PendingIndexOperation.objects.exists()
        assert_index_matches_database(es_single_node.url, prefix)
        report(
            "The only node frozen (SIGSTOP), breakers after 3 failures",
            "search latency (ms) while frozen: " + ", ".join(f"{ms:.0f}" for ms in search_ms),
            f"  before the breaker opened: {statistics.mean(search_ms[:3]):.0f} ms each; after: p50 "
            f"{statistics.median(search_ms[3:]):.0f} ms",
            "publish latency (ms) while frozen: " + ", ".join(f"{ms:.0f}" for ms in publisher.latencies[:6]),
        )
    drop(es_single_node.url, prefix)
