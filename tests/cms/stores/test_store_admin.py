"""Editors create, edit, preview, publish and translate store pages in the admin, and the
admin refuses a store whose position, time zone or opening hours make no sense."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.stores.models import StoreIndexPage, StorePage
from tests.editing import (
    assert_field_error,
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
from tests.factories import ServiceFactory, StoreOpeningHoursFactory, StorePageFactory

MONDAY, SATURDAY, SUNDAY = 0, 5, 6


def hours(weekday, opens, closes, next_day=False, **extra):
    row = {"weekday": str(weekday), "opens": opens, "closes": closes, **extra}
    if next_day:
        row["closes_next_day"] = "on"
    return row


def store_form(*, opening_hours=(), exceptions=(), gallery=(), services=(), initial_hours=0, **fields):
    """The store page form as the admin posts it, with a valid Milan store by default."""
    data = {
        "title": "Milano Duomo",
        "slug": "milano-duomo",
        "store_message": rich_text("<p>Welcome to our flagship store.</p>"),
        "street_address": "Piazza del Duomo 1",
        "postal_code": "20121",
        "city": "Milano",
        "region": "Lombardia",
        "country": "IT",
        "latitude": "45.464211",
        "longitude": "9.191383",
        "time_zone": "Europe/Rome",
        "phone": "+39 02 123456",
        "pickup_preparation_minutes": "45",
        "parking_notes": "Parking in Via Larga.",
        "gallery_images": inline_formset(list(gallery)),
        "opening_hours": inline_formset(list(opening_hours), initial=initial_hours),
        "hours_exceptions": inline_formset(list(exceptions)),
    }
    data.update(fields)
    form = nested_form_data(data)
    form["services"] = [service.pk for service in services]
    return form


@pytest.fixture
def store(store_index):
    store = StorePageFactory(parent=store_index, title="Torino Centro", slug="torino-centro", city="Torino")
    StoreOpeningHoursFactory(store=store, weekday=MONDAY, opens=datetime.time(9), closes=datetime.time(19))
    return store


def existing_hours(store):
    return [
        hours(row.weekday, f"{row.opens:%H:%M}", f"{row.closes:%H:%M}", row.closes_next_day, id=str(row.pk))
        for row in store.opening_hours.all()
    ]


# --- Creating, editing, previewing, publishing, translating -------------------------------


def test_editor_creates_a_store_draft_with_hours_exceptions_gallery_and_services(admin_client, store_index, image):
    click_and_collect = ServiceFactory(code="click-and-collect", name="Click & collect")
    data = store_form(
        opening_hours=[
            hours(MONDAY, "09:00", "13:00"),
            hours(MONDAY, "14:00", "19:00"),
            hours(SATURDAY, "22:00", "02:00", True),
        ],
        exceptions=[{"date": "2026-12-25", "label": "Christmas Day", "closed": "on"}],
        gallery=[{"image": image.pk, "caption": "The shop floor"}],
        services=[click_and_collect],
    )

    response = post_form(admin_client, page_add_url(StorePage, store_index), data)

    assert_redirected(response)
    store = StorePage.objects.get(slug="milano-duomo")
    assert not store.live and store.get_parent().pk == store_index.pk
    assert (store.city, store.time_zone, str(store.latitude)) == ("Milano", "Europe/Rome", "45.464211")
    assert [(row.weekday, row.as_interval().label()) for row in store.opening_hours.all()] == [
        (MONDAY, "09:00–13:00"),
        (MONDAY, "14:00–19:00"),
        (SATURDAY, "22:00–02:00 (next day)"),
    ]
    assert [(e.date, e.label, e.closed) for e in store.hours_exceptions.all()] == [
        (datetime.date(2026, 12, 25), "Christmas Day", True)
    ]
    assert [g.caption for g in store.gallery_images.all()] == ["The shop floor"]
    assert store.offers_service("click-and-collect")


def test_editor_publishes_store_edits(admin_client, store):
    data = store_form(
        title="Torino Centro",
        slug="torino-centro",
        city="Torino",
        opening_hours=[*existing_hours(store), hours(SUNDAY, "10:00", "13:00")],
        initial_hours=1,
    )

    response = post_form(admin_client, page_edit_url(store), data, publish=True)

    assert_redirected(response)
    store.refresh_from_db()
    assert store.live and not store.has_unpublished_changes
    assert store.street_address == "Piazza del Duomo 1"
    assert [str(row) for row in store.opening_hours.all()] == ["Monday 09:00–19:00", "Sunday 10:00–13:00"]


def test_saving_a_draft_of_a_live_store_leaves_the_live_page_unchanged(admin_client, store):
    data = store_form(
        title="Torino Centro (renovated)", slug="torino-centro", opening_hours=existing_hours(store), initial_hours=1
    )

    assert_redirected(post_form(admin_client, page_edit_url(store), data))

    store.refresh_from_db()
    assert store.title == "Torino Centro" and store.has_unpublished_changes
    assert store.get_latest_revision_as_object().title == "Torino Centro (renovated)"


def test_preview_of_a_new_store_renders_the_store_page(admin_client, store_index, image):
    data = store_form(
        opening_hours=[hours(MONDAY, "09:30", "19:30")],
        # Store pages list the exceptions still to come.
        exceptions=[{"date": str(datetime.date.today() + datetime.timedelta(days=20)), "label": "Christmas Eve",
                     "opens": "09:00", "closes": "14:00"}],
        gallery=[{"image": image.pk, "caption": "The shop floor"}],
    )

    html = preview(admin_client, page_preview_on_add_url(StorePage, store_index), data).content.decode()

    assert "<h1>Milano Duomo</h1>" in html
    assert "Welcome to our flagship store." in html
    assert "Piazza del Duomo 1" in html and "Europe/Rome" in html
    # In the admin's language (English): CLDR's 12-hour ranges, narrow spaces and thin ones.
    assert "9:30\u202fAM\u2009–\u20097:30\u202fPM" in html
    assert "Christmas Eve: 9:00\u202fAM\u2009–\u20092:00\u202fPM" in html
    assert 'alt="The shop floor"' in html
    assert not StorePage.objects.filter(slug="milano-duomo").exists()


def test_preview_of_an_edited_store_shows_the_unsaved_changes(admin_client, store):
    data = store_form(title="Torino Porta Nuova", slug="torino-centro", opening_hours=existing_hours(store), initial_hours=1)

    html = preview(admin_client, page_preview_on_edit_url(store), data).content.decode()

    assert "<h1>Torino Porta Nuova</h1>" in html and "9:00\u202fAM\u2009–\u20097:00\u202fPM" in html
    store.refresh_from_db()
    assert store.title == "Torino Centro" and store.revisions.count() == 0


def test_store_is_translated_into_italian_with_its_hours(admin_client, store):
    italian = translate_ancestors(store)

    response = translate_page(admin_client, store)

    translation = StorePage.objects.get(translation_key=store.translation_key, locale=italian)
    assert response.status_code == 302 and response["Location"] == page_edit_url(translation)
    assert translation.pk != store.pk and not translation.live
    assert translation.get_parent().locale == italian
    assert [str(row) for row in translation.opening_hours.all()] == ["Monday 09:00–19:00"]


def test_store_index_is_created_published_previewed_and_translated(admin_client, home):
    data = nested_form_data(
        {"title": "Our stores", "slug": "our-stores", "intro": rich_text("<p>Find a shop near you.</p>")}
    )

    html = preview(admin_client, page_preview_on_add_url(StoreIndexPage, home), data).content.decode()
    assert "Find a shop near you." in html

    assert_redirected(post_form(admin_client, page_add_url(StoreIndexPage, home), data, publish=True))
    index = StoreIndexPage.objects.get(slug="our-stores")
    assert index.live and "Find a shop near you." in index.intro

    response = translate_page(admin_client, home)
    assert response.status_code == 302
    response = translate_page(admin_client, index)
    assert response.status_code == 302
    assert StoreIndexPage.objects.filter(translation_key=index.translation_key, locale__language_code="it").exists()


def test_store_index_edit_is_published(admin_client, store_index, store):
    data = nested_form_data({"title": "Stores", "slug": "stores", "intro": rich_text("<p>Twelve stores in Italy.</p>")})

    html = preview(admin_client, page_preview_on_edit_url(store_index), data).content.decode()
    assert "Twelve stores in Italy." in html and "Torino Centro" in html

    assert_redirected(post_form(admin_client, page_edit_url(store_index), data, publish=True))
    store_index.refresh_from_db()
    assert "Twelve stores in Italy." in store_index.intro


# --- Rejected input: the error names the field, and nothing changes ----------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "91", "less than or equal to 90"),
        ("longitude", "-181", "greater than or equal to -180"),
        ("time_zone", "Europe/Milano", "Select a valid choice"),
    ],
)
def test_new_store_with_an_impossible_position_or_time_zone_is_rejected(admin_client, store_index, field, value, message):
    data = store_form(opening_hours=[hours(MONDAY, "09:00", "19:00")], **{field: value})

    response = post_form(admin_client, page_add_url(StorePage, store_index), data, publish=True)

    assert_field_error(response, field, message)
    assert not StorePage.objects.filter(slug="milano-duomo").exists()


def test_unknown_time_zone_is_rejected_on_edit_and_the_store_is_unchanged(admin_client, store):
    data = store_form(
        slug="torino-centro", time_zone="Mars/Olympus_Mons", opening_hours=existing_hours(store), initial_hours=1
    )

    response = post_form(admin_client, page_edit_url(store), data, publish=True)

    assert_field_error(response, "time_zone", "Mars/Olympus_Mons")
    store.refresh_from_db()
    assert store.time_zone == "Europe/Rome" and store.title == "Torino Centro"
    assert store.revisions.count() == 0


@pytest.mark.parametrize(
    ("opening_hours", "index", "field", "message"),
    [
        pytest.param([hours(MONDAY, "19:00", "09:00")], 0, "closes", "tick “Closes the next day”", id="inverted"),
        pytest.param([hours(MONDAY, "09:00", "09:00")], 0, "closes", "Closing time must be after", id="empty"),
        pytest.param(
            [hours(MONDAY, "09:00", "13:00"), hours(MONDAY, "12:30", "19:00")],
            1,
            "opens",
            "Monday 09:00–13:00 overlaps Monday 12:30–19:00",
            id="overlap-same-day",
        ),
        pytest.param(
            [hours(MONDAY, "09:00", "19:00"), hours(MONDAY, "09:00", "19:00")],
            1,
            "opens",
            "overlaps Monday 09:00–19:00",
            id="same-interval-twice",
        ),
        pytest.param(
            [hours(MONDAY, "08:00", "12:00"), hours(SUNDAY, "22:00", "09:00", True)],
            0,
            "opens",
            "Sunday 22:00–09:00 (next day) overlaps Monday 08:00–12:00",
            id="sunday-night-into-monday",
        ),
        pytest.param(
            [hours(SATURDAY, "22:00", "23:00", True)],
            0,
            "closes",
            "must close before the time it opened",
            id="next-day-longer-than-24h",
        ),
    ],
)
def test_invalid_weekly_hours_are_rejected_and_nothing_is_created(
    admin_client, store_index, opening_hours, index, field, message
):
    data = store_form(opening_hours=opening_hours)

    response = post_form(admin_client, page_add_url(StorePage, store_index), data, publish=True)

    assert_field_error(response, field, message, formset="opening_hours", index=index)
    assert not StorePage.objects.filter(slug="milano-duomo").exists()


def test_overlapping_hours_are_rejected_on_edit_and_the_hours_stay_as_they_were(admin_client, store):
    data = store_form(
        slug="torino-centro", opening_hours=[*existing_hours(store), hours(MONDAY, "18:00", "21:00")], initial_hours=1
    )

    response = post_form(admin_client, page_edit_url(store), data, publish=True)

    assert_field_error(response, "opens", "overlaps Monday 18:00–21:00", formset="opening_hours", index=1)
    assert [str(row) for row in store.opening_hours.all()] == ["Monday 09:00–19:00"]
    assert store.revisions.count() == 0


def test_valid_overnight_hours_are_accepted(admin_client, store_index):
    data = store_form(
        opening_hours=[
            hours(SATURDAY, "18:00", "02:00", True),
            hours(SUNDAY, "10:00", "01:00", True),
            hours(MONDAY, "01:00", "09:00"),
        ]
    )

    response = post_form(admin_client, page_add_url(StorePage, store_index), data, publish=True)

    assert_redirected(response)
    store = StorePage.objects.get(slug="milano-duomo")
    assert store.live
    assert [interval.label() for interval in store.weekly_intervals()] == [
        "18:00–02:00 (next day)",
        "10:00–01:00 (next day)",
        "01:00–09:00",
    ]


@pytest.mark.parametrize(
    ("exceptions", "index", "field", "message"),
    [
        pytest.param(
            [{"date": "2026-12-25", "label": "Christmas", "closed": "on", "opens": "10:00", "closes": "12:00"}],
            0,
            "closed",
            "A closed day has no opening times",
            id="closed-with-times",
        ),
        pytest.param(
            [{"date": "2026-12-24", "label": "Christmas Eve", "opens": "14:00", "closes": "09:00"}],
            0,
            "closes",
            "Closing time must be after opening time",
            id="inverted",
        ),
        pytest.param(
            [{"date": "2026-12-24", "label": "Christmas Eve"}],
            0,
            "closes",
            "Enter both an opening and a closing time",
            id="open-without-times",
        ),
        pytest.param(
            [
                {"date": "2026-12-24", "label": "Christmas Eve", "opens": "09:00", "closes": "14:00"},
                {"date": "2026-12-24", "label": "Late shopping", "opens": "13:00", "closes": "22:00"},
            ],
            1,
            "opens",
            "09:00–14:00 overlaps 13:00–22:00 on the same date",
            id="overlap-same-date",
        ),
        pytest.param(
            [
                {"date": "2026-12-25", "label": "Christmas", "closed": "on"},
                {"date": "2026-12-25", "label": "Christmas opening", "opens": "10:00", "closes": "12:00"},
            ],
            1,
            "date",
            "also marked as closed",
            id="closed-and-open",
        ),
    ],
)
def test_invalid_exceptions_are_rejected_and_nothing_is_created(
    admin_client, store_index, exceptions, index, field, message
):
    data = store_form(opening_hours=[hours(MONDAY, "09:00", "19:00")], exceptions=exceptions)

    response = post_form(admin_client, page_add_url(StorePage, store_index), data, publish=True)

    assert_field_error(response, field, message, formset="hours_exceptions", index=index)
    assert not StorePage.objects.filter(slug="milano-duomo").exists()


def test_hours_are_checked_when_saving_a_draft_too(admin_client, store_index):
    data = store_form(opening_hours=[hours(MONDAY, "19:00", "09:00")])

    response = post_form(admin_client, page_add_url(StorePage, store_index), data)

    assert_field_error(response, "closes", "Closing time must be after", formset="opening_hours")
    assert not StorePage.objects.filter(slug="milano-duomo").exists()


# --- What editors see -------------------------------------------------------------------


def test_store_edit_form_shows_help_texts(admin_client, store):
    html = admin_client.get(page_edit_url(store)).content.decode()

    assert "Between -90 and 90, e.g. 45.464211." in html
    assert "Between -180 and 180, e.g. 9.191383." in html
    assert "The store&#x27;s IANA time zone; opening hours are in this zone." in html
    assert "Tick when the store closes after midnight." in html
    assert "Several intervals a day are allowed (e.g. a lunch break); they must not overlap." in html


def test_admin_page_search_finds_a_store_by_city(admin_client, store_index):
    StorePageFactory(parent=store_index, title="Flagship", city="Bergamo")
    StorePageFactory(parent=store_index, title="Outlet", city="Verona")

    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "Bergamo"})

    assert response.status_code == 200
    assert [page.title for page in response.context["pages"]] == ["Flagship"]


def test_hours_are_typed_to_the_minute_below_the_store_time_zone(admin_client, store_index):
    data = store_form(
        time_zone="Europe/London",
        opening_hours=[hours(MONDAY, "09:30", "13:15"), hours(SATURDAY, "21:45", "01:30", True)],
        exceptions=[{"date": "2026-12-24", "label": "Christmas Eve", "opens": "08:45", "closes": "14:05"}],
    )

    assert_redirected(post_form(admin_client, page_add_url(StorePage, store_index), data))

    store = StorePage.objects.get(slug="milano-duomo")
    assert [str(row) for row in store.opening_hours.all()] == ["Monday 09:30–13:15", "Saturday 21:45–01:30 (next day)"]
    assert [e.as_interval().label() for e in store.hours_exceptions.all()] == ["08:45–14:05"]
    html = admin_client.get(page_edit_url(store)).content.decode()
    assert '<input type="time" name="opening_hours-0-opens" value="09:30" step="60"' in html
    # The time zone is typed with suggestions, at the top of the hours tab, before the hours.
    zone_input = re.search(r'<input type="text" name="time_zone"[^>]*>', html).group(0)
    assert 'value="Europe/London"' in zone_input and 'list="id_time_zone-suggestions"' in zone_input
    assert '<option value="Europe/Rome"></option>' in html and '<option value="US/Eastern"></option>' not in html
    hours_tab = html[html.index('id="tab-opening_hours"') :]
    assert hours_tab.index('name="time_zone"') < hours_tab.index('name="opening_hours-0-opens"')


def test_a_time_zone_outside_the_suggestions_is_still_a_valid_iana_zone(admin_client, store_index):
    data = store_form(time_zone="US/Eastern", opening_hours=[hours(MONDAY, "09:00", "18:00")])

    assert_redirected(post_form(admin_client, page_add_url(StorePage, store_index), data))

    assert StorePage.objects.get(slug="milano-duomo").time_zone == "US/Eastern"


def test_the_country_is_typed_as_a_code_with_named_suggestions(admin_client, store_index):
    data = store_form(country=" it ", opening_hours=[hours(MONDAY, "09:00", "18:00")])

    assert_redirected(post_form(admin_client, page_add_url(StorePage, store_index), data))

    store = StorePage.objects.get(slug="milano-duomo")
    assert store.country == "IT"  # typed in any case, kept as the ISO code
    html = admin_client.get(page_edit_url(store)).content.decode()
    country_input = re.search(r'<input type="text" name="country"[^>]*>', html).group(0)
    assert 'value="IT"' in country_input and 'list="id_country-suggestions"' in country_input
    assert '<option value="IT">Italy</option>' in html
    assert html.count('<option value="IT">') == 1  # a datalist, no <select> of every country
    italian = admin_client.get(page_edit_url(store), HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert '<option value="DE">Germania</option>' in italian


def test_an_unknown_country_is_rejected_naming_the_field(admin_client, store_index):
    data = store_form(country="XX", opening_hours=[hours(MONDAY, "09:00", "18:00")])

    response = post_form(admin_client, page_add_url(StorePage, store_index), data)

    assert_field_error(response, "country", "Select a valid choice")
    assert not StorePage.objects.filter(slug="milano-duomo").exists()
