"""The Elasticsearch backend on a real node: what only it promises — language analyzers,
rebuild behind an alias while searches and writes go on, and SearchUnavailable when the node
cannot be reached."""

import threading
from decimal import Decimal

import pytest

from search.backends.base import (
    DocumentRef,
    SearchDocument,
    SearchFilters,
    SearchRequest,
    SearchUnavailable,
)
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.backends.es_mapping import alias_name
from tests.search.es_fixtures import es_backend  # noqa: F401 - a fixture

pytestmark = pytest.mark.elasticsearch


def doc(kind, number, title, locale="en", **fields):
    return SearchDocument(ref=DocumentRef(kind, number), locale=locale, title=title, **fields)


def product(number, title, price="10", locale="en", **fields):
    return doc("product", number, title, locale=locale, price=Decimal(price), **fields)


def titles(response):
    return [hit.title for hit in response.hits]


def search(backend, text="", **fields):
    return backend.search(SearchRequest(text=text, **fields))


@pytest.fixture
def catalogue(es_backend):
    es_backend.index(
        [
            product(1, "Burr coffee grinder", "89", brand="Grindwell", body="Grinds beans <evenly>.",
                    category_slugs=("kitchen", "coffee"), category_path=("Kitchen", "Coffee"), sku="GW-100"),
            product(2, "Espresso cups", "19.50", brand="Tazzina", category_slugs=("kitchen",)),
            product(3, "Milk frother", "35", brand="Grindwell", category_slugs=("kitchen", "coffee")),
            doc("page", 10, "Gift guide for coffee lovers", page_type="GiftGuidePage", site_ids=(1,)),
            doc("page", 11, "Coffee on the other site", page_type="StoryPage", site_ids=(2,)),
            doc("store", 20, "Milan Duomo", city="Milan", location=(45.464211, 9.191383), site_ids=(1,),
                services=("click-and-collect",)),
            doc("store", 21, "Monza", city="Monza", location=(45.5838, 9.2744), site_ids=(1,)),
            doc("store", 22, "Rome", city="Rome", location=(41.9028, 12.4964), site_ids=(1,)),
        ]
    )
    es_backend.refresh()
    return es_backend


# --- searching ----------------------------------------------------------------------------------


def test_boosted_full_text_with_highlights(catalogue):
    response = search(catalogue, "coffee")
    assert response.backend == "elasticsearch"
    assert titles(response)[0] == "Burr coffee grinder"  # title (and category) beats the body
    assert "Milk frother" in titles(response)  # through its category only
    first = response.hits[0]
    assert first.highlights["title"] == ["Burr <mark>coffee</mark> grinder"]
    assert response.total == len(response.hits)


def test_highlights_escape_html(catalogue):
    hit = search(catalogue, "beans").hits[0]
    assert hit.highlights["body"] == ["Grinds <mark>beans</mark> &lt;evenly&gt;."]


def test_typos_are_tolerated(catalogue):
    assert titles(search(catalogue, "grnder")) == ["Burr coffee grinder"]
    assert titles(search(catalogue, "espreso")) == ["Espresso cups"]


def test_sku_matches_exactly(catalogue):
    assert titles(search(catalogue, "GW-100"))[0] == "Burr coffee grinder"


def test_filters_and_facets(catalogue):
    response = search(catalogue, types=("product",), filters=SearchFilters(brands=("Grindwell",)))
    assert sorted(titles(response)) == ["Burr coffee grinder", "Milk frother"]
    assert [(value.value, value.count) for value in response.facets["category"]] == [("coffee", 2), ("kitchen", 2)]
    assert [(value.value, value.count) for value in response.facets["price_band"]] == [("25-50", 1), ("50-100", 1)]
    bands = search(catalogue, filters=SearchFilters(price_bands=("0-25",)))
    assert titles(bands) == ["Espresso cups"]
    cheap = search(catalogue, filters=SearchFilters(max_price=Decimal("35")), sort="price_asc")
    assert titles(cheap) == ["Espresso cups", "Milk frother"]
    services = search(catalogue, filters=SearchFilters(services=("click-and-collect",)))
    assert titles(services) == ["Milan Duomo"]


def test_sorts(catalogue):
    assert titles(search(catalogue, types=("product",), sort="price_desc")) == ["Burr coffee grinder", "Milk frother", "Espresso cups"]
    assert titles(search(catalogue, types=("product",), sort="name")) == ["Burr coffee grinder", "Espresso cups", "Milk frother"]


def test_pagination_and_total(catalogue):
    page = search(catalogue, types=("product",), sort="name", offset=1, limit=1)
    assert titles(page) == ["Espresso cups"]
    assert page.total == 3


def test_products_on_every_site_pages_and_stores_on_theirs(catalogue):
    found = titles(search(catalogue, "coffee", site_id=1))
    assert "Gift guide for coffee lovers" in found and "Burr coffee grinder" in found
    assert "Coffee on the other site" not in found
    assert "Coffee on the other site" in titles(search(catalogue, "coffee", site_id=2))


def test_stores_near_a_point(catalogue):
    milan = (45.464211, 9.191383)
    response = search(catalogue, types=("store",), near=milan, radius_km=50, sort="distance")
    assert titles(response) == ["Milan Duomo", "Monza"]
    assert response.hits[0].distance_km == pytest.approx(0, abs=0.001)
    assert response.hits[1].distance_km == pytest.approx(14.6, abs=0.5)
    everywhere = search(catalogue, types=("store",), near=milan, sort="distance")
    assert titles(everywhere) == ["Milan Duomo", "Monza", "Rome"]


