"""The embedded search backend: documents stored in the database (search.models.SearchEntry),
on SQLite or PostgreSQL alike, with no other service to run.

Why not Wagtail's own database search for this? It keeps serving the admin, but it analyses
every row with one text-search configuration (no Italian stemming for Italian documents, and
FTS5 on SQLite has no Italian stemmer at all), has no typo tolerance, no highlighting and no
counts over multi-valued facets.

So words are analysed in Python (database_text.py: the Snowball stemmers of each language),
the same on both databases, and stored with a weight class per field in the database's own
full-text index (a tsvector with a GIN index on PostgreSQL, an FTS5 table on SQLite:
database_sql.py). A search is answered in the database: the text becomes a TextQuery
(database_query.py, where typo corrections are added), the page of hits is one query that
matches, scores with the Elasticsearch backend's field boosts, sorts and slices; the total and
every facet count are one GROUP BY over the matches. Only the page's hits come back to Python,
for their highlights.
"""

import math
import time
from collections import Counter

from django.core.exceptions import EmptyResultSet
from django.db import connections, router, transaction
from django.db.models import BooleanField, Case, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.db.models.lookups import LessThanOrEqual

from cms.stores.geo import EARTH_RADIUS_KM, bounding_box, great_circle_km

from ..models import SearchCompletion, SearchEntry, SearchFacetValue, SearchTerm
from .base import (
    DOCUMENT_TYPES,
    FACETS,
    DocumentRef,
    FacetValue,
    RebuildReport,
    SearchBackend,
    SearchHit,
    SearchResponse,
    Suggestion,
)
from .database_query import build_text_query
from .database_sql import FACET_COLUMNS, text_index
from .database_text import correctable, fold, highlight, terms
from .es_mapping import price_band

CODE_BOOST = 20  # a query that is a product's SKU or GTIN, as the Elasticsearch backend's
SUGGEST_WORDS = 6  # like the Elasticsearch backend: completions start at one of the first 6 words
TAIL_LENGTH = 120  # longer than any prefix the API accepts (search.service.MAX_PREFIX_LENGTH)
BODY_FRAGMENT = 160
WRITE_BATCH = 500


def weighted_terms(document):
    """The analysed words of ``document`` per weight class (database_sql.WEIGHT_CLASSES):
    A the title, B brand, SKU and GTIN, C category names and city, D the rest."""
    locale = document.locale

    def analysed(*texts):
        return [term for text in texts for term in terms(text, locale)]

    return {
        "A": analysed(document.title),
        "B": analysed(document.brand, document.sku, document.gtin),
        "C": analysed(*document.category_path, document.city),
        "D": analysed(document.search_description, document.body, document.address),
    }


def padded(values):
    """" a b c " — so that `contains " b "` matches a whole value."""
    values = list(values)
    return f" {' '.join(values)} " if values else ""


def entry_for(document, weighted):
    latitude, longitude = document.location or (None, None)
    return SearchEntry(
        key=document.ref.key,
        type=document.ref.type,
        object_id=document.ref.id,
        locale=document.locale,
        title=document.title,
        title_sort=document.title.casefold(),
        terms="",  # the previous release's columns (search.models.SearchEntry)
        data={"fields": {}},
        body=document.body,
        codes=padded(code.casefold() for code in (document.sku, document.gtin) if code),
        page_type=document.page_type,
        site_ids=padded(str(site) for site in document.site_ids),
        brand=document.brand,
        city=document.city,
        category_path="".join(f"/{slug}" for slug in document.category_slugs) + "/" if document.category_slugs else "",
        services=padded(dict.fromkeys(document.services)),
        price=document.price,
        price_band=price_band(document.price) or "",
        latitude=latitude,
        longitude=longitude,
        published_at=document.published_at,
        vector=weighted,
    )


def completions_for(entry):
    """The entry's title from each of its first SUGGEST_WORDS words on, folded."""
    title_words = fold(entry.title).split()
    tails = dict.fromkeys(" ".join(title_words[start:])[:TAIL_LENGTH] for start in range(min(len(title_words), SUGGEST_WORDS)))
    return [
        SearchCompletion(entry_id=entry.pk, locale=entry.locale, type=entry.type, site_ids=entry.site_ids, tail=tail, title_sort=entry.title_sort)
        for tail in tails
    ]


