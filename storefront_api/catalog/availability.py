"""Product.availability: nearby stores with the product, computed for a whole list of
products at once (one store search per point, one stock query for the list)."""

from django.utils import timezone

from cms.catalog.availability import availability_in
from cms.stores.listing import InvalidStoreFilter
from storefront_api.core.errors import BadArgument
from storefront_api.pages.batches import batch_of
from storefront_api.settings import api_setting
from storefront_api.stores.errors import bad_store_argument
from storefront_api.stores.loaders import expect_stores

from .loaders import NearbyStoresLoader, StockByStoreAndSkuLoader

def product_availability(info, product, near, radius_km, first):
    if first < 1 or first > api_setting("MAX_PAGE_SIZE"):
        raise BadArgument(f"`first` must be between 1 and {api_setting('MAX_PAGE_SIZE')}.", field="first")
    key = (near.latitude, near.longitude, radius_km, product.locale_id)
    try:
        nearby = NearbyStoresLoader.for_request(info.context).load(key)
    except InvalidStoreFilter as error:
        raise bad_store_argument(error) from None
    expect_stores(info.context, [store for store, _km in nearby])
    skus = {other.sku for other in batch_of(info.context, product)}
    stock = StockByStoreAndSkuLoader.for_request(info.context).prime(
        [(store.translation_key, sku) for store, _km in nearby for sku in skus]
    )
    levels = {
        (store.translation_key, product.sku): stock.load((store.translation_key, product.sku)) for store, _km in nearby
    }
    levels = {key: level for key, level in levels.items() if level is not None}
    return availability_in(nearby, product.sku, levels, timezone.now())[:first]
