"""search and suggest on the database backend: results of every kind in one list, highlights,
facets, pagination and its limits, bad arguments named, visibility, queries per request, and
the database answering when Elasticsearch cannot be reached."""

from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction

from search.documents import all_documents
from search.service import get_fallback_backend
from search.settings import ELASTICSEARCH_BACKEND
from storefront_api.pages.registry import PAGE_TYPES
from storefront_api.search.types import SearchResult
from storefront_api.catalog.types import Product
from tests.factories import (
    CategoryFactory,
    GiftGuidePageFactory,
    ProductFactory,
    ProductStoryPageFactory,
    ServiceFactory,
    StorePageFactory,
)

from .content import count_queries, other_site

SEARCH = """query($query: String, $types: [SearchType!], $locale: String, $filters: SearchFilterInput,
                 $sort: SearchSort, $near: GeoPointInput, $radiusKm: Float, $first: Int, $after: String) {
  search(query: $query, types: $types, locale: $locale, filters: $filters, sort: $sort, near: $near,
         radiusKm: $radiusKm, first: $first, after: $after) {
    totalCount
    backend
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor score distanceKm
      highlights { field fragments }
      node {
        __typename
        ... on Page { title slug url }
        ... on Product { sku name price { amount } category { name } images { alt } }
        ... on StorePage { services { code } openingHours { opens } distanceKm }
        ... on GiftGuidePage { heroImage { id } recipient }
      }
    }
    facets { name values { value count label } }
  }
}"""

SUGGEST = """query($prefix: String!, $types: [SearchType!], $first: Int, $locale: String) {
  suggest(prefix: $prefix, types: $types, first: $first, locale: $locale) {
    backend
    suggestions { text type object { __typename ... on Product { sku } ... on Page { slug } } }
  }
}"""


def reindex():
    """Index what the database holds now (the tests do not rely on indexing after commit)."""
    get_fallback_backend().rebuild(all_documents())


def search(graphql, **variables):
    body = graphql(SEARCH, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]["search"]


def error_field(graphql, document=SEARCH, **variables):
    body = graphql(document, variables)
    assert body.get("data") is None or not any(body["data"].values()), body
    return [error.get("extensions", {}).get("field", error["message"]) for error in body["errors"]]


def kinds(results):
    return [(edge["node"]["__typename"], edge["node"].get("sku") or edge["node"].get("slug")) for edge in results["edges"]]


@pytest.fixture
def shop(home, store_index, section):
    """A moka pot, a guide and a story about it, a store and other things."""
    coffee = CategoryFactory(name="Coffee", slug="coffee")
    click = ServiceFactory(code="click-and-collect", name="Click & collect")
    moka = ProductFactory(sku="MOKA-3", name="Stovetop moka pot", brand="Officina Lume", price=Decimal("32"), category=coffee)
    ProductFactory(sku="BEANS", name="Espresso beans", brand="Torrefazione Portici", price=Decimal("12.90"), category=coffee)
    ProductFactory(sku="OLD-MOKA", name="Old moka pot", is_active=False)
    guide = GiftGuidePageFactory.with_products(section, [moka], title="Gifts for the moka lover", slug="moka-gifts")
    story = ProductStoryPageFactory(parent=section, title="Ninety years of the moka", slug="moka-story")
    store = StorePageFactory.with_services(store_index, [click], title="Milan Moka Bar", slug="milan-moka-bar", city="Milano")
    StorePageFactory(parent=store_index, title="Rome Corso", slug="rome-corso", city="Roma",
                     latitude=Decimal("41.9005"), longitude=Decimal("12.481"))
    reindex()
    return {"moka": moka, "guide": guide, "story": story, "store": store}


