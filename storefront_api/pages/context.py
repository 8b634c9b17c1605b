"""The requesting site and the page queryset shoppers may see, cached per request."""

from wagtail.models import Site

from cms.core.visibility import shopper_pages
from storefront_api.core.errors import NotFound


def requesting_site(info):
    request = info.context
    site = getattr(request, "_storefront_site", None)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            raise NotFound("No site is configured for this host.", code="SITE_NOT_FOUND")
        request._storefront_site = site
    return site


def visible_pages(info, locale):
    return shopper_pages(requesting_site(info), locale)
