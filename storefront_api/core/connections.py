"""Relay cursor connections with ``totalCount`` and one place for the page-size cap.

``totalCount`` is exact unless counting exactly would cost more than the page: a list
filtered by a rule only Python applies (stores open now: cms/core/sieve.py) counts what it
read for the page and estimates the rest, and says so in ``totalCountIsEstimate``.
``hasNextPage`` is always exact. A forward page reads one item more for it; the total is
counted only when asked and not told by the page itself (the last page; a page query that
counts, ``count_in_page``).
"""

import graphene
from django.db.models import Count, Window
from graphql_relay import cursor_to_offset, offset_to_cursor

from cms.core.sieve import Sieve
from storefront_api.settings import api_setting

from .errors import BadArgument


class CountableConnection(graphene.relay.Connection):
    total_count = graphene.Int(
        required=True,
        description="How many items match, across all pages: exact, unless `totalCountIsEstimate` is true.",
    )
    total_count_is_estimate = graphene.Boolean(
        required=True,
        description=(
            "True when `totalCount` is an estimate. Only store lists filtered by opening hours (`openNow`, "
            "`openAt`) estimate: they check the hours of the stores the page needs and count the rest at the "
            "share found open (exact when every store was checked). `hasNextPage` is always exact; show an "
            "estimate as approximate (\"about 120 stores\")."
        ),
    )

    class Meta:
        abstract = True

    def resolve_total_count(self, info):
        return self.counted()[0]

    def resolve_total_count_is_estimate(self, info):
        return self.counted()[1]

    def counted(self):
        """``(total, is_estimate)``. ``length`` is the total, or a function counting it (and
        saying whether it estimated) at the first ask: a page that does not ask costs no count."""
        if callable(self.length):
            self.length, self.length_is_estimate = self.length()
        return self.length, getattr(self, "length_is_estimate", False)


def connection_args():
    """The arguments of every connection field."""
    return {
        "first": graphene.Int(description="Items after `after`; default and maximum in the API settings."),
        "after": graphene.String(),
        "last": graphene.Int(),
        "before": graphene.String(),
    }


def _offset(cursor, name):
    if cursor is None:
        return None
    offset = cursor_to_offset(cursor)
    if offset is None or offset < 0:
        raise BadArgument(f"`{name}` is not a valid cursor.", field=name)
    return offset


def slice_bounds(total, first=None, after=None, last=None, before=None):
    """(start, stop) of the requested page. Raises BadArgument naming the bad argument."""
    max_size = api_setting("MAX_PAGE_SIZE")
    for name, value in (("first", first), ("last", last)):
        if value is not None and value < 0:
            raise BadArgument(f"`{name}` must not be negative.", field=name)
        if value is not None and value > max_size:
            raise BadArgument(f"`{name}` is {value}; the maximum page size is {max_size}.", field=name)
    start = 0
    stop = total
    after_offset = _offset(after, "after")
    before_offset = _offset(before, "before")
    if after_offset is not None:
        start = min(after_offset + 1, total)
    if before_offset is not None:
        stop = max(min(before_offset, total), start)
    if first is None and last is None:
        first = api_setting("DEFAULT_PAGE_SIZE")
    if first is not None:
        stop = min(stop, start + first)
    if last is not None:
        start = max(start, stop - last)
    return start, stop


def build_connection(connection_type, items, total, start, stop, has_next_page=None):
    """``total``: the number of items, or a function returning ``(total, is_estimate)`` called
    only if a client asks (then give ``has_next_page``)."""
    edge_type = connection_type.Edge
    edges = [edge_type(node=item, cursor=offset_to_cursor(start + index)) for index, item in enumerate(items)]
    page_info = graphene.relay.PageInfo(
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=start > 0,
        has_next_page=stop < total if has_next_page is None else has_next_page,
    )
    connection = connection_type(edges=edges, page_info=page_info)
    connection.length = total
    return connection


def paginate(
    connection_type, iterable, first=None, after=None, last=None, before=None, after_slice=None, count_in_page=False
):
    """A page of ``iterable`` (a queryset, a Sieve or a list) as ``connection_type``.

    ``after_slice`` receives the items of the page (a list) before they are wrapped, so
    callers can load what the items need in bulk (one query per relation, not per item).
    ``count_in_page``: a queryset's page query also counts the whole list (a window
    function), for lists that the database reads whole anyway to order them (stores by
    distance), so that ``totalCount`` costs no query of its own.
    """
    if isinstance(iterable, list):
        total = len(iterable)
    elif last is None and before is None:
        if count_in_page and not isinstance(iterable, Sieve):
            iterable = iterable.annotate(**{COUNTED_IN_PAGE: Window(Count("*"))})
        return _paginate_forward(connection_type, iterable, first, after, after_slice)
    else:
        total = iterable.count()  # counting from the end needs every item (every match of a Sieve)
    start, stop = slice_bounds(total, first=first, after=after, last=last, before=before)
    items = list(iterable[start:stop])
    if after_slice is not None:
        after_slice(items)
    return build_connection(connection_type, items, total, start, stop)


def _paginate_forward(connection_type, source, first, after, after_slice):
    """A page read forwards from a queryset or a Sieve: the items of the page and one more
    (for ``hasNextPage``). The total is known without counting on the last page; on another
    it is counted only if asked — a queryset counts, a Sieve counts what it read and
    estimates the rest (``Sieve.counted``), never below what the page proved."""
    start, stop = slice_bounds(UNKNOWN_TOTAL, first=first, after=after)
    rows = list(source[start : stop + 1])
    more = len(rows) > stop - start
    items = rows[: stop - start]
    stop = start + len(items)
    if after_slice is not None:
        after_slice(items)
    if rows and hasattr(rows[0], COUNTED_IN_PAGE):
        return build_connection(connection_type, items, getattr(rows[0], COUNTED_IN_PAGE), start, stop)
    if more:
        return build_connection(connection_type, items, lambda: _count(source, stop + 1), start, stop, has_next_page=True)
    if start and not items:  # after the end: where the list ends
        start = stop = _count(source, 0)[0]
    return build_connection(connection_type, items, stop, start, stop)


def _count(source, at_least):
    total, estimated = source.counted() if isinstance(source, Sieve) else (source.count(), False)
    return max(total, at_least), estimated


# The annotation that carries the list's length on each row of a page (``count_in_page``).
COUNTED_IN_PAGE = "counted_with_the_page"

# slice_bounds' total when reading forwards from a list whose length is not known yet.
UNKNOWN_TOTAL = 2**62
