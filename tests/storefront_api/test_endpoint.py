import json

from django.test import override_settings

INTROSPECTION = "{ __schema { queryType { name } } }"


def test_introspection_is_refused_when_off(graphql, home):
    with override_settings(STOREFRONT_API={"INTROSPECTION": False}):
        body = graphql(INTROSPECTION)
    assert "data" not in body or body["data"] is None
    assert "introspection" in body["errors"][0]["message"].lower()


def test_introspection_answers_when_configured(graphql, home):
    with override_settings(STOREFRONT_API={"INTROSPECTION": True}):
        body = graphql(INTROSPECTION)
    assert body["data"] == {"__schema": {"queryType": {"name": "Query"}}}


def test_standard_validation_still_rejects_unknown_fields(graphql, home):
    body = graphql("{ home { title noSuchField } }")
    assert body["status"] == 400
    assert "noSuchField" in body["errors"][0]["message"]


def test_a_body_over_the_limit_gets_the_apis_json_error(client, home, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"query": "{ site { name } }", "variables": {"padding": "x" * 2000}})
    response = client.post("/graphql", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "REQUEST_TOO_LARGE"}
    assert "1000 bytes" in error["message"]
