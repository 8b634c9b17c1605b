"""Which stores shoppers see, how store lists are filtered and ordered, and the services
of many stores at once."""

from dataclasses import dataclass

from django_countries import countries

from cms.core.visibility import shopper_pages

from .models import Service, StorePage


class InvalidStoreFilter(ValueError):
    """A filter value that cannot be applied; ``field`` names the filter."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class StoreFilter:
    """What a list of stores is narrowed by. Every field is optional.

    The store locator adds its own criteria (a point and radius, open now) next to these.
    """

    country: str | None = None
    city: str | None = None
    services: tuple[str, ...] = ()


def shopper_stores(site, locale):
    """Store pages of ``site`` in ``locale`` that shoppers may see."""
    return shopper_pages(site, locale, model=StorePage)


def live_service_codes(codes):
    """Those of ``codes`` that name a published service (in any language: codes are shared)."""
    return set(Service.objects.filter(live=True, code__in=codes).values_list("code", flat=True))


def _country_code(value):
    code = value.strip().upper()
    if code not in countries:
        raise InvalidStoreFilter("country", f"`country` {value!r} is not an ISO 3166 country code, e.g. IT.")
    return code


def _with_service(stores, code):
    links = StorePage.services.through.objects.filter(service__code=code, service__live=True)
    return stores.filter(pk__in=links.values("storepage_id"))


def filter_stores(stores, store_filter):
    """``stores`` (a StorePage queryset) narrowed by ``store_filter``; a store must offer every
    service asked for. Raises InvalidStoreFilter naming the filter that cannot be applied."""
    if store_filter.country:
        stores = stores.filter(country=_country_code(store_filter.country))
    if store_filter.city:
        stores = stores.filter(city__iexact=store_filter.city.strip())
    codes = list(dict.fromkeys(store_filter.services))
    known = live_service_codes(codes) if codes else set()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise InvalidStoreFilter("services", f"`services`: no service with code {', '.join(map(repr, unknown))}.")
    for code in codes:
        stores = _with_service(stores, code)
    return stores


def order_stores(stores):
    """The order of a store list without a point to measure from: by name."""
    return stores.order_by("title", "pk")


def localized_services(linked_by_store):
    """``{store: [Service]}`` from ``{store: [the services it links to]}``: each store's
    published services in the store's language — the translation when one is published,
    else the linked service if it is published — by name. One query."""
    keys = {service.translation_key for services in linked_by_store.values() for service in services}
    translations = {
        (service.translation_key, service.locale_id): service
        for service in Service.objects.filter(
            live=True, translation_key__in=keys, locale_id__in={store.locale_id for store in linked_by_store}
        )
    }
    found = {}
    for store, linked in linked_by_store.items():
        shown = {}
        for service in linked:
            localized = translations.get((service.translation_key, store.locale_id))
            if localized is None and service.live:
                localized = service
            if localized is not None:
                shown.setdefault(service.translation_key, localized)
        found[store] = sorted(shown.values(), key=lambda service: (service.name.casefold(), service.pk))
    return found


def services_by_store(stores):
    """``localized_services`` of the services each of ``stores`` links to in the database.
    Two queries for any number of stores."""
    stores = list(stores)
    linked = {}
    for link in StorePage.services.through.objects.filter(storepage__in=stores).select_related("service"):
        linked.setdefault(link.storepage_id, []).append(link.service)
    return localized_services({store: linked.get(store.pk, []) for store in stores})
