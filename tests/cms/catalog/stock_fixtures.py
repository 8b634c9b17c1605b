"""Stores, products and API keys for the stock ingestion tests (imported by them)."""

import pytest

from cms.catalog.ingestion_keys import issue_key
from cms.catalog.models import StockApiKey, StockLevel
from tests.factories import ProductFactory, StorePageFactory


@pytest.fixture
def stores(store_index):
    return {slug: StorePageFactory(parent=store_index, slug=slug, title=slug.title()) for slug in ("milano", "roma")}


@pytest.fixture
def products(db):
    return {sku: ProductFactory(sku=sku) for sku in ("KETTLE-1", "MOKA-3", "CUP-6")}


@pytest.fixture
def make_key(db):
    def make(*, stores=(), all_stores=False, is_active=True, name="POS"):
        api_key = StockApiKey(name=name, all_stores=all_stores, is_active=is_active)
        plain = issue_key(api_key)
        api_key.save()
        api_key.stores.set(stores)
        return api_key, plain

    return make


def row(store="milano", sku="KETTLE-1", quantity=5, at="2026-03-01T09:00:00+01:00"):
    return {"store": store, "sku": sku, "quantity": quantity, "source_updated_at": at}


def levels():
    """{(store slug, sku): (quantity, source_updated_at ISO in UTC)} of every stock level."""
    return {
        (level.store.slug, level.product.sku): (level.quantity, level.source_updated_at.isoformat())
        for level in StockLevel.objects.select_related("store", "product")
    }
