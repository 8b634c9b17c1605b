"""Wagtail and Django signals turned into content events."""

import threading

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail import signals as wagtail_signals
from wagtail.models import DraftStateMixin, Page, PageViewRestriction

from . import events
from .models import Action


def on_page_published(sender, instance, **kwargs):
    events.page_published(instance)


def on_page_unpublished(sender, instance, **kwargs):
    events.page_unpublished(instance)


# What a page being moved leaves behind, from Wagtail's pre_page_move to its post_page_move
# (same thread): the old address is only readable before the move.
_moving = threading.local()


def _pages_leaving():
    if not hasattr(_moving, "pages"):
        _moving.pages = {}
    return _moving.pages


def on_page_moving(sender, instance, parent_page_before, parent_page_after, **kwargs):
    # Set even when None: a move that failed after its pre_page_move leaves nothing behind.
    _pages_leaving()[instance.pk] = events.page_leaving(instance, parent_page_before, parent_page_after)


def on_page_moved(sender, instance, url_path_before, **kwargs):
    events.page_moved(instance, url_path_before, left=_pages_leaving().pop(instance.pk, None))


def on_page_slug_changed(sender, instance, instance_before, **kwargs):
    events.page_moved(instance, instance_before.url_path)


def on_restriction_saved(sender, instance, created, raw=False, **kwargs):
    # A change of type (password to groups) keeps the page private: nothing to announce.
    if created and not raw:
        events.restriction_added(instance)


def on_restriction_deleted(sender, instance, **kwargs):
    events.restriction_removed(instance)


def on_page_deleted(sender, instance, **kwargs):
    # pre_delete, not post_delete: Wagtail deletes a page with its descendants through
    # treebeard, one signal per page; before the delete each page still has its path.
    events.page_deleted(instance)


def on_snippet_published(sender, instance, **kwargs):
    events.snippet_changed(Action.PUBLISHED, instance)


def on_snippet_unpublished(sender, instance, **kwargs):
    events.snippet_changed(Action.UNPUBLISHED, instance)


def on_snippet_deleted(sender, instance, **kwargs):
    events.snippet_changed(Action.DELETED, instance)


def connect():
    uid = "publishing"
    wagtail_signals.page_published.connect(on_page_published, dispatch_uid=f"{uid}-page-published")
    wagtail_signals.page_unpublished.connect(on_page_unpublished, dispatch_uid=f"{uid}-page-unpublished")
    wagtail_signals.pre_page_move.connect(on_page_moving, dispatch_uid=f"{uid}-page-moving")
    wagtail_signals.post_page_move.connect(on_page_moved, dispatch_uid=f"{uid}-page-moved")
    wagtail_signals.page_slug_changed.connect(on_page_slug_changed, dispatch_uid=f"{uid}-page-slug")
    # Every page row is deleted as a Page (Wagtail deletes through the base class).
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid=f"{uid}-page-deleted")
    post_save.connect(on_restriction_saved, sender=PageViewRestriction, dispatch_uid=f"{uid}-restriction-saved")
    post_delete.connect(on_restriction_deleted, sender=PageViewRestriction, dispatch_uid=f"{uid}-restriction-deleted")
    wagtail_signals.published.connect(on_snippet_published, dispatch_uid=f"{uid}-snippet-published")
    wagtail_signals.unpublished.connect(on_snippet_unpublished, dispatch_uid=f"{uid}-snippet-unpublished")
    # Per model, not for every sender: a receiver for all senders would stop Django's fast
    # (signal-free) bulk deletes of every other model.
    for model in apps.get_models():
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page):
            pre_delete.connect(on_snippet_deleted, sender=model, dispatch_uid=f"{uid}-deleted-{model._meta.label}")
