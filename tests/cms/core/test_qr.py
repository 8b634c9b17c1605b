import io
import xml.etree.ElementTree as ElementTree
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from cms.core.qr import campaign_params, qr_code, qr_image, qr_target_url
from tests.factories import GiftGuidePageFactory, OfferFactory, ProductStoryPageFactory, StorePageFactory

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def store(store_index):
    return StorePageFactory(parent=store_index, title="Milano Duomo", slug="milano-duomo")


@pytest.fixture
def story(section):
    return ProductStoryPageFactory(parent=section, slug="the-wool-story")


@pytest.fixture
def guide(section):
    return GiftGuidePageFactory(parent=section, slug="gifts-for-him")


def query_of(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_store_page_url_has_the_store_as_source(store):
    url = qr_target_url(store)
    assert url.startswith(store.get_full_url() + "?")
    assert query_of(url) == {"utm_source": "milano-duomo", "utm_medium": "qr", "utm_campaign": "milano-duomo"}


def test_story_url_has_the_page_as_source(story):
    assert campaign_params(story) == {"utm_source": "the-wool-story", "utm_medium": "qr", "utm_campaign": "the-wool-story"}


def test_guide_made_for_a_store_has_the_store_as_source(guide, store):
    assert query_of(qr_target_url(guide, store=store)) == {
        "utm_source": "milano-duomo", "utm_medium": "qr", "utm_campaign": "gifts-for-him"
    }


def test_offer_for_one_store_opens_that_stores_page(store):
    offer = OfferFactory.for_stores([store], title="Winter Sale 20%")
    url = qr_target_url(offer)
    assert url.startswith(store.get_full_url() + "?")
    assert url.endswith(f"#offer-{offer.pk}")
    assert query_of(url.split("#")[0]) == {"utm_source": "milano-duomo", "utm_medium": "qr", "utm_campaign": "winter-sale-20"}


def test_offer_for_every_store_opens_the_store_index(store_index):
    offer = OfferFactory(title="Free gift wrap")
    url = qr_target_url(offer)
    assert url.startswith(store_index.get_full_url() + "?utm_source=stores&")


def test_png_has_the_png_signature_and_svg_is_well_formed():
    assert qr_image("https://example.com/x", "png").startswith(PNG_SIGNATURE)
    svg = ElementTree.fromstring(qr_image("https://example.com/x", "svg"))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_the_image_encodes_the_url(store):
    url = qr_target_url(store)
    expected = io.BytesIO()
    segno.make_qr(url, error="m").save(expected, kind="svg", scale=8, border=4, title=url)
    assert qr_image(url, "svg") == expected.getvalue()
    assert qr_code(url).matrix != qr_code(url + "x").matrix


# Public endpoint


def test_public_svg_for_a_live_store(client, store):
    response = client.get(f"/qr/store/{store.pk}.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert "Content-Disposition" not in response
    assert response.content == qr_image(qr_target_url(store), "svg")


def test_public_png_for_a_guide_made_for_a_store(client, guide, store):
    response = client.get(f"/qr/guide/{guide.pk}.png?store={store.pk}")
    assert response.content == qr_image(qr_target_url(guide, store=store), "png")


def test_public_code_404_for_a_draft(client, story):
    story.unpublish()
    assert client.get(f"/qr/story/{story.pk}.svg").status_code == 404


def test_public_code_404_for_a_draft_offer_or_a_wrong_kind(client, story, store):
    offer = OfferFactory(live=False)
    assert client.get(f"/qr/offer/{offer.pk}.svg").status_code == 404
    assert client.get(f"/qr/story/{store.pk}.svg").status_code == 404
    assert client.get(f"/qr/page/{store.pk}.svg").status_code == 404


def test_public_code_404_for_a_private_page(client, story):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=story, restriction_type="password", password="secret")
    assert client.get(f"/qr/story/{story.pk}.svg").status_code == 404


# Admin


def test_download_requires_login(client, store):
    response = client.get(f"/admin/qr/store/{store.pk}.svg")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_download_of_a_draft_for_an_editor(admin_client, story):
    story.unpublish()
    response = admin_client.get(f"/admin/qr/story/{story.pk}.png")
    assert response.status_code == 200
    assert response.content.startswith(PNG_SIGNATURE)
    assert response["Content-Disposition"] == 'attachment; filename="qr-story-the-wool-story.png"'


def test_download_needs_edit_permission(client, django_user_model, store):
    user = django_user_model.objects.create_user("viewer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    refused = client.get(f"/admin/qr/store/{store.pk}.svg")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
    group = Group.objects.create(name="Store editors")
    GroupPagePermission.objects.create(group=group, page=store, permission=Permission.objects.get(codename="change_page"))
    user.groups.add(group)
    assert client.get(f"/admin/qr/store/{store.pk}.svg").status_code == 200


def test_page_edit_screen_has_the_qr_buttons(admin_client, store, section):
    html = admin_client.get(f"/admin/pages/{store.pk}/edit/").content.decode()
    assert f'href="/admin/qr/store/{store.pk}.svg"' in html
    assert f'href="/admin/qr/store/{store.pk}.png"' in html
    assert "/admin/qr/" not in admin_client.get(f"/admin/pages/{section.pk}/edit/").content.decode()


def test_offer_edit_screen_and_listing_have_the_qr_links(admin_client, store):
    offer = OfferFactory.for_stores([store])
    edit = admin_client.get(f"/admin/snippets/offers/offer/edit/{offer.pk}/").content.decode()
    assert f"/admin/qr/offer/{offer.pk}.svg" in edit and f"/admin/qr/offer/{offer.pk}.png" in edit
    listing = admin_client.get("/admin/snippets/offers/offer/").content.decode()
    assert f"/admin/qr/offer/{offer.pk}.svg" in listing
