"""HTTP caching of /graphql.

Public GET responses (no preview, no session or Authorization, no errors) get a strong ETag
(the hash of the body: an unrelated publish that leaves a response unchanged keeps its
ETag), ``Cache-Control: public``, ``Vary: Accept-Encoding`` and the surrogate keys of the
content they were built from (cms/publishing/surrogate_keys.py: resolvers record them while
the query runs); a matching If-None-Match gets 304 with the same headers. They set no cookie
(graphene-django's view asks for a CSRF cookie: taken back here, the API is CSRF-exempt) and
depend on no request header but the Host and Accept (the media type): the language comes
from the ``locale`` argument (cms/core/middleware.py keeps Accept-Language out). A
server-cache hit, a miss and a 304 carry the same headers. Everything else is ``no-store``
(``private, no-store`` for preview and authenticated requests); POST responses are never
stored by shared caches anyway, and say so.

The optional server-side cache (``ResponseCacheMiddleware``) stores public GET responses —
body, status and headers as they left the middleware below it, ETag and surrogate keys
included — under a key of the request's parameters (query, variables, operation name,
extensions: persisted-query hashes included) and site, labelled with the media type each
request asks for (media_types.py). An entry records the content versions it was built from
(cms/core/content_version.py: those of its site, shared content and sites, read *before* the
query ran) and is only served while they are current: publishing changes a version, so the
old entry is never served again. A response whose execution read stock levels also records
the stock version. The versions and the entry come in one Redis round trip when both are in
Redis (REDIS_URL): the entry of the site this process last resolved the host to, which the
sites version read with it confirms. A hit is answered by the middleware, before URL routing
and the middleware below it, and is rate-limited like any request (with Redis counting, the
count goes in the lookup's round trip: rate_limit.SharedCount).
"""

import hashlib
import json
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from graphene_django.views import GraphQLView
from wagtail.models import Site

from cms.core.content_version import SHARED, SITES, STOCK, STOCK_MODELS, current_versions_with, site_scope
from cms.publishing import surrogate_keys

from .media_types import labelled, unlabelled
from .rate_limit import over_limit, shared_count
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


def shows_graphiql(request):
    return api_setting("GRAPHIQL") and GraphQLView.can_display_graphiql(request, {})


def http_cached(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        def run():
            return without_csrf_cookie(view(request, *args, **kwargs))

        if request.method != "GET":
            return no_store(run())
        if is_private(request):
            return private(run())
        if shows_graphiql(request):
            return view(request, *args, **kwargs)  # the GraphiQL page posts with the CSRF cookie
        return public_get(request, run)

    return wrapper


def public_get(request, run):
    """A GET that may be public: run, then given the public headers when it is. A public
    response notes for the server-side cache whether it read stock levels."""
    with StockReadDetector() as detector, surrogate_keys.collecting() as keys:
        response = run()
    if is_private(request):  # a resolver served a draft
        return private(response)
    if not is_public_result(response):
        return no_store(response)
    keys_value = surrogate_keys.header_value(keys, site_id_for_keys(request, keys))
    if keys_value:
        response[surrogate_keys.header_name()] = keys_value
    response = public(request, response, etag(response.content))
    response.reads_stock = detector.read_stock
    return response


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


def public(request, response, etag):
    """The public headers, on the response or on the 304 that replaces it."""
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=api_setting("HTTP_CACHE_MAX_AGE"),
        stale_while_revalidate=api_setting("HTTP_CACHE_STALE_WHILE_REVALIDATE"),
    )
    patch_vary_headers(response, VARY)
    return conditional(request, response, etag)


def conditional(request, response, etag):
    """``response``, or a 304 when the request's If-None-Match names ``etag``."""
    not_modified = get_conditional_response(request, etag=etag, response=response)
    if not_modified is not response:
        # A cache revalidating with If-None-Match keeps what the 304 says: the same keys.
        for name in ("X-Request-Id", surrogate_keys.header_name()):
            if response.has_header(name):
                not_modified[name] = response[name]
    return not_modified


def is_public_result(response):
    if response.status_code != 200 or not response["Content-Type"].startswith("application/json"):
        return False
    try:
        return "errors" not in json.loads(response.content)
    except ValueError:
        return False


def etag(body):
    return f'"{hashlib.sha256(body).hexdigest()}"'


