"""The embedded search backend: documents stored in the database (search.models.SearchEntry),
on SQLite or PostgreSQL alike, with no other service to run.

Why not Wagtail's own database search for this? It keeps serving the admin, but it analyses
every row with one text-search configuration (no Italian stemming for Italian documents, and
FTS5 on SQLite has no Italian stemmer at all), has no typo tolerance, no highlighting and no
counts over multi-valued facets. So words are analysed here (database_text.py), matched with
plain SQL on an analysed ``terms`` column, and ranked in Python over the matching rows with
the same field boosts as the Elasticsearch backend. Filters, facets (one GROUP BY), sorting
without text and pagination run in the database.
"""

import math
import time
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q

from cms.stores.geo import bounding_box, great_circle_km

from ..models import SearchEntry, SearchFacetValue, SearchTerm
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
from .database_text import allowed_typos, edit_distance, fold, highlight, terms, words
from .es_mapping import price_band

# Full-text fields of a document and their boosts (as the Elasticsearch backend's).
FIELD_BOOSTS = {
    "title": 4, "brand": 3, "codes": 3, "category": 2, "city": 2, "search_description": 1, "body": 1, "address": 1,
}
EXACT_BOOST = 20  # a query that is a product's SKU or GTIN
TYPO_WEIGHT = 0.5  # a word found only through a typo correction counts half
SUGGEST_WORDS = 6  # like the Elasticsearch backend: completions start at one of the first 6 words
BODY_FRAGMENT = 160
WRITE_BATCH = 500


def field_texts(document):
    return {
        "title": document.title,
        "brand": document.brand,
        "category": " ".join(document.category_path),
        "city": document.city,
        "search_description": document.search_description,
        "body": document.body,
        "address": document.address,
    }


def padded(values):
    """" a b c " — so that `contains " b "` matches a whole value."""
    values = list(values)
    return f" {' '.join(values)} " if values else ""


def entry_for(document):
    texts = field_texts(document)
    analysed = {name: terms(text, document.locale) for name, text in texts.items()}
    analysed["codes"] = words(document.sku) + words(document.gtin)  # "BL-MOKA-3" → bl moka 3
    all_terms = [term for field_terms in analysed.values() for term in field_terms]
    latitude, longitude = document.location or (None, None)
    return SearchEntry(
        key=document.ref.key,
        type=document.ref.type,
        object_id=document.ref.id,
        locale=document.locale,
        title=document.title,
        title_sort=document.title.casefold(),
        terms=padded(dict.fromkeys(all_terms)),
        data={
            "fields": {name: " ".join(field_terms) for name, field_terms in analysed.items()},
            "body": document.body,
            "sku": document.sku,
            "gtin": document.gtin,
        },
        page_type=document.page_type,
        site_ids=padded(str(site) for site in document.site_ids),
        brand=document.brand,
        city=document.city,
        price=document.price,
        price_band=price_band(document.price) or "",
        latitude=latitude,
        longitude=longitude,
        published_at=document.published_at,
    )


def facet_values(document):
    """(facet name, value) pairs of ``document``, as the Elasticsearch backend counts them."""
    single = {
        "type": document.ref.type,
        "page_type": document.page_type,
        "brand": document.brand,
        "price_band": price_band(document.price),
        "city": document.city,
        "locale": document.locale,
    }
    pairs = [(name, value) for name, value in single.items() if value]
    pairs += [("category", slug) for slug in dict.fromkeys(document.category_slugs)]
    pairs += [("services", code) for code in dict.fromkeys(document.services)]
    return pairs


