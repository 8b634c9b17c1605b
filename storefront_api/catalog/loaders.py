"""Loaders of the catalog: categories, products, their images, stock levels and the stores
near a point. What they read is recorded as the response's surrogate keys
(cms/publishing/surrogate_keys.py): products and categories by id, a product list of a
language when a SKU found nothing, the stock of each store read (for availability: of every
store nearer than the farthest one shown)."""

from collections import defaultdict

from django.db.models import prefetch_related_objects
from django.utils import timezone

from cms.catalog.availability import availability_in, nearest_in_stock, stock_levels
from cms.catalog.models import Category, Product, ProductImage
from cms.publishing import surrogate_keys
from cms.publishing.settings import cdn_setting
from cms.stores.models import StorePage
from storefront_api.core.loaders import ListLoader, RequestLoader
from storefront_api.core.locales import LocaleByIdLoader
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.pages.batches import remember_batch


class CategoryByIdLoader(RequestLoader):
    def batch_load(self, keys):
        surrogate_keys.record_all(surrogate_keys.snippet(Category, pk) for pk in keys)
        return Category.objects.filter(pk__in=keys).in_bulk()


class ProductByIdLoader(RequestLoader):
    """Products shoppers may see (published and active); others load as None."""

    def batch_load(self, keys):
        surrogate_keys.record_all(surrogate_keys.snippet(Product, pk) for pk in keys)
        return Product.objects.filter(pk__in=keys, live=True, is_active=True).in_bulk()


class ProductImagesByProductIdLoader(ListLoader):
    def batch_load(self, keys):
        images = defaultdict(list)
        for product_image in ProductImage.objects.filter(product_id__in=keys).order_by("sort_order", "pk"):
            images[product_image.product_id].append(product_image)
        ImageByIdLoader.for_request(self.context).prime(
            [product_image.image_id for rows in images.values() for product_image in rows]
        )
        return images


def prime_products(context, products):
    """Expect what product fields need, for a list of products (fetched in bulk when the first
    product asks, nothing when the query does not), and remember them as resolved together
    (fields such as availability then load for the whole list)."""
    products = remember_batch(context, [product for product in products if product is not None])
    CategoryByIdLoader.for_request(context).expect([product.category_id for product in products])
    ProductImagesByProductIdLoader.for_request(context).expect([product.pk for product in products])


class StockByStoreAndSkuLoader(RequestLoader):
    """Keys are (store translation_key, SKU): the stock of one product in one physical store.
    Get it with ``stock_of``."""

    def batch_load(self, keys):
        store_keys, skus = {store_key for store_key, _sku in keys}, {sku for _store_key, sku in keys}
        return stock_levels(store_keys, skus, LocaleByIdLoader.default(self.context))


def stock_of(context, stores, skus):
    """The stock loader, primed with ``skus`` in each of ``stores`` (store pages): the
    response depends on the stock of those stores, reported or not."""
    surrogate_keys.record_all(surrogate_keys.stock(store.pk) for store in stores)
    return StockByStoreAndSkuLoader.for_request(context).prime(
        [(store.translation_key, sku) for store in stores for sku in skus]
    )


class ProductBySkuLoader(RequestLoader):
    """Keys are (locale id, SKU): the product shoppers of that language see."""

    def batch_load(self, keys):
        found = {}
        for locale_id in {locale_id for locale_id, _sku in keys}:
            skus = [sku for key_locale, sku in keys if key_locale == locale_id]
            products = Product.objects.filter(locale_id=locale_id, sku__in=skus, live=True, is_active=True)
            found.update({(locale_id, product.sku): product for product in products})
            if len(found) < len(keys):  # a product with one of those SKUs may be published
                record_product_list(self.context, locale_id)
        prime_products(self.context, found.values())
        return found


class AvailabilityLoader(RequestLoader):
    """Keys are (latitude, longitude, radius km, locale id, first, SKU): the availability
    (``[StoreAvailability]``) of the product with that SKU in the nearest ``first`` stores of
    the requesting site, in that language, that have it in stock. Keys of one point, radius,
    language and ``first`` — the products of one list — are answered together: one search
    for all their SKUs (cms/catalog/availability.py ``nearest_in_stock``), the stock, hours
    and services of the stores shown, and the stock keys of the stores it depends on.
    Raises InvalidStoreFilter for a bad point or radius."""

    def batch_load(self, keys):
        searches = {}
        for *search, sku in keys:
            searches.setdefault(tuple(search), []).append(sku)
        found = {}
        for search, skus in searches.items():
            for sku, availability in self.search(*search, skus).items():
                found[(*search, sku)] = availability
        return found

    def search(self, latitude, longitude, radius_km, locale_id, first, skus):
        from cms.stores.finder import find_stores
        from cms.stores.listing import shopper_stores
        from storefront_api.pages.context import site_for_request
        from storefront_api.stores.loaders import expect_stores

        site = site_for_request(self.context)
        language = LocaleByIdLoader.language_code(self.context, locale_id)
        surrogate_keys.record(surrogate_keys.page_list(site.pk, language, StorePage))
        locale = LocaleByIdLoader.locale(self.context, locale_id)
        nearby = find_stores(shopper_stores(site, locale), near=(latitude, longitude), radius_km=radius_km)

        def levels_of(stores, skus):
            loader = stock_of(self.context, stores, skus)
            return {(store.translation_key, sku): loader.load((store.translation_key, sku)) for store in stores for sku in skus}

        default_locale = LocaleByIdLoader.default(self.context)
        stocked, reach_km = nearest_in_stock(nearby, skus, first, levels_of, default_locale, locale)
        record_stock_within(site, nearby, reach_km)
        # Hours and services of the stores shown, for every product of the list at once.
        shown = list({store.pk: store for rows in stocked.values() for store, _km, _level in rows}.values())
        prefetch_related_objects(shown, "opening_hours", "hours_exceptions", "services")
        expect_stores(self.context, shown)
        moment = timezone.now()
        return {sku: availability_in(rows, moment) for sku, rows in stocked.items()}


def record_stock_within(site, nearby, reach_km):
    """The response depends on the stock of the stores of ``nearby`` up to ``reach_km`` (all of
    them when None): their stock keys, or the site's fallback key when they are more than a
    response header holds (the header would fall back to it anyway)."""
    stores = nearby if reach_km is None else nearby.filter(distance_km__lte=reach_km)
    most = cdn_setting("SURROGATE_KEY_MAX_BYTES") // len(surrogate_keys.stock(9_999_999) + " ")
    ids = list(stores.order_by().values_list("pk", flat=True)[: most + 1])
    if len(ids) > most:
        surrogate_keys.record(surrogate_keys.site_any(site.pk))
    else:
        surrogate_keys.record_all(surrogate_keys.stock(pk) for pk in ids)


def record_product_list(context, locale_id):
    """The response depends on which products of a language exist (a list, or a SKU that
    found nothing)."""
    surrogate_keys.record(surrogate_keys.snippet_list(Product, LocaleByIdLoader.language_code(context, locale_id)))
