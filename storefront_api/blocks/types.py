"""The shared StreamField blocks (cms/core/blocks.py) as GraphQL types.

Each type builds its item from the block's raw value (see streams.py); a block whose
product, image or linked page shoppers may not see is left out.
"""

import graphene

from cms.core import blocks
from cms.core.embeds import video_embed_src, video_provider
from storefront_api.catalog.types import Product
from storefront_api.core.scalars import content_html
from storefront_api.images.types import Image
from storefront_api.pages.context import site_relative_url
from storefront_api.pages.interface import Page

from .registry import stream_block
from .streams import list_block_items, list_values


class StreamBlock(graphene.Interface):
    id = graphene.ID(required=True, description="The block's id, stable across edits of the page.")
    block_type = graphene.String(required=True, description="The block's name in its stream, e.g. `product_callout`.")

    @classmethod
    def resolve_type(cls, instance, info):
        return instance.graphql_type


def strings(raw, *names):
    """The text fields ``names`` of a struct block's raw value; "" for missing ones."""
    return {name: (raw or {}).get(name) or "" for name in names}


class HeadingLevel(graphene.Enum):
    H2 = "h2"
    H3 = "h3"


@stream_block(blocks.HeadingBlock)
class HeadingBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    text = graphene.String(required=True)
    level = graphene.Field(HeadingLevel, required=True)

    @staticmethod
    def build(item, raw, loaded):
        return item.set(**strings(raw, "text"), level=raw.get("level") or "h2")


class RichText:
    """Types with an ``html`` field: rich text with internal links as real URLs."""

    @staticmethod
    def resolve_html(item, info):
        return content_html(info, item, item.rich_text)


@stream_block(blocks.ParagraphBlock)
class ParagraphBlock(RichText, graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    html = graphene.String(required=True, description="HTML; links to pages and documents are real URLs.")

    @staticmethod
    def build(item, raw, loaded):
        return item.set(rich_text=raw or "", locale_id=loaded.locale_id)


@stream_block(blocks.ImageBlock)
class ImageBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    image = graphene.Field(Image, required=True)
    alt = graphene.String(required=True, description="The editor's alt text, else the image's own.")
    caption = graphene.String(required=True)

    @staticmethod
    def build(item, raw, loaded):
        image = loaded.image(raw.get("image"))
        if image is None:
            return None
        return item.set(image=image, alt=raw.get("alt_text") or image.default_alt_text, **strings(raw, "caption"))


@stream_block(blocks.QuoteBlock)
class QuoteBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    quote = graphene.String(required=True)
    attribution = graphene.String(required=True)

    @staticmethod
    def build(item, raw, loaded):
        return item.set(**strings(raw, "quote", "attribution"))


@stream_block(blocks.VideoBlock)
class VideoBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    url = graphene.String(required=True, description="The video's page, as the editor entered it.")
    embed_url = graphene.String(description="An iframe source (privacy-friendly); null for an unknown provider.")
    provider = graphene.String(description="YouTube or Vimeo; null for an unknown provider.")
    caption = graphene.String(required=True)

    @staticmethod
    def build(item, raw, loaded):
        url = raw.get("video") or ""
        if not url:
            return None
        return item.set(
            url=url, embed_url=video_embed_src(url), provider=video_provider(url), **strings(raw, "caption")
        )


@stream_block(blocks.ProductCalloutBlock)
class ProductCalloutBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    product = graphene.Field(Product, required=True)
    text = graphene.String(required=True)

    @staticmethod
    def build(item, raw, loaded):
        product = loaded.product(raw.get("product"))
        if product is None:
            return None
        return item.set(product=product, **strings(raw, "text"))


class TimelineStep(graphene.ObjectType):
    when = graphene.String(required=True, description="A date or period, e.g. “Spring 2025”.")
    title = graphene.String(required=True)
    place = graphene.String(required=True)
    description = graphene.String(required=True)


@stream_block(blocks.TimelineBlock)
class TimelineBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    title = graphene.String(required=True)
    steps = graphene.List(graphene.NonNull(TimelineStep), required=True)

    @staticmethod
    def build(item, raw, loaded):
        steps = [strings(step, "when", "title", "place", "description") for step in list_values(raw.get("steps"))]
        return item.set(**strings(raw, "title"), steps=steps)


@stream_block(blocks.FAQItemBlock)
class FAQItemBlock(RichText, graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    question = graphene.String(required=True)
    html = graphene.String(required=True, description="The answer, as HTML.")

    @staticmethod
    def build(item, raw, loaded):
        return item.set(**strings(raw, "question"), rich_text=raw.get("answer") or "", locale_id=loaded.locale_id)


@stream_block(blocks.LinkBlock)
class LinkBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    label = graphene.String(required=True, description="The editor's label, else the page's title.")
    url = graphene.String(required=True, description="Site-relative for pages, as entered for external links.")
    page = graphene.Field(Page, description="The linked page in the requested language; null for external links.")

    @staticmethod
    def build(item, raw, loaded):
        if raw.get("page"):
            page = loaded.page(raw["page"])
            if page is None:
                return None
            return item.set(label=raw.get("label") or page.title, url=site_relative_url(loaded.request, page), page=page)
        if not raw.get("url"):
            return None
        return item.set(label=raw.get("label") or raw["url"], url=raw["url"], page=None)


@stream_block(blocks.FooterColumnBlock)
class FooterColumnBlock(graphene.ObjectType):
    class Meta:
        interfaces = (StreamBlock,)

    title = graphene.String(required=True)
    links = graphene.List(graphene.NonNull(LinkBlock), required=True)

    @staticmethod
    def build(item, raw, loaded):
        links = list_block_items(raw.get("links"), item.block.child_blocks["links"], "link", loaded)
        return item.set(**strings(raw, "title"), links=links)
