"""Test settings: fast hashing, in-memory cache and mail, no static manifest needed."""

import tempfile

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Whatever REDIS_URL says: tests that need Redis start one of their own (tests/redis_server.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CONTENT_VERSIONS = {"BACKEND": "cms.core.version_stores.DatabaseVersionStore"}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp(prefix="storefront-test-media-")
DOCUMENTS_ROOT = tempfile.mkdtemp(prefix="storefront-test-documents-")
STORAGES["documents"]["OPTIONS"]["location"] = DOCUMENTS_ROOT  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="storefront-test-static-")
# Tests that need them turn these on with override_settings: no request is refused for its
# rate, and no GET response is served from the server-side cache.
STOREFRONT_API = {**STOREFRONT_API, "RATE_LIMIT": "", "RENDITION_RATE_LIMIT": "", "RESPONSE_CACHE": False}  # noqa: F405

# Tests search the database backend unless a test configures Elasticsearch itself
# (tests/search/conftest.py `elasticsearch_url`); pages and products are indexed after commit.
SEARCH = {"BACKEND": "search.backends.database.DatabaseSearchBackend", "OPTIONS": {}, "AUTO_UPDATE": True}
