"""The admin shows and reads date-times in the editor's time zone and says which; a new
editor starts in ADMIN_TIME_ZONE rather than the server's UTC."""

import datetime
from zoneinfo import ZoneInfo

from django.core import checks
from django.test import override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.core.checks import check_admin_time_zone
from cms.offers.models import Offer
from tests.cms.offers.test_offer_admin import offer_form
from tests.editing import assert_redirected, page_edit_url, post_form, snippet_url
from tests.factories import OfferFactory, StorePageFactory


def test_a_new_editor_starts_in_the_admin_time_zone(django_user_model):
    editor = django_user_model.objects.create_user("giulia", password="x")

    assert UserProfile.get_for_user(editor).current_time_zone == "Europe/Rome"


@override_settings(ADMIN_TIME_ZONE="Europe/London")
def test_the_admin_time_zone_is_configurable_and_a_chosen_zone_is_kept(django_user_model):
    editor = django_user_model.objects.create_user("james", password="x")
    profile = UserProfile.get_for_user(editor)
    assert profile.current_time_zone == "Europe/London"

    profile.current_time_zone = "America/New_York"
    profile.save()
    editor.save()
    assert UserProfile.get_for_user(editor).current_time_zone == "America/New_York"


def test_date_times_say_which_zone_they_are_in_and_are_read_in_it(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.current_time_zone = "America/New_York"
    profile.save()
    offer = OfferFactory(valid_from=datetime.datetime(2026, 12, 1, 14, tzinfo=datetime.UTC))

    html = admin_client.get(snippet_url(Offer, "edit", offer.pk)).content.decode()

    assert 'value="2026-12-01 09:00"' in html  # 14:00 UTC, shown in New York time
    assert html.count("In your time zone, America/New_York (Account → Preferences).") >= 3  # valid from/to, schedule
    data = offer_form(valid_from="2026-12-02 08:30")
    assert_redirected(post_form(admin_client, snippet_url(Offer, "edit", offer.pk), data, publish=True))
    offer.refresh_from_db()
    assert offer.valid_from == datetime.datetime(2026, 12, 2, 8, 30, tzinfo=ZoneInfo("America/New_York"))


def test_the_schedule_dialog_of_a_page_names_the_zone(admin_client, store_index):
    store = StorePageFactory(parent=store_index)

    html = admin_client.get(page_edit_url(store)).content.decode()

    assert html.count("In your time zone, Europe/Rome (Account → Preferences).") == 2  # go live, expire


def test_the_account_preferences_offer_zones_named_after_places(admin_client):
    html = admin_client.get(reverse("wagtailadmin_account")).content.decode()

    assert '<option value="Europe/Rome" selected>' in html
    assert 'value="US/Eastern"' not in html and 'value="Etc/GMT-1"' not in html


@override_settings(ADMIN_TIME_ZONE="Europe/Milano")
def test_an_admin_time_zone_that_does_not_exist_is_reported_at_startup():
    assert [(error.id, error.level) for error in check_admin_time_zone()] == [("core.E003", checks.ERROR)]
