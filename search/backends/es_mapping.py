"""How search documents are stored in Elasticsearch: the mapping, the per-language analysis
settings, index and alias names, and the conversion of a SearchDocument to its ``_source``.

One index per locale (all three document types together), behind one alias per locale:

- a search always runs in one language and may span types, with facets counted across them,
  so one alias answers it with one request and consistent scores;
- every text field of a locale's index uses the same analyzer, ``content``, defined in the
  index settings as that language's analyzer (``english`` for en, ``italian`` for it, the
  ``standard`` analyzer for languages without one): the mapping itself is the same for every
  locale, declared once as ``SearchEntry``;
- a per-type index would triple the indices and aliases for no gain: the types share most
  fields (title, body, locale, site) and are usually searched together.

Names: the alias ``<prefix>-<locale>``; physical indices ``<prefix>-<locale>-<timestamp>``;
while a rebuild fills a new index it also carries ``<prefix>-<locale>-next`` (so that writes
from any process reach it too); every index of the prefix carries ``<prefix>-all`` (the store
locator searches stores of every language at once).
"""

from datetime import datetime, timezone

from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Double,
    GeoPoint,
    Integer,
    Keyword,
    Text,
)

from .base import PRICE_BANDS

# Language analyzers the node provides (the analysis module / our plugin registers them by
# these names); other languages fall back to the standard analyzer.
LANGUAGE_ANALYZERS = {"en": "english", "it": "italian"}

CONTENT = "content"  # the per-locale analyzer every text field uses


def language_analyzer(locale):
    return LANGUAGE_ANALYZERS.get(locale.split("-")[0].lower(), "standard")


def analysis_settings(locale):
    return {"analyzer": {CONTENT: {"type": language_analyzer(locale)}}}


def text(**kwargs):
    """A text field in the locale's language with an ``.exact`` keyword subfield."""
    return Text(analyzer=CONTENT, fields={"exact": Keyword(ignore_above=256)}, **kwargs)


# Highlighted fields keep their offsets in the postings: the highlighter then reads them
# instead of analysing each hit's text again, which with a fuzzy query over long bodies cost
# hundreds of milliseconds per search (measured on the demo content).
HIGHLIGHTED = {"index_options": "offsets"}


class SearchEntry(Document):
    """One SearchDocument in Elasticsearch. ``_id`` is the ref's key (``"product:12"``)."""

    key = Keyword()  # the ref's key again: a sortable tie-breaker (sorting on _id is off in ES 8)
    type = Keyword()
    object_id = Integer()
    locale = Keyword()
    title = text(**HIGHLIGHTED)
    title_sort = Keyword()  # title.casefold(): "name" sort, independent of analyzers
    body = Text(analyzer=CONTENT, **HIGHLIGHTED)
    search_description = Text(analyzer=CONTENT)
    page_type = Keyword()
    url_path = Keyword(index=False)
    site_ids = Keyword()  # empty: on every site (products)
    sku = Keyword()
    gtin = Keyword()
    codes = Keyword()  # sku and gtin casefolded: a shopper's pasted code, in any case
    brand = Keyword(fields={"text": Text(analyzer=CONTENT)})
    category = Text(analyzer=CONTENT)  # the names of the category path
    category_slugs = Keyword()
    price = Double()  # scaled_float needs the mapper-extras module, which our node has not got
    price_band = Keyword()
    currency = Keyword(index=False)
    city = Keyword(fields={"text": Text(analyzer=CONTENT)})
    address = Text(analyzer=CONTENT)
    services = Keyword()
    location = GeoPoint()
    published_at = Date()
    suggest = Completion(contexts=[{"name": "scope", "type": "category"}])
    # A delete that arrived while a rebuild filled this index: keeps the rebuild from
    # re-creating the document from an older read; removed after the alias swap.
    deleted = Boolean()


def index_settings(locale):
    return {
        "number_of_shards": 1,
        "analysis": analysis_settings(locale),
    }


def replica_settings(replicas):
    """``"auto"``: no replica on a single node, one as soon as the cluster has a second data
    node (Elasticsearch adjusts it as nodes join and leave); a number: exactly that many (a
    replica that no node can hold leaves the index yellow, still serving)."""
    if replicas == "auto":
        return {"auto_expand_replicas": "0-1"}
    return {"number_of_replicas": replicas, "auto_expand_replicas": "false"}


def index_body(locale, **settings):
    """The body of the create-index request for ``locale``."""
    return {
        "settings": {**index_settings(locale), **settings},
        "mappings": SearchEntry._doc_type.mapping.to_dict(),
    }


# --- names ------------------------------------------------------------------------------------


def alias_name(prefix, locale):
    return f"{prefix}-{locale.lower()}"


def next_alias_name(prefix, locale):
    return f"{alias_name(prefix, locale)}-next"


def all_alias_name(prefix):
    return f"{prefix}-all"


def new_index_name(prefix, locale, now=None):
    now = now or datetime.now(timezone.utc)
    return f"{alias_name(prefix, locale)}-{now:%Y%m%d%H%M%S%f}"


# --- documents --------------------------------------------------------------------------------


def price_band(price):
    """The key of the PRICE_BANDS band holding ``price``, or None without a price."""
    if price is None:
        return None
    for key, low, high in PRICE_BANDS:
        if price >= low and (high is None or price < high):
            return key
    return None


def suggest_inputs(title):
    """The title and every tail of it that starts at a word, so that typing any word of the
    title (not only the first) completes it: "Coffee grinder" → ["Coffee grinder", "grinder"]."""
    words = title.split()
    return [" ".join(words[start:]) for start in range(min(len(words), 6))]


def suggest_scopes(document):
    """The completion contexts of a document: its type, and its type on each of its sites (or
    on "all" sites for a document without sites, such as a product). A completion query may
    name one context list only, ORed, so type and site are folded into one value."""
    kind = document.ref.type
    sites = [str(site) for site in document.site_ids] or ["all"]
    return [kind, *(f"{kind}:{site}" for site in sites)]


def query_scopes(types, site_id):
    if site_id is None:
        return list(types)
    return [scope for kind in types for scope in (f"{kind}:{site_id}", f"{kind}:all")]


def entry_source(document):
    """The ``_source`` of ``document`` (a SearchDocument)."""
    source = {
        "key": document.ref.key,
        "type": document.ref.type,
        "object_id": document.ref.id,
        "locale": document.locale,
        "title": document.title,
        "title_sort": document.title.casefold(),
        "body": document.body,
        "search_description": document.search_description,
        "page_type": document.page_type or None,
        "url_path": document.url_path or None,
        "site_ids": [str(site) for site in document.site_ids],
        "sku": document.sku or None,
        "gtin": document.gtin or None,
        "codes": [code.casefold() for code in (document.sku, document.gtin) if code],
        "brand": document.brand or None,
        "category": list(document.category_path),
        "category_slugs": list(document.category_slugs),
        "price": float(document.price) if document.price is not None else None,
        "price_band": price_band(document.price),
        "currency": document.currency or None,
        "city": document.city or None,
        "address": document.address or None,
        "services": list(document.services),
        "location": {"lat": document.location[0], "lon": document.location[1]} if document.location else None,
        "published_at": document.published_at.isoformat() if document.published_at else None,
    }
    if document.title.strip():
        source["suggest"] = {"input": suggest_inputs(document.title), "contexts": {"scope": suggest_scopes(document)}}
    return {name: value for name, value in source.items() if value is not None}


def tombstone_source(ref, locale):
    return {"key": ref.key, "type": ref.type, "object_id": ref.id, "locale": locale, "deleted": True}
