"""Through a real Varnish with the shipped VCL, in front of a live app server on the test
database: public GETs are cached and served again, a publish or a stock batch purges
exactly the responses built from what changed (the purge worker running as in production),
preview, POST and authorised requests pass, grace serves stale while revalidating, purges
are accepted only from allowed addresses. The Varnish purger passes the purgers' contract
against it too."""

import datetime
import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from cms.catalog.stock import ingest_stock_batch
from cms.core.preview import create_preview_token
from cms.publishing.outbox import run_worker
from cms.publishing.purgers.varnish import VarnishPurger
from cms.publishing.purges import purge_due
from tests.cms.publishing.purger_contract import PurgerContract, unreachable  # noqa: F401 (a fixture)
from tests.cms.publishing.receiver import LocalServer
from tests.deploy.varnish import Varnish, require_varnish
from tests.factories import GiftGuidePageFactory, ProductFactory, SectionPageFactory, StockLevelFactory, StorePageFactory

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


# The app behind Varnish


@pytest.fixture(scope="session")
def varnish(live_server):
    from django.db import connections

    require_varnish()
    # Varnish keeps its connections to the live server open between requests, and each of
    # the server's threads would keep a database connection with them: close those at the
    # end of each request, or the test database cannot be dropped at the end.
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    instance = Varnish(backend=live_server.url.removeprefix("http://")).start()
    yield instance
    instance.stop()


@pytest.fixture
def cdn(varnish, settings):
    """The app purging this Varnish, which starts each test empty."""
    varnish.forget_everything()
    settings.CDN = {
        **settings.CDN,
        "PURGER": "cms.publishing.purgers.varnish.VarnishPurger",
        "PURGER_OPTIONS": {"URLS": [varnish.url]},
        "SURROGATE_KEY_HEADER": "xkey",
        # No second purge 5 s later here: one for the setup's new site would empty the
        # cache in the middle of a test (tests/cms/publishing/test_purges.py covers it).
        "PURGE_REPEAT_SECONDS": 0,
    }
    return varnish


@pytest.fixture
def purge_worker(cdn):
    """`manage.py purge_cache` as in production, polling every 0.1 s, in a thread."""
    stop = threading.Event()

    def send_due():
        if stop.is_set():
            raise SystemExit
        return purge_due()

    worker = threading.Thread(target=lambda: _run_until_stopped(send_due, stop), daemon=True)
    worker.start()
    settled()  # what the test's setup queued (a new site purges its key) is sent first
    yield
    stop.set()
    worker.join(timeout=10)


def _run_until_stopped(send_due, stop):
    from django.db import connection

    try:
        run_worker(send_due, lambda: None, interval=0.1)
    except SystemExit:
        pass
    finally:
        connection.close()


def settled():
    """Wait until the worker has sent every purge the test's own setup queued."""
    from cms.publishing.models import CachePurge

    deadline = time.monotonic() + 10
    while CachePurge.objects.filter(status="pending").exists():
        assert time.monotonic() < deadline, "the purge worker did not send the setup's purges"
        time.sleep(0.05)


def graphql_path(query, variables=None):
    return "/graphql?" + urlencode({"query": query, "variables": json.dumps(variables or {})})


STORE = graphql_path('{ store(slug: "milano") { title } }')
GUIDES = graphql_path("{ giftGuides { edges { node { title } } } }")


def fresh(cdn, path, predicate, deadline=10):
    """The first response of ``path`` whose body ``predicate`` accepts, and the seconds it
    took to appear (the purge worker runs in the background)."""
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        response = cdn.request(path)
        if predicate(json.loads(response.body)):
            return response, time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"{path} still answers the old content after {deadline} s")


@pytest.fixture
def shop(home, store_index):
    guides = SectionPageFactory(parent=home, title="Gift ideas", slug="gift-ideas")
    GiftGuidePageFactory(parent=guides, title="For him", slug="for-him")
    return {
        "guides": guides,
        "milano": StorePageFactory(parent=store_index, title="Milano", slug="milano"),
        "roma": StorePageFactory(parent=store_index, title="Roma", slug="roma"),
    }


