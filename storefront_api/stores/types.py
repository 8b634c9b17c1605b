"""GraphQL types of the stores domain: the store index and store pages with typed address,
position, opening hours, exceptions, services, gallery and current offers.

The rules (which stores shoppers see, filters, upcoming exceptions, localized services)
live in cms/stores; these types only adapt them.
"""

import graphene
from django.utils import timezone

from cms.catalog.availability import stock_band
from cms.stores import models
from cms.stores.hours import (
    in_date_order,
    in_week_order,
    is_open,
    next_closing,
    next_opening,
    schedule_from_rows,
    upcoming_exceptions,
)
from cms.stores.finder import find_stores
from cms.stores.listing import InvalidStoreFilter, StoreFilter, localized_services, shopper_stores
from storefront_api.core.connections import CountableConnection, connection_args, paginate
from storefront_api.catalog.loaders import ProductBySkuLoader, stock_of
from storefront_api.catalog.types import StockBandEnum, StoreStock
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import LocaleByIdLoader
from storefront_api.core.qr import qr_code_url_field
from storefront_api.core.scalars import Country, GeoPointInput, content_html, country_value
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.images.types import Image
from storefront_api.offers.loaders import CurrentOffersByStoreLoader
from storefront_api.pages.batches import batch_of, is_preview, load_for_batch, related_for_batch
from storefront_api.pages.context import record_page_list, requesting_site
from storefront_api.pages.interface import Page
from storefront_api.pages.registry import page_type
from storefront_api.settings import api_setting

from .errors import bad_store_argument
from .loaders import (
    GalleryImagesByStoreIdLoader,
    HoursExceptionsByStoreIdLoader,
    OpeningHoursByStoreIdLoader,
    ServicesByStoreLoader,
    expect_stores,
    record_service_lists,
)


class Weekday(graphene.Enum):
    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


class Address(graphene.ObjectType):
    street = graphene.String(required=True)
    extra = graphene.String(required=True, description="Mall, floor or unit; empty when not needed.")
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True)
    region = graphene.String(required=True, description="State, province or county; empty when not used.")
    country = graphene.Field(Country, required=True)

    @staticmethod
    def resolve_street(store, info):
        return store.street_address

    @staticmethod
    def resolve_extra(store, info):
        return store.address_extra

    @staticmethod
    def resolve_country(store, info):
        return country_value(store.country, LocaleByIdLoader.language_code(info.context, store.locale_id))


class GeoPoint(graphene.ObjectType):
    latitude = graphene.Float(required=True, description="Degrees, -90 to 90.")
    longitude = graphene.Float(required=True, description="Degrees, -180 to 180.")


class OpeningHoursInterval(graphene.ObjectType):
    """Weekly hours, in the store's time zone. A day may have several intervals."""

    weekday = graphene.Field(Weekday, required=True, description="The day the interval starts.")
    opens = graphene.Time(required=True)
    closes = graphene.Time(required=True)
    closes_next_day = graphene.Boolean(required=True, description="True when it closes after midnight.")


class OpeningHoursException(graphene.ObjectType):
    """Hours of one date that replace the weekly hours (a holiday, late-night shopping)."""

    date = graphene.Date(required=True)
    label = graphene.String(required=True, description="E.g. Christmas Eve.")
    closed = graphene.Boolean(required=True, description="Closed all day; opens and closes are null.")
    opens = graphene.Time()
    closes = graphene.Time()
    closes_next_day = graphene.Boolean(required=True)


class Service(graphene.ObjectType):
    code = graphene.String(required=True, description="Stable identifier, the same in every language.")
    name = graphene.String(required=True)
    description = graphene.String(required=True)


class StoreGalleryImage(graphene.ObjectType):
    image = graphene.Field(Image, required=True)
    caption = graphene.String(required=True)

    @staticmethod
    def resolve_image(gallery_image, info):
        return ImageByIdLoader.for_request(info.context).load(gallery_image.image_id)


def _offer_type():
    from storefront_api.offers.types import Offer

    return Offer


