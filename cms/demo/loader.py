"""Loads the whole demo in one transaction: nothing is half-created if a step fails."""

from django.db import transaction

from .builders import catalog, content, site, stores, themes
from .builders.base import DemoContext, Report
from .images import ImageLibrary
from .indexing import deferred_indexing

STEPS = [
    site.build_home,
    site.build_sections,
    stores.build_services,
    stores.build_stores,
    catalog.build_categories,
    catalog.build_products,
    catalog.build_stock,
    content.build_guides,
    content.build_stories,
    content.build_policies,
    content.build_offers,
    site.finish_home,
    site.build_settings,
    themes.build_themes,
]


def load_demo(write=None, verbosity=1, site_url=site.DEFAULT_SITE_URL):
    """Create whatever part of the demo is missing, and put the default site at ``site_url``
    (the address it is served on); returns the ``Report``."""
    address = site.site_address(site_url)
    report = Report(write, verbosity)
    with transaction.atomic(), deferred_indexing() as index:
        images = ImageLibrary()
        context = DemoContext(report, images, index, address)
        for step in STEPS:
            step(context)
        report.count("images", created=images.created, existing=len(images.by_title) - images.created)
        report.step("Search and reference index")
        report.done(message=f"{index.flush()} objects indexed")
    return report
