"""The relevance set: shopper queries over the demo content with the results that should come
first (queries.json), and the measures benchmarks/search_relevance.py reports.

Ids change from one database to the next, so results are named ``"<type>:<key>"``: products by
SKU, pages and stores by slug (in the query's language). A ``*`` in an expected item matches
any run of characters (``product:BL-MOKA-*`` is every size of the moka).
"""

import json
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

QUERIES_FILE = Path(__file__).with_name("queries.json")
TOP = 5


@dataclass(frozen=True)
class RelevanceQuery:
    query: str
    locale: str
    expected: tuple  # "<type>:<key pattern>"
    types: tuple = ()
    note: str = ""


def load_queries(path=QUERIES_FILE):
    rows = json.loads(Path(path).read_text(encoding="utf-8"))["queries"]
    return [
        RelevanceQuery(
            query=row["query"],
            locale=row["locale"],
            expected=tuple(row["expected"]),
            types=tuple(row.get("types", ())),
            note=row.get("note", ""),
        )
        for row in rows
    ]


def is_expected(name, expected):
    """True when the result ``name`` ("product:BL-MOKA-3") matches one of ``expected``."""
    return any(fnmatchcase(name, pattern) for pattern in expected)


def precision_at(names, expected, relevant_count, k=TOP):
    """Share of the first ``k`` results that are expected, out of the most that could be:
    ``min(k, relevant_count)`` (a query with one right answer scores 1.0 when it is there)."""
    if relevant_count == 0:
        return 0.0
    found = sum(1 for name in names[:k] if is_expected(name, expected))
    return found / min(k, relevant_count)


def reciprocal_rank(names, expected):
    """1 / the rank of the first expected result; 0 when none is returned."""
    for rank, name in enumerate(names, 1):
        if is_expected(name, expected):
            return 1 / rank
    return 0.0


def demo_names(locale):
    """Every result name the demo creates in ``locale`` (from cms/demo/data, no database):
    active products by SKU, pages and stores by slug."""
    from django.utils.text import slugify

    from cms.demo.builders.catalog import inactive_skus, product_specs
    from cms.demo.data.content import GUIDES, HOME, POLICIES, SECTIONS, STORE_INDEX, STORIES
    from cms.demo.data.stores import STORES

    specs = product_specs()
    inactive = inactive_skus(specs)
    names = {f"product:{spec.sku}" for spec in specs if spec.sku not in inactive}
    pages = [HOME, STORE_INDEX, *SECTIONS.values(), *GUIDES, *STORIES, *POLICIES]
    names |= {f"page:{page['slug'][locale]}" for page in pages}
    names |= {f"store:{slugify(store.title_en if locale == 'en' else store.title_it)}" for store in STORES}
    return names


def relevant_count(expected, names):
    """How many of ``names`` (all results there are) match ``expected``."""
    return sum(1 for name in names if is_expected(name, expected))
