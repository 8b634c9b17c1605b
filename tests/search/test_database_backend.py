"""The backend contract on the database backend (SQLite in memory, and PostgreSQL when
DATABASE_URL points at it)."""

import pytest

from search.backends.database import DatabaseSearchBackend
from tests.search.backend_contract import search
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
