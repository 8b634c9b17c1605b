"""Benchmark settings: production settings as a deployment would run them, plus Wagtail's
REST API v2 and the floor view on the same server. Benchmark only."""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-key-not-a-secret-0123456789abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("GRAPHQL_RATE_LIMIT", "")  # one client address sends every request
os.environ.setdefault("LOG_LEVEL", "WARNING")

from cms.settings.production import *  # noqa: E402,F401,F403
from cms.settings.production import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
ROOT_URLCONF = "benchmarks.peers.urls"
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Wagtail's REST API v2 (benchmarks/peers/rest.py): 50 stores in one page, rich text as
# display HTML like our API serves it.
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
