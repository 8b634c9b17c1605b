"""Which surrogate keys each change purges: exactly the cached responses that may show
something different now (surrogate_keys.py names the keys; the API records them as it reads).

- **A page event** (events.py: published, unpublished, deleted, moved; a privacy change or a
  move to another site arrives as unpublished and published events of every page concerned):
  the page; the page lists of its site and language, untyped and of its type (a list, a
  search or a look-up that found nothing may now show it, or no longer); the children list
  of its parent, and of its old parent after a move; the pages that translate it (their
  ``translations``, and links that follow the language, may now lead to it); after a move or
  a new slug, every page below it (their URLs changed); its site's fallback key.
- **A snippet event**: the snippet, its model's list in its language, every site's fallback
  key (snippets are shared by the sites).
- **Stock written** (ingestion, or a stock level edited): ``stock-`` of each language version
  of every store whose levels changed, their sites' fallback keys.
- **An image** saved or deleted: the image; **a theme**: its site's themes; **navigation or
  footer**: its site's settings; **a site** (host name, root page): everything of the site.
- **A snippet created live** without a publish (the demo loader, imports): as a publish.

Keys are computed after the change commits, from the state it left (and from what events
recorded of the state before); each change becomes one ``CachePurge`` (purges.py).
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, Site

from . import surrogate_keys as keys
from .models import Action, Kind
from .purges import enqueue, purge_after_commit


def site_root_paths():
    """[(tree path, site id)] of every language version of every site's root page."""
    roots = dict(Site.objects.values_list("root_page__translation_key", "pk"))
    return [(path, roots[key]) for path, key in Page.objects.filter(translation_key__in=roots).values_list(
        "path", "translation_key"
    )]


def sites_of(tree_path, roots):
    return {site_id for root_path, site_id in roots if tree_path.startswith(root_path)}


def all_site_fallbacks():
    return {keys.site_any(site_id) for site_id in Site.objects.values_list("pk", flat=True)}


# Content events


def purge_events(events):
    """Queue the purge of a list of content events (events.py calls it as it writes them)."""
    if events:
        first = events[0]
        more = f" and {len(events) - 1} more" if len(events) > 1 else ""
        reason = f"{first.type_name} {first.object_type} {first.object_id}{more}"
        enqueue(reason, lambda: for_events(events), lambda: page_urls(events))


def for_events(events):
    """The keys of a list of content events (one change: a publish, a privacy change of a
    subtree, a move)."""
    found = set()
    pages = [event for event in events if event.kind == Kind.PAGE]
    if pages:
        found |= _for_page_events(pages)
    for event in events:
        if event.kind == Kind.SNIPPET:
            found |= {keys.snippet(event.object_type, event.object_id), keys.snippet_list(event.object_type, event.locale)}
    if len(pages) < len(events):
        found |= all_site_fallbacks()
    return found


def _for_page_events(events):
    roots = site_root_paths()
    found = set()
    for event in events:
        found.add(keys.page(event.object_id))
        for site_id in sites_of(event.tree_path, roots):
            found |= {
                keys.page_list(site_id, event.locale),
                keys.page_list(site_id, event.locale, event.object_type),
                keys.site_any(site_id),
            }
    steplen = Page.steplen
    parent_paths = {event.tree_path[:-steplen] for event in events if len(event.tree_path) > steplen}
    found |= {keys.children(pk) for pk in Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True)}
    moved = [event for event in events if event.action == Action.MOVED]
    old_parent_urls = {event.previous_url_path.rstrip("/").rsplit("/", 1)[0] + "/" for event in moved}
    found |= {keys.children(pk) for pk in Page.objects.filter(url_path__in=old_parent_urls).values_list("pk", flat=True)}
    translation_keys = {event.translation_key for event in events if event.translation_key}
    found |= {keys.page(pk) for pk in Page.objects.filter(translation_key__in=translation_keys).values_list("pk", flat=True)}
    for event in moved:
        below = Page.objects.filter(path__startswith=event.tree_path).values_list("pk", flat=True)
        found |= {keys.page(pk) for pk in below}
    return found