class ResponseCacheMiddleware:
    """The server-side response cache (``RESPONSE_CACHE``) of public GET /graphql requests.

    Placed early in MIDDLEWARE (after CORS, security and static files, whose headers are added
    to every response anyway): a hit is answered here, rate-limited like any request, without
    URL routing, the middleware below or the view; it replays the headers they gave the
    response it stored. A miss goes on to the view and is stored on its way back when the
    view made it public (``public_get``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def path(self):
        return reverse("graphql")

    def __call__(self, request):
        if request.path_info != self.path or request.method != "GET" or not api_setting("RESPONSE_CACHE"):
            return self.get_response(request)
        if is_private(request) or shows_graphiql(request):
            return self.get_response(request)
        cache = ResponseCache(request)
        count = shared_count(request, cache.store)  # sent with the lookup when Redis counts
        entry, replies = cache.lookup(also=count.queue if count else None)
        if replies is not None:
            refused = count.verdict(replies)  # counted: the view does not count again
        else:
            refused = over_limit(request) if entry is not None else None  # a miss: the view counts
        if refused:
            return labelled(request, refused)
        if entry is not None:
            return hit(request, entry)
        response = self.get_response(request)
        if response.status_code == 200 and getattr(response, "reads_stock", None) is not None:
            cache.keep(response, reads_stock=response.reads_stock)
            response["X-Cache"] = "MISS"
        return response


def hit(request, entry):
    response = HttpResponse(entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Cache"] = "HIT"
    response["X-Request-Id"] = request_id(request)
    return conditional(request, labelled(request, response), entry["etag"])


class ResponseCache:
    """The server-side cache entry of one GET request."""

    # Headers of a stored response that are not the response's: each request has its own.
    PER_REQUEST = frozenset({"x-request-id", "x-cache"})

    def __init__(self, request):
        self.request = request
        self.store = caches[api_setting("RESPONSE_CACHE_ALIAS")]
        self.params = json.dumps(canonical_params(request.GET), sort_keys=True)
        self.versions = {}
        self.site_id = None

    def key(self, site_id):
        return KEY_PREFIX + hashlib.sha256(f"{site_id}:{self.params}".encode()).hexdigest()

    def lookup(self, also=None):
        """``(entry, replies)``: the entry when it was built from the current content, else
        None. Reads the current versions with the entry of the site this process last saw
        serving the host (one round trip when both are in Redis, with the commands
        ``also(pipeline)`` queues: ``replies`` are theirs, None when they were not sent); a
        second read only when the host's site changed."""
        guessed = known_site_id(self.request)
        max_age = api_setting("CONTENT_VERSION_MAX_AGE")
        self.versions, entry, replies = current_versions_with(self.store, self.key(guessed), max_age, also)
        self.site_id = site_id_for_host(self.request, self.versions.get(SITES, 0))
        if self.site_id != guessed:
            entry = self.store.get(self.key(self.site_id))
        if entry is None or entry["versions"] != self.site_versions():
            return None, replies
        if entry["stock"] not in (None, self.versions.get(STOCK, 0)):
            return None, replies
        return entry, replies

    def site_versions(self):
        """The versions a response of the request's site depends on."""
        return [self.versions.get(scope, 0) for scope in (site_scope(self.site_id), SHARED, SITES)]

    def keep(self, response, *, reads_stock):
        """Store ``response`` (built after ``lookup`` read the versions)."""
        entry = {
            "status": response.status_code,
            "headers": unlabelled((name, value) for name, value in response.items() if name.lower() not in self.PER_REQUEST),
            "body": response.content,
            "etag": response["ETag"],
            "versions": self.site_versions(),
            "stock": self.versions.get(STOCK, 0) if reads_stock else None,
        }
        self.store.set(self.key(self.site_id), entry, api_setting("RESPONSE_CACHE_TIMEOUT"))


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


SITE_IDS = {}  # per process: host -> (sites version it was resolved under, site id)


def site_id_for_host(request, sites_version):
    """The id of the site serving the request's host, resolved after ``sites_version`` was
    read and remembered per process until a site changes (Wagtail's ``find_for_request``
    costs a query or a cache read each time)."""
    host = request.get_host()
    known = SITE_IDS.get(host)
    if known is None or known[0] != sites_version:
        if len(SITE_IDS) > 1000:  # a bound against made-up Host headers
            SITE_IDS.clear()
        site = Site.find_for_request(request)
        known = SITE_IDS[host] = (sites_version, site.pk if site else None)
    return known[1]


def known_site_id(request):
    """The site id this process last resolved the request's host to (None when never): the
    site of the cache entry to read before the versions say whether it still holds."""
    return SITE_IDS.get(request.get_host(), (None, None))[1]


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
