"""Content checks on the edit form: images without alt text, translations missing or older
than their source, and each domain's own (gift guide budget, store hours and position).
They warn; saving and publishing go on."""

import datetime

import pytest
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page

from cms.guides.models import GiftGuidePage
from cms.stores.models import StorePage
from tests.cms.guides.test_gift_guide_admin import guide_form, guide_section
from tests.editing import (
    assert_redirected,
    content_checks,
    page_edit_url,
    snippet_url,
    translate_ancestors,
    translate_page,
)
from tests.factories import (
    GiftGuidePageFactory,
    ProductFactory,
    ProductImageFactory,
    ProductStoryPageFactory,
    StoreOpeningHoursFactory,
    StorePageFactory,
)


@pytest.fixture
def described_image(db):
    return wagtail_factories.ImageFactory(title="IMG_2044", description="A barista pouring milk")


@pytest.fixture
def undescribed_image(db):
    return wagtail_factories.ImageFactory(title="IMG_2045", description="")


def store_with_hours(parent, **fields):
    store = StorePageFactory(parent=parent, **fields)
    StoreOpeningHoursFactory(store=store)
    return store


def test_a_form_with_nothing_to_report_shows_no_checks_but_carries_its_language(admin_client, store_index):
    store = store_with_hours(store_index, title="Milano")

    response = admin_client.get(page_edit_url(store))

    assert content_checks(response) == []
    html = response.content.decode()
    assert "Checks before publishing" not in html
    assert '<input type="hidden" id="content-locale" value="en" data-content-locale>' in html


def test_images_without_alt_text_are_named_where_they_are_used(
    admin_client, section, store_index, described_image, undescribed_image
):
    store = store_with_hours(store_index, title="Milano", hero_image=undescribed_image)
    story = ProductStoryPageFactory(
        parent=section,
        hero_image=described_image,
        body=[
            {"type": "image", "value": {"image": undescribed_image.pk, "alt_text": "", "caption": ""}},
            {"type": "image", "value": {"image": undescribed_image.pk, "alt_text": "Cups on a tray", "caption": ""}},
        ],
    )
    product = ProductFactory(name="Moka pot")
    ProductImageFactory(product=product, image=undescribed_image, alt_text="")
    ProductImageFactory(product=product, image=described_image, alt_text="")

    message = "the image “IMG_2045” has no alt text, so screen readers read its title."
    assert [check for check in content_checks(admin_client.get(page_edit_url(store))) if message in check] == [
        f"Hero image: {message} Describe it (the image's description, or the alt text field next to it)."
    ]
    story_checks = [check for check in content_checks(admin_client.get(page_edit_url(story))) if message in check]
    assert [check.split(":")[0] for check in story_checks] == ["Body"]
    product_checks = content_checks(admin_client.get(snippet_url(type(product), "edit", product.pk)))
    assert [check.split(":")[0] for check in product_checks if message in check] == ["Product image › Image"]


def test_a_missing_translation_is_named_once_the_parent_is_translated(admin_client, store_index):
    store = store_with_hours(store_index, title="Milano")
    missing = "There is no Italian translation yet (Translate, in the actions menu)."
    # The Italian store index does not exist yet: nothing to translate into.
    assert missing not in content_checks(admin_client.get(page_edit_url(store)))

    translate_ancestors(store)
    assert missing in content_checks(admin_client.get(page_edit_url(store)))

    translate_page(admin_client, store)
    assert missing not in content_checks(admin_client.get(page_edit_url(store)))


def test_a_translation_older_than_its_published_source_is_named_on_both(admin_client, store_index, locales):
    store = store_with_hours(store_index, title="Milano")
    translate_ancestors(store)
    translate_page(admin_client, store)
    translation = StorePage.objects.get(translation_key=store.translation_key, locale=locales["it"])
    assert content_checks(admin_client.get(page_edit_url(translation))) == []

    store.title = "Milano Duomo"
    store.save_revision().publish()
    StorePage.objects.filter(pk=store.pk).update(last_published_at=timezone.now() + datetime.timedelta(minutes=1))

    checks = content_checks(admin_client.get(page_edit_url(translation)))
    assert any(check.startswith("The English original was published on") for check in checks)
    checks = content_checks(admin_client.get(page_edit_url(store)))
    assert any(check.startswith("The Italian translation was last saved on") for check in checks)

    translation.save_revision(clean=False)
    Page.objects.filter(pk=translation.pk).update(latest_revision_created_at=timezone.now() + datetime.timedelta(minutes=2))
    assert content_checks(admin_client.get(page_edit_url(translation))) == []


def test_gift_guide_picks_over_the_budget_or_in_another_currency_are_named_and_publishing_goes_on(
    admin_client, section
):
    lamp = ProductFactory(name="Desk lamp", sku="LAMP-1", price="119.00", currency="EUR")
    scarf = ProductFactory(name="Wool scarf", sku="SCARF-1", price="35.00", currency="GBP")
    cups = ProductFactory(name="Espresso cups", sku="CUPS-6", price="40.00", currency="EUR")
    guide = GiftGuidePageFactory.with_products(section, [lamp, scarf, cups], budget_max="40", title="Under 40")

    checks = content_checks(admin_client.get(page_edit_url(guide)))

    assert checks == [
        "Section “Picks”: “Desk lamp” costs 119.00 EUR, over the guide's budget of 40.00 EUR.",
        "Section “Picks”: “Wool scarf” is priced in GBP; the budget is in EUR.",
    ]
    data = guide_form(guide_section("Picks", (lamp, "A splurge")), title="Under 40", slug=guide.slug, budget_max="40")
    assert_redirected(admin_client.post(page_edit_url(guide), {**data, "action-publish": "action-publish"}))
    assert GiftGuidePage.objects.get(pk=guide.pk).live


def test_a_store_without_hours_or_with_zero_coordinates_is_named(admin_client, store_index):
    store = StorePageFactory(parent=store_index, title="Nowhere", latitude=0, longitude=0)

    checks = content_checks(admin_client.get(page_edit_url(store)))

    assert [check.split(":")[0] for check in checks] == ["Opening hours", "Location"]
