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
- No lost updates under concurrency: a conditional upsert,
  ``INSERT … ON CONFLICT (store, product) DO UPDATE … WHERE stored < new``, which both
  PostgreSQL (row locks, the condition re-checked on the newest row version) and SQLite
  (one writer at a time) apply atomically. Rows are written in (store, product) order so
  concurrent batches lock rows in the same order and cannot deadlock. On PostgreSQL the
  whole batch is one statement over a temporary table filled by a binary COPY; elsewhere
  one statement per ``UPSERT_CHUNK`` rows.
- Stores and products of a batch are resolved with one query each (on PostgreSQL with the
  slugs and SKUs as one array parameter); each distinct
  ``source_updated_at`` text is parsed once per batch.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Lookup, Q
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
UPSERT_CHUNK = 500  # rows per INSERT … VALUES (not PostgreSQL): 2,500 parameters, within SQLite's limit
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


class StockRow(NamedTuple):
    number: int
    store: str
    sku: str
    quantity: int
    source_updated_at: datetime


def row_error(number, field_name, code, message):
    return {"row": number, "field": field_name, "code": code, "message": message}


def parse_row(number, raw, *, now, instants=None):
    """A StockRow, or the list of this row's errors (one per bad field). ``instants``: a
    dict the caller keeps for a batch, so that each distinct ``source_updated_at`` text is
    parsed once (a store system usually stamps a whole batch alike)."""
    row = _valid_row(number, raw, now, {} if instants is None else instants)
    if row is not None:
        return row
    return _row_errors(number, raw, now=now)


def _valid_row(number, raw, now, instants):
    """The StockRow of a row with every field valid, else None (``_row_errors`` then says
    why): the quick path of ``parse_row``, by the same rules."""
    if type(raw) is not dict:
        return None
    store, sku, quantity, text = raw.get("store"), raw.get("sku"), raw.get("quantity"), raw.get("source_updated_at")
    if not (
        type(store) is str and 0 < len(store) <= 255
        and type(sku) is str and 0 < len(sku) <= 64
        and type(quantity) is int and 0 <= quantity <= MAX_QUANTITY
        and type(text) is str and text
    ):
        return None
    if text not in instants:
        instants[text] = _checked_instant(text, now)
    measured = instants[text]
    if measured is None:
        return None
    return StockRow(number, store.strip(), sku.strip(), quantity, measured)


def _checked_instant(text, now):
    """The instant of ``text`` if it is valid and not too far ahead of ``now``, else None."""
    parsed = parse_instant(text)
    if parsed is None or parsed > now + timedelta(seconds=ingestion_setting("MAX_FUTURE_SECONDS")):
        return None
    return parsed


