"""The Elasticsearch mapping and request builders, without a node: what they put in the
requests decides analyzers, filters, facets and sorts."""

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from search.backends.base import DocumentRef, SearchDocument, SearchFilters, SearchRequest
from search.backends.es_mapping import (
    SearchEntry,
    alias_name,
    entry_source,
    index_body,
    language_analyzer,
    new_index_name,
    price_band,
    query_scopes,
    suggest_inputs,
    suggest_scopes,
)
from search.backends.es_query import build_search, build_suggest, read_facets, read_hit, sort_clauses


def product(**fields):
    defaults = {
        "ref": DocumentRef("product", 7),
        "locale": "it",
        "title": "Macinacaffè Elettrico",
        "brand": "Moka",
        "sku": "MK-1",
        "category_path": ("Cucina", "Caffè"),
        "category_slugs": ("kitchen", "coffee"),
        "price": Decimal("49.90"),
    }
    return SearchDocument(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("locale", "analyzer"), [("en", "english"), ("it", "italian"), ("EN-gb", "english"), ("de", "standard")]
)
def test_each_locale_gets_its_language_analyzer(locale, analyzer):
    assert language_analyzer(locale) == analyzer
    assert index_body(locale)["settings"]["analysis"]["analyzer"]["content"] == {"type": analyzer}


def test_text_fields_use_the_locale_analyzer_with_an_exact_subfield():
    mapping = SearchEntry._doc_type.mapping.to_dict()["properties"]
    assert mapping["title"]["analyzer"] == "content"
    assert mapping["title"]["fields"]["exact"]["type"] == "keyword"
    assert mapping["body"]["analyzer"] == "content"
    assert mapping["brand"]["type"] == "keyword"
    assert mapping["price"] == {"type": "double"}
    assert mapping["location"]["type"] == "geo_point"
    assert mapping["published_at"]["type"] == "date"
    assert mapping["suggest"]["type"] == "completion"


def test_names():
    assert alias_name("shop", "IT") == "shop-it"
    assert new_index_name("shop", "it", datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=timezone.utc)) == "shop-it-20260102030405000006"


@pytest.mark.parametrize(
    ("price", "band"),
    [(None, None), (Decimal("0"), "0-25"), (Decimal("24.99"), "0-25"), (Decimal("25"), "25-50"), (Decimal("250"), "250+")],
)
def test_price_band(price, band):
    assert price_band(price) == band


def test_product_source():
    published = datetime(2026, 5, 1, tzinfo=timezone.utc)
    source = entry_source(product(published_at=published))
    assert source["key"] == "product:7"
    assert source["type"] == "product" and source["object_id"] == 7
    assert source["title_sort"] == "macinacaffè elettrico"
    assert source["price"] == 49.9 and source["price_band"] == "25-50"
    assert source["category"] == ["Cucina", "Caffè"]
    assert source["category_slugs"] == ["kitchen", "coffee"]
    assert source["site_ids"] == []
    assert "location" not in source and "city" not in source
    assert source["published_at"] == published.isoformat()
    assert source["suggest"]["contexts"] == {"scope": ["product", "product:all"]}


def test_store_source_has_a_geo_point_and_sites():
    store = SearchDocument(
        ref=DocumentRef("store", 3), locale="en", title="Milan Duomo", city="Milan", location=(45.46, 9.19), site_ids=(1, 2)
    )
    source = entry_source(store)
    assert source["location"] == {"lat": 45.46, "lon": 9.19}
    assert source["site_ids"] == ["1", "2"]
    assert suggest_scopes(store) == ["store", "store:1", "store:2"]


def test_suggestions_complete_any_word_of_the_title():
    assert suggest_inputs("Electric coffee grinder") == ["Electric coffee grinder", "coffee grinder", "grinder"]
    assert query_scopes(["store", "product"], 2) == ["store:2", "store:all", "product:2", "product:all"]
    assert query_scopes(["store"], None) == ["store"]


