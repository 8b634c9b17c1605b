"""The gift-guide blocks (cms/guides/blocks.py) as GraphQL types."""

import graphene

from cms.guides import blocks
from storefront_api.blocks.registry import stream_block
from storefront_api.blocks.streams import list_values
from storefront_api.blocks.types import StreamBlock, strings
from storefront_api.catalog.types import Product


class ProductPick(graphene.ObjectType):
    product = graphene.Field(Product, required=True)
    note = graphene.String(required=True, description="The editor's note: why this is a good gift.")


@stream_block(blocks.GuideSectionBlock)
class GuideSectionBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    title = graphene.String(required=True)
    intro = graphene.String(required=True)
    picks = graphene.List(
        graphene.NonNull(ProductPick), required=True, description="In the editor's order; only products on sale."
    )

    @staticmethod
    def build(item, raw, loaded):
        picks = []
        for pick in list_values(raw.get("picks")):
            product = loaded.product(pick.get("product"))
            if product is not None:
                picks.append(ProductPick(product=product, **strings(pick, "note")))
        if not picks:
            return None
        return item.set(**strings(raw, "title", "intro"), picks=picks)
