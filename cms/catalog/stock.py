"""Stock ingestion: absolute quantities per (store, SKU) from the store systems.

One function, ``ingest_stock_batch``, serves every way in (the HTTP endpoint in
``stock_api.py``, ``manage.py import_stock``, the GraphQL mutation). Its rules:

- A row is ``{store, sku, quantity, source_updated_at}``: ``store`` is the slug of the store
  page in the default language (store systems know their store by a stable code; the slug
  is that code, and the URL of the page), ``sku`` a product's SKU, ``quantity`` a whole
  number ≥ 0 (the absolute stock, not a delta), ``source_updated_at`` an ISO 8601 instant
  with its UTC offset, at most ``MAX_FUTURE_SECONDS`` ahead of the server's clock (a clock
  far ahead would otherwise block every later report for that row).
- A row is applied only when it is strictly newer than the stored level. Older → *stale*;
  the same instant and the same quantity → *unchanged*; the same instant with another
  quantity → *stale* (first report wins, so concurrent writers end in the same state
  whatever their order). A row repeated in a batch for the same store and SKU counts once,
  with its newest report; the others are stale.
- Error policy ``reject``: any bad row and nothing is applied, every error is reported.
  ``partial``: valid rows are applied, bad ones reported. Errors carry the row number
  (1-based, or the caller's numbers such as a file's line numbers), the field and a code.
- An idempotency key (required by the HTTP API, optional for trusted callers) makes a
  repeated batch return its first response without changing anything; the same key with
  another payload (rows and policy, compared by a SHA-256 of their canonical JSON) is
  refused. Keys are per API key. A batch refused as a whole (reject policy) is not
  recorded: nothing happened, so the client may correct it and send it again under the
  same key.
- No lost updates under concurrency: a single conditional upsert per chunk,
  ``INSERT … ON CONFLICT (store, product) DO UPDATE … WHERE stored < new``, which both
  PostgreSQL (row locks, the condition re-checked on the newest row version) and SQLite
  (one writer at a time) apply atomically. Rows are written in (store, product) order so
  concurrent batches lock rows in the same order and cannot deadlock.
- Stores and products of a batch are resolved with one query each.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from wagtail.models import Locale

from cms.core.content_version import STOCK, bump_after_commit
from cms.core.settings_dicts import settings_dict_reader
from cms.publishing.purge_keys import purge_stock_after_commit
from cms.stores.models import StorePage

from .models import Product, StockIngestionBatch, StockLevel

DEFAULTS = {
    # Rows one batch may hold (HTTP and GraphQL), and the largest HTTP body accepted.
    "MAX_ROWS": 5_000,
    "MAX_BODY_BYTES": 2_000_000,
    # How far ahead of the server's clock a source_updated_at may be.
    "MAX_FUTURE_SECONDS": 300,
}

REJECT, PARTIAL = "reject", "partial"
ERROR_POLICIES = (REJECT, PARTIAL)
MAX_QUANTITY = 2_147_483_647  # what a PositiveIntegerField holds on every database
MAX_IDEMPOTENCY_KEY_LENGTH = 200
UPSERT_CHUNK = 500  # rows per SQLite INSERT: 2,500 parameters, well within its limit
ROW_FIELDS = ("store", "sku", "quantity", "source_updated_at")


ingestion_setting = settings_dict_reader("STOCK_INGESTION", DEFAULTS)


class StockBatchError(Exception):
    """The batch as a whole is refused and nothing changed. ``code``: ``invalid``,
    ``too_many_rows`` or ``idempotency_conflict``; ``field`` names the bad field."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code, self.message, self.field = code, message, field

    def as_dict(self):
        return {"code": self.code, "message": self.message, "field": self.field}


