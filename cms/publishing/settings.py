"""The publishing settings: one dict, ``PUBLISHING`` in Django settings, read here with defaults."""

from cms.core.settings_dicts import settings_dict_reader

DEFAULTS = {
    # Content events older than this are removed by `manage.py deliver_webhooks`; a sync
    # asking about an older moment is told to rebuild in full.
    "EVENT_RETENTION_DAYS": 90,
    # Seconds an HTTP delivery may take before it counts as failed.
    "DELIVERY_TIMEOUT_SECONDS": 5,
    # Waits before the 2nd, 3rd, … attempt; after MAX_ATTEMPTS failures a delivery gives up.
    "RETRY_DELAYS_SECONDS": [30, 120, 600, 3600, 21600],
    "MAX_ATTEMPTS": 6,
    # Deliveries a worker claims at once, and how many of them it sends at the same time.
    "BATCH_SIZE": 50,
    "CONCURRENCY": 8,
    # Events this young are not listed by the `changes` query yet, so that an event whose
    # transaction commits a moment after a higher id's is never skipped by a stored cursor.
    "SYNC_SETTLE_SECONDS": 2,
}


publishing_setting = settings_dict_reader("PUBLISHING", DEFAULTS)


# The CDN or cache in front of the app (docs/caching.md): which purger
# sends purges, the response header that names a response's surrogate keys, and how purges
# are retried. ``CDN`` in Django settings, read here with these defaults.
CDN_DEFAULTS = {
    # Dotted path of a class of cms/publishing/purgers/ (or your own with the same
    # interface) and its options; the default purges nothing.
    "PURGER": "cms.publishing.purgers.base.NoPurger",
    "PURGER_OPTIONS": {},
    # xkey (Varnish), Surrogate-Key (Fastly) or Cache-Tag (Cloudflare); keys are separated
    # by commas for Cache-Tag, by spaces otherwise.
    "SURROGATE_KEY_HEADER": "Surrogate-Key",
    # Longest header value; a response with more keys carries its site's fallback keys.
    "SURROGATE_KEY_MAX_BYTES": 8000,
    # Seconds one purge request may take; waits before the 2nd, 3rd, … attempt of a purge,
    # which gives up after MAX_ATTEMPTS failures (the response's max-age still bounds it).
    "PURGE_TIMEOUT_SECONDS": 5,
    "PURGE_RETRY_DELAYS_SECONDS": [5, 15, 60, 300, 900, 3600],
    "PURGE_MAX_ATTEMPTS": 10,
    # Seconds after a purge succeeded to purge the same keys once more (0: never): a
    # response the app was still building from the old content when the first purge reached
    # the cache is stored after it, and only a second purge removes it.
    "PURGE_REPEAT_SECONDS": 5,
    # Purges a worker takes at once (their keys are merged into as few requests as the
    # purger allows).
    "PURGE_BATCH_SIZE": 200,
}


cdn_setting = settings_dict_reader("CDN", CDN_DEFAULTS)
