import graphene

from cms.catalog.listing import filter_products, shopper_categories, shopper_products
from cms.catalog.models import Category as CategoryModel
from cms.publishing import surrogate_keys
from storefront_api.core.connections import connection_args, paginate
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import locale_argument, resolve_locale

from .loaders import prime_products, record_product_list
from .types import Category, ProductConnection, ProductFilterInput
from .types import Product as ProductType


class CatalogQueries(graphene.ObjectType):
    product = graphene.Field(
        ProductType, sku=graphene.String(required=True), locale=locale_argument(), description="A product by SKU."
    )
    products = graphene.Field(
        ProductConnection,
        filter=ProductFilterInput(),
        locale=locale_argument(),
        **connection_args(),
        description="Published, active products, by name.",
    )
    categories = graphene.List(
        graphene.NonNull(Category),
        required=True,
        locale=locale_argument(),
        parent=graphene.String(description="Slug of the parent; omit for top-level categories."),
    )

    @staticmethod
    def resolve_product(root, info, sku, locale=None):
        locale = resolve_locale(locale)
        product = shopper_products(locale).filter(sku=sku).first()
        if product is None:
            record_product_list(info.context, locale.pk)
        prime_products(info.context, [product])
        return product

    @staticmethod
    def resolve_products(root, info, filter=None, locale=None, **page):
        locale = resolve_locale(locale)
        record_product_list(info.context, locale.pk)
        filters = dict(filter or {})
        category_slug = filters.pop("category", None)
        category = None
        if category_slug:
            surrogate_keys.record(surrogate_keys.snippet_list(CategoryModel, locale.language_code))
            category = shopper_categories(locale).filter(slug=category_slug).first()
            if category is None:
                raise BadArgument(f"No category with slug {category_slug!r} in {locale.language_code}.", field="filter.category")
        products = filter_products(shopper_products(locale), category=category, **filters).order_by("name", "pk")
        return paginate(
            ProductConnection, products, after_slice=lambda items: prime_products(info.context, items), **page
        )

    @staticmethod
    def resolve_categories(root, info, locale=None, parent=None):
        locale = resolve_locale(locale)
        surrogate_keys.record(surrogate_keys.snippet_list(CategoryModel, locale.language_code))
        categories = shopper_categories(locale)
        if parent:
            return categories.filter(parent__slug=parent).order_by("name")
        return categories.filter(parent__isnull=True).order_by("name")
