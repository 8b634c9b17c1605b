"""API keys for stock ingestion: how they are made, stored and checked.

A key reads ``sk_<prefix>_<secret>``: the prefix (8 hex characters) finds the key's row, the
secret is 32 random bytes (URL-safe base64). Only a SHA-256 digest of the whole key is
stored. A slow password hasher (PBKDF2, Argon2) protects *guessable* secrets against an
attacker who stole the table; a 256-bit random secret cannot be guessed, so a fast digest is
as safe and keeps each request cheap (a password hasher costs tens to hundreds of
milliseconds per request, on every batch a store system sends).
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.utils import timezone

from .models import StockApiKey

KEY_PREFIX = "sk_"
# Writing last_used_at on every batch would make each busy key a hot row; once a minute is
# precise enough for an admin deciding whether a key is still in use.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(plain_key):
    return hashlib.sha256(plain_key.encode()).hexdigest()


def issue_key(api_key):
    """Give ``api_key`` (saved or not) a new secret; returns the plain key, shown only once.
    The caller saves the key."""
    api_key.prefix = secrets.token_hex(4)
    plain_key = f"{KEY_PREFIX}{api_key.prefix}_{secrets.token_urlsafe(32)}"
    api_key.secret_hash = digest(plain_key)
    return plain_key


def bearer_token(authorization_header):
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, token = (authorization_header or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate(plain_key, *, now=None):
    """The active StockApiKey matching ``plain_key``, or None."""
    if not plain_key or not plain_key.startswith(KEY_PREFIX):
        return None
    prefix, separator, _ = plain_key[len(KEY_PREFIX) :].partition("_")
    if not separator:
        return None
    api_key = StockApiKey.objects.filter(prefix=prefix, is_active=True).first()
    if api_key is None or not hmac.compare_digest(api_key.secret_hash, digest(plain_key)):
        return None
    now = now or timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_PRECISION:
        StockApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key
