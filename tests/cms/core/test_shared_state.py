"""State shared through a real Redis (cms/core/cache.py, cms/core/version_stores.py): the cache
misses instead of failing while Redis is away, the content versions read from Redis are the
database's, whatever Redis went through (emptied, restarted, unreachable while a bump was
pushed), and the rate limit counts once across processes."""

import os
import signal
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.cache import CacheUnavailable, SharedRedisCache
from cms.core.content_version import bump_now, current_versions
from cms.core.version_stores import COMPLETE, DatabaseVersionStore, database_versions, version_store
from storefront_api import rate_limit

pytestmark = [pytest.mark.redis]


def another_process_cache(server):
    """A cache of its own connection pool, as another app process has."""
    return SharedRedisCache(server.url, {"KEY_PREFIX": "test", "OPTIONS": {"SOCKET_TIMEOUT": 0.25, "RETRY_SECONDS": 0.2}})


# The cache


def test_the_cache_is_shared_between_processes(shared_cache):
    caches["default"].set("greeting", {"text": "ciao"}, 30)
    assert another_process_cache(shared_cache).get("greeting") == {"text": "ciao"}


def test_with_redis_stopped_the_cache_misses_and_writes_nothing_without_an_error(shared_cache):
    cache = caches["default"]
    cache.set("greeting", "ciao", 30)
    shared_cache.stop()
    assert cache.get("greeting") is None
    assert cache.get("greeting", "default") == "default"
    assert cache.get_many(["greeting"]) == {}
    assert cache.add("other", 1) is False
    cache.set("greeting", "hello")
    cache.delete("greeting")
    with pytest.raises(CacheUnavailable):
        cache.incr("counter")
    # Left aside for RETRY_SECONDS: not asked again meanwhile, so no wait per operation.
    assert not cache.available
    shared_cache.start()
    time.sleep(0.25)
    cache.set("greeting", "back", 30)
    assert cache.get("greeting") == "back"


def test_a_redis_that_does_not_answer_is_asked_once_then_left_aside(shared_cache, monkeypatch):
    cache = caches["default"]
    cache.set("greeting", "ciao", 30)
    asked = []
    get_client = cache._cache.get_client
    monkeypatch.setattr(cache._cache, "get_client", lambda *args, **kwargs: asked.append(1) or get_client(*args, **kwargs))
    os.kill(shared_cache.pid(), signal.SIGSTOP)
    try:
        answers = [cache.get("greeting") for _ in range(20)]  # the first waits SOCKET_TIMEOUT, once
    finally:
        os.kill(shared_cache.pid(), signal.SIGCONT)
    assert answers == [None] * 20
    assert len(asked) == 1 and not cache.available
    time.sleep(0.25)  # RETRY_SECONDS
    assert cache.get("greeting") == "ciao" and len(asked) == 2


def test_wagtail_site_root_paths_are_shared_and_forgotten_after_a_site_change_commits(shared_cache, home, committed):
    from wagtail.models import Site
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

    other = another_process_cache(shared_cache)
    Site.get_site_root_paths()
    assert other.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) is not None
    with committed():
        site = Site.objects.get()
        site.hostname = "shop.example"
        site.save()  # Wagtail forgets the paths here, inside the transaction...
        # ...where another process may read the old site and cache its paths again
        other.set(SITE_ROOT_PATHS_CACHE_KEY, [(site.pk, "/home/", "http://localhost", "en")],
                  version=SITE_ROOT_PATHS_CACHE_VERSION)
    assert other.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) is None
    assert Site.get_site_root_paths()[0].root_url == "http://shop.example"


# Content versions: the stores' contract


@pytest.fixture(params=["database", pytest.param("redis", marks=pytest.mark.redis)])
def store(request, db):
    if request.param == "database":
        return DatabaseVersionStore()
    request.getfixturevalue("shared_cache")
    return version_store()


def test_a_store_reads_what_was_bumped(store):
    bump_now(["site:1", "shared"])
    bump_now(["shared"])
    assert store.read() == {"site:1": 1, "shared": 2} == database_versions()


def test_a_bump_is_read_by_every_process(store):
    bump_now(["shared"])
    other = type(store)(**({} if isinstance(store, DatabaseVersionStore) else {"TIMEOUT": 60}))
    assert other.read() == {"shared": 1}
    bump_now(["shared"])
    assert store.read() == other.read() == {"shared": 2}


# Content versions in Redis


