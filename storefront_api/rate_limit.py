"""Rate limiting per client address: a fixed window counted in a Django cache. Two scopes
with their own counts: requests to /graphql (RATE_LIMIT) and image renditions rendered on
first fetch (RENDITION_RATE_LIMIT, see images/views.py).

With the default per-process cache (LocMem) each app process counts on its own, so the
effective limit is RATE_LIMIT times the number of processes; with Redis (REDIS_URL) the count
is one for every process of every app server: ``incr`` on a key that carries the window is
atomic in Redis. While Redis cannot be asked (cms/core/cache.py: CacheUnavailable) each process
counts in its own memory again: the limit still holds, per process, and no request fails. A
GET /graphql that the response cache looks up is counted in the same Redis round trip as the
lookup (``SharedCount``, used by http_cache.ResponseCacheMiddleware) and not again by the view.
"""

import math
import time
from functools import lru_cache, wraps

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.http import JsonResponse
from django.utils.cache import patch_cache_control

from cms.core.cache import CacheUnavailable, SharedRedisCache

from .settings import api_setting

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
KEY_PREFIX = "storefront_api:rate:"
clock = time.time  # tests replace it with a fake clock
# Counts of this process while the shared cache cannot be asked.
local_counts = LocMemCache("storefront-rate-limit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


@lru_cache(maxsize=8)
def parse_rate(text, setting="RATE_LIMIT"):
    """``(count, unit, seconds)`` of a rate such as "300/minute", or None when it is off."""
    if not (text or "").strip():
        return None
    count, _, unit = text.strip().partition("/")
    unit = unit.strip().lower().removesuffix("s")
    if not count.strip().isdigit() or int(count) < 1 or unit not in UNITS:
        raise ImproperlyConfigured(
            f"STOREFRONT_API['{setting}'] must look like '300/minute' (units: {', '.join(UNITS)}), got {text!r}"
        )
    return int(count), unit, UNITS[unit]


def client_address(request, trusted_proxy_count):
    """REMOTE_ADDR, or with ``trusted_proxy_count`` proxies in front of the app the address
    the outermost of them saw: the entry that many places from the right of X-Forwarded-For
    (entries further left were written by the client and may be forged)."""
    if trusted_proxy_count:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-min(trusted_proxy_count, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def seconds_until_allowed(client, count, window, store, now):
    """Count a request of ``client``; 0 when it is within ``count`` per ``window`` seconds,
    else the seconds until the current window ends."""
    window_start = int(now // window) * window
    key = window_key(window, window_start, client)
    try:
        used = count_request(store, key, window)
    except CacheUnavailable:
        used = count_request(local_counts, key, window)
    return 0 if used <= count else seconds_left(window, window_start, now)


def window_key(window, window_start, client):
    return f"{KEY_PREFIX}{window}:{window_start}:{client}"


def seconds_left(window, window_start, now):
    return max(1, math.ceil(window_start + window - now))


def count_request(store, key, window):
    """The count of ``key`` with this request, incremented atomically in ``store``."""
    if isinstance(store, SharedRedisCache):
        return store.count(key, window + 1)  # one round trip instead of three
    store.add(key, 0, timeout=window + 1)
    try:
        return store.incr(key)
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=window + 1)
        return 1


def over_limit(request, setting="RATE_LIMIT"):
    """Count this request against the rate in ``setting``; a 429 response when it goes over,
    else None. Each setting keeps its own counts."""
    rate = parse_rate(api_setting(setting), setting)
    if rate is None:
        return None
    count, unit, window = rate
    client = client_address(request, api_setting("TRUSTED_PROXY_COUNT"))
    if setting != "RATE_LIMIT":
        client = f"{setting}:{client}"
    store = caches[api_setting("RATE_LIMIT_CACHE_ALIAS")]
    retry_after = seconds_until_allowed(client, count, window, store, clock())
    return too_many_requests(count, unit, retry_after) if retry_after else None


def rate_limited(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, COUNTED_MARK, False):  # counted with the response cache's lookup
            return view(request, *args, **kwargs)
        return over_limit(request) or view(request, *args, **kwargs)

    return wrapper


COUNTED_MARK = "_storefront_rate_counted"


class SharedCount:
    """A request's count against RATE_LIMIT sent with another read of the Redis that counts
    (the response cache's lookup, http_cache.py): one round trip for both. ``queue`` queues
    the count's commands in that read's pipeline, ``verdict`` reads their replies."""

    def __init__(self, request, store, rate):
        self.request = request
        self.count, self.unit, self.window = rate
        self.now = clock()
        self.window_start = int(self.now // self.window) * self.window
        client = client_address(request, api_setting("TRUSTED_PROXY_COUNT"))
        self.queue = store.count_commands(window_key(self.window, self.window_start, client), self.window + 1)

    def verdict(self, replies):
        """The 429 response when the count (the last of ``replies``) is over the rate, else
        None; the request is counted either way (``rate_limited`` does not count it again)."""
        setattr(self.request, COUNTED_MARK, True)
        if replies[-1] <= self.count:
            return None
        return too_many_requests(self.count, self.unit, seconds_left(self.window, self.window_start, self.now))


def shared_count(request, store):
    """A SharedCount of ``request`` when RATE_LIMIT is on and counted in ``store``, the shared
    Redis cache; else None (``over_limit`` counts it)."""
    rate = parse_rate(api_setting("RATE_LIMIT"))
    if rate is None or not isinstance(store, SharedRedisCache):
        return None
    if caches[api_setting("RATE_LIMIT_CACHE_ALIAS")] is not store:
        return None
    return SharedCount(request, store, rate)


def too_many_requests(count, unit, retry_after):
    message = f"Rate limit of {count} requests per {unit} exceeded; retry after {retry_after} s"
    response = JsonResponse({"errors": [{"message": message, "extensions": {"code": "RATE_LIMITED"}}]}, status=429)
    response["Retry-After"] = str(retry_after)
    patch_cache_control(response, no_store=True)
    return response
