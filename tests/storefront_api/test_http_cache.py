"""HTTP caching of GET /graphql: ETag, Cache-Control, Vary, cookies, 304 and the server-side
response cache. (Surrogate keys: test_surrogate_keys.py.)"""

import datetime
import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from cms.catalog.stock import ingest_stock_batch
from cms.core.preview import create_preview_token
from storefront_api import http_cache, rate_limit
from tests.factories import ProductFactory, SectionPageFactory, StockLevelFactory, StorePageFactory
from tests.storefront_api.content import other_site, translate

TITLE = "query($id: ID!) { page(id: $id) { title } }"
STOCK = 'query($skus: [String!]!) { store(slug: "milano") { stock(skus: $skus) { sku quantity } } }'


@pytest.fixture
def response_cache(settings):
    """The server-side cache on (it is off in the test settings), starting empty."""
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "RESPONSE_CACHE": True}
    caches["default"].clear()
    http_cache.SITE_IDS.clear()  # site ids are reused between tests, the sites version is not bumped


@pytest.fixture
def get(client):
    def run(query, variables=None, **extra):
        params = {"query": query}
        if variables is not None:
            params["variables"] = json.dumps(variables)
        return client.get("/graphql", params, **extra)

    return run


@pytest.fixture
def ideas(home):
    return SectionPageFactory(parent=home, title="Ideas", slug="ideas")


def rename(page, title):
    page.title = title
    page.save_revision().publish()


def test_a_public_response_is_cacheable_by_anyone(get, ideas):
    response = get(TITLE, {"id": ideas.pk})
    assert response.status_code == 200
    assert response.json()["data"] == {"page": {"title": "Ideas"}}
    assert response["ETag"] == http_cache.etag(response.content)
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60", "stale-while-revalidate=30"}
    # Accept: the media type (application/graphql-response+json or application/json) follows it.
    assert varies_by(response) == {"accept-encoding", "accept"}
    assert "X-Cache" not in response  # the server-side cache is off in tests


def varies_by(response):
    """What a response varies by, besides its URL and host (and the Origin of a cross-origin
    request, which CORS middleware may add: an answer per origin is what CORS needs)."""
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()} - {"origin"}


def test_a_public_response_sets_no_cookie(get, ideas):
    """graphene-django's view asks for a CSRF cookie; a CDN would refuse to store the
    response, or store one copy per cookie."""
    response = get(TITLE, {"id": ideas.pk})
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "cookie" not in varies_by(response)


# What a CDN keys on: everything a public response may differ by.
CACHE_HEADERS = ("Cache-Control", "ETag", "Vary", "Surrogate-Key", "Content-Type", "Content-Language")


def cache_headers(response):
    return {name: response.get(name) for name in CACHE_HEADERS}


def test_a_hit_a_miss_and_a_304_carry_the_same_headers(get, ideas, response_cache):
    miss = get(TITLE, {"id": ideas.pk})
    hit = get(TITLE, {"id": ideas.pk})
    not_modified = get(TITLE, {"id": ideas.pk}, HTTP_IF_NONE_MATCH=miss["ETag"])
    assert (miss["X-Cache"], hit["X-Cache"], not_modified.status_code) == ("MISS", "HIT", 304)
    assert cache_headers(hit) == cache_headers(miss)
    assert {**cache_headers(not_modified), "Content-Type": None} == {**cache_headers(miss), "Content-Type": None}
    assert miss["Surrogate-Key"]  # the keys too (a CDN revalidating keeps what the 304 says)
    assert not hit.cookies and not miss.cookies
    assert all(response["X-Request-Id"] for response in (miss, hit, not_modified))


