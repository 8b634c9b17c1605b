"""/graphql by the GraphQL-over-HTTP specification: media types chosen by Accept, status codes
per media type, parameters from the URL for GET (whatever Content-Type a client sends with
it) and from the body for POST. The graphql-http package's audit checks the same on a live
server (tests/clients/audit.test.mjs)."""

import hashlib
import json

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from storefront_api import http_cache
from storefront_api.media_types import GRAPHQL_RESPONSE_JSON, JSON, response_media_type
from tests.storefront_api.accept import JSON_ACCEPT, MODERN_CLIENT_ACCEPT

SITE_NAME = "{ site { name } }"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (MODERN_CLIENT_ACCEPT, GRAPHQL_RESPONSE_JSON),  # Apollo Client 4
        ("application/graphql-response+json, application/graphql+json, application/json, text/event-stream, "
         "multipart/mixed", GRAPHQL_RESPONSE_JSON),  # urql
        ("application/graphql-response+json, application/json", GRAPHQL_RESPONSE_JSON),  # graphql-request
        ("application/json", JSON),
        ("*/*", JSON),
        (None, JSON),
        ("application/json, application/graphql-response+json", JSON),  # a tie goes to the first listed
        ("application/json;q=0.5, application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
        ("application/graphql-response+json;q=0, */*", JSON),
        ("application/graphql-response+json;q=oops, application/json", JSON),
        ("text/html", JSON),  # neither: the default
    ],
)
def test_the_media_type_follows_the_accept_header(accept, expected):
    headers = {"HTTP_ACCEPT": accept} if accept is not None else {}
    assert response_media_type(RequestFactory().get("/graphql", **headers)) == expected


def get(client, params, accept=MODERN_CLIENT_ACCEPT, **headers):
    """A GET as Apollo Client sends it: JSON parameters in the URL, and a Content-Type header."""
    encoded = {name: json.dumps(value) if name in ("variables", "extensions") else value for name, value in params.items()}
    return client.get("/graphql", encoded, HTTP_ACCEPT=accept, CONTENT_TYPE="application/json", **headers)


def post(client, body, accept=MODERN_CLIENT_ACCEPT):
    return client.post("/graphql", json.dumps(body), content_type="application/json", HTTP_ACCEPT=accept)


def test_a_get_with_a_json_content_type_and_no_body_runs(client, home):
    response = get(client, {"query": SITE_NAME})
    assert response.status_code == 200, response.content
    assert response.json()["data"] == {"site": {"name": "Test shop"}}


def test_a_hash_only_get_with_a_json_content_type_asks_for_the_query_text(client, home):
    """Apollo's persisted-queries link over GET: before the fix this got 400 "POST body sent
    invalid JSON." and the client never sent the text."""
    sha256 = hashlib.sha256(SITE_NAME.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256}}
    response = get(client, {"extensions": extensions, "operationName": "Site"})
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert post(client, {"query": SITE_NAME, "extensions": extensions}).status_code == 200
    response = get(client, {"extensions": extensions})
    assert response.json()["data"] == {"site": {"name": "Test shop"}}
    assert response["ETag"] and "public" in response["Cache-Control"]


def test_a_get_takes_variables_and_operation_name_from_the_url(client, home):
    query = "query Other { __typename } query Site($n: Int) { products(first: $n) { totalCount } }"
    response = get(client, {"query": query, "variables": {"n": 1}, "operationName": "Site"})
    assert response.json() == {"data": {"products": {"totalCount": 0}}, "extensions": {"cost": {"requested": 2, "limit": 1000000}}}


def test_the_response_is_labelled_with_the_media_type_the_client_prefers(client, home):
    modern = post(client, {"query": SITE_NAME})
    plain = post(client, {"query": SITE_NAME}, accept=JSON_ACCEPT)
    assert modern["Content-Type"] == GRAPHQL_RESPONSE_JSON
    assert plain["Content-Type"] == JSON
    assert modern.content == plain.content
    assert "Accept" in get(client, {"query": SITE_NAME})["Vary"].split(", ")


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        ("{", None, "Syntax Error"),
        ("{ site { nope } }", None, "Cannot query field 'nope'"),
        ("query($n: Int!) { products(first: $n) { totalCount } }", {"n": None}, "Variable '$n'"),
    ],
    ids=["syntax", "validation", "variable-coercion"],
)
def test_a_request_error_is_400_in_graphql_response_json_and_200_in_plain_json(client, home, query, variables, message):
    body = {"query": query, "variables": variables}
    modern, plain = post(client, body), post(client, body, accept=JSON_ACCEPT)
    assert (modern.status_code, plain.status_code) == (400, 200)
    for response in (modern, plain):
        answer = response.json()
        assert "data" not in answer
        assert message in answer["errors"][0]["message"]
        assert "no-store" in response["Cache-Control"]


