"""The store locator on Elasticsearch: ``STORE_LOCATOR["BACKEND"] =
"search.locator.ElasticsearchStoreLocator"``.

Elasticsearch narrows the stores to the circle (a geo_distance filter on the store documents
of every language, through the ``<prefix>-all`` alias); the database then keeps those of
``query.stores`` that pass the store filter, and measures, cuts and orders them exactly as
``DatabaseStoreLocator`` does (``locator.by_distance`` on the stored coordinates), so both
locators return the same stores with the same distances. Elasticsearch's own distance (a
fast haversine on coordinates rounded to about a centimetre) only decides which stores are
read: it is asked for a few metres more than the radius and the exact cut is ours.

Only indexed stores (live and public) can be found: a draft store in ``query.stores`` is
not returned, unlike with the database locator.

When the node cannot answer, the database locator answers instead (logged).
"""

import logging

from cms.stores.listing import filter_stores
from cms.stores.locator import DatabaseStoreLocator, StoreLocator, by_distance

from .backends.base import SearchUnavailable
from .backends.elasticsearch import ElasticsearchSearchBackend
from .breaker import CircuitOpen
from .backends.es_mapping import all_alias_name

logger = logging.getLogger(__name__)

PAGE_SIZE = 5000
# Asked of Elasticsearch beyond the radius: its points are stored rounded to about a
# centimetre and its distance is a fast approximation; the exact cut is ours.
RADIUS_MARGIN_KM = 0.05


def stores_within_query(point, radius_km):
    """The Elasticsearch query for the store documents within ``radius_km`` of ``point``."""
    latitude, longitude = point
    return {
        "bool": {
            "filter": [
                {"term": {"type": "store"}},
                {
                    "geo_distance": {
                        "distance": f"{radius_km + RADIUS_MARGIN_KM}km",
                        "location": {"lat": latitude, "lon": longitude},
                    }
                },
            ],
            "must_not": [{"term": {"deleted": True}}],
        }
    }


class ElasticsearchStoreLocator(StoreLocator):
    """Options: ``backend`` (an ElasticsearchSearchBackend), or the backend's own options
    (``URL``, ``INDEX_PREFIX`` …); by default the configured search backend when it is
    Elasticsearch, else one built from ``SEARCH["OPTIONS"]``."""

    def __init__(self, **options):
        super().__init__(**options)
        self._backend = options.pop("backend", None)
        self._backend_options = options

    @property
    def backend(self):
        if self._backend is None:
            self._backend = self._default_backend()
        return self._backend

    def _default_backend(self):
        if self._backend_options:
            return ElasticsearchSearchBackend(**self._backend_options)
        from .service import get_search_backend
        from .settings import search_setting

        configured = get_search_backend()
        if isinstance(configured, ElasticsearchSearchBackend):
            return configured
        return ElasticsearchSearchBackend(**search_setting("OPTIONS"))

    def search(self, query):
        stores = filter_stores(query.stores, query.store_filter)  # names a bad filter first
        try:
            ids = self.store_ids_within(query.point, query.radius_km)
        except SearchUnavailable as error:
            log = logger.debug if isinstance(error, CircuitOpen) else logger.warning  # the breaker logs once
            log("Store locator: Elasticsearch unavailable (%s); the database answers.", error)
            return DatabaseStoreLocator().search(query)
        return by_distance(stores.filter(pk__in=ids), query.point, query.radius_km)

    def store_ids_within(self, point, radius_km):
        """The page ids of the indexed stores within (about) ``radius_km`` of ``point``."""
        backend = self.backend
        body = {
            "query": stores_within_query(point, radius_km),
            "_source": ["object_id"],
            "sort": [{"key": "asc"}],
            "size": PAGE_SIZE,
        }
        ids = set()
        with backend.searching("finding stores"):
            while True:
                raw = backend.client.search(index=all_alias_name(backend.prefix), body=body).body
                hits = raw["hits"]["hits"]
                ids.update(int(hit["_source"]["object_id"]) for hit in hits)
                if len(hits) < PAGE_SIZE:
                    return ids
                body["search_after"] = hits[-1]["sort"]
