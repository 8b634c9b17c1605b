"""Relevance of each search backend on the demo content: precision@5 and MRR over the
relevance set (search/relevance/queries.json), and the queries each backend answers worst.

    .venv/bin/python benchmarks/search_relevance.py --scratch        # fresh SQLite + demo (~1 min)
    DATABASE_URL=... .venv/bin/python benchmarks/search_relevance.py  # a database with the demo loaded

The database backend is always measured; Elasticsearch too when ELASTICSEARCH_URL is set
(indexed under a prefix of its own, deleted at the end, so the configured indices are left
alone). Each backend is rebuilt from the database first, so both answer from the same content.
"""

import argparse
import logging
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # one line per request otherwise


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scratch", action="store_true", help="Load the demo into a new SQLite database first.")
    parser.add_argument("--worst", type=int, default=8, help="How many of the worst queries to show (default 8).")
    parser.add_argument("--depth", type=int, default=10, help="Results asked per query (default 10).")
    return parser.parse_args(argv)


def use_scratch_database():
    """Point Django at a new SQLite file (before setup), then migrate and load the demo."""
    path = Path(tempfile.mkdtemp(prefix="search-relevance-")) / "demo.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    print(f"Demo loaded into {path} in {time.perf_counter() - started:.0f} s")


def available_backends():
    """``[(name, backend, cleanup)]``: the database backend, and Elasticsearch when configured."""
    from search.backends.database import DatabaseSearchBackend

    backends = [("database", DatabaseSearchBackend(), lambda: None)]
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        from search.backends.elasticsearch import ElasticsearchSearchBackend

        backend = ElasticsearchSearchBackend(URL=url, INDEX_PREFIX=f"relevance{os.getpid()}_{uuid.uuid4().hex[:8]}", TIMEOUT=30)
        if backend.is_available():
            backends.append(("elasticsearch", backend, backend.drop_indices))
        else:
            print(f"Elasticsearch at {url} does not answer: measuring the database backend only.")
    else:
        print("ELASTICSEARCH_URL is not set: measuring the database backend only.")
    return backends


def rebuild(backend):
    from search.documents import all_documents

    report = backend.rebuild(all_documents())
    getattr(backend, "refresh", lambda: None)()
    return report


def result_names(refs):
    """``{ref: "<type>:<sku or slug>"}`` (one query per type)."""
    from wagtail.models import Page

    from cms.catalog.models import Product

    page_ids = [ref.id for ref in refs if ref.type in ("page", "store")]
    product_ids = [ref.id for ref in refs if ref.type == "product"]
    slugs = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "slug"))
    skus = dict(Product.objects.filter(pk__in=product_ids).values_list("pk", "sku"))
    return {ref: f"{ref.type}:{skus.get(ref.id) if ref.type == 'product' else slugs.get(ref.id)}" for ref in refs}


def measure(backend, queries, site_id, depth):
    """``[(query, names returned, precision@5, reciprocal rank)]``."""
    from search.backends.base import SearchRequest
    from search.relevance import demo_names, precision_at, reciprocal_rank, relevant_count

    rows, demo = [], {}
    for query in queries:
        request = SearchRequest(text=query.query, types=query.types, locale=query.locale, site_id=site_id, limit=depth, facets=False)
        refs = [hit.ref for hit in backend.search(request).hits]
        found = result_names(refs)
        names = [found[ref] for ref in refs]
        if query.locale not in demo:
            demo[query.locale] = demo_names(query.locale)
        possible = relevant_count(query.expected, demo[query.locale])
        rows.append((query, names, precision_at(names, query.expected, possible), reciprocal_rank(names, query.expected)))
    return rows


def report(name, rows, worst, seconds):
    count = len(rows)
    precision = sum(row[2] for row in rows) / count
    mrr = sum(row[3] for row in rows) / count
    print(f"\n{name}: precision@5 {precision:.3f}  MRR {mrr:.3f}  ({count} queries, indexed in {seconds:.1f} s)")
    print(f"  worst {worst}:")
    for query, names, p5, rr in sorted(rows, key=lambda row: (row[3], row[2]))[:worst]:
        print(f"  P@5 {p5:.2f} RR {rr:.2f}  [{query.locale}] {query.query!r} wants {', '.join(query.expected)}")
        print(f"      got: {', '.join(names[:5]) or '(nothing)'}")
    return precision, mrr


def main(argv=None):
    args = parse_args(argv)
    if args.scratch:
        use_scratch_database()
    else:
        import django

        django.setup()

    from wagtail.models import Site

    from search.relevance import load_queries

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        sys.exit("No site: load the demo (manage.py load_demo) or use --scratch.")
    queries = load_queries()
    summary = []
    for name, backend, cleanup in available_backends():
        try:
            started = time.perf_counter()
            rebuild(backend)
            indexed = time.perf_counter() - started
            summary.append((name, *report(name, measure(backend, queries, site.pk, args.depth), args.worst, indexed)))
        finally:
            cleanup()
    print("\nbackend          precision@5   MRR")
    for name, precision, mrr in summary:
        print(f"{name:<16} {precision:>11.3f} {mrr:>6.3f}")


if __name__ == "__main__":
    main()
