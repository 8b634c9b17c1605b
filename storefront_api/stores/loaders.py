"""Loaders for the fields of store pages, keyed by store id (or by the store page itself
when the store's language matters). Stores resolved together form a batch (see
storefront_api/pages/batches.py): each field loads for the whole batch at its first use.
Hours, exceptions and the gallery are rows of the store page (its surrogate key covers
them); a store's services depend on the services of every language (its own, or the linked
one when its language has no translation)."""

from django.conf import settings

from cms.publishing import surrogate_keys
from cms.stores.listing import services_by_store
from cms.stores.models import Service, StoreGalleryImage, StoreHoursException, StoreOpeningHours
from storefront_api.core.loaders import ListLoader
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.pages.batches import remember_batch


def _rows_by_store(rows):
    found = {}
    for row in rows:
        found.setdefault(row.store_id, []).append(row)
    return found


class OpeningHoursByStoreIdLoader(ListLoader):
    def batch_load(self, keys):
        return _rows_by_store(StoreOpeningHours.objects.filter(store_id__in=keys))


class HoursExceptionsByStoreIdLoader(ListLoader):
    """Every exception of each store, past ones too."""

    def batch_load(self, keys):
        return _rows_by_store(StoreHoursException.objects.filter(store_id__in=keys))


class GalleryImagesByStoreIdLoader(ListLoader):
    def batch_load(self, keys):
        rows = _rows_by_store(StoreGalleryImage.objects.filter(store_id__in=keys).order_by("sort_order", "pk"))
        ImageByIdLoader.for_request(self.context).expect(row.image_id for images in rows.values() for row in images)
        return rows


class ServicesByStoreLoader(ListLoader):
    """Keyed by the store page: services are shown in the store's language."""

    def batch_load(self, keys):
        record_service_lists()  # a store shows a linked service when its language has none
        return services_by_store(keys)


def record_service_lists():
    """The response depends on which services are published, in any language (codes are shared)."""
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    surrogate_keys.record_all(surrogate_keys.snippet_list(Service, language) for language in languages)


def expect_stores(context, stores):
    """Record ``stores`` (None allowed) as resolved together; returns them as a list."""
    return remember_batch(context, [store for store in stores if store is not None])
