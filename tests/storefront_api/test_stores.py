import datetime
from decimal import Decimal

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.core.preview import create_preview_token
from cms.stores.models import StoreGalleryImage, StoreHoursException, StoreOpeningHours, StorePage
from tests.factories import OfferFactory, ServiceFactory, StoreOpeningHoursFactory, StorePageFactory
from tests.storefront_api.content import count_queries, translate

STORE = """query($slug: String!, $locale: String) {
  store(slug: $slug, locale: $locale) {
    __typename title slug url locale
    address { street extra postalCode city region country { code name } }
    location { latitude longitude }
    timeZone phone email
    services { code name description }
    openingHours { weekday opens closes closesNextDay }
    hoursExceptions { date label closed opens closes closesNextDay }
    pickupPreparationMinutes parkingNotes accessibilityNotes storeMessage
    heroImage { title }
    gallery { caption image { title } }
    offers { title code }
  }
}"""


@pytest.fixture
def services(locales):
    click = ServiceFactory(code="click-and-collect", name="Click & collect", description="Order online, collect here.")
    ServiceFactory(
        code="click-and-collect",
        name="Ritiro in negozio",
        description="Ordina online, ritira qui.",
        locale=locales["it"],
        translation_key=click.translation_key,
    )
    returns = ServiceFactory(code="returns", name="Returns in store", description="Bring back online orders.")
    draft = ServiceFactory(code="curbside", name="Curbside", live=False)
    return {"click": click, "returns": returns, "draft": draft}


@pytest.fixture
def milano(store_index, services, image):
    store = StorePageFactory.with_services(
        store_index,
        [services["returns"], services["click"], services["draft"]],
        title="Milano Duomo",
        slug="milano-duomo",
        address_extra="Ground floor",
        region="MI",
        phone="+39 02 1234567",
        email="duomo@example.com",
        parking_notes="Garage at Via Torino 5.",
        accessibility_notes="Step-free entrance.",
        store_message="<p>Welcome to <b>Duomo</b>.</p>",
        hero_image=image,
    )
    StoreOpeningHoursFactory(store=store, weekday=5, opens=datetime.time(10), closes=datetime.time(2), closes_next_day=True)
    StoreOpeningHoursFactory(store=store, weekday=0)
    today = timezone.localdate()
    StoreHoursException.objects.create(store=store, date=today - datetime.timedelta(days=10), label="Past", closed=True)
    StoreHoursException.objects.create(
        store=store,
        date=today + datetime.timedelta(days=10),
        label="Christmas Eve",
        opens=datetime.time(9),
        closes=datetime.time(14),
    )
    gallery_image = wagtail_factories.ImageFactory(title="Shop window")
    StoreGalleryImage.objects.create(store=store, image=gallery_image, caption="Our windows")
    return store


def test_store_by_slug_has_every_field_as_typed_data(graphql, milano, services):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    OfferFactory(title="Everywhere", code="ALL10", valid_from=yesterday - datetime.timedelta(days=1))
    OfferFactory.for_stores([milano], title="Only here", code="DUOMO", valid_from=yesterday)
    body = graphql(STORE, {"slug": "milano-duomo"})
    assert "errors" not in body, body
    in_ten_days = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert body["data"]["store"] == {
        "__typename": "StorePage",
        "title": "Milano Duomo",
        "slug": "milano-duomo",
        "url": "/en/stores/milano-duomo/",
        "locale": "en",
        "address": {
            "street": "Via Torino 1",
            "extra": "Ground floor",
            "postalCode": "20123",
            "city": "Milano",
            "region": "MI",
            "country": {"code": "IT", "name": "Italy"},
        },
        "location": {"latitude": 45.4637, "longitude": 9.1857},
        "timeZone": "Europe/Rome",
        "phone": "+39 02 1234567",
        "email": "duomo@example.com",
        "services": [
            {"code": "click-and-collect", "name": "Click & collect", "description": "Order online, collect here."},
            {"code": "returns", "name": "Returns in store", "description": "Bring back online orders."},
        ],
        "openingHours": [
            {"weekday": "MONDAY", "opens": "09:00:00", "closes": "19:00:00", "closesNextDay": False},
            {"weekday": "SATURDAY", "opens": "10:00:00", "closes": "02:00:00", "closesNextDay": True},
        ],
        "hoursExceptions": [
            {
                "date": in_ten_days,
                "label": "Christmas Eve",
                "closed": False,
                "opens": "09:00:00",
                "closes": "14:00:00",
                "closesNextDay": False,
            }
        ],
        "pickupPreparationMinutes": 30,
        "parkingNotes": "Garage at Via Torino 5.",
        "accessibilityNotes": "Step-free entrance.",
        "storeMessage": "<p>Welcome to <b>Duomo</b>.</p>",
        "heroImage": {"title": "Shop floor"},
        "gallery": [{"caption": "Our windows", "image": {"title": "Shop window"}}],
        "offers": [{"title": "Only here", "code": "DUOMO"}, {"title": "Everywhere", "code": "ALL10"}],
    }


