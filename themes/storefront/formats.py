"""How the storefront writes dates, times, weekdays and prices: in the page's language, by
CLDR's formats (Babel), the same data the pages' scripts read through the browser's ``Intl``,
so a time written by the server and one written by store_finder.js look alike.

A moment is written in the time zone it is given in: a store's times are passed in the
store's zone (``cms.stores.hours`` returns them so), never converted to the server's or the
shopper's. Wall-clock times (a store's weekly hours) have no zone and are written as entered.

Every function takes the language (``en``, ``it``, ``en-us``); by default Django's active one.
"""

import datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    format_time,
    get_datetime_format,
    get_day_names,
)
from babel.numbers import format_currency, format_decimal
from django.conf import settings
from django.utils import timezone, translation


@lru_cache(maxsize=32)
def _locale(language):
    return Locale.parse(translation.to_locale(language))


def babel_locale(language=None):
    """The Babel locale of ``language`` or of the active language."""
    return _locale(language or translation.get_language() or settings.LANGUAGE_CODE)


def _zone(zone):
    if zone is None or zone == "":
        return timezone.get_current_timezone()
    return ZoneInfo(zone) if isinstance(zone, str) else zone


def in_zone(moment, zone=None):
    """An aware datetime as seen in ``zone`` (a ZoneInfo or an IANA name; default: Django's
    current time zone)."""
    return moment.astimezone(_zone(zone))


def time_of_day(value, zone=None, language=None):
    """"8:00 PM" / "20:00": a wall-clock ``time`` as entered, or an aware datetime in ``zone``
    (default: the zone it carries)."""
    if isinstance(value, datetime.datetime):
        value = in_zone(value, zone or value.tzinfo)
    return format_time(value, "short", locale=babel_locale(language))


def date_time_pattern(language=None):
    """How the language joins a date and a time: ``"{date}, {time}"`` in English and Italian
    (CLDR's medium date-time pattern). The pages' scripts get it too (``page_formats``)."""
    pattern = get_datetime_format("medium", locale=babel_locale(language)).replace("'", "")
    return pattern.replace("{1}", "{date}").replace("{0}", "{time}")


def day_and_time(moment, zone=None, language=None):
    """"Thu, Dec 3, 10:00 AM" / "gio 3 dic, 09:30": an aware datetime in ``zone`` (default:
    the zone it carries), with its weekday."""
    moment = in_zone(moment, zone or moment.tzinfo)
    locale = babel_locale(language)
    day = format_skeleton("MMMEd", moment, locale=locale)
    time = format_time(moment, "short", locale=locale)
    return date_time_pattern(language).replace("{date}", day).replace("{time}", time)


def calendar_date(value, zone=None, language=None, style="medium"):
    """"Dec 31, 2026" / "31 dic 2026" (``style="long"``: "December 31, 2026" / "31 dicembre
    2026"): a ``date``, or the date of an aware datetime in ``zone`` (default: Django's current
    time zone)."""
    if isinstance(value, datetime.datetime):
        value = in_zone(value, zone).date()
    return format_date(value, style, locale=babel_locale(language))


def weekday_name(weekday, language=None):
    """"Monday" / "lunedì" for ``weekday`` 0 (Monday) to 6."""
    return get_day_names("wide", context="format", locale=babel_locale(language))[weekday]


def hours_range(opens, closes, closes_next_day=False, language=None):
    """"10:00 AM – 8:00 PM" / "10:00–20:00": an opening interval of wall-clock times, by the
    language's own range pattern and 12- or 24-hour clock. One that closes the next day has
    each end written in full ("10:00 AM – 2:00 AM"), never shortened as one morning."""
    locale = babel_locale(language)
    if closes_next_day:
        pattern = locale.interval_formats[None]
        return pattern.replace("{0}", time_of_day(opens, language=language)).replace("{1}", time_of_day(closes, language=language))
    skeleton = "hm" if "h" in locale.time_formats["short"].pattern else "Hm"
    return format_interval(opens, closes, skeleton, locale=locale)


def price(amount, currency, language=None, whole=False):
    """"€29.90" / "29,90 €". With ``whole``, a whole amount has no decimals ("€50")."""
    locale = babel_locale(language)
    amount = Decimal(str(amount))
    if whole and amount == amount.to_integral_value():
        pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(amount, currency, format=pattern, currency_digits=False, locale=locale)
    return format_currency(amount, currency, locale=locale)


def number(value, language=None):
    """"1,234.5" / "1.234,5"."""
    return format_decimal(value, locale=babel_locale(language))
