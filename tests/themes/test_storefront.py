"""The reference storefront's own pages, the store page's status, the test-only "today"
and the editor preview in the storefront's templates."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from graphql import build_schema, parse, validate
from wagtail.test.utils.form_data import nested_form_data, rich_text

from tests.editing import page_edit_url, page_preview_on_edit_url
from tests.factories import OfferFactory, ServiceFactory, StoreOpeningHoursFactory, StorePageFactory
from themes.models import Theme
from themes.storefront.today import storefront_moment
from themes.templatetags.storefront import store_status

ROME = ZoneInfo("Europe/Rome")
STATIC = Path(__file__).resolve().parents[2] / "themes" / "static" / "themes"


@pytest.fixture
def store(store_index):
    store = StorePageFactory.with_services(store_index, [ServiceFactory(code="click-and-collect", name="Click & collect")])
    StoreOpeningHoursFactory(store=store, weekday=0, opens=datetime.time(9), closes=datetime.time(19))
    return store


def test_store_status_open_with_its_closing_time(store):
    monday_morning = datetime.datetime(2026, 11, 23, 10, tzinfo=ROME)
    status = store_status(store, monday_morning)
    assert status["open_now"] is True
    assert status["next_closing"] == datetime.datetime(2026, 11, 23, 19, tzinfo=ROME)
    assert status["next_closing"].tzinfo == ROME


def test_store_status_closed_with_its_next_opening_in_the_store_time_zone(store):
    monday_evening = datetime.datetime(2026, 11, 23, 20, tzinfo=ROME)
    status = store_status(store, monday_evening)
    assert status["open_now"] is False
    assert status["next_opening"] == datetime.datetime(2026, 11, 30, 9, tzinfo=ROME)
    assert status["next_opening"].utcoffset() == datetime.timedelta(hours=1)


def test_store_page_shows_status_services_offers_address_card_and_qr_code(client, store):
    OfferFactory.for_stores([store], title="Olive oil tasting")
    html = client.get(store.url).content.decode()
    assert re.search(r'data-open-now="(true|false)"', html)
    assert "Click &amp; collect" in html
    assert "Olive oil tasting" in html
    assert "<address>Via Torino 1" in html
    assert f'src="/qr/store/{store.pk}.svg"' in html
    assert "<iframe" not in html


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/en/find-a-store/", '<label for="finder-city">or a city</label>'),
        ("/it/find-a-store/", '<label for="finder-city">oppure una città</label>'),
        ("/en/search/", '<label for="search-q">Search gifts, products, stories and stores</label>'),
    ],
)
def test_storefront_pages_render_labelled_inputs_in_the_language(client, home, path, label):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert label in html
    assert f'<html lang="{path[1:3]}">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


def test_every_page_links_the_search_page_but_the_search_page_keeps_one_search_box(client, home):
    assert 'id="site-search-q"' in client.get("/en/find-a-store/").content.decode()
    search_page = client.get("/en/search/", {"q": "olive"}).content.decode()
    assert 'id="site-search-q"' not in search_page
    assert 'value="olive"' in search_page


@pytest.mark.parametrize(
    ("debug", "allowed", "expected"),
    [
        (True, True, datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC)),
        (True, False, None),
        (False, True, None),
    ],
)
def test_today_param_only_with_debug_and_the_setting(settings, debug, allowed, expected):
    settings.DEBUG, settings.THEMES_TODAY_PARAM = debug, allowed
    request = RequestFactory().get("/en/", {"today": "2026-12-01"})
    assert storefront_moment(request) == expected


def test_today_param_that_is_not_a_date_means_now(settings):
    settings.DEBUG, settings.THEMES_TODAY_PARAM = True, True
    assert storefront_moment(RequestFactory().get("/en/", {"today": "1 December"})) is None


def test_today_param_is_off_by_default():
    assert django_settings.THEMES_TODAY_PARAM is False


# --- Editor preview -----------------------------------------------------------------------


def test_preview_panel_offers_the_site_and_the_frontend_modes(admin_client, section):
    html = admin_client.get(page_edit_url(section)).content.decode()
    assert re.search(r'<option value=""[^>]*>\s*Site\s*</option>', html)
    assert re.search(r'<option value="headless"[^>]*>\s*Frontend\s*</option>', html)


def test_site_preview_shows_the_draft_in_the_storefront_templates_with_the_theme(admin_client, section):
    Theme.objects.create(site=section.get_site(), name="Everyday", slug="everyday", is_default=True)
    url = page_preview_on_edit_url(section)
    form = nested_form_data({"title": "Draft title", "slug": "inspiration", "intro": rich_text("<p>Draft.</p>")})
    assert admin_client.post(url, form).json()["is_valid"]
    html = admin_client.get(url, {"mode": ""}).content.decode()
    assert "<h1>Draft title</h1>" in html
    assert "/static/themes/storefront.css" in html
    assert 'class="site-header"' in html
    assert 'href="/themes/everyday.css?v=' in html and 'data-theme="everyday"' in html


# --- The pages' GraphQL documents -----------------------------------------------------------


def documents(script):
    return re.findall(r"const (\w+) = `(.*?)`;", (STATIC / script).read_text(), re.S)


@pytest.fixture(scope="module")
def schema():
    return build_schema((Path(__file__).resolve().parents[2] / "schema.graphql").read_text())


@pytest.mark.parametrize("script", ["store_finder.js", "near_you.js", "search.js"])
def test_the_pages_queries_are_valid_against_the_api_schema(schema, script):
    if script == "search.js" and "search" not in schema.query_type.fields:
        pytest.skip("the `search` and `suggest` fields come with the search app")
    found = documents(script)
    assert found
    for name, document in found:
        assert validate(schema, parse(document)) == [], name


def test_a_chosen_day_renders_that_day_s_theme(client, home, settings):
    settings.DEBUG, settings.THEMES_TODAY_PARAM = True, True
    site = home.get_site()
    Theme.objects.create(site=site, name="Everyday", slug="everyday", is_default=True)
    Theme.objects.create(
        site=site, name="Christmas", slug="christmas", primary_color="#8b1a1a",
        season_start=datetime.date(2026, 12, 1), season_end=datetime.date(2027, 1, 6),
    )
    assert 'data-theme="everyday"' in client.get("/en/", {"today": "2026-11-30"}).content.decode()
    html = client.get("/en/", {"today": "2026-12-01"}).content.decode()
    assert 'data-theme="christmas"' in html
    assert 'href="/themes/christmas.css?v=' in html
