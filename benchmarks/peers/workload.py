"""The reads a storefront frontend makes, and the objects they read on the benchmark data.

Every server module (ours.py, grapple_reads.py, rest.py) turns each read into one GET
request path — or says why it cannot express the read. The floor serves our responses'
bytes back from memory.
"""

from dataclasses import dataclass

# (name, what the frontend reads)
READS = [
    ("home", "home page: hero, featured guides, stories and offers"),
    ("gift_guide", "gift guide with 24 product cards and image renditions"),
    ("story", "product story with its StreamField body"),
    ("store_page", "store page: address, hours, services"),
    ("stores_50", "list of 50 stores with address, location and hours"),
    ("nearby_stores", "10 stores nearest a point, with distance"),
    ("availability", "a product's stock in stores near a point, with pickup estimate"),
    ("search", "full-text search over pages and stores, 10 results"),
]
READ_NAMES = [name for name, _ in READS]

LOCALE = "en"
POINT = (45.4642, 9.1900)  # Milan, Piazza del Duomo
RADIUS_KM = 50
SEARCH_TEXT = "olive oil"
GUIDE_SLUG = "bench-gift-guide-24"
STORY_SLUG = "bench-story-001"
STORE_SLUG = "milan-duomo"
GUIDE_PICKS = 24


@dataclass(frozen=True)
class Unsupported:
    """A read a server cannot express, and why."""

    reason: str


@dataclass(frozen=True)
class Context:
    """Ids and paths of what the reads read, looked up once in the benchmark database."""

    home_id: int
    home_url_path: str
    guide_url_path: str
    story_id: int
    story_url_path: str
    store_id: int
    store_url_path: str
    product_sku: str

    def relative(self, url_path):
        """A page's path below the site's home page, as our API and the storefront use it."""
        return "/" + url_path[len(self.home_url_path):]


def resolve_context():
    """Look the benchmark's objects up (needs Django set up and the data prepared)."""
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    guide = Page.objects.get(slug=GUIDE_SLUG, locale__language_code=LOCALE)
    story = Page.objects.get(slug=STORY_SLUG, locale__language_code=LOCALE)
    store = Page.objects.get(slug=STORE_SLUG, locale__language_code=LOCALE)
    product = availability_product(store)
    return Context(
        home_id=home.id, home_url_path=home.url_path,
        guide_url_path=guide.url_path,
        story_id=story.id, story_url_path=story.url_path,
        store_id=store.id, store_url_path=store.url_path,
        product_sku=product.sku,
    )


def availability_product(store):
    """The English product in stock in the most stores of the chosen store's city (so the
    read returns a full list); ties broken by SKU."""
    from django.db.models import Count, Q

    from cms.catalog.models import Product

    in_city = Q(stock_levels__quantity__gt=0, stock_levels__store__city=store.specific.city)
    return (
        Product.objects.filter(locale__language_code=LOCALE, is_active=True)
        .annotate(stocked=Count("stock_levels", filter=in_city))
        .order_by("-stocked", "sku")
        .first()
    )
