"""Fixtures for tests on a real Elasticsearch node: a backend on indices of its own (a prefix
unique to the test), deleted afterwards. Used by the Elasticsearch backend and locator tests."""

import os
import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchSearchBackend


def elasticsearch_url_or_skip():
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("ELASTICSEARCH_URL is not set: CI must run a node (scripts/elasticsearch.sh start).")
        pytest.skip("start it with: scripts/elasticsearch.sh start, then ELASTICSEARCH_URL=http://127.0.0.1:9200")
    return url


@pytest.fixture
def es_backend():
    backend = ElasticsearchSearchBackend(
        URL=elasticsearch_url_or_skip(),
        INDEX_PREFIX=f"test{os.getpid()}_{uuid.uuid4().hex[:8]}",
        SWAP_GRACE=0.2,
        CHUNK_SIZE=50,
    )
    backend.ensure_index(["en", "it"])
    yield backend
    backend.drop_indices()
