"""Generate the scale data: stores worldwide below a store index of their own, a large
catalogue and millions of stock rows, seeded and repeatable.

Everything is inserted in bulk (see ``tree.py`` for the pages, ``rows.py`` for the stock)
inside one transaction, so a failed run leaves nothing behind. Each part draws from its own
random stream (seeded with ``seed`` and the part's name): the same seed and sizes give the
same stores, products and stock. Dates are the exception: pages are published and stock
is measured "now", and the holiday exceptions are those of the coming season.
"""

import datetime
import math
import random
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.base import CommandError
from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from cms.catalog.models import Category, Product, StockLevel
from cms.core.models import HomePage
from cms.core.validators import gtin_check_digit
from cms.demo.data.stores import SERVICES
from cms.demo.indexing import deferred_indexing
from cms.stores.models import Service, StoreHoursException, StoreIndexPage, StoreOpeningHours, StorePage

from .cities import CITIES
from .progress import Progress
from .rows import RowBuilder, can_copy, copy_tuples, insert_tuples
from .tree import bulk_add_children

INDEX_SLUG = "scale-stores"
INDEX_TITLE = "Stores worldwide (scale data)"
SKU_PREFIX = "SCALE-"
CATEGORY_PREFIX = "scale-"
BATCH_SIZE = 5000
JITTER_KM = 25.0
KM_PER_DEGREE = 111.32
MICRODEGREE = Decimal("0.000001")

# Share of stores offering each service.
SERVICE_SHARES = {
    "click-and-collect": 0.9,
    "curbside-pickup": 0.3,
    "ship-to-store": 0.6,
    "in-store-returns": 0.8,
    "same-day-delivery": 0.2,
    "personal-shopping": 0.1,
    "gift-wrapping": 0.5,
}
PICKUP_MINUTES = [15, 30, 30, 45, 60, 60, 60, 90, 120, 240]

MON_FRI, MON_SAT, EVERY_DAY = range(5), range(6), range(7)
# Weekly patterns: (weight, [(weekdays, opens, closes, closes_next_day), ...]); weekday 0 is Monday.
HOURS_PATTERNS = {
    "standard": (35, [(MON_SAT, "09:00", "19:00", False)]),
    "lunch-break": (15, [(MON_FRI, "09:00", "12:30", False), (MON_FRI, "15:30", "19:30", False),
                         ((5,), "09:00", "13:00", False)]),
    "mall": (30, [(MON_SAT, "10:00", "21:00", False), ((6,), "11:00", "19:00", False)]),
    "late": (10, [(EVERY_DAY, "10:00", "02:00", True)]),
    "night": (5, [(range(4), "10:00", "22:00", False), ((4, 5), "10:00", "03:00", True), ((6,), "12:00", "20:00", False)]),
    "sunday": (5, [(EVERY_DAY, "08:00", "20:00", False)]),
}
DISTRICTS = ["Central", "Old Town", "Station", "Riverside", "Harbour", "Market Square", "North", "South", "East",
             "West", "University", "Airport", "Park", "Cathedral", "Business District", "Mall", "Outlet", "Gardens"]
STREETS = ["Market", "High", "Station", "Church", "Mill", "Park", "River", "King", "Queen", "Garden", "Bridge",
           "Harbour", "Castle", "Orchard", "Victoria", "Union", "Liberty", "Lake", "Forest", "Hill"]
STREET_KINDS = ["Street", "Road", "Avenue", "Boulevard", "Lane", "Way", "Square"]

TOP_CATEGORIES = ["Kitchen", "Pantry", "Home", "Stationery", "Accessories", "Beauty", "Kids", "Outdoor"]
SUBCATEGORIES = ["Essentials", "Classics", "Seasonal", "Gifts", "Travel", "Premium"]
BRANDS = ["Casa Lumen", "Northfold", "Atelier Nove", "Kiri & Co", "Solano", "Brightwell", "Maison Bleu",
          "Oakhaven", "Tessera", "Vela", "Hanami", "Porto Fino Works"]
ADJECTIVES = ["Classic", "Everyday", "Copper", "Linen", "Walnut", "Ceramic", "Recycled", "Organic", "Travel",
              "Compact", "Deluxe", "Hand-made", "Enamel", "Bamboo", "Glass", "Wool"]
NOUNS = ["Mug", "Teapot", "Notebook", "Candle", "Tote Bag", "Pan", "Olive Oil", "Espresso Cups", "Blanket",
         "Soap", "Puzzle", "Lantern", "Vase", "Knife", "Scarf", "Journal", "Bowl", "Cutting Board", "Jam", "Pen"]
