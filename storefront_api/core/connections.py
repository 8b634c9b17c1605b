"""Relay cursor connections with ``totalCount`` and one place for the page-size cap."""

import graphene
from graphql_relay import cursor_to_offset, offset_to_cursor

from storefront_api.settings import api_setting

from .errors import BadArgument


class CountableConnection(graphene.relay.Connection):
    total_count = graphene.Int(required=True, description="How many items match, across all pages.")

    class Meta:
        abstract = True

    def resolve_total_count(self, info):
        return self.length


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


def build_connection(connection_type, items, total, start, stop):
    edge_type = connection_type.Edge
    edges = [edge_type(node=item, cursor=offset_to_cursor(start + index)) for index, item in enumerate(items)]
    page_info = graphene.relay.PageInfo(
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=start > 0,
        has_next_page=stop < total,
    )
    connection = connection_type(edges=edges, page_info=page_info)
    connection.length = total
    return connection


def paginate(connection_type, iterable, first=None, after=None, last=None, before=None, after_slice=None):
    """A page of ``iterable`` (a queryset or a list) as ``connection_type``.

    ``after_slice`` receives the items of the page (a list) before they are wrapped, so
    callers can load what the items need in bulk (one query per relation, not per item).
    """
    total = iterable.count() if hasattr(iterable, "count") and not isinstance(iterable, list) else len(iterable)
    start, stop = slice_bounds(total, first=first, after=after, last=last, before=before)
    items = list(iterable[start:stop])
    if after_slice is not None:
        after_slice(items)
    return build_connection(connection_type, items, total, start, stop)
