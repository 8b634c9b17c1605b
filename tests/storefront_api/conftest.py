import json

import pytest


@pytest.fixture
def graphql(client):
    """POST a GraphQL query; returns the decoded response body (data and errors)."""

    def run(query, variables=None, **extra):
        response = client.post(
            "/graphql", data=json.dumps({"query": query, "variables": variables or {}}), content_type="application/json", **extra
        )
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        body = response.json()
        body["status"] = response.status_code
        return body

    return run
