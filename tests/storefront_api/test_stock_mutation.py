"""stockBatchIngest: the GraphQL way for store systems to send stock (same rules as the HTTP API)."""

from tests.cms.catalog.stock_fixtures import levels, make_key, products, row, stores  # noqa: F401

INGEST = """mutation($key: String!, $policy: StockErrorPolicy, $rows: [StockRowInput!]!) {
  stockBatchIngest(idempotencyKey: $key, errorPolicy: $policy, rows: $rows) {
    outcome applied unchanged stale rejected staleRows replayed errors { row field code message } } }"""


def graphql_row(**kwargs):
    raw = row(**kwargs)
    return {"store": raw["store"], "sku": raw["sku"], "quantity": raw["quantity"], "sourceUpdatedAt": raw["source_updated_at"]}


def ingest(graphql, plain_key, key, rows, policy=None):
    variables = {"key": key, "rows": rows, **({"policy": policy} if policy else {})}
    extra = {"HTTP_AUTHORIZATION": f"Bearer {plain_key}"} if plain_key else {}
    return graphql(INGEST, variables, **extra)


def test_a_batch_is_applied_and_its_replay_changes_nothing(graphql, stores, products, make_key):
    _api_key, plain = make_key(stores=[stores["milano"]])
    batch = [graphql_row(quantity=7), graphql_row(sku="MOKA-3", quantity=2)]
    first = ingest(graphql, plain, "batch-1", batch)
    assert "errors" not in first, first
    assert first["data"]["stockBatchIngest"]["applied"] == 2
    assert levels()[("milano", "KETTLE-1")][0] == 7
    again = ingest(graphql, plain, "batch-1", batch)
    assert again["data"]["stockBatchIngest"]["replayed"] is True
    assert again["data"]["stockBatchIngest"]["applied"] == 2  # the first answer, nothing applied twice
    conflicting = ingest(graphql, plain, "batch-1", [graphql_row(quantity=99)])
    assert conflicting["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_CONFLICT"
    assert levels()[("milano", "KETTLE-1")][0] == 7


def test_an_older_report_is_stale_and_not_applied(graphql, stores, products, make_key):
    _api_key, plain = make_key(stores=[stores["milano"]])
    ingest(graphql, plain, "new", [graphql_row(quantity=7, at="2026-03-01T10:00:00+01:00")])
    body = ingest(graphql, plain, "old", [graphql_row(quantity=1, at="2026-03-01T09:00:00+01:00")])
    assert body["data"]["stockBatchIngest"]["stale"] == 1
    assert body["data"]["stockBatchIngest"]["staleRows"] == [1]
    assert levels()[("milano", "KETTLE-1")][0] == 7


def test_without_a_key_nothing_is_written(graphql, stores, products):
    body = ingest(graphql, None, "batch-1", [graphql_row()])
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert levels() == {}


def test_partial_policy_applies_the_rows_in_scope_and_names_the_others(graphql, stores, products, make_key):
    _api_key, plain = make_key(stores=[stores["milano"]])
    body = ingest(graphql, plain, "mixed", [graphql_row(), graphql_row(store="roma")], policy="PARTIAL")
    result = body["data"]["stockBatchIngest"]
    assert (result["applied"], result["rejected"]) == (1, 1)
    assert result["errors"][0]["row"] == 2 and result["errors"][0]["code"] == "forbidden_store"
    assert list(levels()) == [("milano", "KETTLE-1")]


def test_a_mutation_over_get_is_refused(client, stores):
    response = client.get("/graphql", {"query": 'mutation { stockBatchIngest(idempotencyKey: "x", rows: []) { applied } }'})
    assert response.status_code == 405
