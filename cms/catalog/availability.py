"""Availability of a product in a store: a stock band shoppers understand, and when an
order placed now could be collected (the pickup estimate).

Thresholds are settings: ``STOCK_OUT_THRESHOLD`` (at most this many units counts as out of
stock, default 0, raise it to hold back safety stock) and ``STOCK_LOW_THRESHOLD`` (at most
this many counts as low, default 3).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.stores.hours import StoreSchedule, is_open, next_closing, next_opening


class StockBand(models.TextChoices):
    IN_STOCK = "in-stock", _("In stock")
    LOW_STOCK = "low-stock", _("Low stock")
    OUT_OF_STOCK = "out-of-stock", _("Out of stock")


def stock_thresholds():
    out_at_most = getattr(settings, "STOCK_OUT_THRESHOLD", 0)
    low_at_most = getattr(settings, "STOCK_LOW_THRESHOLD", 3)
    return out_at_most, max(low_at_most, out_at_most)


def stock_band(quantity: int | None) -> StockBand:
    """The band of ``quantity`` units on hand (None: the store never reported the product)."""
    out_at_most, low_at_most = stock_thresholds()
    if quantity is None or quantity <= out_at_most:
        return StockBand.OUT_OF_STOCK
    if quantity <= low_at_most:
        return StockBand.LOW_STOCK
    return StockBand.IN_STOCK


def pickup_estimate(
    schedule: StoreSchedule, moment: datetime, preparation_minutes: int, in_stock: bool
) -> datetime | None:
    """When an order placed at ``moment`` could be collected, in the store's time zone.

    In stock and open: ``moment`` plus the preparation time, when that is before the store
    closes; otherwise (closed now, or ready only after closing) the next opening plus the
    preparation time. None when the product is not in stock or the store does not open
    within the hours engine's look-ahead.
    """
    if not in_stock:
        return None
    preparation = timedelta(minutes=preparation_minutes)
    ready = moment + preparation
    if is_open(schedule, moment):
        closing = next_closing(schedule, moment)
        if closing is None or ready < closing:
            return ready.astimezone(schedule.zone)
    opening = next_opening(schedule, moment)
    if opening is None:
        return None
    return (opening + preparation).astimezone(schedule.zone)


def stock_levels(store_keys, skus, default_locale=None):
    """``{(store translation_key, sku): StockLevel}`` for the given stores (any language of
    them) and SKUs, in one query (two without ``default_locale``, the default Locale). Stock
    is recorded against the default-language rows."""
    from wagtail.models import Locale

    from .models import StockLevel

    default_locale = default_locale or Locale.get_default()
    rows = StockLevel.objects.filter(
        store__translation_key__in=set(store_keys),
        store__locale=default_locale,
        product__sku__in=set(skus),
        product__locale=default_locale,
    ).annotate(store_key=models.F("store__translation_key"), sku=models.F("product__sku"))
    return {(row.store_key, row.sku): row for row in rows}



@dataclass(frozen=True)
class StoreAvailability:
    store: object
    distance_km: float
    quantity: int
    band: StockBand
    click_and_collect: bool
    pickup_estimate: datetime | None


def in_stock_somewhere(stores, skus, default_locale, stores_locale=None):
    """``stores`` (a StorePage queryset, its order kept) narrowed to those with at least one of
    ``skus`` in stock (more than ``STOCK_OUT_THRESHOLD`` units), by the stock recorded against
    their default-language page (``default_locale``: the default Locale). A condition of the
    same query, not a query of its own. When ``stores_locale`` (the language of all of
    ``stores``) is the default one, the condition is on their ids: fewer joins to plan."""
    from .models import StockLevel

    out_at_most, _low_at_most = stock_thresholds()
    stocked = StockLevel.objects.filter(product__sku__in=set(skus), product__locale=default_locale, quantity__gt=out_at_most)
    if stores_locale is not None and stores_locale.pk == default_locale.pk:
        return stores.filter(pk__in=stocked.values("store_id"))
    return stores.filter(translation_key__in=stocked.filter(store__locale=default_locale).values("store__translation_key"))


# The most stores one read of ``nearest_in_stock`` takes. The first read takes ``limit`` per
# SKU; each further one (needed only when some SKU still lacks stores) four times more.
MOST_STORES_PER_READ = 1000


def nearest_in_stock(nearby, skus, limit, levels_of, default_locale, stores_locale=None):
    """For each of ``skus``, the nearest ``limit`` stores of ``nearby`` that have it in stock:
    ``({sku: [(store, km, level)]}, reach_km)``.

    ``nearby`` is a StorePage queryset in distance order with ``distance_km`` on each store
    (``StoreLocator.within``). The database keeps only the stores with one of ``skus`` in
    stock and returns the nearest of them (``limit`` per SKU at first, more only when some
    SKU still lacks stores); ``levels_of(stores, skus)`` gives their stock levels as
    ``{(store translation_key, sku): StockLevel}``. So the stores of a whole radius are never
    read, nor their stock. ``default_locale`` and ``stores_locale`` as ``in_stock_somewhere``.

    ``reach_km``: the answer depends on the stock of the stores of ``nearby`` up to this
    distance, and of no other (a store farther away cannot enter any list); None when it is
    the whole of ``nearby`` (some SKU has fewer than ``limit`` stores).
    """
    skus = list(dict.fromkeys(skus))
    found = {sku: [] for sku in skus}
    stocked = in_stock_somewhere(nearby, skus, default_locale, stores_locale)
    read, size = 0, min(limit * len(skus), MOST_STORES_PER_READ)
    while True:
        stores = list(stocked[read : read + size])
        read += len(stores)
        levels = levels_of(stores, skus) if stores else {}
        for store in stores:
            for sku in skus:
                level = levels.get((store.translation_key, sku))
                if len(found[sku]) < limit and stock_band(level.quantity if level else None) != StockBand.OUT_OF_STOCK:
                    found[sku].append((store, store.distance_km, level))
        if all(len(shown) == limit for shown in found.values()):
            return found, max(shown[-1][1] for shown in found.values())
        if len(stores) < size:
            return found, None
        size = min(size * 4, MOST_STORES_PER_READ)


def availability_in(stocked, moment):
    """Each of ``stocked`` (``[(store, km, level)]`` from ``nearest_in_stock``; the stores'
    hours and services prefetched) with its band and, for click & collect stores, the pickup estimate of an
    order at ``moment``. No queries."""
    from cms.stores.hours import schedule_for_store
    from cms.stores.models import CLICK_AND_COLLECT

    found = []
    for store, km, level in stocked:
        collect = store.offers_service(CLICK_AND_COLLECT)
        estimate = (
            pickup_estimate(schedule_for_store(store), moment, store.pickup_preparation_minutes, in_stock=True)
            if collect
            else None
        )
        found.append(StoreAvailability(store, km, level.quantity, stock_band(level.quantity), collect, estimate))
    return found
