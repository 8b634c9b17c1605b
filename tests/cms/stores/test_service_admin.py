"""Editors create, edit, preview, publish, translate and find store services in the admin."""

import pytest
from wagtail.test.utils.form_data import nested_form_data

from cms.stores.models import Service
from tests.editing import (
    assert_field_error,
    assert_redirected,
    post_form,
    preview,
    snippet_url,
    translate_snippet,
)
from tests.factories import ServiceFactory


def service_form(**fields):
    return nested_form_data(
        {"name": "Curbside pickup", "code": "curbside", "description": "Staff bring your order to your car.", **fields}
    )


@pytest.fixture
def click_and_collect(db):
    service = ServiceFactory(code="click-and-collect", name="Click & collect")
    service.save_revision().publish()
    service.refresh_from_db()
    return service


def test_editor_creates_a_service_draft_then_publishes_it(admin_client):
    assert_redirected(post_form(admin_client, snippet_url(Service, "add"), service_form()))
    service = Service.objects.get(code="curbside")
    assert not service.live

    data = service_form(description="Staff bring your order to your car within 5 minutes.")
    assert_redirected(post_form(admin_client, snippet_url(Service, "edit", service.pk), data, publish=True))

    service.refresh_from_db()
    assert service.live and service.description.endswith("within 5 minutes.")


def test_preview_of_a_new_and_an_edited_service(admin_client, click_and_collect):
    html = preview(admin_client, snippet_url(Service, "preview_on_add"), service_form()).content.decode()
    assert "<h1>Curbside pickup</h1>" in html and "Staff bring your order to your car." in html

    data = service_form(name="Click & collect", code="click-and-collect", description="Ready in an hour.")
    html = preview(admin_client, snippet_url(Service, "preview_on_edit", click_and_collect.pk), data).content.decode()
    assert "Ready in an hour." in html and "<code>click-and-collect</code>" in html


def test_service_is_translated_into_italian_with_the_same_code(admin_client, click_and_collect):
    assert translate_snippet(admin_client, click_and_collect).status_code == 302

    translation = Service.objects.get(translation_key=click_and_collect.translation_key, locale__language_code="it")
    assert translation.code == "click-and-collect" and not translation.live


@pytest.mark.parametrize(
    ("code", "message"),
    [("click-and-collect", "Service with this code already exists in English"), ("click & collect", "Use letters")],
)
def test_bad_or_repeated_service_code_is_rejected(admin_client, click_and_collect, code, message):
    response = post_form(admin_client, snippet_url(Service, "add"), service_form(code=code), publish=True)

    assert_field_error(response, "code", message)
    assert Service.objects.count() == 1


def test_service_listing_search_finds_a_service_by_name_and_code(admin_client, click_and_collect):
    ServiceFactory(code="returns-in-store", name="Returns in store")

    for query in ["collect", "click-and-collect"]:
        response = admin_client.get(snippet_url(Service, "list"), {"q": query})
        assert [service.code for service in response.context["object_list"]] == ["click-and-collect"]
