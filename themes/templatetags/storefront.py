"""The storefront's template tags: a store's status and hours (by the rules of
``cms.stores.hours``), the language switcher, and filters that write dates, times and prices
in the page's language (``themes.storefront.formats``)."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cms.offers.listing import current_offers_by_store, offer_time_zone, validity_days
from cms.policies.listing import market_currency
from cms.stores.cities import city_name as localized_city_name
from cms.stores.hours import (
    in_date_order,
    in_week_order,
    is_open,
    next_closing,
    next_opening,
    schedule_for_store,
    upcoming_exceptions,
)
from themes.storefront import formats
from themes.storefront.languages import language_links as links_for_request

register = template.Library()


@register.simple_tag
def store_status(store, moment=None):
    """Open now, next opening/closing (aware datetimes in the store's time zone), the week's
    hours day by day, upcoming exceptions and current offers of a store page, by the same
    rules the API uses."""
    moment = moment or timezone.now()
    schedule = schedule_for_store(store)
    opening, closing = next_opening(schedule, moment), next_closing(schedule, moment)
    offers = current_offers_by_store([store], moment)[store] if store.pk else []
    return {
        "open_now": is_open(schedule, moment),
        "next_opening": opening and opening.astimezone(schedule.zone),
        "next_closing": closing and closing.astimezone(schedule.zone),
        "week": week_by_day(store.opening_hours.all()),
        "exceptions": upcoming_exceptions(in_date_order(store.hours_exceptions.all()), store.time_zone, moment),
        "offers": offers,
    }


def week_by_day(hours):
    """``[{"weekday": 0–6, "intervals": [rows]}]`` for Monday to Sunday; a day without rows
    has no intervals (closed)."""
    rows = in_week_order(hours)
    return [{"weekday": day, "intervals": [row for row in rows if row.weekday == day]} for day in range(7)]


@register.simple_tag
def offer_days(offer, zone=""):
    """``(first day, last day or None)`` an offer can be used, in ``zone`` (the store page's)
    or, elsewhere, in the zone of the stores it applies in (``cms.offers.listing``)."""
    return validity_days(offer, zone or offer_time_zone(offer))


@register.simple_tag(takes_context=True)
def language_links(context):
    """The switcher's links: this page in each other language (see ``languages.py``)."""
    return links_for_request(context.get("request"), context.get("page"))


# --- dates, times and prices in the page's language -----------------------------------------

TIME_ELEMENT_FORMATS = {
    "time": formats.time_of_day,
    "day_and_time": formats.day_and_time,
    "date": formats.calendar_date,
    "long_date": lambda value: formats.calendar_date(value, style="long"),
}


@register.simple_tag
def time_element(value, kind="date"):
    """``<time datetime="2026-12-03T10:00:00+09:00">Thu, Dec 3, 10:00 AM</time>``: a moment (in
    the zone it carries) or a date written as ``kind`` (time, day_and_time, date or long_date)
    for shoppers, with its ISO form for machines."""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), TIME_ELEMENT_FORMATS[kind](value))


@register.simple_tag
def page_formats():
    """What api.js needs besides Intl to write like the server: how a date and a time join."""
    return {"dateTime": formats.date_time_pattern()}


@register.filter
def weekday_name(weekday):
    """``{{ 0|weekday_name }}``: "Monday" / "lunedì"."""
    return formats.weekday_name(int(weekday))


@register.filter
def hours_range(interval):
    """``{{ row|hours_range }}`` of a row with ``opens`` and ``closes``: "10:00 AM – 8:00 PM" /
    "10:00–20:00"."""
    return formats.hours_range(interval.opens, interval.closes, interval.closes_next_day)


@register.filter
def price(amount, currency):
    """``{{ product.price|price:product.currency }}``: "€29.90" / "29,90 €"."""
    return formats.price(amount, currency) if amount is not None else ""


@register.filter
def market_price(amount, market):
    """``{{ method.fee|market_price:page.market }}``: a price in the market's currency, or the
    bare number for a market without a known currency."""
    currency = market_currency(market)
    return formats.price(amount, currency) if currency else formats.number(amount)


@register.filter
def budget(amount, currency):
    """``{{ page.budget_max|budget:page.budget_currency }}``: a price, without decimals when
    whole ("€50" / "50 €")."""
    return formats.price(amount, currency, whole=True) if amount is not None else ""


@register.filter
def number(value):
    """``{{ count|number }}``: "1,234" / "1.234"."""
    return formats.number(value)


@register.filter
def city_name(name):
    """``{{ store.city|city_name }}``: the city's name in the page's language when the city
    table knows it ("Milano" is "Milan" on an English page), else as written."""
    return localized_city_name(name)


@register.simple_tag
def near_you_labels():
    """Words near_you.js shows on a gift guide's product cards."""
    return {
        "IN_STOCK": _("In stock nearby"),
        "LOW_STOCK": _("Low stock nearby"),
        "none": _("Not in stock in a store near you"),
        "done": _("Availability near you is shown on each gift."),
        "noStores": _("No store within 50 km of you."),
        "noLocation": _("Your browser did not share a location."),
        "nearest": _("{band} · {store} ({distance})"),
    }
