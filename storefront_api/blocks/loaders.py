from collections import defaultdict

from wagtail.models import Locale

from cms.core.visibility import visible_versions_in
from cms.publishing import surrogate_keys
from storefront_api.core.loaders import RequestLoader
from storefront_api.pages.context import site_for_request


class LinkTargetLoader(RequestLoader):
    """Keys are (locale id, chosen page id); values the chosen page's version in that
    language that shoppers may see on the requesting site, else None."""

    def batch_load(self, keys):
        # The chosen pages, and the versions shown: a chosen page's translation published
        # later is announced to the chosen page's key (cms/publishing/purge_keys.py).
        surrogate_keys.record_all(surrogate_keys.page(page_id) for _locale_id, page_id in keys)
        site = site_for_request(self.context)
        by_locale = defaultdict(list)
        for locale_id, page_id in keys:
            by_locale[locale_id].append(page_id)
        locales = Locale.objects.in_bulk(list(by_locale))
        found = {}
        for locale_id, page_ids in by_locale.items():
            versions = visible_versions_in(site, locales[locale_id], page_ids)
            found.update({(locale_id, page_id): page for page_id, page in versions.items()})
        surrogate_keys.record_all(surrogate_keys.page(page.pk) for page in found.values())
        return found
