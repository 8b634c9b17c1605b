"""The requesting site and the page queryset shoppers may see, cached per request."""

from wagtail.models import Page, Site

from cms.core.visibility import shopper_pages, site_home
from storefront_api.core.errors import NotFound


def site_for_request(request):
    site = getattr(request, "_storefront_site", None)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            raise NotFound("No site is configured for this host.", code="SITE_NOT_FOUND")
        request._storefront_site = site
    return site


def requesting_site(info):
    return site_for_request(info.context)


def visible_pages(info, locale, model=Page):
    return shopper_pages(requesting_site(info), locale, model)


def visible_home(info, locale):
    """The site's home page in ``locale``, when shoppers may see it."""
    home = site_home(requesting_site(info), locale)
    return visible_pages(info, locale).filter(pk=home.pk).specific().first() if home else None
