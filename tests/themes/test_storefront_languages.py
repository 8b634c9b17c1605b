"""The storefront in the page's language and in the store's time zone: store pages (status,
hours, exceptions, offers), prices, the language switcher on every page, and the store
finder's table of cities."""

import datetime
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.core.models import FooterSettings, FooterTranslation
from cms.demo.data.stores import STORES
from cms.stores.cities import CITIES, city_name, find_city, finder_cities, normalized
from cms.stores.models import StoreHoursException
from tests.factories import GiftGuidePageFactory, OfferFactory, ProductFactory, StoreOpeningHoursFactory, StorePageFactory

NNBSP, THIN = "\u202f", "\u2009"
TIME = re.compile(r'<time datetime="([^"]+)">([^<]+)</time>')


def live_translation(page, language="it"):
    """``page`` in ``language``, published, with its ancestors translated and published too."""
    locale = Locale.objects.get(language_code=language)
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.has_translation(locale):
            ancestor.copy_for_translation(locale).save_revision().publish()
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    return copy.specific_class.objects.get(pk=copy.pk)


@pytest.fixture
def tokyo(store_index):
    """Open every day 10:00–20:00 in Tokyo: whatever the hour, its status names one of those."""
    store = StorePageFactory(parent=store_index, title="Tokyo Ginza", slug="tokyo-ginza", city="Tokyo", country="JP",
                             time_zone="Asia/Tokyo", latitude=Decimal("35.6718"), longitude=Decimal("139.7652"))
    for weekday in range(7):
        StoreOpeningHoursFactory(store=store, weekday=weekday, opens=datetime.time(10), closes=datetime.time(20))
    return store


def status_time(html):
    status = re.search(r'<p class="status[^"]*" data-open-now="(true|false)">(.*?)</p>', html, re.S)
    moment, text = TIME.search(status.group(2)).groups()
    return status.group(1) == "true", datetime.datetime.fromisoformat(moment), text


def test_a_store_page_gives_the_store_s_times_in_its_own_zone(client, tokyo):
    open_now, moment, text = status_time(client.get(tokyo.url).content.decode())
    # The instant in the store's zone (+09:00), and written as the store's wall clock: 8:00 PM
    # closing or a 10:00 AM opening, not 11:00 / 01:00 (UTC).
    assert moment.utcoffset() == datetime.timedelta(hours=9)
    assert moment > timezone.now()
    if open_now:
        assert (moment.hour, text) == (20, f"8:00{NNBSP}PM")
    else:
        assert moment.hour == 10 and text.endswith(f", 10:00{NNBSP}AM")


def test_the_italian_store_page_has_italian_days_times_and_offer_cards(client, tokyo):
    today = timezone.localdate()
    StoreHoursException.objects.create(store=tokyo, date=today + datetime.timedelta(days=3), label="Inventario", closed=True)
    StoreHoursException.objects.create(store=tokyo, date=today - datetime.timedelta(days=3), label="Passato", closed=True)
    italian = live_translation(tokyo)
    rome_midnight = datetime.datetime(2026, 12, 1, tzinfo=ZoneInfo("Europe/Rome"))
    OfferFactory.for_stores([italian], title="Borsa in regalo", code="TOKYOTOTE", channel="in-store",
                            valid_from=rome_midnight, valid_to=rome_midnight + datetime.timedelta(days=3650),
                            locale=italian.locale)
    html = client.get(italian.url).content.decode()

    assert '<html lang="it">' in html
    days = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', html)
    assert days == [(day, "10:00–20:00") for day in ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")]
    open_now, moment, text = status_time(html)
    assert text == "20:00" if open_now else text.endswith(", 10:00")
    assert ("Aperto ora · chiude alle" if open_now else "Chiuso ora · apre") in html
    # Upcoming exceptions only, dated in Italian.
    assert "Inventario: chiuso" in html and "Passato" not in html
    card = re.search(r'<article class="offer".*?</article>', html, re.S).group(0)
    assert "Codice: <strong>TOKYOTOTE</strong>" in card
    # The first day in Tokyo's calendar (midnight in Rome is 08:00 there), in Italian.
    assert 'In negozio · <time datetime="2026-12-01">1 dic 2026</time>' in card
    for english in ("Code:", "In store", "Monday", "Opening hours", "closes at", "opens "):
        assert english not in html


def test_an_offer_on_a_new_york_store_page_starts_on_the_day_it_starts_in_new_york(client, store_index):
    store = StorePageFactory(parent=store_index, slug="soho", city="New York", country="US", time_zone="America/New_York")
    OfferFactory.for_stores([store], valid_from=datetime.datetime(2026, 12, 1, tzinfo=ZoneInfo("Europe/Rome")), valid_to=None)
    html = client.get(store.url).content.decode()
    assert '<time datetime="2026-11-30">Nov 30, 2026</time>' in html  # 18:00 on the 30th in New York


def test_prices_and_budgets_in_the_page_s_language(client, home):
    product = ProductFactory(price=Decimal("1234.5"), currency="EUR")
    guide = GiftGuidePageFactory.with_products(home, [product], slug="for-him", budget_max=Decimal("50"), budget_currency="EUR")
    english = client.get(guide.url).content.decode()
    assert '<span class="price">€1,234.50</span>' in english
    assert '<li class="badge budget">Under €50</li>' in english
    italian = client.get(live_translation(guide).url).content.decode()
    assert '<span class="price">1.234,50\xa0€</span>' in italian
    assert '<li class="badge budget">Sotto i 50\xa0€</li>' in italian
    assert '<li class="badge">Lui</li>' in italian and "Him" not in italian


# --- The language switcher ------------------------------------------------------------------------


def switcher(html):
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S)
    assert nav, "the page has a language switcher"
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav.group(0)))
    return {language: url for url, language in links.items()}, re.search(r'<span aria-current="true" lang="(\w+)"', nav.group(0)).group(1)


