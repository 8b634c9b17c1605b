"""What a shopper's store search returns: stores near a point (nearest first, with the
distance) or by name, narrowed by the list filters and by being open at an instant."""

from cms.core.sieve import Sieve

from .hours import is_open, schedules_by_store_id
from .listing import StoreFilter, filter_stores, order_stores
from .locator import get_store_locator
from .models import StoreHoursException, StoreOpeningHours


def schedules_of(stores):
    """``{store id: StoreSchedule}`` of ``stores`` (saved store pages), from their hours and
    exceptions read in two queries of plain rows."""
    time_zones = {store.pk: store.time_zone for store in stores}
    weekly = StoreOpeningHours.objects.filter(store_id__in=time_zones).values_list(
        "store_id", "weekday", "opens", "closes", "closes_next_day", named=True
    )
    exceptions = StoreHoursException.objects.filter(store_id__in=time_zones).values_list(
        "store_id", "date", "closed", "opens", "closes", "closes_next_day", named=True
    )
    return schedules_by_store_id(time_zones, weekly, exceptions)


def open_at(moment):
    """A rule for a Sieve: which stores of a chunk are open at ``moment``, by each store's
    hours in its own time zone. Two queries per chunk; stores with the same schedule (a
    chain's standard hours) are judged once."""

    def rule(stores):
        schedules = schedules_of(stores)
        verdicts = {}
        for schedule in schedules.values():
            if schedule not in verdicts:
                verdicts[schedule] = is_open(schedule, moment)
        return [verdicts[schedules[store.pk]] for store in stores]

    return rule


def find_stores(stores, store_filter=StoreFilter(), near=None, radius_km=None, open_moment=None):
    """The stores of ``stores`` (a StorePage queryset) a shopper finds, read only as far as
    the caller slices.

    With ``near`` (a point) the configured store locator answers: stores within
    ``radius_km``, nearest first, each with ``distance_km``. Without it, by name (no
    ``distance_km``). Returns a queryset; with ``open_moment``, a Sieve (cms/core/sieve.py)
    of it that keeps the stores open at that instant, by each store's hours in its own time
    zone, judged only as far as a page needs — its count is then exact or an estimate
    (``Sieve.counted``). Raises InvalidStoreFilter naming a bad argument.
    """
    if near is None:
        found = order_stores(filter_stores(stores, store_filter))
    else:
        if store_filter.city:
            stores = filter_stores(stores, StoreFilter(city=store_filter.city))
        found = get_store_locator().within(
            near, radius_km, stores=stores, services=store_filter.services, country=store_filter.country
        )
    return found if open_moment is None else Sieve(found, open_at(open_moment))
