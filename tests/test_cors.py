"""CORS (django-cors-headers): pages on the configured origins may call /graphql from the
browser and read the theme CSS, QR codes, image renditions and media frontends load from us;
other origins get no CORS headers, and nothing else on the site is shared. A real browser
checks the same in tests/clients/cors.test.mjs."""

import pytest
from django.test import override_settings
from wagtail.models import Site

from storefront_api.images.renditions import serve_url
from tests.factories import StorePageFactory
from themes.models import Theme

SHOP = "https://shop.example.com"
# What Apollo Client sends with a query (its persisted-queries link adds nothing more).
APOLLO_HEADERS = "content-type,apollographql-client-name,apollographql-client-version"

pytestmark = pytest.mark.usefixtures("allowed_shop")


@pytest.fixture
def allowed_shop():
    with override_settings(CORS_ALLOWED_ORIGINS=[SHOP]):
        yield


def preflight(client, path, origin=SHOP, method="POST", headers=APOLLO_HEADERS):
    return client.options(
        path, HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD=method, HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers
    )


def vary(response):
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


def test_a_preflight_from_an_allowed_origin_allows_what_clients_send(client, db):
    response = preflight(client, "/graphql", headers=APOLLO_HEADERS + ",apollo-require-preflight,x-apollo-operation-name")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == SHOP
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "POST", "OPTIONS"}
    allowed = set(response["Access-Control-Allow-Headers"].split(", "))
    assert {"content-type", "authorization", "apollographql-client-name", "apollographql-client-version",
            "apollo-require-preflight", "x-apollo-operation-name"} <= allowed
    assert int(response["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response
    assert "origin" in vary(response)


def test_an_origin_not_listed_gets_no_cors_headers(client, home):
    for response in (
        preflight(client, "/graphql", origin="https://evil.example"),
        client.get("/graphql", {"query": "{ site { name } }"}, HTTP_ORIGIN="https://evil.example"),
        client.get("/graphql", {"query": "{ site { name } }"}, HTTP_ORIGIN=SHOP + ":8443"),
    ):
        assert "Access-Control-Allow-Origin" not in response
        assert "origin" in vary(response)  # the answer depends on the origin, for caches too


def test_a_query_from_an_allowed_origin_is_readable_with_its_cache_headers(client, home):
    response = client.get("/graphql", {"query": "{ site { name } }"}, HTTP_ORIGIN=SHOP)
    assert response.json()["data"] == {"site": {"name": "Test shop"}}
    assert response["Access-Control-Allow-Origin"] == SHOP
    assert {"ETag", "X-Request-Id"} <= set(response["Access-Control-Expose-Headers"].split(", "))
    assert "Access-Control-Allow-Credentials" not in response
    assert {"origin", "accept"} <= vary(response)
    post = client.post("/graphql", {"query": "{ site { name } }"}, content_type="application/json", HTTP_ORIGIN=SHOP)
    assert post["Access-Control-Allow-Origin"] == SHOP


def test_what_frontends_load_from_us_is_shared_with_allowed_origins(client, home, store_index, image):
    theme = Theme(site=Site.objects.get(), slug="everyday", name="Everyday", is_default=True)
    theme.full_clean()
    theme.save()
    store = StorePageFactory(parent=store_index, slug="milano")
    rendition = client.get(serve_url(image, "width-160"), HTTP_ORIGIN=SHOP)
    assert rendition.status_code == 302
    for response in (
        client.get("/themes/active.css", HTTP_ORIGIN=SHOP),
        client.get("/themes/everyday.css", HTTP_ORIGIN=SHOP),
        client.get(f"/qr/store/{store.pk}.svg", HTTP_ORIGIN=SHOP),
        rendition,
        preflight(client, "/themes/everyday.css", method="GET", headers=""),
    ):
        assert response.status_code in (200, 302), response
        assert response["Access-Control-Allow-Origin"] == SHOP
        assert "origin" in vary(response)


def test_the_rest_of_the_site_is_not_shared(client, home):
    for path in ("/admin/login/", "/en/", "/graphqlx", "/api/stock/batches"):
        response = client.get(path, HTTP_ORIGIN=SHOP)
        assert "Access-Control-Allow-Origin" not in response, path
    assert "Access-Control-Allow-Origin" not in preflight(client, "/api/stock/batches")
