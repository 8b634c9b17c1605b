"""Limits on one operation and on batches: each exactly at its limit passes, one over is
refused with a 400 naming the limit and the value, before anything runs (under
application/graphql-response+json, which current clients ask for; plain application/json
gets the same errors with a 200, as the GraphQL-over-HTTP specification asks)."""

import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from graphql import get_introspection_query

from tests.storefront_api.accept import JSON_ACCEPT, MODERN_CLIENT_ACCEPT


def nested_parents(depth):
    """`{ page { parent { … { title } } } }`: ``depth`` levels of fields, cost ``depth``."""
    parents = depth - 2
    return '{ page(path: "/") { ' + "parent { " * parents + "title" + " }" * parents + " } }"


def aliased(count, field="__typename"):
    return "{ " + " ".join(f"a{index}: {field}" for index in range(count)) + " }"


def only_error(body, code):
    assert body["status"] == 400, body
    assert "data" not in body
    assert [error["extensions"]["code"] for error in body["errors"]] == [code]
    return body["errors"][0]


PRODUCT_SKUS = "query($first: Int) { products(first: $first) { edges { node { sku } } } }"


def product_skus_cost(first):
    # products 1 + first × (edges 1 + node 1 + sku 1); a connection's edges are not multiplied again
    return 1 + first * 3


def padded(length):
    """`{ __typename }` padded with spaces to ``length`` characters."""
    return "{ __typename" + " " * (length - len("{ __typename}")) + "}"


def test_query_length_at_the_limit_passes_and_one_more_character_is_refused(graphql, db):
    assert graphql(padded(20_000))["status"] == 200
    error = only_error(graphql(padded(20_001)), "QUERY_TOO_LARGE")
    assert error["message"] == "Query length 20001 exceeds the limit of 20000 (MAX_QUERY_LENGTH)."


@pytest.mark.parametrize("setting", [12, 5])
def test_depth_at_the_limit_passes_and_one_more_level_is_refused(graphql, home, setting):
    with override_settings(STOREFRONT_API={"MAX_DEPTH": setting}):
        assert graphql(nested_parents(setting))["status"] == 200
        error = only_error(graphql(nested_parents(setting + 1)), "QUERY_TOO_DEEP")
    assert error["message"] == f"Query depth {setting + 1} exceeds the limit of {setting} (MAX_DEPTH)."
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "setting": "MAX_DEPTH", "value": setting + 1, "limit": setting}


def test_default_depth_fits_the_deepest_documented_query(graphql, home):
    # story → body blocks → product callout → product → availability → store → address → country
    query = """{ page(path: "/stories/") { children(first: 1) { edges { node { ... on ProductStoryPage {
      body { ... on ProductCalloutBlock { product { availability(near: {latitude: 45.46, longitude: 9.19}) {
        store { address { country { name } } } } } } } } } } } } }"""
    body = graphql(query)
    assert body["status"] == 200, body


def test_depth_counts_fields_inside_fragments(graphql, home):
    query = '{ page(path: "/") { ...Chain } } fragment Chain on Page { parent { parent { parent { title } } } }'
    with override_settings(STOREFRONT_API={"MAX_DEPTH": 5}):
        assert graphql(query)["status"] == 200
    with override_settings(STOREFRONT_API={"MAX_DEPTH": 4}):
        only_error(graphql(query), "QUERY_TOO_DEEP")


def test_aliases_at_the_limit_pass_and_one_more_is_refused(graphql, db):
    assert graphql(aliased(30))["status"] == 200
    error = only_error(graphql(aliased(31)), "TOO_MANY_ALIASES")
    assert error["message"] == "Alias count 31 exceeds the limit of 30 (MAX_ALIASES)."


def test_aliases_count_once_per_fragment_spread(graphql, db):
    fragment = "fragment Many on Query { " + " ".join(f"a{index}: __typename" for index in range(16)) + " }"
    assert graphql("{ ...Many } " + fragment)["status"] == 200
    error = only_error(graphql("{ ...Many ... on Query { ...Many } } " + fragment), "TOO_MANY_ALIASES")
    assert "32" in error["message"]