class DatabaseSearchBackend(SearchBackend):
    name = "database"

    def _text_index(self):
        return text_index(router.db_for_write(SearchEntry))

    # --- writing ---------------------------------------------------------------------------

    def index(self, documents):
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) == WRITE_BATCH:
                self._write(batch)
                batch = []
        if batch:
            self._write(batch)

    @transaction.atomic
    def _write(self, documents):
        documents = list({document.ref.key: document for document in documents}.values())
        SearchEntry.objects.filter(key__in=[document.ref.key for document in documents]).delete()
        self._insert(documents)

    def _insert(self, documents):
        weighted = [weighted_terms(document) for document in documents]
        entries = SearchEntry.objects.bulk_create([entry_for(document, terms) for document, terms in zip(documents, weighted)])
        if not all(entry.pk for entry in entries):  # backends that do not return ids on bulk insert
            ids = dict(SearchEntry.objects.filter(key__in=[entry.key for entry in entries]).values_list("key", "pk"))
            for entry in entries:
                entry.pk = ids[entry.key]
        self._text_index().write([(entry.pk, terms) for entry, terms in zip(entries, weighted)])
        SearchCompletion.objects.bulk_create([completion for entry in entries for completion in completions_for(entry)])
        vocabulary = {
            (entry.locale, term) for entry, terms in zip(entries, weighted) for found in terms.values() for term in found if correctable(term)
        }
        SearchTerm.objects.bulk_create(
            [SearchTerm(locale=locale, term=term, length=len(term)) for locale, term in vocabulary], ignore_conflicts=True
        )

    def delete(self, refs):
        SearchEntry.objects.filter(key__in=[ref.key for ref in refs]).delete()

    def rebuild(self, documents, *, total=None, progress=None):
        """Replace every entry in one transaction: searches see the old entries until it commits."""
        started = time.monotonic()
        done = 0
        with transaction.atomic():
            self._delete_everything()
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) == WRITE_BATCH:
                    self._insert(list({document.ref.key: document for document in batch}.values()))
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done, total)
            if batch:
                self._insert(list({document.ref.key: document for document in batch}.values()))
                done += len(batch)
            if progress:
                progress(done, total)
        self._analyze()
        return RebuildReport(documents=done, seconds=time.monotonic() - started)

    def _analyze(self):
        """Fresh planner statistics of the rewritten tables. SQLite has none until ANALYZE runs,
        and without them it reads a brand's products through the listing index (every product
        of the language) instead of the brand index: 0.9 s against 0.05 s at 100,000 products."""
        with connections[router.db_for_write(SearchEntry)].cursor() as cursor:
            for model in (SearchEntry, SearchCompletion, SearchTerm):
                cursor.execute(f"ANALYZE {model._meta.db_table}")

    def _delete_everything(self):
        """Plain DELETEs, without loading every entry as the ORM's cascade would."""
        self._text_index().clear()
        with connections[router.db_for_write(SearchEntry)].cursor() as cursor:
            for model in (SearchCompletion, SearchFacetValue, SearchEntry, SearchTerm):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")

    def refresh(self):
        """Writes are visible at once (after their transaction commits)."""

    # --- searching -------------------------------------------------------------------------

    def search(self, request):
        index = self._text_index()
        query = build_text_query(request.text, request.locale, index)
        if query is not None and query.matches_nothing:  # only stop words
            return SearchResponse(hits=[], total=0, facets=empty_facets() if request.facets else {}, backend=self.name)
        entries = self._filtered(request)
        if query is not None:
            entries = entries.filter(index.match(query))
        if request.near is not None:
            entries = entries.annotate(distance=distance_km(request.near))
        page = entries.annotate(score=self._score(index, query)).order_by(*ordering(request))
        rows = list(page.values_list("pk", "score")[request.offset : request.offset + request.limit])
        if request.facets:
            total, facets = self._count(index, entries)
        elif 0 < len(rows) < request.limit:  # the last page: no need to count
            total, facets = request.offset + len(rows), {}
        else:
            total, facets = entries.count(), {}
        hits = self._hits(rows, request, query)
        return SearchResponse(hits=hits, total=total, facets=facets, backend=self.name)

    def _score(self, index, query):
        if query is None:
            return Value(0.0, output_field=FloatField())
        exact_code = Case(When(codes__contains=f" {query.code} ", then=Value(float(CODE_BOOST))), default=Value(0.0))
        return index.score(query) + exact_code

    def _filtered(self, request):
        filters = request.filters
        entries = SearchEntry.objects.filter(locale=request.locale)
        if request.types:
            entries = entries.filter(type__in=request.types)
        if request.site_id is not None:
            entries = entries.filter(Q(site_ids="") | Q(site_ids__contains=f" {request.site_id} "))
        if filters.page_types:
            entries = entries.filter(page_type__in=filters.page_types)
        if filters.categories:
            entries = entries.filter(any_of("category_path__contains", [f"/{slug}/" for slug in filters.categories]))
        if filters.brands:
            entries = entries.filter(brand__in=filters.brands)
        if filters.price_bands:
            entries = entries.filter(price_band__in=filters.price_bands)
        for code in filters.services:
            entries = entries.filter(services__contains=f" {code} ")
        if filters.cities:
            entries = entries.filter(city__in=filters.cities)
        if filters.min_price is not None:
            entries = entries.filter(price__gte=filters.min_price)
        if filters.max_price is not None:
            entries = entries.filter(price__lte=filters.max_price)
        if request.near is not None and request.radius_km is not None:
            entries = entries.filter(Q(latitude__isnull=True) | within(request.near, request.radius_km))
        return entries

    def _count(self, index, entries):
        """``(total, facets)`` of ``entries``: one GROUP BY over them, in the database."""
        matched = entries.values(*FACET_COLUMNS)
        try:
            sql, params = matched.query.get_compiler(using=matched.db).as_sql()
        except EmptyResultSet:
            return 0, empty_facets()
        total, counts = 0, {name: Counter() for name in FACETS}
        for column, value, count in index.facet_rows(sql, params):
            if column is None:
                total = count
            elif column == "category_path":
                for slug in dict.fromkeys(value.strip("/").split("/")) if value else ():
                    counts["category"][slug] += count
            elif column == "services":
                for code in value.split():
                    counts["services"][code] += count
            elif value:
                counts[column][value] += count
        facets = {
            name: [FacetValue(value, count) for value, count in sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))]
            for name, found in counts.items()
        }
        return total, facets

    def _hits(self, rows, request, query):
        shown = SearchEntry.objects.only("type", "object_id", "title", "body", "latitude", "longitude")
        found = shown.in_bulk([pk for pk, _ in rows])
        highlighted = query is not None
        hits = []
        for pk, score in rows:
            entry = found[pk]
            highlights = {}
            if highlighted:
                title = highlight(entry.title, query.terms, request.locale)
                body = highlight(entry.body, query.terms, request.locale, BODY_FRAGMENT, 2)
                highlights = {name: value for name, value in (("title", title), ("body", body)) if value}
            distance = None
            if request.near is not None and entry.latitude is not None:
                distance = great_circle_km(request.near, (entry.latitude, entry.longitude))
            hits.append(
                SearchHit(ref=DocumentRef(entry.type, entry.object_id), score=float(score), title=entry.title, highlights=highlights, distance_km=distance)
            )
        return hits

    # --- suggestions -----------------------------------------------------------------------

    def suggest(self, prefix, *, locale, site_id=None, types=(), limit=8):
        """Titles with a word among their first SUGGEST_WORDS starting with ``prefix``, in the
        order of the completed words, each title once. One query walks the completions' index
        from ``prefix`` on, one step per distinct (completion, title), so that the many entries
        of a common title ("Linen Bowl" ×300) are skipped in one index descent each."""
        folded = " ".join(fold(prefix).split())
        if not folded:
            return []
        completions = SearchCompletion.objects.filter(locale=locale, tail__gte=folded)
        if folded[-1] != chr(0x10FFFF):
            completions = completions.filter(tail__lt=folded[:-1] + chr(ord(folded[-1]) + 1))
        if set(types or DOCUMENT_TYPES) != set(DOCUMENT_TYPES):
            completions = completions.filter(type__in=types)
        if site_id is not None:
            completions = completions.filter(Q(site_ids="") | Q(site_ids__contains=f" {site_id} "))
        # Each title at most once; a title met again under another of its words takes a step
        # too, so at most 3 × limit steps (as many as a title has words, SUGGEST_WORDS, at worst).
        found = distinct_completions(completions, 3 * limit)
        suggestions, seen = [], set()
        for title_sort, title, kind, object_id in found:
            if title_sort not in seen:
                seen.add(title_sort)
                suggestions.append(Suggestion(title, DocumentRef(kind, object_id)))
                if len(suggestions) == limit:
                    break
        return suggestions