def test_reading_from_redis_costs_no_sql_once_filled(shared_cache, db):
    bump_now(["site:1"])
    current_versions()
    with CaptureQueriesContext(connection) as queries:
        assert current_versions() == {"site:1": 1}
    assert len(queries) == 0


def test_an_empty_redis_is_filled_from_the_database(shared_cache, db):
    bump_now(["site:1", "stock"])
    shared_cache.client().flushdb()  # emptied (or restarted: the shipped settings keep nothing)
    with CaptureQueriesContext(connection) as queries:
        assert current_versions() == {"site:1": 1, "stock": 1}
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        assert current_versions() == {"site:1": 1, "stock": 1}
    assert len(queries) == 0


def test_a_bump_into_an_empty_redis_does_not_pass_for_every_version(shared_cache, db):
    bump_now(["site:1", "stock"])
    shared_cache.client().flushdb()
    bump_now(["stock"])  # the hash now names "stock" only
    assert current_versions() == {"site:1": 1, "stock": 2}


def test_a_refill_that_read_the_database_before_a_bump_cannot_undo_it(shared_cache, db):
    bump_now(["shared"])
    shared_cache.client().flushdb()
    read_before_the_bump = database_versions()  # {"shared": 1}
    bump_now(["shared"])  # pushes 2
    version_store()._merge(read_before_the_bump, complete=True)  # the slow refill lands last
    assert current_versions() == {"shared": 2}


def test_with_redis_stopped_versions_come_from_the_database_and_bumps_are_not_lost(shared_cache, db):
    bump_now(["shared"])
    assert current_versions() == {"shared": 1}
    shared_cache.stop()
    bump_now(["shared"])
    assert current_versions() == {"shared": 2}
    shared_cache.start()  # empty again
    time.sleep(0.25)  # the cache's RETRY_SECONDS
    assert current_versions() == {"shared": 2}
    assert shared_cache.client().hget("test:1:content-versions", COMPLETE) == b"1"


def test_a_push_that_failed_is_sent_again_when_redis_answers_with_its_old_contents(shared_cache, db):
    """A network fault rather than a restart: Redis comes back holding the old numbers."""
    bump_now(["shared"])
    assert current_versions() == {"shared": 1}
    os.kill(shared_cache.pid(), signal.SIGSTOP)
    try:
        bump_now(["shared"])  # the push times out
        assert version_store().pending == {"shared": 2}
        assert current_versions() == {"shared": 2}  # the database answers meanwhile
    finally:
        os.kill(shared_cache.pid(), signal.SIGCONT)
    deadline = time.monotonic() + 5
    while version_store().pending and time.monotonic() < deadline:
        time.sleep(0.05)
    assert version_store().pending == {}
    assert int(shared_cache.client().hget("test:1:content-versions", "shared")) == 2


def test_the_copy_in_redis_expires(shared_cache, db):
    bump_now(["shared"])
    current_versions()
    ttl = shared_cache.client().ttl("test:1:content-versions")
    assert 0 < ttl <= 60


# The rate limit


def test_the_rate_limit_counts_once_across_processes(shared_cache):
    now = 1_800_000_000.0
    processes = [caches["default"], another_process_cache(shared_cache), another_process_cache(shared_cache)]
    answers = [rate_limit.seconds_until_allowed("10.0.0.1", 4, 60, processes[n % 3], now) for n in range(5)]
    assert answers == [0, 0, 0, 0, 60]


def test_a_window_count_expires_with_its_window(shared_cache):
    assert rate_limit.seconds_until_allowed("10.0.0.1", 4, 60, caches["default"], 1_800_000_000.0) == 0
    [key] = shared_cache.client().keys("test:1:storefront_api:rate:*")
    assert int(shared_cache.client().get(key)) == 1
    assert 0 < shared_cache.client().ttl(key) <= 61


def test_counting_per_process_memory_lets_each_process_allow_the_whole_rate():
    """What the shared count fixes: the default cache is each process's own memory."""
    now = 1_800_000_000.0
    processes = [LocMemCache(f"process-{n}", {}) for n in range(3)]
    answers = [rate_limit.seconds_until_allowed("10.0.0.1", 4, 60, processes[n % 3], now) for n in range(5)]
    assert answers == [0, 0, 0, 0, 0]


def test_with_redis_stopped_the_rate_limit_counts_in_the_process(shared_cache):
    now = 1_800_000_000.0
    shared_cache.stop()
    answers = [rate_limit.seconds_until_allowed("10.0.0.1", 2, 60, caches["default"], now) for _ in range(3)]
    assert answers == [0, 0, 60]