def test_a_second_identical_get_is_a_hit(cdn, shop):
    first, second = cdn.request(STORE), cdn.request(STORE)
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert second.body == first.body and json.loads(first.body)["data"]["store"]["title"] == "Milano"
    assert "xkey" not in first.headers and "Set-Cookie" not in first.headers
    # The parameters in another order are the same query.
    reordered = "/graphql?" + "&".join(reversed(STORE.split("?", 1)[1].split("&")))
    assert cdn.request(reordered).cache == "HIT"


def test_clients_accept_headers_share_one_cached_response_per_media_type(cdn, shop):
    apollo = {"Accept": "application/graphql-response+json,application/json;q=0.9"}
    urql = {"Accept": "application/graphql-response+json, application/graphql+json, application/json, text/event-stream"}
    first, second = cdn.request(STORE, headers=apollo), cdn.request(STORE, headers=urql)
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert second.headers["Content-Type"].startswith("application/graphql-response+json")
    plain, curl = cdn.request(STORE, headers={"Accept": "application/json"}), cdn.request(STORE, headers={"Accept": "*/*"})
    assert (plain.cache, curl.cache) == ("MISS", "HIT")
    assert curl.headers["Content-Type"].startswith("application/json")


def test_publishing_a_store_purges_the_queries_that_included_it_only(cdn, shop, purge_worker):
    assert cdn.request(STORE).cache == "MISS" and cdn.request(GUIDES).cache == "MISS"
    assert cdn.request(STORE).cache == "HIT"
    store = shop["milano"]
    store.title = "Milano Duomo"
    store.save_revision().publish()
    response, seconds = fresh(cdn, STORE, lambda body: body["data"]["store"]["title"] == "Milano Duomo")
    print(f"new store title served {seconds * 1000:.0f} ms after the publish")
    assert response.cache == "MISS"
    assert cdn.request(GUIDES).cache == "HIT"


def test_a_new_gift_guide_purges_the_list_of_guides(cdn, shop, purge_worker):
    assert cdn.request(GUIDES).cache == "MISS"
    GiftGuidePageFactory(parent=shop["guides"], title="For her", slug="for-her", live=False).save_revision().publish()
    response, _seconds = fresh(cdn, GUIDES, lambda body: len(body["data"]["giftGuides"]["edges"]) == 2)
    assert response.cache == "MISS"
    assert cdn.request(STORE).cache == "MISS"  # never asked before: not from a purge


def stock_path(slug):
    return graphql_path('query($slug: String!) { store(slug: $slug) { stock(skus: ["MOKA-3"]) { quantity } } }',
                        {"slug": slug})


def test_a_stock_batch_for_one_store_purges_only_what_read_its_stock(cdn, shop, purge_worker):
    product = ProductFactory(sku="MOKA-3")
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    for store in (shop["milano"], shop["roma"]):
        StockLevelFactory(store=store, product=product, quantity=7, source_updated_at=an_hour_ago)
    settled()  # the levels written above purged their stores' keys
    paths = [stock_path("milano"), stock_path("roma"), STORE]
    assert [cdn.request(path).cache for path in paths] == ["MISS"] * 3
    row = {"store": "milano", "sku": "MOKA-3", "quantity": 2, "source_updated_at": timezone.now().isoformat()}
    assert ingest_stock_batch([row]).applied == 1
    response, _seconds = fresh(cdn, stock_path("milano"), lambda body: body["data"]["store"]["stock"][0]["quantity"] == 2)
    assert response.cache == "MISS"
    assert [cdn.request(path).cache for path in paths[1:]] == ["HIT", "HIT"]


def test_post_preview_and_authorised_requests_pass(cdn, shop):
    body = json.dumps({"query": '{ store(slug: "milano") { title } }'}).encode()
    for _ in range(2):
        assert cdn.request("/graphql", "POST", {"Content-Type": "application/json"}, body).cache == "PASS"
        assert cdn.request(STORE, headers={"Authorization": "Bearer abc"}).cache == "PASS"
        assert cdn.request(STORE, headers={"Cookie": "sessionid=abc"}).cache == "PASS"
    token = create_preview_token(shop["guides"])
    preview = graphql_path("query($t: String!) { page(previewToken: $t) { title } }", {"t": token})
    assert [cdn.request(preview).cache for _ in range(2)] == ["PASS", "PASS"]
    # Other cookies mean nothing to the API: stripped, the response is shared.
    cdn.request(STORE)
    assert cdn.request(STORE, headers={"Cookie": "csrftoken=abc; _ga=GA1.2"}).cache == "HIT"


