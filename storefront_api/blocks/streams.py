"""StreamField values as lists of typed blocks, with what they refer to loaded in bulk.

Blocks are built from the stream's raw JSON (``stream.raw_data``), not from Wagtail's
Python values: converting a stream to Python values loads its chosen products and images
with queries per stream, so a list of pages would cost queries per page. Instead every id
that the streams of a batch of pages name (products, images, pages) is collected from the
raw data and loaded once; each block type then builds its item from the raw value and the
loaded objects, and leaves out what shoppers must not see (an unpublished product, a link
to a restricted page).
"""

from collections import defaultdict

import graphene
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.catalog.models import Product
from storefront_api.catalog.loaders import ProductByIdLoader, prime_products
from storefront_api.core.locales import LocaleByIdLoader
from storefront_api.core.rich_text import PageLinkLoader, page_link_keys
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.pages.batches import batch_of

from .loaders import LinkTargetLoader
from .registry import graphql_block_type


class StreamItem:
    """One block as the API serves it. ``build`` of its GraphQL type sets the fields."""

    def __init__(self, id, block_type, graphql_type, block):
        self.id = id
        self.block_type = block_type
        self.graphql_type = graphql_type
        self.block = block

    def set(self, **fields):
        self.__dict__.update(fields)
        return self


class StreamUnion(graphene.Union):
    """Base of the union of the blocks one StreamField may hold."""

    class Meta:
        abstract = True

    @classmethod
    def resolve_type(cls, instance, info):
        return instance.graphql_type


class Loaded:
    """Look-ups of what the streams refer to, after ``prime_streams``: no query each."""

    def __init__(self, request, locale_id):
        self.request = request
        self.locale_id = locale_id

    def product(self, pk):
        return ProductByIdLoader.for_request(self.request).load(pk)

    def image(self, pk):
        return ImageByIdLoader.for_request(self.request).load(pk)

    def page(self, pk):
        """The chosen page's version in the stream's language, if shoppers may see it."""
        return None if pk is None else LinkTargetLoader.for_request(self.request).load((self.locale_id, pk))


def list_values(raw):
    """The item values of a ListBlock's raw data (new ``{"type": "item", ...}`` or old format)."""
    return [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in raw or []]


def list_items(raw):
    """(id, value) of each item of a ListBlock's raw data; old-format items have no id."""
    return [
        (item.get("id"), item["value"]) if isinstance(item, dict) and item.get("type") == "item" else (None, item)
        for item in raw or []
    ]


RICH_TEXT = "rich text"


def collect_references(block, raw, found):
    """Add to ``found`` ({model: ids}) the ids that chooser blocks inside ``raw`` name, and
    the rich text it holds (under ``RICH_TEXT``)."""
    if raw is None or raw == "":
        return
    if isinstance(block, blocks.ChooserBlock):
        found[block.target_model].add(raw)
    elif isinstance(block, blocks.RichTextBlock):
        found[RICH_TEXT].add(raw)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            collect_references(child, raw.get(name), found)
    elif isinstance(block, blocks.ListBlock):
        for value in list_values(raw):
            collect_references(block.child_block, value, found)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                collect_references(child, item.get("value"), found)


def prime_streams(request, streams):
    """Load what ``streams`` ((stream, locale id) pairs) refer to: one query per kind of
    object for all of them, none for streams primed before."""
    primed = getattr(request, "_storefront_primed_streams", None)
    if primed is None:
        primed = request._storefront_primed_streams = set()
    products, images, page_links, rich_text_links = set(), set(), set(), []
    for stream, locale_id in streams:
        if id(stream) in primed:
            continue
        primed.add(id(stream))
        found = defaultdict(set)
        collect_references(stream.stream_block, list(stream.raw_data), found)
        language_code = LocaleByIdLoader.language_code(request, locale_id)
        for value in found.pop(RICH_TEXT, ()):
            rich_text_links += page_link_keys(value, language_code)
        for model, ids in found.items():
            if issubclass(model, Product):
                products |= ids
            elif issubclass(model, get_image_model()):
                images |= ids
            elif issubclass(model, Page):
                page_links |= {(locale_id, pk) for pk in ids}
    prime_products(request, ProductByIdLoader.for_request(request).prime(products).load_many(products))
    ImageByIdLoader.for_request(request).prime(images)
    LinkTargetLoader.for_request(request).prime(page_links)
    PageLinkLoader.for_request(request).expect(rich_text_links)  # resolved by the first rich text


def build_items(raw_items, child_blocks, loaded):
    """The items for (id, block name, raw value) triples that shoppers may see, in order."""
    items = []
    for index, (item_id, name, raw) in enumerate(raw_items):
        block = child_blocks.get(name)
        graphql_type = graphql_block_type(block)
        if graphql_type is None:
            continue
        item = graphql_type.build(StreamItem(item_id or f"{name}-{index}", name, graphql_type, block), raw, loaded)
        if item is not None:
            items.append(item)
    return items


def list_block_items(raw, list_block, name, loaded):
    """The items of a ListBlock inside a block, each served as the type of its child block."""
    raw_items = [(item_id, name, value) for item_id, value in list_items(raw)]
    return build_items(raw_items, {name: list_block.child_block}, loaded)


def stream_items(request, stream, locale_id, batch=()):
    """The blocks of ``stream`` shoppers may see; page links follow the language
    ``locale_id``. What the streams of ``batch`` ((stream, locale id) pairs) refer to is
    loaded with it."""
    prime_streams(request, [(stream, locale_id), *batch])
    raw_items = [(raw.get("id"), raw.get("type"), raw.get("value")) for raw in stream.raw_data]
    return build_items(raw_items, stream.stream_block.child_blocks, Loaded(request, locale_id))


def page_stream(info, page, field_name):
    """The blocks of a StreamField of ``page``, loaded for every page of its batch."""
    batch = [(getattr(other, field_name), other.locale_id) for other in batch_of(info.context, page)]
    return stream_items(info.context, getattr(page, field_name), page.locale_id, batch)
