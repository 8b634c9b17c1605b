"""QR codes that send shoppers from print (a shop window, a shelf card, a receipt) to a page,
with campaign parameters so that analytics tell which code brought them.

What a code encodes, per kind:
- ``store``: the store page; ``utm_source`` is the store's slug.
- ``story`` and ``guide``: the page; ``utm_source`` is the store's slug when the code is made
  for a store (``store=``), else the page's own slug.
- ``offer`` (a snippet, it has no page of its own): the page of the store where it applies
  (the first by title when several), or the store index when it applies everywhere, with
  ``#offer-<id>``; ``utm_source`` is that store's slug (or the store index's) and
  ``utm_campaign`` the offer's title as a slug.
``utm_medium`` is always ``qr`` and ``utm_campaign`` the page's slug.
"""

import io
from urllib.parse import urlencode

import segno
from django.apps import apps
from django.utils.text import slugify

from cms.publishing import surrogate_keys

KINDS = {
    "store": "stores.StorePage",
    "story": "stories.ProductStoryPage",
    "guide": "guides.GiftGuidePage",
    "offer": "offers.Offer",
}
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def kind_model(kind):
    return apps.get_model(KINDS[kind])


def kind_of(model_or_obj):
    return next((kind for kind, label in KINDS.items() if model_or_obj._meta.label == label), None)


def public_objects(kind):
    """What shoppers may open: live pages without view restrictions, live offers."""
    model = kind_model(kind)
    if kind == "offer":
        return model.objects.filter(live=True)
    return model.objects.live().public()


def offer_page(offer):
    """The page an offer's code opens: its store's page in the offer's language, else the store index."""
    store_model, index_model = apps.get_model("stores.StorePage"), apps.get_model("stores.StoreIndexPage")
    if offer.applies_to_all_stores:
        candidates = index_model.objects.live().public()
    else:
        keys = offer.stores.values("translation_key")
        candidates = store_model.objects.live().public().filter(translation_key__in=keys)
    same_language = candidates.filter(locale_id=offer.locale_id).order_by("title").first()
    return same_language or candidates.order_by("title").first()


def campaign_params(obj, store=None):
    """``{"utm_source", "utm_medium", "utm_campaign"}`` for ``obj``'s code (see the module's docstring)."""
    if kind_of(obj) == "offer":
        page = store or offer_page(obj)
        source = page.slug if page else "offers"
        campaign = slugify(obj.title) or f"offer-{obj.pk}"
    else:
        source = store.slug if store else obj.slug
        campaign = obj.slug
    return {"utm_source": source, "utm_medium": "qr", "utm_campaign": campaign}


def qr_target_url(obj, store=None, request=None):
    """The absolute URL a code encodes, or None when ``obj`` has no public URL (no site, no store)."""
    if kind_of(obj) == "offer":
        page = store or offer_page(obj)
        fragment = f"#offer-{obj.pk}"
    else:
        page, fragment = obj, ""
    url = page.get_full_url(request) if page else None
    if not url:
        return None
    surrogate_keys.record_all(surrogate_keys.of(shown) for shown in (page, store) if shown is not None)
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urlencode(campaign_params(obj, store))}{fragment}"


def qr_code(url):
    # Medium error correction survives a scuffed print and keeps the code small.
    return segno.make_qr(url, error="m")


def qr_image(url, format):
    """The code as SVG or PNG bytes, with the quiet zone scanners need around it."""
    buffer = io.BytesIO()
    if format == "svg":
        qr_code(url).save(buffer, kind="svg", scale=8, border=4, title=url)
    else:
        qr_code(url).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