def test_results_of_every_kind_come_in_one_list_with_highlights(graphql, shop):
    results = search(graphql, query="moka")

    assert results["backend"] == "database"
    assert set(kinds(results)) == {
        ("Product", "MOKA-3"), ("GiftGuidePage", "moka-gifts"), ("ProductStoryPage", "moka-story"), ("StorePage", "milan-moka-bar")
    }
    assert results["totalCount"] == 4
    product = next(edge for edge in results["edges"] if edge["node"]["__typename"] == "Product")
    assert product["node"]["price"]["amount"] == "32.00" and product["node"]["category"]["name"] == "Coffee"
    assert product["score"] > 0
    title = {highlight["field"]: highlight["fragments"] for highlight in product["highlights"]}["title"]
    assert any("<mark>moka</mark>" in fragment.lower() for fragment in title)
    store = next(edge for edge in results["edges"] if edge["node"]["__typename"] == "StorePage")
    assert store["node"]["services"] == [{"code": "click-and-collect"}]
    assert store["node"]["url"].endswith("/milan-moka-bar/")


def test_results_without_facets(graphql, shop):
    body = graphql('{ search(query: "moka", types: [PRODUCT]) { totalCount edges { node { ... on Product { sku } } } } }')
    assert body["data"]["search"] == {"totalCount": 1, "edges": [{"node": {"sku": "MOKA-3"}}]}


def test_every_page_type_and_products_can_be_a_result():
    assert set(SearchResult._meta.types) == {*PAGE_TYPES.values(), Product}


def test_facets_count_what_matches_and_name_codes_in_the_language(graphql, shop):
    facets = {facet["name"]: facet["values"] for facet in search(graphql, query="moka")["facets"]}

    assert {value["value"]: value["count"] for value in facets["type"]} == {"page": 2, "product": 1, "store": 1}
    assert facets["brand"] == [{"value": "Officina Lume", "count": 1, "label": None}]
    assert {"value": "coffee", "count": 1, "label": "Coffee"} in facets["category"]
    assert facets["services"] == [{"value": "click-and-collect", "count": 1, "label": "Click & collect"}]


def test_filters_sort_and_distance(graphql, shop):
    products = search(graphql, filters={"brands": ["Torrefazione Portici"]})
    assert kinds(products) == [("Product", "BEANS")]

    stores = search(graphql, types=["STORE"], near={"latitude": 41.9, "longitude": 12.48}, sort="DISTANCE")
    assert [slug for _, slug in kinds(stores)] == ["rome-corso", "milan-moka-bar"]
    nearest = stores["edges"][0]
    assert nearest["distanceKm"] < 1 and nearest["node"]["distanceKm"] == nearest["distanceKm"]

    nearby = search(graphql, types=["STORE"], near={"latitude": 41.9, "longitude": 12.48}, radiusKm=50)
    assert kinds(nearby) == [("StorePage", "rome-corso")]


def test_pages_follow_each_other_up_to_the_end(graphql, home):
    ProductFactory.create_batch(25, name="Linen napkin", brand="Tessitura")
    reindex()

    first = search(graphql, query="napkin", first=10)
    second = search(graphql, query="napkin", first=10, after=first["pageInfo"]["endCursor"])
    last = search(graphql, query="napkin", first=10, after=second["pageInfo"]["endCursor"])

    assert first["totalCount"] == 25
    assert [len(page["edges"]) for page in (first, second, last)] == [10, 10, 5]
    seen = [sku for page in (first, second, last) for _, sku in kinds(page)]
    assert len(set(seen)) == 25
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    assert second["pageInfo"]["hasPreviousPage"] and not last["pageInfo"]["hasNextPage"]


def test_paging_stops_at_the_deepest_offset_allowed(graphql, home, settings):
    settings.SEARCH = {**settings.SEARCH, "MAX_OFFSET": 15}
    ProductFactory.create_batch(25, name="Linen napkin")
    reindex()

    second = search(graphql, query="napkin", first=10, after=search(graphql, query="napkin", first=10)["pageInfo"]["endCursor"])

    assert len(second["edges"]) == 10 and second["totalCount"] == 25
    assert not second["pageInfo"]["hasNextPage"]
    assert error_field(graphql, query="napkin", after=second["pageInfo"]["endCursor"]) == ["after"]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"first": 51}, "first"),
        ({"first": 0}, "first"),
        ({"after": "not a cursor"}, "after"),
        ({"after": "YXJyYXljb25uZWN0aW9uOjUwMDA="}, "after"),  # offset 5000, beyond MAX_OFFSET
        ({"filters": {"priceBands": ["9-99"]}}, "filters.priceBands"),
        ({"filters": {"minPrice": "10", "maxPrice": "5"}}, "filters.maxPrice"),
        ({"radiusKm": 10}, "radiusKm"),
        ({"sort": "DISTANCE"}, "sort"),
        ({"near": {"latitude": 91, "longitude": 0}}, "near"),
        ({"query": "x" * 201}, "query"),
    ],
)
def test_bad_arguments_are_named(graphql, home, variables, field):
    assert error_field(graphql, **{"query": "moka", **variables}) == [field]


