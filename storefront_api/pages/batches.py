"""Pages resolved together — the items of one list or one page of a connection.

A field that needs rows of another table (a hero image, the products of a stream) loads
them for every page of the batch at its first use, so a list of 10 or of 100 pages costs
the same number of queries (see core/loaders.py). A page resolved alone is its own batch.
"""

from cms.publishing import surrogate_keys
from storefront_api.core.connections import paginate


def _batches(context):
    batches = getattr(context, "_storefront_page_batches", None)
    if batches is None:
        batches = {}
        context._storefront_page_batches = batches
    return batches


def remember_batch(context, pages):
    """Record ``pages`` (or products) as resolved together, and the response as built from
    them; returns them as a list."""
    pages = list(pages)
    surrogate_keys.record_all(surrogate_keys.of(page) for page in pages)
    batches = _batches(context)
    for page in pages:
        # Keyed by the object, not the id: a previewed draft shares its id with the live page.
        batches.setdefault(id(page), pages)
    return pages


def batch_of(context, page):
    """The pages of ``page``'s batch that are of its type, ``page`` included."""
    pages = _batches(context).get(id(page), [page])
    return [other for other in pages if type(other) is type(page)]


def load_for_batch(info, page, loader_class, key):
    """``loader_class`` loads ``key(page)``, primed with the key of every page of the batch."""
    loader = loader_class.for_request(info.context)
    loader.prime([key(other) for other in batch_of(info.context, page)])
    return loader.load(key(page))


def is_preview(page, relation):
    """True when ``relation`` of ``page`` holds unsaved rows (a previewed draft): read them
    from the page, not from the database."""
    return relation in getattr(page, "_cluster_related_objects", {})


def related_for_batch(info, page, relation, loader_class):
    """The rows of a child relation or many-to-many field of ``page``: loaded for the whole
    batch by ``loader_class`` (keyed by page id), or the draft's own rows in a preview."""
    if is_preview(page, relation):
        return list(getattr(page, relation).all())
    return load_for_batch(info, page, loader_class, lambda other: other.pk)


def chosen_ids(info, page, relation, loader_class):
    """``{id(page): ids}`` chosen in the many-to-many field ``relation`` of every page of
    ``page``'s batch: one query for the batch (``loader_class``), or a draft's own choice."""
    pages = batch_of(info.context, page)
    loader = loader_class.for_request(info.context)
    loader.prime([other.pk for other in pages if not is_preview(other, relation)])
    return {
        id(other): (
            [chosen.pk for chosen in getattr(other, relation).all()]
            if is_preview(other, relation)
            else loader.load(other.pk)
        )
        for other in pages
    }


def paginate_pages(info, connection_type, pages, **page_args):
    """A page of the ``pages`` queryset as ``connection_type``, its items one batch."""
    return paginate(connection_type, pages, after_slice=lambda items: remember_batch(info.context, items), **page_args)
