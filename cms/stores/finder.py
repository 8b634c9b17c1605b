"""What a shopper's store search returns: stores near a point (nearest first, with the
distance) or by name, narrowed by the list filters and by being open at an instant."""

from .hours import is_open, schedule_for_store
from .listing import StoreFilter, filter_stores, order_stores
from .locator import get_store_locator


def open_at(moment):
    """A predicate: the store is open at ``moment``. Prefetch the stores' hours first."""

    def predicate(store):
        return is_open(schedule_for_store(store), moment)

    return predicate


def find_stores(stores, store_filter=StoreFilter(), near=None, radius_km=None, open_moment=None):
    """The stores of ``stores`` (a StorePage queryset) a shopper finds.

    With ``near`` (a point) the configured store locator answers: stores within
    ``radius_km``, nearest first, each with ``distance_km`` set. Without it, by name, and
    ``distance_km`` is None. ``open_moment`` keeps the stores open at that instant, by each
    store's hours in its own time zone. Returns a queryset when nothing needs Python-side
    filtering, else a list. Raises InvalidStoreFilter naming a bad argument.
    """
    predicate = None
    if open_moment is not None:
        stores = stores.prefetch_related("opening_hours", "hours_exceptions")
        predicate = open_at(open_moment)
    if near is None:
        stores = order_stores(filter_stores(stores, store_filter))
        if predicate is None:
            return stores
        return [_with_distance(store, None) for store in stores if predicate(store)]
    if store_filter.city:
        stores = filter_stores(stores, StoreFilter(city=store_filter.city))
    found = get_store_locator().nearby(
        near,
        radius_km,
        stores=stores,
        services=store_filter.services,
        country=store_filter.country,
        predicate=predicate,
    )
    return [_with_distance(store, km) for store, km in found]


def _with_distance(store, km):
    store.distance_km = km
    return store
