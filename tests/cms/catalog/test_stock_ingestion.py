"""Stock ingestion rules (cms/catalog/stock.py): newer reports win, stale ones are reported,
a batch is idempotent under its key, both error policies, store scope, size limit, and
concurrent writers on PostgreSQL."""

import random
import threading
from datetime import datetime, timedelta, timezone

import pytest
from django.db import connection

from cms.catalog.models import StockIngestionBatch, StockLevel
from cms.catalog.stock import PARTIAL, REJECT, StockBatchError, ingest_stock_batch
from tests.cms.catalog.stock_fixtures import levels, make_key, products, row, stores  # noqa: F401

NOON = "2026-03-01T12:00:00+00:00"
NOON_ROME = "2026-03-01T13:00:00+01:00"


def test_new_rows_are_applied_as_absolute_quantities(stores, products):
    result = ingest_stock_batch([row(quantity=5, at=NOON), row(store="roma", sku="MOKA-3", quantity=0, at=NOON)])

    assert (result.outcome, result.applied, result.stale, result.rejected, result.errors) == ("applied", 2, 0, 0, [])
    assert levels() == {("milano", "KETTLE-1"): (5, NOON), ("roma", "MOKA-3"): (0, NOON)}


def test_only_a_strictly_newer_report_replaces_the_stored_level(stores, products):
    ingest_stock_batch([row(sku=sku, quantity=5, at=NOON) for sku in ("KETTLE-1", "MOKA-3", "CUP-6")])

    result = ingest_stock_batch(
        [
            row(sku="KETTLE-1", quantity=7, at="2026-03-01T12:00:01+00:00"),  # newer
            row(sku="MOKA-3", quantity=1, at="2026-03-01T12:59:59+01:00"),  # older (11:59:59 UTC)
            row(sku="CUP-6", quantity=5, at=NOON_ROME),  # the same instant, the same quantity
        ]
    )

    assert (result.applied, result.unchanged, result.stale, result.stale_rows) == (1, 1, 1, [2])
    assert levels() == {
        ("milano", "KETTLE-1"): (7, "2026-03-01T12:00:01+00:00"),
        ("milano", "MOKA-3"): (5, NOON),
        ("milano", "CUP-6"): (5, NOON),
    }


def test_the_same_instant_with_another_quantity_is_stale_first_report_wins(stores, products):
    ingest_stock_batch([row(quantity=5, at=NOON)])

    result = ingest_stock_batch([row(quantity=9, at=NOON_ROME)])

    assert (result.applied, result.unchanged, result.stale) == (0, 0, 1)
    assert levels() == {("milano", "KETTLE-1"): (5, NOON)}


def test_unchanged_and_stale_are_told_by_the_level_of_the_same_store_and_sku(stores, products):
    # The other store's level of each SKU differs: only the row's own pair may decide.
    ingest_stock_batch([row(sku="KETTLE-1", quantity=5, at=NOON), row(store="roma", sku="MOKA-3", quantity=5, at=NOON),
                        row(store="roma", sku="KETTLE-1", quantity=9, at=NOON_ROME),
                        row(sku="MOKA-3", quantity=9, at="2026-03-01T12:00:01+00:00")])

    result = ingest_stock_batch([row(sku="KETTLE-1", quantity=5, at=NOON), row(store="roma", sku="MOKA-3", quantity=9, at=NOON)])

    assert (result.applied, result.unchanged, result.stale, result.stale_rows) == (0, 1, 1, [2])


def test_a_row_repeated_in_a_batch_counts_once_with_its_newest_report(stores, products):
    result = ingest_stock_batch(
        [row(quantity=1, at="2026-03-01T10:00:00+00:00"), row(quantity=3, at=NOON), row(quantity=2, at="2026-03-01T11:00:00+00:00")]
    )

    assert (result.applied, result.stale, result.stale_rows) == (1, 2, [1, 3])
    assert levels() == {("milano", "KETTLE-1"): (3, NOON)}


BAD_ROWS = [
    row(quantity=-1),
    {"store": "milano", "quantity": 2, "source_updated_at": NOON},
    row(at="2026-03-01T09:00:00"),
    row(store="torino"),
    row(sku="NOPE-1"),
    row(quantity=True),
    row(at="yesterday"),
    "not an object",
]
BAD_ROW_ERRORS = [
    (2, "quantity", "invalid"),
    (3, "sku", "required"),
    (4, "source_updated_at", "invalid"),
    (5, "store", "unknown_store"),
    (6, "sku", "unknown_sku"),
    (7, "quantity", "invalid"),
    (8, "source_updated_at", "invalid"),
    (9, None, "invalid"),
]


def error_keys(result):
    return [(error["row"], error["field"], error["code"]) for error in result.errors]


def test_reject_policy_applies_nothing_and_reports_every_bad_row(stores, products):
    result = ingest_stock_batch([row(sku="MOKA-3", at=NOON), *BAD_ROWS], error_policy=REJECT)

    assert (result.outcome, result.applied, result.rejected) == ("rejected", 0, 8)
    assert error_keys(result) == BAD_ROW_ERRORS
    assert all(error["message"] for error in result.errors)
    assert not StockLevel.objects.exists()


