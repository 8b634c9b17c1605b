from collections import defaultdict

from wagtail.models import Locale

from cms.core.visibility import visible_versions_in
from storefront_api.core.loaders import RequestLoader
from storefront_api.pages.context import site_for_request


class LinkTargetLoader(RequestLoader):
    """Keys are (locale id, chosen page id); values the chosen page's version in that
    language that shoppers may see on the requesting site, else None."""

    def batch_load(self, keys):
        site = site_for_request(self.context)
        by_locale = defaultdict(list)
        for locale_id, page_id in keys:
            by_locale[locale_id].append(page_id)
        locales = Locale.objects.in_bulk(list(by_locale))
        found = {}
        for locale_id, page_ids in by_locale.items():
            versions = visible_versions_in(site, locales[locale_id], page_ids)
            found.update({(locale_id, page_id): page for page_id, page in versions.items()})
        return found