class DatabaseSearchBackend(SearchBackend):
    name = "database"

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
        entries = SearchEntry.objects.bulk_create([entry_for(document) for document in documents])
        if not all(entry.pk for entry in entries):  # backends that do not return ids on bulk insert
            ids = dict(SearchEntry.objects.filter(key__in=[entry.key for entry in entries]).values_list("key", "pk"))
            for entry in entries:
                entry.pk = ids[entry.key]
        SearchFacetValue.objects.bulk_create(
            [
                SearchFacetValue(entry_id=entry.pk, name=name, value=value)
                for entry, document in zip(entries, documents)
                for name, value in facet_values(document)
            ]
        )
        vocabulary = {(entry.locale, term) for entry in entries for term in entry.terms.split() if len(term) <= 100}
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
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) == WRITE_BATCH:
                    self._write(batch)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done, total)
            if batch:
                self._write(batch)
                done += len(batch)
            if progress:
                progress(done, total)
        return RebuildReport(documents=done, seconds=time.monotonic() - started)

    def refresh(self):
        """Writes are visible at once (after their transaction commits)."""

    # --- searching -------------------------------------------------------------------------

    def search(self, request):
        entries = self._filtered(request)
        query_terms = self._query_terms(request.text, request.locale)
        if query_terms or request.text.strip():  # only stop words: nothing matches
            entries = entries.filter(matching(query_terms))
        total = entries.count()
        facets = self._facets(entries) if request.facets else {}
        if query_terms or request.sort == "distance":
            page = self._ranked(entries, request, query_terms)
        else:
            page = [(entry, 0.0) for entry in entries.order_by(*order_by(request.sort))[request.offset : request.offset + request.limit]]
        hits = [self._hit(entry, score, request, query_terms) for entry, score in page]
        return SearchResponse(hits=hits, total=total, facets=facets, backend=self.name)

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
            entries = entries.filter(has_facet("category", filters.categories))
        if filters.brands:
            entries = entries.filter(brand__in=filters.brands)
        if filters.price_bands:
            entries = entries.filter(price_band__in=filters.price_bands)
        for code in filters.services:
            entries = entries.filter(has_facet("services", [code]))
        if filters.cities:
            entries = entries.filter(city__in=filters.cities)
        if filters.min_price is not None:
            entries = entries.filter(price__gte=filters.min_price)
        if filters.max_price is not None:
            entries = entries.filter(price__lte=filters.max_price)
        if request.near is not None and request.radius_km is not None:
            entries = entries.filter(Q(latitude__isnull=True) | Q(pk__in=within(entries, request.near, request.radius_km)))
        return entries

    def _query_terms(self, text, locale):
        """``{term: weight}``: the analysed query words (weight 1) and indexed words within a
        typo or two of them (weight TYPO_WEIGHT)."""
        exact = dict.fromkeys(terms(text, locale), 1.0)
        for word in list(exact):
            for near in self._near_terms(word, locale):
                exact.setdefault(near, TYPO_WEIGHT)
        return exact

    def _near_terms(self, word, locale):
        limit = allowed_typos(word)
        if not limit:
            return []
        candidates = SearchTerm.objects.filter(
            locale=locale, term__startswith=word[0], length__gte=len(word) - limit, length__lte=len(word) + limit
        ).values_list("term", flat=True)
        return [term for term in candidates if term != word and edit_distance(word, term, limit) <= limit]

    def _facets(self, entries):
        rows = (
            SearchFacetValue.objects.filter(entry__in=entries.values("pk"))
            .values_list("name", "value")
            .annotate(count=Count("pk"))
        )
        facets = {name: [] for name in FACETS}
        for name, value, count in rows:
            facets[name].append(FacetValue(value, count))
        return {name: sorted(values, key=lambda value: (-value.count, value.value)) for name, values in facets.items()}

    def _ranked(self, entries, request, query_terms):
        """The requested page of ``entries`` ranked in Python: by score (text), or by ``sort``."""
        rows = list(entries.only("pk", "key", "type", "object_id", "title", "title_sort", "data", "price", "published_at", "latitude", "longitude"))
        exact_text = request.text.strip().casefold()
        scored = [(entry, score(entry, query_terms, exact_text)) for entry in rows]
        scored.sort(key=sort_key(request))
        return scored[request.offset : request.offset + request.limit]

    def _hit(self, entry, score_value, request, query_terms):
        highlights = {}
        if query_terms:
            title = highlight(entry.title, query_terms, request.locale)
            body = highlight(entry.data.get("body", ""), query_terms, request.locale, BODY_FRAGMENT, 2)
            highlights = {name: value for name, value in (("title", title), ("body", body)) if value}
        distance = None
        if request.near is not None and entry.latitude is not None:
            distance = great_circle_km(request.near, (entry.latitude, entry.longitude))
        return SearchHit(
            ref=DocumentRef(entry.type, entry.object_id), score=score_value, title=entry.title, highlights=highlights, distance_km=distance
        )

    # --- suggestions -----------------------------------------------------------------------

    def suggest(self, prefix, *, locale, site_id=None, types=(), limit=8):
        folded = prefix.casefold().strip()
        if not folded:
            return []
        entries = SearchEntry.objects.filter(locale=locale, type__in=types or DOCUMENT_TYPES)
        if site_id is not None:
            entries = entries.filter(Q(site_ids="") | Q(site_ids__contains=f" {site_id} "))
        entries = entries.filter(Q(title_sort__startswith=folded) | Q(title_sort__contains=f" {folded}"))
        suggestions, seen = [], set()
        for entry in entries.order_by("title_sort", "key").only("type", "object_id", "title", "title_sort"):
            tails = entry.title_sort.split()[:SUGGEST_WORDS]
            starts = [" ".join(entry.title_sort.split()[index:]) for index in range(len(tails))]
            if entry.title_sort in seen or not any(start.startswith(folded) for start in starts):
                continue
            seen.add(entry.title_sort)
            suggestions.append(Suggestion(entry.title, DocumentRef(entry.type, entry.object_id)))
            if len(suggestions) == limit:
                break
        return suggestions