def test_an_expired_response_is_served_stale_while_it_is_revalidated(cdn, shop, settings):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "HTTP_CACHE_MAX_AGE": 1, "HTTP_CACHE_STALE_WHILE_REVALIDATE": 30}
    assert cdn.request(STORE).cache == "MISS"
    time.sleep(1.5)
    stale = cdn.request(STORE)  # expired, within grace: answered at once, fetched behind it
    assert stale.cache == "HIT" and int(stale.headers["Age"]) >= 1
    deadline = time.monotonic() + 5
    while int(cdn.request(STORE).headers["Age"]) >= 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert int(cdn.request(STORE).headers["Age"]) < 1  # the background fetch replaced it


def test_purges_are_refused_from_other_addresses(live_server, shop):
    require_varnish()
    guarded = Varnish(backend=live_server.url.removeprefix("http://"), purgers="192.0.2.1").start()
    try:
        response = guarded.request("/", "PURGE", {"xkey-purge": "page-1"})
        assert response.status == 403
    finally:
        guarded.stop()


# The purgers' contract against a real Varnish


class Origin(LocalServer):
    """A backend whose /obj/<key> is public and tagged with <key>; counts fetches per path."""

    def __init__(self):
        self.fetches = {}
        origin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                origin.fetches[self.path] = origin.fetches.get(self.path, 0) + 1
                self.send_response(200)
                self.send_header("Cache-Control", "public, max-age=300")
                self.send_header("xkey", self.path.rsplit("/", 1)[-1])
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.serve(Handler)


@pytest.mark.django_db(transaction=False)
class TestRealVarnishPurger(PurgerContract):
    @pytest.fixture(scope="class")
    @classmethod
    def varnishes(cls):
        require_varnish()
        with Origin() as origin:
            allowed = Varnish(backend=origin.address).start()
            refusing = Varnish(backend=origin.address, purgers="192.0.2.1").start()
            yield origin, allowed, refusing
            allowed.stop()
            refusing.stop()

    @pytest.fixture
    def service(self, varnishes):
        origin, allowed, refusing = varnishes
        allowed.forget_everything()
        service = {"origin": origin, "varnish": allowed, "refusing": refusing, "refuse": False}
        yield service
        if "thawing" in service:
            service["thawing"].join()  # the next test finds Varnish answering

    @pytest.fixture
    def make_purger(self):
        def make(service, timeout=5):
            if isinstance(service, str):
                return VarnishPurger(URLS=[service], timeout=timeout)
            varnish = service["refusing" if service["refuse"] else "varnish"]
            for key in service.get("prime", []):
                varnish.request(f"/obj/{key}")
            if service.get("freeze"):
                service["thawing"] = varnish.freeze(service["freeze"])
            return VarnishPurger(URLS=[varnish.url], timeout=timeout)

        return make

    @pytest.fixture
    def was_purged(self):
        """Each key's object, cached before the purge, is fetched from the origin again."""

        def purged(service, keys):
            fetched = dict(service["origin"].fetches)
            for key in keys:
                service["varnish"].request(f"/obj/{key}")
            return all(service["origin"].fetches[f"/obj/{key}"] == fetched[f"/obj/{key}"] + 1 for key in keys)

        return purged

    @pytest.fixture(autouse=True)
    def cached_first(self, request, service):
        """What a test purges is in the cache first (the contract's keys)."""
        from tests.cms.publishing.purger_contract import many_keys

        service["prime"] = many_keys(1200) if "many_keys" in request.node.name else [
            "page-42", "page-list-1-en-storepage", "stock-7"
        ]

    @pytest.fixture
    def refuse_next(self):
        def refuse(service):
            service["refuse"] = True

        return refuse

    @pytest.fixture
    def slow_down(self):
        """Varnish answers a purge itself, at once: slow means frozen for ``seconds``."""
        def slow(service, seconds):
            service["freeze"] = seconds  # once the purger's keys are cached (make_purger)

        return slow