def test_partial_policy_applies_the_valid_rows_and_reports_the_others(stores, products):
    result = ingest_stock_batch([row(sku="MOKA-3", at=NOON), *BAD_ROWS], error_policy=PARTIAL)

    assert (result.outcome, result.applied, result.rejected) == ("applied", 1, 8)
    assert error_keys(result) == BAD_ROW_ERRORS
    assert levels() == {("milano", "MOKA-3"): (5, NOON)}


def test_a_report_from_the_future_is_refused(stores, products):
    now = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    ahead = (now + timedelta(minutes=10)).isoformat()

    result = ingest_stock_batch([row(at=ahead)], error_policy=PARTIAL, now=now)

    assert error_keys(result) == [(1, "source_updated_at", "in_future")]


def test_rows_sharing_a_timestamp_are_judged_alike(stores, products):
    """Each distinct source_updated_at is parsed once per batch: every row that carries it
    gets its verdict, valid or not."""
    now = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    ahead = (now + timedelta(minutes=10)).isoformat()
    batch = [row(sku="KETTLE-1", at=NOON), row(sku="MOKA-3", at=ahead), row(sku="CUP-6", at=NOON),
             row(store="roma", sku="MOKA-3", at=ahead), row(store="roma", sku="CUP-6", at="yesterday"),
             row(store="roma", sku="KETTLE-1", at="yesterday")]

    result = ingest_stock_batch(batch, error_policy=PARTIAL, now=now)

    assert error_keys(result) == [
        (2, "source_updated_at", "in_future"),
        (4, "source_updated_at", "in_future"),
        (5, "source_updated_at", "invalid"),
        (6, "source_updated_at", "invalid"),
    ]
    assert set(levels()) == {("milano", "KETTLE-1"), ("milano", "CUP-6")}


def test_store_and_sku_are_read_without_surrounding_spaces(stores, products):
    result = ingest_stock_batch([row(store=" milano ", sku=" MOKA-3", at=NOON)])

    assert (result.applied, result.errors) == (1, [])
    assert levels() == {("milano", "MOKA-3"): (5, NOON)}


def test_batches_in_one_transaction_each_write_only_their_own_rows(stores, products):
    from django.db import transaction

    later = "2026-03-01T12:30:00+00:00"
    every_row = [(store, sku) for store in stores for sku in products]
    with transaction.atomic():
        first = ingest_stock_batch([row(store=store, sku=sku, quantity=5, at=NOON) for store, sku in every_row])
        # Newer reports of the same rows, before the transaction commits (PostgreSQL's
        # staging table is emptied at each commit, and before each batch).
        second = ingest_stock_batch([row(store=store, sku=sku, quantity=9, at=later) for store, sku in every_row])

    assert (first.applied, second.applied, second.stale) == (6, 6, 0)
    assert levels() == {pair: (9, later) for pair in every_row}


def test_stock_is_recorded_against_the_store_of_the_default_locale(stores, products, locales):
    italian = stores["milano"].copy_for_translation(locales["it"], copy_parents=True)  # same slug

    ingest_stock_batch([row(at=NOON)])

    assert StockLevel.objects.get().store_id == stores["milano"].pk != italian.pk


def test_a_key_writes_only_the_stores_in_its_scope(stores, products, make_key):
    api_key, _ = make_key(stores=[stores["milano"]])
    batch = [row(at=NOON), row(store="roma", at=NOON)]

    refused = ingest_stock_batch(batch, api_key=api_key, error_policy=REJECT)
    partial = ingest_stock_batch(batch, api_key=api_key, error_policy=PARTIAL)

    assert (refused.outcome, error_keys(refused)) == ("rejected", [(2, "store", "forbidden_store")])
    assert (partial.applied, partial.rejected, error_keys(partial)) == (1, 1, [(2, "store", "forbidden_store")])
    assert levels() == {("milano", "KETTLE-1"): (5, NOON)}


def test_a_key_for_all_stores_writes_every_store(stores, products, make_key):
    api_key, _ = make_key(all_stores=True)

    result = ingest_stock_batch([row(at=NOON), row(store="roma", at=NOON)], api_key=api_key)

    assert result.applied == 2


def test_a_repeated_batch_returns_the_first_response_and_changes_nothing(stores, products, make_key):
    api_key, _ = make_key(all_stores=True)
    batch = [row(quantity=5, at=NOON), row(sku="NOPE-1", at=NOON)]
    first = ingest_stock_batch(batch, api_key=api_key, idempotency_key="batch-1", error_policy=PARTIAL)
    StockLevel.objects.update(quantity=42)  # as if corrected since

    again = ingest_stock_batch(batch, api_key=api_key, idempotency_key="batch-1", error_policy=PARTIAL)

    assert again.replayed and not first.replayed
    assert again.as_dict() == first.as_dict()
    assert (first.applied, first.rejected) == (1, 1)
    assert StockLevel.objects.get().quantity == 42


