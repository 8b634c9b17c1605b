"""search and suggest: arguments become a SearchRequest for search/service.py, whose response
becomes the GraphQL results. Which backend answers, validation and the fallback are the
service's; an argument it refuses becomes a BadArgument naming that argument."""

from contextlib import contextmanager
from types import SimpleNamespace

import graphene
from graphql import FieldNode
from graphql_relay import cursor_to_offset, offset_to_cursor

from search.backends.base import InvalidSearchArgument, SearchFilters
from search.service import run_search, run_suggest, validate_search_request
from search.settings import search_setting
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.core.scalars import GeoPointInput, enum_value
from storefront_api.pages.context import requesting_site

from .results import load_objects, record_search
from .types import (
    SearchEdge,
    SearchFilterInput,
    SearchHighlight,
    SearchResults,
    SearchSort,
    SearchType,
    Suggestion,
    SuggestResults,
)

FILTER_FIELDS = ("page_types", "categories", "brands", "price_bands", "services", "cities")


class SearchQueries(graphene.ObjectType):
    search = graphene.Field(
        SearchResults,
        required=True,
        query=graphene.String(description="Words to look for; omit to list by filters and sort only."),
        types=graphene.List(graphene.NonNull(SearchType), description="Kinds of results; default: all."),
        locale=locale_argument(),
        filters=SearchFilterInput(),
        sort=SearchSort(description="Default: relevance (with `query`)."),
        near=GeoPointInput(description="Stores around this point: `distanceKm` and the distance sort."),
        radius_km=graphene.Float(description="With `near`: only stores within this distance."),
        first=graphene.Int(description="Results after `after`; default and maximum in the search settings."),
        after=graphene.String(description="`cursor` of the last result seen."),
        description="Pages, products and stores shoppers may see, best first, with highlights and facets.",
    )
    suggest = graphene.Field(
        SuggestResults,
        required=True,
        prefix=graphene.String(required=True, description="What the shopper has typed so far."),
        locale=locale_argument(),
        types=graphene.List(graphene.NonNull(SearchType)),
        first=graphene.Int(description="At most this many; default in the search settings."),
        description="Titles that complete `prefix`, as the shopper types.",
    )

    @staticmethod
    def resolve_search(root, info, locale=None, **arguments):
        locale = resolve_locale(locale)
        record_search(info, locale)
        request = search_request(info, locale, **arguments)
        with named_argument():
            response = run_search(request)
        objects = load_objects(info, [hit.ref for hit in response.hits], locale)
        edges = [
            SearchEdge(
                cursor=offset_to_cursor(request.offset + position),
                node=_with_distance(objects[hit.ref], hit.distance_km),
                score=hit.score,
                highlights=_highlights(hit.highlights),
                distance_km=None if hit.distance_km is None else round(hit.distance_km, 3),
            )
            for position, hit in enumerate(response.hits)
            if hit.ref in objects
        ]
        return SimpleNamespace(
            edges=edges,
            page_info=graphene.relay.PageInfo(
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
                has_previous_page=request.offset > 0,
                has_next_page=_has_next_page(request.offset + len(response.hits), response.total),
            ),
            total_count=response.total,
            facets=response.facets,
            locale=locale,
            backend=response.backend,
        )

    @staticmethod
    def resolve_suggest(root, info, prefix, locale=None, types=None, first=None):
        locale = resolve_locale(locale)
        record_search(info, locale)
        with named_argument(limit="first"):
            suggestions, backend = run_suggest(
                prefix,
                locale=locale.language_code,
                site_id=requesting_site(info).pk,
                types=tuple(enum_value(kind) for kind in types or ()),
                limit=first,
            )
        objects = load_objects(info, [suggestion.ref for suggestion in suggestions], locale)
        return SuggestResults(
            suggestions=[
                Suggestion(text=suggestion.text, type=suggestion.ref.type, object=objects[suggestion.ref])
                for suggestion in suggestions
                if suggestion.ref in objects
            ],
            backend=backend,
        )


@contextmanager
def named_argument(**renamed):
    """Turns the service's InvalidSearchArgument into the API's BadArgument, naming the
    argument as the API calls it (``renamed``: the service's name -> the API's)."""
    try:
        yield
    except InvalidSearchArgument as error:
        field = renamed.get(error.field, error.field)
        raise BadArgument(str(error).replace(f"`{error.field}`", f"`{field}`"), field=field) from None


def search_request(info, locale, query=None, types=None, filters=None, sort=None, near=None, radius_km=None,
                   first=None, after=None):
    """The validated SearchRequest of the search arguments."""
    filters = dict(filters or {})
    with named_argument():
        return validate_search_request(
            text=query or "",
            types=tuple(enum_value(kind) for kind in types or ()),
            locale=locale.language_code,
            site_id=requesting_site(info).pk,
            filters=SearchFilters(
                **{name: tuple(filters.get(name) or ()) for name in FILTER_FIELDS},
                min_price=filters.get("min_price"),
                max_price=filters.get("max_price"),
            ),
            sort=enum_value(sort) if sort is not None else "relevance",
            near=(near.latitude, near.longitude) if near is not None else None,
            radius_km=radius_km,
            offset=_offset_after(after),
            limit=first,
            facets=_asks_for(info, "facets"),
        )


def _asks_for(info, field_name):
    """True when the query selects ``field_name`` of this field's result (facets cost the
    backend an aggregation: skipped when nobody reads them)."""
    for node in info.field_nodes:
        for selection in node.selection_set.selections if node.selection_set else ():
            if not isinstance(selection, FieldNode) or selection.name.value == field_name:
                return True  # a fragment may select it: assume it does
    return False


def _has_next_page(next_offset, total):
    """More results a client may still page to: not past the deepest offset allowed."""
    return next_offset < total and next_offset <= search_setting("MAX_OFFSET")


def _offset_after(cursor):
    if cursor is None:
        return 0
    offset = cursor_to_offset(cursor)
    if offset is None or offset < 0:
        raise BadArgument("`after` is not a valid cursor.", field="after")
    return offset + 1


def _with_distance(obj, distance_km):
    if distance_km is not None:
        obj.distance_km = distance_km  # StorePage.distanceKm shows it too
    return obj


def _highlights(highlights):
    return [
        SearchHighlight(field=field, fragments=[fragments] if isinstance(fragments, str) else list(fragments))
        for field, fragments in highlights.items()
    ]
