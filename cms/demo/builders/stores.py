"""Store services (snippets) and store pages with hours, exceptions and services."""

import datetime
from decimal import Decimal

from django.utils.text import slugify

from cms.demo.data import BRAND
from cms.demo.data.stores import (
    ACCESSIBILITY_BY_KIND,
    EXCEPTIONS_BY_COUNTRY,
    EXCEPTIONS_BY_HOURS,
    HOURS,
    MESSAGE_BY_KIND,
    PARKING_BY_COUNTRY,
    PARKING_CURBSIDE,
    PARKING_MALL,
    PICKUP_MINUTES_BY_KIND,
    SERVICES,
    SERVICES_BY_KIND,
    STORES,
    TRANSIT_MODES,
)
from cms.demo.images import ImageSpec
from cms.stores.models import Service, StoreGalleryImage, StoreHoursException, StoreOpeningHours, StorePage

from .base import ensure_page, ensure_page_translation, snippet_translation

LANGUAGE_INDEX = {"en": 0, "it": 1}
COUNTRY_PALETTES = {"IT": "terracotta", "GB": "ink", "DE": "stone", "FR": "rose", "US": "lake", "JP": "sage"}
KIND_MOTIFS = {"flagship": "arches", "city": "stripes", "late": "dots", "mall": "circles", "bottega": "arches"}
# Interior pictures shared by every store's gallery: (title, (English, Italian caption), palette, motif).
GALLERY = [
    ("Store interior: the pantry counter",
     ("The pantry counter, where you can taste our oils.", "Il banco della dispensa, dove assaggiare i nostri oli."),
     "wheat", "circles"),
    ("Store interior: the kitchen wall",
     ("Pans and tools on the kitchen wall.", "Pentole e utensili sulla parete della cucina."),
     "stone", "stripes"),
    ("Store interior: the wrapping desk",
     ("The wrapping desk, where gifts are wrapped by hand.", "Il banco dei pacchetti, dove i regali si incartano a mano."),
     "berry", "dots"),
]


def build_services(context):
    context.report.step("Store services")
    existing = {(service.code, service.locale_id): service for service in Service.objects.all()}
    for data in SERVICES:
        code = data["code"]
        english = existing.get((code, context.en.pk))
        if english is None:
            name, description = data["en"]
            english = Service(code=code, name=name, description=description, locale=context.en, live=True)
            english.save()
            context.report.count("services", created=1)
        else:
            context.report.count("services", existing=1)
        italian = existing.get((code, context.it.pk))
        if italian is None:
            name, description = data["it"]
            italian = snippet_translation(context, english, {"name": name, "description": description})
            italian.save()
            context.report.count("services", created=1)
        else:
            context.report.count("services", existing=1)
        context.services[(code, "en")] = english
        context.services[(code, "it")] = italian
    context.report.done("services")


def build_stores(context):
    context.report.step(f"Store pages ({len(STORES)} stores, English and Italian)")
    gallery = [
        context.images.get(ImageSpec(title=title, description=captions[0], palette=palette, motif=motif))
        for title, captions, palette, motif in GALLERY
    ]
    for data in STORES:
        page, _ = ensure_page(
            context, "store pages", context.store_index["en"], StorePage, slugify(data.title_en),
            lambda data=data: _store_fields(context, data, gallery),
        )
        translation, _ = ensure_page_translation(
            context, "store pages", page, slugify(data.title_it),
            lambda data=data: _translated_fields(context, data, gallery),
        )
        context.stores[data.title_en] = {"en": page, "it": translation, "data": data}
    context.report.done("store pages")


def service_codes(data):
    codes = [code for code in SERVICES_BY_KIND[data.kind] if code not in data.remove_services]
    return codes + [code for code in data.add_services if code not in codes]


