"""The backend contract on the database backend (SQLite in memory, and PostgreSQL when
DATABASE_URL points at it)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.database import DatabaseSearchBackend
from search.models import SearchEntry
from tests.search.backend_contract import ref, search
from tests.search.backend_contract import *  # noqa: F401,F403 - the contract's tests and fixtures


@pytest.fixture
def backend(db):
    return DatabaseSearchBackend()


def test_scores_add_the_boost_of_each_words_best_field_and_typos_count_half(indexed):
    """As the Elasticsearch backend's boosts add up (title 4, brand 3, category 2, body 1), the
    same on SQLite (FTS5) and PostgreSQL (ts_rank over one class per term)."""
    scores = {hit.title: hit.score for hit in search(indexed.backend, "bialetti moka", locale="en").hits}
    assert scores["Moka pot & cups"] == 7  # title and brand (its body holds no other word of the query)
    assert scores["Coffee grinder"] == 3  # brand
    assert scores["The story of the moka pot"] == 4  # title (the body does not add)
    assert scores["Gift guide for coffee lovers"] == 1  # intro
    scores = {hit.title: hit.score for hit in search(indexed.backend, "espresso", locale="en").hits}
    assert scores["Espresso machine Classica"] == 4  # title; its body too, which does not add
    assert scores["Gift guide for coffee lovers"] == 1
    corrected = {hit.title: hit.score for hit in search(indexed.backend, "grindr", locale="en").hits}
    assert corrected == {"Coffee grinder": 2}


def test_servers_of_the_previous_release_can_write_and_delete_entries_meanwhile(indexed):
    """The migration only expands (docs/deployment.md): an insert naming only the previous
    release's columns works, and so does its DELETE of an entry that has completions."""
    moka = SearchEntry.objects.get(key=f"product:{indexed.products['moka'].pk}")
    assert moka.completions.exists()
    columns = "key, type, object_id, locale, title, title_sort, terms, data, page_type, site_ids, brand, city, price_band"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO search_searchentry ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            ["product:999999", "product", 999999, "en", "Old kettle", "old kettle", " old kettl ", '{"fields": {}}', "", "", "", "", ""],
        )
        cursor.execute("DELETE FROM search_searchentry WHERE id = %s", [moka.pk])
    connection.check_constraints()
    old = SearchEntry.objects.get(key="product:999999")
    assert (old.body, old.codes, old.category_path, old.services, old.vector) == ("", "", "", "", None)
    assert ref(indexed.products["moka"]) not in [hit.ref for hit in search(indexed.backend, "moka", locale="en").hits]


def test_the_last_page_gives_the_total_without_a_count_query(indexed):
    with CaptureQueriesContext(connection) as queries:
        first = search(indexed.backend, "espresso", locale="en", facets=False)
    assert first.total == len(first.hits) > 2
    assert not [query for query in queries.captured_queries if "COUNT(" in query["sql"].upper()]
    assert search(indexed.backend, "espresso", locale="en", facets=False, offset=2).total == first.total
    assert search(indexed.backend, "espresso", locale="en", facets=False, limit=2).total == first.total  # counted


def test_a_rebuild_leaves_planner_statistics_of_the_entries(indexed):
    indexed.backend.rebuild(indexed.documents)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'search_searchentry'")
        else:
            cursor.execute("SELECT COUNT(*) FROM pg_stats WHERE tablename = 'search_searchentry' AND attname = 'brand'")
        assert cursor.fetchone()[0] > 0