def test_the_same_key_with_another_payload_is_refused(stores, products, make_key):
    api_key, _ = make_key(all_stores=True)
    ingest_stock_batch([row(quantity=5, at=NOON)], api_key=api_key, idempotency_key="batch-1")

    with pytest.raises(StockBatchError) as refused:
        ingest_stock_batch([row(quantity=6, at=NOON)], api_key=api_key, idempotency_key="batch-1")

    assert (refused.value.code, refused.value.field) == ("idempotency_conflict", "idempotency_key")
    with pytest.raises(StockBatchError):  # another error policy is another payload too
        ingest_stock_batch([row(quantity=5, at=NOON)], api_key=api_key, idempotency_key="batch-1", error_policy=PARTIAL)
    assert levels() == {("milano", "KETTLE-1"): (5, NOON)}


def test_idempotency_keys_belong_to_their_api_key(stores, products, make_key):
    pos, _ = make_key(all_stores=True, name="POS")
    erp, _ = make_key(all_stores=True, name="ERP")
    ingest_stock_batch([row(quantity=5, at=NOON)], api_key=pos, idempotency_key="1")

    result = ingest_stock_batch([row(sku="MOKA-3", at=NOON)], api_key=erp, idempotency_key="1")

    assert not result.replayed and result.applied == 1


def test_a_batch_refused_by_the_reject_policy_leaves_its_key_free(stores, products, make_key):
    api_key, _ = make_key(all_stores=True)
    refused = ingest_stock_batch([row(quantity=-1)], api_key=api_key, idempotency_key="batch-1")

    corrected = ingest_stock_batch([row(quantity=1)], api_key=api_key, idempotency_key="batch-1")

    assert (refused.outcome, corrected.outcome, corrected.applied) == ("rejected", "applied", 1)
    assert StockIngestionBatch.objects.get().response["applied"] == 1


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"rows": [row()] * 3}, "too_many_rows", "rows"),
        ({"rows": []}, "invalid", "rows"),
        ({"rows": {"store": "milano"}}, "invalid", "rows"),
        ({"rows": [row()], "error_policy": "some"}, "invalid", "error_policy"),
        ({"rows": [row()], "idempotency_key": "x" * 201}, "invalid", "idempotency_key"),
    ],
)
def test_a_batch_too_large_or_malformed_is_refused_whole(stores, products, settings, kwargs, code, field):
    settings.STOCK_INGESTION = {"MAX_ROWS": 2}

    with pytest.raises(StockBatchError) as refused:
        ingest_stock_batch(kwargs.pop("rows"), **kwargs)

    assert (refused.value.code, refused.value.field) == (code, field)
    assert not StockLevel.objects.exists()


def test_queries_do_not_grow_with_the_rows(stores, products, make_key, django_assert_max_num_queries):
    api_key, _ = make_key(stores=list(stores.values()))
    batch = [row(store=store, sku=sku, at=NOON) for store in stores for sku in products] * 20

    with django_assert_max_num_queries(12):
        result = ingest_stock_batch(batch, api_key=api_key, idempotency_key="big")

    assert (result.applied, result.stale + result.unchanged) == (6, 114)


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL (SQLite serialises writers); run with DATABASE_URL=postgres://…",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_never_lose_an_update(transactional_db, store_index):
    from tests.factories import ProductFactory, StorePageFactory

    store_slugs = [StorePageFactory(parent=store_index, slug=f"store-{n}").slug for n in range(3)]
    skus = [ProductFactory(sku=f"SKU-{n}").sku for n in range(20)]
    base = datetime(2026, 3, 1, 8, tzinfo=timezone.utc)
    writers, batches_per_writer = 6, 8
    random.seed(5)
    # Every writer reports every row several times with its own timestamps, in batches whose
    # row order is shuffled, so the writers interleave on the same rows.
    plans, newest = [], {}
    for writer in range(writers):
        batches = []
        for batch in range(batches_per_writer):
            rows = []
            for store in store_slugs:
                for sku in skus:
                    at = base + timedelta(seconds=random.randrange(100_000), microseconds=writer)
                    quantity = random.randrange(1000)
                    rows.append(row(store=store, sku=sku, quantity=quantity, at=at.isoformat()))
                    if (store, sku) not in newest or at > newest[(store, sku)][1]:
                        newest[(store, sku)] = (quantity, at)
            random.shuffle(rows)
            batches.append(rows)
        plans.append(batches)
    start, failures = threading.Barrier(writers), []

    def write(batches, writer):
        try:
            start.wait()
            for number, rows in enumerate(batches):
                ingest_stock_batch(rows, idempotency_key=f"w{writer}-b{number}", error_policy=REJECT)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(batches, n)) for n, batches in enumerate(plans)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert levels() == {pair: (quantity, at.isoformat()) for pair, (quantity, at) in newest.items()}