def _store_fields(context, data, gallery):
    hero = context.images.get(
        ImageSpec(
            title=f"{BRAND} {data.title_en} store",
            description=f"The {BRAND} store in {data.city_en}, {data.area}",
            palette=COUNTRY_PALETTES[data.country],
            motif=KIND_MOTIFS[data.kind],
            caption=data.title_en,
        )
    )
    return {
        "title": data.title_en,
        "seo_title": f"{BRAND} {data.title_en}",
        "search_description": f"Opening hours, services and directions for {BRAND} {data.title_en}.",
        "hero_image": hero,
        "street_address": data.street_address,
        "address_extra": data.address_extra,
        "postal_code": data.postal_code,
        "city": data.city,
        "region": data.region,
        "country": data.country,
        "latitude": Decimal(data.latitude),
        "longitude": Decimal(data.longitude),
        "time_zone": data.time_zone,
        "phone": data.phone,
        "email": data.email,
        "pickup_preparation_minutes": data.pickup_minutes or PICKUP_MINUTES_BY_KIND[data.kind],
        "opening_hours": _opening_hours(data),
        **_language_fields(context, data, gallery, "en"),
    }


def _translated_fields(context, data, gallery):
    return {
        "title": data.title_it,
        "seo_title": f"{BRAND} {data.title_it}",
        "search_description": f"Orari, servizi e indicazioni per {BRAND} {data.title_it}.",
        **_language_fields(context, data, gallery, "it"),
    }


def _language_fields(context, data, gallery, language):
    """The fields whose text differs between English and Italian."""
    position = LANGUAGE_INDEX[language]
    codes = service_codes(data)
    mode, stop = data.transit
    transit = f"{TRANSIT_MODES[mode][position]} {stop}"
    if data.kind == "mall":
        parking = PARKING_MALL[position]
    else:
        parking = PARKING_BY_COUNTRY[data.country][position]
        if "curbside-pickup" in codes:
            parking += PARKING_CURBSIDE[position]
    city_name = data.city_en if language == "en" else data.city_it
    return {
        "store_message": MESSAGE_BY_KIND[data.kind][position].format(city=city_name),
        "parking_notes": parking.format(transit=transit),
        "accessibility_notes": ACCESSIBILITY_BY_KIND[data.kind][position],
        "services": [context.services[(code, language)] for code in codes],
        "hours_exceptions": _exceptions(data, position),
        "gallery_images": [
            StoreGalleryImage(image=image, caption=GALLERY[index][1][position], sort_order=index)
            for index, image in enumerate(gallery)
        ],
    }


def _time(value):
    return datetime.time.fromisoformat(value)


def _opening_hours(data):
    rows = []
    for interval in HOURS[data.hours]:
        weekdays, opens, closes, *rest = interval
        for weekday in weekdays:
            rows.append((weekday, _time(opens), _time(closes), bool(rest and rest[0])))
    rows.sort()
    return [
        StoreOpeningHours(weekday=weekday, opens=opens, closes=closes, closes_next_day=next_day, sort_order=index)
        for index, (weekday, opens, closes, next_day) in enumerate(rows)
    ]


def store_exceptions(data):
    """(date, English label, Italian label, hours or None): the country's holidays, with
    the store's own hours where they differ (the later entry for a date wins)."""
    by_date = {}
    for entry in (
        EXCEPTIONS_BY_COUNTRY[data.country] + EXCEPTIONS_BY_HOURS.get(data.hours, []) + list(data.extra_exceptions)
    ):
        by_date[entry[0]] = entry
    return [by_date[date] for date in sorted(by_date)]


def _exceptions(data, position):
    rows = []
    for index, (date, label_en, label_it, hours) in enumerate(store_exceptions(data)):
        row = StoreHoursException(
            date=datetime.date.fromisoformat(date), label=(label_en, label_it)[position], sort_order=index
        )
        if hours is None:
            row.closed = True
        else:
            opens, closes, *rest = hours
            row.opens, row.closes, row.closes_next_day = _time(opens), _time(closes), bool(rest and rest[0])
        rows.append(row)
    return rows