def test_cost_at_the_limit_passes_and_one_more_is_refused(graphql, home):
    limit = product_skus_cost(10)
    with override_settings(STOREFRONT_API={"MAX_COST": limit}):
        body = graphql(PRODUCT_SKUS, {"first": 10})
        assert body["status"] == 200, body
        assert body["extensions"] == {"cost": {"requested": limit, "limit": limit}}
    with override_settings(STOREFRONT_API={"MAX_COST": limit - 1}):
        body = graphql(PRODUCT_SKUS, {"first": 10})
    error = only_error(body, "QUERY_TOO_COSTLY")
    assert error["message"] == f"Query cost {limit} exceeds the limit of {limit - 1} (MAX_COST)."
    assert body["extensions"] == {"cost": {"requested": limit, "limit": limit - 1}}


def test_cost_multiplies_by_the_default_page_size_without_first(graphql, home):
    body = graphql("{ products { edges { node { sku } } } }")
    assert body["extensions"]["cost"] == {"requested": product_skus_cost(20), "limit": 1_000_000}


def test_cost_multiplies_plain_lists_by_the_default_page_size(graphql, home):
    # stores 1 + 2 × (edges 1 + node 1 + services (1 + 20 × code 1))
    body = graphql("{ stores(first: 2) { edges { node { services { code } } } } }")
    assert body["extensions"]["cost"]["requested"] == 1 + 2 * (1 + 1 + 21)


def test_cost_uses_an_argument_default(graphql, home):
    # availability's `first` defaults to 20 in the schema
    query = '{ product(sku: "none") { availability(near: {latitude: 0, longitude: 0}) { distanceKm } } }'
    assert graphql(query)["extensions"]["cost"]["requested"] == 1 + (1 + 20 * 1)


def test_a_refused_operation_runs_no_sql(graphql, home):
    with override_settings(STOREFRONT_API={"MAX_COST": 10}), CaptureQueriesContext(connection) as queries:
        only_error(graphql(PRODUCT_SKUS, {"first": 10}), "QUERY_TOO_COSTLY")
    assert len(queries) == 0


@pytest.mark.parametrize("argument", ["first", "last"])
def test_page_size_at_the_limit_passes_and_one_more_is_refused(graphql, home, argument):
    query = f"query($size: Int) {{ products({argument}: $size) {{ totalCount }} }}"
    assert graphql(query, {"size": 100})["status"] == 200
    error = only_error(graphql(query, {"size": 101}), "PAGE_SIZE_TOO_LARGE")
    assert error["message"] == f"Page size `{argument}: 101` on `products` exceeds the limit of 100 (MAX_PAGE_SIZE)."
    assert error["extensions"]["field"] == argument


def test_page_size_is_checked_in_literals_and_on_every_paginated_field(graphql, home):
    query = '{ product(sku: "x") { availability(near: {latitude: 0, longitude: 0}, first: 101) { distanceKm } } }'
    only_error(graphql(query), "PAGE_SIZE_TOO_LARGE")


def test_unknown_field_is_still_rejected_alongside_the_limits(graphql, db):
    body = graphql("{ noSuchField " + " ".join(f"a{index}: __typename" for index in range(31)) + " }")
    assert body["status"] == 400
    messages = [error["message"] for error in body["errors"]]
    assert any("noSuchField" in message for message in messages)
    assert any("MAX_ALIASES" in message for message in messages)


def test_fragment_cycles_are_reported_not_followed_forever(graphql, db):
    body = graphql("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")
    assert body["status"] == 400
    assert any("cannot spread fragment" in error["message"].lower() for error in body["errors"])


def test_introspection_when_configured_is_not_measured(graphql, db):
    with override_settings(STOREFRONT_API={"INTROSPECTION": True}):
        body = graphql(get_introspection_query())
    assert body["status"] == 200
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def post_batch(client, operations, accept=MODERN_CLIENT_ACCEPT):
    response = client.post("/graphql", data=json.dumps(operations), content_type="application/json", HTTP_ACCEPT=accept)
    return response.status_code, response.json()


