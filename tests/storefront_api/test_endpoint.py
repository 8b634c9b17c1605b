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
