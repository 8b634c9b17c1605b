"""Where app processes read the content versions (cms/core/content_version.py) from.

The database is the source of truth: a bump increments the ``ContentVersion`` row after the
content's transaction committed. A store only decides how readers get the numbers:

- ``DatabaseVersionStore`` (the default): one SQL query per read.
- ``RedisVersionStore`` (with ``REDIS_URL``): a copy of every scope's version in one Redis hash,
  read with one round trip and no SQL, so a response-cache hit touches no database; in the
  same round trip as the cache entry when the cache is that Redis (``read_with``). A bump
  pushes its new numbers into the hash after the database committed them.

Rules that keep the copy from ever going back in time (a reader that sees an old number would
be answered from a cache entry built from old content):
- Numbers only grow: pushes and refills are merged by a Lua script that keeps, per scope, the
  larger of the hash's number and the one sent. A refill that read the database before a
  concurrent bump cannot undo that bump's push.
- The hash counts only once a refill marked it complete (``COMPLETE``): a hash a bump created
  in an empty Redis names only the scopes it bumped; readers then refill it from the database.
- Empty or restarted Redis (nothing saved to disk, by design): the next reader refills it
  from the database (one query, then none).
- Redis unreachable: readers read the database (correct, one query per read, as without
  Redis); the response cache misses too, being in the same Redis. A bump whose push failed is
  pushed again by a thread of its process every ``RETRY_INTERVAL`` seconds until it succeeds,
  so a Redis that comes back with its old contents (a network fault, not a restart) is corrected
  within that interval. The hash lives at most ``TIMEOUT`` seconds (then readers refill it from
  the database), which bounds what a push lost with its process can leave behind; the thread
  stops trying after ``TIMEOUT`` for the same reason.
"""

import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.module_loading import import_string

from .cache import CacheUnavailable

COMPLETE = "__complete__"

# KEYS[1]: the hash; ARGV[1]: seconds a new hash lives; ARGV[2]: "1" when the numbers are every
# scope's (a refill from the database); ARGV[3..]: scope, version, scope, version, ...
MERGE_SCRIPT = """
local created = redis.call('EXISTS', KEYS[1]) == 0
for i = 3, #ARGV, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]))
  if current == nil or current < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], '__complete__', '1')
end
if created then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return 1
"""


def database_versions():
    from .content_version import ContentVersion

    return dict(ContentVersion.objects.values_list("scope", "version"))


class DatabaseVersionStore:
    """Every read asks the database."""

    pushes = False

    def __init__(self, **options):
        pass

    def read(self):
        return database_versions()

    def read_with(self, cache, key, also=None):
        """``(versions, cache.get(key), None)``: ``also`` is not sent (RedisVersionStore)."""
        return self.read(), cache.get(key), None

    def pushed(self, versions):
        """Called after a bump committed ``versions`` ({scope: new version}); nothing to do."""


class RedisVersionStore:
    pushes = True

    def __init__(self, CACHE_ALIAS="default", TIMEOUT=60, RETRY_INTERVAL=0.5, KEY="content-versions"):
        self.alias, self.timeout, self.retry_interval, self.key_name = CACHE_ALIAS, TIMEOUT, RETRY_INTERVAL, KEY
        self._pending = {}  # scope -> version whose push failed
        self._pending_since = None
        self._lock = threading.Lock()
        self._retrying = None

    @property
    def cache(self):
        return caches[self.alias]

    def _key(self):
        return self.cache.make_and_validate_key(self.key_name)

    def read(self):
        try:
            stored = self.cache.call(lambda client: client.hgetall(self._key()), write=False)
        except CacheUnavailable:
            return database_versions()
        return self._versions(stored)

    def read_with(self, cache, key, also=None):
        """``(versions, cache.get(key), replies)`` in one round trip when ``cache`` is this
        store's Redis, with the commands ``also(pipeline)`` queues (a rate-limit count) and
        their replies; otherwise, or when Redis cannot be asked, they are not sent (None)."""
        if cache is not self.cache:
            return self.read(), cache.get(key), None

        def queue(pipeline):
            pipeline.hgetall(self._key())
            if also is not None:
                also(pipeline)

        try:
            replies, value = cache.get_with(key, queue, write=also is not None)
        except CacheUnavailable:
            return database_versions(), None, None
        return self._versions(replies[0]), value, (replies[1:] if also is not None else None)

    def _versions(self, stored):
        """The versions of the hash's contents; from the database (refilling the hash) when it
        is not complete."""
        if stored.get(COMPLETE.encode()) is not None:
            return {scope.decode(): int(version) for scope, version in stored.items() if scope != COMPLETE.encode()}
        versions = database_versions()
        try:
            self._merge(versions, complete=True)
        except CacheUnavailable:
            pass
        return versions

    def pushed(self, versions):
        try:
            self._merge(versions, complete=False)
        except CacheUnavailable:
            self._retry_later(versions)

    def _merge(self, versions, *, complete):
        arguments = [self.timeout, "1" if complete else "0"]
        for scope, version in versions.items():
            arguments += [scope, version]
        self.cache.call(lambda client: client.eval(MERGE_SCRIPT, 1, self._key(), *arguments))

    # Pushes that failed

    def _retry_later(self, versions):
        with self._lock:
            for scope, version in versions.items():
                self._pending[scope] = max(version, self._pending.get(scope, version))
            if self._pending_since is None:
                self._pending_since = time.monotonic()
            if self._retrying is None or not self._retrying.is_alive():
                self._retrying = threading.Thread(target=self._push_pending, name="content-version-push", daemon=True)
                self._retrying.start()

    def _push_pending(self):
        while True:
            time.sleep(self.retry_interval)
            with self._lock:
                pending = dict(self._pending)
                if not pending or time.monotonic() - self._pending_since > self.timeout:
                    # Older than any hash that could hold the numbers before the push: it expired.
                    self._pending, self._pending_since = {}, None
                    return
            try:
                self._merge(pending, complete=False)
            except CacheUnavailable:
                continue
            with self._lock:
                for scope, version in pending.items():
                    if self._pending.get(scope) == version:
                        del self._pending[scope]
                if not self._pending:
                    self._pending_since = None
                    return

    @property
    def pending(self):
        with self._lock:
            return dict(self._pending)


_stores = {}


def version_store():
    """The store ``settings.CONTENT_VERSIONS`` configures (one per process and configuration)."""
    config = getattr(settings, "CONTENT_VERSIONS", None) or {"BACKEND": "cms.core.version_stores.DatabaseVersionStore"}
    key = (config["BACKEND"], tuple(sorted((config.get("OPTIONS") or {}).items())))
    if key not in _stores:
        _stores[key] = import_string(config["BACKEND"])(**(config.get("OPTIONS") or {}))
    return _stores[key]
