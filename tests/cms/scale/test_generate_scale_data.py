"""The scale data command on a small run: exact counts, a valid page tree, the same data
for the same seed, and stores the API serves."""

import json
import random
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.catalog.models import Category, Product, StockLevel
from cms.demo.scale.generate import CATEGORY_PREFIX, INDEX_SLUG, SKU_PREFIX, SERVICE_SHARES, jitter
from cms.stores.models import Service, StoreIndexPage, StorePage
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

SMALL = {"stores": 30, "products": 200, "stock_rows": 2000}


def generate(**options):
    out = StringIO()
    call_command("generate_scale_data", no_progress=True, stdout=out, stderr=StringIO(), **{**SMALL, **options})
    return out.getvalue()


def scale_index():
    return StoreIndexPage.objects.get(slug=INDEX_SLUG)


def snapshot():
    """What a run produced, independent of primary keys and of the time it ran."""
    stores = StorePage.objects.descendant_of(scale_index()).order_by("path")
    return {
        "stores": list(stores.values_list(
            "slug", "title", "city", "country", "latitude", "longitude", "time_zone", "pickup_preparation_minutes",
            "translation_key",
        )),
        "hours": sorted(stores.values_list("slug", "opening_hours__weekday", "opening_hours__opens",
                                           "opening_hours__closes", "opening_hours__closes_next_day")),
        "services": sorted(stores.values_list("slug", "services__code")),
        "products": list(Product.objects.filter(sku__startswith=SKU_PREFIX).order_by("sku").values_list(
            "sku", "gtin", "name", "brand", "price", "category__slug", "is_active")),
        "stock": sorted(StockLevel.objects.values_list("store__slug", "product__sku", "quantity")),
    }


def test_small_run_creates_exactly_the_requested_data_in_a_valid_tree(locales):
    generate()
    index = scale_index()
    stores = StorePage.objects.live().descendant_of(index)
    assert stores.count() == 30
    assert Product.objects.filter(sku__startswith=SKU_PREFIX).count() == 200
    assert StockLevel.objects.count() == 2000
    assert Category.objects.filter(slug__startswith=CATEGORY_PREFIX).count() > 0

    assert Page.find_problems() == ([], [], [], [], [])
    index.refresh_from_db()
    assert index.numchild == 30
    home = Site.objects.get(is_default_site=True).root_page
    assert index.get_parent().pk == home.pk and index.live
    assert {store.locale_id for store in stores} == {locales["en"].pk}
    for store in stores:
        assert store.url_path == f"{index.url_path}{store.slug}/"
        assert -90 <= store.latitude <= 90 and -180 <= store.longitude <= 180
        zoneinfo.ZoneInfo(store.time_zone)
        assert store.opening_hours.exists()
        assert store.hours_exceptions.filter(closed=True).exists()
    codes = set(Service.objects.filter(stores__in=stores).values_list("code", flat=True))
    assert codes <= set(SERVICE_SHARES) and "click-and-collect" in codes
    # Some stores close after midnight.
    assert stores.filter(opening_hours__closes_next_day=True).exists()
    # A store is a normal page to Wagtail: its specific object, URL and tree neighbours.
    store = stores.first().specific
    assert store.get_parent().pk == index.pk
    assert store.get_url().endswith(f"/{store.slug}/")


def test_the_same_seed_gives_the_same_data_and_a_rerun_changes_nothing(locales):
    generate(seed=7)
    first = snapshot()

    output = generate(seed=7)
    assert "already exists" in output
    assert snapshot() == first

    generate(seed=7, replace=True)
    assert snapshot() == first
    assert Page.find_problems() == ([], [], [], [], [])

    generate(seed=8, replace=True)
    other = snapshot()
    assert other["stores"] != first["stores"] and other["products"] != first["products"]
    assert StockLevel.objects.count() == 2000


def test_existing_home_and_services_are_used(home):
    click = ServiceFactory(code="click-and-collect", name="Pick up here")
    generate()
    assert scale_index().get_parent().pk == home.pk
    assert Service.objects.filter(code="click-and-collect").get() == click
    assert set(Service.objects.values_list("code", flat=True)) >= set(SERVICE_SHARES)
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


def test_stores_are_served_by_the_graphql_api(client, locales):
    generate()
    store = StorePage.objects.descendant_of(scale_index()).order_by("path").first()
    expected = StorePage.objects.descendant_of(scale_index()).filter(country=store.country).count()
    query = """query($country: String!, $slug: String!) {
      stores(country: $country, first: 20) { totalCount edges { node { slug address { country { code } } } } }
      store(slug: $slug) { slug location { latitude longitude } openingHours { weekday } services { code } }
    }"""
    response = client.post(
        "/graphql", data=json.dumps({"query": query, "variables": {"country": store.country.code, "slug": store.slug}}),
        content_type="application/json",
    )
    body = response.json()
    assert "errors" not in body, body
    stores = body["data"]["stores"]
    assert stores["totalCount"] == expected
    assert {edge["node"]["address"]["country"]["code"] for edge in stores["edges"]} == {store.country.code}
    assert body["data"]["store"]["slug"] == store.slug
    assert body["data"]["store"]["openingHours"]


def test_jitter_stays_on_the_globe_across_the_antimeridian():
    rng = random.Random(1)
    for _ in range(500):
        latitude, longitude = jitter(rng, -16.5, 179.95, 25)
        assert -90 <= latitude <= 90 and -180 <= longitude <= 180
    west = [jitter(rng, -16.5, 179.95, 25)[1] for _ in range(200)]
    assert min(west) < -179 and max(west) > 179  # wrapped, not clamped
    north = [jitter(rng, 89.95, 0, 25)[0] for _ in range(200)]
    assert max(north) <= 89.9


def test_more_stock_rows_than_store_and_product_pairs_are_refused(locales):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="more than one row per store and product"):
        generate(stores=2, products=3, stock_rows=7)
