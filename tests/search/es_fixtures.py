"""The ``es_backend`` fixture: an Elasticsearch backend on the real node, on indices of its
own (a prefix unique to the test, see conftest's ``test_index_prefix``), deleted afterwards.
Used by the Elasticsearch backend tests and the Elasticsearch store locator tests."""

import pytest

from search.backends.elasticsearch import ElasticsearchSearchBackend


@pytest.fixture
def es_backend(elasticsearch_url, test_index_prefix):
    # TIMEOUT: these tests are about what the backend answers, on a shared and busy machine
    # (tests/search/test_cluster.py is about nodes that do not answer).
    backend = ElasticsearchSearchBackend(
        URL=elasticsearch_url, INDEX_PREFIX=test_index_prefix, SWAP_GRACE=0.2, CHUNK_SIZE=50, TIMEOUT=5
    )
    backend.ensure_index(["en", "it"])
    yield backend
    backend.drop_indices()
