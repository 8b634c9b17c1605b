import json

import pytest

from tests.storefront_api.accept import MODERN_CLIENT_ACCEPT


@pytest.fixture
def graphql(client):
    """POST a GraphQL query as a current client does; returns the decoded response body (data
    and errors) with the HTTP status under "status"."""

    def run(query, variables=None, **extra):
        extra.setdefault("HTTP_ACCEPT", MODERN_CLIENT_ACCEPT)
        response = client.post(
            "/graphql", data=json.dumps({"query": query, "variables": variables or {}}), content_type="application/json", **extra
        )
        expected = "application/graphql-response+json" if extra["HTTP_ACCEPT"] == MODERN_CLIENT_ACCEPT else "application/json"
        assert response["Content-Type"] == expected, response.content[:200]
        body = response.json()
        body["status"] = response.status_code
        return body

    return run
