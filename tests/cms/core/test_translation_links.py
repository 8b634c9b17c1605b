"""Translating a page or snippet through the admin ("Translate") points its links to
services, products, stores, offers, categories and pages at their versions in the target
language; links whose object has no version there stay and are named on the edit view."""

import pytest

from cms.catalog.models import Product
from cms.core.models import HomePage
from cms.core.relations import move_to_locale
from cms.guides.models import GiftGuidePage
from cms.offers.models import Offer
from cms.stores.models import StorePage
from cms.stories.models import ProductStoryPage
from tests.editing import content_checks, page_edit_url, snippet_url, translate_ancestors, translate_page, translate_snippet
from tests.factories import (
    CategoryFactory,
    GiftGuidePageFactory,
    OfferFactory,
    ProductFactory,
    ProductStoryPageFactory,
    ServiceFactory,
    StorePageFactory,
)


def italian_version(obj, italian, **fields):
    """The object's Italian version, as an editor would have made it (and published it)."""
    version = obj.copy_for_translation(italian)
    for name, value in fields.items():
        setattr(version, name, value)
    version.save()
    return version


@pytest.fixture
def italian(locales):
    return locales["it"]


@pytest.fixture
def click_and_collect(italian):
    service = ServiceFactory(code="click-and-collect", name="Click & collect")
    return service, italian_version(service, italian, name="Ritiro in negozio")


@pytest.fixture
def curbside(db):
    return ServiceFactory(code="curbside", name="Curbside pickup")


def translated(model, source, italian):
    return model.objects.get(translation_key=source.translation_key, locale=italian)


def test_a_translated_store_offers_the_italian_services_and_keeps_one_without_translation(
    admin_client, store_index, italian, click_and_collect, curbside
):
    english_service, italian_service = click_and_collect
    store = StorePageFactory.with_services(store_index, [english_service, curbside], title="Milano Duomo")
    translate_ancestors(store)

    response = translate_page(admin_client, store)

    assert response.status_code == 302
    translation = translated(StorePage, store, italian)
    assert set(translation.services.all()) == {italian_service, curbside}
    # The editor opens the latest revision: it links the same services.
    assert set(translation.get_latest_revision_as_object().services.all()) == {italian_service, curbside}
    # The English store is unchanged.
    assert set(StorePage.objects.get(pk=store.pk).services.all()) == {english_service, curbside}

    checks = content_checks(admin_client.get(page_edit_url(translation)))
    assert [check for check in checks if check.startswith("Services:")] == [
        "Services: “Curbside pickup” has no Italian version yet; shoppers see it in English. "
        "Translate it, or choose another."
    ]


def test_a_translated_story_links_the_italian_products_stores_and_callout(admin_client, section, store_index, italian):
    moka = ProductFactory(name="Moka pot", sku="MOKA-3")
    moka_it = italian_version(moka, italian, name="Caffettiera")
    grinder = ProductFactory(name="Grinder", sku="GRIND-1")
    store = StorePageFactory(parent=store_index, title="Faenza Centro")
    translate_ancestors(store)
    store_it = store.copy_for_translation(italian)
    story = ProductStoryPageFactory(
        parent=section,
        body=[{"type": "product_callout", "value": {"product": moka.pk, "text": "The pot."}}],
    )
    story.related_products.set([moka, grinder])
    story.related_stores.set([store])
    story.save()
    translate_ancestors(story)

    assert translate_page(admin_client, story).status_code == 302

    translation = translated(ProductStoryPage, story, italian)
    assert set(translation.related_products.all()) == {moka_it, grinder}
    assert list(translation.related_stores.all()) == [StorePage.objects.get(pk=store_it.pk)]
    assert translation.body[0].value["product"] == moka_it
    assert story.body[0].value["product"] == moka


def test_a_translated_gift_guide_picks_the_italian_products(admin_client, section, italian):
    moka = ProductFactory(name="Moka pot", sku="MOKA-3", price="29.90")
    cups = ProductFactory(name="Espresso cups", sku="CUPS-6", price="19.90")
    moka_it = italian_version(moka, italian, name="Caffettiera")
    guide = GiftGuidePageFactory.with_products(section, [moka, cups], title="Gifts for him")
    translate_ancestors(guide)

    assert translate_page(admin_client, guide).status_code == 302

    translation = translated(GiftGuidePage, guide, italian)
    assert [pick for _title, pick, _note in translation.product_picks()] == [moka_it, cups]
    assert [pick for _title, pick, _note in translation.get_latest_revision_as_object().product_picks()] == [
        moka_it,
        cups,
    ]


def test_a_translated_home_page_features_the_italian_offers_and_points_to_guides_translated_later(
    admin_client, home, section, italian
):
    guide = GiftGuidePageFactory.with_products(section, [ProductFactory()], title="Gifts for him")
    offer = OfferFactory(title="Autumn offer")
    offer_it = italian_version(offer, italian, title="Offerta d'autunno")
    home.featured_guides = [("guide", guide)]
    home.featured_offers = [("offer", offer)]
    home.save_revision().publish()

    assert translate_page(admin_client, home).status_code == 302

    home_it = translated(HomePage, home, italian)
    assert [block.value for block in home_it.featured_offers] == [offer_it]
    # The guide has no Italian version yet: the Italian home page keeps the English one …
    assert [block.value.pk for block in home_it.featured_guides] == [guide.pk]
    checks = content_checks(admin_client.get(page_edit_url(home_it)))
    assert any(check.startswith("Featured gift guides: “Gifts for him” has no Italian version yet") for check in checks)

    # … and once it is translated, the check names the Italian version to choose instead.
    translate_page(admin_client, section)
    translate_page(admin_client, guide)
    guide_it = translated(GiftGuidePage, guide, italian)
    guide_it.title = "Regali per lui"
    guide_it.save_revision().publish()
    checks = content_checks(admin_client.get(page_edit_url(home_it)))
    assert (
        "Featured gift guides: “Gifts for him” is the English version; choose its Italian version “Regali per lui” instead."
        in checks
    )

    # Moving the links (what translating does) picks it.
    assert move_to_locale(home_it, italian) == []
    assert [block.value.pk for block in home_it.featured_guides] == [guide_it.pk]


def test_a_translated_offer_applies_in_the_italian_stores(admin_client, store_index, italian):
    milano = StorePageFactory(parent=store_index, title="Milano")
    roma = StorePageFactory(parent=store_index, title="Roma")
    translate_ancestors(milano)
    milano_it = milano.copy_for_translation(italian)
    offer = OfferFactory.for_stores([milano, roma], title="Autumn offer")

    response = translate_snippet(admin_client, offer)

    assert response.status_code == 302
    translation = translated(Offer, offer, italian)
    assert set(translation.stores.all()) == {StorePage.objects.get(pk=milano_it.pk), StorePage.objects.get(pk=roma.pk)}
    checks = content_checks(admin_client.get(snippet_url(Offer, "edit", translation.pk)))
    assert any(check.startswith("Stores: “Roma” has no Italian version yet") for check in checks)


def test_a_translated_product_is_in_the_italian_category(admin_client, italian):
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    kitchen_it = italian_version(kitchen, italian, name="Cucina")
    product = ProductFactory(name="Moka pot", sku="MOKA-3", category=kitchen)

    assert translate_snippet(admin_client, product).status_code == 302

    assert translated(Product, product, italian).category == kitchen_it
