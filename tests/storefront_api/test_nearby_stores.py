"""stores(near:, radiusKm:, openNow:, openAt:) and the edges' distanceKm."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront_api.schema import schema
from tests.factories import ServiceFactory, StoreOpeningHoursFactory, StorePageFactory
from tests.storefront_api.content import count_queries

NEARBY = """query($near: GeoPointInput, $radiusKm: Float, $openAt: DateTime, $services: [String!], $first: Int) {
  stores(near: $near, radiusKm: $radiusKm, openAt: $openAt, services: $services, first: $first) {
    totalCount edges { distanceKm node { slug isOpen(at: $openAt) } } } }"""
DUOMO = {"latitude": 45.4642, "longitude": 9.19}


def add_store(store_index, slug, latitude, longitude, overnight=False, services=()):
    store = StorePageFactory(
        parent=store_index, title=slug.replace("-", " ").title(), slug=slug,
        latitude=Decimal(str(latitude)), longitude=Decimal(str(longitude)),
    )
    for weekday in range(7):
        if overnight:
            StoreOpeningHoursFactory(
                store=store, weekday=weekday, opens=datetime.time(18), closes=datetime.time(2), closes_next_day=True
            )
        else:
            StoreOpeningHoursFactory(store=store, weekday=weekday, opens=datetime.time(9), closes=datetime.time(19))
    for service in services:
        store.services.add(service)
    store.save()
    return store


@pytest.fixture
def italy(store_index):
    collect = ServiceFactory(code="click-and-collect", name="Click & collect")
    add_store(store_index, "milano-duomo", 45.4642, 9.19, services=[collect])
    add_store(store_index, "milano-navigli", 45.452, 9.175, overnight=True)
    add_store(store_index, "torino-centro", 45.0703, 7.6869, services=[collect])
    add_store(store_index, "roma-centro", 41.9028, 12.4964)


def nodes(body):
    assert "errors" not in body, body
    return [(edge["node"]["slug"], edge["distanceKm"]) for edge in body["data"]["stores"]["edges"]]


def test_nearest_first_with_distances_within_the_radius(graphql, italy):
    found = nodes(graphql(NEARBY, {"near": DUOMO, "radiusKm": 10}))
    assert [slug for slug, _km in found] == ["milano-duomo", "milano-navigli"]
    assert found[0][1] == 0.0
    assert 1.5 < found[1][1] < 2.0  # about 1.76 km
    wider = nodes(graphql(NEARBY, {"near": DUOMO, "radiusKm": 200}))
    assert [slug for slug, _km in wider] == ["milano-duomo", "milano-navigli", "torino-centro"]
    assert 120 < wider[2][1] < 130


def test_services_filter_applies_near_a_point(graphql, italy):
    found = nodes(graphql(NEARBY, {"near": DUOMO, "radiusKm": 200, "services": ["click-and-collect"]}))
    assert [slug for slug, _km in found] == ["milano-duomo", "torino-centro"]


def test_open_at_keeps_the_stores_open_then_in_their_time_zone(graphql, italy):
    late = "2026-12-21T23:30:00+01:00"
    body = graphql(NEARBY, {"near": DUOMO, "radiusKm": 200, "openAt": late})
    assert [slug for slug, _km in nodes(body)] == ["milano-navigli"]
    assert body["data"]["stores"]["edges"][0]["node"]["isOpen"] is True
    without_point = graphql(NEARBY, {"openAt": "2026-12-21T10:00:00+01:00"})
    assert [slug for slug, km in nodes(without_point)] == ["milano-duomo", "roma-centro", "torino-centro"]
    assert all(km is None for _slug, km in nodes(without_point))


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"near": {"latitude": 91, "longitude": 9}}, "near.latitude"),
        ({"near": {"latitude": 45, "longitude": 181}}, "near.longitude"),
        ({"near": DUOMO, "radiusKm": -1}, "radiusKm"),
        ({"near": DUOMO, "radiusKm": 50_000}, "radiusKm"),
        ({"near": DUOMO, "services": ["teleport"]}, "services"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(graphql, italy, variables, field):
    body = graphql(NEARBY, variables)
    assert body["data"] is None  # stores is non-null, so the error nulls the data
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": field}
    # The message names the argument as the client wrote it, like `field`.
    assert body["errors"][0]["message"].startswith(f"`{field}`"), body["errors"][0]["message"]


def test_open_now_and_open_at_together_are_refused(graphql, italy):
    body = graphql('{ stores(openNow: true, openAt: "2026-12-21T10:00:00+01:00") { totalCount } }')
    assert body["errors"][0]["extensions"]["field"] == "openAt"


def test_query_count_near_a_point_does_not_grow_with_the_stores(graphql, store_index, italy):
    def add(start, count):
        for number in range(start, start + count):
            add_store(store_index, f"milano-{number:03d}", round(45.40 + number / 1000, 4), 9.15)

    add(0, 6)
    few, small = count_queries(graphql, NEARBY, {"near": DUOMO, "radiusKm": 30, "openAt": "2026-12-21T10:00:00+01:00"})
    add(6, 24)
    many, large = count_queries(graphql, NEARBY, {"near": DUOMO, "radiusKm": 30, "openAt": "2026-12-21T10:00:00+01:00"})
    # The Duomo store and the added ones are open at 10:00; Navigli opens only in the evening.
    assert (small["stores"]["totalCount"], large["stores"]["totalCount"]) == (7, 31)
    assert few == many, (few, many)


def test_the_distance_is_on_the_edge_as_in_search_and_the_node_field_is_deprecated(graphql, italy):
    body = graphql(
        "query($near: GeoPointInput) { stores(near: $near, radiusKm: 10) { edges { distanceKm node { distanceKm } } } }",
        {"near": DUOMO},
    )
    edges = body["data"]["stores"]["edges"]
    assert [edge["distanceKm"] for edge in edges] == [edge["node"]["distanceKm"] for edge in edges]
    store_type = schema.graphql_schema.get_type("StorePage")
    assert store_type.fields["distanceKm"].deprecation_reason
    for edge_type in ("StorePageEdge", "SearchEdge"):
        assert "distanceKm" in schema.graphql_schema.get_type(edge_type).fields


OPEN_PAGE = """query($near: GeoPointInput, $openAt: DateTime, $first: Int) {
  stores(near: $near, radiusKm: 30, openAt: $openAt, first: $first) {
    totalCount totalCountIsEstimate pageInfo { hasNextPage } edges { node { slug } } } }"""


def stores_with_hours_read(queries):
    """The most stores whose opening hours one query read."""
    hour_queries = [q["sql"] for q in queries if 'FROM "stores_storeopeninghours"' in q["sql"]]
    return max(len(re.search(r'"store_id" IN \(([^)]*)\)', sql).group(1).split(",")) for sql in hour_queries)


def test_open_at_judges_the_hours_only_of_the_stores_a_page_needs(graphql, store_index, italy):
    for number in range(120):  # open at 10:00, 3 to 7 km from the Duomo
        add_store(store_index, f"milano-{number:03d}", round(45.40 + number / 2000, 4), 9.15)
    with CaptureQueriesContext(connection) as queries:
        body = graphql(OPEN_PAGE, {"near": DUOMO, "openAt": "2026-12-21T10:00:00+01:00", "first": 3})
    stores = body["data"]["stores"]
    assert [edge["node"]["slug"] for edge in stores["edges"]] == ["milano-duomo", "milano-119", "milano-118"]
    assert stores["pageInfo"]["hasNextPage"] is True
    # 121 of the 122 stores in the radius are open: the count is estimated from those read.
    assert stores["totalCountIsEstimate"] is True and 100 <= stores["totalCount"] <= 122
    assert stores_with_hours_read(queries) <= 64  # not the hours of all 122


def test_open_at_counts_exactly_when_every_store_was_judged(graphql, italy):
    body = graphql(OPEN_PAGE, {"near": DUOMO, "openAt": "2026-12-21T10:00:00+01:00", "first": 1})
    stores = body["data"]["stores"]
    assert (stores["totalCount"], stores["totalCountIsEstimate"]) == (1, False)  # Navigli opens at 18:00
    assert stores["pageInfo"]["hasNextPage"] is False
    plain = graphql("{ stores(first: 1) { totalCount totalCountIsEstimate pageInfo { hasNextPage } } }")
    assert plain["data"]["stores"] == {"totalCount": 4, "totalCountIsEstimate": False, "pageInfo": {"hasNextPage": True}}


def test_near_a_point_the_page_query_counts_the_stores_in_the_radius(graphql, italy):
    with CaptureQueriesContext(connection) as queries:
        body = graphql(NEARBY, {"near": DUOMO, "radiusKm": 200, "first": 1})
    assert body["data"]["stores"]["totalCount"] == 3 and len(body["data"]["stores"]["edges"]) == 1
    assert not [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(")]
