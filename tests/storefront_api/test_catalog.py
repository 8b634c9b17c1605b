from decimal import Decimal

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CategoryFactory, ProductFactory, ProductImageFactory

PRODUCTS = """
query Products($first: Int, $after: String, $filter: ProductFilterInput) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      sku name brand price { amount currency } locale
      category { slug path { name } }
      images { alt image { width rendition(width: 320, format: WEBP) { url width } } }
    } }
  }
}
"""


@pytest.fixture
def catalog(home):
    image = wagtail_factories.ImageFactory(title="Trainers", file__width=800, file__height=600)
    shoes = CategoryFactory(name="Shoes", slug="shoes")
    running = CategoryFactory(name="Running", slug="running", parent=shoes)
    bags = CategoryFactory(name="Bags", slug="bags")

    def make(count, category=running):
        products = ProductFactory.create_batch(count, category=category)
        for product in products:
            ProductImageFactory(product=product, image=image)
        return products

    return {"shoes": shoes, "running": running, "bags": bags, "make": make}


def test_product_by_sku_with_price_category_path_and_image(graphql, catalog):
    product = catalog["make"](1)[0]
    body = graphql(
        """query($sku: String!) { product(sku: $sku) { sku price { amount currency }
             category { path { slug } } images { image { rendition(width: 160, height: 160, fill: true) { width height } } } } }""",
        {"sku": product.sku},
    )
    assert "errors" not in body, body
    found = body["data"]["product"]
    assert found["sku"] == product.sku
    assert Decimal(found["price"]["amount"]) == product.price
    assert [category["slug"] for category in found["category"]["path"]] == ["shoes", "running"]
    assert found["images"][0]["image"]["rendition"] == {"width": 160, "height": 160}


def test_inactive_and_unpublished_products_are_not_served(graphql, catalog):
    inactive = ProductFactory(is_active=False)
    draft = ProductFactory(live=False)
    for product in (inactive, draft):
        body = graphql("query($sku: String!) { product(sku: $sku) { sku } }", {"sku": product.sku})
        assert body["data"]["product"] is None


def test_filter_by_category_includes_subcategories_and_paginates(graphql, catalog):
    catalog["make"](3, category=catalog["running"])
    catalog["make"](2, category=catalog["bags"])
    body = graphql(PRODUCTS, {"first": 2, "filter": {"category": "shoes"}})
    assert "errors" not in body, body
    page = body["data"]["products"]
    assert page["totalCount"] == 3
    assert len(page["edges"]) == 2 and page["pageInfo"]["hasNextPage"]
    rest = graphql(PRODUCTS, {"first": 2, "after": page["pageInfo"]["endCursor"], "filter": {"category": "shoes"}})
    assert len(rest["data"]["products"]["edges"]) == 1
    assert not rest["data"]["products"]["pageInfo"]["hasNextPage"]


def test_page_size_above_the_maximum_is_refused_naming_the_argument(graphql, catalog):
    body = graphql(PRODUCTS, {"first": 101})
    assert body["status"] == 400 and "data" not in body
    error = body["errors"][0]
    assert error["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"
    assert error["extensions"]["field"] == "first"
    assert "100" in error["message"]


def test_unknown_category_is_a_clear_error(graphql, catalog):
    body = graphql(PRODUCTS, {"filter": {"category": "nope"}})
    assert body["errors"][0]["extensions"]["field"] == "filter.category"


def test_image_size_outside_the_allowlist_is_refused(graphql, catalog):
    product = catalog["make"](1)[0]
    body = graphql(
        "query($sku: String!) { product(sku: $sku) { images { image { rendition(width: 333) { url } } } } }",
        {"sku": product.sku},
    )
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "width"}
    assert "333" in body["errors"][0]["message"]


def _count_queries(graphql, variables):
    graphql(PRODUCTS, variables)  # renditions are created on first use; count the steady state
    with CaptureQueriesContext(connection) as queries:
        body = graphql(PRODUCTS, variables)
    assert "errors" not in body, body
    return len(queries), len(body["data"]["products"]["edges"])


def test_query_count_does_not_grow_with_the_number_of_products(graphql, catalog):
    catalog["make"](5)
    few, returned_few = _count_queries(graphql, {"first": 5})
    catalog["make"](45)
    many, returned_many = _count_queries(graphql, {"first": 50})
    assert (returned_few, returned_many) == (5, 50)
    assert few == many


def test_fields_a_query_does_not_ask_for_cost_no_query(graphql, catalog):
    catalog["make"](5)
    with CaptureQueriesContext(connection) as queries:
        body = graphql("{ products(first: 5) { edges { node { sku name } } } }")
    assert len(body["data"]["products"]["edges"]) == 5
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "catalog_productimage" not in tables
    assert "catalog_category" not in tables
