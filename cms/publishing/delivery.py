"""Webhook deliveries: queued in the publishing transaction's aftermath (a database insert,
no HTTP), sent by the `deliver_webhooks` worker with retries and backoff."""

import json
from concurrent.futures import ThreadPoolExecutor
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .models import ContentEvent, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from .settings import publishing_setting
from .signatures import signed_headers

DUE_STATUSES = [DeliveryStatus.PENDING, DeliveryStatus.FAILED]
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


def retry_delay(attempts):
    """The wait after the ``attempts``-th failed attempt."""
    delays = publishing_setting("RETRY_DELAYS_SECONDS")
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def claim_due(now, limit):
    """Due deliveries of active endpoints, taken by this worker: each is leased (its next
    attempt moved past the HTTP timeout) in a short transaction, so workers running side by
    side never send the same one, and one a crashed worker held becomes due again."""
    lease = timedelta(seconds=publishing_setting("DELIVERY_TIMEOUT_SECONDS") + 60)
    with transaction.atomic():
        due = WebhookDelivery.objects.filter(
            status__in=DUE_STATUSES, next_attempt_at__lte=now, endpoint__is_active=True
        ).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        claimed = list(due.select_related("endpoint", "event")[:limit])
        WebhookDelivery.objects.filter(pk__in=[delivery.pk for delivery in claimed]).update(next_attempt_at=now + lease)
    return claimed


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: the receiver is the configured URL."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url, body, headers, timeout):
    """(status code or None, error text, milliseconds)."""
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    started = time.monotonic()
    status, error = None, ""
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as failure:
        status, error = failure.code, f"HTTP {failure.code} {failure.reason}"
        failure.close()
    except urllib.error.URLError as failure:
        error = str(failure.reason)
    except (OSError, ValueError) as failure:  # timeouts, resets, malformed responses
        error = str(failure) or type(failure).__name__
    return status, error, int((time.monotonic() - started) * 1000)


def send(delivery, now):
    """POST the delivery's event, signed; (status code or None, error text, milliseconds).
    Touches no database, so several may run at once in threads."""
    event = delivery.event
    body = json.dumps(event_payload(event), separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signed_headers(delivery.endpoint.secret, event.pk, body, timestamp=now.timestamp()),
    }
    return post(delivery.endpoint.url, body, headers, timeout=publishing_setting("DELIVERY_TIMEOUT_SECONDS"))


OUTCOME_FIELDS = [
    "attempts", "last_attempt_at", "last_status_code", "response_time_ms", "status", "last_error", "next_attempt_at"
]


def apply_outcome(delivery, outcome, now):
    """Set the delivery's state after one attempt (not saved)."""
    status, error, elapsed_ms = outcome
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = status
    delivery.response_time_ms = elapsed_ms
    if status is not None and 200 <= status < 300:
        delivery.status, delivery.last_error, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, "", None
    elif delivery.attempts >= publishing_setting("MAX_ATTEMPTS"):
        delivery.status, delivery.last_error, delivery.next_attempt_at = DeliveryStatus.GAVE_UP, error, None
    else:
        delivery.status, delivery.last_error = DeliveryStatus.FAILED, error or f"HTTP {status}"
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    return delivery


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
    WebhookDelivery.objects.bulk_update(claimed, OUTCOME_FIELDS)
    return len(claimed)


def retry_now(delivery):
    """One more attempt as soon as a worker looks (also after giving up)."""
    delivery.status = DeliveryStatus.PENDING if delivery.attempts == 0 else DeliveryStatus.FAILED
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])


def remove_old_events(now=None):
    """Events (and their deliveries) older than the retention; how many events went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=publishing_setting("EVENT_RETENTION_DAYS"))
    old = ContentEvent.objects.filter(occurred_at__lt=cutoff)
    WebhookDelivery.objects.filter(event__in=old).delete()
    return old.delete()[0]
