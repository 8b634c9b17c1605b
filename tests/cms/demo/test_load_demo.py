"""The demo content command: what it builds, that it is valid, and that a second run
changes nothing.

Loading the demo takes a while, so it is loaded once for this module (and once more to
check idempotence) inside a transaction that is rolled back when the module is done.
"""

import datetime
import zoneinfo
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Max
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from cms.catalog.models import Category, Product, ProductImage, StockLevel
from cms.core.models import FooterSettings, HomePage, NavigationSettings, SectionPage
from cms.core.qr import qr_image, qr_target_url
from cms.core.validators import validate_gtin
from cms.demo.builders.site import DEFAULT_SITE_URL, site_address
from cms.guides.models import GiftGuidePage
from cms.offers.models import Offer
from cms.policies.models import ReturnPolicyPage
from cms.stores.hours import find_overlaps, interval_problem
from cms.stores.models import CLICK_AND_COLLECT, Service, StorePage
from cms.stories.models import ProductStoryPage

pytestmark = pytest.mark.django_db

SERVICE_CODES = {
    "click-and-collect", "curbside-pickup", "ship-to-store", "in-store-returns",
    "same-day-delivery", "personal-shopping", "gift-wrapping",
}
# Rough bounding boxes (south, north, west, east) of the demo's countries.
COUNTRY_BOXES = {
    "IT": (35.4, 47.1, 6.6, 18.6),
    "GB": (49.9, 60.9, -8.2, 1.8),
    "DE": (47.2, 55.1, 5.8, 15.1),
    "FR": (41.3, 51.1, -5.2, 9.6),
    "US": (24.5, 49.4, -124.8, -66.9),
    "JP": (24.0, 45.6, 122.9, 145.9),
}
ZONES = {
    "IT": {"Europe/Rome"}, "GB": {"Europe/London"}, "DE": {"Europe/Berlin"}, "FR": {"Europe/Paris"},
    "JP": {"Asia/Tokyo"}, "US": {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"},
}


def snapshot():
    """Row count and highest primary key of every table, plus every timestamp a second
    run could touch."""
    tables = set(connection.introspection.table_names())
    models = [model for model in apps.get_models() if model._meta.db_table in tables]
    return {
        "rows": {
            model._meta.label: (model._default_manager.count(), model._default_manager.aggregate(top=Max("pk"))["top"])
            for model in models
        },
        "latest_revisions": sorted(
            Revision.objects.values("base_content_type_id", "object_id")
            .annotate(latest=Max("created_at"))
            .values_list("base_content_type_id", "object_id", "latest")
        ),
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "latest_revision_id", "live_revision_id", "latest_revision_created_at", "last_published_at",
                "numchild", "url_path",
            )
        ),
        "stock": list(
            StockLevel.objects.order_by("pk").values_list("pk", "quantity", "source_updated_at", "updated_at")
        ),
        "images": list(get_image_model().objects.order_by("pk").values_list("pk", "file", "file_hash", "created_at")),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            first_output = StringIO()
            call_command("load_demo", stdout=first_output)
            first = snapshot()
            second_output = StringIO()
            call_command("load_demo", stdout=second_output)
            yield SimpleNamespace(
                first=first,
                second=snapshot(),
                first_output=first_output.getvalue(),
                second_output=second_output.getvalue(),
            )
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()  # Wagtail caches the site's root paths


@pytest.fixture
def locales(demo):
    return {"en": Locale.objects.get(language_code="en"), "it": Locale.objects.get(language_code="it")}


def in_locale(model, locale):
    return model.objects.filter(locale=locale)


# --- What it builds ---------------------------------------------------------------------------


