"""The catalog's admin at chain scale: products are found by SKU, GTIN, name and brand without
Wagtail's search index; listings cost the same queries however deep the categories and however
many rows, options and stock levels there are; stock levels are filtered through choosers.
Speed itself is measured by benchmarks/admin_at_scale.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.catalog.models import Category, Product, StockLevel
from tests.editing import snippet_url
from tests.factories import CategoryFactory, ProductFactory, StockLevelFactory, StorePageFactory

CHOOSER_RESULTS = "wagtailsnippetchoosers_catalog_product:choose_results"


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries), response


def nested_categories(depth, prefix):
    category = None
    for level in range(depth):
        category = CategoryFactory(name=f"{prefix} {level}", slug=f"{prefix.lower()}-{level}", parent=category)
    return category


@pytest.fixture
def products(db):
    kitchen = nested_categories(3, "Kitchen")
    return [
        ProductFactory(name="Moka pot, 3 cups", sku="MOKA-3", gtin="4006381333931", brand="Bialetti", category=kitchen),
        ProductFactory(name="Kettle", sku="KETTLE-1", brand="Smeg", category=kitchen),
        ProductFactory(name="Teapot", sku="TEA-9", brand="Bialetti", category=None),
    ]


def chosen(response):
    return {sku for sku in ("MOKA-3", "KETTLE-1", "TEA-9") if sku in response.content.decode()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("MOKA", {"MOKA-3"}),
        ("moka-", {"MOKA-3"}),  # a SKU prefix as typed in lower case
        ("4006381333931", {"MOKA-3"}),
        ("kettle", {"KETTLE-1"}),
        ("bialetti pot", {"MOKA-3", "TEA-9"}),
        ("nothing like it", set()),
    ],
)
def test_product_chooser_finds_products_without_the_search_index(admin_client, products, query, expected):
    _, response = queries(admin_client, reverse(CHOOSER_RESULTS), {"q": query})
    assert chosen(response) == expected


def test_product_listing_search_finds_by_sku_prefix_and_name(admin_client, products):
    _, by_sku = queries(admin_client, snippet_url(Product, "list"), {"q": "KETT"})
    _, by_name = queries(admin_client, snippet_url(Product, "list"), {"q": "teapot"})
    assert chosen(by_sku) == {"KETTLE-1"} and chosen(by_name) == {"TEA-9"}


def test_products_listing_queries_do_not_grow_with_category_depth_or_options(admin_client, products):
    url = snippet_url(Product, "list")
    before, response = queries(admin_client, url)
    assert "Kitchen 0 › Kitchen 1 › Kitchen 2" in response.content.decode()

    deep = nested_categories(6, "Garden")
    for index in range(4):
        ProductFactory(name=f"Rake {index}", sku=f"RAKE-{index}", category=deep)
    after, response = queries(admin_client, url)

    assert "Garden 0 › Garden 1 › Garden 2 › Garden 3 › Garden 4 › Garden 5" in response.content.decode()
    # each new row adds at most the query of its "Translate" button (Wagtail's simple_translation)
    assert after <= before + 4


def test_categories_listing_queries_do_not_grow_with_depth(admin_client, db):
    nested_categories(2, "Kitchen")
    before, _ = queries(admin_client, snippet_url(Category, "list"))
    nested_categories(6, "Garden")
    after, response = queries(admin_client, snippet_url(Category, "list"))
    assert "Garden 0 › Garden 1 › Garden 2 › Garden 3 › Garden 4 › Garden 5" in response.content.decode()
    assert after <= before + 6  # the "Translate" button of each new row, nothing per level


@pytest.fixture
def stock(store_index, products):
    stores = [StorePageFactory(parent=store_index, title=f"Store {name}") for name in ("Roma", "Torino", "Napoli")]
    for store in stores:
        for product in products:
            StockLevelFactory(store=store, product=product, quantity=3)
    return stores


def stock_url():
    return reverse("stock_levels:index")


def test_stock_levels_listing_queries_do_not_grow_with_rows(admin_client, stock, products):
    before, _ = queries(admin_client, stock_url())
    more = [ProductFactory(sku=f"EXTRA-{index}") for index in range(5)]
    for product in more:
        StockLevelFactory(store=stock[0], product=product)
    after, response = queries(admin_client, stock_url())
    assert after == before
    assert "EXTRA-4" in response.content.decode()


def test_stock_levels_are_listed_in_index_order_and_filtered_by_choosers(admin_client, stock, products):
    _, listing = queries(admin_client, stock_url())
    rows = list(StockLevel.objects.order_by("product_id", "store_id").values_list("product__sku", "store__title"))
    content = listing.content.decode()
    positions = [content.index(sku) for sku, _ in rows[:: len(stock)]]
    assert positions == sorted(positions)
    # the filters are choosers, not a <select> of every store or product
    assert "<option" not in content.split('id="id_store"')[1].split("</div>")[0]

    _, by_store = queries(admin_client, stock_url(), {"store": stock[1].pk})
    by_store = by_store.content.decode()
    assert "Store Torino" in by_store and "Store Roma" not in by_store

    _, by_product = queries(admin_client, stock_url(), {"product": products[2].pk})
    assert chosen(by_product) == {"TEA-9"}


def test_stock_levels_search_by_sku_or_store(admin_client, stock):
    _, by_sku = queries(admin_client, stock_url(), {"q": "KETTLE"})
    _, by_store = queries(admin_client, stock_url(), {"q": "napoli"})
    assert chosen(by_sku) == {"KETTLE-1"}
    content = by_store.content.decode()
    assert "Store Napoli" in content and "Store Roma" not in content
