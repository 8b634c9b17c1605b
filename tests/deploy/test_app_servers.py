"""Several app servers sharing one PostgreSQL database and one Redis, as in production: three
gunicorns of the shipped configuration (deploy/gunicorn.conf.py, two workers each, production
settings with REDIS_URL) on the test database. The rate limit is one count whichever server a
request reaches; a change committed anywhere is seen in the next response of every server (no
stale hit of the shared response cache); a persisted query stored through one runs on another;
with Redis stopped a server still answers, correctly.

Marked ``redis`` (scripts/test.sh runs these in its PostgreSQL pass)."""

import datetime
import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.utils import timezone

from cms.catalog.ingestion_keys import issue_key
from cms.catalog.models import StockApiKey
from cms.core.content_version import SITES, ContentVersion
from cms.core.version_stores import version_store
from tests.factories import ProductFactory, SectionPageFactory, StockLevelFactory, StorePageFactory
from tests.ports import free_port

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="app servers share the test database: run with DATABASE_URL=postgres://… (scripts/test.sh does)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPO = Path(__file__).resolve().parents[2]
RATE = 10  # requests per hour and client address
_addresses = itertools.count(1)


def fresh_client():
    """A client address of its own (X-Forwarded-For behind TRUSTED_PROXY_COUNT=1), so the
    rate limit of one test never refuses another's requests."""
    number = next(_addresses)
    return f"203.0.{number // 250}.{number % 250 + 1}"


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class AppServer:
    """One gunicorn of deploy/gunicorn.conf.py with production settings."""

    def __init__(self, name, redis_url, log_dir):
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(log_dir) / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "app-servers-test-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "REDIS_KEY_PREFIX": "test",  # as the test process's shared_cache, which bumps versions
            "GRAPHQL_RATE_LIMIT": f"{RATE}/hour",
            "TRUSTED_PROXY_COUNT": "1",
            "GRAPHQL_RESPONSE_CACHE": "true",
            "ELASTICSEARCH_URL": "",
            "CDN_PURGER": "none",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_ACCESS_LOG": str(self.log),
        }
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", str(REPO / "deploy" / "gunicorn.conf.py"),
             "--chdir", str(REPO), "--error-logfile", str(self.log), "cms.wsgi:application"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )

    def wait(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited:\n{self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(self.url + "/graphql?query=%7B__typename%7D", timeout=5).close()
                return
            except urllib.error.HTTPError:
                return  # a worker answered
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"{self.name} did not answer within {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def request(self, path, *, client=None, method="GET", body=None, headers=None):
        headers = {"X-Forwarded-For": client or fresh_client(), "Accept": "application/json", **(headers or {})}
        data = json.dumps(body).encode() if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, dict(answer.headers), json.loads(answer.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, dict(error.headers), json.loads(error.read())


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, redis_server, tmp_path_factory):
    log_dir = tmp_path_factory.mktemp("app-servers")
    started = [AppServer(name, redis_server.url, log_dir) for name in ("app1", "app2", "app3")]
    try:
        for server in started:
            server.wait()
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def shop(shared_cache, home, store_index, servers):
    """The test's content on the shared database; Redis (flushed by shared_cache) is the one
    the servers use. The ``sites`` version is made unique per test: the servers keep site ids
    per sites version, and the database is emptied between tests (which never happens in
    production, where versions only grow)."""
    unique = int(time.time() * 1000)
    ContentVersion.objects.update_or_create(scope=SITES, defaults={"version": unique})
    version_store().pushed({SITES: unique})
    return {
        "ideas": SectionPageFactory(parent=home, title="Ideas", slug="ideas"),
        "milano": StorePageFactory(parent=store_index, title="Milano", slug="milano"),
    }


def graphql(query, variables=None):
    return "/graphql?" + urlencode({"query": query, "variables": json.dumps(variables or {})})


TITLE = "query($id: ID!) { page(id: $id) { title } }"
STOCK = 'query { store(slug: "milano") { stock(skus: ["MOKA-3"]) { quantity } } }'


def test_the_rate_limit_is_one_count_whichever_server_a_request_reaches(servers, shop):
    window = 3600
    if window - time.time() % window < 30:  # too close to the end of the window: wait for the next
        time.sleep(window - time.time() % window + 1)
    client = fresh_client()
    path = graphql("{ __typename }")
    statuses = [servers[n % 3].request(path, client=client)[0] for n in range(RATE)]
    assert statuses == [200] * RATE
    refused = [server.request(path, client=client) for server in servers]
    assert [status for status, _headers, _body in refused] == [429, 429, 429]
    assert refused[0][2]["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert 0 < int(refused[0][1]["Retry-After"]) <= window


def test_a_publish_is_seen_in_the_next_response_of_every_server(servers, shop):
    path = graphql(TITLE, {"id": shop["ideas"].pk})
    answers = [server.request(path) for server in servers]
    assert [body["data"]["page"]["title"] for _status, _headers, body in answers] == ["Ideas"] * 3
    assert [headers["X-Cache"] for _status, headers, _body in answers] == ["MISS", "HIT", "HIT"]  # one cache
    page = shop["ideas"]
    page.title = "Gift ideas"
    page.save_revision().publish()  # committed here; its version bump pushed to Redis
    answers = [server.request(path) for server in reversed(servers)]
    assert [body["data"]["page"]["title"] for _status, _headers, body in answers] == ["Gift ideas"] * 3
    assert [headers["X-Cache"] for _status, headers, _body in answers] == ["MISS", "HIT", "HIT"]


def test_stock_sent_through_one_server_is_seen_in_the_next_response_of_the_others(servers, shop):
    product = ProductFactory(sku="MOKA-3")
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    StockLevelFactory(store=shop["milano"], product=product, quantity=7, source_updated_at=an_hour_ago)
    path = graphql(STOCK)
    assert [server.request(path)[2]["data"]["store"]["stock"] for server in servers] == [[{"quantity": 7}]] * 3
    api_key = StockApiKey(name="POS", all_stores=True)
    plain_key = issue_key(api_key)
    api_key.save()
    batch = {"idempotency_key": "b-1", "rows": [
        {"store": "milano", "sku": "MOKA-3", "quantity": 2, "source_updated_at": timezone.now().isoformat()}]}
    status, _headers, body = servers[0].request(
        "/api/stock/batches", method="POST", body=batch, headers={"Authorization": f"Bearer {plain_key}"})
    assert (status, body["applied"]) == (200, 1)
    assert [server.request(path)[2]["data"]["store"]["stock"] for server in servers[1:]] == [[{"quantity": 2}]] * 2


def test_a_persisted_query_stored_through_one_server_runs_on_another(servers, shop):
    query = "query SiteName { site { name } }"
    sha256 = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256}}
    status, _headers, body = servers[1].request("/graphql", method="POST", body={"extensions": extensions})
    assert body["errors"][0]["message"] == "PersistedQueryNotFound"
    status, _headers, body = servers[1].request("/graphql", method="POST", body={"query": query, "extensions": extensions})
    assert (status, body["data"]) == (200, {"site": {"name": "Test shop"}})
    status, _headers, body = servers[2].request("/graphql?" + urlencode({"extensions": json.dumps(extensions)}))
    assert (status, body["data"]) == (200, {"site": {"name": "Test shop"}})


def test_with_redis_stopped_a_server_answers_correctly(servers, shop, shared_cache):
    path = graphql(TITLE, {"id": shop["ideas"].pk})
    assert servers[0].request(path)[1]["X-Cache"] == "MISS"
    assert servers[1].request(path)[1]["X-Cache"] == "HIT"
    shared_cache.stop()
    try:
        status, headers, body = servers[1].request(path)
        assert (status, body["data"]["page"]["title"], headers["X-Cache"]) == (200, "Ideas", "MISS")
        page = shop["ideas"]
        page.title = "Ideas while Redis is down"
        page.save_revision().publish()
        for server in servers:
            status, headers, body = server.request(path)
            assert (status, body["data"]["page"]["title"]) == (200, "Ideas while Redis is down")
        # The rate limit still holds, counted per process meanwhile (two workers per server).
        client = fresh_client()
        statuses = [servers[0].request(graphql("{ __typename }"), client=client)[0] for _ in range(2 * RATE + 1)]
        assert statuses.count(200) <= 2 * RATE and 429 in statuses
    finally:
        shared_cache.start()  # empty, as a restarted Redis is
    time.sleep(2.5)  # the servers' RETRY_SECONDS (2 s)
    page.title = "Ideas again"
    page.save_revision().publish()
    answers = [server.request(path) for server in servers]
    assert [body["data"]["page"]["title"] for _status, _headers, body in answers] == ["Ideas again"] * 3
    assert [headers["X-Cache"] for _status, headers, _body in answers] == ["MISS", "HIT", "HIT"]

