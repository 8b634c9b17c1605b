"""Page URLs are computed per request from the requesting site's home pages, so every app
process agrees on them: Wagtail keeps its site root paths in each process's own cache."""

from django.core.cache import cache
from wagtail.models import Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from tests.factories import SectionPageFactory
from tests.storefront_api.content import other_site, translate

QUERY = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  url children { edges { node { url } } } } }"""


def test_pages_of_a_site_added_by_another_process_have_their_urls(graphql, home, section):
    # This process read the site root paths before another process added a site...
    stale = Site.get_site_root_paths()
    other_home = other_site("other.example")
    SectionPageFactory(parent=SectionPageFactory(parent=other_home, slug="inspiration"), slug="ideas")
    # ...and keeps them in its own cache (the other process cleared only its own).
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, stale, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)

    body = graphql(QUERY, {"path": "/inspiration/"}, HTTP_HOST="other.example")
    assert "errors" not in body, body
    assert body["data"]["page"]["url"] == "/en/inspiration/"
    assert [edge["node"]["url"] for edge in body["data"]["page"]["children"]["edges"]] == ["/en/inspiration/ideas/"]


def test_urls_carry_the_language_prefix_of_each_translation(graphql, home, section, locales):
    translate(home, locales["it"])
    translate(section, locales["it"])
    body = graphql(QUERY, {"path": "/inspiration/", "locale": "it"})
    assert body["data"]["page"]["url"] == "/it/inspiration/"
    home_urls = graphql('{ en: home(locale: "en") { url } it: home(locale: "it") { url } }')["data"]
    assert home_urls == {"en": {"url": "/en/"}, "it": {"url": "/it/"}}
