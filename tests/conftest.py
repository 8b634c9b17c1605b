import pytest
import wagtail_factories
from django.core.management import call_command
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, Site

from tests.factories import HomePageFactory, SectionPageFactory, StoreIndexPageFactory


def pytest_sessionstart(session):
    """Build the .mo catalogs from the .po files first, as ``make install`` does (only the .po
    files are in git), so a fresh checkout's tests see the storefront's Italian words. A catalog
    already up to date is left alone; two runs side by side each replace a file in one step."""
    call_command("compilemessages", verbosity=0)


@pytest.fixture
def locales(db):
    english = Locale.objects.get(language_code="en")
    italian = Locale.objects.get(language_code="it")
    return {"en": english, "it": italian}


@pytest.fixture
def home(locales):
    """A site whose root is a fresh HomePage (replacing Wagtail's welcome page)."""
    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    home_page = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="localhost", port=80, root_page=home_page, is_default_site=True, site_name="Test shop")
    return home_page


@pytest.fixture
def store_index(home):
    return StoreIndexPageFactory(parent=home, slug="stores")


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Inspiration", slug="inspiration")


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Shop floor")


@pytest.fixture
def private_collection(db):
    """A document collection only logged-in users may see (Wagtail's collection privacy)."""
    collection = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs the block as if its transaction committed: on-commit
    callbacks (content events, webhook deliveries) run at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(scope="session")
def redis_server():
    """A real Redis of scripts/redis.sh on a free port, for tests marked ``redis``."""
    from tests.redis_server import RedisServer, require_redis

    require_redis()
    server = RedisServer().start()
    yield server
    server.remove()


@pytest.fixture
def shared_cache(redis_server, settings):
    """Django configured as with REDIS_URL (cms/settings/base.py), on an empty Redis that is
    running; returns the server."""
    from storefront_api import rate_limit

    redis_server.flush()
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.core.cache.SharedRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "test",
            "OPTIONS": {"SOCKET_TIMEOUT": 0.25, "RETRY_SECONDS": 0.2},
        }
    }
    settings.CONTENT_VERSIONS = {
        "BACKEND": "cms.core.version_stores.RedisVersionStore",
        "OPTIONS": {"CACHE_ALIAS": "default", "TIMEOUT": 60, "RETRY_INTERVAL": 0.1},
    }
    rate_limit.local_counts.clear()
    yield redis_server
    if not redis_server.running():
        redis_server.start()
