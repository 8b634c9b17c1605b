"""The Elasticsearch store locator passes the locator contract; it answers from the database
when the node cannot be reached."""

from decimal import Decimal

import pytest

from cms.stores.models import StorePage
from search.backends.base import DocumentRef
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.documents import Context, store_document
from search.locator import ElasticsearchStoreLocator
from tests.factories import StorePageFactory
from tests.search.conftest import elasticsearch_url, test_index_prefix  # noqa: F401 - fixtures
from tests.search.es_fixtures import es_backend  # noqa: F401 - a fixture

from .locator_contract import MILAN, StoreLocatorContract, titles


def index_stores(backend):
    """Brings the index up to date with every store page in the database."""
    documents, gone = [], []
    context = Context()
    for store in StorePage.objects.prefetch_related("services"):
        document = store_document(store, context)
        if document is None:
            gone.append(DocumentRef("store", store.pk))
        else:
            documents.append(document)
    backend.index(documents)
    backend.delete(gone)
    backend.refresh()


@pytest.mark.elasticsearch
class TestElasticsearchStoreLocator(StoreLocatorContract):
    @pytest.fixture
    def locator(self, es_backend):  # noqa: F811 - the imported fixture
        return ElasticsearchStoreLocator(backend=es_backend)

    def prepare(self, locator):
        index_stores(locator.backend)

    def test_a_store_unpublished_since_it_was_indexed_is_not_found(self, nearby, locator, place):
        place("Monza")
        duomo = place("Milano Duomo")
        assert titles(nearby(MILAN, 50)) == ["Milano Duomo", "Monza"]
        duomo.unpublish()
        # Still in the index (nothing re-indexed it), but no longer among the live stores.
        assert titles(locator.nearby(MILAN, 50)) == ["Monza"]


def test_an_unreachable_node_means_the_database_answers(store_index):
    StorePageFactory(parent=store_index, title="Duomo", latitude=Decimal("45.464211"), longitude=Decimal("9.191383"))
    locator = ElasticsearchStoreLocator(backend=ElasticsearchSearchBackend(URL="http://127.0.0.1:1", TIMEOUT=1))
    assert titles(locator.nearby(MILAN, 10)) == ["Duomo"]
