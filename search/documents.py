"""Search documents built from the models: what shoppers may find, as plain data.

A builder returns None for anything that must not be in the index: pages that are not live,
restricted (a view restriction on the page or an ancestor) or not a shopper page type;
products that are inactive or unpublished. The indexing pipeline deletes the document then.

Body text comes from the fields each model lists in its Wagtail ``search_fields`` (rich text
and StreamFields through Wagtail's own ``get_searchable_content``), so what editors mark as
searchable for the admin is what shoppers search too.
"""

import re
from html import unescape

from django.db.models import Q
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from cms.catalog.models import Category, Product
from cms.core.models import HomePage, SectionPage
from cms.guides.models import GiftGuidePage
from cms.policies.models import ReturnPolicyPage
from cms.stores.models import StoreIndexPage, StorePage
from cms.stories.models import ProductStoryPage

from .backends.base import DocumentRef, SearchDocument, chunked

# Page types shoppers see, indexed as "page" documents. Store pages are "store" documents.
PAGE_MODELS = (HomePage, SectionPage, StoreIndexPage, GiftGuidePage, ProductStoryPage, ReturnPolicyPage)
BATCH_SIZE = 500


class Context:
    """What every builder needs and is the same for all rows: locales, sites, restrictions
    and categories, loaded once (a handful of queries) for a whole rebuild or batch."""

    def __init__(self):
        self.languages = dict(Locale.objects.values_list("pk", "language_code"))
        self.restricted_paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.categories = {row[0]: row[1:] for row in Category.objects.values_list("pk", "name", "slug", "parent_id")}
        self.site_homes = site_homes()

    def is_public(self, page):
        return not any(page.path.startswith(path) for path in self.restricted_paths)

    def site_ids(self, page):
        return tuple(
            sorted(site_id for (locale_id, path), site_id in self.site_homes if locale_id == page.locale_id and page.path.startswith(path))
        )

    def category_chain(self, category_id):
        chain, seen = [], set()
        while category_id is not None and category_id in self.categories and category_id not in seen:
            seen.add(category_id)
            name, slug, parent_id = self.categories[category_id]
            chain.append((name, slug))
            category_id = parent_id
        return list(reversed(chain))


def site_homes():
    """``[((locale id, home path), site id)]``: each site's root page and its translations,
    the trees whose pages the site shows in each language."""
    sites = list(Site.objects.values_list("root_page__translation_key", "pk"))
    homes = Page.objects.filter(translation_key__in={key for key, _ in sites}).values_list("translation_key", "locale_id", "path")
    return [((locale_id, path), site_id) for key, locale_id, path in homes for root_key, site_id in sites if root_key == key]


# --- text ------------------------------------------------------------------------------------


def searchable_text(obj, exclude=("title",)):
    """Plain text of the model's Wagtail search fields (except ``exclude``), in order."""
    parts = []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name in exclude:
            continue
        parts += field_text(obj, search_field.field_name)
    return "\n".join(part.strip() for part in parts if part and part.strip())


def field_text(obj, name):
    try:
        model_field = obj._meta.get_field(name)
    except Exception:  # a method or property (e.g. Product.sku_search_text)
        value = getattr(obj, name, "")
        return [str(value() if callable(value) else value or "")]
    value = getattr(obj, name)
    if isinstance(model_field, StreamField):
        return raw_block_text(model_field.stream_block, value.raw_data)
    if isinstance(model_field, RichTextField):
        return [str(text) for text in model_field.get_searchable_content(value)]
    return [str(value or "")]


def raw_block_text(block, raw):
    """The text Wagtail's ``get_searchable_content`` gives for a block (text and rich text;
    nothing for choosers, images, embeds), read from the stored JSON: converting the stream
    would load the chosen products and images, one query per page."""
    if raw is None:
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for item in raw for text in raw_block_text(block.child_blocks.get(item["type"]), item["value"])]
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in raw_block_text(child, raw.get(name))]
    if isinstance(block, blocks.ListBlock):
        items = [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in raw]
        return [text for item in items for text in raw_block_text(block.child_block, item)]
    if isinstance(block, blocks.RichTextBlock):
        return [get_text_for_indexing(raw)]
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return [str(raw)]
    return []


