"""The backend contract on the database backend (SQLite in memory, and PostgreSQL when
DATABASE_URL points at it)."""

import pytest

from search.backends.database import DatabaseSearchBackend
from tests.search.backend_contract import *  # noqa: F401,F403 - the contract's tests and fixtures


@pytest.fixture
def backend(db):
    return DatabaseSearchBackend()
