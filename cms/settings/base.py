"""Settings shared by every environment. Values that differ per deployment come from
the environment (see cms/settings/env.py and docs/configuration.md)."""

import re
from pathlib import Path

import dj_database_url

from cms.core.validators import place_time_zone_names

from .env import env_bool, env_choice, env_float, env_int, env_int_or_word, env_list, env_origins, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CMS_DIR = BASE_DIR / "cms"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Content domains (one app per domain; labels are explicit in each AppConfig)
    "cms.core",
    "cms.stores",
    "cms.catalog",
    "cms.guides",
    "cms.stories",
    "cms.policies",
    "cms.offers",
    "cms.demo",
    "cms.publishing",
    "storefront_api",
    "search",
    "themes",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "graphene_django",
    "corsheaders",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: it answers CORS preflights and adds CORS headers to whatever the others answer.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers server-side response cache hits of GET /graphql before the rest of the stack
    # (storefront_api/http_cache.py); the headers the middleware below added are stored with them.
    "storefront_api.http_cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.core.middleware.ContentLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
                "themes.storefront.today.chosen_day_theme",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes from several requests at once (autosave and the live preview post
    # while an editor types): transactions take SQLite's write lock when they begin and wait
    # for it, instead of failing with "database is locked" when a reader starts writing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Italian content, store hours computed per store zone.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("it", "Italiano")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [CMS_DIR / "locale"]
# Paths whose language comes from the request's own arguments, never from Accept-Language
# (cms/core/middleware.py): the GraphQL API (its `locale` argument), image renditions, theme
# style sheets, QR codes and stock ingestion. Their responses do not vary by language.
LANGUAGE_NEUTRAL_PATHS = r"^/(graphql$|images/|themes/|qr/|api/)"

# State shared by the app servers (docs/deployment.md "Shared state"). With REDIS_URL, Django's
# cache is Redis (Django's RedisCache, made safe to lose: cms/core/cache.py): the API's response
# cache, rate-limit counts, Wagtail's caches; and readers take the content versions from it
# (cms/core/version_stores.py). Without it each process caches in its own memory and reads the
# versions from the database: right for one process (make demo), counted per process otherwise.
REDIS_URL = env_str("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.core.cache.SharedRedisCache",
            "LOCATION": REDIS_URL,
            # Several installations may share a Redis server, each in a database of its own
            # (the number at the end of REDIS_URL): clearing the cache empties that database.
            "KEY_PREFIX": env_str("REDIS_KEY_PREFIX", "storefront"),
            "OPTIONS": {"SOCKET_TIMEOUT": env_float("REDIS_TIMEOUT", 0.25), "RETRY_SECONDS": 2},
        }
    }
    CONTENT_VERSIONS = {"BACKEND": "cms.core.version_stores.RedisVersionStore", "OPTIONS": {"CACHE_ALIAS": "default"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CONTENT_VERSIONS = {"BACKEND": "cms.core.version_stores.DatabaseVersionStore"}

# Static files: whitenoise serves them, compressed and with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Media (MEDIA_ROOT, MEDIA_URL) holds images and their renditions only: anyone may download it,
# from a CDN or object storage. Document files live apart, in the "documents" storage, and are
# served only by Wagtail's view at /documents/<id>/<name> after it checks the collection's
# privacy (cms/core/documents.py; docs/operations.md "Media and documents").
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
DOCUMENTS_ROOT = Path(env_str("DOCUMENTS_ROOT") or BASE_DIR / "private-documents")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {"BACKEND": "cms.core.documents.PrivateFileSystemStorage", "OPTIONS": {"location": DOCUMENTS_ROOT}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# CORS (django-cors-headers; docs/frontends.md): pages on the origins in CORS_ALLOWED_ORIGINS
# may call /graphql from the browser and read what frontends load from us (theme CSS, QR codes,
# image renditions, media), without credentials: the public API needs no cookies. None by
# default (dev.py allows localhost). The methods and headers are those clients send: Apollo
# Client adds its client-awareness and CSRF-prevention headers, urql and graphql-request only
# Accept and Content-Type.
CORS_ALLOWED_ORIGINS = env_origins("CORS_ALLOWED_ORIGINS")
_cors_paths = ["graphql$", "themes/", "qr/", "images/"]
if MEDIA_URL.startswith("/"):  # media on this host (Django serves it with DEBUG; else the web server)
    _cors_paths.append(re.escape(MEDIA_URL.lstrip("/")))
CORS_URLS_REGEX = rf"^/({'|'.join(_cors_paths)})"
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "if-none-match",
    "x-request-id",
    "apollographql-client-name",
    "apollographql-client-version",
    "apollographql-library-name",
    "apollographql-library-version",
    "apollo-require-preflight",
    "x-apollo-operation-name",
]
# Readable by the page's script besides the CORS-safelisted ones (Cache-Control, Content-Type, …).
CORS_EXPOSE_HEADERS = ["ETag", "X-Request-Id", "X-Cache", "Retry-After"]
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Storefront content")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_DOCUMENT_MODEL = "core.ProtectedDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The view sends the file through cms/core/documents.py: streamed by Django, or with
# X-Accel-Redirect (nginx) / X-Sendfile (Apache mod_xsendfile, lighttpd) by the web server.
SENDFILE_BACKEND = "cms.core.documents"
DOCUMENTS = {
    "SENDFILE": env_choice("DOCUMENTS_SENDFILE", ["", "nginx", "xsendfile"], ""),
    "SENDFILE_URL": env_str("DOCUMENTS_SENDFILE_URL", "/internal-documents/"),
}
# The admin works on a network without internet: no avatars from gravatar.com (editors
# may upload a profile picture) and no check for newer Wagtail releases on the dashboard.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors see and type date-times (scheduled publishing, offer validity) in their own time
# zone, chosen in Account → Preferences among the zones named after a place. A new editor
# starts in ADMIN_TIME_ZONE (cms/core/accounts.py): the chain's head office, where most of
# its editors work. Store hours are always in the store's own zone, whatever the editor's.
WAGTAIL_USER_TIME_ZONES = place_time_zone_names()
ADMIN_TIME_ZONE = env_str("ADMIN_TIME_ZONE", "Europe/Rome")
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Video embeds are recognised offline (no oEmbed calls at run time); see cms/core/embeds.py.
WAGTAILEMBEDS_FINDERS = [{"class": "cms.core.embeds.OfflineVideoFinder"}]
# Admin search (pages, snippets) uses Wagtail's own database search backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")

# Storefront search (search/settings.py lists every key and its default): Elasticsearch when
# ELASTICSEARCH_URL is set (one node, or every node of a cluster, comma-separated), otherwise
# the embedded database backend. Queries fall back to the database while Elasticsearch is
# unreachable; missed index operations are replayed later.
SEARCH = {
    "BACKEND": (
        "search.backends.elasticsearch.ElasticsearchSearchBackend"
        if ELASTICSEARCH_URL
        else "search.backends.database.DatabaseSearchBackend"
    ),
    "OPTIONS": {
        "URL": ELASTICSEARCH_URL,
        "INDEX_PREFIX": env_str("SEARCH_INDEX_PREFIX", "storefront"),
        "TIMEOUT": env_float("SEARCH_TIMEOUT", 0.5),
        "REPLICAS": env_int_or_word("SEARCH_INDEX_REPLICAS", "auto", "auto"),
        "BREAKER_FAILURES": env_int("SEARCH_BREAKER_FAILURES", 3),
        "BREAKER_COOLDOWN": env_float("SEARCH_BREAKER_COOLDOWN", 10),
    }
    if ELASTICSEARCH_URL
    else {},
    "AUTO_UPDATE": env_bool("SEARCH_AUTO_UPDATE", True),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The storefront GraphQL API (storefront_api/settings.py lists every key and its default).
GRAPHENE = {"SCHEMA": "storefront_api.schema.schema"}
STOREFRONT_API = {
    "GRAPHIQL": env_bool("GRAPHQL_GRAPHIQL", DEBUG),
    "INTROSPECTION": env_bool("GRAPHQL_INTROSPECTION", DEBUG),
    "PREVIEW_URL": env_str("PREVIEW_URL", ""),
    "PREVIEW_TOKEN_MAX_AGE": env_int("PREVIEW_TOKEN_MAX_AGE", 3600),
    # Production limits and persisted queries (docs/api.md "Limits", "Persisted queries").
    "MAX_QUERY_LENGTH": env_int("GRAPHQL_MAX_QUERY_LENGTH", 20_000),
    "MAX_DEPTH": env_int("GRAPHQL_MAX_DEPTH", 12),
    "MAX_ALIASES": env_int("GRAPHQL_MAX_ALIASES", 30),
    "MAX_REPEATED_FIELDS": env_int("GRAPHQL_MAX_REPEATED_FIELDS", 20),
    "MAX_COST": env_int("GRAPHQL_MAX_COST", 1_000_000),
    "MAX_BATCH": env_int("GRAPHQL_MAX_BATCH", 10),
    "PERSISTED_QUERIES": env_str("GRAPHQL_PERSISTED_QUERIES", "automatic"),
    "PERSISTED_QUERIES_MAX": env_int("GRAPHQL_PERSISTED_QUERIES_MAX", 10_000),
    "SHOW_ERROR_DETAILS": env_bool("GRAPHQL_SHOW_ERROR_DETAILS", False),
    # HTTP caching and rate limiting (docs/caching.md, docs/api.md "Rate limiting").
    "HTTP_CACHE_MAX_AGE": env_int("GRAPHQL_CACHE_MAX_AGE", 60),
    "HTTP_CACHE_STALE_WHILE_REVALIDATE": env_int("GRAPHQL_CACHE_STALE_WHILE_REVALIDATE", 30),
    "RESPONSE_CACHE": env_bool("GRAPHQL_RESPONSE_CACHE", True),
    "RESPONSE_CACHE_TIMEOUT": env_int("GRAPHQL_RESPONSE_CACHE_TIMEOUT", 60),
    "CONTENT_VERSION_MAX_AGE": env_int("GRAPHQL_CONTENT_VERSION_MAX_AGE", 0),
    "RATE_LIMIT": env_str("GRAPHQL_RATE_LIMIT", "300/minute"),
    "RENDITION_RATE_LIMIT": env_str("IMAGE_RENDITION_RATE_LIMIT", "60/minute"),
    "TRUSTED_PROXY_COUNT": env_int("TRUSTED_PROXY_COUNT", 0),
}

# Store locator (cms/stores/locator.py lists every key and its default): the implementation
# of "stores near a point" and the largest radius and result size callers may ask for.
STORE_LOCATOR = {
    "BACKEND": "cms.stores.locator.DatabaseStoreLocator",
    "MAX_RADIUS_KM": 20_000,
    "MAX_LIMIT": 1_000,
}

# Stock ingestion (cms/catalog/stock.py lists every key and its default): rows per batch,
# the largest HTTP body, and how far ahead of the server's clock a source timestamp may be.
STOCK_INGESTION = {
    "MAX_ROWS": env_int("STOCK_MAX_ROWS", 5_000),
    "MAX_BODY_BYTES": env_int("STOCK_MAX_BODY_BYTES", 2_000_000),
    "MAX_FUTURE_SECONDS": 300,
}

# Stock bands shown to shoppers (cms/catalog/availability.py): at most OUT units is "out of
# stock" (raise it to hold back safety stock), at most LOW is "low stock".
STOCK_OUT_THRESHOLD = env_int("STOCK_OUT_THRESHOLD", 0)
STOCK_LOW_THRESHOLD = env_int("STOCK_LOW_THRESHOLD", 3)

# Content events, publish webhooks and incremental sync (cms/publishing/settings.py lists
# every key and its default). `manage.py deliver_webhooks` sends the webhooks.
PUBLISHING = {
    "EVENT_RETENTION_DAYS": env_int("PUBLISHING_EVENT_RETENTION_DAYS", 90),
    "DELIVERY_TIMEOUT_SECONDS": env_int("WEBHOOK_TIMEOUT_SECONDS", 5),
    "MAX_ATTEMPTS": env_int("WEBHOOK_MAX_ATTEMPTS", 6),
    "SYNC_SETTLE_SECONDS": env_int("SYNC_SETTLE_SECONDS", 2),
}

# The CDN or Varnish in front of the app (cms/publishing/settings.py lists every key and its
# default; docs/caching.md): public responses name their content in a surrogate-key header,
# and `manage.py purge_cache` tells the CDN what changed, after commit, with retries.
CDN_PURGER = env_choice("CDN_PURGER", ["none", "varnish", "fastly", "cloudflare"], "none")
CDN = {
    "PURGER": {
        "none": "cms.publishing.purgers.base.NoPurger",
        "varnish": "cms.publishing.purgers.varnish.VarnishPurger",
        "fastly": "cms.publishing.purgers.fastly.FastlyPurger",
        "cloudflare": "cms.publishing.purgers.cloudflare.CloudflarePurger",
    }[CDN_PURGER],
    "PURGER_OPTIONS": {
        "none": lambda: {},
        "varnish": lambda: {"URLS": env_list("VARNISH_PURGE_URLS", ["http://127.0.0.1:6091"])},
        "fastly": lambda: {
            "SERVICE_ID": env_str("FASTLY_SERVICE_ID", ""),
            "API_TOKEN": env_str("FASTLY_API_TOKEN", ""),
            "API_URL": env_str("FASTLY_API_URL", "https://api.fastly.com"),
            "SOFT_PURGE": env_bool("FASTLY_SOFT_PURGE", False),
        },
        "cloudflare": lambda: {
            "ZONE_ID": env_str("CLOUDFLARE_ZONE_ID", ""),
            "API_TOKEN": env_str("CLOUDFLARE_API_TOKEN", ""),
            "API_URL": env_str("CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4"),
        },
    }[CDN_PURGER](),
    "SURROGATE_KEY_HEADER": env_str(
        "CDN_SURROGATE_KEY_HEADER",
        {"varnish": "xkey", "fastly": "Surrogate-Key", "cloudflare": "Cache-Tag"}.get(CDN_PURGER, "Surrogate-Key"),
    ),
    "SURROGATE_KEY_MAX_BYTES": env_int("CDN_SURROGATE_KEY_MAX_BYTES", 8000),
    "PURGE_TIMEOUT_SECONDS": env_int("CDN_PURGE_TIMEOUT_SECONDS", 5),
    "PURGE_MAX_ATTEMPTS": env_int("CDN_PURGE_MAX_ATTEMPTS", 10),
    "PURGE_REPEAT_SECONDS": env_int("CDN_PURGE_REPEAT_SECONDS", 5),
}
# The storefront's HTML page URLs are purged through Wagtail's frontend cache backends, by the
# same worker after commit (the app `wagtail.contrib.frontend_cache` is not installed: its
# signal handlers would purge inside the editor's request). Fastly has no Wagtail backend.
WAGTAILFRONTENDCACHE = {
    "none": {},
    "fastly": {},
    "varnish": {
        f"varnish-{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
        for number, url in enumerate(CDN["PURGER_OPTIONS"].get("URLS", []))
    },
    "cloudflare": {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": CDN["PURGER_OPTIONS"].get("ZONE_ID") or "-",
            "BEARER_TOKEN": CDN["PURGER_OPTIONS"].get("API_TOKEN") or "-",
        }
    },
}[CDN_PURGER]

# Themes (themes/conf.py lists every key and its default): how long browsers and proxies may
# keep a theme's style sheet, and the active theme's (shorter: a season may start).
THEMES = {
    "CSS_MAX_AGE": env_int("THEME_CSS_MAX_AGE", 3600),
    "ACTIVE_CSS_MAX_AGE": env_int("THEME_ACTIVE_CSS_MAX_AGE", 300),
}

# Browser tests choose the storefront's "today" with ?today=YYYY-MM-DD to see seasonal themes
# change (themes/storefront/today.py); honoured only when DEBUG is on as well.
THEMES_TODAY_PARAM = env_bool("THEMES_TODAY_PARAM", False)