def test_suggestions_by_type_and_site(catalogue):
    suggestions = catalogue.suggest("coff", locale="en")
    assert "Burr coffee grinder" in [suggestion.text for suggestion in suggestions]  # any word of the title
    only_products = catalogue.suggest("coff", locale="en", types=("product",))
    assert [suggestion.ref for suggestion in only_products] == [DocumentRef("product", 1)]
    on_site_2 = [suggestion.text for suggestion in catalogue.suggest("coff", locale="en", site_id=2)]
    assert "Coffee on the other site" in on_site_2 and "Gift guide for coffee lovers" not in on_site_2
    assert catalogue.suggest("zzz", locale="en") == []


def test_suggestions_dedupe_titles(es_backend):
    es_backend.index([product(1, "Moka pot"), product(2, "Moka pot"), product(3, "Moka pot large")])
    es_backend.refresh()
    assert [suggestion.text for suggestion in es_backend.suggest("mok", locale="en")] == ["Moka pot", "Moka pot large"]


def test_delete(catalogue):
    catalogue.delete([DocumentRef("product", 2), DocumentRef("product", 999)])
    catalogue.refresh()
    assert "Espresso cups" not in titles(search(catalogue, types=("product",)))


def test_italian_stemming_plural_and_singular(es_backend):
    es_backend.index([product(1, "Tazze da caffè", locale="it"), product(2, "Bicchiere di vetro", locale="it")])
    es_backend.refresh()
    assert titles(search(es_backend, "tazza", locale="it")) == ["Tazze da caffè"]
    assert titles(search(es_backend, "bicchieri", locale="it")) == ["Bicchiere di vetro"]
    assert titles(search(es_backend, "tazza", locale="en")) == []  # each language in its own index


def test_english_stemming(es_backend):
    es_backend.index([product(1, "Coffee grinders")])
    es_backend.refresh()
    assert titles(search(es_backend, "grinder")) == ["Coffee grinders"]


# --- rebuild -----------------------------------------------------------------------------------


def test_rebuild_replaces_everything_behind_the_alias(catalogue):
    before = catalogue.client.indices.get_alias(name=alias_name(catalogue.prefix, "en")).body
    calls = []
    documents = [product(number, f"Rebuilt {number}") for number in range(120)]
    report = catalogue.rebuild(iter(documents), total=120, progress=lambda done, total: calls.append((done, total)))
    assert report.documents == 120
    assert report.seconds > 0
    assert calls[-1] == (120, 120)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert search(catalogue, types=("product",), limit=1).total == 120
    assert titles(search(catalogue, "coffee")) == []  # the old documents are gone
    after = catalogue.client.indices.get_alias(name=alias_name(catalogue.prefix, "en")).body
    assert set(after) != set(before) and len(after) == 1
    assert not catalogue.client.indices.exists(index=",".join(before))  # old index deleted


def test_searches_keep_answering_during_rebuild(catalogue):
    failures, answers = [], []
    stop = threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                answers.append(search(catalogue, types=("product",), limit=1, facets=False).total)
            except Exception as error:  # noqa: BLE001 - every failure is what this test looks for
                failures.append(error)

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        for _ in range(3):
            catalogue.rebuild(iter([product(number, f"Product {number}") for number in range(200)]))
    finally:
        stop.set()
        thread.join()
    assert failures == []
    assert len(answers) > 10
    assert 0 not in answers  # never an empty index: the old one, then the new one
    assert answers[-1] == 200


def test_writes_during_a_rebuild_are_not_lost(catalogue):
    def documents():
        for number in range(100):
            if number == 50:
                # While the rebuild runs (another process in real life): a new product, an update
                # of one the rebuild already read, a delete of one it has not read yet.
                catalogue.index([product(500, "Added during rebuild"), product(10, "Updated during rebuild")])
                catalogue.delete([DocumentRef("product", 80)])
            # the rebuild read these before the writes above: older content
            yield product(number, f"Product {number}")

    catalogue.rebuild(documents())
    catalogue.refresh()
    found = titles(search(catalogue, types=("product",), limit=200))
    assert "Added during rebuild" in found
    assert "Updated during rebuild" in found and "Product 10" not in found
    assert "Product 80" not in found
    assert len(found) == 100  # 100 - 1 deleted + 1 added; no tombstone counted
    assert search(catalogue, types=("product",), limit=0).total == 100


def test_a_rebuild_left_unfinished_is_dropped_by_the_next(catalogue):
    catalogue._create_next_index("en")  # as if a rebuild died after creating its index
    catalogue.rebuild(iter([product(1, "Only one")]))
    aliases = catalogue._aliases()
    assert not any(alias.endswith("-next") for alias in aliases)
    assert titles(search(catalogue)) == ["Only one"]


# --- unavailable --------------------------------------------------------------------------------


def test_an_unreachable_node_raises_search_unavailable(settings):
    backend = ElasticsearchSearchBackend(URL="http://127.0.0.1:1", INDEX_PREFIX="nothing", TIMEOUT=1)
    assert backend.is_available() is False
    with pytest.raises(SearchUnavailable):
        backend.search(SearchRequest(text="coffee"))
    with pytest.raises(SearchUnavailable):
        backend.suggest("cof", locale="en")
    with pytest.raises(SearchUnavailable):
        backend.index([product(1, "Anything")])
    with pytest.raises(SearchUnavailable):
        backend.delete([DocumentRef("product", 1)])
    with pytest.raises(SearchUnavailable):
        backend.rebuild(iter([product(1, "Anything")]))


def test_a_missing_index_is_unavailable_not_empty(es_backend):
    with pytest.raises(SearchUnavailable):
        search(es_backend, locale="fr")


def test_available(es_backend):
    assert es_backend.is_available() is True