def test_a_refused_limit_keeps_its_code_under_both_media_types(client, home):
    body = {"query": "{ products(first: 500) { totalCount } }"}
    modern, plain = post(client, body), post(client, body, accept=JSON_ACCEPT)
    assert (modern.status_code, plain.status_code) == (400, 200)
    assert modern.json() == plain.json()
    assert modern.json()["errors"][0]["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"


@pytest.mark.parametrize(
    ("query", "data", "field"),
    [
        ('{ site { name } product(sku: "a\\u0000b") { name } }', {"site": {"name": "Test shop"}, "product": None}, "sku"),
        # A non-null field's error makes `data` null: execution started all the same.
        ("{ site { name } stores(near: {latitude: 45.4, longitude: 9.2}, radiusKm: -1) { totalCount } }", None, "radiusKm"),
    ],
    ids=["data", "null-data"],
)
def test_a_field_error_after_execution_started_is_200_with_data_under_both(client, home, query, data, field):
    for response in (post(client, {"query": query}), post(client, {"query": query}, accept=JSON_ACCEPT)):
        assert response.status_code == 200
        answer = response.json()
        assert "data" in answer and answer["data"] == data
        assert answer["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": field}


@pytest.mark.parametrize("extensions", [0, False, ["array"], "text"])
def test_extensions_that_are_not_an_object_are_refused_naming_them(client, db, extensions):
    response = post(client, {"query": SITE_NAME, "extensions": extensions}, accept=JSON_ACCEPT)
    assert response.status_code == 400
    assert response.json()["errors"] == [{"message": "`extensions` must be a JSON object.", "extensions": {"code": "BAD_REQUEST"}}]


@pytest.mark.parametrize("name", ["variables", "extensions"])
def test_json_parameters_of_a_get_that_are_not_json_are_refused_naming_them(client, db, name):
    response = client.get("/graphql", {"query": SITE_NAME, name: "{oops"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"message": f"`{name}` is not valid JSON.", "extensions": {"code": "BAD_REQUEST"}}]


def test_variables_in_a_json_body_must_be_an_object_not_json_text(client, db):
    response = post(client, {"query": "query($n: Int) { __typename }", "variables": '{"n": 1}'})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "`variables` must be a JSON object."


def test_malformed_requests_are_400_under_both_media_types(client, db):
    for accept in (MODERN_CLIENT_ACCEPT, JSON_ACCEPT):
        not_json = client.post("/graphql", "{ oops", content_type="application/json", HTTP_ACCEPT=accept)
        no_query = post(client, {"qeury": SITE_NAME}, accept=accept)
        assert (not_json.status_code, no_query.status_code) == (400, 400)
        assert not_json.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}
        assert no_query.json()["errors"] == [{"message": "Must provide query string.", "extensions": {"code": "BAD_REQUEST"}}]
        assert not_json["Content-Type"] == response_media_type(RequestFactory().get("/", HTTP_ACCEPT=accept))


def test_a_mutation_over_get_is_405_and_labelled_like_any_answer(client, db):
    response = get(client, {"query": "mutation { __typename }"})
    assert response.status_code == 405
    assert response["Content-Type"] == GRAPHQL_RESPONSE_JSON
    assert "POST" in response["Allow"]


def test_rate_limited_and_too_large_answers_are_labelled_too(client, home, settings):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "RATE_LIMIT": "1/minute"}
    caches["default"].clear()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    too_large = post(client, {"query": SITE_NAME, "variables": {"padding": "x" * 200}})
    assert (too_large.status_code, too_large["Content-Type"]) == (413, GRAPHQL_RESPONSE_JSON)
    limited = post(client, {"query": SITE_NAME})
    assert (limited.status_code, limited["Content-Type"]) == (429, GRAPHQL_RESPONSE_JSON)
    assert limited.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def test_a_cached_get_is_served_in_each_clients_media_type(client, home, settings):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "RESPONSE_CACHE": True}
    caches["default"].clear()
    http_cache.SITE_IDS.clear()
    first = get(client, {"query": SITE_NAME})
    hit = get(client, {"query": SITE_NAME}, accept=JSON_ACCEPT)
    assert (first["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    assert (first["Content-Type"], hit["Content-Type"]) == (GRAPHQL_RESPONSE_JSON, JSON)
    assert first.content == hit.content
    assert get(client, {"query": SITE_NAME}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
