"""Recording content events: what a change looked like at the moment it happened, written
once the change's transaction has committed (a rolled-back publish records nothing)."""

from django.db import transaction
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.models import get_snippet_models

from . import visibility
from .models import Action, ContentEvent, Kind

# The field that names a snippet in URLs and feeds, in order of preference.
SNIPPET_KEY_FIELDS = ("slug", "sku", "code")


def is_published_snippet_model(model):
    """Snippets shoppers see: registered, with drafts and publishing."""
    return issubclass(model, DraftStateMixin) and model in get_snippet_models()


def page_fields(page, **extra):
    return {
        "kind": Kind.PAGE,
        "object_type": page.specific_class.__name__ if page.specific_class else type(page).__name__,
        "object_id": str(page.pk),
        "locale": _language_code(page),
        "translation_key": page.translation_key,
        "slug": page.slug,
        "tree_path": page.path,
        "url_path": page.url_path,
        **extra,
    }


def snippet_fields(snippet):
    key = next((getattr(snippet, name) for name in SNIPPET_KEY_FIELDS if hasattr(snippet, name)), "")
    return {
        "kind": Kind.SNIPPET,
        "object_type": type(snippet).__name__,
        "object_id": str(snippet.pk),
        "locale": _language_code(snippet),
        "translation_key": getattr(snippet, "translation_key", None),
        "slug": str(key or ""),
    }


def _language_code(obj):
    return obj.locale.language_code if getattr(obj, "locale_id", None) else ""


def record(action, fields, unless=None):
    """Write the event (and its deliveries) after the current transaction commits; at once
    outside a transaction. The values are taken now, while the object still exists;
    ``unless`` is asked after the commit."""
    record_all(action, [fields], unless)


def record_all(action, fields_list, unless=None):
    """``record`` for several objects at once (a page and its subtree): one transaction,
    the events in the order given."""

    def after_commit():
        if fields_list and (unless is None or not unless()):
            _write(action, fields_list)

    transaction.on_commit(after_commit)


def _write(action, fields_list):
    from .delivery import enqueue_deliveries
    from .purge_keys import purge_events

    with transaction.atomic():
        events = ContentEvent.objects.bulk_create(ContentEvent(action=action, **fields) for fields in fields_list)
        enqueue_deliveries(events)
        purge_events(events)
    return events


def is_shown_page(page):
    """Pages below the tree root, not behind a privacy restriction."""
    return page.depth > 1 and not visibility.is_restricted(page)


def subtree_fields(page):
    """The fields of the pages shoppers see of ``page``'s subtree while ``page`` is public."""
    return [page_fields(shown) for shown in visibility.shown_subtree(page)]


def page_published(page):
    if is_shown_page(page):
        record(Action.PUBLISHED, page_fields(page))


def page_unpublished(page):
    if page.depth > 1:
        # Wagtail unpublishes a live page just before deleting it: the deletion says it all.
        record(Action.UNPUBLISHED, page_fields(page), unless=lambda: not Page.objects.filter(pk=page.pk).exists())


def page_deleted(page):
    if page.depth > 1:
        record(Action.DELETED, page_fields(page))


def page_leaving(page, parent_before, parent_after):
    """Before a move. None when the page stays below the same site homes and as public as
    it was: an ordinary move. Otherwise it leaves what showed it: the fields, at the old
    address, of the pages shoppers saw there (none when it was private)."""
    before, after = visibility.placement(page, parent_before), visibility.placement(page, parent_after)
    if before == after or not (before.public or after.public):
        return None
    return subtree_fields(page) if before.public else []


def page_moved(page, url_path_before, left=None):
    """Moved or renamed (slug). Within the same site homes, while live and public: one
    event, the page and everything below changed address. Into other homes, or into or out
    of a private section (``left``, from ``page_leaving``): unpublished where it was,
    published where it is, page by page."""
    if left is not None:
        record_all(Action.UNPUBLISHED, left)
        if not visibility.is_restricted(page):
            record_all(Action.PUBLISHED, subtree_fields(page))
    elif page.live and url_path_before != page.url_path and is_shown_page(page):
        record(Action.MOVED, page_fields(page, previous_url_path=url_path_before))


def restriction_added(restriction):
    """A page made private: unless it already was, it and the pages shoppers saw below it
    are unpublished. Not announced if the restriction is gone again by the commit."""
    page = restriction.page
    if page.depth > 1 and not visibility.is_restricted(page, excluding=restriction):
        record_all(Action.UNPUBLISHED, subtree_fields(page), unless=lambda: not visibility.is_restricted(page))


def restriction_removed(restriction):
    """A page's last restriction lifted (none left above it either): it and the live pages
    below it that no other restriction hides are published. Not announced if the page is
    deleted (its restrictions go with it) or private again by the commit."""
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is None or not is_shown_page(page):
        return

    def hidden_again():
        return not Page.objects.filter(pk=page.pk).exists() or visibility.is_restricted(page)

    record_all(Action.PUBLISHED, subtree_fields(page), unless=hidden_again)


def snippet_changed(action, snippet):
    if is_published_snippet_model(type(snippet)):
        record(action, snippet_fields(snippet))


def site_roots(site):
    """(tree path, URL path) of the site's root page in each language."""
    root = site.root_page
    return list(Page.objects.filter(translation_key=root.translation_key).values_list("path", "url_path"))
