"""Product.availability: the nearest stores that have the product, computed for a whole list
of products at once (one search per point for every SKU of the list: loaders.AvailabilityLoader)."""

from cms.stores.listing import InvalidStoreFilter
from storefront_api.core.errors import BadArgument
from storefront_api.pages.batches import batch_of
from storefront_api.settings import api_setting
from storefront_api.stores.errors import bad_store_argument

from .loaders import AvailabilityLoader


def product_availability(info, product, near, radius_km, first):
    if first < 1 or first > api_setting("MAX_PAGE_SIZE"):
        raise BadArgument(f"`first` must be between 1 and {api_setting('MAX_PAGE_SIZE')}.", field="first")

    def key(other):
        return (near.latitude, near.longitude, radius_km, other.locale_id, first, other.sku)

    loader = AvailabilityLoader.for_request(info.context)
    try:
        loader.prime([key(other) for other in batch_of(info.context, product)])
    except InvalidStoreFilter as error:
        raise bad_store_argument(error) from None
    return loader.load(key(product))