def test_demo_has_enough_of_everything_in_both_languages(locales):
    en, it = locales["en"], locales["it"]
    stores = in_locale(StorePage, en)
    assert stores.count() >= 40
    assert stores.values("country").distinct().count() >= 3
    assert in_locale(Product, en).count() >= 300
    assert StockLevel.objects.count() > 0
    assert in_locale(GiftGuidePage, en).count() >= 4
    assert in_locale(ProductStoryPage, en).count() >= 6
    assert in_locale(Offer, en).count() >= 5
    for model in (StorePage, Product, GiftGuidePage, ProductStoryPage, ReturnPolicyPage, Offer, Service, Category):
        assert in_locale(model, it).count() == in_locale(model, en).count(), model.__name__
    for locale in (en, it):
        store_countries = set(in_locale(StorePage, locale).values_list("country", flat=True))
        policy_markets = set(in_locale(ReturnPolicyPage, locale).values_list("market", flat=True))
        assert store_countries <= policy_markets, f"a return policy per market ({locale.language_code})"
        assert set(in_locale(Service, locale).values_list("code", flat=True)) == SERVICE_CODES


def test_italian_tree_mirrors_the_english_one(locales):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.locale == locales["en"]
    plain_page = ContentType.objects.get_for_model(Page)
    assert not Page.objects.filter(depth=2, content_type=plain_page).exists(), "Wagtail's welcome page is gone"
    italian_home = home.get_translation(locales["it"])
    english_pages = home.get_descendants(inclusive=True).specific()
    assert english_pages.count() > 60
    for page in english_pages:
        translation = page.get_translation(locales["it"])
        assert translation.live and translation.title, page
        if page.pk != home.pk:
            assert translation.get_parent().translation_key == page.get_parent().translation_key, page
    assert italian_home.get_descendants().count() == english_pages.count() - 1
    assert italian_home.specific.hero_title != home.hero_title  # really translated


def test_page_tree_is_consistent(demo):
    problems = Page.find_problems()
    assert all(not found for found in problems), problems


def test_every_page_is_published_with_a_revision(demo):
    for page in Page.objects.filter(depth__gte=2):
        assert page.live and not page.has_unpublished_changes, page
        assert page.live_revision_id and page.live_revision_id == page.latest_revision_id, page


def test_snippets_are_live_and_valid(locales):
    for model in (Service, Category, Product, Offer):
        for snippet in model.objects.all():
            assert snippet.live, snippet
            snippet.full_clean()
    assert Category.objects.filter(parent__isnull=False).count() > Category.objects.filter(parent__isnull=True).count()
    assert not Category.objects.filter(locale=locales["it"], parent__locale=locales["en"]).exists()


def test_products_have_unique_skus_valid_gtins_and_images(locales):
    products = list(in_locale(Product, locales["en"]))
    assert len({product.sku for product in products}) == len(products)
    assert len({product.gtin for product in products}) == len(products)
    for product in products:
        assert len(product.gtin) == 13
        validate_gtin(product.gtin)
        assert product.price > 0 and product.category is not None and product.shop_url
    inactive = [product for product in products if not product.is_active]
    assert 0 < len(inactive) < len(products) * 0.1
    assert not Product.objects.exclude(pk__in=ProductImage.objects.values("product")).exists()
    translations = {p.translation_key: p for p in in_locale(Product, locales["it"])}
    for product in products:
        translation = translations[product.translation_key]
        assert translation.sku == product.sku and translation.category.locale == locales["it"]


def test_stock_is_recorded_against_english_stores_and_products(locales):
    assert StockLevel.objects.exclude(store__locale=locales["en"]).count() == 0
    assert StockLevel.objects.exclude(product__locale=locales["en"]).count() == 0
    assert StockLevel.objects.filter(quantity=0).exists()
    assert StockLevel.objects.filter(product__is_active=False).count() == 0
    stores_with_stock = StockLevel.objects.values("store").distinct().count()
    assert stores_with_stock == in_locale(StorePage, locales["en"]).count()


# --- Stores ---------------------------------------------------------------------------------------


