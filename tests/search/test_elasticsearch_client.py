"""How the Elasticsearch backend talks to its nodes, without a node: the options (every node's
URL, timeouts, replicas, breakers), a retry on another node, and the circuit breakers in front
of searches and index writes. "Nodes" are closed ports on 127.0.0.1: the real client gets
connection refused at once."""

import logging
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from search import service
from search.backends.base import SearchRequest, SearchUnavailable
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.backends.es_mapping import replica_settings
from search.models import PendingIndexOperation
from tests.factories import GiftGuidePageFactory
from tests.search.conftest import commit_earlier_batches
from tests.search.test_indexing import CLOSED_PORT

TWO_CLOSED_PORTS = "http://127.0.0.1:1, http://127.0.0.1:2"
BREAKING = {**CLOSED_PORT, "OPTIONS": {**CLOSED_PORT["OPTIONS"], "BREAKER_FAILURES": 2, "BREAKER_COOLDOWN": 60}}


def requests_sent(caplog):
    """The nodes asked, one per attempt, from the client's own log lines."""
    return re.findall(r"(?:GET|POST|PUT|DELETE|HEAD) (http://127\.0\.0\.1:\d+)/\S* \[status:", caplog.text)


@pytest.fixture
def transport_log(caplog):
    caplog.set_level(logging.INFO, logger="elastic_transport.transport")
    caplog.set_level(logging.INFO, logger="search.breaker")
    return caplog


def test_every_node_of_a_cluster_and_one_retry_per_other_node():
    backend = ElasticsearchSearchBackend(URL=TWO_CLOSED_PORTS)
    assert backend.urls == ["http://127.0.0.1:1", "http://127.0.0.1:2"]
    assert (backend.max_retries, backend.timeout, backend.replicas) == (1, 0.5, "auto")
    assert ElasticsearchSearchBackend(URL=["http://a:9200"]).max_retries == 0
    assert ElasticsearchSearchBackend(URL=TWO_CLOSED_PORTS, MAX_RETRIES=0).max_retries == 0


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"URL": " , "}, 'SEARCH["OPTIONS"]["URL"] (ELASTICSEARCH_URL)'),
        ({"TIMEOUT": 0}, 'SEARCH["OPTIONS"]["TIMEOUT"] (SEARCH_TIMEOUT)'),
        ({"REPLICAS": "two"}, 'SEARCH["OPTIONS"]["REPLICAS"] (SEARCH_INDEX_REPLICAS)'),
        ({"REPLICAS": -1}, 'SEARCH["OPTIONS"]["REPLICAS"] (SEARCH_INDEX_REPLICAS)'),
        ({"BREAKER_FAILURES": 0}, 'SEARCH["OPTIONS"]["BREAKER_FAILURES"] (SEARCH_BREAKER_FAILURES)'),
        ({"BREAKER_COOLDOWN": "soon"}, 'SEARCH["OPTIONS"]["BREAKER_COOLDOWN"] (SEARCH_BREAKER_COOLDOWN)'),
    ],
)
def test_a_bad_option_is_named(options, named):
    with pytest.raises(ImproperlyConfigured) as error:
        ElasticsearchSearchBackend(**{"URL": "http://127.0.0.1:1", **options})
    assert str(error.value).startswith(named)


def test_replicas_auto_follow_the_cluster_and_a_number_is_kept():
    assert replica_settings("auto") == {"auto_expand_replicas": "0-1"}
    assert replica_settings(2) == {"number_of_replicas": 2, "auto_expand_replicas": "false"}
    assert ElasticsearchSearchBackend(URL="http://a:9200", REPLICAS="0").replicas == 0


def test_a_node_that_refuses_is_left_for_the_next_one_within_the_same_request(transport_log):
    backend = ElasticsearchSearchBackend(URL=TWO_CLOSED_PORTS, INDEX_PREFIX="unreachable", BREAKER_FAILURES=10)
    with pytest.raises(SearchUnavailable):
        backend.search(SearchRequest(text="coffee"))
    assert sorted(requests_sent(transport_log)) == ["http://127.0.0.1:1", "http://127.0.0.1:2"]


@override_settings(SEARCH=BREAKING)
def test_once_the_breaker_opens_searches_are_answered_by_the_database_without_asking(locales, transport_log):
    before = service.fallbacks["search"]
    for _ in range(6):
        assert service.run_search(SearchRequest(text="moka")).backend == "database"
        assert service.run_suggest("mo", locale="en")[1] == "database"
    assert service.fallbacks["search"] == before + 6
    assert len(requests_sent(transport_log)) == 2  # the two failures that opened it; then nobody was asked
    warnings = [record.getMessage() for record in transport_log.records if record.name == "search.service"]
    assert len(warnings) == 2  # one per failed request, none per request answered while open
    opened = [record.getMessage() for record in transport_log.records if record.name == "search.breaker"]
    assert len(opened) == 1 and "searches: circuit breaker opened after 2 consecutive failures" in opened[0]
    assert service.get_search_backend().breakers["index writes"].state == "closed"


def test_once_the_breaker_opens_publishing_records_the_writes_without_asking(committing, section, transport_log):
    commit_earlier_batches()  # the fixtures' pages, into the database backend
    guides = []
    with override_settings(SEARCH=BREAKING):
        for number in range(4):
            with committing():
                guides.append(GiftGuidePageFactory.with_products(section, [], title=f"Guide {number}"))
        backend = service.get_search_backend()
        assert backend.breakers["index writes"].state == "open" and backend.breakers["searches"].state == "closed"
    assert all(guide.live for guide in guides)
    sent = requests_sent(transport_log)
    assert len(sent) == 2, sent  # the first two publishes asked (and failed); the others did not
    errors = [PendingIndexOperation.objects.get(ref_type="page", ref_id=guide.pk).last_error for guide in guides]
    assert [error.split(":")[0] for error in errors] == ["SearchUnavailable", "SearchUnavailable", "CircuitOpen", "CircuitOpen"]
    assert "circuit breaker for index writes is open" in errors[-1]
