"""Search settings: one dict, ``SEARCH`` in Django settings, read here with defaults."""

from cms.core.settings_dicts import settings_dict_reader

DATABASE_BACKEND = "search.backends.database.DatabaseSearchBackend"
ELASTICSEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchSearchBackend"

DEFAULTS = {
    # Dotted path of the SearchBackend class answering the storefront's searches.
    "BACKEND": DATABASE_BACKEND,
    # Keyword arguments for the backend (Elasticsearch: URL, INDEX_PREFIX, TIMEOUT, MAX_RETRIES,
    # REPLICAS, BREAKER_FAILURES, BREAKER_COOLDOWN; search/backends/elasticsearch.py
    # DEFAULT_OPTIONS lists them all with their defaults).
    "OPTIONS": {},
    # Page sizes and the deepest offset a client may ask for.
    "DEFAULT_PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": 50,
    "MAX_OFFSET": 1000,
    # Suggestions returned as the shopper types, when the caller gives no limit.
    "SUGGEST_LIMIT": 8,
    # Index changed pages, products and stores after each commit (off: only `search_index`).
    "AUTO_UPDATE": True,
    # Pending index operations (recorded while the backend was down) are replayed at most this
    # often, in seconds, before a successful index operation.
    "PENDING_REPLAY_INTERVAL": 30,
}


search_setting = settings_dict_reader("SEARCH", DEFAULTS)
