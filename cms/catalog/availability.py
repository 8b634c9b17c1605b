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


def stock_levels(store_keys, skus):
    """``{(store translation_key, sku): StockLevel}`` for the given stores (any language of
    them) and SKUs, in one query. Stock is recorded against the default-language rows."""
    from wagtail.models import Locale

    from .models import StockLevel

    default_locale = Locale.get_default()
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


def stocked_nearby(nearby, sku, levels, limit=None):
    """``[(store, km, level)]``: the nearest ``limit`` stores of ``nearby`` (``[(store, km)]``,
    nearest first) that have ``sku`` in stock by ``levels`` (from ``stock_levels``)."""
    found = []
    for store, km in nearby:
        level = levels.get((store.translation_key, sku))
        if stock_band(level.quantity if level else None) == StockBand.OUT_OF_STOCK:
            continue
        found.append((store, km, level))
        if limit is not None and len(found) >= limit:
            break
    return found


def availability_in(stocked, moment):
    """Each of ``stocked`` (from ``stocked_nearby``; the stores' hours and services
    prefetched) with its band and, for click & collect stores, the pickup estimate of an
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
