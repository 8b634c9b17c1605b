"""The shared cache of several app servers: Django's RedisCache, made safe to lose.

``REDIS_URL`` configures Django's ``default`` cache with ``SharedRedisCache``: Django's
built-in ``django.core.cache.backends.redis.RedisCache`` (the ``redis`` package, replies
parsed by ``hiredis``), which every app process shares — the API's response cache, the
rate-limit counts, Wagtail's caches (site root paths, renditions) — plus the content versions
(cms/core/version_stores.py), which use its connection directly.

Redis holds nothing that is not in the database or safe to lose, so when it cannot be reached
(stopped, restarted, a network fault, out of memory) the app goes on, correct and slower:
- a read (``get``, ``get_many``, ``has_key``) is a miss, a write (``set``, ``add``, ``delete``,
  ``touch``, ``clear``) does nothing: the API runs its queries, Wagtail reads the database;
- ``incr``, ``count`` (a counter with its time to live, in one round trip: the rate limit's)
  and ``call`` raise CacheUnavailable, for callers that need to know (the rate limit counts in
  its process meanwhile; content versions are read from the database);
- after a failure the process does not ask Redis again for ``RETRY_SECONDS`` (OPTIONS, default
  2), so a Redis that times out costs one timeout per process every few seconds, not one per
  request. The first failure and the recovery are logged once (logger ``cms.core.cache``).
Connections time out after ``SOCKET_TIMEOUT`` seconds (``REDIS_TIMEOUT``) and are not retried
by the client library (a retry would double the wait when Redis is down). Each process keeps
one redis-py client per server (Django's client builds a new one for every operation, which
cost more than the round trip itself).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    """Redis could not be asked (down, unreachable, refusing writes) or was just seen failing."""


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, with one redis-py client per connection pool: a redis-py
    client is safe to share between threads (each command takes a connection from the pool),
    and making one builds its table of reply parsers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 2))
        timeout = float(options.pop("SOCKET_TIMEOUT", 0.25))
        options.setdefault("socket_timeout", timeout)
        options.setdefault("socket_connect_timeout", timeout)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._lock = threading.Lock()
        self._down_until = 0.0  # time.monotonic() before which Redis is not asked
        self._down_since = None
        self._skipped = 0

    # State

    @property
    def available(self):
        """False while this process leaves Redis aside after a failure."""
        return time.monotonic() >= self._down_until

    def _guarded(self, operation, *args, **kwargs):
        """Runs ``operation``; raises CacheUnavailable instead of Redis's errors."""
        if not self.available:
            with self._lock:
                self._skipped += 1
            raise CacheUnavailable(f"Redis left aside for {self.retry_seconds:g} s after a failure")
        try:
            result = operation(*args, **kwargs)
        except RedisError as error:
            self._failed(error)
            raise CacheUnavailable(f"{type(error).__name__}: {error}") from error
        if self._down_since is not None:
            self._recovered()
        return result

    def _failed(self, error):
        with self._lock:
            self._down_until = time.monotonic() + self.retry_seconds
            if self._down_since is None:
                self._down_since, self._skipped = time.monotonic(), 0
                logger.warning(
                    "Redis unreachable (%s: %s): the cache misses, rate limits count per process and content "
                    "versions are read from the database until it answers again (retried every %g s)",
                    type(error).__name__, error, self.retry_seconds,
                )

    def _recovered(self):
        with self._lock:
            if self._down_since is None:
                return
            logger.warning(
                "Redis answered again after %.1f s (%d cache operations went without it meanwhile)",
                time.monotonic() - self._down_since, self._skipped,
            )
            self._down_since = None

    def _or_default(self, default, operation, *args, **kwargs):
        try:
            return self._guarded(operation, *args, **kwargs)
        except CacheUnavailable:
            return default

    # Raw access for callers that need more than the cache API (content versions)

    def call(self, function, *, write=True):
        """``function(client)`` with a redis-py client of this cache's server; raises
        CacheUnavailable when Redis cannot be asked."""
        return self._guarded(lambda: function(self._cache.get_client(write=write)))

    def get_with(self, key, queue, *, write=False):
        """``(replies, value of key)`` in one round trip: ``queue(pipeline)`` queues commands
        (e.g. reading a hash) before ``key`` is read; ``replies`` are theirs, in order, and the
        value is as ``get`` returns it (None when missing). ``write`` when the queued commands
        write. CacheUnavailable when Redis cannot be asked."""
        key = self.make_and_validate_key(key)

        def run(client):
            with client.pipeline(transaction=False) as pipeline:
                queue(pipeline)
                pipeline.get(key)
                *replies, value = pipeline.execute()
            return replies, (None if value is None else self._cache._serializer.loads(value))

        return self.call(run, write=write)

    # The cache API: a miss or nothing done when Redis cannot be asked

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or_default(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._or_default(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._or_default(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or_default(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or_default(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._or_default({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or_default(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or_default(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._or_default(None, super().delete_many, keys, version)

    def clear(self):
        return self._or_default(False, super().clear)

    def count(self, key, timeout, version=None):
        """Adds 1 to the counter ``key``, created with ``timeout`` seconds to live when missing,
        in one round trip (SET NX EX, then INCR: atomic across processes); returns the count.
        CacheUnavailable when Redis cannot be asked."""
        queue = self.count_commands(key, timeout, version)

        def run(client):
            with client.pipeline(transaction=False) as pipeline:
                queue(pipeline)
                return pipeline.execute()[-1]

        return self.call(run)

    def count_commands(self, key, timeout, version=None):
        """``queue(pipeline)`` queueing ``count``'s commands (the count is the last reply), to
        send them with others (``get_with``)."""
        key = self.make_and_validate_key(key, version=version)

        def queue(pipeline):
            pipeline.set(key, 0, ex=timeout, nx=True)
            pipeline.incr(key)

        return queue

    def incr(self, key, delta=1, version=None):
        """Atomic across processes; ValueError when the key is missing (as Django's),
        CacheUnavailable when Redis cannot be asked."""
        return self._guarded(super().incr, key, delta, version)
