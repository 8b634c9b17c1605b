from collections import defaultdict

from cms.catalog.availability import stock_levels
from wagtail.models import Locale

from cms.catalog.models import Category, Product, ProductImage
from storefront_api.core.loaders import ListLoader, RequestLoader
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.pages.batches import remember_batch


class CategoryByIdLoader(RequestLoader):
    def batch_load(self, keys):
        return Category.objects.filter(pk__in=keys).in_bulk()


class ProductByIdLoader(RequestLoader):
    """Products shoppers may see (published and active); others load as None."""

    def batch_load(self, keys):
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
    """Keys are (store translation_key, SKU): the stock of one product in one physical store."""

    def batch_load(self, keys):
        return stock_levels({store_key for store_key, _sku in keys}, {sku for _store_key, sku in keys})


class ProductBySkuLoader(RequestLoader):
    """Keys are (locale id, SKU): the product shoppers of that language see."""

    def batch_load(self, keys):
        found = {}
        for locale_id in {locale_id for locale_id, _sku in keys}:
            skus = [sku for key_locale, sku in keys if key_locale == locale_id]
            products = Product.objects.filter(locale_id=locale_id, sku__in=skus, live=True, is_active=True)
            found.update({(locale_id, product.sku): product for product in products})
        prime_products(self.context, found.values())
        return found


class NearbyStoresLoader(RequestLoader):
    """Keys are (latitude, longitude, radius km, locale id): ``[(store, km)]`` of the requesting
    site's visible stores in that language, nearest first."""

    def batch_load(self, keys):
        from cms.stores.finder import find_stores
        from cms.stores.listing import shopper_stores
        from storefront_api.pages.context import site_for_request

        site = site_for_request(self.context)
        found = {}
        for latitude, longitude, radius_km, locale_id in keys:
            stores = shopper_stores(site, Locale.objects.get(pk=locale_id))
            nearby = find_stores(stores, near=(latitude, longitude), radius_km=radius_km)
            found[(latitude, longitude, radius_km, locale_id)] = [(store, store.distance_km) for store in nearby]
        return found
