"""Editors create, edit, preview, publish and translate product categories in the admin."""

import pytest
from wagtail.test.utils.form_data import nested_form_data

from cms.catalog.models import Category
from tests.editing import (
    assert_field_error,
    assert_redirected,
    post_form,
    preview,
    snippet_url,
    translate_snippet,
)
from tests.factories import CategoryFactory


def category_form(**fields):
    data = {"name": "Coffee makers", "slug": "coffee-makers", "description": "Moka pots and more.", **fields}
    return nested_form_data(data)


@pytest.fixture
def kitchen(db):
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    kitchen.save_revision().publish()
    kitchen.refresh_from_db()
    return kitchen


def test_editor_creates_a_subcategory_draft(admin_client, kitchen, image):
    response = post_form(admin_client, snippet_url(Category, "add"), category_form(parent=kitchen.pk, image=image.pk))

    assert_redirected(response)
    category = Category.objects.get(slug="coffee-makers")
    assert not category.live and category.parent == kitchen and category.image == image
    assert str(category) == "Kitchen › Coffee makers"


def test_editor_edits_and_publishes_a_category(admin_client, kitchen):
    data = category_form(name="Kitchen & dining", slug="kitchen", description="Everything for the table.")

    assert_redirected(post_form(admin_client, snippet_url(Category, "edit", kitchen.pk), data, publish=True))

    kitchen.refresh_from_db()
    assert kitchen.name == "Kitchen & dining" and kitchen.live and not kitchen.has_unpublished_changes


def test_preview_of_a_new_category(admin_client, kitchen):
    html = preview(admin_client, snippet_url(Category, "preview_on_add"), category_form(parent=kitchen.pk)).content.decode()

    assert "<h1>Kitchen › Coffee makers</h1>" in html and "Moka pots and more." in html


def test_preview_of_an_edited_category_lists_its_subcategories(admin_client, kitchen):
    CategoryFactory(name="Cookware", slug="cookware", parent=kitchen)
    data = category_form(name="Kitchen", slug="kitchen", description="Pots, pans and kettles.")

    html = preview(admin_client, snippet_url(Category, "preview_on_edit", kitchen.pk), data).content.decode()

    assert "Pots, pans and kettles." in html and "<li>Cookware</li>" in html


def test_category_is_translated_into_italian_as_a_draft(admin_client, kitchen):
    response = translate_snippet(admin_client, kitchen)

    assert response.status_code == 302
    translation = Category.objects.get(translation_key=kitchen.translation_key, locale__language_code="it")
    assert translation.slug == "kitchen" and not translation.live


def test_category_slug_already_used_in_the_same_language_is_rejected(admin_client, kitchen):
    response = post_form(admin_client, snippet_url(Category, "add"), category_form(slug="kitchen"), publish=True)

    assert_field_error(response, "slug", "Category with this slug already exists in English")
    assert Category.objects.count() == 1


def test_category_cannot_be_inside_its_own_subcategory(admin_client, kitchen):
    cookware = CategoryFactory(name="Cookware", slug="cookware", parent=kitchen)
    data = category_form(name="Kitchen", slug="kitchen", parent=cookware.pk)

    response = post_form(admin_client, snippet_url(Category, "edit", kitchen.pk), data, publish=True)

    assert_field_error(response, "parent", "cannot be inside itself")
    kitchen.refresh_from_db()
    assert kitchen.parent is None
