"""Surrogate keys: the names of the content a cached response was built from.

Public responses carry them in one header (``CDN["SURROGATE_KEY_HEADER"]``: ``xkey`` for
Varnish, ``Surrogate-Key`` for Fastly, ``Cache-Tag`` for Cloudflare), so that a change
purges exactly the responses built from what changed. What reads content records keys here
while a response is built (``record``: the API's loaders and resolvers, one place per
domain); which keys each change purges is in purge_keys.py. The two sides share the names
below, and only these.

Objects, purged whenever the object changes:
  page-<id>            a page (each language version is a page of its own)
  product-<id>, category-<id>, offer-<id>, service-<id>
  image-<id>           an image and its renditions
  stock-<store id>     the stock levels of a store (the id of the store page read, in any
                       language: stock ingestion purges every language version)
Collections, purged by every change of a member, so that a list, a search or a look-up that
found nothing is purged when a *new* member appears, not only when a listed one changes:
  page-list-<site>-<language>          the site's pages in a language (any type: untyped
                                       lists, search, look-ups that found nothing)
  page-list-<site>-<language>-<type>   the same for one page type, e.g. ``…-giftguidepage``
  children-<page id>                   the pages below a page
  product-list-<language>, category-list-<language>, offer-list-<language>,
  service-list-<language>
The site:
  site-<site>          every response that read the requesting site; purged when the site
                       itself changes (host name, root page)
  settings-<site>      its navigation and footer
  themes-<site>        its themes (which one is active depends on all of them)
  site-<site>-any      the fallback: a response whose keys would not fit in
                       ``SURROGATE_KEY_MAX_BYTES`` carries ``site-<site>`` and this key
                       instead, and every purge that affects the site includes it

Keys are lower case, without spaces or commas (Cloudflare's tags are case-insensitive and
comma-separated, Fastly's and Varnish's space-separated).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .settings import cdn_setting

# Objects


def page(page_id):
    return f"page-{page_id}"


def snippet(model, object_id):
    """``product-7``: a snippet (products, categories, offers, services) by its model (or
    the model's class name)."""
    return f"{_name(model)}-{object_id}"


def image(image_id):
    return f"image-{image_id}"


def stock(store_id):
    return f"stock-{store_id}"


def of(obj):
    """The key of a page, an image or a snippet."""
    if isinstance(obj, Page):
        return page(obj.pk)
    if isinstance(obj, AbstractImage):
        return image(obj.pk)
    return snippet(type(obj), obj.pk)


# Collections


def page_list(site_id, language, model=None):
    """The site's pages in ``language``; with ``model`` (a page model or its class name), only
    that page type."""
    key = f"page-list-{site_id}-{language}"
    return f"{key}-{_name(model)}" if model is not None else key


def children(page_id):
    return f"children-{page_id}"


def snippet_list(model, language):
    return f"{_name(model)}-list-{language}"


def _name(model):
    return (model if isinstance(model, str) else model.__name__).lower()


# The site


def site(site_id):
    return f"site-{site_id}"


def site_settings(site_id):
    return f"settings-{site_id}"


def themes(site_id):
    return f"themes-{site_id}"


def site_any(site_id):
    return f"site-{site_id}-any"


# Collecting the keys of one response

_collected = ContextVar("surrogate_keys", default=None)


@contextmanager
def collecting():
    """Collect what ``record`` is told inside the block, into the set it yields."""
    keys = set()
    token = _collected.set(keys)
    try:
        yield keys
    finally:
        _collected.reset(token)


def record(*keys):
    """Note that the response being built depends on ``keys`` (nothing outside ``collecting``)."""
    collected = _collected.get()
    if collected is not None:
        collected.update(keys)


def record_all(keys):
    collected = _collected.get()
    if collected is not None:
        collected.update(keys)


# The response header


def header_name():
    return cdn_setting("SURROGATE_KEY_HEADER")


def separator():
    return "," if header_name().lower() == "cache-tag" else " "


def fits(keys):
    return len(separator().join(keys).encode()) <= cdn_setting("SURROGATE_KEY_MAX_BYTES")


def header_value(keys, site_id):
    """The header's value: every key, or the site's fallback keys when they would not fit
    (none without a site: such a response is then only refreshed by its max-age)."""
    if fits(keys):
        return separator().join(sorted(keys))
    return separator().join([site(site_id), site_any(site_id)]) if site_id is not None else ""


def set_header(response, keys, site_id):
    value = header_value(keys, site_id)
    if value:
        response[header_name()] = value
    return response
