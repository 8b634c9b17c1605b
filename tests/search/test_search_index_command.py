"""manage.py search_index rebuild / sync / status on the database backend (and a configured
Elasticsearch that cannot be reached)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from search import documents
from search.models import PendingIndexOperation, SearchEntry
from tests.factories import GiftGuidePageFactory, ProductFactory, StorePageFactory
from tests.search.test_indexing import CLOSED_PORT


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def content(section, store_index):
    GiftGuidePageFactory.with_products(section, [], title="A guide")
    StorePageFactory(parent=store_index, title="A store")
    ProductFactory.create_batch(3)
    ProductFactory(is_active=False)


def test_rebuild_writes_every_document_with_progress_and_rate(content):
    SearchEntry.objects.all().delete()
    out, err = run("rebuild")
    expected = documents.count_documents()
    assert expected == {"page": 4, "product": 3, "store": 1}  # home, section, store index, guide
    assert SearchEntry.objects.count() == sum(expected.values())
    assert "documents/s" in out and "database: rebuilt 8 documents" in out
    assert "[" in err and "8/8 documents" in err


def test_rebuild_clears_the_pending_operations_it_covered(content):
    PendingIndexOperation.objects.create(ref_type="product", ref_id=1, action="index", last_error="down")
    out, _ = run("rebuild", "--no-progress")
    assert not PendingIndexOperation.objects.exists()
    assert "Cleared 1 pending operation(s)" in out


def test_sync_replays_pending_operations(content):
    SearchEntry.objects.all().delete()
    product = ProductFactory(name="Replayed kettle")
    PendingIndexOperation.objects.create(ref_type="product", ref_id=product.pk, action="index", last_error="down")
    out, _ = run("sync")
    assert "Replayed 1 pending operation(s); 0 remaining." in out
    assert list(SearchEntry.objects.values_list("title", flat=True)) == ["Replayed kettle"]
    assert not PendingIndexOperation.objects.exists()


@override_settings(SEARCH=CLOSED_PORT)
def test_sync_fails_and_keeps_the_operations_while_the_backend_is_down(content):
    PendingIndexOperation.objects.create(ref_type="product", ref_id=1, action="index", last_error="down")
    with pytest.raises(CommandError, match="could not be replayed"):
        run("sync", "--no-progress")
    assert PendingIndexOperation.objects.get().attempts == 2


@override_settings(SEARCH=CLOSED_PORT)
def test_rebuild_says_when_the_backend_is_down(content):
    with pytest.raises(CommandError, match="elasticsearch backend is unavailable"):
        run("rebuild", "--no-progress")


def test_status_compares_index_and_database(content):
    run("rebuild", "--no-progress")
    SearchEntry.objects.filter(type="product").first().delete()
    PendingIndexOperation.objects.create(ref_type="product", ref_id=1, action="index", last_error="down")
    out, _ = run("status")
    assert "Backend: database" in out and "Reachable: yes" in out
    assert any(line.split() == ["product", "2", "3"] for line in out.splitlines())
    assert any(line.split() == ["page", "4", "4"] for line in out.splitlines())
    assert "Pending operations: 1, the oldest since" in out


@override_settings(SEARCH=CLOSED_PORT)
def test_status_of_an_unreachable_backend(content):
    out, _ = run("status")
    assert "Backend: elasticsearch" in out and "Reachable: no" in out
    assert any(line.split() == ["product", "?", "3"] for line in out.splitlines())
    # each node asked on its own, and this process's breakers
    assert "Nodes: 1, 1 s per request and node, up to 0 retries on another node" in out
    assert "  http://127.0.0.1:1  unreachable (ConnectionError)" in out
    assert "Replicas: auto (one as soon as the cluster has two data nodes)" in out
    assert "  searches: closed" in out and "  index writes: closed" in out


def test_the_database_backend_has_no_nodes_or_breakers(content):
    out, _ = run("status")
    assert "Nodes:" not in out and "Circuit breakers" not in out