@dataclass
class StockBatchResult:
    """What happened to a batch. ``outcome`` is ``applied`` (the batch ran, possibly with
    rejected rows under the partial policy) or ``rejected`` (reject policy: nothing applied)."""

    outcome: str = "applied"
    applied: int = 0
    unchanged: int = 0
    stale: int = 0
    rejected: int = 0
    stale_rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    replayed: bool = False
    # Ids of the store pages whose levels changed (not part of the answer: caches are told).
    changed_stores: set = field(default_factory=set, repr=False, compare=False)

    def as_dict(self):
        return {
            "outcome": self.outcome,
            "applied": self.applied,
            "unchanged": self.unchanged,
            "stale": self.stale,
            "rejected": self.rejected,
            "stale_rows": self.stale_rows,
            "errors": self.errors,
        }

    @classmethod
    def from_dict(cls, data, *, replayed=False):
        return cls(**{name: data[name] for name in cls().as_dict()}, replayed=replayed)


@dataclass(frozen=True)
class StockRow:
    number: int
    store: str
    sku: str
    quantity: int
    source_updated_at: datetime


def row_error(number, field_name, code, message):
    return {"row": number, "field": field_name, "code": code, "message": message}


def parse_row(number, raw, *, now):
    """A StockRow, or the list of this row's errors (one per bad field)."""
    if not isinstance(raw, dict):
        return [row_error(number, None, "invalid", "A row must be an object with store, sku, quantity, source_updated_at.")]
    errors = []
    missing = [name for name in ROW_FIELDS if raw.get(name) in (None, "")]
    errors += [row_error(number, name, "required", f"{name} is required.") for name in missing]
    values = {}
    for name, max_length in (("store", 255), ("sku", 64)):
        value = raw.get(name)
        if name in missing:
            continue
        if not isinstance(value, str) or len(value) > max_length:
            errors.append(row_error(number, name, "invalid", f"{name} must be a string of at most {max_length} characters."))
        else:
            values[name] = value.strip()
    quantity = raw.get("quantity")
    if "quantity" not in missing:
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 0 <= quantity <= MAX_QUANTITY:
            errors.append(row_error(number, "quantity", "invalid", "quantity must be a whole number, 0 or more."))
        else:
            values["quantity"] = quantity
    if "source_updated_at" not in missing:
        parsed = parse_instant(raw.get("source_updated_at"))
        if parsed is None:
            errors.append(
                row_error(
                    number,
                    "source_updated_at",
                    "invalid",
                    "source_updated_at must be an ISO 8601 date and time with a UTC offset, e.g. 2026-03-01T09:30:00+01:00.",
                )
            )
        elif parsed > now + timedelta(seconds=ingestion_setting("MAX_FUTURE_SECONDS")):
            errors.append(row_error(number, "source_updated_at", "in_future", "source_updated_at is in the future."))
        else:
            values["source_updated_at"] = parsed
    if errors:
        return errors
    return StockRow(number=number, **values)


def parse_instant(value):
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None and parsed.utcoffset() is not None else None


