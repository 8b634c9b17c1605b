"""HTTP caching of /graphql.

Public GET responses (no preview, no session or Authorization, no errors) get a strong ETag
(the hash of the body: an unrelated publish that leaves a response unchanged keeps its
ETag), ``Cache-Control: public``, ``Vary: Accept-Encoding`` and the surrogate keys of the
content they were built from (cms/publishing/surrogate_keys.py: resolvers record them while
the query runs); a matching If-None-Match gets 304 with the same headers. They set no cookie
(graphene-django's view asks for a CSRF cookie: taken back here, the API is CSRF-exempt) and
depend on no request header but the Host: the language comes from the ``locale`` argument
(cms/core/middleware.py keeps Accept-Language out). A server-cache hit, a miss and a 304
carry the same headers. Everything else is ``no-store`` (``private, no-store`` for preview
and authenticated requests); POST responses are never stored by shared caches anyway, and
say so.

The optional server-side cache stores public GET bodies under a key of the request's
parameters (query, variables, operation name, extensions: persisted-query hashes included),
site and content versions (cms/core/content_version.py): publishing changes a version, so
the old entries are never read again. A response whose execution read stock levels also
records the stock version and is only reused while it is current. An entry keeps the
response's surrogate keys for its hits.
"""

import hashlib
import json
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from graphene_django.views import GraphQLView
from wagtail.models import Site

from cms.core.content_version import SHARED, SITES, STOCK, STOCK_MODELS, current_versions, site_scope
from cms.publishing import surrogate_keys

from .settings import api_setting

PRIVATE_MARK = "_storefront_private"
KEY_PREFIX = "storefront_api:response:"
# What a public response may vary by besides its URL and Host: compression, when a proxy
# compresses it. Never Cookie or Accept-Language.
VARY = ("Accept-Encoding",)


def mark_private(request):
    """Resolvers call this when a response shows something not everyone may see (a draft)."""
    setattr(request, PRIVATE_MARK, True)


def is_private(request):
    """Preview or a caller who may be authenticated: such responses are never cached."""
    if getattr(request, PRIVATE_MARK, False):
        return True
    if "Authorization" in request.headers or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    return any("previewToken" in value for value in request.GET.values())


def http_cached(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        def run():
            return without_csrf_cookie(view(request, *args, **kwargs))

        if request.method != "GET":
            return no_store(run())
        if is_private(request):
            return private(run())
        if api_setting("GRAPHIQL") and GraphQLView.can_display_graphiql(request, {}):
            return view(request, *args, **kwargs)  # the GraphiQL page posts with the CSRF cookie
        return cached_get(request, run)

    return wrapper


def cached_get(request, run):
    """A GET that may be public: from the server-side cache, or run and then cached."""
    cache = ResponseCache(request) if api_setting("RESPONSE_CACHE") else None
    entry = cache.get() if cache else None
    if entry is not None:
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
        response["X-Cache"] = "HIT"
        response["X-Request-Id"] = request_id(request)
        return public(request, response, entry)
    with StockReadDetector() as detector, surrogate_keys.collecting() as keys:
        response = run()
    if is_private(request):  # a resolver served a draft
        return private(response)
    if not is_public_result(response):
        return no_store(response)
    entry = {
        "body": response.content,
        "content_type": response["Content-Type"],
        "etag": etag(response.content),
        "keys": surrogate_keys.header_value(keys, site_id_for_keys(request, keys)),
    }
    if cache:
        cache.set(entry, reads_stock=detector.read_stock)
        response["X-Cache"] = "MISS"
    return public(request, response, entry)


def without_csrf_cookie(response):
    """graphene-django's GraphQLView asks for a CSRF cookie on every response
    (``ensure_csrf_cookie``); the API is CSRF-exempt and sets no cookie, or a CDN would not
    store its public responses (or store one copy per cookie)."""
    if response.cookies.pop(settings.CSRF_COOKIE_NAME, None) is not None and response.has_header("Vary"):
        vary = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != "cookie"]
        if vary:
            response["Vary"] = ", ".join(vary)
        else:
            del response["Vary"]
    return response


