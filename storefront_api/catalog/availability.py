"""Product.availability: nearby stores with the product, computed for a whole list of
products at once (one store search per point, one stock query for the list)."""

from django.db.models import prefetch_related_objects
from django.utils import timezone

from cms.catalog.availability import availability_in, stocked_nearby
from cms.stores.listing import InvalidStoreFilter
from storefront_api.core.errors import BadArgument
from storefront_api.pages.batches import batch_of
from storefront_api.settings import api_setting
from storefront_api.stores.errors import bad_store_argument
from storefront_api.stores.loaders import expect_stores

from .loaders import NearbyStoresLoader, stock_of

def product_availability(info, product, near, radius_km, first):
    if first < 1 or first > api_setting("MAX_PAGE_SIZE"):
        raise BadArgument(f"`first` must be between 1 and {api_setting('MAX_PAGE_SIZE')}.", field="first")
    key = (near.latitude, near.longitude, radius_km, product.locale_id)
    try:
        nearby = NearbyStoresLoader.for_request(info.context).load(key)
    except InvalidStoreFilter as error:
        raise bad_store_argument(error) from None
    batch = batch_of(info.context, product)
    stock = stock_of(info.context, [store for store, _km in nearby], [other.sku for other in batch])

    def stocked(sku):
        levels = {(store.translation_key, sku): stock.load((store.translation_key, sku)) for store, _km in nearby}
        return stocked_nearby(nearby, sku, {key: level for key, level in levels.items() if level}, limit=first)

    # Hours and services only of the stores shown, for every product of the list at once
    # (already prefetched stores are skipped, so later products of the list cost nothing).
    shown = {store.pk: store for other in batch for store, _km, _level in stocked(other.sku)}
    prefetch_related_objects(list(shown.values()), "opening_hours", "hours_exceptions", "services")
    expect_stores(info.context, list(shown.values()))
    return availability_in(stocked(product.sku), timezone.now())