def page_urls(events):
    """Full URLs of the storefront pages of the events that still exist, for Wagtail's
    frontend cache backends (its own rules: the page's URL on its site, plus the paths a
    routable page lists in ``get_cached_paths``). None when no backend is configured."""
    from django.conf import settings
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    ids = [event.object_id for event in events if event.kind == Kind.PAGE and event.action != Action.DELETED]
    batch = PurgeBatch()
    batch.add_pages(Page.objects.filter(pk__in=ids).specific(defer=True))
    return sorted(batch.urls)


# Stock, images, themes, settings, sites


def for_stores(store_ids):
    """Stock of the stores ``store_ids`` (their pages in any language) changed."""
    versions = Page.objects.filter(translation_key__in=Page.objects.filter(pk__in=store_ids).values("translation_key"))
    roots = site_root_paths()
    found = set()
    for pk, path in versions.values_list("pk", "path"):
        found.add(keys.stock(pk))
        found |= {keys.site_any(site_id) for site_id in sites_of(path, roots)}
    return found


def purge_stock_after_commit(store_ids):
    """Stock ingestion changed the levels of ``store_ids`` (bulk writes send no signals)."""
    store_ids = sorted(store_ids)
    if store_ids:
        purge_after_commit(f"stock of {len(store_ids)} stores changed", lambda: for_stores(store_ids))


def for_image(image_id):
    return {keys.image(image_id)} | all_site_fallbacks()


def for_site_part(key_of_site, site_id):
    return {key_of_site(site_id), keys.site_any(site_id)}


# Signals of the changes that are not content events


def on_stock_level_change(sender, instance, **kwargs):
    purge_stock_after_commit([instance.store_id])


def on_image_change(sender, instance, **kwargs):
    purge_after_commit(f"image {instance.pk} changed", lambda image_id=instance.pk: for_image(image_id))


def on_theme_change(sender, instance, **kwargs):
    site_id = instance.site_id
    purge_after_commit(f"theme {instance.slug} changed", lambda: for_site_part(keys.themes, site_id))


def on_site_setting_change(sender, instance, **kwargs):
    site_id = instance.site_id
    purge_after_commit(f"{sender._meta.verbose_name} changed", lambda: for_site_part(keys.site_settings, site_id))


def on_site_change(sender, instance, **kwargs):
    site_id = instance.pk
    purge_after_commit(f"site {instance} changed", lambda: for_site_part(keys.site, site_id))


def on_snippet_created(sender, instance, created, raw=False, **kwargs):
    """Created live (the demo loader, imports): published without a publish event."""
    if created and instance.live and not raw:
        model, pk, language = type(instance), instance.pk, _language(instance)
        purge_after_commit(
            f"{model.__name__} {pk} created",
            lambda: {keys.snippet(model, pk), keys.snippet_list(model, language)} | all_site_fallbacks(),
        )


def _language(obj):
    return obj.locale.language_code if getattr(obj, "locale_id", None) else ""


def connect():
    """Called once from the publishing app's ``ready()``."""
    both = (post_save, post_delete)
    receivers = [
        (on_stock_level_change, apps.get_model("catalog.StockLevel"), both),
        (on_image_change, get_image_model(), both),
        (on_theme_change, apps.get_model("themes.Theme"), both),
        (on_site_change, Site, both),
    ]
    for model in apps.get_models():
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page):
            receivers.append((on_snippet_created, model, (post_save,)))
        elif issubclass(model, BaseSiteSetting):
            receivers.append((on_site_setting_change, model, both))
    for receiver, model, signals in receivers:
        for signal in signals:
            signal.connect(receiver, sender=model, dispatch_uid=f"purge_keys.{receiver.__name__}.{model._meta.label}")
