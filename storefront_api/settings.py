"""The API's settings: one dict, ``STOREFRONT_API`` in Django settings, read here with defaults."""

from cms.core.settings_dicts import settings_dict_reader

DEFAULTS = {
    # Page size of connections when the client gives no `first`/`last`, and the hard cap.
    "DEFAULT_PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": 100,
    # Limits on one operation, checked before it runs (storefront_api/validation.py); None or
    # 0 switches one off. The length counts characters of the query text; the cost counts
    # each field once per item its lists may return.
    "MAX_QUERY_LENGTH": 20_000,
    "MAX_DEPTH": 12,
    "MAX_ALIASES": 30,
    # The most times one selection set may select the same field (or spread the same
    # fragment): checked before the standard rules, whose merge check is quadratic in it.
    "MAX_REPEATED_FIELDS": 20,
    "MAX_COST": 1_000_000,
    # Operations one POST may carry as a JSON list.
    "MAX_BATCH": 10,
    # Persisted queries: "off", "automatic" (clients register a query by sending it with its
    # sha256 once) or "registered-only" (only queries registered with `register_queries`).
    "PERSISTED_QUERIES": "automatic",
    # Most queries stored automatically (clients' hashes with their text); beyond it the least
    # recently used are removed. Registered queries do not count. 0: no cap.
    "PERSISTED_QUERIES_MAX": 10_000,
    # Unexpected errors always reach clients as "Internal server error" with a request id;
    # this adds the original message (never in production).
    "SHOW_ERROR_DETAILS": False,
    # GraphiQL and introspection: on in development, off in production unless configured.
    "GRAPHIQL": False,
    "INTROSPECTION": False,
    # Image renditions callers may ask for: widths (and heights) and formats.
    "IMAGE_SIZES": [160, 320, 480, 640, 800, 960, 1200, 1600, 2000],
    "IMAGE_FORMATS": ["jpeg", "png", "webp", "avif"],
    # Headless draft preview: the frontend URL the Preview button opens (the token is appended)
    # and how long a token stays valid.
    "PREVIEW_URL": "",
    "PREVIEW_TOKEN_MAX_AGE": 3600,
    # HTTP caching of public GET responses (storefront_api/http_cache.py): seconds a browser
    # or CDN may reuse a response, and may serve it stale while revalidating.
    "HTTP_CACHE_MAX_AGE": 60,
    "HTTP_CACHE_STALE_WHILE_REVALIDATE": 30,
    # Server-side response cache: on/off, the Django cache alias, seconds an entry lives
    # (it also bounds how stale time-dependent fields such as "open now" may get).
    "RESPONSE_CACHE": True,
    "RESPONSE_CACHE_ALIAS": "default",
    "RESPONSE_CACHE_TIMEOUT": 60,
    # Seconds a process may reuse the content versions it read (0: read them per request).
    "CONTENT_VERSION_MAX_AGE": 0,
    # Rate limiting per client address (storefront_api/rate_limit.py): "<count>/<second|
    # minute|hour|day>", or "" to turn it off; the Django cache alias that counts requests;
    # the number of reverse proxies in front of the app whose X-Forwarded-For is trusted.
    "RATE_LIMIT": "300/minute",
    "RATE_LIMIT_CACHE_ALIAS": "default",
    # Image renditions rendered on their first fetch (images/views.py), per client address;
    # fetches of renditions that exist are not counted.
    "RENDITION_RATE_LIMIT": "60/minute",
    "TRUSTED_PROXY_COUNT": 0,
}


api_setting = settings_dict_reader("STOREFRONT_API", DEFAULTS)