def _row_errors(number, raw, *, now):
    """Every error of a row ``_valid_row`` refused, one per bad field (or a StockRow: the
    two paths apply the same rules, this one naming each fault)."""
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
    errors, parsed, instants = [], [], {}
    for number, raw in zip(numbers, raw_rows):
        row = parse_row(number, raw, now=now, instants=instants)
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
    stores = StorePage.objects.filter(one_of("slug", {row.store for row in rows}), locale=locale)
    for slug, pk in stores.order_by().values_list("slug", "pk"):
        store_ids.setdefault(slug, []).append(pk)
    product_ids = dict(
        Product.objects.filter(one_of("sku", {row.sku for row in rows}), locale=locale).values_list("sku", "pk")
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


class EqualsAny(Lookup):
    """``field = ANY(%s)`` with the values as one array parameter (PostgreSQL): thousands of
    placeholders of an IN list cost more to send and plan than the look-up itself (3× at
    5,000 SKUs)."""

    lookup_name = "equals_any"  # used as an expression, not registered on any field

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def one_of(field_name, values):
    """A filter: ``field_name`` is one of ``values``."""
    if connection.vendor == "postgresql":
        return EqualsAny(F(field_name), list(values))
    return Q(**{f"{field_name}__in": values})


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
    items = [(store_id, product_id, row.quantity, row.source_updated_at) for (store_id, product_id), row in newest.items()]
    if connection.vendor == "postgresql":
        written = upsert_staged(items, now)
    else:
        items.sort()
        written = set()
        for start in range(0, len(items), UPSERT_CHUNK):
            written |= upsert_values(items[start : start + UPSERT_CHUNK], now)
    not_written = [pair for pair in newest if pair not in written]
    if not_written:
        stored = stored_levels(not_written)
        for pair in not_written:
            row = newest[pair]
            if stored.get(pair) == (row.quantity, row.source_updated_at):
                unchanged += 1
            else:
                stale_rows.append(row.number)
    return written, unchanged, stale_rows


# The conditional upsert: a row is written only where the stored report is strictly older.
# Rows go in (store, product) order so that concurrent batches lock rows in the same order.
UPSERT = (
    "INSERT INTO {table} (store_id, product_id, quantity, source_updated_at, updated_at) {rows} "
    "ON CONFLICT (store_id, product_id) DO UPDATE SET quantity = excluded.quantity, "
    "source_updated_at = excluded.source_updated_at, updated_at = excluded.updated_at "
    "WHERE {table}.source_updated_at < excluded.source_updated_at "
    "RETURNING store_id, product_id"
)
STAGING_TABLE = "stock_ingestion_rows"


def upsert_staged(items, now):
    """PostgreSQL: the rows COPied (binary) into a temporary table of this connection, then
    one INSERT … SELECT … ON CONFLICT for all of them. Returns the pairs written."""
    table = connection.ops.quote_name(StockLevel._meta.db_table)
    with connection.cursor() as cursor:
        # Created once per connection; emptied here as well as at each commit, in case this
        # batch shares an outer transaction with an earlier one.
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING_TABLE} (store_id bigint, product_id bigint, "
            f"quantity integer, source_updated_at timestamptz) ON COMMIT DELETE ROWS; DELETE FROM {STAGING_TABLE}"
        )
        with cursor.cursor.copy(f"COPY {STAGING_TABLE} FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "int8", "int4", "timestamptz"])
            for item in items:
                copy.write_row(item)
        rows = (
            f"SELECT store_id, product_id, quantity, source_updated_at, %s FROM {STAGING_TABLE} "
            "ORDER BY store_id, product_id"
        )
        cursor.execute(UPSERT.format(table=table, rows=rows), [now])
        return {tuple(pair) for pair in cursor.fetchall()}


def upsert_values(items, now):
    """Other databases: one INSERT … VALUES … ON CONFLICT of at most UPSERT_CHUNK rows (sorted
    by the caller). Returns the pairs written."""
    table = connection.ops.quote_name(StockLevel._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    params = []
    for store_id, product_id, quantity, source_updated_at in items:
        params += [store_id, product_id, quantity, adapt(source_updated_at), adapt(now)]
    rows = "VALUES " + ", ".join(["(%s, %s, %s, %s, %s)"] * len(items))
    with connection.cursor() as cursor:
        cursor.execute(UPSERT.format(table=table, rows=rows), params)
        return {tuple(pair) for pair in cursor.fetchall()}


def stored_levels(pairs):
    """``{(store id, product id): (quantity, source_updated_at)}`` of the stored levels of
    ``pairs``, in one query. On PostgreSQL the staging table still holds the batch: joined
    with it, the query reads exactly its levels, where the stores × products of a batch
    spread over many stores would read many more."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(StockLevel._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT level.store_id, level.product_id, level.quantity, level.source_updated_at FROM {table} level "
                f"JOIN {STAGING_TABLE} staged USING (store_id, product_id)"
            )
            levels = cursor.fetchall()
    else:
        levels = StockLevel.objects.filter(
            store_id__in={store_id for store_id, _ in pairs}, product_id__in={product_id for _, product_id in pairs}
        ).values_list("store_id", "product_id", "quantity", "source_updated_at")
    wanted = set(pairs)
    return {
        (store_id, product_id): (quantity, source_updated_at)
        for store_id, product_id, quantity, source_updated_at in levels
        if (store_id, product_id) in wanted
    }
