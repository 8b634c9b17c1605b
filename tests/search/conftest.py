"""Fixtures shared by the search tests.

``elasticsearch_url``: the URL of the real node for tests marked ``elasticsearch``. Without
ELASTICSEARCH_URL such tests are skipped locally (with how to start the node) and fail in CI
(env CI set), where the node must run.
"""

import os
import uuid

import pytest
from django.db import connection

START_HINT = "start it with: scripts/elasticsearch.sh start, then ELASTICSEARCH_URL=http://127.0.0.1:9200"


def pytest_configure(config):
    # The project's pyproject registers it too; registering here keeps --strict-markers happy
    # when these tests run on a checkout that has not got it yet.
    config.addinivalue_line("markers", "elasticsearch: needs a real Elasticsearch node (ELASTICSEARCH_URL)")
    config.addinivalue_line("markers", "slow: starts and stops processes (an Elasticsearch node of its own)")
    config.addinivalue_line("markers", "elasticsearch_cluster: starts Elasticsearch nodes of its own, kills and freezes them")


@pytest.fixture(scope="session")
def elasticsearch_url():
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"ELASTICSEARCH_URL is not set but CI must test on a real node: {START_HINT}")
        pytest.skip(START_HINT)
    return url


@pytest.fixture
def test_index_prefix():
    """An index prefix no other test run uses (concurrent runs share one node)."""
    return f"test{os.getpid()}_{uuid.uuid4().hex[:8]}"


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """``with committing(): ...`` runs the block, then its on-commit callbacks (the search
    index updates), as a real commit would. What the fixtures queued before is written first
    (as if their setup had committed)."""

    def block():
        commit_earlier_batches()
        return django_capture_on_commit_callbacks(execute=True)

    return block


def commit_earlier_batches():
    from search.indexing import Batch

    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, Batch) and not callback.done:
            callback()
