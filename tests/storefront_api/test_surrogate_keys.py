"""Surrogate keys: a public response names what it was built from, and each change purges
exactly the responses that may show something different.

Most tests here are one contract between the two sides: a response's keys (recorded by the
API as it reads) must meet the keys a change purges (cms/publishing/purge_keys.py) when the
change can alter the response — a new gift guide for a list of guides, store A's stock for
a response that read it — and must not meet them otherwise.
"""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from cms.catalog.stock import ingest_stock_batch
from cms.core.models import NavigationSettings
from cms.publishing import surrogate_keys
from cms.publishing.models import CachePurge
from tests.factories import (
    GiftGuidePageFactory,
    OfferFactory,
    ProductFactory,
    ProductStoryPageFactory,
    SectionPageFactory,
    StockLevelFactory,
    StorePageFactory,
)
from tests.storefront_api.content import callouts, translate


@pytest.fixture
def purging(settings):
    """A purger configured (purges are queued only then); nothing is sent in these tests."""
    settings.CDN = {
        **settings.CDN,
        "PURGER": "cms.publishing.purgers.varnish.VarnishPurger",
        "PURGER_OPTIONS": {"URLS": ["http://127.0.0.1:9"]},
    }


@pytest.fixture
def keys_of(client):
    """GET a query; the keys its response carries."""

    def run(query, variables=None, **extra):
        params = {"query": query, "variables": json.dumps(variables or {})}
        response = client.get("/graphql", params, **extra)
        assert response.status_code == 200 and "errors" not in response.json(), response.content
        return set(response["Surrogate-Key"].split(" "))

    return run


@pytest.fixture
def purged(committed, purging):
    """Run a change as a committed transaction; the keys it queued for purging."""

    def run(change):
        last = CachePurge.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with committed():
            change()
        return set().union(*CachePurge.objects.filter(pk__gt=last).values_list("keys", flat=True))

    return run


def publish(page):
    page.save_revision().publish()


def site_id():
    return Site.objects.get(is_default_site=True).pk


GUIDES = "{ giftGuides { edges { node { title } } } }"
STORE = 'query($slug: String!) { store(slug: $slug) { title url } }'
STOCK = 'query($slug: String!) { store(slug: $slug) { stock(skus: ["MOKA-3"]) { quantity } } }'
PAGE_BY_ID = "query($id: ID!) { page(id: $id) { title url } }"


@pytest.fixture
def guides(home):
    return SectionPageFactory(parent=home, title="Gift ideas", slug="gift-ideas")


@pytest.fixture
def stores(store_index):
    return {slug: StorePageFactory(parent=store_index, title=slug.title(), slug=slug) for slug in ("milano", "roma")}


def test_a_response_names_its_site_and_what_it_showed(keys_of, home, guides):
    guide = GiftGuidePageFactory(parent=guides, slug="for-him")
    keys = keys_of(GUIDES)
    assert {f"site-{site_id()}", f"page-{guide.pk}", f"page-list-{site_id()}-en-giftguidepage"} <= keys


def test_a_new_gift_guide_purges_the_lists_of_guides_but_not_a_store(keys_of, purged, guides, stores):
    GiftGuidePageFactory(parent=guides, slug="for-him")
    listing = keys_of(GUIDES)
    store = keys_of(STORE, {"slug": "milano"})
    new_guide = GiftGuidePageFactory(parent=guides, slug="for-her", live=False)
    keys = purged(lambda: publish(new_guide))
    assert listing & keys  # the list did not show the new guide, and must now
    assert not store & keys


def test_publishing_a_store_purges_its_page_and_store_lists_only(keys_of, purged, stores):
    milano, roma = keys_of(STORE, {"slug": "milano"}), keys_of(STORE, {"slug": "roma"})
    listing = keys_of("{ stores { edges { node { title } } } }")
    stores["milano"].title = "Milano Duomo"
    keys = purged(lambda: publish(stores["milano"]))
    assert milano & keys and listing & keys
    assert not roma & keys


def test_a_store_published_with_a_slug_no_store_had_purges_the_empty_answer(keys_of, purged, store_index):
    missing = keys_of(STORE, {"slug": "torino"})
    torino = StorePageFactory(parent=store_index, slug="torino", live=False)
    assert missing & purged(lambda: publish(torino))