def test_every_store_has_real_coordinates_and_its_time_zone(demo):
    winter = datetime.datetime(2027, 1, 15, 12)
    for store in StorePage.objects.all():
        store.full_clean()
        south, north, west, east = COUNTRY_BOXES[store.country.code]
        assert south <= store.latitude <= north and west <= store.longitude <= east, store
        assert store.time_zone in zoneinfo.available_timezones()
        assert store.time_zone in ZONES[store.country.code], store
        # The zone's offset is close to the sun's at that longitude.
        offset = zoneinfo.ZoneInfo(store.time_zone).utcoffset(winter).total_seconds() / 3600
        assert abs(offset - float(store.longitude) / 15) < 1.5, store


def test_store_hours_are_valid_and_realistic(locales):
    stores = list(in_locale(StorePage, locales["en"]).prefetch_related("opening_hours", "hours_exceptions", "services"))
    for store in stores:
        intervals = store.weekly_intervals()
        assert intervals, store
        for interval in intervals:
            assert interval_problem(interval.opens, interval.closes, interval.closes_next_day) is None, store
        assert not find_overlaps(intervals), store
        for exception in store.hours_exceptions.all():
            if exception.closed:
                assert exception.opens is None and exception.closes is None
            else:
                assert interval_problem(exception.opens, exception.closes, exception.closes_next_day) is None
        assert 0 < store.pickup_preparation_minutes <= 24 * 60
        assert store.phone and store.street_address and store.accessibility_notes and store.parking_notes
    def opens_twice_a_day(store):
        days = [interval.day for interval in store.weekly_intervals()]
        return any(days.count(day) > 1 for day in range(7))

    assert any(opens_twice_a_day(store) for store in stores), "some small stores close for lunch"
    assert any(hours.closes_next_day for store in stores for hours in store.opening_hours.all())
    assert all(
        any(e.closed and e.date.month == 12 and e.date.day == 25 for e in store.hours_exceptions.all())
        for store in stores if store.country.code != "JP"
    ), "closed on Christmas Day"
    with_click_and_collect = [store for store in stores if store.offers_service(CLICK_AND_COLLECT)]
    assert len(with_click_and_collect) > len(stores) * 0.8
    assert len({service.code for store in stores for service in store.services.all()}) == len(SERVICE_CODES)


def test_italian_store_pages_use_italian_services(locales):
    for store in in_locale(StorePage, locales["it"]).prefetch_related("services"):
        assert {service.locale_id for service in store.services.all()} == {locales["it"].pk}, store


# --- Editorial content ----------------------------------------------------------------------------


def test_stories_use_every_body_block(locales):
    block_types = set()
    for story in in_locale(ProductStoryPage, locales["en"]):
        block_types |= {block.block_type for block in story.body}
        assert story.related_products.exists() and story.related_stores.exists()
        assert story.get_parent().specific_class is SectionPage
    assert block_types == {"heading", "paragraph", "image", "quote", "video", "product_callout", "timeline"}


def test_guides_pick_active_products_within_budget(locales):
    for locale in locales.values():
        for guide in in_locale(GiftGuidePage, locale):
            picks = guide.product_picks()
            assert len(picks) >= 5, guide
            for _section, product, note in picks:
                assert product.is_active and product.live and note
                assert product.locale == locale
                assert guide.budget_max is None or product.price <= guide.budget_max


def test_offers_apply_to_all_or_chosen_stores(locales):
    offers = list(in_locale(Offer, locales["en"]))
    assert any(offer.applies_to_all_stores for offer in offers)
    chosen = [offer for offer in offers if not offer.applies_to_all_stores]
    assert chosen and all(offer.stores.exists() for offer in chosen)
    for offer in in_locale(Offer, locales["it"]):
        assert all(store.locale == locales["it"] for store in offer.stores.all())


def test_home_page_features_and_site_settings(locales):
    site = Site.objects.get(is_default_site=True)
    for language, locale in locales.items():
        home = HomePage.objects.get(locale=locale)
        assert home.featured_guides and home.featured_stories and home.featured_offers
        for block in list(home.featured_guides) + list(home.featured_stories):
            assert block.value.locale == locale
    assert NavigationSettings.for_site(site).primary_links
    footer = FooterSettings.for_site(site)
    assert footer.columns and footer.contact_email and footer.legal_text
    italian = footer.in_language(locales["it"])
    assert [column.value["title"] for column in italian.columns] == ["Acquista", "Assistenza", "Chi siamo"]
    assert "P. IVA" in italian.legal_text


