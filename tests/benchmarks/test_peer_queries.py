"""The benchmark's reads through our API stay valid queries within the production limits
(benchmarks/peers/ours.py), so `make bench` does not break silently when the schema changes."""

import pytest
from graphql import parse, validate

from benchmarks.peers.ours import QUERIES
from benchmarks.peers.workload import READ_NAMES
from storefront_api.schema import schema
from storefront_api.validation import validation_rules


def test_every_read_has_a_query():
    assert sorted(QUERIES) == sorted(READ_NAMES)


@pytest.mark.parametrize("read", READ_NAMES)
def test_query_is_valid_within_the_limits(read):
    costs = []
    errors = validate(schema.graphql_schema, parse(QUERIES[read]), validation_rules({}, costs.append))

    assert [error.message for error in errors] == []
    assert costs and costs[0].cost > 0