# Rich text as Wagtail stores it: text without "<", ">" or a bare "&", character references,
# and tags of letters with double-quoted attributes. For such markup, Wagtail's
# get_text_for_indexing (Django's strip_tags: Python's HTML parser, up to 40 µs a product
# description) comes down to dropping the tags; any other markup goes to it.
SIMPLE_MARKUP = re.compile(
    r"(?:[^<>&]++"
    r"|&(?:[a-zA-Z][a-zA-Z0-9]*+|#[0-9]++|#[xX][0-9a-fA-F]++);"
    r'|(?></?[a-zA-Z][a-zA-Z0-9]*+(?:\s++[a-zA-Z_:][-a-zA-Z0-9_:.]*+(?:="[^"<>]*+")?+)*+\s*+/?+>)'
    r")*+"
)
# The spaces get_text_for_indexing puts after block ends and line breaks, then any tag.
BLOCK_END = re.compile(r"(</(p|h\d|li|blockquote)>)", re.IGNORECASE)
LINE_BREAK = re.compile(r"(<(br|hr)\s*/>)", re.IGNORECASE)
TAG = re.compile(r"<[^<>]*>")


def plain_text(html):
    """The text of rich text, as Wagtail's ``get_text_for_indexing`` gives it."""
    html = html or ""
    if not SIMPLE_MARKUP.fullmatch(html):
        return get_text_for_indexing(html)
    text = TAG.sub("", LINE_BREAK.sub(r"\1 ", BLOCK_END.sub(r"\1 ", html)))
    return unescape(text.strip())


# --- builders --------------------------------------------------------------------------------


def page_document(page, context=None):
    """The document of a shopper page (specific instance), or None."""
    page = page.specific if type(page) is Page else page
    if isinstance(page, StorePage):
        return store_document(page, context)
    context = context or Context()
    if not isinstance(page, PAGE_MODELS) or not page.live or not context.is_public(page):
        return None
    site_ids = context.site_ids(page)
    if not site_ids:  # outside every site's tree: no shopper can reach it
        return None
    return SearchDocument(
        ref=DocumentRef("page", page.pk),
        locale=context.languages[page.locale_id],
        title=page.title,
        body=searchable_text(page),
        page_type=type(page).__name__,
        url_path=page.url_path,
        site_ids=site_ids,
        search_description=page.search_description or "",
        published_at=page.last_published_at,
    )


def store_document(store, context=None, services=None):
    """The document of a store page, or None (not live or restricted). ``services``: the
    store's service codes when the caller read them for many stores at once (otherwise they
    come from ``store.services``, which should be prefetched when building many)."""
    context = context or Context()
    if services is None:
        services = [service.code for service in store.services.all()]
    site_ids = context.site_ids(store)
    if not store.live or not context.is_public(store) or not site_ids:
        return None
    address = ", ".join(part for part in (store.street_address, store.address_extra, store.postal_code, store.city) if part)
    return SearchDocument(
        ref=DocumentRef("store", store.pk),
        locale=context.languages[store.locale_id],
        title=store.title,
        body="\n".join(part for part in (plain_text(store.store_message), store.region, store.search_description) if part),
        page_type="StorePage",
        url_path=store.url_path,
        site_ids=site_ids,
        search_description=store.search_description or "",
        city=store.city,
        address=address,
        services=tuple(sorted(set(services))),
        location=(float(store.latitude), float(store.longitude)),
        published_at=store.last_published_at,
    )


def product_document(product, context=None):
    """The document of a product, or None (inactive or not published)."""
    context = context or Context()
    if not product.is_active or not product.live:
        return None
    chain = context.category_chain(product.category_id)
    return SearchDocument(
        ref=DocumentRef("product", product.pk),
        locale=context.languages[product.locale_id],
        title=product.name,
        body=plain_text(product.description),
        sku=product.sku,
        gtin=product.gtin,
        brand=product.brand,
        category_path=tuple(name for name, _ in chain),
        category_slugs=tuple(slug for _, slug in chain),
        price=product.price,
        currency=product.currency,
        published_at=product.last_published_at,
    )


# --- many at once ----------------------------------------------------------------------------


def shopper_page_rows():
    """Candidate pages of the shopper page types (specific), live, in tree order."""
    return Page.objects.live().type(*PAGE_MODELS).order_by("path").specific()


def store_rows():
    return StorePage.objects.live().order_by("path")


def product_rows():
    return Product.objects.filter(is_active=True, live=True).order_by("pk")