@pytest.mark.parametrize(
    "url, text",
    [
        ("/en/", "Shop online, collect in store"),
        ("/it/", "Acquista online, ritira in negozio"),
        ("/en/stores/milan-navigli/", "Milan Navigli"),
        ("/it/negozi/milano-navigli/", "Milano Navigli"),
        ("/en/stories/from-grove-to-bottle/", "youtube-nocookie.com"),
        ("/it/idee-regalo/regali-per-lui-sotto-50/", "Regali per lui"),
        ("/it/aiuto-e-resi/italia/", "Resi in Italia"),
    ],
)
def test_demo_pages_render(demo, client, url, text):
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()


# --- Idempotence ------------------------------------------------------------------------------------


def test_second_run_changes_nothing(demo):
    assert demo.first["rows"] == demo.second["rows"]
    for key in ("latest_revisions", "pages", "stock", "images"):
        assert demo.first[key] == demo.second[key], key
    assert "nothing to do" in demo.second_output
    assert "0 created" in demo.second_output and "already there" in demo.second_output


def test_first_run_reports_progress_and_counts(demo):
    assert "Store pages" in demo.first_output
    assert "Demo content loaded" in demo.first_output
    assert demo.first["rows"]["wagtailcore.Revision"][0] >= Page.objects.filter(depth__gte=2).count()


def test_load_is_deterministic():
    """The data the demo is built from does not depend on the clock or on chance."""
    from cms.demo.builders.catalog import inactive_skus, product_specs

    specs = product_specs()
    assert [spec.sku for spec in specs] == [spec.sku for spec in product_specs()]
    assert inactive_skus(specs) == inactive_skus(product_specs())
    assert all(spec.price > Decimal("0") for spec in specs)


# --- The site's address -------------------------------------------------------------------------


def test_the_demo_site_is_at_the_address_it_is_served_on_and_its_qr_codes_say_so(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == DEFAULT_SITE_URL == "http://127.0.0.1:8000"
    store = StorePage.objects.live().get(slug="milan-duomo")
    url = qr_target_url(store)
    assert url == "http://127.0.0.1:8000/en/stores/milan-duomo/?utm_source=milan-duomo&utm_medium=qr&utm_campaign=milan-duomo"
    assert url.replace("&", "&amp;") in qr_image(url, "svg").decode()


def test_a_second_run_with_another_address_moves_the_site_and_nothing_else(demo):
    before = snapshot()
    try:
        call_command("load_demo", "--site-url", "https://shop.bottegalume.example", stdout=StringIO())
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port, site.root_url) == ("shop.bottegalume.example", 443, "https://shop.bottegalume.example")
        assert snapshot() == before
        store = StorePage.objects.live().get(slug="milan-duomo")
        assert qr_target_url(store).startswith("https://shop.bottegalume.example/en/stores/milan-duomo/?")
    finally:
        call_command("load_demo", "--site-url", DEFAULT_SITE_URL, stdout=StringIO())


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8765", ("127.0.0.1", 8765)),
        ("http://localhost", ("localhost", 80)),
        ("https://shop.example/", ("shop.example", 443)),
        ("HTTPS://Shop.Example:443", ("shop.example", 443)),
    ],
)
def test_site_address_of_a_url(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("127.0.0.1:8000", "is not a site address"),
        ("ftp://shop.example", "is not a site address"),
        ("http://shop.example/en/", "is not a site address"),
        ("http://shop.example:99999", "is not a site address"),
        ("https://shop.example:8443", "https on port 443 only"),
    ],
)
def test_a_site_url_wagtail_cannot_serve_is_refused_naming_the_option(url, message):
    with pytest.raises(CommandError, match=message) as error:
        site_address(url)
    assert "--site-url (DEMO_SITE_URL)" in str(error.value)
