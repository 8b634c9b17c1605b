"""Editors create, edit, preview, publish, translate and find products in the admin; the
admin refuses a wrong barcode or a SKU already used in the same language."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.catalog.models import Product
from tests.editing import (
    assert_field_error,
    assert_redirected,
    post_form,
    preview,
    snippet_url,
    translate_snippet,
)
from tests.factories import CategoryFactory, ProductFactory


def product_form(*, images=(), initial_images=0, **fields):
    data = {
        "name": "Moka pot, 3 cups",
        "sku": "MOKA-3",
        "gtin": "4006381333931",
        "brand": "Bialetti",
        "price": "29.90",
        "currency": "EUR",
        "description": rich_text("<p>Makes three cups of espresso on the stove.</p>"),
        "shop_url": "https://shop.example.com/moka-3",
        "is_active": "on",
        "images": inline_formset(list(images), initial=initial_images),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.fixture
def kitchen(db):
    return CategoryFactory(name="Kitchen", slug="kitchen")


@pytest.fixture
def product(kitchen):
    product = ProductFactory(name="Kettle", sku="KETTLE-1", category=kitchen)
    product.save_revision().publish()
    product.refresh_from_db()
    return product


def test_editor_creates_a_product_draft_with_images(admin_client, kitchen, image):
    data = product_form(category=kitchen.pk, images=[{"image": image.pk, "alt_text": "The pot on a stove"}])

    response = post_form(admin_client, snippet_url(Product, "add"), data)

    assert_redirected(response)
    product = Product.objects.get(sku="MOKA-3")
    assert not product.live and product.locale.language_code == "en"
    assert (product.name, product.gtin, str(product.price), product.category) == (
        "Moka pot, 3 cups",
        "4006381333931",
        "29.90",
        kitchen,
    )
    assert [(i.image, i.alt_text) for i in product.images.all()] == [(image, "The pot on a stove")]
    assert product.latest_revision is not None


def test_editor_publishes_a_new_product(admin_client, kitchen):
    response = post_form(admin_client, snippet_url(Product, "add"), product_form(category=kitchen.pk), publish=True)

    assert_redirected(response)
    product = Product.objects.get(sku="MOKA-3")
    assert product.live and product.live_revision == product.latest_revision


def test_editor_edits_and_publishes_a_product(admin_client, product, image):
    data = product_form(
        name="Kettle, 1.7 l",
        sku="KETTLE-1",
        price="49.00",
        category=product.category_id,
        images=[{"image": image.pk, "alt_text": "Steel kettle"}],
    )

    response = post_form(admin_client, snippet_url(Product, "edit", product.pk), data, publish=True)

    assert_redirected(response)
    product.refresh_from_db()
    assert (product.name, str(product.price)) == ("Kettle, 1.7 l", "49.00")
    assert product.live and not product.has_unpublished_changes
    assert [i.alt_text for i in product.images.all()] == ["Steel kettle"]


def test_saving_a_draft_keeps_the_published_product(admin_client, product):
    data = product_form(name="Kettle (new model)", sku="KETTLE-1", category=product.category_id)

    assert_redirected(post_form(admin_client, snippet_url(Product, "edit", product.pk), data))

    product.refresh_from_db()
    assert product.name == "Kettle" and product.has_unpublished_changes
    assert product.get_latest_revision_as_object().name == "Kettle (new model)"


def test_preview_of_a_new_product(admin_client, kitchen, image):
    data = product_form(category=kitchen.pk, images=[{"image": image.pk, "alt_text": "The pot on a stove"}])

    html = preview(admin_client, snippet_url(Product, "preview_on_add"), data).content.decode()

    assert "<h3>Moka pot, 3 cups</h3>" in html
    assert 'Bialetti · <span class="price">€29.90</span>' in html
    assert "SKU MOKA-3 · GTIN 4006381333931" in html
    assert "Makes three cups of espresso on the stove." in html
    assert 'alt="The pot on a stove"' in html
    assert not Product.objects.filter(sku="MOKA-3").exists()


def test_preview_of_an_edited_product_shows_unsaved_changes(admin_client, product):
    data = product_form(name="Kettle XL", sku="KETTLE-1", category=product.category_id, is_active="")

    html = preview(admin_client, snippet_url(Product, "preview_on_edit", product.pk), data).content.decode()

    assert "<h3>Kettle XL</h3>" in html and "<strong>inactive</strong>" in html
    product.refresh_from_db()
    assert product.name == "Kettle" and product.is_active


def test_product_is_translated_into_italian_as_a_draft(admin_client, product):
    response = translate_snippet(admin_client, product)

    translation = Product.objects.get(translation_key=product.translation_key, locale__language_code="it")
    assert response.status_code == 302
    assert response["Location"] == snippet_url(Product, "edit", translation.pk)
    assert (translation.sku, translation.name) == (product.sku, product.name)
    # Not shown to Italian shoppers before an editor translates and publishes it.
    assert not translation.live and translation.live_revision is None
    product.refresh_from_db()
    assert product.live


def test_editor_translates_the_italian_draft_and_publishes_it(admin_client, product):
    translate_snippet(admin_client, product)
    translation = Product.objects.get(translation_key=product.translation_key, locale__language_code="it")
    data = product_form(name="Bollitore", sku="KETTLE-1", category=product.category_id)

    response = post_form(admin_client, snippet_url(Product, "edit", translation.pk), data, publish=True)

    assert_redirected(response)
    translation.refresh_from_db()
    assert translation.live and translation.name == "Bollitore" and translation.live_revision is not None
    assert Product.objects.get(pk=product.pk).name == "Kettle"


def test_product_form_explains_its_fields(admin_client, product):
    html = admin_client.get(snippet_url(Product, "edit", product.pk)).content.decode()

    assert "Stock keeping unit, unique per language; translations keep the same SKU." in html
    assert "EAN-8, UPC-A, EAN-13 or GTIN-14." in html
    assert "Inactive products are hidden from shoppers and cannot be picked in guides or stories." in html


# --- Rejected input ---------------------------------------------------------------------


def test_gtin_with_a_wrong_check_digit_is_rejected(admin_client, kitchen):
    data = product_form(category=kitchen.pk, gtin="4006381333932")

    response = post_form(admin_client, snippet_url(Product, "add"), data, publish=True)

    assert_field_error(response, "gtin", "The check digit of “4006381333932” is wrong")
    assert not Product.objects.exists()


def test_sku_already_used_in_the_same_language_is_rejected(admin_client, product):
    data = product_form(sku="KETTLE-1", category=product.category_id)

    response = post_form(admin_client, snippet_url(Product, "add"), data, publish=True)

    assert_field_error(response, "sku", "Product with this SKU already exists in English")
    assert Product.objects.filter(sku="KETTLE-1").count() == 1


def test_sku_already_used_is_rejected_when_saving_a_draft_and_on_edit(admin_client, product):
    other = ProductFactory(sku="TOASTER-2", name="Toaster")
    data = product_form(name="Toaster", sku="KETTLE-1", category=other.category_id)

    response = post_form(admin_client, snippet_url(Product, "edit", other.pk), data)

    assert_field_error(response, "sku", "already exists in English")
    other.refresh_from_db()
    assert other.sku == "TOASTER-2" and other.latest_revision is None


def test_product_keeps_its_own_sku_when_edited(admin_client, product):
    data = product_form(name="Kettle", sku="KETTLE-1", category=product.category_id)
    assert_redirected(post_form(admin_client, snippet_url(Product, "edit", product.pk), data, publish=True))


# --- Finding products -------------------------------------------------------------------


@pytest.mark.parametrize("query", ["moka", "Moka pot", "MOKA-3", "moka-3", "Bialetti"])
def test_product_listing_search_finds_a_product_by_name_sku_or_brand(admin_client, query):
    ProductFactory(name="Moka pot", sku="MOKA-3", brand="Bialetti")
    ProductFactory(name="Kettle", sku="KETTLE-1", brand="Smeg")

    response = admin_client.get(snippet_url(Product, "list"), {"q": query})

    assert response.status_code == 200
    assert [product.sku for product in response.context["object_list"]] == ["MOKA-3"]


def test_an_sku_taken_by_an_abandoned_draft_names_the_draft(admin_client, kitchen):
    """Autosave keeps a new product as soon as its form is valid; an editor who left and
    starts again is told which draft holds the SKU."""
    data = product_form(sku="KETTLE-9", name="Kettle", category=kitchen.pk)
    autosave = admin_client.post(snippet_url(Product, "add"), data, HTTP_ACCEPT="application/json")
    assert autosave.json()["success"] and not Product.objects.get(sku="KETTLE-9").live

    response = post_form(admin_client, snippet_url(Product, "add"), data, publish=True)

    assert_field_error(response, "sku", "already exists in English: “Kettle (KETTLE-9)”, a draft never published.")
