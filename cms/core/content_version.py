"""Content versions: numbers that change whenever what shoppers see changes.

Caches (the API's response cache, see storefront_api/http_cache.py) put the versions of
the content a response depends on into their keys, so publishing invalidates them without
knowing what is cached. The versions live in the database (one row per scope), the source
of truth every app process shares; with Redis configured (REDIS_URL) readers get a copy from
Redis instead, with no SQL, kept current by the bumps (cms/core/version_stores.py says how
it stays correct when Redis is empty, restarted or unreachable).

Scopes keep unrelated edits apart:
- ``site:<id>``: the pages and site settings of one site (a page belongs to the site whose
  root page, in any language, is one of its ancestors);
- ``shared``: snippets (products, categories, services, offers), images, and pages that
  belong to no site;
- ``stock``: stock levels (written by cms/catalog/stock.py in bulk, which bumps it itself);
- ``sites``: the sites themselves (host names, root pages).

A version is bumped after the transaction that changed the content commits, so a reader
that sees the new number also sees the new content.
"""

import time

from django.apps import apps
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .cache import CacheUnavailable
from .version_stores import version_store

SHARED = "shared"
STOCK = "stock"
SITES = "sites"
# Models written outside the editorial flow whose every save changes what shoppers see.
STOCK_MODELS = ("catalog.StockLevel",)


def site_scope(site_id):
    return f"site:{site_id}"


class ContentVersion(models.Model):
    scope = models.CharField(max_length=64, unique=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        app_label = "core"
        verbose_name = _("content version")

    def __str__(self):
        return f"{self.scope} v{self.version}"


# Reading


_memo = {"read_at": None, "versions": {}}


def current_versions(max_age=0):
    """``{scope: version}`` of every scope (a scope never bumped is absent: read it as 0).
    One SQL query, or one Redis round trip (version_stores.py); with ``max_age`` seconds a
    process reuses what it read that recently."""
    versions = _recent(max_age)
    return versions if versions is not None else _remember(version_store().read())


def current_versions_with(cache, key, max_age=0, also=None):
    """``(current_versions(max_age), cache.get(key), replies)``, in one round trip when the
    versions are read from the Redis that ``cache`` is (or reused, and ``cache`` is Redis):
    ``also(pipeline)`` may queue more commands for that round trip, ``replies`` are theirs
    (None when they were not sent: the caller sends them itself)."""
    versions = _recent(max_age)
    if versions is None:
        versions, value, replies = version_store().read_with(cache, key, also)
        return _remember(versions), value, replies
    if also is None or not hasattr(cache, "get_with"):
        return versions, cache.get(key), None
    try:
        replies, value = cache.get_with(key, also, write=True)
    except CacheUnavailable:
        return versions, None, None
    return versions, value, replies


def _recent(max_age):
    """The versions this process read less than ``max_age`` seconds ago, else None."""
    read_at = _memo["read_at"]
    if max_age and read_at is not None and time.monotonic() - read_at < max_age:
        return _memo["versions"]
    return None


def _remember(versions):
    _memo.update(read_at=time.monotonic(), versions=versions)
    return versions


# Bumping

def bump_after_commit(*scopes):
    """Bump ``scopes`` once the current transaction commits (at once outside a transaction);
    nothing when it rolls back."""
    scopes = sorted(set(scopes))  # a fixed order: concurrent bumps lock rows in the same order
    transaction.on_commit(lambda: bump_now(scopes))


def bump_now(scopes):
    store = version_store()
    with transaction.atomic():
        ContentVersion.objects.bulk_create([ContentVersion(scope=scope) for scope in scopes], ignore_conflicts=True)
        ContentVersion.objects.filter(scope__in=scopes).update(version=F("version") + 1)
        bumped = dict(ContentVersion.objects.filter(scope__in=scopes).values_list("scope", "version")) if store.pushes else {}
    if bumped:
        store.pushed(bumped)  # committed: readers of the copy may now see the new numbers


# What an edit affects


def page_scopes(page):
    """The scopes of the sites ``page`` belongs to (``shared`` when it belongs to none)."""
    ancestry = Page.objects.ancestor_of(page, inclusive=True).values("translation_key")
    site_ids = Site.objects.filter(root_page__translation_key__in=ancestry).values_list("pk", flat=True)
    return [site_scope(site_id) for site_id in site_ids] or [SHARED]


# Signal receivers


def on_page_publish_change(sender, instance, **kwargs):
    """``page_published`` / ``page_unpublished``: also sent for copies and aliases."""
    bump_after_commit(*page_scopes(instance))


def on_snippet_publish_change(sender, instance, **kwargs):
    """``published`` / ``unpublished`` (Wagtail sends these for pages too: handled above)."""
    if not isinstance(instance, Page):
        bump_after_commit(SHARED)


def on_page_move(sender, instance, parent_page_before, **kwargs):
    bump_after_commit(*page_scopes(parent_page_before), *page_scopes(instance))


def on_page_delete(sender, instance, **kwargs):
    # Before the delete: the page's ancestors (which name its site) may go with it.
    bump_after_commit(*page_scopes(instance))


def on_restriction_change(sender, instance, **kwargs):
    bump_after_commit(*page_scopes(instance.page))


def on_snippet_saved(sender, instance, created, **kwargs):
    """Created live (as the demo loader does); draftable snippets otherwise change on publish."""
    if created and instance.live:
        bump_after_commit(SHARED)


def on_site_setting_change(sender, instance, **kwargs):
    bump_after_commit(site_scope(instance.site_id))


def on_site_change(sender, instance, **kwargs):
    bump_after_commit(SITES, site_scope(instance.pk))
    # Wagtail clears its cached site root paths when the site is saved, inside the transaction:
    # another process could cache the old ones again before the commit. Clear them after it too.
    transaction.on_commit(Site.clear_site_root_paths_cache)


def on_shared_change(sender, instance, **kwargs):
    bump_after_commit(SHARED)


def on_stock_change(sender, instance, **kwargs):
    bump_after_commit(STOCK)


def connect_signals():
    """Called once from the core app's ``ready()``."""
    page_published.connect(on_page_publish_change, dispatch_uid="content_version.page_published")
    page_unpublished.connect(on_page_publish_change, dispatch_uid="content_version.page_unpublished")
    published.connect(on_snippet_publish_change, dispatch_uid="content_version.published")
    unpublished.connect(on_snippet_publish_change, dispatch_uid="content_version.unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="content_version.page_move")
    both = (post_save, post_delete)
    # Deleting a page of any type deletes its Page row too (multi-table inheritance).
    receivers = [(on_page_delete, Page, (pre_delete,)), (on_restriction_change, PageViewRestriction, both)]
    receivers.append((on_site_change, Site, both))
    receivers.append((on_shared_change, get_image_model(), both))
    receivers += [(on_stock_change, apps.get_model(label), both) for label in STOCK_MODELS]
    for model in apps.get_models():
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page):
            receivers += [(on_snippet_saved, model, (post_save,)), (on_shared_change, model, (post_delete,))]
        elif issubclass(model, BaseSiteSetting):
            receivers.append((on_site_setting_change, model, both))
    for receiver, model, signals in receivers:
        for signal in signals:
            uid = f"content_version.{receiver.__name__}.{model._meta.label}"
            signal.connect(receiver, sender=model, dispatch_uid=uid)
