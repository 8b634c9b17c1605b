"""The requesting site and the page queryset shoppers may see, cached per request; what a
response read of them is recorded as surrogate keys (cms/publishing/surrogate_keys.py)."""

from functools import lru_cache

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from cms.core.visibility import shopper_pages, site_home
from cms.publishing import surrogate_keys
from storefront_api.core.errors import NotFound
from storefront_api.core.locales import LocaleByIdLoader


def site_for_request(request):
    site = getattr(request, "_storefront_site", None)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            raise NotFound("No site is configured for this host.", code="SITE_NOT_FOUND")
        request._storefront_site = site
    surrogate_keys.record(surrogate_keys.site(site.pk))
    return site


def requesting_site(info):
    return site_for_request(info.context)


def visible_pages(info, locale, model=Page):
    return shopper_pages(requesting_site(info), locale, model)


def visible_home(info, locale):
    """The site's home page in ``locale``, when shoppers may see it."""
    site = requesting_site(info)
    home = site_home(site, locale)
    if home is None:  # a home in this language may be added
        surrogate_keys.record(surrogate_keys.page_list(site.pk, locale.language_code))
        return None
    surrogate_keys.record(surrogate_keys.page(home.pk))
    return visible_pages(info, locale).filter(pk=home.pk).specific().first()


def record_page_list(info, locale, model=None):
    """The response lists or searches the site's pages in ``locale`` (of ``model``), or
    looked one up and found none: a new page there changes it."""
    surrogate_keys.record(surrogate_keys.page_list(requesting_site(info).pk, locale.language_code, model))


def site_relative_url(request, page):
    """``page``'s address on the requesting site, e.g. /en/stores/milano-duomo/ — computed
    from the site's home pages read once per request, not from Wagtail's cache of site root
    paths, which each app process keeps on its own (a site added through one process left
    its pages without a URL in the others)."""
    homes = getattr(request, "_storefront_home_paths", None)
    if homes is None:
        root = site_for_request(request).root_page
        homes = dict(Page.objects.filter(translation_key=root.translation_key).values_list("locale_id", "url_path"))
        request._storefront_home_paths = homes
    home_path = homes.get(page.locale_id)
    if home_path is None or not page.url_path.startswith(home_path):
        return ""
    return language_prefix(LocaleByIdLoader.language_code(request, page.locale_id)) + page.url_path[len(home_path):]


@lru_cache(maxsize=32)
def language_prefix(language_code):
    """Where pages in a language start, e.g. /it/ (the URLconf's i18n prefix)."""
    with translation.override(language_code):
        return reverse("wagtail_serve", args=("",))