def request_id(request):
    from .views import request_id as incoming_or_new

    return incoming_or_new(request)


def site_id_for_keys(request, keys):
    """The requesting site's id when the response needs its fallback keys (keys that do not
    fit the header): the site resolvers read, else the site of the host."""
    if surrogate_keys.fits(keys):
        return None
    site = getattr(request, "_storefront_site", None) or Site.find_for_request(request)
    return site.pk if site else None


def no_store(response):
    patch_cache_control(response, no_store=True)
    return response


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def public(request, response, entry):
    """The public headers, on the response or on the 304 that replaces it."""
    response["ETag"] = entry["etag"]
    patch_cache_control(
        response,
        public=True,
        max_age=api_setting("HTTP_CACHE_MAX_AGE"),
        stale_while_revalidate=api_setting("HTTP_CACHE_STALE_WHILE_REVALIDATE"),
    )
    patch_vary_headers(response, VARY)
    keys = entry.get("keys")
    if keys:
        response[surrogate_keys.header_name()] = keys
    conditional = get_conditional_response(request, etag=entry["etag"], response=response)
    if conditional is not response:
        # A cache revalidating with If-None-Match keeps what the 304 says: the same keys.
        for name in ("X-Request-Id", surrogate_keys.header_name()):
            if response.has_header(name):
                conditional[name] = response[name]
    return conditional


def is_public_result(response):
    if response.status_code != 200 or not response["Content-Type"].startswith("application/json"):
        return False
    try:
        return "errors" not in json.loads(response.content)
    except ValueError:
        return False


def etag(body):
    return f'"{hashlib.sha256(body).hexdigest()}"'


class ResponseCache:
    """The server-side cache entry of one GET request."""

    def __init__(self, request):
        self.store = caches[api_setting("RESPONSE_CACHE_ALIAS")]
        self.versions = current_versions(max_age=api_setting("CONTENT_VERSION_MAX_AGE"))
        site_id = site_id_for_host(request, self.versions.get(SITES, 0))
        parts = {
            "params": canonical_params(request.GET),
            "site": site_id,
            "versions": [self.versions.get(scope, 0) for scope in (site_scope(site_id), SHARED, SITES)],
        }
        self.key = KEY_PREFIX + hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def get(self):
        entry = self.store.get(self.key)
        if entry is None or entry["stock"] not in (None, self.versions.get(STOCK, 0)):
            return None
        return entry

    def set(self, entry, *, reads_stock):
        entry = {**entry, "stock": self.versions.get(STOCK, 0) if reads_stock else None}
        self.store.set(self.key, entry, api_setting("RESPONSE_CACHE_TIMEOUT"))


def canonical_params(params):
    """The query-string parameters with JSON values (variables, extensions) in one spelling."""
    canonical = {}
    for name, values in params.lists():
        canonical[name] = [canonical_json(value) if name in ("variables", "extensions") else value for value in values]
    return canonical


def canonical_json(text):
    try:
        return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    except ValueError:
        return text  # the view reports the bad JSON; the key just keeps it as sent


SITE_IDS = {}  # per process: (host, sites version) -> site id


def site_id_for_host(request, sites_version):
    """The id of the site serving the request's host, remembered per process until a site
    changes (Wagtail's ``find_for_request`` costs a query each time)."""
    key = (request.get_host(), sites_version)
    if key not in SITE_IDS:
        if len(SITE_IDS) > 1000:  # a bound against made-up Host headers
            SITE_IDS.clear()
        site = Site.find_for_request(request)
        SITE_IDS[key] = site.pk if site else None
    return SITE_IDS[key]


class StockReadDetector:
    """Notes whether the SQL run inside the block reads a stock table."""

    def __init__(self):
        self.read_stock = False
        self.tables = None

    def __enter__(self):
        self.tables = [apps.get_model(label)._meta.db_table for label in STOCK_MODELS]
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapper.__exit__(*exc)

    def __call__(self, execute, sql, params, many, context):
        if not self.read_stock and any(table in sql for table in self.tables):
            self.read_stock = True
        return execute(sql, params, many, context)
