"""The outbox that webhook deliveries and cache purges go through.

Rows (``OutboxItem``) are inserted once the change's transaction commits — no HTTP in the
editor's request, so a slow or dead receiver never slows or fails a publish. A worker claims
the rows that are due (leased: workers side by side never take the same row, and a row a
crashed worker held becomes due again), attempts them, and records the outcome: success,
a retry after a growing delay, or giving up after the last attempt.
"""

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .models import DeliveryStatus

DUE_STATUSES = [DeliveryStatus.PENDING, DeliveryStatus.FAILED]
OUTCOME_FIELDS = [
    "attempts", "last_attempt_at", "last_status_code", "response_time_ms", "status", "last_error", "next_attempt_at"
]


@dataclass(frozen=True)
class Outcome:
    """How one attempt went: the HTTP status (None when no answer came), an error text
    (empty on success) and the time it took."""

    status: int | None
    error: str
    elapsed_ms: int

    @property
    def succeeded(self):
        return self.status is not None and 200 <= self.status < 300 and not self.error


def claim_due(queryset, now, limit, lease_seconds):
    """Up to ``limit`` rows of ``queryset`` due at ``now``, oldest first, taken by this
    worker: their next attempt moves ``lease_seconds`` ahead, in a short transaction."""
    with transaction.atomic():
        due = queryset.filter(status__in=DUE_STATUSES, next_attempt_at__lte=now).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        claimed = list(due[:limit])
        lease_end = now + timedelta(seconds=lease_seconds)
        queryset.model.objects.filter(pk__in=[item.pk for item in claimed]).update(next_attempt_at=lease_end)
    return claimed


def record_attempt(item, outcome, now, *, max_attempts, retry_delays):
    """Set ``item``'s state after one attempt (not saved): succeeded, failed (due again after
    ``retry_delays[attempts - 1]`` seconds, the last delay repeating) or gave up."""
    item.attempts += 1
    item.last_attempt_at = now
    item.last_status_code = outcome.status
    item.response_time_ms = outcome.elapsed_ms
    if outcome.succeeded:
        item.status, item.last_error, item.next_attempt_at = DeliveryStatus.SUCCEEDED, "", None
    elif item.attempts >= max_attempts:
        item.status, item.last_error, item.next_attempt_at = DeliveryStatus.GAVE_UP, outcome.error, None
    else:
        item.status, item.last_error = DeliveryStatus.FAILED, outcome.error or f"HTTP {outcome.status}"
        delay = retry_delays[min(item.attempts, len(retry_delays)) - 1]
        item.next_attempt_at = now + timedelta(seconds=delay)
    return item


def save_outcomes(items):
    if items:
        type(items[0]).objects.bulk_update(items, OUTCOME_FIELDS)


def retry_now(item):
    """One more attempt as soon as a worker looks (also after giving up)."""
    item.status = DeliveryStatus.PENDING if item.attempts == 0 else DeliveryStatus.FAILED
    item.next_attempt_at = timezone.now()
    item.save(update_fields=["status", "next_attempt_at"])


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: the receiver is the configured URL."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def http_request(method, url, *, body=None, headers=None, timeout):
    """Send one request; a ``Response`` whatever happens (refused, timed out, 5xx, …)."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    started = time.monotonic()
    status, error, text = None, "", ""
    try:
        with _opener.open(request, timeout=timeout) as response:
            status, text = response.status, response.read(65536).decode("utf-8", "replace")
    except urllib.error.HTTPError as failure:
        status, error = failure.code, f"HTTP {failure.code} {failure.reason}"
        try:
            text = failure.read(65536).decode("utf-8", "replace")
        except OSError:
            pass
        failure.close()
    except urllib.error.URLError as failure:
        error = str(failure.reason)
    except (OSError, ValueError) as failure:  # timeouts, resets, malformed responses
        error = str(failure) or type(failure).__name__
    return Response(status, error, int((time.monotonic() - started) * 1000), text)


@dataclass(frozen=True)
class Response(Outcome):
    """An ``Outcome`` with the body of the answer (what an API said about the request)."""

    text: str = ""


def run_worker(send_due, clean_up, *, once=False, interval=1.0, clean_up_every=3600):
    """A worker's loop: ``send_due()`` (returns how many it attempted) until nothing is due
    (``once``) or forever, waiting ``interval`` seconds when idle; ``clean_up()`` at the
    start and hourly. Returns how many were attempted."""
    clean_up()
    last_cleanup = time.monotonic()
    attempted = 0
    while True:
        sent = send_due()
        attempted += sent
        if once and not sent:
            return attempted
        if not sent:
            time.sleep(interval)
        if time.monotonic() - last_cleanup > clean_up_every:
            clean_up()
            last_cleanup = time.monotonic()