def test_past_exceptions_on_request(graphql, milano):
    body = graphql('{ store(slug: "milano-duomo") { hoursExceptions(includePast: true) { label closed } } }')
    assert body["data"]["store"]["hoursExceptions"] == [
        {"label": "Past", "closed": True},
        {"label": "Christmas Eve", "closed": False},
    ]


def test_italian_store_shows_translated_services_else_the_source_and_country_in_italian(
    graphql, home, store_index, milano, locales
):
    translate(home, locales["it"])
    translate(store_index, locales["it"])
    italian_store = translate(milano, locales["it"])
    body = graphql(
        """{ store(slug: "milano-duomo", locale: "it") { locale url address { country { code name } }
             services { code name } } }"""
    )
    assert "errors" not in body, body
    assert body["data"]["store"] == {
        "locale": "it",
        "url": italian_store.url,
        "address": {"country": {"code": "IT", "name": "Italia"}},
        "services": [
            {"code": "returns", "name": "Returns in store"},
            {"code": "click-and-collect", "name": "Ritiro in negozio"},
        ],
    }


def test_preview_of_a_store_draft_shows_its_unsaved_hours_exceptions_and_services(graphql, milano, services):
    draft = StorePage.objects.get(pk=milano.pk)
    draft.title = "Milano Duomo (renovated)"
    draft.opening_hours = [StoreOpeningHours(weekday=6, opens=datetime.time(10), closes=datetime.time(13))]
    draft.hours_exceptions = [
        StoreHoursException(date=timezone.localdate() + datetime.timedelta(days=3), label="Reopening", closed=True)
    ]
    draft.services.set([services["returns"]])
    body = graphql(
        """query($token: String!) { page(previewToken: $token) { title ... on StorePage {
             openingHours { weekday opens } hoursExceptions { label } services { code } gallery { caption } } } }""",
        {"token": create_preview_token(draft)},
    )
    assert "errors" not in body, body
    assert body["data"]["page"] == {
        "title": "Milano Duomo (renovated)",
        "openingHours": [{"weekday": "SUNDAY", "opens": "10:00:00"}],
        "hoursExceptions": [{"label": "Reopening"}],
        "services": [{"code": "returns"}],
        "gallery": [{"caption": "Our windows"}],
    }
    live = graphql('{ store(slug: "milano-duomo") { title services { code } } }')["data"]["store"]
    assert live == {"title": "Milano Duomo", "services": [{"code": "click-and-collect"}, {"code": "returns"}]}


def test_store_index_page_lists_its_stores(graphql, store_index, milano):
    StorePageFactory(parent=store_index, title="Bergamo", slug="bergamo", city="Bergamo")
    body = graphql(
        """{ page(type: StoreIndexPage, slug: "stores") { __typename title
             ... on StoreIndexPage { intro stores { totalCount edges { node { title address { city } } } } } } }"""
    )
    assert "errors" not in body, body
    assert body["data"]["page"] == {
        "__typename": "StoreIndexPage",
        "title": "Stores",
        "intro": "",
        "stores": {
            "totalCount": 2,
            "edges": [
                {"node": {"title": "Bergamo", "address": {"city": "Bergamo"}}},
                {"node": {"title": "Milano Duomo", "address": {"city": "Milano"}}},
            ],
        },
    }


