"""Editors create, edit, preview, publish, schedule and translate offers in the admin; the
admin refuses an offer that ends before it starts or applies to no store."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.offers.models import Offer
from tests.clock import later
from tests.editing import (
    assert_field_error,
    assert_redirected,
    post_form,
    preview,
    snippet_url,
    translate_snippet,
)
from tests.factories import OfferFactory, StorePageFactory


def offer_form(*, stores=(), **fields):
    data = {
        "title": "Christmas coffee week",
        "description": "10% off every moka pot, in store only.",
        "code": "MOKA10",
        "valid_from": "2026-12-01 09:00",
        "valid_to": "2026-12-24 19:00",
        "channel": "in-store",
        "applies_to_all_stores": "on",
        "terms": rich_text("<p>One coupon per customer.</p>"),
    }
    data.update(fields)
    form = nested_form_data(data)
    form["stores"] = [store.pk for store in stores]
    return form


@pytest.fixture
def offer(db):
    offer = OfferFactory(title="Spring sale", code="SPRING")
    offer.save_revision().publish()
    offer.refresh_from_db()
    return offer


@pytest.fixture
def milano(store_index):
    return StorePageFactory(parent=store_index, title="Milano Duomo")


def test_editor_creates_an_offer_draft_for_chosen_stores(admin_client, milano, image):
    data = offer_form(applies_to_all_stores="", stores=[milano], image=image.pk)

    assert_redirected(post_form(admin_client, snippet_url(Offer, "add"), data))

    offer = Offer.objects.get(code="MOKA10")
    assert not offer.live and offer.channel == "in-store" and not offer.applies_to_all_stores
    assert list(offer.stores.all()) == [milano]
    # Typed in the editor's time zone (a new editor's: ADMIN_TIME_ZONE, Europe/Rome).
    assert offer.valid_from == datetime.datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Rome"))
    assert list(Offer.objects.for_store(milano)) == [offer]


def test_editor_edits_and_publishes_an_offer(admin_client, offer):
    data = offer_form(title="Spring sale: 20% off", code="SPRING")

    assert_redirected(post_form(admin_client, snippet_url(Offer, "edit", offer.pk), data, publish=True))

    offer.refresh_from_db()
    assert offer.title == "Spring sale: 20% off" and offer.live and not offer.has_unpublished_changes


def test_preview_of_a_new_offer_for_chosen_stores(admin_client, milano):
    data = offer_form(applies_to_all_stores="", stores=[milano])

    html = preview(admin_client, snippet_url(Offer, "preview_on_add"), data).content.decode()

    assert "<h3>Christmas coffee week</h3>" in html
    assert "Code: <strong>MOKA10</strong>" in html
    # The days in Milan, where it applies, in the admin's language.
    assert 'In store · <time datetime="2026-12-01">Dec 1, 2026</time> – <time datetime="2026-12-24">Dec 24, 2026</time>' in html
    assert "Valid in: Milano Duomo" in html
    assert "One coupon per customer." in html


def test_preview_of_an_edited_offer(admin_client, offer):
    data = offer_form(title="Spring sale extended", code="SPRING")

    html = preview(admin_client, snippet_url(Offer, "preview_on_edit", offer.pk), data).content.decode()

    assert "<h3>Spring sale extended</h3>" in html and "Valid in all stores." in html
    offer.refresh_from_db()
    assert offer.title == "Spring sale"


def test_offer_is_translated_into_italian_as_a_draft(admin_client, offer):
    assert translate_snippet(admin_client, offer).status_code == 302

    translation = Offer.objects.get(translation_key=offer.translation_key, locale__language_code="it")
    assert translation.code == "SPRING" and not translation.live and translation.live_revision is None


def test_offer_listing_search_finds_an_offer_by_coupon_code(admin_client, offer):
    OfferFactory(title="Summer sale", code="SUMMER")

    response = admin_client.get(snippet_url(Offer, "list"), {"q": "SPRING"})

    assert [o.title for o in response.context["object_list"]] == ["Spring sale"]


# --- Scheduled publishing ---------------------------------------------------------------


def test_offer_scheduled_through_the_admin_goes_live_when_publish_scheduled_runs(admin_client):
    go_live_at = timezone.now() + datetime.timedelta(days=3)
    data = offer_form(go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"))

    assert_redirected(post_form(admin_client, snippet_url(Offer, "add"), data, publish=True))

    offer = Offer.objects.get(code="MOKA10")
    revision = offer.latest_revision
    assert not offer.live and revision.approved_go_live_at is not None
    call_command("publish_scheduled")
    offer.refresh_from_db()
    assert not offer.live, "published before its time"

    with later(datetime.timedelta(days=3, minutes=1)):
        call_command("publish_scheduled")

    offer.refresh_from_db()
    assert offer.live and offer.live_revision == revision


def test_offer_edit_form_offers_scheduling(admin_client, offer):
    html = admin_client.get(snippet_url(Offer, "edit", offer.pk)).content.decode()

    assert 'name="go_live_at"' in html and 'name="expire_at"' in html


# --- Rejected input ---------------------------------------------------------------------


def test_offer_ending_before_it_starts_is_rejected(admin_client):
    data = offer_form(valid_from="2026-12-24 19:00", valid_to="2026-12-01 09:00")

    response = post_form(admin_client, snippet_url(Offer, "add"), data, publish=True)

    assert_field_error(response, "valid_to", "The offer must end after it starts.")
    assert not Offer.objects.exists()


def test_offer_for_chosen_stores_without_any_store_is_rejected(admin_client):
    data = offer_form(applies_to_all_stores="")

    response = post_form(admin_client, snippet_url(Offer, "add"), data, publish=True)

    assert_field_error(response, "stores", "Choose at least one store")
    assert not Offer.objects.exists()


def test_invalid_offer_edit_changes_nothing(admin_client, offer):
    data = offer_form(title="Spring sale", code="SPRING", applies_to_all_stores="")

    response = post_form(admin_client, snippet_url(Offer, "edit", offer.pk), data)

    assert_field_error(response, "stores", "Choose at least one store")
    offer.refresh_from_db()
    assert offer.applies_to_all_stores and not offer.has_unpublished_changes
    assert offer.revisions.count() == 1
