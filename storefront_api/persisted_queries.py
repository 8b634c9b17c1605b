"""Persisted queries, by the convention Apollo clients use: a request may carry
``extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`` instead of, or
with, its query text.

Modes (STOREFRONT_API["PERSISTED_QUERIES"]):
- "off": a hash alone is answered with PersistedQueryNotSupported; query texts run.
- "automatic": a known hash runs its query; an unknown one gets PersistedQueryNotFound, and
  the client sends text and hash together, which stores the query once it has run.
- "registered-only": only queries registered with `manage.py register_queries` run, sent
  by hash or as text.

Stored queries live in the database (``PersistedQuery``), shared by every app server. Queries
stored automatically are capped (PERSISTED_QUERIES_MAX): storing one more removes the least
recently used (``last_used_at``, refreshed at most once an hour per query so that running a
query rarely writes). Registered queries are never removed that way. Admins see and clear them
in the admin (Settings → Persisted queries) or with `manage.py persisted_queries`.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from graphql import GraphQLError, OperationDefinitionNode, parse

from .models import PersistedQuery
from .settings import api_setting

OFF = "off"
AUTOMATIC = "automatic"
REGISTERED_ONLY = "registered-only"
MODES = (OFF, AUTOMATIC, REGISTERED_ONLY)
SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")
# How stale ``last_used_at`` may get before a use writes it again.
LAST_USED_RESOLUTION = timedelta(hours=1)


class PersistedQueryError(Exception):
    def __init__(self, message, code, status):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status

    @property
    def formatted(self):
        return {"message": self.message, "extensions": {"code": self.code}}


@dataclass(frozen=True)
class Lookup:
    query: str | None
    # Set when the query should be stored (automatic mode) once it has run without errors.
    store_as: str | None = None


def query_hash(query):
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def operation_names(text):
    """The names of the operations in a query text, comma-separated, for people to read."""
    try:
        definitions = parse(text).definitions
    except GraphQLError:
        return "(not GraphQL)"
    operations = [definition for definition in definitions if isinstance(definition, OperationDefinitionNode)]
    return ", ".join(operation.name.value if operation.name else "(anonymous)" for operation in operations)


def mode():
    value = api_setting("PERSISTED_QUERIES")
    if value not in MODES:
        raise ValueError(f"STOREFRONT_API['PERSISTED_QUERIES'] is {value!r}; use one of {', '.join(MODES)}.")
    return value


def requested_hash(extensions):
    """The sha256 a request names in ``extensions`` (a dict, or JSON text over GET), or None."""
    if isinstance(extensions, str):
        try:
            extensions = json.loads(extensions)
        except ValueError:
            raise PersistedQueryError("`extensions` is not valid JSON.", "BAD_REQUEST", 400) from None
    if not isinstance(extensions, dict) or extensions.get("persistedQuery") is None:
        return None
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise PersistedQueryError("`extensions.persistedQuery.version` must be 1.", "PERSISTED_QUERY_INVALID", 400)
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not SHA256_HEX.fullmatch(sha256):
        raise PersistedQueryError(
            "`extensions.persistedQuery.sha256Hash` must be 64 hexadecimal characters.", "PERSISTED_QUERY_INVALID", 400
        )
    return sha256.lower()


def resolve(query, extensions):
    """What to run for a request's ``query`` text and ``extensions``; raises
    PersistedQueryError with the answer to give instead."""
    current = mode()
    if current == OFF:
        if not query and requested_hash(extensions):
            raise PersistedQueryError("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED", 200)
        return Lookup(query)
    sha256 = requested_hash(extensions)
    if query:
        if sha256 is not None and query_hash(query) != sha256:
            raise PersistedQueryError(
                "`extensions.persistedQuery.sha256Hash` is not the sha256 of the query.", "PERSISTED_QUERY_HASH_MISMATCH", 400
            )
        if current == REGISTERED_ONLY:
            if stored_query(sha256 or query_hash(query), registered_only=True) is None:
                raise not_registered()
            return Lookup(query)
        return Lookup(query, store_as=sha256)
    if sha256 is None:
        return Lookup(None)
    stored = stored_query(sha256, registered_only=current == REGISTERED_ONLY)
    if stored is None:
        if current == REGISTERED_ONLY:
            raise not_registered()
        # Apollo clients expect this message with a 200, then send the text with the hash.
        raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", 200)
    return Lookup(stored)


def not_registered():
    return PersistedQueryError(
        "Only registered queries may run here (PERSISTED_QUERIES is registered-only).", "PERSISTED_QUERY_NOT_REGISTERED", 403
    )


def stored_query(sha256, *, registered_only):
    queries = PersistedQuery.objects.filter(sha256=sha256)
    if registered_only:
        queries = queries.filter(source=PersistedQuery.Source.REGISTERED)
    found = queries.values_list("pk", "query", "last_used_at").first()
    if found is None:
        return None
    pk, query, last_used_at = found
    mark_used(pk, last_used_at)
    return query


def mark_used(pk, last_used_at):
    """Records a use when the last one recorded is over LAST_USED_RESOLUTION old (one UPDATE
    an hour per query; concurrent ones update once)."""
    now = timezone.now()
    if last_used_at < now - LAST_USED_RESOLUTION:
        PersistedQuery.objects.filter(pk=pk, last_used_at=last_used_at).update(last_used_at=now)


def store_automatic(sha256, query):
    stored, created = PersistedQuery.objects.get_or_create(sha256=sha256, defaults={"query": query})
    if not created:
        mark_used(stored.pk, stored.last_used_at)
        return
    cap = api_setting("PERSISTED_QUERIES_MAX")
    if cap:
        evict_least_recently_used(cap)


def evict_least_recently_used(cap):
    """Removes the least recently used automatic queries beyond ``cap``; how many it removed."""
    automatic = PersistedQuery.objects.filter(source=PersistedQuery.Source.AUTOMATIC)
    excess = automatic.count() - cap
    if excess <= 0:
        return 0
    oldest = list(automatic.order_by("last_used_at", "pk").values_list("pk", flat=True)[:excess])
    return PersistedQuery.objects.filter(pk__in=oldest, source=PersistedQuery.Source.AUTOMATIC).delete()[0]


def clear(sources):
    """Removes the stored queries of ``sources``; how many it removed."""
    return PersistedQuery.objects.filter(source__in=sources).delete()[0]


@dataclass(frozen=True)
class Registration:
    new: list
    promoted: list  # stored automatically before, registered now
    unchanged: list


def register(queries):
    """Registers ``queries`` (texts) in one transaction; returns their hashes by outcome."""
    by_hash = {query_hash(query): query for query in queries}
    with transaction.atomic():
        sources = dict(PersistedQuery.objects.filter(sha256__in=by_hash).values_list("sha256", "source"))
        new = [sha256 for sha256 in by_hash if sha256 not in sources]
        promoted = [sha256 for sha256, source in sources.items() if source != PersistedQuery.Source.REGISTERED]
        PersistedQuery.objects.bulk_create(
            PersistedQuery(sha256=sha256, query=by_hash[sha256], source=PersistedQuery.Source.REGISTERED) for sha256 in new
        )
        PersistedQuery.objects.filter(sha256__in=promoted).update(source=PersistedQuery.Source.REGISTERED)
    unchanged = [sha256 for sha256 in by_hash if sha256 not in new and sha256 not in promoted]
    return Registration(new=new, promoted=promoted, unchanged=unchanged)