STORES = """query($country: String, $city: String, $services: [String!], $first: Int, $after: String) {
  stores(country: $country, city: $city, services: $services, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { slug } }
  }
}"""


def slugs(body):
    assert "errors" not in body, body
    return [edge["node"]["slug"] for edge in body["data"]["stores"]["edges"]]


@pytest.fixture
def several_stores(store_index, services):
    StorePageFactory.with_services(store_index, [services["click"]], title="Roma Termini", slug="roma", city="Roma")
    StorePageFactory.with_services(store_index, [services["click"], services["returns"]], title="Milano", slug="milano")
    StorePageFactory.with_services(store_index, [services["returns"]], title="Wien", slug="wien", city="Wien", country="AT")
    StorePageFactory.with_services(store_index, [services["draft"]], title="Ancona", slug="ancona", city="Ancona")
    StorePageFactory(parent=store_index, title="Draft store", slug="draft", live=False)


def test_stores_are_filtered_by_country_city_and_every_service(graphql, several_stores):
    assert slugs(graphql(STORES)) == ["ancona", "milano", "roma", "wien"]
    assert slugs(graphql(STORES, {"country": "it"})) == ["ancona", "milano", "roma"]
    assert slugs(graphql(STORES, {"city": "ROMA"})) == ["roma"]
    assert slugs(graphql(STORES, {"services": ["click-and-collect"]})) == ["milano", "roma"]
    assert slugs(graphql(STORES, {"services": ["click-and-collect", "returns"]})) == ["milano"]


def test_stores_paginate_by_name(graphql, several_stores):
    first = graphql(STORES, {"first": 3})
    assert slugs(first) == ["ancona", "milano", "roma"]
    assert first["data"]["stores"]["totalCount"] == 4
    assert first["data"]["stores"]["pageInfo"]["hasNextPage"]
    rest = graphql(STORES, {"first": 3, "after": first["data"]["stores"]["pageInfo"]["endCursor"]})
    assert slugs(rest) == ["wien"]


@pytest.mark.parametrize(
    ("variables", "field", "named"),
    [
        ({"services": ["click-and-collect", "teleport"]}, "services", "'teleport'"),
        ({"services": ["curbside"]}, "services", "'curbside'"),  # only a draft has this code
        ({"country": "XX"}, "country", "'XX'"),
    ],
)
def test_unknown_filter_values_are_refused_naming_the_argument(graphql, several_stores, variables, field, named):
    body = graphql(STORES, variables)
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_ARGUMENT", "field": field}
    assert named in error["message"]


def test_draft_store_and_other_language_are_absent(graphql, several_stores):
    assert graphql('{ store(slug: "draft") { title } }')["data"]["store"] is None
    assert graphql('{ store(slug: "milano", locale: "it") { title } }')["data"]["store"] is None
    assert graphql('{ stores(locale: "it") { totalCount } }')["data"]["stores"]["totalCount"] == 0


LIST_QUERY = """query($first: Int) { stores(first: $first) { edges { node {
  title address { country { name } } location { latitude }
  services { code name } openingHours { weekday opens } hoursExceptions { date label } isOpen nextOpening nextClosing
  heroImage { rendition(width: 320) { url } } gallery { caption image { rendition(width: 160) { url } } }
  offers { title image { title } stores { slug openingHours { weekday } } }
} } } }"""


def make_stores(store_index, services, count, start):
    image = wagtail_factories.ImageFactory(title="Front")
    today = timezone.localdate()
    for number in range(start, start + count):
        store = StorePageFactory.with_services(
            store_index,
            [services["click"], services["returns"]],
            title=f"Store {number:03d}",
            slug=f"store-{number:03d}",
            hero_image=image,
        )
        for weekday in range(6):
            StoreOpeningHoursFactory(store=store, weekday=weekday)
        StoreHoursException.objects.create(store=store, date=today + datetime.timedelta(days=5), label="Holiday", closed=True)
        StoreGalleryImage.objects.create(store=store, image=image, caption="Inside")
        OfferFactory.for_stores([store], title=f"Only at {number}", image=image)