def payload_hash(rows, error_policy):
    canonical = json.dumps(
        {"error_policy": error_policy, "rows": rows}, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_batch(rows, *, idempotency_key, error_policy, max_rows):
    if error_policy not in ERROR_POLICIES:
        raise StockBatchError("invalid", "error_policy must be “reject” or “partial”.", "error_policy")
    if not isinstance(rows, list):
        raise StockBatchError("invalid", "rows must be a list of rows.", "rows")
    if not rows:
        raise StockBatchError("invalid", "rows must hold at least one row.", "rows")
    if max_rows is not None and len(rows) > max_rows:
        raise StockBatchError("too_many_rows", f"A batch holds at most {max_rows} rows; this one has {len(rows)}.", "rows")
    if idempotency_key is not None and (
        not isinstance(idempotency_key, str)
        or not 1 <= len(idempotency_key) <= MAX_IDEMPOTENCY_KEY_LENGTH
        or not idempotency_key.isprintable()
    ):
        raise StockBatchError(
            "invalid",
            f"idempotency_key must be a string of 1 to {MAX_IDEMPOTENCY_KEY_LENGTH} printable characters.",
            "idempotency_key",
        )


class _Refused(Exception):
    """Rolls back a batch the reject policy refuses, carrying its result out."""

    def __init__(self, result):
        self.result = result


def ingest_stock_batch(
    rows, *, api_key=None, idempotency_key=None, error_policy=REJECT, row_numbers=None, max_rows=None, now=None
):
    """Apply a batch of stock rows (dicts); returns a StockBatchResult or raises
    StockBatchError. ``api_key`` limits the stores written to its scope (None: a trusted
    caller such as the import command, every store). ``max_rows`` defaults to the
    MAX_ROWS setting; pass 0 for no limit."""
    max_rows = ingestion_setting("MAX_ROWS") if max_rows is None else (max_rows or None)
    check_batch(rows, idempotency_key=idempotency_key, error_policy=error_policy, max_rows=max_rows)
    now = now or timezone.now()
    numbers = row_numbers or range(1, len(rows) + 1)
    client = f"key:{api_key.pk}" if api_key is not None else "internal"
    digest = payload_hash(rows, error_policy) if idempotency_key is not None else None
    try:
        with transaction.atomic():
            if idempotency_key is not None:
                replay = claim_idempotency_key(client, idempotency_key, digest)
                if replay is not None:
                    return replay
            result = apply_rows(rows, numbers, api_key=api_key, error_policy=error_policy, now=now)
            if result.applied:
                # The bulk upserts send no model signals: caches learn of new stock here, the
                # CDN only for the stores whose levels changed.
                bump_after_commit(STOCK)
                purge_stock_after_commit(result.changed_stores)
            if idempotency_key is not None:
                StockIngestionBatch.objects.filter(client=client, idempotency_key=idempotency_key).update(
                    response=result.as_dict()
                )
            return result
    except _Refused as refused:
        return refused.result


def claim_idempotency_key(client, idempotency_key, digest):
    """Record the key, or return the stored result of the batch that holds it. A concurrent
    batch with the same key waits here (unique index) until the first one commits."""
    try:
        with transaction.atomic():
            StockIngestionBatch.objects.create(
                client=client, idempotency_key=idempotency_key, payload_hash=digest, response={}
            )
        return None
    except IntegrityError:
        first = StockIngestionBatch.objects.get(client=client, idempotency_key=idempotency_key)
    if first.payload_hash != digest:
        raise StockBatchError(
            "idempotency_conflict",
            "This idempotency_key was already used for a different batch.",
            "idempotency_key",
        )
    return StockBatchResult.from_dict(first.response, replayed=True)


def apply_rows(raw_rows, numbers, *, api_key, error_policy, now):
    errors, parsed = [], []
    for number, raw in zip(numbers, raw_rows):
        row = parse_row(number, raw, now=now)
        if isinstance(row, StockRow):
            parsed.append(row)
        else:
            errors += row
    resolved, lookup_errors = resolve_rows(parsed, api_key)
    errors += lookup_errors
    rejected = len({error["row"] for error in errors})
    if errors and error_policy == REJECT:
        raise _Refused(StockBatchResult("rejected", rejected=rejected, errors=sorted_errors(errors)))
    written, unchanged, stale_rows = write_levels(resolved, now)
    return StockBatchResult(
        "applied",
        applied=len(written),
        unchanged=unchanged,
        stale=len(stale_rows),
        rejected=rejected,
        stale_rows=sorted(stale_rows),
        errors=sorted_errors(errors),
        changed_stores={store_id for store_id, _product_id in written},
    )


def sorted_errors(errors):
    return sorted(errors, key=lambda error: (error["row"], ROW_FIELDS.index(error["field"]) if error["field"] else -1))


def resolve_rows(rows, api_key):
    """[(row, store_id, product_id)] and the errors of rows whose store or SKU is unknown or
    whose store is outside the key's scope. One query for stores, one for products."""
    locale = Locale.get_default()
    store_ids = {}
    for slug, pk in StorePage.objects.filter(locale=locale, slug__in={row.store for row in rows}).values_list("slug", "pk"):
        store_ids.setdefault(slug, []).append(pk)
    product_ids = dict(
        Product.objects.filter(locale=locale, sku__in={row.sku for row in rows}).values_list("sku", "pk")
    )
    allowed = None
    if api_key is not None and not api_key.all_stores:
        allowed = set(api_key.stores.values_list("pk", flat=True))
    resolved, errors = [], []
    for row in rows:
        row_errors = []
        stores = store_ids.get(row.store, [])
        if not stores:
            row_errors.append(row_error(row.number, "store", "unknown_store", f"No store “{row.store}”."))
        elif len(stores) > 1:
            row_errors.append(
                row_error(row.number, "store", "ambiguous_store", f"Several store pages use the slug “{row.store}”.")
            )
        elif allowed is not None and stores[0] not in allowed:
            row_errors.append(
                row_error(row.number, "store", "forbidden_store", f"This API key may not write the stock of “{row.store}”.")
            )
        if row.sku not in product_ids:
            row_errors.append(row_error(row.number, "sku", "unknown_sku", f"No product with SKU “{row.sku}”."))
        if row_errors:
            errors += row_errors
        else:
            resolved.append((row, stores[0], product_ids[row.sku]))
    return resolved, errors


def write_levels(resolved, now):
    """Upsert the newest report per (store, product); returns (the (store id, product id)
    pairs written, unchanged, stale row numbers)."""
    newest, stale_rows, unchanged = {}, [], 0
    for row, store_id, product_id in resolved:
        pair = (store_id, product_id)
        kept = newest.get(pair)
        if kept is None:
            newest[pair] = row
        elif row.source_updated_at > kept.source_updated_at:
            stale_rows.append(kept.number)
            newest[pair] = row
        elif row.source_updated_at == kept.source_updated_at and row.quantity == kept.quantity:
            unchanged += 1
        else:
            stale_rows.append(row.number)
    pairs = sorted(newest)
    written = set()
    chunk = max(len(pairs), 1) if connection.vendor == "postgresql" else UPSERT_CHUNK  # arrays have no limit
    for start in range(0, len(pairs), chunk):
        written |= upsert_chunk([(pair, newest[pair]) for pair in pairs[start : start + chunk]], now)
    not_written = [pair for pair in pairs if pair not in written]
    if not_written:
        stored = {
            (store_id, product_id): (quantity, source_updated_at)
            for store_id, product_id, quantity, source_updated_at in StockLevel.objects.filter(
                store_id__in={store_id for store_id, _ in not_written},
                product_id__in={product_id for _, product_id in not_written},
            ).values_list("store_id", "product_id", "quantity", "source_updated_at")
        }
        for pair in not_written:
            row = newest[pair]
            if stored.get(pair) == (row.quantity, row.source_updated_at):
                unchanged += 1
            else:
                stale_rows.append(row.number)
    return written, unchanged, stale_rows


def upsert_chunk(items, now):
    """INSERT … ON CONFLICT DO UPDATE only where the stored report is strictly older; returns
    the (store_id, product_id) pairs inserted or updated."""
    table = connection.ops.quote_name(StockLevel._meta.db_table)
    if connection.vendor == "postgresql":
        # Four arrays instead of thousands of parameters: PostgreSQL parses one short statement.
        values = "SELECT *, %s::timestamptz FROM unnest(%s::bigint[], %s::bigint[], %s::integer[], %s::timestamptz[])"
        params = [now, *map(list, zip(*[(*pair, row.quantity, row.source_updated_at) for pair, row in items]))]
    else:
        adapt = connection.ops.adapt_datetimefield_value
        values = "VALUES " + ", ".join(["(%s, %s, %s, %s, %s)"] * len(items))
        params = []
        for (store_id, product_id), row in items:
            params += [store_id, product_id, row.quantity, adapt(row.source_updated_at), adapt(now)]
    sql = (
        f"INSERT INTO {table} (store_id, product_id, quantity, source_updated_at, updated_at) {values} "
        "ON CONFLICT (store_id, product_id) DO UPDATE SET quantity = excluded.quantity, "
        "source_updated_at = excluded.source_updated_at, updated_at = excluded.updated_at "
        f"WHERE {table}.source_updated_at < excluded.source_updated_at "
        "RETURNING store_id, product_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {tuple(pair) for pair in cursor.fetchall()}