GTIN_PREFIX = "20"  # GS1 prefixes 20–29 are for numbers used inside one company


@dataclass
class ScaleOptions:
    stores: int = 10_000
    products: int = 100_000
    stock_rows: int = 2_000_000
    seed: int = 1
    batch_size: int = BATCH_SIZE

    def check(self):
        if self.stores < 1 or self.products < 1 or self.stock_rows < 0 or self.batch_size < 1:
            raise CommandError("--stores and --products must be at least 1, --stock-rows at least 0.")
        if self.stock_rows > self.stores * self.products:
            raise CommandError(
                f"--stock-rows {self.stock_rows:,} is more than one row per store and product "
                f"({self.stores:,} × {self.products:,})."
            )


@dataclass
class ScaleReport:
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    def add(self, part, count, seconds):
        self.counts[part] = count
        self.seconds[part] = seconds


class ScaleGenerator:
    def __init__(self, options, write=None, progress_stream=None, show_progress=True, using="default"):
        options.check()
        self.options = options
        self.write = write or (lambda message: None)
        self.progress_stream = progress_stream
        self.show_progress = show_progress
        self.using = using
        self.connection = connections[using]
        self.report = ScaleReport()
        self.now = timezone.now().replace(microsecond=0)

    # --- the whole run --------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        if self.connection.vendor == "sqlite":
            # Millions of rows land in random places of the stock indexes: a page cache
            # of 256 MB instead of SQLite's 2 MB (for this connection only) saves most reads.
            with self.connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")
        with transaction.atomic(using=self.using), deferred_indexing():
            if self.connection.vendor == "postgresql":
                # Check foreign keys row by row as they arrive, not all at COMMIT: the
                # same work, but shown in the progress bars instead of a silent minute.
                with self.connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            self.locale = Locale.get_default()
            self.home = ensure_home(self.locale)
            self.services = ensure_services(self.locale)
            self.index = create_store_index(self.home, self.locale)
            stores = self.create_stores()
            self.create_store_details(stores)
            categories = self.create_categories()
            products = self.create_products(categories)
            self.create_stock([store.pk for store in stores], products)
        self.report.seconds["total"] = time.monotonic() - started
        return self.report

    def _progress(self, label, total):
        return Progress(label, total, stream=self.progress_stream, enabled=self.show_progress)

    def _rng(self, part):
        return random.Random(f"scale-{self.options.seed}-{part}")

    def _finish(self, part, progress, count):
        seconds = progress.finish()
        self.report.add(part, count, seconds)

    # --- stores ------------------------------------------------------------------------

    def create_stores(self):
        rng = self._rng("stores")
        weights = [city[5] for city in CITIES]
        pages = []
        for number in range(1, self.options.stores + 1):
            city = rng.choices(CITIES, weights=weights)[0]
            pages.append(self._store_page(rng, number, city))
        progress = self._progress("store pages", len(pages))
        bulk_add_children(self.index, pages, batch_size=self.options.batch_size, using=self.using,
                          on_batch=progress.update)
        self._finish("store pages", progress, len(pages))
        return pages

    def _store_page(self, rng, number, city):
        name, country, latitude, longitude, time_zone, _weight = city
        lat, lon = jitter(rng, latitude, longitude, JITTER_KM)
        district = rng.choice(DISTRICTS)
        title = f"{name} {district}"
        store = StorePage(
            title=title,
            slug=f"{slugify(title)}-{number:05d}",
            locale=self.locale,
            translation_key=seeded_uuid(rng),
            live=True,
            has_unpublished_changes=False,
            first_published_at=self.now,
            last_published_at=self.now,
            seo_title="",
            search_description=f"Opening hours, services and directions for our {title} store.",
            store_message="",
            street_address=f"{rng.randint(1, 250)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
            address_extra="",
            postal_code=f"{rng.randint(10000, 99999)}",
            city=name,
            region="",
            country=country,
            latitude=lat,
            longitude=lon,
            time_zone=time_zone,
            phone="",
            email=f"store{number:05d}@scale.example.com",
            pickup_preparation_minutes=rng.choice(PICKUP_MINUTES),
            parking_notes="",
            accessibility_notes="",
        )
        store.scale_plan = {
            "hours": weighted_choice(rng, {key: weight for key, (weight, _rows) in HOURS_PATTERNS.items()}),
            "services": [code for code, share in SERVICE_SHARES.items() if rng.random() < share],
            "exceptions": rng.random(),
        }
        return store

    def create_store_details(self, stores):
        """Weekly hours, dated exceptions and services of each store."""
        through = StorePage._meta.get_field("services").remote_field.through
        hours = RowBuilder(StoreOpeningHours, HOURS_COLUMNS, using=self.using)
        exceptions = RowBuilder(StoreHoursException, EXCEPTION_COLUMNS, using=self.using)
        services = RowBuilder(through, ["storepage", "service"], using=self.using)
        rows = {hours: [], exceptions: [], services: []}
        season = upcoming_season(self.now.date())
        for store in stores:
            plan = store.scale_plan
            rows[hours] += [hours.row(store.pk, *values) for values in opening_hours(HOURS_PATTERNS[plan["hours"]][1])]
            rows[exceptions] += [exceptions.row(store.pk, *values)
                                 for values in hours_exceptions(season, plan["exceptions"], plan["hours"])]
            rows[services] += [services.row(store.pk, self.services[code].pk) for code in plan["services"]]
        total = sum(len(values) for values in rows.values())
        progress = self._progress("hours, services", total)
        for builder, values in rows.items():
            for start in range(0, len(values), self.options.batch_size):
                chunk = values[start:start + self.options.batch_size]
                self.write_rows(builder, chunk)
                progress.update(len(chunk))
        self._finish("store details", progress, total)
        self.report.counts.update(
            opening_hours=len(rows[hours]), hours_exceptions=len(rows[exceptions]), store_services=len(rows[services])
        )

    def write_rows(self, builder, rows):
        """COPY on PostgreSQL, a multi-row INSERT elsewhere."""
        write = copy_tuples if can_copy(self.using) else insert_tuples
        return write(builder.model, builder.columns, rows, using=self.using)

    # --- catalogue ---------------------------------------------------------------------

    def create_categories(self):
        rng = self._rng("categories")
        tops = [
            Category(name=name, slug=f"{CATEGORY_PREFIX}{slugify(name)}", locale=self.locale,
                     translation_key=seeded_uuid(rng), live=True,
                     description=f"{name} (scale data).")
            for name in TOP_CATEGORIES
        ]
        Category.objects.using(self.using).bulk_create(tops)
        subs = [
            Category(name=f"{top.name} {name}", slug=f"{top.slug}-{slugify(name)}", parent=top, locale=self.locale,
                     translation_key=seeded_uuid(rng), live=True)
            for top in tops for name in SUBCATEGORIES
        ]
        Category.objects.using(self.using).bulk_create(subs)
        self.report.counts["categories"] = len(tops) + len(subs)
        return subs

    def create_products(self, categories):
        rng = self._rng("products")
        total = self.options.products
        builder = RowBuilder(Product, PRODUCT_COLUMNS, using=self.using)
        category_ids = [category.pk for category in categories]
        progress = self._progress("products", total)
        for start in range(0, total, self.options.batch_size):
            end = min(start + self.options.batch_size, total)
            chunk = [builder.row(*self._product(rng, number, category_ids)) for number in range(start + 1, end + 1)]
            self.write_rows(builder, chunk)
            progress.update(len(chunk))
        self._finish("products", progress, total)
        return list(Product.objects.using(self.using).filter(sku__startswith=SKU_PREFIX, locale=self.locale)
                    .order_by("sku").values_list("pk", flat=True))

    def _product(self, rng, number, category_ids):
        """Values of PRODUCT_COLUMNS for product ``number``."""
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        body = f"{GTIN_PREFIX}{number:010d}"
        sku = f"{SKU_PREFIX}{number:06d}"
        return (
            sku, f"{body}{gtin_check_digit(body)}", name, rng.choice(BRANDS),
            f"<p>{name}, item {number:,} of the scale catalogue.</p>",
            Decimal(rng.randint(300, 25000)) / 100, "EUR", rng.choice(category_ids),
            f"https://shop.scale.example.com/p/{sku.lower()}", rng.random() >= 0.03, self.locale.pk,
            seeded_uuid(rng), True,
        )

    # --- stock ------------------------------------------------------------------------

    def create_stock(self, store_ids, product_ids):
        """``stock_rows`` rows spread evenly over the stores. Half of each store's rows come
        from a core range (the first 1% of products, carried by many stores, as best
        sellers are), the rest from the whole catalogue."""
        rng = self._rng("stock")
        total = self.options.stock_rows
        builder = RowBuilder(StockLevel, ["store", "product", "quantity", "source_updated_at", "updated_at"],
                             using=self.using)
        prep = StockLevel._meta.get_field("source_updated_at").get_db_prep_save
        measured = [prep(self.now - datetime.timedelta(minutes=minutes), self.connection) for minutes in range(5, 1445)]
        updated = prep(self.now, self.connection)
        defaults = builder.defaults
        progress = self._progress("stock levels", total)
        products = len(product_ids)
        core = max(1, products // 100)
        per_store, extra = divmod(total, len(store_ids))

        def store_rows():
            for position, store_id in enumerate(store_ids):
                count = per_store + (1 if position < extra else 0)
                from_rest = min(count - min(count // 2, core), products - core)
                from_core = count - from_rest
                picked = rng.sample(range(core), from_core) + [core + index for index in rng.sample(range(products - core), from_rest)]
                for index in picked:
                    yield (store_id, product_ids[index], stock_quantity(rng), rng.choice(measured), updated) + defaults

        rows = store_rows()
        written = 0
        while written < total:
            chunk = [row for _, row in zip(range(self.options.batch_size * 4), rows)]
            if not chunk:
                break
            self.write_rows(builder, chunk)
            written += len(chunk)
            progress.update(len(chunk))
        self._finish("stock levels", progress, written)


# --- helpers (plain functions, also used by the tests) -------------------------------------

def seeded_uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def weighted_choice(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def jitter(rng, latitude, longitude, radius_km):
    """A point uniformly spread within ``radius_km`` of (latitude, longitude), as Decimals
    with six places; longitudes wrap across the antimeridian, latitudes stay off the poles."""
    distance = radius_km * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    lat = latitude + distance * math.cos(bearing) / KM_PER_DEGREE
    lat = max(-89.9, min(89.9, lat))
    lon = longitude + distance * math.sin(bearing) / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    lon = (lon + 180.0) % 360.0 - 180.0
    return Decimal(lat).quantize(MICRODEGREE), Decimal(lon).quantize(MICRODEGREE)


def stock_quantity(rng):
    roll = rng.random()
    if roll < 0.1:
        return 0
    if roll < 0.3:
        return rng.randint(1, 3)
    return rng.randint(4, 60)


def _time(value):
    return datetime.time.fromisoformat(value)


HOURS_COLUMNS = ["store", "weekday", "opens", "closes", "closes_next_day", "sort_order"]
EXCEPTION_COLUMNS = ["store", "date", "label", "closed", "opens", "closes", "closes_next_day", "sort_order"]
PRODUCT_COLUMNS = ["sku", "gtin", "name", "brand", "description", "price", "currency", "category", "shop_url",
                   "is_active", "locale", "translation_key", "live"]


def opening_hours(pattern):
    """Values of HOURS_COLUMNS after the store, one row per weekday and interval."""
    rows = sorted(
        (weekday, _time(opens), _time(closes), next_day)
        for weekdays, opens, closes, next_day in pattern for weekday in weekdays
    )
    return [(*row, order) for order, row in enumerate(rows)]


def upcoming_season(today):
    """The year of the Christmas season the holiday exceptions are for: this year's."""
    return today.year


def hours_exceptions(year, roll, hours_pattern):
    """Values of EXCEPTION_COLUMNS after the store. Christmas Day closed everywhere; most stores also closed on New Year's Day; some
    close early on Christmas Eve, open late for Christmas shopping, or stay open past
    midnight on New Year's Eve."""
    rows = [(datetime.date(year, 12, 25), "Christmas Day", None)]
    if roll < 0.3:
        rows.append((datetime.date(year, 12, 18), "Late-night Christmas shopping", ("10:00", "23:00", False)))
    if roll < 0.5:
        rows.append((datetime.date(year, 12, 24), "Christmas Eve", ("09:00", "14:00", False)))
    if hours_pattern in ("late", "night") and roll < 0.6:
        rows.append((datetime.date(year, 12, 31), "New Year's Eve", ("18:00", "03:00", True)))
    if roll < 0.7:
        rows.append((datetime.date(year + 1, 1, 1), "New Year's Day", None))
    exceptions = []
    for order, (date, label, hours) in enumerate(sorted(rows, key=lambda row: row[0])):
        opens, closes, next_day = (_time(hours[0]), _time(hours[1]), hours[2]) if hours else (None, None, False)
        exceptions.append((date, label, hours is None, opens, closes, next_day, order))
    return exceptions


def ensure_home(locale):
    """The default site's home page; a minimal home page and site are created when the
    database has none (Wagtail's "Welcome" page is replaced)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        welcome = [page for page in root.get_children() if page.specific_class is Page and page.numchild == 0]
        if site is not None and site.root_page_id not in {page.pk for page in welcome}:
            raise CommandError(
                f"The default site's root page “{site.root_page.title}” is not a home page; "
                "the scale data needs a home page to put its store index under."
            )
        if site is not None:
            site.root_page = root
            site.save()
        for page in welcome:
            page.delete()
        home = HomePage(title="Home", slug="home", locale=locale, live=True)
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Storefront")
    else:
        site.root_page = home
        site.save()
    return home


def ensure_services(locale):
    """Service snippets by code, creating the standard ones that are missing (live, English)."""
    services = {service.code: service for service in Service.objects.filter(locale=locale)}
    for data in SERVICES:
        if data["code"] not in services:
            name, description = data["en"]
            service = Service(code=data["code"], name=name, description=description, locale=locale, live=True)
            service.save()
            services[service.code] = service
    missing = set(SERVICE_SHARES) - set(services)
    if missing:
        raise CommandError(f"Unknown service codes in the scale data: {', '.join(sorted(missing))}.")
    return services


def create_store_index(home, locale):
    index = StoreIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, locale=locale,
                           intro="<p>Generated stores for benchmarks.</p>")
    home.add_child(instance=index)
    index.save_revision().publish()
    return StoreIndexPage.objects.get(pk=index.pk)


def find_scale_data():
    """What scale data exists: {"index": StoreIndexPage or None, "stores": n, "products": n}."""
    index = StoreIndexPage.objects.filter(slug=INDEX_SLUG, depth=3).first()
    return {
        "index": index,
        "stores": StorePage.objects.descendant_of(index).count() if index else 0,
        "products": Product.objects.filter(sku__startswith=SKU_PREFIX).count(),
        "categories": Category.objects.filter(slug__startswith=CATEGORY_PREFIX).count(),
    }


def remove_scale_data(write=None, using="default"):
    """Delete the scale stores (with their stock, hours and services), products and
    categories with one DELETE per table, as they were created: Django's deletion would
    fetch and signal each of thousands of pages and millions of stock rows. Anything
    else that came to reference them (an edited store's revisions, an offer naming a
    store) makes the transaction fail; remove the store index in the admin then."""
    write = write or (lambda message: None)
    started = time.monotonic()
    connection = connections[using]
    try:
        with transaction.atomic(using=using):
            index = StoreIndexPage.objects.using(using).filter(slug=INDEX_SLUG, depth=3).first()
            products = Product.objects.using(using).filter(sku__startswith=SKU_PREFIX).values("pk")
            _delete_where_in(connection, StockLevel, "product", products)
            if index is not None:
                stores = Page.objects.using(using).filter(path__startswith=index.path, depth=index.depth + 1)
                store_ids = stores.values("pk")
                through = StorePage._meta.get_field("services").remote_field.through
                for model, field_name in ((StockLevel, "store"), (StoreOpeningHours, "store"),
                                          (StoreHoursException, "store"), (through, "storepage"),
                                          (StorePage, "page_ptr")):
                    _delete_where_in(connection, model, field_name, store_ids)
                _delete_where_in(connection, Page, "id", store_ids)
                Page.objects.using(using).filter(pk=index.pk).update(numchild=0)
                StoreIndexPage.objects.using(using).get(pk=index.pk).delete()
            _delete_where_in(connection, Product, "id", products)
            categories = Category.objects.using(using).filter(slug__startswith=CATEGORY_PREFIX)
            _delete_where_in(connection, Category, "id", categories.exclude(parent=None).values("pk"))
            _delete_where_in(connection, Category, "id", categories.values("pk"))
    except IntegrityError as error:
        raise CommandError(
            f"The scale data is referenced by other content and cannot be removed in bulk ({error}). "
            f"Delete the “{INDEX_SLUG}” store index in the admin first."
        ) from error
    write(f"Removed the previous scale data in {time.monotonic() - started:.1f} s.")


def _delete_where_in(connection, model, field_name, keys):
    """DELETE FROM model's table WHERE field IN (keys: a values("pk") queryset)."""
    column = model._meta.get_field(field_name).column
    # Materialise the keys first: SQLite and MySQL refuse a subquery on the table being deleted from.
    sub_sql, params = keys.query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sub_sql}) keys", params)
        ids = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(ids), 5000):
            chunk = ids[start:start + 5000]
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(column)} IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
