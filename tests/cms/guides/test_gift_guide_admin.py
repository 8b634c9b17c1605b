"""Editors curate gift guides in the admin: sections of product picks with a note each.
A pick of a product shoppers cannot buy is refused, naming the product."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.guides.models import GiftGuidePage
from tests.editing import (
    assert_block_error,
    assert_redirected,
    list_block,
    page_add_url,
    page_edit_url,
    page_preview_on_add_url,
    page_preview_on_edit_url,
    post_form,
    preview,
    translate_ancestors,
    translate_page,
)
from tests.factories import GiftGuidePageFactory, ProductFactory


def guide_section(title, *picks, intro=""):
    """A guide section; each pick is (product, note)."""
    picks = list_block([{"product": product.pk, "note": note} for product, note in picks])
    return ("section", {"title": title, "intro": intro, "picks": picks})


def guide_form(*sections, **fields):
    data = {
        "title": "Gifts for coffee lovers",
        "slug": "gifts-for-coffee-lovers",
        "intro": rich_text("<p>Everything under 50 EUR.</p>"),
        "recipient": "him",
        "occasion": "christmas",
        "budget_max": "50",
        "budget_currency": "EUR",
        "sections": streamfield(list(sections)),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.fixture
def moka(db):
    return ProductFactory(name="Moka pot", sku="MOKA-3", price="29.90")


@pytest.fixture
def cups(db):
    return ProductFactory(name="Espresso cups", sku="CUPS-6", price="19.90")


@pytest.fixture
def guide(section, moka):
    return GiftGuidePageFactory.with_products(section, [moka], title="Stocking fillers", slug="stocking-fillers")


def test_editor_creates_a_gift_guide_draft_with_sections_of_picks(admin_client, section, moka, cups):
    data = guide_form(
        guide_section("For the stove", (moka, "The classic."), intro="Brew like in Italy."),
        guide_section("For the table", (cups, "A set of six.")),
    )

    assert_redirected(post_form(admin_client, page_add_url(GiftGuidePage, section), data))

    guide = GiftGuidePage.objects.get(slug="gifts-for-coffee-lovers")
    assert not guide.live and (guide.recipient, guide.occasion, str(guide.budget_max)) == ("him", "christmas", "50.00")
    assert guide.product_picks() == [("For the stove", moka, "The classic."), ("For the table", cups, "A set of six.")]


def test_editor_edits_and_publishes_a_gift_guide(admin_client, guide, moka, cups):
    data = guide_form(
        guide_section("Picks", (cups, "New this year."), (moka, "Still the classic.")),
        title="Stocking fillers",
        slug="stocking-fillers",
    )

    assert_redirected(post_form(admin_client, page_edit_url(guide), data, publish=True))

    guide.refresh_from_db()
    assert guide.live and not guide.has_unpublished_changes
    assert [(product.sku, note) for _title, product, note in guide.product_picks()] == [
        ("CUPS-6", "New this year."),
        ("MOKA-3", "Still the classic."),
    ]
    html = admin_client.get(guide.get_url()).content.decode()
    assert "Under €50" in html and html.index("Espresso cups") < html.index("Moka pot")


def test_preview_of_a_new_gift_guide_shows_the_picks_and_notes(admin_client, section, moka, cups):
    data = guide_form(
        guide_section("For the stove", (moka, "The classic."), (cups, "A set of six."), intro="Brew like in Italy.")
    )

    html = preview(admin_client, page_preview_on_add_url(GiftGuidePage, section), data).content.decode()

    assert "<h1>Gifts for coffee lovers</h1>" in html and "Everything under 50 EUR." in html
    assert "Under €50" in html and "Him" in html and "Christmas" in html
    assert "<h2>For the stove</h2>" in html and "Brew like in Italy." in html
    assert html.index("<h3>Moka pot</h3>") < html.index("<h3>Espresso cups</h3>")
    assert '<p class="note">The classic.</p>' in html


def test_preview_of_an_edited_gift_guide(admin_client, guide, cups):
    data = guide_form(
        guide_section("Last-minute", (cups, "Fits any stocking.")), title="Stocking fillers", slug="stocking-fillers"
    )

    html = preview(admin_client, page_preview_on_edit_url(guide), data).content.decode()

    assert "<h2>Last-minute</h2>" in html and "Fits any stocking." in html and "Moka pot" not in html
    guide.refresh_from_db()
    assert [product.sku for _t, product, _n in guide.product_picks()] == ["MOKA-3"]


def test_gift_guide_is_translated_into_italian(admin_client, guide, moka):
    italian = translate_ancestors(guide)

    assert translate_page(admin_client, guide).status_code == 302

    translation = GiftGuidePage.objects.get(translation_key=guide.translation_key, locale=italian)
    assert not translation.live and translation.get_parent().locale == italian
    assert [product for _t, product, _n in translation.product_picks()] == [moka]


@pytest.mark.parametrize("make_unbuyable", [{"is_active": False}, {"live": False}], ids=["inactive", "unpublished"])
def test_pick_of_a_product_shoppers_cannot_buy_is_rejected_naming_it(admin_client, section, moka, make_unbuyable):
    grinder = ProductFactory(name="Burr grinder", sku="GRIND-1", **make_unbuyable)
    data = guide_form(guide_section("For the stove", (moka, "The classic."), (grinder, "Fresh grounds.")))

    response = post_form(admin_client, page_add_url(GiftGuidePage, section), data, publish=True)

    message = assert_block_error(response, "sections", [0, "picks", 1, "product"], "“Burr grinder” (SKU GRIND-1)")
    assert "inactive or unpublished" in message
    assert not GiftGuidePage.objects.filter(slug="gifts-for-coffee-lovers").exists()


def test_inactive_pick_is_rejected_on_edit_and_the_guide_is_unchanged(admin_client, guide, moka):
    retired = ProductFactory(name="Old kettle", sku="KETTLE-0", is_active=False)
    data = guide_form(guide_section("Picks", (retired, "x")), title="Stocking fillers", slug="stocking-fillers")

    response = post_form(admin_client, page_edit_url(guide), data)

    assert_block_error(response, "sections", [0, "picks", 0, "product"], "“Old kettle”")
    guide.refresh_from_db()
    assert [product for _t, product, _n in guide.product_picks()] == [moka]
    assert guide.revisions.count() == 0
