"""Draft preview for headless frontends: the Frontend preview mode hands the frontend a
signed, expiring token; ``page(previewToken:)`` serves that draft and nothing else."""

import datetime
import time
from decimal import Decimal
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.core.models import SectionPage
from cms.core.preview import PagePreview, create_preview_token
from cms.policies.models import ReturnPolicyMethod
from tests.editing import page_preview_on_add_url, page_preview_on_edit_url
from tests.factories import ProductFactory, ProductStoryPageFactory, ReturnPolicyPageFactory, SectionPageFactory

PREVIEW = """query($token: String!) { page(previewToken: $token) { __typename id title
  ... on SectionPage { intro }
  ... on ProductStoryPage { relatedProducts { sku } }
  ... on ReturnPolicyPage { returnMethods { method fee { amount } } } } }"""


@pytest.fixture
def frontend(settings):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "PREVIEW_URL": "https://shop.example/preview?site=main"}
    return settings


def preview_in_frontend_mode(client, url, data):
    """Send the edit form to the live preview, then open it in the Frontend mode."""
    assert client.post(url, data).json()["is_valid"]
    return client.get(url, {"mode": "headless"})


def section_form(**fields):
    data = {"title": "Ideas", "slug": "inspiration", "intro": rich_text("<p>Draft intro.</p>"), **fields}
    return nested_form_data(data)


def served(graphql, token):
    body = graphql(PREVIEW, {"token": token})
    return body.get("data", {}).get("page"), body.get("errors")


def test_page_models_offer_a_frontend_preview_mode(section):
    assert section.preview_modes == [("", "Site"), ("headless", "Frontend")]
    assert section.default_preview_mode == ""


def test_frontend_preview_opens_the_frontend_with_a_token_for_the_unsaved_changes(
    admin_client, graphql, frontend, section
):
    url = page_preview_on_edit_url(section)
    response = preview_in_frontend_mode(admin_client, url, section_form(title="New title"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://shop.example/preview"
    query = parse_qs(location.query)
    assert query["site"] == ["main"]
    page, errors = served(graphql, query["token"][0])
    assert errors is None
    assert (page["__typename"], page["id"], page["title"]) == ("SectionPage", str(section.pk), "New title")
    assert "Draft intro." in page["intro"]
    live = graphql('{ page(path: "/inspiration/") { title } }')["data"]["page"]
    assert live == {"title": "Inspiration"}


def test_site_preview_mode_still_renders_the_page_template(admin_client, section):
    url = page_preview_on_edit_url(section)
    assert admin_client.post(url, section_form(title="New title")).json()["is_valid"]
    assert "New title" in admin_client.get(url).content.decode()


def test_without_a_frontend_url_the_editor_sees_the_token(admin_client, graphql, section):
    response = preview_in_frontend_mode(admin_client, page_preview_on_edit_url(section), section_form(title="Shown"))
    assert response.status_code == 200
    token = PagePreview.objects.get()
    html = response.content.decode()
    assert "PREVIEW_URL" in html
    marker = '<pre class="preview-token">'
    page, _ = served(graphql, html[html.index(marker) + len(marker):].split("<", 1)[0])
    assert page["title"] == "Shown" and token.page_id == section.pk


def test_a_new_page_must_be_saved_before_a_frontend_preview(admin_client, frontend, section):
    url = page_preview_on_add_url(SectionPage, section.get_parent())
    response = preview_in_frontend_mode(admin_client, url, section_form(slug="brand-new"))
    assert response.status_code == 200
    assert "Save a draft" in response.content.decode()
    assert not PagePreview.objects.exists()


def test_a_draft_is_served_only_with_its_token(graphql, home):
    draft = SectionPageFactory(parent=home, title="Secret sale", slug="secret", live=False)
    assert graphql("query($id: ID!) { page(id: $id) { title } }", {"id": draft.pk})["data"]["page"] is None
    page, errors = served(graphql, create_preview_token(draft))
    assert errors is None and page["title"] == "Secret sale"


def test_unsaved_inline_rows_and_chosen_products_of_the_draft_are_served(graphql, section):
    policy = ReturnPolicyPageFactory.build(slug="returns")
    policy.return_methods = [ReturnPolicyMethod(method="in-store", fee=Decimal("0"))]
    section.add_child(instance=policy)
    policy.return_methods = [ReturnPolicyMethod(method="by-mail", fee=Decimal("4.90"))]  # not saved
    page, _ = served(graphql, create_preview_token(policy))
    assert page["returnMethods"] == [{"method": "BY_MAIL", "fee": {"amount": "4.90"}}]

    old, new = ProductFactory(sku="OLD"), ProductFactory(sku="NEW")
    retired = ProductFactory(sku="GONE", is_active=False)
    story = ProductStoryPageFactory(parent=section, slug="story")
    story.related_products.set([old])
    story.save()
    story.related_products = [new, retired]  # not saved
    page, _ = served(graphql, create_preview_token(story))
    assert page["relatedProducts"] == [{"sku": "NEW"}]


def test_a_tampered_token_is_refused(graphql, section):
    token = create_preview_token(section)
    value, signature = token.rsplit(":", 1)
    for bad in (f"{value}:{signature[::-1]}", f"x{token}", "not-a-token", ""):
        page, errors = served(graphql, bad)
        assert page is None
        assert errors[0]["extensions"] == {"code": "PREVIEW_TOKEN_INVALID", "field": "previewToken"}


def test_an_expired_token_is_refused(graphql, section, settings):
    token = create_preview_token(section)
    max_age = settings.STOREFRONT_API.get("PREVIEW_TOKEN_MAX_AGE", 3600)
    with mock.patch("django.core.signing.time.time", return_value=time.time() + max_age + 1):
        page, errors = served(graphql, token)
    assert page is None
    assert errors[0]["extensions"] == {"code": "PREVIEW_TOKEN_EXPIRED", "field": "previewToken"}
    assert "expired" in errors[0]["message"]


def test_a_token_whose_preview_was_removed_is_refused(graphql, section):
    token = create_preview_token(section)
    PagePreview.objects.all().delete()
    page, errors = served(graphql, token)
    assert page is None and errors[0]["extensions"]["code"] == "PREVIEW_TOKEN_INVALID"


def test_old_previews_are_removed_when_a_new_one_is_made(section):
    create_preview_token(section)
    PagePreview.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    create_preview_token(section)
    assert PagePreview.objects.count() == 1


def test_a_token_goes_alone(graphql, section):
    body = graphql("query($token: String!, $id: ID) { page(previewToken: $token, id: $id) { title } }",
                   {"token": create_preview_token(section), "id": section.pk})
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "previewToken"}
