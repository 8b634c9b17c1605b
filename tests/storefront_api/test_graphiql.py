import re

from django.contrib.staticfiles import finders
from django.test import override_settings


def test_graphiql_loads_every_asset_from_this_project(client, db):
    with override_settings(STOREFRONT_API={"GRAPHIQL": True, "INTROSPECTION": True}):
        response = client.get("/graphql", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert urls, "the page loads its scripts and styles"
    for url in urls:
        assert url.startswith("/static/"), f"{url} is not served by this project"
        assert finders.find(url.removeprefix("/static/")), f"{url} is missing from the static files"


def test_graphiql_is_off_unless_configured(client, db):
    response = client.get("/graphql", HTTP_ACCEPT="text/html")
    assert response.status_code == 400  # no query, and no GraphiQL page in the test settings
