from cms.stores.listing import InvalidStoreFilter
from storefront_api.core.errors import BadArgument

# Store-filter and locator argument names as the API spells them.
ARGUMENT_NAMES = {"latitude": "near.latitude", "longitude": "near.longitude", "point": "near", "radius_km": "radiusKm"}


def bad_store_argument(error: InvalidStoreFilter) -> BadArgument:
    """The domain's error with the argument named as clients write it, in the message too."""
    name = ARGUMENT_NAMES.get(error.field, error.field)
    return BadArgument(str(error).replace(f"`{error.field}`", f"`{name}`"), field=name)