def test_bad_suggest_arguments_are_named(graphql, home):
    assert error_field(graphql, SUGGEST, prefix="mo", first=500) == ["first"]
    assert error_field(graphql, SUGGEST, prefix="x" * 101) == ["prefix"]


def test_hidden_pages_never_appear(graphql, shop, section):
    draft = GiftGuidePageFactory(parent=section, title="Moka draft guide", slug="moka-draft", live=False)
    restricted = ProductStoryPageFactory(parent=section, title="Moka secrets", slug="moka-secrets")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    elsewhere = GiftGuidePageFactory(parent=other_site(), title="Moka elsewhere", slug="moka-elsewhere")
    reindex()
    # Pages hidden after they were indexed are dropped too (the index may lag behind).
    shop["story"].unpublish()
    PageViewRestriction.objects.create(page=shop["guide"], restriction_type=PageViewRestriction.PASSWORD, password="x")

    slugs = {slug for _, slug in kinds(search(graphql, query="moka"))}

    assert slugs == {"MOKA-3", "milan-moka-bar"}
    assert not slugs & {draft.slug, restricted.slug, elsewhere.slug, "OLD-MOKA"}
    assert {slug for _, slug in kinds(search(graphql, query="moka elsewhere"))} <= {"MOKA-3", "milan-moka-bar"}


def test_queries_follow_the_shape_not_the_number_of_results(graphql, home, section, store_index):
    category = CategoryFactory(name="Coffee", slug="coffee")
    service = ServiceFactory(code="click-and-collect")
    for number in range(2):
        StorePageFactory.with_services(store_index, [service], title=f"A moka store {number}", slug=f"moka-store-{number}")
    GiftGuidePageFactory(parent=section, title="A moka guide", slug="moka-guide")
    ProductFactory.create_batch(45, name="Moka pot", category=category)
    reindex()

    few, few_body = count_queries(graphql, SEARCH, {"query": "moka", "sort": "NAME", "first": 10})
    many, many_body = count_queries(graphql, SEARCH, {"query": "moka", "sort": "NAME", "first": 40})

    assert len(few_body["search"]["edges"]) == 10 and len(many_body["search"]["edges"]) == 40
    assert {edge["node"]["__typename"] for edge in few_body["search"]["edges"]} == {"GiftGuidePage", "StorePage", "Product"}
    assert few == many


def test_suggestions_complete_titles_with_their_objects(graphql, shop):
    body = graphql(SUGGEST, {"prefix": "stovet"})
    assert "errors" not in body, body
    suggest = body["data"]["suggest"]
    assert suggest["backend"] == "database"
    assert {"text": "Stovetop moka pot", "type": "PRODUCT", "object": {"__typename": "Product", "sku": "MOKA-3"}} in suggest["suggestions"]

    stores = graphql(SUGGEST, {"prefix": "mil", "types": ["STORE"]})["data"]["suggest"]["suggestions"]
    assert [suggestion["object"]["slug"] for suggestion in stores] == ["milan-moka-bar"]


def test_unreachable_elasticsearch_answers_from_the_database(graphql, shop, settings):
    settings.SEARCH = {"BACKEND": ELASTICSEARCH_BACKEND, "OPTIONS": {"URL": "http://127.0.0.1:1", "TIMEOUT": 1}}

    results = search(graphql, query="moka", types=["PRODUCT"])
    suggest = graphql(SUGGEST, {"prefix": "stovet"})["data"]["suggest"]

    assert results["backend"] == "database"
    assert kinds(results) == [("Product", "MOKA-3")]
    assert suggest["backend"] == "database" and suggest["suggestions"]
