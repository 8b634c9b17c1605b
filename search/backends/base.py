"""The search backend interface: what the storefront API and the indexing pipeline ask of a
search engine. Two implementations pass the same contract tests (tests/search/backend_contract.py):
``search.backends.database.DatabaseSearchBackend`` (the embedded default, built on Wagtail's
own search) and ``search.backends.elasticsearch.ElasticsearchSearchBackend``.

Documents are plain data (``SearchDocument``), built from the models by ``search/documents.py``;
backends never read the models themselves, except the database backend, which may answer from
the database rows directly. Every document has exactly one locale; a page or product
translated into Italian is a second document.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

# Document types and the facets every backend computes.
DOCUMENT_TYPES = ("page", "product", "store")
FACETS = ("type", "page_type", "category", "brand", "price_band", "services", "city", "locale")

# Price bands of the `price_band` facet and filter: (key, lowest price, below this price).
PRICE_BANDS = (
    ("0-25", Decimal("0"), Decimal("25")),
    ("25-50", Decimal("25"), Decimal("50")),
    ("50-100", Decimal("50"), Decimal("100")),
    ("100-250", Decimal("100"), Decimal("250")),
    ("250+", Decimal("250"), None),
)

SORTS = ("relevance", "price_asc", "price_desc", "name", "newest", "distance")


class SearchUnavailable(Exception):
    """The search engine cannot be reached or refused the request (Elasticsearch down,
    timeout, cluster red). Callers fall back to another backend or record the operation.

    ``engine_answered`` is true when the engine itself is fine and said no (an index that is
    missing, documents it refused): a circuit breaker does not count that as a failure."""

    def __init__(self, message="", *, engine_answered=False):
        super().__init__(message)
        self.engine_answered = engine_answered


class InvalidSearchArgument(ValueError):
    """A search argument that cannot be used; ``field`` names it (``query``, ``types``,
    ``filters.priceBand``, ``first``, ``after``, ``sort``, ``prefix`` …)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class DocumentRef:
    """Identifies one document: its type and the primary key of its row (a page, product or
    store page id). Keys are unique across types as ``"<type>:<id>"``."""

    type: str
    id: int

    @property
    def key(self):
        return f"{self.type}:{self.id}"


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing in one language.

    ``title``/``body`` are the main full-text fields (title boosted). Type-specific fields:
    pages: page_type (model name, e.g. "GiftGuidePage"), url_path, site_ids, search_description;
    products: sku, gtin, brand, category_path (names from the root, e.g. ("Kitchen", "Coffee")),
    category_slugs, price, currency; stores: city, address, services (codes), location
    (latitude, longitude), site_ids. Unused fields keep their defaults.
    """

    ref: DocumentRef
    locale: str  # language code, e.g. "en", "it"
    title: str
    body: str = ""
    page_type: str = ""
    url_path: str = ""
    site_ids: tuple = ()  # sites whose tree holds the page/store; empty for products (all sites)
    search_description: str = ""
    sku: str = ""
    gtin: str = ""
    brand: str = ""
    category_path: tuple = ()
    category_slugs: tuple = ()
    price: Decimal | None = None
    currency: str = ""
    city: str = ""
    address: str = ""
    services: tuple = ()
    location: tuple | None = None  # (latitude, longitude)
    published_at: object = None  # datetime of the last publish, for "newest"


@dataclass(frozen=True)
class SearchFilters:
    """Filters; empty means "any". Values within one filter are OR-ed, filters are AND-ed."""

    page_types: tuple = ()
    categories: tuple = ()  # category slugs; a product matches its category or any ancestor
    brands: tuple = ()
    price_bands: tuple = ()  # keys of PRICE_BANDS
    services: tuple = ()  # a store must offer all of them
    cities: tuple = ()
    min_price: Decimal | None = None
    max_price: Decimal | None = None


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    types: tuple = ()  # subset of DOCUMENT_TYPES; empty = all
    locale: str = "en"  # documents of this language only
    site_id: int | None = None  # pages and stores of this site only (products are on every site)
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: str = "relevance"
    near: tuple | None = None  # (latitude, longitude): distance sort and distance_km on stores
    radius_km: float | None = None  # with near: only stores within this distance
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass(frozen=True)
class SearchHit:
    ref: DocumentRef
    score: float
    title: str
    # Highlighted fragments per field ("title", "body"), matched words wrapped in <mark>…</mark>,
    # the rest of the text HTML-escaped.
    highlights: dict = field(default_factory=dict)
    distance_km: float | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResponse:
    hits: list
    total: int
    facets: dict  # facet name (FACETS) -> [FacetValue], most frequent first, then by value
    backend: str  # which backend answered: "elasticsearch" or "database"


@dataclass(frozen=True)
class Suggestion:
    text: str  # the completed title
    ref: DocumentRef


@dataclass(frozen=True)
class RebuildReport:
    documents: int
    seconds: float
    index: str = ""  # the new physical index (Elasticsearch), if any


class SearchBackend(ABC):
    """Implementations take their options as keyword arguments (from ``SEARCH["OPTIONS"]``)."""

    name = ""

    def __init__(self, **options):
        self.options = options

    @abstractmethod
    def search(self, request: SearchRequest) -> SearchResponse: ...

    @abstractmethod
    def suggest(self, prefix: str, *, locale: str, site_id=None, types=(), limit: int = 8) -> list: ...

    @abstractmethod
    def index(self, documents) -> None:
        """Add or replace these documents (an iterable of SearchDocument)."""

    @abstractmethod
    def delete(self, refs) -> None:
        """Remove these documents (an iterable of DocumentRef); unknown ones are ignored."""

    @abstractmethod
    def rebuild(self, documents, *, total=None, progress=None) -> RebuildReport:
        """Replace the whole index by ``documents`` while searches keep answering.
        ``progress(done, total)`` is called as documents are written."""

    def is_available(self) -> bool:
        return True

    def diagnostics(self) -> list:
        """Lines about the engine's health for `search_index status` (nodes, replicas,
        circuit breakers); nothing for an engine that is the database itself."""
        return []


def chunked(iterable, size):
    """Lists of ``size`` items of ``iterable``, the last one shorter (rebuilds read and write
    documents this way)."""
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk
