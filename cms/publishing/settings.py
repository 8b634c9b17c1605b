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
