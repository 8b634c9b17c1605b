"""Whether shoppers see a page: the rules that turn a privacy change into unpublish and
publish events (events.py records them).

They follow the API's rules (cms/core/visibility.py): a live page is shown unless a view
restriction (login, password or groups) is on it or on an ancestor, as Wagtail's
``public()`` decides by tree path.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


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


def shown_subtree(page):
    """The live pages of ``page``'s subtree, ``page`` first, that no restriction below
    ``page`` hides: what shoppers see of it while ``page`` itself is public."""
    below = PageViewRestriction.objects.filter(page__path__startswith=page.path, page__depth__gt=page.depth)
    hidden = Q(pk__in=[])
    for path in below.values_list("page__path", flat=True):
        hidden |= Q(path__startswith=path)
    pages = Page.objects.descendant_of(page, inclusive=True).live().exclude(hidden)
    return pages.select_related("locale").order_by("path")
