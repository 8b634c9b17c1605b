import graphene

from cms.core.listing import newest_first
from cms.stories.listing import stories_about
from cms.stories.models import ProductStoryPage as ProductStoryPageModel
from storefront_api.core.connections import connection_args
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.pages.batches import paginate_pages
from storefront_api.pages.context import record_page_list, visible_pages

from .types import ProductStoryPageConnection


class ProductStoryQueries(graphene.ObjectType):
    product_stories = graphene.Field(
        ProductStoryPageConnection,
        required=True,
        product_sku=graphene.String(description="Only stories about the product with this SKU."),
        locale=locale_argument(),
        **connection_args(),
        description="Product stories shoppers may see, newest first.",
    )

    @staticmethod
    def resolve_product_stories(root, info, product_sku=None, locale=None, **page_args):
        locale = resolve_locale(locale)
        record_page_list(info, locale, ProductStoryPageModel)
        stories = visible_pages(info, locale, ProductStoryPageModel)
        if product_sku:
            stories = stories_about(stories, product_sku)
        return paginate_pages(info, ProductStoryPageConnection, newest_first(stories), **page_args)