def stock_row(store, quantity):
    return {"store": store, "sku": "MOKA-3", "quantity": quantity, "source_updated_at": timezone.now().isoformat()}


def test_a_stock_batch_purges_only_responses_that_read_that_stores_stock(keys_of, purged, stores, home):
    product = ProductFactory(sku="MOKA-3")
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    for store in stores.values():
        StockLevelFactory(store=store, product=product, quantity=7, source_updated_at=an_hour_ago)
    milano_stock, roma_stock = keys_of(STOCK, {"slug": "milano"}), keys_of(STOCK, {"slug": "roma"})
    content = keys_of(PAGE_BY_ID, {"id": home.pk})
    milano_page = keys_of(STORE, {"slug": "milano"})
    keys = purged(lambda: ingest_stock_batch([stock_row("milano", 3)]))
    assert f"stock-{stores['milano'].pk}" in milano_stock & keys
    assert not roma_stock & keys
    assert not content & keys and not milano_page & keys


def test_stock_keys_cover_every_language_of_the_store(keys_of, purged, stores, home, locales):
    ProductFactory(sku="MOKA-3")
    ProductFactory(sku="MOKA-3", locale=locales["it"])
    translate(home, locales["it"])
    translate(stores["milano"].get_parent().specific, locales["it"])
    italian = translate(stores["milano"], locales["it"])
    keys = keys_of(STOCK, {"slug": "milano"})
    italian_keys = keys_of('{ store(slug: "milano", locale: "it") { stock(skus: ["MOKA-3"]) { quantity } } }')
    assert f"stock-{italian.pk}" in italian_keys
    purge = purged(lambda: ingest_stock_batch([stock_row("milano", 3)]))
    assert keys & purge and italian_keys & purge


def test_availability_depends_on_the_stock_of_every_store_it_looked_at(keys_of, purged, stores):
    product = ProductFactory(sku="MOKA-3")  # both stores are in the same spot (the factory's)
    StockLevelFactory(store=stores["milano"], product=product, quantity=7)
    query = """{ product(sku: "MOKA-3") { availability(near: {latitude: 45.46, longitude: 9.19}) {
        store { title } } } }"""
    keys = keys_of(query)
    # Roma has none yet: its first stock report may put it in the answer.
    assert f"stock-{stores['roma'].pk}" in keys & purged(lambda: ingest_stock_batch([stock_row("roma", 5)]))


def test_making_a_page_private_purges_the_lists_that_showed_it(keys_of, purged, home, guides):
    children = keys_of(PAGE_BY_ID.replace("title url", "children { edges { node { title } } }"), {"id": home.pk})
    keys = purged(lambda: PageViewRestriction.objects.create(page=guides, restriction_type="login"))
    assert children & keys


def test_a_new_slug_purges_the_pages_below_whose_urls_changed(keys_of, purged, guides):
    guide = GiftGuidePageFactory(parent=guides, slug="for-him")
    below = keys_of(PAGE_BY_ID, {"id": guide.pk})
    guides.slug = "ideas"
    assert below & purged(lambda: publish(guides))


def test_a_link_in_rich_text_depends_on_the_page_it_names(keys_of, purged, home, guides):
    page = SectionPageFactory(parent=home, slug="about", intro=f'<p><a linktype="page" id="{guides.pk}">Ideas</a></p>')
    keys = keys_of("query($id: ID!) { page(id: $id) { ... on SectionPage { intro } } }", {"id": page.pk})
    guides.slug = "ideas"
    assert keys & purged(lambda: publish(guides))


def test_a_published_translation_purges_the_pages_it_translates(keys_of, purged, home, guides, locales):
    translations = keys_of("query($id: ID!) { page(id: $id) { translations { url } } }", {"id": guides.pk})
    translate(home, locales["it"])
    assert translations & purged(lambda: translate(guides, locales["it"]))


def test_a_featured_guide_published_later_purges_the_home_page(keys_of, purged, home, guides):
    guide = GiftGuidePageFactory(parent=guides, slug="for-him", live=False)
    home.featured_guides = [("guide", guide)]
    publish(home)
    keys = keys_of("{ home { ... on HomePage { featuredGuides { title } } } }")
    assert keys & purged(lambda: publish(guide))


