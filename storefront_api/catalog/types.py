import graphene

from cms.catalog.availability import StockBand

from storefront_api.core.connections import CountableConnection
from storefront_api.core.locales import LocaleByIdLoader
from storefront_api.core.scalars import GeoPointInput, Money, content_html
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.images.types import Image

from .availability import product_availability
from .loaders import CategoryByIdLoader, ProductImagesByProductIdLoader


class Category(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.String(required=True)
    locale = graphene.String(required=True)
    parent = graphene.Field(lambda: Category)
    path = graphene.List(graphene.NonNull(lambda: Category), required=True, description="From the top level down to this one.")
    image = graphene.Field(Image)

    @staticmethod
    def resolve_locale(category, info):
        return LocaleByIdLoader.language_code(info.context, category.locale_id)

    @staticmethod
    def resolve_parent(category, info):
        return CategoryByIdLoader.for_request(info.context).load(category.parent_id)

    @staticmethod
    def resolve_path(category, info):
        loader = CategoryByIdLoader.for_request(info.context)
        chain, node, seen = [], category, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = loader.load(node.parent_id)
        return list(reversed(chain))

    @staticmethod
    def resolve_image(category, info):
        return ImageByIdLoader.for_request(info.context).load(category.image_id)


class ProductImage(graphene.ObjectType):
    image = graphene.Field(Image, required=True)
    alt = graphene.String(required=True)

    @staticmethod
    def resolve_image(product_image, info):
        return ImageByIdLoader.for_request(info.context).load(product_image.image_id)

    @staticmethod
    def resolve_alt(product_image, info):
        if product_image.alt_text:
            return product_image.alt_text
        image = ImageByIdLoader.for_request(info.context).load(product_image.image_id)
        return image.default_alt_text if image else ""


class Product(graphene.ObjectType):
    id = graphene.ID(required=True)
    sku = graphene.String(required=True)
    gtin = graphene.String(required=True, description="Barcode (EAN/UPC/GTIN); empty when unknown.")
    name = graphene.String(required=True)
    brand = graphene.String(required=True)
    description = graphene.String(required=True, description="HTML.")
    price = graphene.Field(Money, required=True)
    category = graphene.Field(Category)
    shop_url = graphene.String(required=True, description="Where to buy it online; empty when not sold online.")
    images = graphene.List(graphene.NonNull(ProductImage), required=True)
    locale = graphene.String(required=True)
    availability = graphene.List(
        graphene.NonNull("storefront_api.stores.types.StoreAvailability"),
        required=True,
        near=GeoPointInput(required=True),
        radius_km=graphene.Float(default_value=50.0, description="How far to look, in km."),
        first=graphene.Int(default_value=20, description="At most this many stores (at most 100)."),
        description="Nearby stores that have the product in stock, nearest first, with a pickup estimate.",
    )

    @staticmethod
    def resolve_availability(product, info, near, radius_km=50.0, first=20):
        return product_availability(info, product, near, radius_km, first)

    @staticmethod
    def resolve_description(product, info):
        return content_html(info, product, product.description)

    @staticmethod
    def resolve_price(product, info):
        return Money(amount=product.price, currency=product.currency)

    @staticmethod
    def resolve_category(product, info):
        return CategoryByIdLoader.for_request(info.context).load(product.category_id)

    @staticmethod
    def resolve_images(product, info):
        return ProductImagesByProductIdLoader.for_request(info.context).load(product.pk)

    @staticmethod
    def resolve_locale(product, info):
        return LocaleByIdLoader.language_code(info.context, product.locale_id)


class ProductConnection(CountableConnection):
    class Meta:
        node = Product


class ProductFilterInput(graphene.InputObjectType):
    category = graphene.String(description="Category slug; includes its subcategories.")
    brand = graphene.String()
    skus = graphene.List(graphene.NonNull(graphene.String))
    price_min = graphene.Decimal()
    price_max = graphene.Decimal()


StockBandEnum = graphene.Enum.from_enum(StockBand, name="StockBand", description="In stock, low or out, by the configured thresholds.")


class StoreStock(graphene.ObjectType):
    """One product's stock in one store, as last reported by the store's system."""

    sku = graphene.String(required=True)
    product = graphene.Field(Product, description="Null when shoppers cannot see the product in this language.")
    quantity = graphene.Int(required=True, description="Units on hand; 0 when the store never reported the product.")
    band = graphene.Field(StockBandEnum, required=True)
    updated_at = graphene.DateTime(description="When the store's system measured the quantity.")
