"""The in-Django part of prepare.py: benchmark pages, our search index, Wagtail's search index.

    python -m benchmarks.peers.prepare_data   (DJANGO_SETTINGS_MODULE and DATABASE_URL set)
"""

import logging
import time

import django


def ensure_search_index():
    """Rebuild our index when its documents per type differ from the database's."""
    from search import documents
    from search.backends.base import SearchUnavailable
    from search.service import get_search_backend
    from search.management.commands.search_index import indexed_counts

    backend = get_search_backend()
    expected = documents.count_documents()
    try:
        complete = indexed_counts(backend) == expected
    except SearchUnavailable:  # no index yet
        complete = False
    if complete:
        print(f"our {backend.name} index is complete ({sum(expected.values()):,} documents)")
        return
    started = time.monotonic()
    report = backend.rebuild(documents.all_documents(), total=sum(expected.values()))
    print(f"our {backend.name} index rebuilt: {report.documents:,} documents in {time.monotonic() - started:.0f} s")


def ensure_wagtail_search_index():
    """Wagtail's own search index (which grapple and the REST API search), for pages only:
    the peers search pages, and its update_index would also index 100,000 products, for tens
    of minutes. Indexed the way update_index does it, one model at a time."""
    from modelsearch.backends import get_search_backend
    from modelsearch.index import get_indexed_models
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    page_models = [model for model in get_indexed_models() if issubclass(model, Page)]
    indexed = IndexEntry.objects.filter(content_type__model__in=[m._meta.model_name for m in page_models]).count()
    if indexed >= Page.objects.count() - 1:
        print(f"Wagtail's search index has every page ({indexed:,})")
        return
    started = time.monotonic()
    backend = get_search_backend()
    for model in page_models:
        index = backend.get_index_for_model(model)
        objects = model.get_indexed_objects().order_by("pk")
        for start in range(0, objects.count(), 1000):
            index.add_items(model, list(objects[start:start + 1000]))
    print(f"Wagtail's search index: pages indexed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    django.setup()
    logging.disable(logging.INFO)
    from .content import ensure_bench_content

    made = ensure_bench_content()
    print(f"benchmark pages: {made} created")
    ensure_search_index()
    ensure_wagtail_search_index()