# --- query helpers ---------------------------------------------------------------------------


def matching(query_terms):
    condition = Q(pk__in=[])
    for term in query_terms:
        condition |= Q(terms__contains=f" {term} ")
    return condition


def has_facet(name, values):
    return Exists(SearchFacetValue.objects.filter(entry=OuterRef("pk"), name=name, value__in=list(values)))


def within(entries, near, radius_km):
    """Keys of the located ``entries`` within ``radius_km`` of ``near``: a bounding box in SQL,
    then the exact great-circle distance."""
    box = bounding_box(near, radius_km)
    longitudes = Q(pk__in=[])
    for west, east in box.longitude_ranges:
        longitudes |= Q(longitude__gte=west, longitude__lte=east)
    boxed = entries.filter(longitudes, latitude__gte=box.min_latitude, latitude__lte=box.max_latitude)
    return [
        pk
        for pk, latitude, longitude in boxed.values_list("pk", "latitude", "longitude")
        if great_circle_km(near, (latitude, longitude)) <= radius_km
    ]


def order_by(sort):
    by_title = ["title_sort", "key"]
    if sort == "price_asc":
        return [F("price").asc(nulls_last=True), *by_title]
    if sort == "price_desc":
        return [F("price").desc(nulls_last=True), *by_title]
    if sort == "newest":
        return [F("published_at").desc(nulls_last=True), *by_title]
    return by_title


def score(entry, query_terms, exact_text):
    """Sum over the query's terms of the boost of the best field holding each (typo
    corrections weigh less), and a large boost for a query that is the SKU or GTIN."""
    fields = {name: set(text.split()) for name, text in entry.data["fields"].items()}
    total = 0.0
    for term, weight in query_terms.items():
        best = max((FIELD_BOOSTS[name] for name, found in fields.items() if term in found), default=0)
        total += best * weight
    if exact_text and exact_text in (entry.data.get("sku", "").casefold(), entry.data.get("gtin", "").casefold()):
        total += EXACT_BOOST
    return total


def sort_key(request):
    def key(pair):
        entry, entry_score = pair
        tie = (entry.title_sort, entry.key)
        if request.sort == "distance" and request.near is not None:
            distance = great_circle_km(request.near, (entry.latitude, entry.longitude)) if entry.latitude is not None else math.inf
            return (distance, *tie)
        if request.sort in ("price_asc", "price_desc"):
            missing = entry.price is None
            price = entry.price or Decimal(0)
            return (missing, price if request.sort == "price_asc" else -price, *tie)
        if request.sort == "newest":
            stamp = entry.published_at.timestamp() if entry.published_at else -math.inf
            return (-stamp, *tie)
        if request.sort == "name":
            return tie
        return (-entry_score, *tie)

    return key

