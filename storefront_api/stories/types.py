"""GraphQL types of product stories."""

import graphene

from cms.stories import models
from storefront_api.blocks import types as blocks
from storefront_api.blocks.loaders import LinkTargetLoader
from storefront_api.blocks.streams import StreamUnion, page_stream
from storefront_api.catalog.loaders import ProductByIdLoader, prime_products
from storefront_api.catalog.types import Product
from storefront_api.core.connections import CountableConnection
from storefront_api.core.qr import qr_code_url_field
from storefront_api.pages.batches import batch_of, chosen_ids
from storefront_api.pages.interface import Page
from storefront_api.pages.registry import page_type
from storefront_api.pages.types import HeroImage
from storefront_api.stores.loaders import expect_stores
from storefront_api.stores.types import StorePage

from .loaders import RelatedProductIdsByStoryIdLoader, RelatedStoreIdsByStoryIdLoader


class ProductStoryBodyBlock(StreamUnion):
    """The blocks a product story's `body` may hold."""

    class Meta:
        types = (
            blocks.HeadingBlock,
            blocks.ParagraphBlock,
            blocks.ImageBlock,
            blocks.QuoteBlock,
            blocks.VideoBlock,
            blocks.ProductCalloutBlock,
            blocks.TimelineBlock,
        )


@page_type(models.ProductStoryPage)
class ProductStoryPage(HeroImage, graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    standfirst = graphene.String(required=True)
    qr_code_url = qr_code_url_field("story")
    body = graphene.List(graphene.NonNull(ProductStoryBodyBlock), required=True)
    related_products = graphene.List(
        graphene.NonNull(Product), required=True, description="The products the story is about that are on sale."
    )
    related_stores = graphene.List(
        graphene.NonNull(StorePage),
        required=True,
        description="Stores where shoppers can see the products, in the story's language.",
    )

    @staticmethod
    def resolve_body(page, info):
        return page_stream(info, page, "body")

    @staticmethod
    def resolve_related_products(page, info):
        chosen = chosen_ids(info, page, "related_products", RelatedProductIdsByStoryIdLoader)
        loader = ProductByIdLoader.for_request(info.context)
        prime_products(info.context, loader.load_many(pk for ids in chosen.values() for pk in ids))
        return [product for product in loader.load_many(chosen[id(page)]) if product is not None]

    @staticmethod
    def resolve_related_stores(page, info):
        chosen = chosen_ids(info, page, "related_stores", RelatedStoreIdsByStoryIdLoader)
        stories = batch_of(info.context, page)
        keys = {id(other): [(other.locale_id, pk) for pk in chosen[id(other)]] for other in stories}
        loader = LinkTargetLoader.for_request(info.context)
        expect_stores(info.context, loader.load_many(key for story_keys in keys.values() for key in story_keys))
        return [store for store in loader.load_many(keys[id(page)]) if store is not None]


class ProductStoryPageConnection(CountableConnection):
    class Meta:
        node = ProductStoryPage
