"""The objects behind search hits and suggestions, loaded together, and facet labels.

The index may lag behind the database by a moment (or longer while Elasticsearch is down), so
every object is loaded through the same rules as the rest of the API — live, public, of the
requesting site and language — and a hit whose object shoppers may no longer see is dropped.
Queries: one per page type among the hits (Wagtail's ``specific()``) and one for products,
whatever the number of hits; the fields then load for the whole list (pages/batches.py).
"""

from cms.catalog.listing import shopper_categories, shopper_products
from cms.catalog.models import Category, Product
from cms.publishing import surrogate_keys
from cms.stores.models import Service
from storefront_api.catalog.loaders import prime_products
from storefront_api.pages.batches import remember_batch
from storefront_api.pages.context import record_page_list, visible_pages

PAGE_DOCUMENT_TYPES = ("page", "store")


def record_search(info, locale):
    """Search results and suggestions depend on every page, product, category (facets) and
    service (facets) of the language: any of them changed may change the ranking."""
    record_page_list(info, locale)
    surrogate_keys.record_all(
        surrogate_keys.snippet_list(model, locale.language_code) for model in (Product, Category, Service)
    )


def load_objects(info, refs, locale):
    """``{ref: object}`` for the refs (DocumentRef) whose object shoppers may see in ``locale``."""
    refs = list(refs)
    page_ids = {ref.id for ref in refs if ref.type in PAGE_DOCUMENT_TYPES}
    product_ids = {ref.id for ref in refs if ref.type == "product"}
    pages, products = {}, {}
    if page_ids:
        pages = {page.pk: page for page in visible_pages(info, locale).filter(pk__in=page_ids).specific()}
        remember_batch(info.context, pages.values())
    if product_ids:
        products = shopper_products(locale).in_bulk(product_ids)
        prime_products(info.context, products.values())
    found = {}
    for ref in refs:
        obj = products.get(ref.id) if ref.type == "product" else pages.get(ref.id)
        if obj is not None:
            found[ref] = obj
    return found


def facet_labels(facets, locale):
    """``{(facet name, value): label}`` for facets whose values are codes or slugs: categories
    and services by their name in ``locale`` (one query each, only when present)."""
    labels = {}
    slugs = [value.value for value in facets.get("category", ())]
    if slugs:
        named = shopper_categories(locale).filter(slug__in=slugs).values_list("slug", "name")
        labels.update({("category", slug): name for slug, name in named})
    codes = [value.value for value in facets.get("services", ())]
    if codes:
        named = Service.objects.filter(live=True, locale=locale, code__in=codes).values_list("code", "name")
        labels.update({("services", code): name for code, name in named})
    return labels
