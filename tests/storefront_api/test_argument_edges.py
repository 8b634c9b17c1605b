"""Edge values of arguments come back as BAD_ARGUMENT naming the argument, never as a masked
internal error (each of which logged a traceback: a cheap way to flood the log)."""

import logging

import pytest

from tests.factories import StorePageFactory

FAR_INSTANTS = ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "1899-12-31T23:00:00Z", "2300-01-01T00:00:00Z"]
NOT_FINITE = ["NaN", "sNaN", "Infinity", "-Infinity", "1E+999999"]


@pytest.fixture
def store(store_index):
    return StorePageFactory(parent=store_index, title="Rome centre", slug="rome-centre", time_zone="Europe/Rome")


@pytest.fixture
def no_tracebacks(caplog):
    caplog.set_level(logging.ERROR, logger="storefront_api")
    yield
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR], caplog.text


def assert_bad_argument(body, field):
    assert body["status"] == 200, body
    codes = [(error["extensions"]["code"], error["extensions"].get("field")) for error in body["errors"]]
    assert codes == [("BAD_ARGUMENT", field)], body["errors"]
    assert f"`{field}`" in body["errors"][0]["message"]


@pytest.mark.parametrize("instant", FAR_INSTANTS)
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("query($v: DateTime) { theme(at: $v) { slug } }", "at"),
        ("query($v: DateTime!) { changes(since: $v) { fullRebuildNeeded } }", "since"),
        ("query($v: DateTime) { stores(openAt: $v) { totalCount } }", "openAt"),
        ('query($v: DateTime) { store(slug: "rome-centre") { isOpen(at: $v) } }', "at"),
        ('query($v: DateTime) { store(slug: "rome-centre") { nextOpening(after: $v) } }', "after"),
        ('query($v: DateTime) { store(slug: "rome-centre") { nextClosing(after: $v) } }', "after"),
    ],
)
def test_instants_out_of_range_are_bad_arguments(graphql, store, no_tracebacks, query, field, instant):
    assert_bad_argument(graphql(query, {"v": instant}), field)


def test_an_out_of_range_instant_written_in_the_query_is_a_bad_argument_too(graphql, store, no_tracebacks):
    body = graphql('{ store(slug: "rome-centre") { title isOpen(at: "0001-01-01T00:00:00+05:00") } }')
    assert_bad_argument(body, "at")
    # The rest of the response is still served.
    assert body["data"]["store"] is None or body["data"]["store"]["title"] == "Rome centre"


@pytest.mark.parametrize("amount", NOT_FINITE)
def test_decimals_that_are_not_finite_are_bad_arguments(graphql, home, no_tracebacks, amount):
    body = graphql("query($v: Decimal) { giftGuides(budgetMax: $v) { totalCount } }", {"v": amount})
    assert_bad_argument(body, "budgetMax")


@pytest.mark.parametrize("amount", ["NaN", "Infinity"])
def test_a_bad_value_inside_an_input_object_is_named_by_its_path(graphql, home, no_tracebacks, amount):
    body = graphql('query($v: Decimal) { search(query: "moka", filters: {maxPrice: $v}) { totalCount } }', {"v": amount})
    assert_bad_argument(body, "filters.maxPrice")


def test_an_explicit_null_for_an_argument_with_a_default_is_a_bad_argument(graphql, store, no_tracebacks):
    body = graphql('{ store(slug: "rome-centre") { qrCodeUrl(format: null) } }')
    assert_bad_argument(body, "format")


def test_values_inside_the_range_still_work(graphql, store, no_tracebacks):
    body = graphql('query($v: DateTime) { store(slug: "rome-centre") { isOpen(at: $v) } }', {"v": "2199-12-31T12:00:00Z"})
    assert "errors" not in body, body
    body = graphql("query($v: Decimal) { giftGuides(budgetMax: $v) { totalCount } }", {"v": "49.90"})
    assert "errors" not in body, body


@pytest.mark.parametrize("text", ["\x00", "moka\x00pot", "\ud800"])
def test_text_postgresql_cannot_take_is_a_bad_argument(graphql, home, no_tracebacks, text):
    # Found by the schema fuzz test on PostgreSQL: NUL in `sku` failed the query (500).
    assert_bad_argument(graphql("query($v: String!) { product(sku: $v) { sku } }", {"v": text}), "sku")
    body = graphql('query($v: String!) { search(query: "moka", filters: {brands: [$v]}) { totalCount } }', {"v": text})
    assert_bad_argument(body, "filters.brands")
