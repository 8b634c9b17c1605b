from collections import defaultdict

from cms.catalog.models import Category, Product, ProductImage
from storefront_api.core.loaders import ListLoader, RequestLoader
from storefront_api.images.loaders import ImageByIdLoader


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
    """Load in bulk what product fields need, for a list of products."""
    products = [product for product in products if product is not None]
    CategoryByIdLoader.for_request(context).prime([product.category_id for product in products])
    ProductImagesByProductIdLoader.for_request(context).prime([product.pk for product in products])