def test_a_product_purges_the_guides_and_stories_that_show_it(keys_of, purged, guides):
    product = ProductFactory(sku="MOKA-3")
    story = ProductStoryPageFactory(parent=guides, slug="moka", body=callouts([product]))
    keys = keys_of(PAGE_BY_ID.replace("title url", "... on ProductStoryPage { body { __typename } }"), {"id": story.pk})
    product.name = "Moka pot"
    assert keys & purged(lambda: product.save_revision().publish())
    other = ProductFactory(sku="V60")
    assert not keys & purged(lambda: other.save_revision().publish())


def test_a_product_published_later_purges_the_answer_that_found_none(keys_of, purged, home):
    missing = keys_of('{ product(sku: "V60") { name } }')
    listing = keys_of("{ products { edges { node { name } } } }")
    keys = purged(lambda: ProductFactory(sku="V60", live=True))
    assert missing & keys and listing & keys


def test_a_new_offer_purges_the_offers_of_stores_in_its_language(keys_of, purged, stores):
    keys = keys_of('{ store(slug: "milano") { offers { title } } }')
    offer = OfferFactory(live=False)
    assert keys & purged(lambda: offer.save_revision().publish())


def test_the_navigation_has_a_key_of_its_own(keys_of, purged, home, guides):
    navigation = keys_of("{ navigation { links { __typename } } }")
    page = keys_of(PAGE_BY_ID, {"id": guides.pk})
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    keys = purged(settings.save)
    assert navigation & keys and not page & keys


def test_changing_a_site_purges_all_its_responses(keys_of, purged, home, guides):
    page = keys_of(PAGE_BY_ID, {"id": guides.pk})
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    assert page & purged(site.save)


def test_the_header_name_and_separator_follow_the_cdn(client, settings, home):
    query = {"query": "{ home { title } }"}
    settings.CDN = {**settings.CDN, "SURROGATE_KEY_HEADER": "Cache-Tag"}
    tags = client.get("/graphql", query)["Cache-Tag"]
    assert "," in tags and " " not in tags
    settings.CDN = {**settings.CDN, "SURROGATE_KEY_HEADER": "xkey"}
    assert client.get("/graphql", query)["xkey"] == tags.replace(",", " ")


def test_too_many_keys_fall_back_to_the_site_keys_every_purge_of_the_site_meets(
    settings, keys_of, purged, store_index, stores
):
    settings.CDN = {**settings.CDN, "SURROGATE_KEY_MAX_BYTES": 40}
    keys = keys_of("{ stores { edges { node { title } } } }")
    assert keys == {surrogate_keys.site(site_id()), surrogate_keys.site_any(site_id())}
    stores["roma"].title = "Roma Termini"
    assert keys & purged(lambda: publish(stores["roma"]))
    ProductFactory(sku="MOKA-3")
    assert keys & purged(lambda: ingest_stock_batch([stock_row("roma", 1)]))


def test_a_theme_edit_purges_the_theme_and_its_style_sheets(client, keys_of, purged, home):
    from themes.models import Theme

    theme = Theme.objects.create(site=Site.objects.get(is_default_site=True), name="Everyday", slug="everyday", is_default=True)
    api = keys_of("{ theme { colors { primary } } }")
    css = set(client.get("/themes/everyday.css")["Surrogate-Key"].split(" "))
    active = set(client.get("/themes/active.css")["Surrogate-Key"].split(" "))
    theme.primary_color = "#8b0000"
    keys = purged(theme.save)
    assert api & keys and css & keys and active & keys


def test_qr_codes_and_renditions_name_what_they_show(client, stores, image):
    store = stores["milano"]
    qr = client.get(f"/qr/store/{store.pk}.svg")
    assert qr.status_code == 200 and f"page-{store.pk}" in qr["Surrogate-Key"].split(" ")
    from storefront_api.images.renditions import serve_url

    rendition = client.get(serve_url(image, "width-320"))
    assert rendition.status_code == 302 and rendition["Surrogate-Key"] == f"image-{image.pk}"