@page_type(models.StorePage)
class StorePage(graphene.ObjectType):
    """A physical store."""

    class Meta:
        interfaces = (Page,)

    address = graphene.Field(Address, required=True)
    qr_code_url = qr_code_url_field("store")
    location = graphene.Field(GeoPoint, required=True)
    time_zone = graphene.String(required=True, description="IANA time zone of the store's hours, e.g. Europe/Rome.")
    phone = graphene.String(required=True, description="Empty when none.")
    email = graphene.String(required=True, description="Empty when none.")
    services = graphene.List(
        graphene.NonNull(Service), required=True, description="Published services, in the store's language."
    )
    opening_hours = graphene.List(graphene.NonNull(OpeningHoursInterval), required=True)
    hours_exceptions = graphene.List(
        graphene.NonNull(OpeningHoursException),
        required=True,
        include_past=graphene.Boolean(default_value=False, description="Also those dated before today."),
        description="By date; from today on (the store's today) unless `includePast`.",
    )
    is_open = graphene.Boolean(
        required=True,
        at=graphene.DateTime(description="An instant with a time zone; default: now."),
        description="Open at that instant, by the store's hours and exceptions in its own time zone.",
    )
    next_opening = graphene.DateTime(
        after=graphene.DateTime(description="Default: now."),
        description="When the store next opens (in its time zone), within two weeks; null when it does not.",
    )
    next_closing = graphene.DateTime(
        after=graphene.DateTime(description="Default: now."),
        description="When the current or next opening ends, within two weeks; null when it does not.",
    )
    stock = graphene.List(
        graphene.NonNull(StoreStock),
        required=True,
        skus=graphene.List(graphene.NonNull(graphene.String), required=True),
        description="The stock of these products in this store, in the order asked (at most 100 SKUs).",
    )
    distance_km = graphene.Float(
        description="Great-circle distance from the point a list was asked `near`; else null.",
        deprecation_reason="Use `distanceKm` on the edge (`StorePageEdge`, as on search results); removed in the next release.",
    )
    pickup_preparation_minutes = graphene.Int(required=True, description="Time to prepare a click & collect order.")
    parking_notes = graphene.String(required=True)
    accessibility_notes = graphene.String(required=True)
    store_message = graphene.String(required=True, description="HTML.")
    hero_image = graphene.Field(Image)
    gallery = graphene.List(graphene.NonNull(StoreGalleryImage), required=True)
    offers = graphene.List(
        graphene.NonNull(_offer_type), required=True, description="Published offers valid now in this store."
    )

    @staticmethod
    def resolve_address(store, info):
        return store

    @staticmethod
    def resolve_location(store, info):
        return GeoPoint(latitude=float(store.latitude), longitude=float(store.longitude))

    # Each field loads for every store of the batch at once; a previewed draft shows its
    # own (unsaved) hours, exceptions, gallery and services.

    @staticmethod
    def resolve_services(store, info):
        if is_preview(store, "services"):
            return localized_services({store: list(store.services.all())})[store]
        return load_for_batch(info, store, ServicesByStoreLoader, lambda other: other)

    @staticmethod
    def resolve_opening_hours(store, info):
        return in_week_order(related_for_batch(info, store, "opening_hours", OpeningHoursByStoreIdLoader))

    @staticmethod
    def resolve_hours_exceptions(store, info, include_past=False):
        exceptions = in_date_order(related_for_batch(info, store, "hours_exceptions", HoursExceptionsByStoreIdLoader))
        return exceptions if include_past else upcoming_exceptions(exceptions, store.time_zone)

    @staticmethod
    def resolve_distance_km(store, info):
        return rounded_distance_km(store)

    @staticmethod
    def resolve_is_open(store, info, at=None):
        return is_open(_schedule(info, store), _instant(at, "at"))

    @staticmethod
    def resolve_next_opening(store, info, after=None):
        return next_opening(_schedule(info, store), _instant(after, "after"))

    @staticmethod
    def resolve_next_closing(store, info, after=None):
        return next_closing(_schedule(info, store), _instant(after, "after"))

    @staticmethod
    def resolve_stock(store, info, skus):
        skus = list(dict.fromkeys(skus))
        if len(skus) > api_setting("MAX_PAGE_SIZE"):
            raise BadArgument(f"`skus` lists {len(skus)} products; ask for at most {api_setting('MAX_PAGE_SIZE')}.", field="skus")
        batch = batch_of(info.context, store)
        products = ProductBySkuLoader.for_request(info.context).prime(
            [(other.locale_id, sku) for other in batch for sku in skus]
        )
        unknown = [sku for sku in skus if products.load((store.locale_id, sku)) is None]
        if unknown:
            raise BadArgument(f"Unknown SKU: {', '.join(unknown)}.", field="skus")
        stock = stock_of(info.context, batch, skus)
        levels = [stock.load((store.translation_key, sku)) for sku in skus]
        return [
            StoreStock(
                sku=sku,
                product=products.load((store.locale_id, sku)),
                quantity=level.quantity if level else 0,
                band=stock_band(level.quantity if level else None),
                updated_at=level.source_updated_at if level else None,
            )
            for sku, level in zip(skus, levels)
        ]

    @staticmethod
    def resolve_store_message(store, info):
        return content_html(info, store, store.store_message)

    @staticmethod
    def resolve_hero_image(store, info):
        return load_for_batch(info, store, ImageByIdLoader, lambda other: other.hero_image_id)

    @staticmethod
    def resolve_gallery(store, info):
        return related_for_batch(info, store, "gallery_images", GalleryImagesByStoreIdLoader)

    @staticmethod
    def resolve_offers(store, info):
        return load_for_batch(info, store, CurrentOffersByStoreLoader, lambda other: other)


