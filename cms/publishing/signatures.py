"""Signing webhook requests, and the check a receiver runs.

The signed text is ``f"{webhook_id}.{timestamp}.{body}"``; the signature is its HMAC-SHA256
with the endpoint's secret, sent as ``Webhook-Signature: v1=<hex>``. The timestamp (unix
seconds, ``Webhook-Timestamp``) is inside the signature, so a receiver that rejects old
timestamps also rejects replays of a captured request.
"""

import hashlib
import hmac
import time

SCHEME = "v1"
DEFAULT_TOLERANCE_SECONDS = 300


class InvalidSignature(Exception):
    pass


def signature(secret, webhook_id, timestamp, body):
    if isinstance(body, str):
        body = body.encode()
    message = f"{webhook_id}.{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(secret, webhook_id, body, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    return {
        "Webhook-Id": str(webhook_id),
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": f"{SCHEME}={signature(secret, webhook_id, timestamp, body)}",
    }


def verify_signature(secret, headers, body, tolerance=DEFAULT_TOLERANCE_SECONDS, now=None):
    """Raise InvalidSignature unless ``headers`` (any mapping; names case-insensitive) sign
    ``body`` (bytes, as received) with ``secret`` within ``tolerance`` seconds of ``now``."""
    lowered = {name.lower(): value for name, value in headers.items()}
    try:
        webhook_id = lowered["webhook-id"]
        timestamp = int(lowered["webhook-timestamp"])
        sent = lowered["webhook-signature"]
    except (KeyError, ValueError) as error:
        raise InvalidSignature("Missing or malformed webhook headers.") from error
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise InvalidSignature("Timestamp outside the tolerance (a replay or a wrong clock).")
    expected = signature(secret, webhook_id, timestamp, body)
    # Several signatures may be sent space-separated (while a secret is being rotated).
    candidates = [part.split("=", 1)[1] for part in sent.split() if part.startswith(f"{SCHEME}=")]
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise InvalidSignature("Signature does not match.")
    return True
