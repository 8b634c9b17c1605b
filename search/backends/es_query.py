"""SearchRequest → Elasticsearch request (an ``elasticsearch.dsl.Search``), and the response
back to SearchHits and facets. Pure functions: they build and read dictionaries, and never
talk to a node, so they are unit-tested without one."""

import math

from elasticsearch.dsl import A, Q, Search

from cms.stores.geo import great_circle_km

from .base import DocumentRef, FacetValue, SearchHit
from .es_mapping import query_scopes

# Full-text fields and their boosts.
TEXT_FIELDS = ("title^4", "brand.text^3", "category^2", "city.text^2", "search_description", "body", "address")
# Typo tolerance: one edit in words of 4 to 7 letters, two from 8 letters (the first letter
# must be right). ES's "AUTO" allows two edits from 6 letters: two-edit automata over every
# field made highlighting alone cost 200-900 ms a search on the demo content.
FUZZINESS = "AUTO:4,8"
PREFIX_LENGTH = 1

# A SKU or GTIN typed in full (any case) puts its product first.
CODE_BOOST = 20

# facet name → the keyword field it counts.
FACET_FIELDS = {
    "type": "type",
    "page_type": "page_type",
    "category": "category_slugs",
    "brand": "brand",
    "price_band": "price_band",
    "services": "services",
    "city": "city",
    "locale": "locale",
}
FACET_SIZE = 100

HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
}
HIGHLIGHT_FIELDS = {
    "title": {"number_of_fragments": 0},
    "body": {"fragment_size": 160, "number_of_fragments": 2, "no_match_size": 0},
}

def text_query(text):
    """Full text with field boosts and typo tolerance, or identifiers matched exactly."""
    return Q(
        "bool",
        should=[
            # any word, in any field, allowing typos
            Q(
                "multi_match",
                query=text,
                fields=list(TEXT_FIELDS),
                type="most_fields",
                fuzziness=FUZZINESS,
                prefix_length=PREFIX_LENGTH,
            ),
            # every word, spelt right, across the fields: ranks full matches above partial ones
            Q("multi_match", query=text, fields=list(TEXT_FIELDS), type="cross_fields", operator="and", boost=2),
            Q("term", codes={"value": text.strip().casefold(), "boost": CODE_BOOST}),
        ],
        minimum_should_match=1,
    )


def on_site(site_id):
    """Documents of this site, and those on every site (no site_ids: products)."""
    return Q("bool", should=[Q("term", site_ids=str(site_id)), ~Q("exists", field="site_ids")], minimum_should_match=1)


def within(near, radius_km):
    """Documents with a location within ``radius_km`` of ``near``; documents without a
    location (pages, products) are not narrowed by distance. (Elasticsearch measures on the
    same sphere as ``great_circle_km``; a store a centimetre from the edge may fall either way.)"""
    latitude, longitude = near
    return Q(
        "bool",
        should=[
            Q(
                "geo_distance",
                distance=f"{radius_km}km",
                location={"lat": latitude, "lon": longitude},
            ),
            ~Q("exists", field="location"),
        ],
        minimum_should_match=1,
    )


def filter_clauses(request):
    """The bool filter clauses of ``request`` (locale and site, types, SearchFilters, radius)."""
    filters = request.filters
    clauses = [Q("term", locale=request.locale)]
    if request.types:
        clauses.append(Q("terms", type=list(request.types)))
    if request.site_id is not None:
        clauses.append(on_site(request.site_id))
    if filters.page_types:
        clauses.append(Q("terms", page_type=list(filters.page_types)))
    if filters.categories:
        clauses.append(Q("terms", category_slugs=list(filters.categories)))
    if filters.brands:
        clauses.append(Q("terms", brand=list(filters.brands)))
    if filters.price_bands:
        clauses.append(Q("terms", price_band=list(filters.price_bands)))
    for code in filters.services:
        clauses.append(Q("term", services=code))
    if filters.cities:
        clauses.append(Q("terms", city=list(filters.cities)))
    price = {}
    if filters.min_price is not None:
        price["gte"] = float(filters.min_price)
    if filters.max_price is not None:
        price["lte"] = float(filters.max_price)
    if price:
        clauses.append(Q("range", price=price))
    if request.near is not None and request.radius_km is not None:
        clauses.append(within(request.near, request.radius_km))
    return clauses


