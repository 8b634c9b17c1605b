"""Product.availability(near:, radiusKm:, first:): nearby stores that have the product."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ProductFactory, ServiceFactory, StockLevelFactory, StoreOpeningHoursFactory, StorePageFactory
from tests.storefront_api.content import count_queries

AVAILABILITY = """query($sku: String!, $near: GeoPointInput!, $radiusKm: Float) { product(sku: $sku) {
  availability(near: $near, radiusKm: $radiusKm) {
    store { slug isOpen } distanceKm quantity band clickAndCollect pickupEstimate } } }"""
DUOMO = {"latitude": 45.4642, "longitude": 9.19}


def add_store(store_index, slug, latitude, longitude, services=()):
    store = StorePageFactory(
        parent=store_index, title=slug, slug=slug, pickup_preparation_minutes=30,
        latitude=Decimal(str(latitude)), longitude=Decimal(str(longitude)),
    )
    for weekday in range(7):  # open around the clock, so the estimate is "now + preparation"
        StoreOpeningHoursFactory(
            store=store, weekday=weekday, opens=datetime.time(0), closes=datetime.time(0), closes_next_day=True
        )
    store.services.add(*services)
    store.save()
    return store


@pytest.fixture
def stocked(store_index):
    collect = ServiceFactory(code="click-and-collect", name="Click & collect")
    duomo = add_store(store_index, "milano-duomo", 45.4642, 9.19, services=[collect])
    navigli = add_store(store_index, "milano-navigli", 45.452, 9.175)
    torino = add_store(store_index, "torino-centro", 45.0703, 7.6869, services=[collect])
    moka, cup = ProductFactory(sku="MOKA-3"), ProductFactory(sku="CUP-1")
    for store, quantity in ((duomo, 12), (navigli, 2), (torino, 5)):
        StockLevelFactory(store=store, product=moka, quantity=quantity)
    StockLevelFactory(store=duomo, product=cup, quantity=0)
    return {"duomo": duomo, "navigli": navigli}


def test_nearby_stores_with_stock_band_and_pickup_estimate(graphql, stocked):
    before = timezone.now()
    body = graphql(AVAILABILITY, {"sku": "MOKA-3", "near": DUOMO, "radiusKm": 10})
    assert "errors" not in body, body
    found = body["data"]["product"]["availability"]
    assert [(row["store"]["slug"], row["quantity"], row["band"], row["clickAndCollect"]) for row in found] == [
        ("milano-duomo", 12, "IN_STOCK", True),
        ("milano-navigli", 2, "LOW_STOCK", False),
    ]
    assert found[0]["distanceKm"] == 0.0 and 1.5 < found[1]["distanceKm"] < 2.0
    estimate = datetime.datetime.fromisoformat(found[0]["pickupEstimate"])
    assert before + datetime.timedelta(minutes=30) <= estimate <= timezone.now() + datetime.timedelta(minutes=30)
    assert found[1]["pickupEstimate"] is None  # no click & collect there
    assert found[0]["store"]["isOpen"] is True


def test_out_of_stock_stores_are_left_out(graphql, stocked):
    body = graphql(AVAILABILITY, {"sku": "CUP-1", "near": DUOMO, "radiusKm": 10})
    assert body["data"]["product"]["availability"] == []


def test_a_bad_point_is_refused_naming_the_argument(graphql, stocked):
    body = graphql(AVAILABILITY, {"sku": "MOKA-3", "near": {"latitude": 91, "longitude": 9}})
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "near.latitude"}


LIST = """query($first: Int, $near: GeoPointInput!) { products(first: $first) { edges { node {
  sku availability(near: $near, radiusKm: 10) { store { slug openingHours { weekday } } quantity pickupEstimate } } } } }"""


def test_query_count_of_a_product_list_with_availability_does_not_grow(graphql, stocked):
    def add_products(start, count):
        for number in range(start, start + count):
            product = ProductFactory(sku=f"EXTRA-{number:03d}")
            StockLevelFactory(store=stocked["duomo"], product=product, quantity=number + 1)

    add_products(0, 3)
    few, small = count_queries(graphql, LIST, {"first": 5, "near": DUOMO})
    add_products(3, 20)
    many, large = count_queries(graphql, LIST, {"first": 25, "near": DUOMO})
    assert (len(small["products"]["edges"]), len(large["products"]["edges"])) == (5, 25)
    # MOKA-3 in two nearby stores, CUP-1 in none, each of the 23 extras in one.
    assert sum(len(edge["node"]["availability"]) for edge in large["products"]["edges"]) == 25
    assert few == many, (few, many)


FIRST = """query($sku: String!, $near: GeoPointInput!, $first: Int) { product(sku: $sku) {
  availability(near: $near, radiusKm: 50, first: $first) { store { slug } quantity } } }"""


def test_only_the_stock_of_the_stores_shown_is_read(graphql, store_index, stocked):
    for number in range(40):  # closer to the Duomo than Torino, without stock
        add_store(store_index, f"milano-{number:02d}", round(45.47 + number / 1000, 4), 9.19)
    with CaptureQueriesContext(connection) as queries:
        body = graphql(FIRST, {"sku": "MOKA-3", "near": DUOMO, "first": 2})
    assert [row["store"]["slug"] for row in body["data"]["product"]["availability"]] == ["milano-duomo", "milano-navigli"]
    stock_reads = [q["sql"] for q in queries if 'FROM "catalog_stocklevel"' in q["sql"].split("WHERE")[0]]
    # One read of stock levels, for the two stores shown (not for the 42 in the radius).
    assert len(stock_reads) == 1
    assert len(re.search(r'"translation_key" IN \(([^)]*)\)', stock_reads[0]).group(1).split(",")) == 2


def test_the_stock_keys_are_of_the_stores_up_to_the_farthest_shown(keys_of_availability, stocked):
    # Navigli (1.7 km) has stock too: with one store asked for, only the Duomo's stock matters.
    one = keys_of_availability(1)
    assert f"stock-{stocked['duomo'].pk}" in one and f"stock-{stocked['navigli'].pk}" not in one
    # Three asked for, two found: a store anywhere in the radius could be the third.
    three = keys_of_availability(3)
    assert {f"stock-{stocked['duomo'].pk}", f"stock-{stocked['navigli'].pk}"} <= three


@pytest.fixture
def keys_of_availability(client):
    """The surrogate keys of the availability of MOKA-3 in the nearest ``first`` stores."""

    def keys(first):
        variables = json.dumps({"sku": "MOKA-3", "near": DUOMO, "first": first})
        response = client.get("/graphql", {"query": FIRST, "variables": variables})
        assert response.status_code == 200 and "errors" not in response.json(), response.content
        return set(response["Surrogate-Key"].split(" "))

    return keys