def test_search_request_filters():
    request = SearchRequest(
        text="caffe",
        types=("product",),
        locale="it",
        site_id=4,
        filters=SearchFilters(brands=("Moka",), price_bands=("25-50",), services=("a", "b"), min_price=Decimal("10")),
    )
    body = build_search(request).to_dict()
    clauses = body["query"]["bool"]["filter"]
    assert {"term": {"locale": "it"}} in clauses
    assert {"terms": {"type": ["product"]}} in clauses
    assert {"terms": {"brand": ["Moka"]}} in clauses
    assert {"terms": {"price_band": ["25-50"]}} in clauses
    assert {"term": {"services": "a"}} in clauses and {"term": {"services": "b"}} in clauses
    assert {"range": {"price": {"gte": 10.0}}} in clauses
    site = next(clause for clause in clauses if "bool" in clause)
    assert {"term": {"site_ids": "4"}} in site["bool"]["should"]
    assert body["track_total_hits"] is True


def test_full_text_boosts_typos_and_highlights():
    body = build_search(SearchRequest(text="grinder", offset=20, limit=10)).to_dict()
    fuzzy = body["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]
    assert fuzzy["fuzziness"] == "AUTO:4,8" and fuzzy["prefix_length"] == 1
    assert "title^4" in fuzzy["fields"] and "brand.text^3" in fuzzy["fields"] and "category^2" in fuzzy["fields"]
    assert body["from"] == 20 and body["size"] == 10
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"
    assert set(body["highlight"]["fields"]) == {"title", "body"}
    assert body["highlight"]["highlight_query"]["multi_match"]["fields"] == ["title", "body"]
    assert set(body["aggs"]) == {"type", "page_type", "category", "brand", "price_band", "services", "city", "locale"}


def test_no_text_matches_all_without_highlights_and_facets_when_not_asked():
    body = build_search(SearchRequest(facets=False)).to_dict()
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert "highlight" not in body and "aggs" not in body


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("relevance", "_score"),
        ("price_asc", {"price": {"order": "asc", "missing": "_last"}}),
        ("price_desc", {"price": {"order": "desc", "missing": "_last"}}),
        ("name", {"title_sort": {"order": "asc"}}),
        ("newest", {"published_at": {"order": "desc", "missing": "_last"}}),
    ],
)
def test_sorts(sort, first):
    assert sort_clauses(SearchRequest(sort=sort))[0] == first


def test_distance_sort_and_radius():
    request = SearchRequest(sort="distance", near=(45.0, 9.0), radius_km=10)
    assert sort_clauses(request)[0]["_geo_distance"]["location"] == {"lat": 45.0, "lon": 9.0}
    clauses = build_search(request).to_dict()["query"]["bool"]["filter"]
    radius = clauses[-1]["bool"]["should"][0]["geo_distance"]
    assert radius["distance"] == "10km"


def test_reading_a_hit_measures_distance_with_our_formula():
    raw = {
        "_score": 1.5,
        "_source": {"type": "store", "object_id": 3, "title": "Duomo", "location": {"lat": 45.464211, "lon": 9.191383}},
        "highlight": {"title": ["<mark>Duomo</mark>"]},
    }
    hit = read_hit(raw, near=(45.464211, 9.191383))
    assert hit.ref == DocumentRef("store", 3)
    assert hit.distance_km == pytest.approx(0)
    assert hit.highlights == {"title": ["<mark>Duomo</mark>"]}
    assert read_hit({**raw, "_score": None}).score == 0.0


def test_facets_most_frequent_first_then_by_value():
    aggregations = {"brand": {"buckets": [{"key": "b", "doc_count": 2}, {"key": "a", "doc_count": 2}, {"key": "c", "doc_count": 5}]}}
    facets = read_facets(aggregations)
    assert [(value.value, value.count) for value in facets["brand"]] == [("c", 5), ("a", 2), ("b", 2)]
    assert facets["city"] == []


def test_suggest_request():
    body = build_suggest("cof", types=("product",), site_id=None, size=8).to_dict()
    completion = body["suggest"]["titles"]["completion"]
    assert body["suggest"]["titles"]["prefix" if "prefix" in body["suggest"]["titles"] else "text"] == "cof"
    assert completion["contexts"] == {"scope": ["product"]}