def test_batch_runs_each_operation_in_order(client, home):
    products = {"query": "query($n: Int) { products(first: $n) { totalCount } }", "variables": {"n": 1}}
    status, body = post_batch(client, [{"query": "{ site { name } }"}, products])
    assert status == 200
    assert body[0]["data"] == {"site": {"name": "Test shop"}}
    assert body[1]["data"] == {"products": {"totalCount": 0}}


def test_batch_at_the_limit_passes_and_one_more_is_refused(client, db):
    status, body = post_batch(client, [{"query": "{ __typename }"}] * 10)
    assert status == 200 and len(body) == 10
    status, body = post_batch(client, [{"query": "{ __typename }"}] * 11)
    assert status == 400
    assert body["errors"] == [
        {"message": "Batch of 11 operations exceeds the limit of 10 (MAX_BATCH).", "extensions": {"code": "BATCH_TOO_LARGE"}}
    ]


def test_500_batched_operations_are_refused_without_running_any(client, db):
    with CaptureQueriesContext(connection) as queries:
        status, body = post_batch(client, [{"query": "{ site { name } }"}] * 500)
    assert status == 400
    assert body["errors"][0]["extensions"]["code"] == "BATCH_TOO_LARGE"
    assert "500" in body["errors"][0]["message"]
    assert len(queries) == 0


def test_a_refused_operation_in_a_batch_fails_the_batch_status_not_the_others(client, home):
    status, body = post_batch(client, [{"query": "{ site { name } }"}, {"query": aliased(31)}])
    assert status == 400
    assert body[0]["data"] == {"site": {"name": "Test shop"}}
    assert body[1]["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"


def test_a_refused_operation_in_a_batch_of_plain_json_is_answered_200_as_the_specification_asks(client, home):
    status, body = post_batch(client, [{"query": "{ site { name } }"}, {"query": aliased(31)}], accept=JSON_ACCEPT)
    assert status == 200
    assert body[0]["data"] == {"site": {"name": "Test shop"}}
    assert body[1]["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES" and "data" not in body[1]


def test_empty_batch_is_refused(client, db):
    status, body = post_batch(client, [])
    assert status == 400 and body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def repeated(count, field="site { name }"):
    return "{ " + " ".join([field] * count) + " }"


def test_a_field_repeated_up_to_the_limit_passes_and_once_more_is_refused(graphql, home):
    assert graphql(repeated(20))["status"] == 200
    error = only_error(graphql(repeated(21)), "TOO_MANY_REPEATED_FIELDS")
    assert error["message"] == "`site` is selected 21 times in one selection set; the limit is 20 (MAX_REPEATED_FIELDS)."
    assert error["extensions"]["value"] == 21 and error["extensions"]["limit"] == 20


def test_repetitions_count_through_inline_fragments_and_fragment_spreads(graphql, home):
    inline = "{ " + " ".join(["... on Query { site { name } }"] * 21) + " }"
    only_error(graphql(inline), "TOO_MANY_REPEATED_FIELDS")
    spreads = "{ " + "...Site " * 21 + "} fragment Site on Query { site { name } }"
    assert "`...Site` is selected 21 times" in only_error(graphql(spreads), "TOO_MANY_REPEATED_FIELDS")["message"]
    nested = "{ site { " + "name " * 21 + "} }"
    only_error(graphql(nested), "TOO_MANY_REPEATED_FIELDS")


def test_hundreds_of_conflicting_copies_are_refused_by_the_repetition_limit(graphql, db):
    # 500 copies made graphql-core's merge check compare pairs for about a second before it
    # gave up with "Validation aborted." (no code); the linear walk refuses them first.
    query = "{ " + " ".join(f"products(first: {index % 100}) {{ totalCount }}" for index in range(500)) + " }"
    assert len(query) < 20_000
    only_error(graphql(query), "TOO_MANY_REPEATED_FIELDS")
