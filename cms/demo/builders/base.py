"""What every builder shares: the locales, the progress report and the helpers that create
a page or snippet once (keyed on a natural key) and its Italian translation."""

import random
import time
import uuid
from collections import Counter

from wagtail.models import Locale

from cms.demo.data import SEED


class Report:
    """Progress lines while loading, and counts of what was created or already there."""

    def __init__(self, write=None, verbosity=1):
        self.write = write or (lambda message: None)
        self.verbosity = verbosity
        self.created = Counter()
        self.existing = Counter()
        self.order = []
        self.started = time.monotonic()
        self.step_started = self.started

    def step(self, title):
        if self.verbosity >= 1:
            self.write(f"{title} …")
        self.step_started = time.monotonic()

    def done(self, *kinds, message=""):
        if self.verbosity >= 1:
            parts = [self._describe(kind) for kind in kinds] + ([message] if message else [])
            seconds = time.monotonic() - self.step_started
            self.write(f"  {'; '.join(parts)} ({seconds:.1f} s)")

    def detail(self, message):
        if self.verbosity >= 2:
            self.write(f"    {message}")

    def count(self, kind, created=0, existing=0):
        if kind not in self.order:
            self.order.append(kind)
        self.created[kind] += created
        self.existing[kind] += existing

    def _describe(self, kind):
        return f"{kind}: {self.created[kind]} created, {self.existing[kind]} already there"

    def summary_lines(self):
        width = max((len(kind) for kind in self.order), default=0)
        lines = [f"{kind.ljust(width)}  {self.created[kind]:>6} created  {self.existing[kind]:>6} already there"
                 for kind in self.order]
        lines.append(f"Done in {time.monotonic() - self.started:.1f} s.")
        return lines

    @property
    def total_created(self):
        return sum(self.created.values())


class DemoContext:
    """State shared by the builders during one load."""

    def __init__(self, report, images, deferred_index, site_address):
        self.report = report
        self.site_address = site_address  # (hostname, port) of the default site
        self.images = images
        self.index = deferred_index
        self.en = Locale.objects.get(language_code="en")
        self.it = Locale.objects.get(language_code="it")
        self.locales = {"en": self.en, "it": self.it}
        self.rng = random.Random(SEED)
        # Filled in as the builders run.
        self.home = {}
        self.sections = {}
        self.store_index = {}
        self.services = {}  # (code, language) -> Service
        self.stores = {}  # English title -> {"en": StorePage, "it": StorePage}
        self.categories = {}  # English slug -> {"en": Category, "it": Category}
        self.products = {}  # SKU -> {"en": Product, "it": Product}
        self.product_lines = {}  # line code -> [SKU, ...] in variant order
        self.guides = {}
        self.stories = {}
        self.policies = {}
        self.offers = {}

    def block_id(self):
        """A StreamField block id that is the same on every fresh load."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def stream(self, blocks):
        """Raw StreamField data from (type, value) pairs, with deterministic block ids."""
        return [{"type": block_type, "value": value, "id": self.block_id()} for block_type, value in blocks]


def publish(page, clean=True):
    """Save a revision of ``page`` and publish it. ``clean=False`` skips validating the
    page again when it was validated by the save that created it."""
    page.save_revision(clean=clean).publish()
    return page


def ensure_page(context, kind, parent, model, slug, build):
    """The child of ``parent`` with ``slug``; created from ``build()`` (a dict of fields)
    and published if missing. Returns (page, created)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        context.report.count(kind, existing=1)
        return existing, False
    page = model(slug=slug, **build())
    parent.add_child(instance=page)  # validates the page
    publish(page, clean=False)
    context.report.count(kind, created=1)
    context.report.detail(f"created {model._meta.verbose_name} “{page.title}”")
    return page, True


def ensure_page_translation(context, kind, page, slug, build, publish_now=True):
    """The Italian translation of ``page``; if missing, copied with
    ``copy_for_translation`` and given the Italian slug and fields from ``build()``.
    Returns (translation, created)."""
    existing = page.get_translation_or_none(context.it)
    if existing is not None:
        context.report.count(kind, existing=1)
        return existing.specific, False
    # Copy from an unsaved instance that already has the Italian slug: the copy is saved
    # with its final slug, so publishing it is not a slug change (which would make
    # wagtail.contrib.redirects create a redirect from the English slug).
    source = page.specific_class.objects.get(pk=page.pk)
    source.slug = slug
    translation = source.copy_for_translation(context.it)
    for name, value in build().items():
        setattr(translation, name, value)
    if publish_now:
        publish(translation)
    else:
        translation.save_revision()
    context.report.count(kind, created=1)
    context.report.detail(f"translated “{page.title}” as “{translation.title}”")
    return translation, True


def snippet_translation(context, original, fields):
    """An unsaved Italian copy of a snippet made with ``copy_for_translation``."""
    translation = original.copy_for_translation(context.it)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.live = True
    return translation


def text(value, language):
    """The ``language`` text of a ``{"en": …, "it": …}`` value (or the value itself)."""
    return value[language] if isinstance(value, dict) else value
