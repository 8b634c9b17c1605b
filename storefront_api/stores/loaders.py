"""Loaders for the fields of store pages, keyed by store id (or by the store page itself
when the store's language matters), expected in bulk for a page of stores."""

from cms.stores.listing import services_by_store
from cms.stores.models import StoreGalleryImage, StoreHoursException, StoreOpeningHours
from storefront_api.core.loaders import ListLoader
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.offers.loaders import CurrentOffersByStoreLoader


def _rows_by_store(rows):
    found = {}
    for row in rows:
        found.setdefault(row.store_id, []).append(row)
    return found


class OpeningHoursByStoreIdLoader(ListLoader):
    def batch_load(self, keys):
        return _rows_by_store(StoreOpeningHours.objects.filter(store_id__in=keys).order_by("weekday", "opens", "pk"))


class HoursExceptionsByStoreIdLoader(ListLoader):
    """Every exception of each store, past ones too, by date."""

    def batch_load(self, keys):
        return _rows_by_store(StoreHoursException.objects.filter(store_id__in=keys).order_by("date", "opens", "pk"))


class GalleryImagesByStoreIdLoader(ListLoader):
    def batch_load(self, keys):
        rows = _rows_by_store(StoreGalleryImage.objects.filter(store_id__in=keys).order_by("sort_order", "pk"))
        ImageByIdLoader.for_request(self.context).expect(row.image_id for images in rows.values() for row in images)
        return rows


class ServicesByStoreLoader(ListLoader):
    """Keyed by the store page: services are shown in the store's language."""

    def batch_load(self, keys):
        return services_by_store(keys)


def expect_stores(context, stores):
    """Make the fields of ``stores`` load in bulk, each on first use: one batch per field
    for the whole list, nothing for fields the query does not ask for."""
    stores = [store for store in stores if store is not None]
    ids = [store.pk for store in stores]
    for loader in (OpeningHoursByStoreIdLoader, HoursExceptionsByStoreIdLoader, GalleryImagesByStoreIdLoader):
        loader.for_request(context).expect(ids)
    for loader in (ServicesByStoreLoader, CurrentOffersByStoreLoader):
        loader.for_request(context).expect(stores)
    ImageByIdLoader.for_request(context).expect(store.hero_image_id for store in stores)
    return stores
