"""Cache purges: queued once the change commits (a database insert, no HTTP: a CDN that is
down never slows or fails publishing), sent by the ``purge_cache`` worker through the
configured purger (purgers/), retried with backoff (outbox.py) and logged (admin → Settings →
Cache purges). purge_keys.py says which keys each change purges.

The worker takes every due purge at once and merges their keys, so a burst of publishes or
stock batches costs as few requests as the purger allows.
"""

import logging
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from . import outbox
from .models import CachePurge, DeliveryStatus
from .purgers.base import NoPurger, PurgeFailed, get_purger
from .settings import cdn_setting

logger = logging.getLogger(__name__)

# Seconds a claimed batch stays taken (then a crashed worker's batch is due again).
LEASE_SECONDS = 300
RETENTION_DAYS = 7


def purging_enabled():
    return cdn_setting("PURGER") != f"{NoPurger.__module__}.{NoPurger.__name__}"


def enqueue(reason, keys_of, urls_of=list):
    """Queue a purge (call it after the change committed): ``keys_of()`` and ``urls_of()``
    compute its keys and storefront URLs. Nothing when no purger is configured."""
    if not purging_enabled():
        return None
    keys = sorted(keys_of())
    if not keys:
        return None
    return CachePurge.objects.create(reason=reason[:200], keys=keys, urls=urls_of())


def purge_after_commit(reason, keys_of):
    """Queue a purge once the current transaction commits (at once outside one); nothing
    when it rolls back."""
    if purging_enabled():
        transaction.on_commit(lambda: enqueue(reason, keys_of))


def purge_due(limit=None):
    """Send the purges due now, their keys merged; how many purges were attempted."""
    now = timezone.now()
    claimed = outbox.claim_due(CachePurge.objects.all(), now, limit or cdn_setting("PURGE_BATCH_SIZE"), LEASE_SECONDS)
    if not claimed:
        return 0
    keys = set().union(*(purge.keys for purge in claimed))
    purger = get_purger()
    started = time.monotonic()
    try:
        status, elapsed_ms = purger.purge(keys)
        outcome = outbox.Outcome(status or 200, "", elapsed_ms)
    except PurgeFailed as failure:
        outcome = outbox.Outcome(failure.status, failure.message, failure.elapsed_ms)
    for purge in claimed:
        outbox.record_attempt(
            purge, outcome, now,
            max_attempts=cdn_setting("PURGE_MAX_ATTEMPTS"), retry_delays=cdn_setting("PURGE_RETRY_DELAYS_SECONDS"),
        )
    outbox.save_outcomes(claimed)
    if outcome.succeeded:
        logger.info("Purged %d keys of %d changes from %s in %d ms", len(keys), len(claimed), purger.name,
                    (time.monotonic() - started) * 1000)
        purge_page_urls([url for purge in claimed for url in purge.urls])
        repeat_later([purge for purge in claimed if purge.repeat_of_id is None], now)
    else:
        logger.warning("Purging %d keys of %d changes from %s failed (%s); retried later", len(keys), len(claimed),
                       purger.name, outcome.error)
    return len(claimed)


def repeat_later(purges, now):
    """Queue each first purge once more, PURGE_REPEAT_SECONDS later: a response the app was
    still building from the old content when the purge reached the cache (its request came
    in before the commit) is stored after the purge, and only a second purge removes it."""
    delay = cdn_setting("PURGE_REPEAT_SECONDS")
    if not delay or not purges:
        return
    CachePurge.objects.bulk_create(
        CachePurge(reason=f"{purge.reason} (again)"[:200], keys=purge.keys, repeat_of=purge,
                   next_attempt_at=now + timedelta(seconds=delay))
        for purge in purges
    )


def purge_page_urls(urls):
    """Storefront page URLs through Wagtail's frontend cache backends (WAGTAILFRONTENDCACHE).
    Best effort: those backends log a failure and report nothing, so it is not retried."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    if not urls:
        return
    for backend in get_backends().values():
        mine = [url for url in dict.fromkeys(urls) if backend.invalidates_hostname(urlsplit(url).netloc)]
        if mine:
            backend.purge_batch(mine)


retry_now = outbox.retry_now


def remove_old_purges(now=None):
    """Purges that succeeded or gave up more than RETENTION_DAYS ago; how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=RETENTION_DAYS)
    done = CachePurge.objects.filter(status__in=[DeliveryStatus.SUCCEEDED, DeliveryStatus.GAVE_UP])
    return done.filter(created_at__lt=cutoff).delete()[0]
