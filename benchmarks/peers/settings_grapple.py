"""Benchmark settings for wagtail-grapple over our models: the benchmark settings, with
grapple's schema as the GraphQL schema and its endpoint at /grapple/graphql/. Benchmark only."""

from benchmarks.peers.settings import *  # noqa: F401,F403
from benchmarks.peers.settings import INSTALLED_APPS

# bench_grapple declares the grapple fields in its ready(), so it must come before grapple.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.peers.grapple_app", "grapple"]
ROOT_URLCONF = "benchmarks.peers.urls_grapple"

GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
GRAPPLE = {
    "APPS": ["core", "stores", "catalog", "guides", "stories", "offers"],
    # Also the size of nested lists asked without `limit` (a store has up to 14 hours intervals).
    "PAGE_SIZE": 100,
    "MAX_PAGE_SIZE": 100,
    "EXPOSE_GRAPHIQL": False,
}
