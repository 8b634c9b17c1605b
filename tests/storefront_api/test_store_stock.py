"""Store.stock(skus): the stock of several products in one store, in any of its languages."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import ProductFactory, StockLevelFactory, StorePageFactory
from tests.storefront_api.content import count_queries, translate

STOCK = """query($slug: String!, $locale: String, $skus: [String!]!) { store(slug: $slug, locale: $locale) {
  stock(skus: $skus) { sku quantity band updatedAt product { name locale } } } }"""
MEASURED = timezone.make_aware(datetime.datetime(2026, 11, 20, 8, 30), datetime.UTC)


@pytest.fixture
def stocked(home, store_index, locales):
    store = StorePageFactory(parent=store_index, title="Milano Duomo", slug="milano-duomo")
    products = {sku: ProductFactory(sku=sku, name=f"Product {sku}") for sku in ("MOKA-3", "CUP-1", "PAN-2")}
    StockLevelFactory(store=store, product=products["MOKA-3"], quantity=12, source_updated_at=MEASURED)
    StockLevelFactory(store=store, product=products["CUP-1"], quantity=2, source_updated_at=MEASURED)
    return store, products


def test_stock_of_several_skus_in_the_order_asked(graphql, stocked):
    body = graphql(STOCK, {"slug": "milano-duomo", "skus": ["PAN-2", "MOKA-3", "CUP-1"]})
    assert "errors" not in body, body
    stock = body["data"]["store"]["stock"]
    assert [(row["sku"], row["quantity"], row["band"]) for row in stock] == [
        ("PAN-2", 0, "OUT_OF_STOCK"),
        ("MOKA-3", 12, "IN_STOCK"),
        ("CUP-1", 2, "LOW_STOCK"),
    ]
    assert stock[1]["updatedAt"] == "2026-11-20T08:30:00+00:00"
    assert stock[0]["updatedAt"] is None
    assert stock[1]["product"] == {"name": "Product MOKA-3", "locale": "en"}


def test_the_italian_store_page_shows_the_same_stock_with_italian_products(graphql, stocked, locales):
    store, products = stocked
    translate(store.get_parent().get_parent().specific, locales["it"])
    translate(store.get_parent().specific, locales["it"])
    translate(store, locales["it"])
    italian = products["MOKA-3"].copy_for_translation(locales["it"])
    italian.name, italian.live = "Caffettiera", True
    italian.save()
    body = graphql(STOCK, {"slug": "milano-duomo", "locale": "it", "skus": ["MOKA-3"]})
    assert "errors" not in body, body
    assert body["data"]["store"]["stock"] == [
        {"sku": "MOKA-3", "quantity": 12, "band": "IN_STOCK", "updatedAt": "2026-11-20T08:30:00+00:00",
         "product": {"name": "Caffettiera", "locale": "it"}}
    ]


def test_unknown_sku_is_refused_naming_the_argument(graphql, stocked):
    body = graphql(STOCK, {"slug": "milano-duomo", "skus": ["MOKA-3", "NOPE-9"]})
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "skus"}
    assert "NOPE-9" in body["errors"][0]["message"]


def test_too_many_skus_are_refused(graphql, stocked):
    body = graphql(STOCK, {"slug": "milano-duomo", "skus": [f"SKU-{number}" for number in range(101)]})
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "skus"}


LIST = """query($first: Int, $skus: [String!]!) { stores(first: $first) { edges { node {
  title stock(skus: $skus) { sku quantity band product { name } } } } } }"""


def test_query_count_does_not_grow_with_the_number_of_stores(graphql, stocked, store_index):
    _store, products = stocked

    def add_stores(start, count):
        for number in range(start, start + count):
            other = StorePageFactory(parent=store_index, title=f"Store {number:03d}", slug=f"store-{number:03d}")
            StockLevelFactory(store=other, product=products["CUP-1"], quantity=number)

    add_stores(0, 9)
    few, data = count_queries(graphql, LIST, {"first": 10, "skus": ["MOKA-3", "CUP-1"]})
    add_stores(9, 31)
    many, more = count_queries(graphql, LIST, {"first": 40, "skus": ["MOKA-3", "CUP-1"]})
    assert (len(data["stores"]["edges"]), len(more["stores"]["edges"])) == (10, 40)
    assert few == many, (few, many)