def _schedule(info, store):
    """The store's opening schedule from the hours and exceptions loaded for its batch."""
    weekly = related_for_batch(info, store, "opening_hours", OpeningHoursByStoreIdLoader)
    exceptions = related_for_batch(info, store, "hours_exceptions", HoursExceptionsByStoreIdLoader)
    return schedule_from_rows(store.time_zone, weekly, exceptions)


def _instant(value, argument):
    if value is None:
        return timezone.now()
    if timezone.is_naive(value):
        raise BadArgument(f"`{argument}` needs a time zone offset, e.g. 2026-12-24T18:00:00+01:00.", field=argument)
    return value


def rounded_distance_km(store):
    km = getattr(store, "distance_km", None)
    return None if km is None else round(km, 3)


class StorePageConnection(CountableConnection):
    class Meta:
        node = StorePage

    class Edge:
        distance_km = graphene.Float(
            description="Great-circle distance in km from the point the list was asked `near`; else null."
        )

        @staticmethod
        def resolve_distance_km(edge, info):
            return rounded_distance_km(edge.node)


def visible_stores(info, locale):
    """Store pages of the requesting site in ``locale`` that shoppers may see."""
    return shopper_stores(requesting_site(info), locale)


def record_store_list(info, locale):
    """The response lists stores of ``locale`` (or found none): any store published,
    changed or unpublished there may change it."""
    record_page_list(info, locale, models.StorePage)


DEFAULT_RADIUS_KM = 50.0

def store_list_arguments():
    """The arguments of every list of stores: filters, a point to search around, then pagination."""
    return {
        "country": graphene.String(description="ISO 3166 country code, e.g. IT."),
        "city": graphene.String(description="City name, ignoring case."),
        "services": graphene.List(
            graphene.NonNull(graphene.String), description="Service codes; a store must offer all of them."
        ),
        "near": GeoPointInput(description="Stores around this point, nearest first, with the edges' `distanceKm`."),
        "radius_km": graphene.Float(
            default_value=DEFAULT_RADIUS_KM, description="With `near`: how far to look, in km (great-circle)."
        ),
        "open_now": graphene.Boolean(description="Only stores open now, by their hours in their own time zone."),
        "open_at": graphene.DateTime(description="Only stores open at this instant (with a time zone offset)."),
        **connection_args(),
    }


def store_connection(
    info, stores, country=None, city=None, services=None, near=None, radius_km=DEFAULT_RADIUS_KM,
    open_now=None, open_at=None, **page
):
    """A page of ``stores`` (a StorePage queryset) as found with the store list arguments."""
    if open_now and open_at is not None:
        raise BadArgument("Give `openNow` or `openAt`, not both.", field="openAt")
    if services:  # which services exist, in any language
        record_service_lists()
    moment = timezone.now() if open_now else (_instant(open_at, "openAt") if open_at is not None else None)
    store_filter = StoreFilter(country=country, city=city, services=tuple(services or ()))
    try:
        found = find_stores(stores, store_filter, near=near, radius_km=radius_km, open_moment=moment)
    except InvalidStoreFilter as error:
        raise bad_store_argument(error) from None
    return paginate(
        StorePageConnection,
        found,
        after_slice=lambda items: expect_stores(info.context, items),
        count_in_page=near is not None,  # ordered by distance: every store in the radius is read anyway
        **page,
    )


@page_type(models.StoreIndexPage)
class StoreIndexPage(graphene.ObjectType):
    """The page that lists the stores below it."""

    class Meta:
        interfaces = (Page,)

    intro = graphene.String(required=True, description="HTML.")
    stores = graphene.Field(
        StorePageConnection, required=True, **store_list_arguments(), description="Its stores, by name."
    )

    @staticmethod
    def resolve_intro(page, info):
        return content_html(info, page, page.intro)

    @staticmethod
    def resolve_stores(page, info, **arguments):
        record_store_list(info, page.locale)
        return store_connection(info, visible_stores(info, page.locale).child_of(page), **arguments)


class StoreAvailability(graphene.ObjectType):
    """A store near the shopper that has the product."""

    store = graphene.Field(StorePage, required=True)
    distance_km = graphene.Float(required=True)
    quantity = graphene.Int(required=True)
    band = graphene.Field(StockBandEnum, required=True)
    click_and_collect = graphene.Boolean(required=True, description="The store offers click & collect.")
    pickup_estimate = graphene.DateTime(
        description="When an order placed now could be collected (click & collect stores only), in the store's time zone."
    )

    @staticmethod
    def resolve_distance_km(availability, info):
        return round(availability.distance_km, 3)
