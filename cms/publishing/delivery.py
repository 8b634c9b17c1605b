"""Webhook deliveries: queued in the publishing transaction's aftermath (a database insert,
no HTTP), sent by the `deliver_webhooks` worker with retries and backoff."""

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.utils import timezone

from . import outbox
from .models import ContentEvent, WebhookDelivery, WebhookEndpoint
from .settings import publishing_setting
from .signatures import signed_headers

USER_AGENT = "storefront-content-webhooks/1"


def enqueue_deliveries(events):
    """One delivery per event and active endpoint that wants it."""
    endpoints = list(WebhookEndpoint.objects.filter(is_active=True))
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, next_attempt_at=event.occurred_at)
        for event in events
        for endpoint in endpoints
        if endpoint.wants(event)
    )


def event_payload(event):
    return {
        "id": str(event.pk),
        "type": event.type_name,
        "occurredAt": event.occurred_at.isoformat(),
        "object": {
            "kind": event.kind,
            "type": event.object_type,
            "id": event.object_id,
            "locale": event.locale,
            "translationKey": str(event.translation_key) if event.translation_key else None,
            "slug": event.slug,
            "urlPath": event.url_path or None,
            "previousUrlPath": event.previous_url_path or None,
        },
    }


def claim_due(now, limit):
    """Due deliveries of active endpoints, taken by this worker (outbox.claim_due); the lease
    outlasts the HTTP timeout."""
    deliveries = WebhookDelivery.objects.filter(endpoint__is_active=True).select_related("endpoint", "event")
    return outbox.claim_due(deliveries, now, limit, publishing_setting("DELIVERY_TIMEOUT_SECONDS") + 60)


def send(delivery, now):
    """POST the delivery's event, signed; an ``outbox.Outcome``. Touches no database, so
    several may run at once in threads."""
    event = delivery.event
    body = json.dumps(event_payload(event), separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signed_headers(delivery.endpoint.secret, event.pk, body, timestamp=now.timestamp()),
    }
    timeout = publishing_setting("DELIVERY_TIMEOUT_SECONDS")
    return outbox.http_request("POST", delivery.endpoint.url, body=body, headers=headers, timeout=timeout)


def apply_outcome(delivery, outcome, now):
    """Set the delivery's state after one attempt (not saved)."""
    return outbox.record_attempt(
        delivery, outcome, now,
        max_attempts=publishing_setting("MAX_ATTEMPTS"), retry_delays=publishing_setting("RETRY_DELAYS_SECONDS"),
    )


def deliver_due(limit=None):
    """Send the deliveries due now, CONCURRENCY at a time (a slow endpoint holds up one
    thread, not the others); how many were attempted."""
    now = timezone.now()
    claimed = claim_due(now, limit or publishing_setting("BATCH_SIZE"))
    if not claimed:
        return 0
    with ThreadPoolExecutor(max_workers=min(len(claimed), publishing_setting("CONCURRENCY"))) as pool:
        outcomes = list(pool.map(lambda delivery: send(delivery, now), claimed))
    for delivery, outcome in zip(claimed, outcomes):
        apply_outcome(delivery, outcome, now)
    outbox.save_outcomes(claimed)
    return len(claimed)


retry_now = outbox.retry_now


def remove_old_events(now=None):
    """Events (and their deliveries) older than the retention; how many events went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=publishing_setting("EVENT_RETENTION_DAYS"))
    old = ContentEvent.objects.filter(occurred_at__lt=cutoff)
    WebhookDelivery.objects.filter(event__in=old).delete()
    return old.delete()[0]