CHILDREN_QUERY = """query($first: Int) { page(type: StoreIndexPage, slug: "stores") { children(first: $first) {
  edges { node { ... on StorePage {
    services { code } openingHours { weekday } hoursExceptions { label } heroImage { title } gallery { caption }
    offers { title }
} } } } } }"""


def store_list_queries(graphql, first):
    """Queries for ``first`` stores listed by ``stores`` and as the store index's children."""
    queries, data = count_queries(graphql, LIST_QUERY, {"first": first})
    children_queries, children = count_queries(graphql, CHILDREN_QUERY, {"first": first})
    edges = data["stores"]["edges"]
    assert all(len(edge["node"]["services"]) == 2 for edge in children["page"]["children"]["edges"])
    assert len(edges) == first
    assert all(len(edge["node"]["openingHours"]) == 6 and len(edge["node"]["offers"]) == 2 for edge in edges)
    return queries, children_queries


def test_query_count_does_not_grow_with_the_number_of_stores(graphql, store_index, services):
    OfferFactory(title="Everywhere")
    make_stores(store_index, services, 10, 0)
    ten = store_list_queries(graphql, 10)
    make_stores(store_index, services, 90, 10)
    hundred = store_list_queries(graphql, 100)
    assert ten == hundred, (ten, hundred)
    assert max(ten) <= 20, ten  # measured: 19 for each (locale, site, restrictions, count, page, a batch per field)


def test_get_runs_queries_but_refuses_mutations(client, milano):
    response = client.get("/graphql", {"query": '{ store(slug: "milano-duomo") { title } }'})
    assert response.status_code == 200
    assert response.json()["data"] == {"store": {"title": "Milano Duomo"}}
    with CaptureQueriesContext(connection) as queries:
        refused = client.get("/graphql", {"query": "mutation { __typename }"})
    assert refused.status_code == 405
    body = refused.json()
    assert "data" not in body
    assert "POST" in body["errors"][0]["message"]
    assert len(queries) == 0


def test_store_location_is_exact(graphql, store_index):
    StorePageFactory(parent=store_index, slug="fiji", latitude=Decimal("-18.141600"), longitude=Decimal("178.441900"))
    body = graphql('{ store(slug: "fiji") { location { latitude longitude } } }')
    assert body["data"]["store"]["location"] == {"latitude": -18.1416, "longitude": 178.4419}


def test_the_total_is_counted_only_when_asked_and_not_known_from_the_page(graphql, store_index):
    for number in range(5):
        StorePageFactory(parent=store_index, title=f"Store {number}", slug=f"store-{number}")

    def counted(query):
        with CaptureQueriesContext(connection) as queries:
            body = graphql(query)
        assert "errors" not in body, body
        return sum('SELECT COUNT(' in query["sql"] for query in queries), body["data"]["stores"]

    assert counted("{ stores(first: 2) { pageInfo { hasNextPage } } }") == (0, {"pageInfo": {"hasNextPage": True}})
    assert counted("{ stores(first: 2) { totalCount } }") == (1, {"totalCount": 5})
    # The last page tells the total.
    assert counted("{ stores(first: 4, after: \"YXJyYXljb25uZWN0aW9uOjA=\") { totalCount pageInfo { hasNextPage } } }") == (
        0, {"totalCount": 5, "pageInfo": {"hasNextPage": False}}
    )
    # After the end, a count says where the list ends.
    assert counted("{ stores(first: 2, after: \"YXJyYXljb25uZWN0aW9uOjk=\") { totalCount pageInfo { hasPreviousPage } } }") == (
        1, {"totalCount": 5, "pageInfo": {"hasPreviousPage": True}}
    )
