"""The relevance set parses and names only results the demo creates (checked against the
demo definitions in cms/demo/data, without loading the demo)."""

import pytest

from search.backends.base import DOCUMENT_TYPES
from search.relevance import demo_names, load_queries, precision_at, reciprocal_rank, relevant_count

QUERIES = load_queries()


def test_the_set_covers_what_shoppers_ask():
    texts = {query.query for query in QUERIES}
    assert len(QUERIES) >= 30
    assert {"store in Milan", "gift for dad under 50"} <= texts
    assert sum(query.locale == "it" for query in QUERIES) >= 8
    notes = " ".join(query.note for query in QUERIES)
    assert notes.count("misspelling") >= 5 and "brand" in notes


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: f"{query.locale}:{query.query}")
def test_every_expected_result_exists_in_the_demo(query):
    names = demo_names(query.locale)
    assert query.expected
    missing = [pattern for pattern in query.expected if relevant_count((pattern,), names) == 0]
    assert not missing, f"{query.query!r} expects results the demo does not create: {missing}"
    assert set(query.types) <= set(DOCUMENT_TYPES)
    assert all(pattern.split(":", 1)[0] in DOCUMENT_TYPES for pattern in query.expected)


def test_precision_counts_expected_results_in_the_top_five_out_of_the_most_possible():
    expected = ("product:BL-MOKA-*",)
    names = ["product:BL-MOKA-3", "page:stories", "product:BL-MOKA-6", "store:milan-brera", "page:home", "product:BL-MOKA-9"]
    assert precision_at(names, expected, relevant_count=3) == pytest.approx(2 / 3)
    assert precision_at(names, expected, relevant_count=9) == pytest.approx(2 / 5)
    assert precision_at([], expected, relevant_count=0) == 0


def test_reciprocal_rank_is_one_over_the_rank_of_the_first_expected_result():
    assert reciprocal_rank(["page:home", "page:stories", "store:milan-duomo"], ("store:milan-*",)) == pytest.approx(1 / 3)
    assert reciprocal_rank(["page:home"], ("store:milan-*",)) == 0
