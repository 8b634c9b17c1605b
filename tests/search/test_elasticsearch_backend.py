"""The backend contract on a real Elasticsearch node, plus what only this backend promises:
rebuild behind an alias while searches and writes go on, and SearchUnavailable when the node
cannot be reached."""

import threading
from decimal import Decimal

import pytest

from search.backends.base import (
    DocumentRef,
    SearchDocument,
    SearchRequest,
    SearchUnavailable,
)
from search.backends.elasticsearch import BulkError, ElasticsearchSearchBackend
from search.backends.es_mapping import alias_name
from tests.search.backend_contract import *  # noqa: F401,F403 - the contract's tests and fixtures
from tests.search.es_fixtures import es_backend  # noqa: F401 - a fixture

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def backend(db, es_backend):  # noqa: F811 - the imported fixture
    return es_backend


def doc(kind, number, title, locale="en", **fields):
    return SearchDocument(ref=DocumentRef(kind, number), locale=locale, title=title, **fields)


def product(number, title, price="10", locale="en", **fields):
    return doc("product", number, title, locale=locale, price=Decimal(price), **fields)


def titles(response):
    return [hit.title for hit in response.hits]


def search(backend, text="", **fields):
    return backend.search(SearchRequest(text=text, **fields))


@pytest.fixture
def catalogue(es_backend):  # noqa: F811 - the imported fixture
    es_backend.index(
        [
            product(1, "Burr coffee grinder", "89", brand="Grindwell", sku="GW-100"),
            product(2, "Espresso cups", "19.50", brand="Tazzina"),
            product(3, "Milk frother", "35", brand="Grindwell", body="Froths milk for a coffee."),
            doc("page", 10, "Gift guide for coffee lovers", page_type="GiftGuidePage", site_ids=(1,)),
        ]
    )
    es_backend.refresh()
    return es_backend


# --- searching ----------------------------------------------------------------------------------


def test_sku_matches_exactly(catalogue):
    assert titles(search(catalogue, "GW-100"))[0] == "Burr coffee grinder"
    assert titles(search(catalogue, "gw-100"))[0] == "Burr coffee grinder"


def test_two_letter_typos_in_long_words(catalogue):
    assert titles(search(catalogue, "grnder")) == ["Burr coffee grinder"]
    assert titles(search(catalogue, "espreso")) == ["Espresso cups"]
    assert titles(search(catalogue, "xspresso")) == []  # the first letter must be right


def test_suggestions_dedupe_titles(es_backend):  # noqa: F811 - the imported fixture
    es_backend.index([product(1, "Moka pot"), product(2, "Moka pot"), product(3, "Moka pot large")])
    es_backend.refresh()
    assert [suggestion.text for suggestion in es_backend.suggest("mok", locale="en")] == ["Moka pot", "Moka pot large"]


def analyzed(backend, locale, text):
    response = backend.client.indices.analyze(index=alias_name(backend.prefix, locale), analyzer="content", text=text)
    return [token["token"] for token in response["tokens"]]


def test_the_italian_analyzer_stems_plural_and_singular_alike(es_backend):  # noqa: F811 - the imported fixture
    assert analyzed(es_backend, "it", "bicchieri") == analyzed(es_backend, "it", "bicchiere")
    assert analyzed(es_backend, "it", "dell'olio") == ["olio"]  # the article elided
    assert analyzed(es_backend, "en", "grinders") == analyzed(es_backend, "en", "grinder")
    es_backend.index([product(1, "Bicchieri di vetro", locale="it")])
    es_backend.refresh()
    assert titles(search(es_backend, "bicchiere", locale="it")) == ["Bicchieri di vetro"]
    assert titles(search(es_backend, "bicchiere", locale="en")) == []  # each language in its own index


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


def test_a_document_the_node_refuses_fails_the_rebuild_and_the_old_index_stays(catalogue):
    refused = doc("store", 7, "Nowhere", location=(91.0, 9.0))  # a latitude beyond the pole
    documents = [product(number, f"Rebuilt {number}") for number in range(120)] + [refused]

    with pytest.raises(BulkError) as failure:
        catalogue.rebuild(iter(documents))

    assert "store:7" in str(failure.value) and "1 documents" in str(failure.value)
    assert search(catalogue, types=("product",)).total == 3  # the old index still answers
    assert not any(alias.endswith("-next") for alias in catalogue._aliases())


def test_rebuilt_indices_are_refreshed_and_durable_like_the_live_ones(catalogue):
    catalogue.rebuild(iter([product(1, "Only one")]))

    (settings,) = catalogue.client.indices.get_settings(index=alias_name(catalogue.prefix, "en")).body.values()
    assert "refresh_interval" not in settings["settings"]["index"]  # the default: each second
    assert "translog" not in settings["settings"]["index"]  # the default durability: each request


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
