from cms.stores.listing import InvalidStoreFilter
from storefront_api.core.errors import BadArgument

# Store-filter and locator argument names as the API spells them.
ARGUMENT_NAMES = {"latitude": "near.latitude", "longitude": "near.longitude", "point": "near", "radius_km": "radiusKm"}


def bad_store_argument(error: InvalidStoreFilter) -> BadArgument:
    return BadArgument(str(error), field=ARGUMENT_NAMES.get(error.field, error.field))
