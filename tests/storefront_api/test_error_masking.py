"""Unexpected errors reach clients as "Internal server error" with a request id, and the log
has them in full; expected errors keep their messages; no "Did you mean" when introspection
is off."""

import json
import logging
import uuid

import pytest
from django.test import override_settings
from graphql import GraphQLError

import storefront_api.site.schema

SECRET = "password=hunter2 at db.internal:5432"


@pytest.fixture
def failing_site(monkeypatch):
    def fail(site):
        raise RuntimeError(f"connection refused: {SECRET}")

    monkeypatch.setattr(storefront_api.site.schema, "site_locales", fail)


def test_unexpected_error_is_masked_and_logged_with_the_request_id(client, home, failing_site, caplog):
    with caplog.at_level(logging.ERROR, logger="storefront_api"):
        response = client.post("/graphql", {"query": "{ site { name } }"}, content_type="application/json")
    body = response.json()
    assert SECRET not in response.content.decode()
    [error] = body["errors"]
    request_id = response["X-Request-Id"]
    assert error["message"] == "Internal server error"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert error["path"] == ["site"]
    assert uuid.UUID(request_id)
    [record] = [record for record in caplog.records if record.name == "storefront_api"]
    assert request_id in record.getMessage()
    assert SECRET in str(record.exc_info[1])
    assert SECRET in caplog.text  # the traceback is in the log


def test_a_plain_graphql_error_from_a_resolver_is_masked_too(graphql, home, monkeypatch):
    def fail(site):
        raise GraphQLError(f"lookup failed: {SECRET}")

    monkeypatch.setattr(storefront_api.site.schema, "site_locales", fail)
    body = graphql("{ site { name } }")
    assert body["errors"][0]["message"] == "Internal server error"
    assert SECRET not in json.dumps(body)


@pytest.mark.parametrize(
    "request_body, name",
    [
        ({"query": 42}, "query"),
        ({"query": "{ __typename }", "variables": [1]}, "variables"),
        ({"query": "{ __typename }", "operationName": 1}, "operationName"),
    ],
)
def test_malformed_parameters_are_refused_naming_them(client, db, request_body, name):
    response = client.post("/graphql", request_body, content_type="application/json")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert error["message"].startswith(f"`{name}` must be")


def test_masking_does_not_depend_on_debug(client, home, failing_site):
    with override_settings(DEBUG=True):
        response = client.post("/graphql", {"query": "{ site { name } }"}, content_type="application/json")
    assert SECRET not in response.content.decode()
    assert response.json()["errors"][0]["message"] == "Internal server error"


def test_details_shown_only_when_configured_still_with_the_code(client, home, failing_site):
    with override_settings(STOREFRONT_API={"SHOW_ERROR_DETAILS": True}):
        response = client.post("/graphql", {"query": "{ site { name } }"}, content_type="application/json")
    error = response.json()["errors"][0]
    assert SECRET in error["message"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


def test_a_sane_incoming_request_id_is_kept(client, home, failing_site):
    response = client.post(
        "/graphql", {"query": "{ site { name } }"}, content_type="application/json", HTTP_X_REQUEST_ID="edge-7f3a.42"
    )
    assert response["X-Request-Id"] == "edge-7f3a.42"
    assert response.json()["errors"][0]["extensions"]["requestId"] == "edge-7f3a.42"


@pytest.mark.parametrize("incoming", ["has space", "x" * 129, "semi;colon", "ünïcode"])
def test_an_odd_incoming_request_id_is_replaced(client, db, incoming):
    response = client.post(
        "/graphql", {"query": "{ __typename }"}, content_type="application/json", HTTP_X_REQUEST_ID=incoming
    )
    assert response["X-Request-Id"] != incoming
    assert uuid.UUID(response["X-Request-Id"])


def test_expected_errors_keep_their_message_and_code(graphql, home):
    body = graphql('{ page(previewToken: "not-a-token") { title } }')
    error = body["errors"][0]
    assert error["extensions"] == {"code": "PREVIEW_TOKEN_INVALID", "field": "previewToken"}
    assert error["message"] != "Internal server error"


def test_did_you_mean_is_removed_when_introspection_is_off(graphql, db):
    with override_settings(STOREFRONT_API={"INTROSPECTION": False}):
        body = graphql("{ site { nam } }")
    assert body["errors"][0]["message"] == "Cannot query field 'nam' on type 'Site'."


def test_did_you_mean_is_removed_from_variable_errors_too(graphql, db):
    query = """query($format: ImageFormat) { page(path: "/") {
      ... on HomePage { heroImage { rendition(width: 320, format: $format) { url } } } } }"""
    with override_settings(STOREFRONT_API={"INTROSPECTION": False}):
        body = graphql(query, {"format": "WEBB"})
    message = body["errors"][0]["message"]
    assert "WEBB" in message and "Did you mean" not in message and "WEBP" not in message


def test_did_you_mean_is_kept_when_introspection_is_on(graphql, db):
    with override_settings(STOREFRONT_API={"INTROSPECTION": True}):
        body = graphql("{ site { nam } }")
    assert "Did you mean 'name'?" in body["errors"][0]["message"]
