"""Dates, times, weekdays and prices as the storefront writes them: CLDR's formats for the
page's language, a moment in the zone it is given in (a store's), never the server's (UTC)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from themes.storefront import formats

TOKYO, ROME = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/Rome")
NNBSP, THIN = "\u202f", "\u2009"  # CLDR's narrow no-break space (before AM/PM) and thin space (around ranges)
# 20:00 in Tokyo is 11:00 UTC: what the store page used to say.
TOKYO_EVENING = datetime.datetime(2026, 12, 3, 20, tzinfo=TOKYO)


@pytest.mark.parametrize(("language", "expected"), [("en", f"8:00{NNBSP}PM"), ("it", "20:00")])
def test_a_moment_is_written_in_the_zone_it_carries(language, expected):
    assert formats.time_of_day(TOKYO_EVENING, language=language) == expected
    assert formats.time_of_day(TOKYO_EVENING.astimezone(datetime.UTC), zone="Asia/Tokyo", language=language) == expected


def test_the_active_language_is_the_default():
    with translation.override("it"):
        assert formats.time_of_day(datetime.time(9, 30)) == "09:30"
    with translation.override("en"):
        assert formats.time_of_day(datetime.time(9, 30)) == f"9:30{NNBSP}AM"


@pytest.mark.parametrize(
    ("language", "expected"), [("en", f"Thu, Dec 3, 8:00{NNBSP}PM"), ("it", "gio 3 dic, 20:00")]
)
def test_day_and_time(language, expected):
    assert formats.day_and_time(TOKYO_EVENING.astimezone(datetime.UTC), "Asia/Tokyo", language) == expected
    assert formats.date_time_pattern(language) == "{date}, {time}"


def test_a_date_of_a_moment_is_the_date_in_the_zone_asked_for():
    rome_midnight = datetime.datetime(2026, 12, 1, tzinfo=ROME)
    assert formats.calendar_date(rome_midnight, "Asia/Tokyo", "en") == "Dec 1, 2026"
    assert formats.calendar_date(rome_midnight, "UTC", "en") == "Nov 30, 2026"
    assert formats.calendar_date(datetime.date(2026, 12, 31), language="it") == "31 dic 2026"
    assert formats.calendar_date(datetime.date(2026, 1, 1), language="it", style="long") == "1 gennaio 2026"
    assert formats.calendar_date(datetime.date(2026, 1, 1), language="en", style="long") == "January 1, 2026"


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
        ("it", ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]),
    ],
)
def test_weekday_names(language, names):
    assert [formats.weekday_name(day, language) for day in range(7)] == names


@pytest.mark.parametrize(
    ("language", "same_day", "past_midnight"),
    [
        ("en", f"9:30{NNBSP}AM{THIN}–{THIN}1:00{NNBSP}PM", f"10:00{NNBSP}AM{THIN}–{THIN}2:00{NNBSP}AM"),
        ("it", "09:30–13:00", f"10:00{THIN}–{THIN}02:00"),
    ],
)
def test_opening_hours_ranges(language, same_day, past_midnight):
    assert formats.hours_range(datetime.time(9, 30), datetime.time(13), language=language) == same_day
    # Both ends in full: "10:00 – 2:00 AM" would read as one morning.
    assert formats.hours_range(datetime.time(10), datetime.time(2), closes_next_day=True, language=language) == past_midnight


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        (Decimal("29.9"), "EUR", "en", "€29.90"),
        (Decimal("29.9"), "EUR", "it", "29,90\xa0€"),
        (Decimal("1234.5"), "USD", "it", "1.234,50\xa0USD"),
        ("3500", "JPY", "en", "¥3,500"),
    ],
)
def test_prices(amount, currency, language, expected):
    assert formats.price(amount, currency, language) == expected


def test_a_whole_budget_has_no_decimals():
    assert formats.price(Decimal("50.00"), "EUR", "it", whole=True) == "50\xa0€"
    assert formats.price(Decimal("50"), "EUR", "en", whole=True) == "€50"
    assert formats.price(Decimal("49.5"), "EUR", "en", whole=True) == "€49.50"
