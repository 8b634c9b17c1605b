import argparse
import logging
import os
from contextlib import contextmanager

from django.core.management.base import BaseCommand, DjangoHelpFormatter

from cms.demo.builders.catalog import product_specs
from cms.demo.builders.site import DEFAULT_SITE_URL
from cms.demo.data.content import GUIDES, OFFERS, POLICIES, STORIES
from cms.demo.data.stores import STORES
from cms.demo.loader import load_demo


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's option order, with the description's paragraphs kept as written."""


class Command(BaseCommand):
    help = f"""Load the demo content: a believable retailer site in English and Italian.

Builds, below a home page that becomes the default site's root (replacing Wagtail's
"Welcome" page):
  - {len(STORES)} stores in {len({store.country for store in STORES})} countries with real coordinates and time zones,
    weekly hours (lunch breaks, late nights past midnight), holiday exceptions
    and services (click & collect, curbside pickup, in-store returns, ...);
  - a category tree, {len(product_specs())} products with GTINs and images, stock in every store;
  - {len(GUIDES)} gift guides, {len(STORIES)} product stories, {len(POLICIES)} return policies (one per market)
    and {len(OFFERS)} offers;
  - navigation and footer settings.
Pages are published with a revision; snippets are live. Images are drawn locally.

The default site gets the address the demo is served on (--site-url, default
DEMO_SITE_URL or {DEFAULT_SITE_URL}): QR codes and other full URLs are built from it.

Safe to run again: whatever exists (matched on slugs, SKUs, service and coupon
codes) is left untouched, so a second run creates nothing. Everything happens in
one transaction. Run `manage.py migrate` first; use -v 2 to list each page."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = HelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=os.environ.get("DEMO_SITE_URL") or DEFAULT_SITE_URL,
            help=f"Public address of the demo site, e.g. http://192.168.1.20:8000 (default: DEMO_SITE_URL or {DEFAULT_SITE_URL}).",
        )

    def handle(self, *args, site_url, **options):
        verbosity = options["verbosity"]
        with quiet_logger("wagtail", enabled=verbosity < 3):
            report = load_demo(write=self.stdout.write, verbosity=verbosity, site_url=site_url)
        if verbosity >= 1:
            self.stdout.write("")
            for line in report.summary_lines():
                self.stdout.write(line)
        if report.total_created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {report.total_created} objects created."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already loaded: nothing to do."))


@contextmanager
def quiet_logger(name, enabled=True):
    """Hide a logger's INFO lines (Wagtail logs every page it creates or publishes)."""
    logger = logging.getLogger(name)
    level = logger.level
    if enabled:
        logger.setLevel(max(logging.WARNING, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        logger.setLevel(level)
