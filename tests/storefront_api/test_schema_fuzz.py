"""Property-based fuzzing of the whole schema with hypothesis-graphql, on the demo content.

Whatever query a client builds from the schema — valid ones, and ones with a single schema
violation — is answered without an internal error and without a 5xx. New fields are fuzzed
as soon as they are in the schema.

CI runs a fixed seed and a bounded number of examples so it stays fast and repeatable. Other
seeds (ones nobody picked) run with, for example:

    FUZZ_SEED=random FUZZ_EXAMPLES=2000 scripts/test.sh tests/storefront_api/test_schema_fuzz.py
"""

import datetime
import json
import os
import random

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes
from hypothesis_graphql import strategies as graphql_strategies
from hypothesis_graphql.strategies import Mode

from storefront_api.schema import schema

FIXED_SEED = 20261202
SEED = random.randrange(2**32) if os.environ.get("FUZZ_SEED") == "random" else int(os.environ.get("FUZZ_SEED") or FIXED_SEED)
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 300)

offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes))
)
# Values of every scalar, including the edges (year 1 and 9999 with offsets, NaN, Infinity)
# and text that is no value of the scalar at all.
CUSTOM_SCALARS = {
    "DateTime": st.one_of(
        st.datetimes(timezones=offsets).map(lambda value: value.isoformat()),
        # The first and last days Python can represent, with an offset.
        st.datetimes(max_value=datetime.datetime(1, 1, 2), timezones=offsets).map(lambda value: value.isoformat()),
        st.datetimes(min_value=datetime.datetime(9999, 12, 30), timezones=offsets).map(lambda value: value.isoformat()),
        st.datetimes().map(lambda value: value.isoformat()),
        st.text(max_size=30),
    ).map(nodes.String),
    "Date": st.one_of(st.dates().map(str), st.text(max_size=12)).map(nodes.String),
    "Time": st.one_of(st.times().map(str), st.text(max_size=12)).map(nodes.String),
    "Decimal": st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True).map(str), st.text(max_size=12)
    ).map(nodes.String),
    "UUID": st.one_of(st.uuids().map(str), st.text(max_size=40)).map(nodes.String),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module and rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=open(os.devnull, "w"))
            print(f"schema fuzz: seed {SEED}, {EXAMPLES} examples per mode")
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


def assert_answered(client, query):
    response = client.post("/graphql", json.dumps({"query": query}), content_type="application/json")
    assert response.status_code < 500, (response.status_code, query, response.content[:500])
    body = response.json()
    internal = [error for error in body.get("errors", []) if error.get("extensions", {}).get("code") == "INTERNAL_SERVER_ERROR"]
    assert not internal, (query, internal)


def fuzz(mode, fields=None, examples=EXAMPLES):
    strategy = graphql_strategies.queries(schema.graphql_schema, fields=fields, custom_scalars=CUSTOM_SCALARS, mode=mode)

    @seed(SEED)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )
    @given(query=strategy)
    def run(query):
        assert_answered(Client(HTTP_HOST="localhost"), query)

    return run


@pytest.mark.django_db
@pytest.mark.parametrize("root_field", list(schema.graphql_schema.query_type.fields))
def test_valid_queries_of_each_root_field_never_fail_internally(demo, root_field):
    fuzz(Mode.POSITIVE, fields=[root_field], examples=max(1, EXAMPLES // 10))()


@pytest.mark.django_db
def test_queries_with_a_schema_violation_are_refused_not_failed(demo):
    fuzz(Mode.NEGATIVE)()