# --- query helpers ---------------------------------------------------------------------------


def empty_facets():
    return {name: [] for name in FACETS}


def any_of(lookup, values):
    condition = Q(pk__in=[])
    for value in values:
        condition |= Q(**{lookup: value})
    return condition


def distinct_completions(completions, steps):
    """``[(title_sort, title, type, object_id)]`` of the first ``steps`` distinct (tail,
    title_sort) of ``completions`` in index order, each with its first entry: a recursive query
    whose every step is one descent of search_completion_prefix_idx past the previous pair."""
    table = SearchCompletion._meta.db_table
    first = completions.order_by("tail", "title_sort", "entry_id").values("pk")[:1]
    following = (
        completions.filter(RawSQL(f'("{table}"."tail", "{table}"."title_sort") > (found.tail, found.title_sort)', [], output_field=BooleanField()))
        .order_by("tail", "title_sort", "entry_id")
        .values("pk")[:1]
    )
    connection = connections[completions.db]
    try:
        first_sql, first_params = first.query.get_compiler(connection=connection).as_sql()
        next_sql, next_params = following.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return []
    entries = SearchEntry._meta.db_table
    sql = f"""
        WITH RECURSIVE found(tail, title_sort, entry_id, step) AS (
            SELECT c.tail, c.title_sort, c.entry_id, 1 FROM {table} c WHERE c.id = ({first_sql})
            UNION ALL
            SELECT c.tail, c.title_sort, c.entry_id, found.step + 1 FROM found, {table} c
            WHERE found.step < %s AND c.id = ({next_sql})
        )
        SELECT found.title_sort, e.title, e.type, e.object_id
        FROM found JOIN {entries} e ON e.id = found.entry_id
        ORDER BY found.step"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*first_params, steps, *next_params])
        return cursor.fetchall()


def distance_km(near):
    """The great-circle distance from ``near`` to the entry's location, in SQL (the haversine
    formula of cms.stores.geo.great_circle_km); NULL for entries without a location."""
    latitude, longitude = math.radians(near[0]), math.radians(near[1])
    half_dlat = (Radians(F("latitude")) - Value(latitude)) / 2
    half_dlon = (Radians(F("longitude")) - Value(longitude)) / 2
    h = Power(Sin(half_dlat), 2) + Value(math.cos(latitude)) * Cos(Radians(F("latitude"))) * Power(Sin(half_dlon), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(Least(Value(1.0), h)))


def within(near, radius_km):
    """Located entries within ``radius_km`` of ``near``: the bounding box (indexed columns),
    then the exact distance."""
    box = bounding_box(near, radius_km)
    longitudes = Q(pk__in=[])
    for west, east in box.longitude_ranges:
        longitudes |= Q(longitude__gte=west, longitude__lte=east)
    return Q(longitudes, LessThanOrEqual(distance_km(near), radius_km), latitude__gte=box.min_latitude, latitude__lte=box.max_latitude)


def ordering(request):
    by_title = ["title_sort", "key"]
    if request.sort == "price_asc":
        return [F("price").asc(nulls_last=True), *by_title]
    if request.sort == "price_desc":
        return [F("price").desc(nulls_last=True), *by_title]
    if request.sort == "newest":
        return [F("published_at").desc(nulls_last=True), *by_title]
    if request.sort == "distance" and request.near is not None:
        return [F("distance").asc(nulls_last=True), *by_title]
    if request.sort == "relevance":
        return [F("score").desc(), *by_title]
    return by_title