def all_documents(context=None):
    """Every document the index should hold: pages, then stores, then products. Stores and
    products (nearly all of the documents at chain scale) are read as plain rows with only
    the fields their builders use, streamed from the database (``BULK_ROWS`` at a time):
    model instances (a Wagtail page, a ClusterableModel) cost more to make than the
    document itself. The builders are the same as for one object (``documents_for``), so
    the documents are the same (tests/search/test_documents.py compares them)."""
    context = context or Context()
    for batch in batched(shopper_page_rows()):
        for page in batch:
            document = page_document(page, context)
            if document is not None:
                yield document
    for rows in chunked(store_rows().values_list(*STORE_FIELDS, named=True).iterator(chunk_size=BULK_ROWS), BULK_ROWS):
        codes = service_codes([row.pk for row in rows])
        for row in rows:
            document = store_document(row, context, services=codes.get(row.pk, ()))
            if document is not None:
                yield document
    for row in product_rows().values_list(*PRODUCT_FIELDS, named=True).iterator(chunk_size=BULK_ROWS):
        document = product_document(row, context)
        if document is not None:
            yield document


# The fields the store and product builders read, for rows read without model instances.
STORE_FIELDS = (
    "pk", "locale_id", "path", "live", "title", "url_path", "search_description", "last_published_at",
    "store_message", "region", "street_address", "address_extra", "postal_code", "city", "latitude", "longitude",
)  # fmt: skip
PRODUCT_FIELDS = (
    "pk", "locale_id", "is_active", "live", "name", "description", "sku", "gtin", "brand", "category_id", "price",
    "currency", "last_published_at",
)  # fmt: skip
BULK_ROWS = 2_000


def service_codes(store_ids):
    """``{store id: [service code, …]}`` of those stores, in one query."""
    codes = {}
    through = StorePage.services.through
    for store_id, code in through.objects.filter(storepage_id__in=store_ids).values_list("storepage_id", "service__code"):
        codes.setdefault(store_id, []).append(code)
    return codes


def batched(queryset, size=BATCH_SIZE):
    """The queryset in batches of ``size`` by primary key (prefetches run per batch)."""
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        rows = {row.pk: row for row in queryset.filter(pk__in=chunk)}
        yield [rows[pk] for pk in chunk if pk in rows]


def count_documents():
    """``{type: number}`` of documents all_documents() yields (restricted pages excluded)."""
    context = Context()
    public = Q()
    for path in context.restricted_paths:
        public &= ~Q(path__startswith=path)
    on_a_site = Q(pk__in=[])
    for (locale_id, path), _ in context.site_homes:
        on_a_site |= Q(locale_id=locale_id, path__startswith=path)
    public &= on_a_site
    pages = Page.objects.live().type(*PAGE_MODELS).filter(public).count()
    stores = StorePage.objects.live().filter(public).count()
    return {"page": pages, "product": product_rows().count(), "store": stores}


def documents_for(refs, context=None):
    """``{ref: document or None}`` for one DocumentRef or many: the current state of each
    row (None: deleted, or must not be indexed). A few queries per type, not per ref."""
    if isinstance(refs, DocumentRef):
        refs = [refs]
    refs = list(refs)
    context = context or Context()
    found = {ref: None for ref in refs}
    ids = {kind: [ref.id for ref in refs if ref.type == kind] for kind in ("page", "product", "store")}
    if ids["page"]:
        for page in Page.objects.filter(pk__in=ids["page"]).specific():
            if not isinstance(page, StorePage):
                found[DocumentRef("page", page.pk)] = page_document(page, context)
    if ids["store"]:
        for store in StorePage.objects.filter(pk__in=ids["store"]).prefetch_related("services"):
            found[DocumentRef("store", store.pk)] = store_document(store, context)
    if ids["product"]:
        for product in Product.objects.filter(pk__in=ids["product"]):
            found[DocumentRef("product", product.pk)] = product_document(product, context)
    return found


def ref_for(obj):
    """The DocumentRef of a page, store page or product."""
    if isinstance(obj, Product):
        return DocumentRef("product", obj.pk)
    if isinstance(obj, StorePage) or (isinstance(obj, Page) and obj.specific_class is StorePage):
        return DocumentRef("store", obj.pk)
    return DocumentRef("page", obj.pk)
