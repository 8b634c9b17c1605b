"""Parsed, standard-validated documents are kept per query text (storefront_api/documents.py);
the limits, which depend on the variables, still run on every request."""

from graphql import parse

from storefront_api.documents import CheckedDocuments, checked_documents
from storefront_api.schema import schema

GRAPHQL_SCHEMA = schema.graphql_schema
PRODUCT_SKUS = "query($first: Int) { products(first: $first) { edges { node { sku } } } }"


def test_the_same_text_is_parsed_and_validated_once():
    documents = CheckedDocuments()
    first = documents.get(GRAPHQL_SCHEMA, "{ __typename }", introspection=False)
    again = documents.get(GRAPHQL_SCHEMA, "{ __typename }", introspection=False)
    assert again is first
    assert first[1] == []


def test_standard_errors_are_kept_with_the_document():
    documents = CheckedDocuments()
    _document, errors = documents.get(GRAPHQL_SCHEMA, "{ noSuchField }", introspection=False)
    assert ["noSuchField" in error.message for error in errors] == [True]


def test_introspection_setting_is_part_of_the_key():
    documents = CheckedDocuments()
    query = "{ __schema { queryType { name } } }"
    assert documents.get(GRAPHQL_SCHEMA, query, introspection=True)[1] == []
    assert documents.get(GRAPHQL_SCHEMA, query, introspection=False)[1] != []


def test_memory_is_bounded_by_the_characters_kept():
    queries = [f"{{ a{index}: __typename }}" for index in range(10)]
    documents = CheckedDocuments(max_characters=3 * len(queries[0]))
    for query in queries:
        documents.get(GRAPHQL_SCHEMA, query, introspection=False)
    assert [key[0] for key in documents.entries] == queries[-3:]
    assert documents.characters == sum(map(len, queries[-3:]))


def test_a_query_longer_than_the_bound_is_not_kept():
    documents = CheckedDocuments(max_characters=10)
    documents.get(GRAPHQL_SCHEMA, "{ __typename }", introspection=False)
    assert not documents.entries


def test_limits_still_apply_per_request_to_a_kept_document(graphql, home):
    assert graphql(PRODUCT_SKUS, {"first": 100})["status"] == 200
    assert any(key[0] == PRODUCT_SKUS for key in checked_documents.entries)
    refused = graphql(PRODUCT_SKUS, {"first": 101})
    assert refused["status"] == 400
    assert refused["errors"][0]["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"


def test_syntax_errors_are_reported_and_not_kept(graphql):
    body = graphql("{ products(")
    assert body["status"] == 400
    assert "Syntax Error" in body["errors"][0]["message"]
    assert not any(key[0] == "{ products(" for key in checked_documents.entries)


def test_documents_parse_like_graphql_core():
    document, _errors = CheckedDocuments().get(GRAPHQL_SCHEMA, PRODUCT_SKUS, introspection=False)
    assert document.to_dict() == parse(PRODUCT_SKUS).to_dict()