def test_accept_language_changes_nothing_in_a_public_response(get, home, locales):
    """The language comes from the `locale` argument; a link in rich text follows the
    content's language, never the browser's."""
    linked = SectionPageFactory(parent=home, title="Ideas", slug="ideas")
    translate(home, locales["it"])
    translate(linked, locales["it"])  # /it/ideas/
    intro = f'<p>See <a linktype="page" id="{linked.pk}">our ideas</a>.</p>'
    page = SectionPageFactory(parent=home, title="Gifts", slug="gifts", intro=intro)
    query = "query($id: ID!) { page(id: $id) { ... on SectionPage { intro } } }"
    english = get(query, {"id": page.pk}, HTTP_ACCEPT_LANGUAGE="en")
    italian = get(query, {"id": page.pk}, HTTP_ACCEPT_LANGUAGE="it")
    assert 'href="/en/ideas/"' in english.json()["data"]["page"]["intro"]
    assert italian.content == english.content
    assert cache_headers(italian) == cache_headers(english)
    assert "accept-language" not in varies_by(english) and "Content-Language" not in english


def test_a_matching_if_none_match_gets_304_without_a_body(get, ideas):
    etag = get(TITLE, {"id": ideas.pk})["ETag"]
    response = get(TITLE, {"id": ideas.pk}, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert get(TITLE, {"id": ideas.pk}, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_publishing_a_page_the_query_shows_changes_the_etag(get, ideas, committed):
    before = get(TITLE, {"id": ideas.pk})["ETag"]
    with committed():
        rename(ideas, "Gift ideas")
    response = get(TITLE, {"id": ideas.pk}, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response.json()["data"]["page"]["title"] == "Gift ideas"
    assert response["ETag"] != before


def test_the_server_cache_answers_a_repeated_query_with_one_sql_query(get, ideas, response_cache):
    first = get(TITLE, {"id": ideas.pk})
    assert first["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        hit = get(TITLE, {"id": ideas.pk})
    assert hit["X-Cache"] == "HIT"
    assert len(queries) == 1, [query["sql"] for query in queries]  # the content versions
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"]
    assert get(TITLE, {"id": ideas.pk}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def redis_round_trips(monkeypatch):
    """The commands (or pipelines of commands) sent to Redis from now on: one per round trip."""
    from redis.connection import AbstractConnection

    sent = []
    send = AbstractConnection.send_packed_command

    def counted(connection, command, check_health=True):
        sent.append(command)
        return send(connection, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counted)
    return sent


@pytest.mark.redis
def test_with_the_shared_cache_a_hit_costs_no_sql_and_one_redis_round_trip(
    shared_cache, get, ideas, response_cache, monkeypatch
):
    first = get(TITLE, {"id": ideas.pk})
    assert first["X-Cache"] == "MISS"
    sent = redis_round_trips(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        hit = get(TITLE, {"id": ideas.pk})
    assert hit["X-Cache"] == "HIT"
    assert [query["sql"] for query in queries] == []
    assert len(sent) == 1  # the content versions and the entry, in one pipeline
    assert (hit.content, hit["ETag"]) == (first.content, first["ETag"])


@pytest.mark.redis
def test_with_the_rate_limit_on_a_hit_is_still_one_round_trip_and_each_request_counts_once(
    shared_cache, get, ideas, response_cache, settings, monkeypatch
):
    monkeypatch.setattr(rate_limit, "clock", lambda: 1_800_000_000.0)  # the start of a minute
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "RATE_LIMIT": "3/minute"}
    assert get(TITLE, {"id": ideas.pk})["X-Cache"] == "MISS"
    sent = redis_round_trips(monkeypatch)
    assert get(TITLE, {"id": ideas.pk})["X-Cache"] == "HIT"
    assert len(sent) == 1  # the count, the content versions and the entry
    answers = [get(TITLE, {"id": ideas.pk}) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [200, 429]
    assert answers[1].json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert 0 < int(answers[1]["Retry-After"]) <= 60


@pytest.mark.redis
def test_with_versions_reused_for_a_while_a_hit_is_one_get(shared_cache, get, ideas, response_cache, settings, monkeypatch):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "CONTENT_VERSION_MAX_AGE": 60}
    get(TITLE, {"id": ideas.pk})
    sent = redis_round_trips(monkeypatch)
    assert get(TITLE, {"id": ideas.pk})["X-Cache"] == "HIT"
    assert len(sent) == 1 and b"HGETALL" not in b"".join(sent[0])


@pytest.mark.redis
def test_with_the_shared_cache_publishing_and_stock_invalidate_entries(
    shared_cache, get, ideas, stocked, response_cache, committed
):
    content, stock = get(TITLE, {"id": ideas.pk}), get(STOCK, {"skus": ["MOKA-3"]})
    with committed():
        rename(ideas, "Gift ideas")
    renamed = get(TITLE, {"id": ideas.pk})
    assert (renamed["X-Cache"], renamed.json()["data"]["page"]["title"]) == ("MISS", "Gift ideas")
    assert get(TITLE, {"id": ideas.pk})["X-Cache"] == "HIT"
    assert get(STOCK, {"skus": ["MOKA-3"]})["ETag"] == stock["ETag"]
    with committed():
        assert ingest_stock_batch(stock_rows(3)).applied == 1
    fresh = get(STOCK, {"skus": ["MOKA-3"]})
    assert (fresh["X-Cache"], fresh.json()["data"]["store"]["stock"]) == ("MISS", [{"sku": "MOKA-3", "quantity": 3}])
    assert get(TITLE, {"id": ideas.pk})["ETag"] == renamed["ETag"] != content["ETag"]


@pytest.mark.redis
def test_with_redis_stopped_every_get_is_answered_from_the_database(shared_cache, get, ideas, response_cache):
    get(TITLE, {"id": ideas.pk})
    shared_cache.stop()
    for _ in range(2):
        response = get(TITLE, {"id": ideas.pk})
        assert (response.status_code, response.json()["data"]["page"]["title"]) == (200, "Ideas")
        assert response.get("X-Cache") != "HIT"


def test_variables_spelled_differently_share_an_entry(client, ideas, response_cache):
    query = "query($id: ID!, $locale: String) { page(id: $id, locale: $locale) { title } }"
    client.get("/graphql", {"query": query, "variables": json.dumps({"id": ideas.pk, "locale": "en"})})
    spaced = json.dumps({"locale": "en", "id": ideas.pk}, indent=2)
    assert client.get("/graphql", {"query": query, "variables": spaced})["X-Cache"] == "HIT"


def test_publishing_invalidates_the_server_cache(get, ideas, response_cache, committed):
    get(TITLE, {"id": ideas.pk})
    with committed():
        rename(ideas, "Gift ideas")
    response = get(TITLE, {"id": ideas.pk})
    assert response["X-Cache"] == "MISS"
    assert response.json()["data"]["page"]["title"] == "Gift ideas"


def test_publishing_on_another_site_keeps_the_etag_and_the_cached_entry(get, ideas, response_cache, committed):
    first = get(TITLE, {"id": ideas.pk})
    elsewhere = SectionPageFactory(parent=other_site(), slug="news")
    with committed():
        rename(elsewhere, "News")
    response = get(TITLE, {"id": ideas.pk})
    assert response["X-Cache"] == "HIT"
    assert response["ETag"] == first["ETag"]


def test_each_site_has_its_own_entries(get, ideas, response_cache):
    other_site("shop.example")
    assert get(TITLE, {"id": ideas.pk})["X-Cache"] == "MISS"
    other = get(TITLE, {"id": ideas.pk}, HTTP_HOST="shop.example")
    assert other["X-Cache"] != "HIT"
    assert other.json()["data"]["page"] is None  # the page is not on that site


def test_a_host_given_to_another_site_is_answered_from_that_sites_entries(get, ideas, response_cache, committed):
    """Each process remembers which site serves a host; a site change makes it ask again."""
    other_site("shop.example")
    for state in ("MISS", "HIT"):
        response = get(TITLE, {"id": ideas.pk}, HTTP_HOST="shop.example")
        assert (response["X-Cache"], response.json()["data"]["page"]) == (state, None)
    with committed():
        Site.objects.filter(hostname="shop.example").update(hostname="old.example")
        site = Site.objects.get(is_default_site=True)
        site.hostname = "shop.example"
        site.save()  # bumps the sites version
    moved = get(TITLE, {"id": ideas.pk}, HTTP_HOST="shop.example")
    assert (moved["X-Cache"], moved.json()["data"]["page"]) == ("MISS", {"title": "Ideas"})
    assert get(TITLE, {"id": ideas.pk}, HTTP_HOST="shop.example")["X-Cache"] == "HIT"
    with committed():
        rename(ideas, "Gift ideas")  # the entry is the default site's: this publish invalidates it
    assert get(TITLE, {"id": ideas.pk}, HTTP_HOST="shop.example").json()["data"]["page"] == {"title": "Gift ideas"}


def stock_rows(quantity):
    return [{"store": "milano", "sku": "MOKA-3", "quantity": quantity, "source_updated_at": timezone.now().isoformat()}]


@pytest.fixture
def stocked(store_index):
    store = StorePageFactory(parent=store_index, title="Milano", slug="milano")
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    StockLevelFactory(store=store, product=ProductFactory(sku="MOKA-3"), quantity=7, source_updated_at=an_hour_ago)
    return store


def test_stock_ingestion_invalidates_stock_queries_but_not_content_queries(
    get, ideas, stocked, response_cache, committed
):
    content = get(TITLE, {"id": ideas.pk})
    stock = get(STOCK, {"skus": ["MOKA-3"]})
    assert stock.json()["data"]["store"]["stock"] == [{"sku": "MOKA-3", "quantity": 7}]
    with committed():
        assert ingest_stock_batch(stock_rows(3)).applied == 1
    again = get(TITLE, {"id": ideas.pk})
    assert (again["X-Cache"], again["ETag"]) == ("HIT", content["ETag"])
    fresh = get(STOCK, {"skus": ["MOKA-3"]})
    assert fresh["X-Cache"] == "MISS"
    assert fresh.json()["data"]["store"]["stock"] == [{"sku": "MOKA-3", "quantity": 3}]
    assert fresh["ETag"] != stock["ETag"]
    assert get(STOCK, {"skus": ["MOKA-3"]})["X-Cache"] == "HIT"


def assert_private(response):
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert "ETag" not in response
    assert "X-Cache" not in response


def test_preview_is_never_cached(get, ideas, response_cache):
    ideas.title = "Draft title"
    token = create_preview_token(ideas)
    query = "query($token: String!) { page(previewToken: $token) { title } }"
    for _ in range(2):
        response = get(query, {"token": token})
        assert response.json()["data"]["page"]["title"] == "Draft title"
        assert_private(response)
    assert not any(key.startswith(http_cache.KEY_PREFIX) for key in caches["default"]._cache)


def test_a_resolver_marking_the_request_private_keeps_it_out_of_every_cache(ideas, response_cache):
    def view_showing_a_draft(request):
        http_cache.mark_private(request)
        return JsonResponse({"data": {"page": {"title": "Draft"}}})

    view = http_cache.http_cached(view_showing_a_draft)
    for _ in range(2):
        assert_private(view(RequestFactory().get("/graphql", {"query": "{ page(id: 1) { title } }"})))


def test_authenticated_requests_are_never_cached(get, client, ideas, response_cache, admin_user):
    assert_private(get(TITLE, {"id": ideas.pk}, HTTP_AUTHORIZATION="Bearer abc"))
    client.force_login(admin_user)
    assert_private(get(TITLE, {"id": ideas.pk}))
    assert_private(get(TITLE, {"id": ideas.pk}))


def test_post_responses_are_not_stored(client, ideas, response_cache):
    for _ in range(2):
        response = client.post(
            "/graphql", {"query": TITLE, "variables": {"id": ideas.pk}}, content_type="application/json"
        )
        assert response.json()["data"]["page"]["title"] == "Ideas"
        assert response["Cache-Control"] == "no-store"
        assert "ETag" not in response
        assert "X-Cache" not in response


def test_a_mutation_over_get_is_not_cached(get, home, response_cache):
    response = get('mutation { stockBatchIngest(idempotencyKey: "x", rows: []) { applied } }')
    assert response.status_code == 405
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_responses_with_errors_are_not_cached(get, home, response_cache):
    for _ in range(2):
        response = get("{ page(id: 1, slug: \"x\") { title } }")
        assert "errors" in response.json()
        assert response["Cache-Control"] == "no-store"
        assert "X-Cache" not in response
