"""Which offers shoppers see: published ones, valid at a moment, redeemable in a store or
through a channel — for one list or for many stores at once."""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.utils import timezone

from .models import Channel, Offer


def published_offers():
    """Published offers, newest first."""
    return Offer.objects.filter(live=True).order_by("-valid_from", "pk")


def shopper_offers(locale):
    """Published offers of a language, newest first."""
    return published_offers().filter(locale=locale)


def redeemable_channels(channel):
    """The offer channels a shopper using ``channel`` can redeem: an offer for both channels
    counts for each of them."""
    return [Channel.BOTH] if channel == Channel.BOTH else [channel, Channel.BOTH]


def filter_offers(offers, *, current=True, moment=None, store=None, channel=None):
    """``offers`` narrowed to those valid at ``moment`` (now) unless ``current`` is false,
    redeemable in ``store`` (a store page, any translation) and through ``channel``."""
    if current:
        offers = offers.valid_at(moment)
    if store is not None:
        offers = offers.for_store(store)
    if channel:
        offers = offers.filter(channel__in=redeemable_channels(channel))
    return offers


def _store_keys_by_offer(offer_ids, store_keys=None):
    """``{offer id: {translation key of a store it is limited to}}``."""
    links = Offer.stores.through.objects.filter(offer_id__in=offer_ids)
    if store_keys is not None:
        links = links.filter(storepage__translation_key__in=store_keys)
    found = {}
    for offer_id, key in links.values_list("offer_id", "storepage__translation_key"):
        found.setdefault(offer_id, set()).add(key)
    return found


def current_offers_by_store(stores, moment=None):
    """``{store: [Offer]}``: the published offers in each store's language that are valid at
    ``moment`` (now) and apply in that store. Two queries for any number of stores."""
    stores = list(stores)
    keys = {store.translation_key for store in stores}
    offers = list(
        published_offers()
        .filter(locale_id__in={store.locale_id for store in stores})
        .valid_at(moment or timezone.now())
        .filter(Q(applies_to_all_stores=True) | Q(stores__translation_key__in=keys))
        .distinct()
    )
    limited_to = _store_keys_by_offer([offer.pk for offer in offers if not offer.applies_to_all_stores], keys)
    return {
        store: [
            offer
            for offer in offers
            if offer.locale_id == store.locale_id
            and (offer.applies_to_all_stores or store.translation_key in limited_to.get(offer.pk, ()))
        ]
        for store in stores
    }


def store_keys_by_offer(offers):
    """``{offer: {translation key}}`` of the stores each offer is limited to (empty when it
    applies to all stores). One query for any number of offers."""
    offers = list(offers)
    limited_to = _store_keys_by_offer([offer.pk for offer in offers if not offer.applies_to_all_stores])
    return {offer: limited_to.get(offer.pk, set()) for offer in offers}


def validity_days(offer, time_zone):
    """``(first day, last day)`` an offer can be used, as dates in ``time_zone`` (an IANA name);
    the last is None when it has no end. ``valid_to`` itself is excluded (see ``valid_at``), so
    an offer valid until midnight of 1 January ends on 31 December."""
    zone = ZoneInfo(time_zone)
    first = offer.valid_from.astimezone(zone).date()
    last = None
    if offer.valid_to is not None:
        last = (offer.valid_to - datetime.timedelta(microseconds=1)).astimezone(zone).date()
    return first, last


def offer_time_zone(offer):
    """The time zone an offer's days are read in away from a store page: that of its stores
    (the first by title) when it is limited to some, else the zone most published stores are
    in, the retailer's home market; Django's ``TIME_ZONE`` when there are no stores. An
    unsaved offer (an editor's preview) is read with the stores chosen in the form."""
    from cms.stores.models import StorePage

    stores = StorePage.objects.live()
    if not offer.applies_to_all_stores:
        keys = [store.translation_key for store in offer.stores.all()]
        stores = stores.filter(translation_key__in=keys).order_by("title")
        zone = stores.values_list("time_zone", flat=True).first()
    else:
        zone = (
            stores.values("time_zone").annotate(stores=Count("pk")).order_by("-stores", "time_zone")
            .values_list("time_zone", flat=True).first()
        )
    return zone or timezone.get_default_timezone_name()
