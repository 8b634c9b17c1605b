"""Nothing is lost while Elasticsearch is down, on a real node.

The node goes away in the middle of editing: publishing and saving still succeed, searches are
answered by the database (and say so), the missed operations are recorded; when the node is
back, ``search_index sync`` replays them and the index holds exactly the database's documents,
document for document (same keys per type, same stored fields).

"Down" is, by default, the backend pointed at a closed port (127.0.0.1:1): the shared node of
this machine keeps running for everyone else. With ES_RESTART_ALLOWED=1 a second, private
node (scripts/elasticsearch.sh with its own port and data directory) is really stopped and
started again.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import PageViewRestriction

from cms.catalog.models import Product
from search import documents, service
from search.backends.base import SearchRequest
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.backends.es_mapping import alias_name, entry_source
from search.models import PendingIndexOperation, SearchEntry
from tests.factories import (
    CategoryFactory,
    GiftGuidePageFactory,
    ProductFactory,
    ProductStoryPageFactory,
    ServiceFactory,
    StorePageFactory,
)

pytestmark = pytest.mark.elasticsearch

REPO = Path(__file__).resolve().parents[2]
CLOSED_URL = "http://127.0.0.1:1"
LOCALES = ("en", "it")


def search_settings(url, prefix):
    return {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchSearchBackend",
        "OPTIONS": {"URL": url, "INDEX_PREFIX": prefix, "TIMEOUT": 3, "SWAP_GRACE": 0.2},
        "AUTO_UPDATE": True,
        "PENDING_REPLAY_INTERVAL": 3600,  # replay only when the test says so (sync)
    }


def digest(source):
    return hashlib.sha256(json.dumps(source, sort_keys=True, default=str).encode()).hexdigest()


def database_documents():
    """``{key: digest}`` of what the index should hold, from the database now."""
    return {document.ref.key: digest(entry_source(document)) for document in documents.all_documents()}


def index_documents(url, prefix):
    """``{key: digest}`` of what the node holds (tombstones left out)."""
    client = ElasticsearchSearchBackend(URL=url, INDEX_PREFIX=prefix).patient_client
    indices = ",".join(alias_name(prefix, locale) for locale in LOCALES)
    client.indices.refresh(index=indices, ignore_unavailable=True)
    response = client.search(
        index=indices,
        ignore_unavailable=True,
        size=10_000,
        query={"bool": {"must_not": [{"term": {"deleted": True}}]}},
    )
    return {hit["_id"]: digest(hit["_source"]) for hit in response["hits"]["hits"]}


def by_type(keys):
    found = {}
    for key in keys:
        kind, number = key.split(":")
        found.setdefault(kind, set()).add(int(number))
    return found


def assert_index_matches_database(url, prefix):
    expected, actual = database_documents(), index_documents(url, prefix)
    assert by_type(actual) == by_type(expected)
    assert actual == expected
    assert set(SearchEntry.objects.values_list("key", flat=True)) == set(expected)  # the fallback too


@pytest.fixture
def content(section, store_index):
    coffee = CategoryFactory(name="Coffee", slug="coffee")
    parking = ServiceFactory(code="parking")
    return {
        "guide": GiftGuidePageFactory.with_products(section, [], title="Coffee gifts"),
        "story": ProductStoryPageFactory(parent=section, title="The moka story"),
        "store": StorePageFactory.with_services(store_index, [parking], title="Milano Duomo"),
        "other_store": StorePageFactory(parent=store_index, title="Monza"),
        "moka": ProductFactory(name="Moka pot", category=coffee, price=Decimal("25")),
        "grinder": ProductFactory(name="Coffee grinder", category=coffee, price=Decimal("45")),
        "kettle": ProductFactory(name="Kettle", category=coffee, price=Decimal("30")),
    }


def edit_while_down(content, section, committing):
    """Publish, change, unpublish, delete and restrict: every kind of change, each committed."""
    with committing():
        new_guide = GiftGuidePageFactory.with_products(section, [], title="Published while the node was down")
    with committing():
        moka = Product.objects.get(pk=content["moka"].pk)
        moka.name = "Moka pot renamed"
        moka.price = Decimal("27.50")
        moka.save()
    with committing():
        kettle = Product.objects.get(pk=content["kettle"].pk)
        kettle.is_active = False
        kettle.save()
    with committing():
        content["story"].unpublish()
    with committing():
        content["other_store"].delete()
    with committing():
        PageViewRestriction.objects.create(page=content["guide"], restriction_type="password", password="x")
    return new_guide


def run_scenario(url, go_down, come_back, prefix, content, section, committing):
    with override_settings(SEARCH=search_settings(url, prefix)):
        call_command("search_index", "rebuild", "--no-progress", stdout=StringIO())
        assert_index_matches_database(url, prefix)

    down_url = go_down()
    with override_settings(SEARCH=search_settings(down_url, prefix)):
        new_guide = edit_while_down(content, section, committing)
        assert new_guide.live  # publishing succeeded
        pending = {(operation.ref_type, operation.ref_id) for operation in PendingIndexOperation.objects.all()}
        assert {("page", new_guide.pk), ("product", content["moka"].pk), ("product", content["kettle"].pk),
                ("page", content["story"].pk), ("store", content["other_store"].pk),
                ("page", content["guide"].pk)} <= pending
        response = service.run_search(SearchRequest(text="published while", types=("page",)))
        assert response.backend == "database"
        assert [hit.title for hit in response.hits] == ["Published while the node was down"]
        suggestions, answered_by = service.run_suggest("moka pot r", locale="en")
        assert answered_by == "database" and [item.text for item in suggestions] == ["Moka pot renamed"]

    come_back()
    with override_settings(SEARCH=search_settings(url, prefix)):
        assert index_documents(url, prefix) != database_documents()  # the node missed the changes
        out = StringIO()
        call_command("search_index", "sync", "--no-progress", stdout=out)
        assert "0 remaining" in out.getvalue()
        assert not PendingIndexOperation.objects.exists()
        assert_index_matches_database(url, prefix)
        response = service.run_search(SearchRequest(text="published while", types=("page",)))
        assert response.backend == "elasticsearch" and [hit.title for hit in response.hits] == ["Published while the node was down"]
        status = StringIO()
        call_command("search_index", "status", stdout=status)
        expected = by_type(database_documents())
        for kind, ids in expected.items():
            assert [kind, str(len(ids)), str(len(ids))] in [line.split() for line in status.getvalue().splitlines()]


@pytest.fixture
def prefix(test_index_prefix, elasticsearch_url):
    yield test_index_prefix
    ElasticsearchSearchBackend(URL=elasticsearch_url, INDEX_PREFIX=test_index_prefix).drop_indices()


def test_node_unreachable_then_back_loses_nothing(elasticsearch_url, prefix, content, section, committing):
    run_scenario(elasticsearch_url, lambda: CLOSED_URL, lambda: None, prefix, content, section, committing)


# --- a real stop and start -------------------------------------------------------------------


def node_script(action, port, directory):
    environment = {**os.environ, "ES_PORT": str(port), "ES_DIR": directory, "ES_HEAP": os.environ.get("ES_RESTART_HEAP", "512m")}
    subprocess.run([str(REPO / "scripts" / "elasticsearch.sh"), action], check=True, env=environment, cwd=REPO,
                   stdout=subprocess.DEVNULL, timeout=300)


@pytest.fixture
def private_node(elasticsearch_url):
    """A second node of our own (port ES_RESTART_PORT, default 9271) that the test may stop."""
    if os.environ.get("ES_RESTART_ALLOWED") != "1" and not os.environ.get("CI"):
        pytest.skip("set ES_RESTART_ALLOWED=1 to start, stop and restart a private node (needs ~1 GB of memory; always on in CI)")
    port = int(os.environ.get("ES_RESTART_PORT", "9271"))
    directory = tempfile.mkdtemp(prefix="es-restart-")
    node_script("start", port, directory)
    yield f"http://127.0.0.1:{port}", lambda: node_script("stop", port, directory), lambda: node_script("start", port, directory)
    node_script("stop", port, directory)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.slow
def test_node_stopped_then_started_loses_nothing(private_node, test_index_prefix, content, section, committing):
    url, stop, start = private_node

    def go_down():
        stop()
        return url  # the same URL, nobody listening any more

    run_scenario(url, go_down, start, test_index_prefix, content, section, committing)
