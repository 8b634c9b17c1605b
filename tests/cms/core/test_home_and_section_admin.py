"""Editors create, edit, preview, publish and translate the home page and section pages."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.core.models import HomePage, SectionPage
from tests.editing import (
    assert_redirected,
    page_add_url,
    page_edit_url,
    page_preview_on_add_url,
    page_preview_on_edit_url,
    post_form,
    preview,
    translate_ancestors,
    translate_page,
)
from tests.factories import GiftGuidePageFactory, OfferFactory, ProductFactory, ProductStoryPageFactory


def home_form(*, guides=(), stories=(), offers=(), **fields):
    data = {
        "title": "Home",
        "slug": "home",
        "hero_title": "Buy online, collect in store",
        "hero_text": "Ready in an hour at your nearest shop.",
        "featured_guides": streamfield([("guide", guide.pk) for guide in guides]),
        "featured_stories": streamfield([("story", story.pk) for story in stories]),
        "featured_offers": streamfield([("offer", offer.pk) for offer in offers]),
    }
    data.update(fields)
    return nested_form_data(data)


def section_form(**fields):
    data = {"title": "Ideas", "slug": "ideas", "intro": rich_text("<p>Gift guides and stories.</p>"), **fields}
    return nested_form_data(data)


@pytest.fixture
def featured(section):
    """A live gift guide, story and offer for the home page to feature."""
    guide = GiftGuidePageFactory.with_products(section, [ProductFactory()], title="Gifts under 50")
    story = ProductStoryPageFactory(parent=section, title="The making of a moka pot", standfirst="Cast in Omegna.")
    offer = OfferFactory(title="Ten percent off", code="TEN")
    return {"guides": [guide], "stories": [story], "offers": [offer]}


# --- Home page --------------------------------------------------------------------------


def test_editor_creates_a_home_page_draft_for_a_new_site(admin_client, home, image):
    root = Page.get_first_root_node()
    data = home_form(slug="outlet-home", hero_title="Outlet prices", hero_image=image.pk)

    assert_redirected(post_form(admin_client, page_add_url(HomePage, root), data))

    new_home = HomePage.objects.get(slug="outlet-home")
    assert not new_home.live and new_home.hero_title == "Outlet prices" and new_home.hero_image == image


def test_editor_features_guides_stories_and_offers_and_publishes(admin_client, home, featured):
    data = home_form(**featured)

    assert_redirected(post_form(admin_client, page_edit_url(home), data, publish=True))

    home.refresh_from_db()
    assert home.live and not home.has_unpublished_changes
    assert [block.value.specific for block in home.featured_guides] == featured["guides"]
    assert [block.value.specific for block in home.featured_stories] == featured["stories"]
    assert [block.value for block in home.featured_offers] == featured["offers"]


def test_preview_of_the_home_page_shows_featured_content(admin_client, home, featured):
    data = home_form(**featured)

    html = preview(admin_client, page_preview_on_edit_url(home), data).content.decode()

    assert "<h1>Buy online, collect in store</h1>" in html and "Ready in an hour at your nearest shop." in html
    assert "Gifts under 50" in html
    assert "The making of a moka pot" in html and "Cast in Omegna." in html
    assert "<h3>Ten percent off</h3>" in html and "<strong>TEN</strong>" in html
    home.refresh_from_db()
    assert len(home.featured_guides) == 0


def test_home_page_shows_only_featured_content_shoppers_can_use(admin_client, home, section, featured):
    draft_story = ProductStoryPageFactory(parent=section, title="Draft story", live=False)
    expired = OfferFactory(title="Summer sale", valid_to=timezone.now() - datetime.timedelta(days=1))
    unpublished = OfferFactory(title="Secret sale", live=False)
    data = home_form(
        guides=featured["guides"],
        stories=[draft_story, *featured["stories"]],
        offers=[expired, unpublished, *featured["offers"]],
    )

    html = preview(admin_client, page_preview_on_edit_url(home), data).content.decode()

    assert "The making of a moka pot" in html and "Ten percent off" in html
    assert "Draft story" not in html
    assert "Summer sale" not in html and "Secret sale" not in html


def test_preview_of_a_new_home_page(admin_client, home):
    root = Page.get_first_root_node()
    data = home_form(slug="outlet-home", hero_title="", title="Outlet")

    html = preview(admin_client, page_preview_on_add_url(HomePage, root), data).content.decode()

    assert "<h1>Outlet</h1>" in html, "the title stands in for an empty hero title"


def test_home_page_is_translated_into_italian(admin_client, home):
    response = translate_page(admin_client, home)

    translation = HomePage.objects.get(translation_key=home.translation_key, locale__language_code="it")
    assert response.status_code == 302 and response["Location"] == page_edit_url(translation)
    assert not translation.live and translation.hero_title == home.hero_title
    assert translation.get_parent().is_root()


# --- Section pages ----------------------------------------------------------------------


def test_editor_creates_and_publishes_a_section(admin_client, home):
    assert_redirected(post_form(admin_client, page_add_url(SectionPage, home), section_form(), publish=True))

    section = SectionPage.objects.get(slug="ideas")
    assert section.live and "Gift guides and stories." in section.intro
    assert section.get_parent().pk == home.pk


def test_editor_edits_a_section_and_publishes_it(admin_client, section):
    data = section_form(title="Inspiration", slug="inspiration", intro=rich_text("<p>Ideas for every season.</p>"))

    assert_redirected(post_form(admin_client, page_edit_url(section), data, publish=True))

    section.refresh_from_db()
    assert "Ideas for every season." in section.intro and not section.has_unpublished_changes


def test_preview_of_a_section_lists_its_live_pages(admin_client, section, featured):
    ProductStoryPageFactory(parent=section, title="Unpublished story", live=False)
    data = section_form(title="Inspiration", slug="inspiration")

    html = preview(admin_client, page_preview_on_edit_url(section), data).content.decode()

    assert "Gift guides and stories." in html
    assert "Gifts under 50" in html and "The making of a moka pot" in html
    assert "Unpublished story" not in html


def test_preview_of_a_new_section(admin_client, home):
    html = preview(admin_client, page_preview_on_add_url(SectionPage, home), section_form()).content.decode()

    assert "<h1>Ideas</h1>" in html and "Gift guides and stories." in html


def test_section_is_translated_into_italian(admin_client, section):
    italian = translate_ancestors(section)

    assert translate_page(admin_client, section).status_code == 302

    translation = SectionPage.objects.get(translation_key=section.translation_key, locale=italian)
    assert translation.get_parent().locale == italian and not translation.live