def sort_clauses(request):
    by_title = [{"title_sort": {"order": "asc"}}, {"key": {"order": "asc"}}]
    if request.sort == "price_asc":
        return [{"price": {"order": "asc", "missing": "_last"}}, *by_title]
    if request.sort == "price_desc":
        return [{"price": {"order": "desc", "missing": "_last"}}, *by_title]
    if request.sort == "name":
        return by_title
    if request.sort == "newest":
        return [{"published_at": {"order": "desc", "missing": "_last"}}, *by_title]
    if request.sort == "distance" and request.near is not None:
        latitude, longitude = request.near
        distance = {
            "_geo_distance": {
                "location": {"lat": latitude, "lon": longitude},
                "order": "asc",
                "unit": "km",
                "distance_type": "arc",
                "ignore_unmapped": True,
            }
        }
        return [distance, *by_title]
    return ["_score", *by_title]


def build_search(request, *, index=None, using=None):
    """The Search for ``request`` (a validated SearchRequest) on ``index``."""
    search = Search(using=using, index=index)
    main = text_query(request.text) if request.text.strip() else Q("match_all")
    search = search.query(Q("bool", must=[main], filter=filter_clauses(request), must_not=[Q("term", deleted=True)]))
    search = search.sort(*sort_clauses(request))
    search = search.extra(from_=request.offset, size=request.limit, track_total_hits=True)
    search = search.source(["type", "object_id", "title", "location"])
    if request.text.strip():
        # Highlighting re-runs the query per hit: a query on the highlighted fields only
        # (not the seven searched ones) keeps that cheap.
        highlight_query = Q(
            "multi_match", query=request.text, fields=list(HIGHLIGHT_FIELDS), fuzziness=FUZZINESS, prefix_length=PREFIX_LENGTH
        )
        search = search.highlight_options(**HIGHLIGHT, highlight_query=highlight_query.to_dict())
        for field, options in HIGHLIGHT_FIELDS.items():
            search = search.highlight(field, **options)
    if request.facets:
        for name, field in FACET_FIELDS.items():
            search.aggs.bucket(name, A("terms", field=field, size=FACET_SIZE, order=[{"_count": "desc"}, {"_key": "asc"}]))
    return search


def read_hit(hit, near=None):
    """A SearchHit from one hit of the raw response (a dict)."""
    source = hit["_source"]
    distance = None
    location = source.get("location")
    if near is not None and location:
        # Our great-circle formula on the stored point, as the database backend and the store
        # locator measure, rather than Elasticsearch's faster approximation.
        distance = great_circle_km(near, (location["lat"], location["lon"]))
    score = hit.get("_score")
    highlights = {field: list(fragments) for field, fragments in hit.get("highlight", {}).items()}
    return SearchHit(
        ref=DocumentRef(source["type"], int(source["object_id"])),
        score=float(score) if score is not None and not math.isnan(score) else 0.0,
        title=source["title"],
        highlights=highlights,
        distance_km=distance,
    )


def read_facets(aggregations):
    """facet name → [FacetValue], most frequent first, then by value."""
    facets = {}
    for name in FACET_FIELDS:
        buckets = aggregations.get(name, {}).get("buckets", [])
        values = [FacetValue(str(bucket["key"]), bucket["doc_count"]) for bucket in buckets]
        facets[name] = sorted(values, key=lambda value: (-value.count, value.value))
    return facets


def build_suggest(prefix, *, types, site_id, size, index=None, using=None):
    """A completion-suggester request: titles completing ``prefix`` in the given types and site."""
    completion = {
        "field": "suggest",
        "size": size,
        "skip_duplicates": True,
        "contexts": {"scope": query_scopes(types, site_id)},
    }
    search = Search(using=using, index=index).extra(size=0).source(["type", "object_id", "title"])
    return search.suggest("titles", prefix, completion=completion)
