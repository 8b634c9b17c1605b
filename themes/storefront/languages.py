"""The language switcher: where each storefront page leads in the other languages.

- A CMS page: its live, public translation in that language; without one, the home page of
  that language (the site's root page in it), so the switcher never leads to a 404.
- A page of the storefront's own (store finder, search): the same view in that language,
  with the query string kept (``/en/find-a-store/?product=…`` → ``/it/find-a-store/?product=…``).
- Anything else (an admin preview of a snippet): no links.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language: "English", "Italiano"
    url: str
    current: bool


def language_links(request, page=None):
    """A ``LanguageLink`` per language of ``settings.LANGUAGES`` (the current one marked), or
    ``[]`` when the request's page has no address in other languages."""
    if request is None:
        return []
    current = translation.get_language()
    if isinstance(page, Page) and page.pk:
        urls = _page_urls(request, page)
    else:
        urls = _view_urls(request)
    if not urls:
        return []
    return [
        LanguageLink(code, name, request.get_full_path() if code == current else urls[code], code == current)
        for code, name in settings.LANGUAGES
        if code == current or code in urls
    ]


def _live_translations(page):
    """``{language code: page}``: the live, public pages sharing ``page``'s translation key."""
    pages = Page.objects.live().public().filter(translation_key=page.translation_key).select_related("locale")
    return {found.locale.language_code: found for found in pages}


def _page_urls(request, page):
    translations = _live_translations(page)
    missing = [code for code, _name in settings.LANGUAGES if code not in translations]
    homes = {}
    site = Site.find_for_request(request)
    if missing and site is not None:
        homes = _live_translations(site.root_page)
    urls = {}
    for code, _name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request=request) if target is not None else None
        urls[code] = url or f"/{code}/"
    return urls


def _view_urls(request):
    path = request.get_full_path()
    urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    # A path outside the language-prefixed URLs is left as it was: no other language has it.
    if len(set(urls.values())) < len(urls):
        return {}
    return urls
