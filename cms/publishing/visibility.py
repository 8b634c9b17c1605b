"""Where shoppers see a page: whether it is public and below which site homes. The rules
that turn a privacy change or a move between sites into unpublish and publish events
(events.py records them).

They follow the API's rules (cms/core/visibility.py): a live page is shown unless a view
restriction (login, password or groups) is on it or on an ancestor, as Wagtail's
``public()`` decides by tree path; it is shown by the sites whose root page, in any
language, is an ancestor. Each language's root page is a home of its own: addresses are
relative to it.
"""

from typing import NamedTuple

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, Site


class Placement(NamedTuple):
    """Where a page is shown: the ids of the site homes above it (itself included), and
    whether it is public there."""

    homes: frozenset
    public: bool


def restrictions_over(page, parent=None):
    """The view restrictions on ``page`` and its ancestors; with ``parent``, on the
    ancestors it would have below ``parent``."""
    ancestors = Page.objects.ancestor_of(parent or page, inclusive=True)
    return PageViewRestriction.objects.filter(Q(page__in=ancestors) | Q(page=page))


def is_restricted(page, excluding=None):
    """A restriction on ``page`` or an ancestor (other than ``excluding``)."""
    restrictions = restrictions_over(page)
    if excluding is not None:
        restrictions = restrictions.exclude(pk=excluding.pk)
    return restrictions.exists()


def placement(page, parent):
    """Where ``page`` is shown while (or once) it is a child of ``parent``."""
    root_keys = Site.objects.values("root_page__translation_key")
    homes = Page.objects.ancestor_of(parent, inclusive=True).filter(translation_key__in=root_keys)
    home_ids = set(homes.values_list("pk", flat=True))
    if Site.objects.filter(root_page__translation_key=page.translation_key).exists():
        home_ids.add(page.pk)
    return Placement(frozenset(home_ids), not restrictions_over(page, parent).exists())


def shown_subtree(page):
    """The live pages of ``page``'s subtree, ``page`` first, that no restriction below
    ``page`` hides: what shoppers see of it while ``page`` itself is public."""
    below = PageViewRestriction.objects.filter(page__path__startswith=page.path, page__depth__gt=page.depth)
    hidden = Q(pk__in=[])
    for path in below.values_list("page__path", flat=True):
        hidden |= Q(path__startswith=path)
    pages = Page.objects.descendant_of(page, inclusive=True).live().exclude(hidden)
    return pages.select_related("locale").order_by("path")
