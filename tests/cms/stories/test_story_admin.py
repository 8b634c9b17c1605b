"""Editors write product stories in the admin: headings, text, images, quotes, video,
a traceability timeline and product callouts."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.stories.models import ProductStoryPage
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
from tests.factories import ProductFactory, ProductStoryPageFactory, StorePageFactory

YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def story_form(*blocks, related_products=(), related_stores=(), **fields):
    data = {
        "title": "From Faenza clay to your espresso",
        "slug": "faenza-cups",
        "standfirst": "How our espresso cups are thrown, fired and glazed.",
        "body": streamfield(list(blocks)),
    }
    data.update(fields)
    form = nested_form_data(data)
    form["related_products"] = [product.pk for product in related_products]
    form["related_stores"] = [store.pk for store in related_stores]
    return form


def timeline(*steps, title="The journey"):
    """A timeline block; each step is (when, title, place, description)."""
    rows = [dict(zip(("when", "title", "place", "description"), step, strict=True)) for step in steps]
    return ("timeline", {"title": title, "steps": list_block(rows)})


def full_body(product, image):
    return [
        ("heading", {"text": "Where the clay comes from", "level": "h2"}),
        ("paragraph", rich_text("<p>Red clay from the hills above <b>Faenza</b>.</p>")),
        ("image", {"image": image.pk, "alt_text": "A potter at the wheel", "caption": "Throwing a cup"}),
        ("quote", {"quote": "Every cup is a little different.", "attribution": "Giulia, potter"}),
        ("video", {"video": YOUTUBE_URL, "caption": "Firing at 1000 °C"}),
        timeline(("Day 1", "Thrown", "Faenza", "Shaped on the wheel."), ("Day 3", "Fired", "Faenza", "")),
        ("product_callout", {"product": product.pk, "text": "The cups from this story."}),
    ]


@pytest.fixture
def cups(db):
    return ProductFactory(name="Espresso cups", sku="CUPS-6")


@pytest.fixture
def story(section):
    return ProductStoryPageFactory(parent=section, title="The making of a moka pot", slug="moka-story")


def test_editor_creates_a_story_draft_with_every_kind_of_block(admin_client, section, cups, image, store_index):
    store = StorePageFactory(parent=store_index, title="Faenza Centro")
    data = story_form(*full_body(cups, image), related_products=[cups], related_stores=[store])

    assert_redirected(post_form(admin_client, page_add_url(ProductStoryPage, section), data))

    story = ProductStoryPage.objects.get(slug="faenza-cups")
    assert not story.live
    assert [block.block_type for block in story.body] == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "video",
        "timeline",
        "product_callout",
    ]
    assert story.body[4].value["video"].url == YOUTUBE_URL
    assert [step["title"] for step in story.body[5].value["steps"]] == ["Thrown", "Fired"]
    assert story.body[6].value["product"] == cups
    assert list(story.related_products.all()) == [cups] and list(story.related_stores.all()) == [store]


def test_preview_of_a_new_story_renders_every_block(admin_client, section, cups, image):
    data = story_form(*full_body(cups, image), related_products=[cups])

    html = preview(admin_client, page_preview_on_add_url(ProductStoryPage, section), data).content.decode()

    assert "<h1>From Faenza clay to your espresso</h1>" in html
    assert "How our espresso cups are thrown, fired and glazed." in html
    assert "<h2>Where the clay comes from</h2>" in html
    assert "Red clay from the hills above <b>Faenza</b>." in html
    assert 'alt="A potter at the wheel"' in html and "<figcaption>Throwing a cup</figcaption>" in html
    assert "<p>Every cup is a little different.</p>" in html and "— Giulia, potter" in html
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "<strong>Day 1 — Thrown</strong> (Faenza)" in html and "Shaped on the wheel." in html
    assert '<p class="note">The cups from this story.</p>' in html
    assert "<h2>In this story</h2>" in html


def test_editor_edits_and_publishes_a_story(admin_client, story, cups):
    data = story_form(
        ("paragraph", rich_text("<p>Aluminium, cast in Omegna.</p>")),
        ("product_callout", {"product": cups.pk, "text": "Pairs well."}),
        title="The making of a moka pot",
        slug="moka-story",
    )

    assert_redirected(post_form(admin_client, page_edit_url(story), data, publish=True))

    story.refresh_from_db()
    assert story.live and not story.has_unpublished_changes
    assert [block.block_type for block in story.body] == ["paragraph", "product_callout"]
    assert "Aluminium, cast in Omegna." in admin_client.get(story.get_url()).content.decode()


def test_preview_of_an_edited_story_shows_unsaved_changes(admin_client, story):
    data = story_form(
        ("quote", {"quote": "Made to last.", "attribution": ""}), title="Moka pot: the story", slug="moka-story"
    )

    html = preview(admin_client, page_preview_on_edit_url(story), data).content.decode()

    assert "<h1>Moka pot: the story</h1>" in html and "Made to last." in html
    story.refresh_from_db()
    assert story.title == "The making of a moka pot"


def test_story_is_translated_into_italian(admin_client, story):
    italian = translate_ancestors(story)

    assert translate_page(admin_client, story).status_code == 302

    translation = ProductStoryPage.objects.get(translation_key=story.translation_key, locale=italian)
    assert not translation.live and translation.title == story.title
    assert [block.block_type for block in translation.body] == ["paragraph"]


def test_video_that_is_not_youtube_or_vimeo_is_rejected(admin_client, section):
    data = story_form(("video", {"video": "https://videos.example.com/faenza.mp4", "caption": ""}))

    response = post_form(admin_client, page_add_url(ProductStoryPage, section), data, publish=True)

    assert_block_error(response, "body", [0, "video"], "Cannot find an embed for this URL.")
    assert not ProductStoryPage.objects.filter(slug="faenza-cups").exists()


def test_callout_of_an_inactive_product_is_rejected_naming_it(admin_client, section):
    retired = ProductFactory(name="Old moka", sku="MOKA-OLD", is_active=False)
    data = story_form(("product_callout", {"product": retired.pk, "text": ""}))

    response = post_form(admin_client, page_add_url(ProductStoryPage, section), data, publish=True)

    assert_block_error(response, "body", [0, "product"], "“Old moka” (SKU MOKA-OLD) is inactive or unpublished")
    assert not ProductStoryPage.objects.filter(slug="faenza-cups").exists()


def test_timeline_needs_at_least_one_step(admin_client, section):
    data = story_form(timeline())

    response = post_form(admin_client, page_add_url(ProductStoryPage, section), data, publish=True)

    assert_block_error(response, "body", [0, "steps"], "The minimum number of items is 1")
    assert not ProductStoryPage.objects.filter(slug="faenza-cups").exists()


def test_admin_page_search_finds_a_story_by_title(admin_client, story, section):
    ProductStoryPageFactory(parent=section, title="Linen from Flanders")

    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "moka pot"})

    assert response.status_code == 200
    assert [page.title for page in response.context["pages"]] == ["The making of a moka pot"]
