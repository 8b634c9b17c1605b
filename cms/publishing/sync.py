"""Incremental sync for static-site builds: the content events of one site, in the order
they were written (event id), with addresses relative to the site's home page.

The id is the cursor, not the time: events are written after their transaction commits,
in one short transaction each, so ids follow commit order; events younger than
SYNC_SETTLE_SECONDS are held back so that a slower concurrent insert with a lower id is
never skipped by a client that stored the highest id it saw.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .events import site_roots
from .models import ContentEvent, Kind
from .settings import publishing_setting


def site_events(site):
    """Events of the site's pages (in any language) and of every snippet (snippets are global)."""
    in_site = Q(kind=Kind.SNIPPET)
    for tree_path, _url_path in site_roots(site):
        in_site |= Q(kind=Kind.PAGE, tree_path__startswith=tree_path)
    return ContentEvent.objects.filter(in_site)


def changes(site, since, after_id=None, now=None):
    """Events of ``site`` since ``since`` (and after event ``after_id``), oldest first."""
    now = now or timezone.now()
    settled = now - timedelta(seconds=publishing_setting("SYNC_SETTLE_SECONDS"))
    events = site_events(site).filter(occurred_at__gte=since, occurred_at__lte=settled)
    if after_id is not None:
        events = events.filter(pk__gt=after_id)
    return events.order_by("pk")


def needs_full_rebuild(since, now=None):
    """True when events since ``since`` may already have been removed (older than the retention)."""
    now = now or timezone.now()
    return since < now - timedelta(days=publishing_setting("EVENT_RETENTION_DAYS"))


def set_site_paths(events, site):
    """Give each page event ``site_path`` (and ``previous_site_path``): its address below the
    site's home page of its language, e.g. ``/stores/milano/``; None for snippets."""
    roots = sorted(site_roots(site), key=lambda root: -len(root[0]))
    for event in events:
        event.site_path = event.previous_site_path = None
        root_url = next((url for path, url in roots if event.tree_path and event.tree_path.startswith(path)), None)
        if root_url is None:
            continue
        event.site_path = _below(root_url, event.url_path)
        event.previous_site_path = _below(root_url, event.previous_url_path)
    return events


def _below(root_url, url_path):
    if not url_path or not url_path.startswith(root_url):
        return None
    return "/" + url_path[len(root_url):]