def test_a_page_links_its_translation(client, tokyo):
    italian = live_translation(tokyo)
    assert switcher(client.get(tokyo.url).content.decode()) == ({"it": italian.url}, "en")
    assert switcher(client.get(italian.url).content.decode()) == ({"en": tokyo.url}, "it")


def test_a_page_without_a_translation_links_the_other_language_s_home(client, tokyo, home):
    italian_home = live_translation(home)
    assert switcher(client.get(tokyo.url).content.decode()) == ({"it": italian_home.url}, "en")
    assert italian_home.url == "/it/"


def test_a_draft_translation_is_not_linked(client, tokyo, store_index):
    live_translation(store_index)
    draft = tokyo.copy_for_translation(Locale.objects.get(language_code="it"))
    assert not Page.objects.get(pk=draft.pk).live
    assert switcher(client.get(tokyo.url).content.decode())[0] == {"it": "/it/"}


@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("/en/find-a-store/?product=BL-OIL-1", {"it": "/it/find-a-store/?product=BL-OIL-1"}),
        ("/it/find-a-store/", {"en": "/en/find-a-store/"}),
        ("/en/search/?q=olio", {"it": "/it/search/?q=olio"}),
    ],
)
def test_the_finder_and_search_pages_link_themselves_in_the_other_language(client, home, path, other):
    assert switcher(client.get(path).content.decode())[0] == other


# --- Cities ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Milan", "milan"), ("milano", "milan"), (" MILANO  ", "milan"), ("Torino", "turin"), ("München", "munich"),
     ("Munchen", "munich"), ("muenchen", "munich"), ("Monaco di Baviera", "munich"), ("Köln", "cologne"),
     ("Frankfurt am Main", "frankfurt"), ("new  york", "new-york"), ("東京", "tokyo"), ("Roma", "rome")],
)
def test_a_city_is_found_by_any_of_its_names(typed, key):
    assert find_city(typed).key == key


def test_an_unknown_city_is_not_found():
    assert find_city("Atlantis") is None and find_city("") is None and find_city(None) is None


def test_every_demo_store_s_city_is_in_the_table_near_the_store():
    for store in STORES:
        for name in (store.city_en, store.city_it, store.city):
            city = find_city(name)
            assert city is not None, name
            assert abs(city.latitude - float(store.latitude)) < 0.2 and abs(city.longitude - float(store.longitude)) < 0.2, name


def test_the_table_names_each_city_once():
    names = [normalized(name) for city in CITIES for name in set(city.names)]
    assert len(names) == len(set(names))


def test_city_names_in_the_page_s_language():
    assert city_name("Milano", "en") == "Milan" and city_name("Milan", "it") == "Milano"
    assert city_name("München", "it") == "Monaco di Baviera" and city_name("Timbuktu", "it") == "Timbuktu"


def test_the_finder_page_carries_the_cities_in_its_language(client, home):
    html = client.get("/it/find-a-store/").content.decode()
    cities = json.loads(re.search(r'<script id="finder-cities" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert cities == finder_cities("it")
    munich = next(city for city in cities if city["name"] == "Monaco di Baviera")
    assert {"munich", "munchen", "muenchen", "monaco di baviera"} <= set(munich["names"])
    assert '<option value="Torino"></option>' in html


def test_the_store_index_names_the_city_in_the_page_s_language(client, tokyo, store_index):
    StorePageFactory(parent=store_index, title="Milano Duomo", city="Milano")
    html = client.get(store_index.url).content.decode()
    assert "<br>Milan, Italy</li>" in html and "<br>Tokyo, Japan</li>" in html


def test_the_footer_is_in_the_page_s_language_where_it_has_one(client, tokyo, home):
    footer = FooterSettings.for_site(home.get_site())
    footer.columns = [{"type": "column", "id": "c", "value": {"title": "About us", "links": []}}]
    footer.contact_email = "help@shop.example"
    footer.legal_text = "<p>Shop Ltd.</p>"
    footer.translations.add(FooterTranslation(
        locale=Locale.objects.get(language_code="it"),
        columns=[{"type": "column", "id": "c", "value": {"title": "Chi siamo", "links": []}}],
        legal_text="<p>Shop S.r.l.</p>",
    ))
    footer.save()
    italian = client.get(live_translation(tokyo).url).content.decode()
    english = client.get(tokyo.url).content.decode()
    footer_of = lambda html: html[html.index('<footer class="site-footer">'):]  # noqa: E731
    assert "Chi siamo" in footer_of(italian) and "Shop S.r.l." in footer_of(italian)
    assert "About us" not in footer_of(italian) and "Shop Ltd." not in footer_of(italian)
    assert "About us" in footer_of(english) and "Shop Ltd." in footer_of(english)
    assert "help@shop.example" in footer_of(italian)  # the site's contacts in every language
