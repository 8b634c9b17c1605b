from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.offers.listing import current_offers_by_store
from cms.stores.hours import in_week_order, is_open, next_closing, next_opening, schedule_for_store

register = template.Library()


@register.simple_tag
def store_status(store, moment=None):
    """Open now, next opening/closing (in the store's time zone) and current offers of a store
    page, by the same rules the API uses."""
    moment = moment or timezone.now()
    schedule = schedule_for_store(store)
    opening, closing = next_opening(schedule, moment), next_closing(schedule, moment)
    offers = current_offers_by_store([store], moment)[store] if store.pk else []
    return {
        "open_now": is_open(schedule, moment),
        "next_opening": opening and opening.astimezone(schedule.zone),
        "next_closing": closing and closing.astimezone(schedule.zone),
        "weekly_hours": in_week_order(store.opening_hours.all()),
        "offers": offers,
    }


@register.simple_tag
def near_you_labels():
    """Words near_you.js shows on a gift guide's product cards."""
    return {
        "IN_STOCK": _("In stock nearby"),
        "LOW_STOCK": _("Low stock nearby"),
        "none": _("Not in stock in a store near you"),
        "done": _("Availability near you is shown on each gift."),
        "noStores": _("No store within 50 km of you."),
        "noLocation": _("Your browser did not share a location."),
    }
