"""The contract every search backend passes (database and Elasticsearch).

A test module provides a ``backend`` fixture (an empty backend of its kind) and does
``from tests.search.backend_contract import *``. The ``indexed`` fixture below creates content
with the factories, builds the documents from the models (search/documents.py: hidden things
give None and are never indexed), indexes them and refreshes the backend.
"""

import dataclasses
import datetime
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from cms.catalog.models import Product
from cms.stores.models import StorePage
from search import documents
from search.backends.base import DocumentRef, SearchFilters, SearchRequest
from search.backends.es_mapping import price_band
from tests.factories import (
    CategoryFactory,
    GiftGuidePageFactory,
    HomePageFactory,
    ProductFactory,
    ProductStoryPageFactory,
    ReturnPolicyPageFactory,
    SectionPageFactory,
    ServiceFactory,
    StorePageFactory,
)

MILANO = (45.464211, 9.191383)


def product(name, brand, price, category, **fields):
    return ProductFactory(name=name, brand=brand, price=Decimal(price), category=category, **fields)


@pytest.fixture
def indexed(backend, locales, home, section, store_index):
    """Shopper content in English and Italian plus things that must never be found, indexed."""
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    coffee = CategoryFactory(name="Coffee", slug="coffee", parent=kitchen)
    fashion = CategoryFactory(name="Fashion", slug="fashion")
    shoes = CategoryFactory(name="Shoes", slug="shoes", parent=fashion)
    garden = CategoryFactory(name="Garden", slug="garden")
    scarpe = CategoryFactory(name="Scarpe", slug="scarpe", locale=locales["it"])

    products = {
        "espresso": product("Espresso machine Classica", "Caffettiera", "89.00", coffee,
                            description="<p>Makes a strong espresso at home.</p>"),
        "moka": product("Moka pot & cups", "Bialetti", "24.90", coffee,
                        description="<p>Stovetop coffee maker for 3 &lt;cups&gt;.</p>"),
        "grinder": product("Coffee grinder", "Bialetti", "45.00", kitchen),
        "shoes": product("Running shoes", "Corsa", "120.00", shoes),
        "lantern": product("Garden lantern", "Luce", "30.00", garden),
        "chair": product("Patio chair", "Luce", "260.00", garden, description="<p>Pairs well with a garden lantern.</p>"),
        "scarpe": product("Scarpe da corsa", "Corsa", "110.00", scarpe, locale=locales["it"]),
        "borsa": product("Borsa in pelle", "Pelletteria", "150.00", None, locale=locales["it"]),
    }
    hidden_products = {
        "inactive": product("Espresso cups hidden", "Caffettiera", "12.00", coffee, is_active=False),
        "draft": product("Espresso tamper draft", "Caffettiera", "15.00", coffee, live=False),
    }
    # Staggered publication times for the "newest" sort.
    start = timezone.now() - datetime.timedelta(days=30)
    for hours, item in enumerate(products.values()):
        Product.objects.filter(pk=item.pk).update(last_published_at=start + datetime.timedelta(hours=hours))

    click_and_collect = ServiceFactory(code="click-and-collect", name="Click & collect")
    parking = ServiceFactory(code="parking", name="Parking")
    stores = {
        "milano": StorePageFactory.with_services(
            store_index, [click_and_collect, parking], title="Milano Duomo", city="Milano",
            latitude=Decimal("45.464211"), longitude=Decimal("9.191383"),
        ),
        "monza": StorePageFactory.with_services(
            store_index, [click_and_collect], title="Monza Centro", city="Monza",
            latitude=Decimal("45.584500"), longitude=Decimal("9.274400"),
        ),
        "roma": StorePageFactory(parent=store_index, title="Roma Termini", city="Roma",
                                 latitude=Decimal("41.902800"), longitude=Decimal("12.496400")),
    }
    pages = {
        "guide": GiftGuidePageFactory.with_products(
            section, [products["moka"]], title="Gift guide for coffee lovers", intro="<p>Espresso and moka ideas.</p>"
        ),
        "story": ProductStoryPageFactory(
            parent=section, title="The story of the moka pot",
            body=[{"type": "paragraph", "value": "<p>Invented in Piedmont in 1933.</p>"}],
        ),
        "returns": ReturnPolicyPageFactory(parent=section, title="Returns in Italy", summary="Return within 30 days."),
    }
    restricted_section = SectionPageFactory(parent=home, title="Members area")
    PageViewRestriction.objects.create(page=restricted_section, restriction_type="password", password="secret")
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-home", title="Other home")
    other_site = Site.objects.create(hostname="other.example", port=80, root_page=other_home, site_name="Other")
    hidden_pages = {
        "draft": GiftGuidePageFactory.with_products(section, [products["moka"]], title="Secret espresso draft", live=False),
        "restricted": restricted_section,
        "restricted_child": ProductStoryPageFactory(parent=restricted_section, title="Members espresso guide"),
    }
    other_site_page = ProductStoryPageFactory(parent=other_home, title="Espresso on the other site")
    hidden_stores = {"draft": StorePageFactory(parent=store_index, title="Closed espresso bar", live=False)}

    context = documents.Context()
    rows = [
        *Page.objects.filter(pk__in=[page.pk for page in [home, section, store_index, *pages.values(), *hidden_pages.values(), other_home, other_site_page]]).specific(),
        *StorePage.objects.filter(pk__in=[store.pk for store in [*stores.values(), *hidden_stores.values()]]),
        *Product.objects.filter(pk__in=[item.pk for item in [*products.values(), *hidden_products.values()]]),
    ]
    built = [documents.page_document(row, context) if isinstance(row, Page) else documents.product_document(row, context) for row in rows]
    docs = [document for document in built if document is not None]
    backend.index(docs)
    backend.refresh()
    return SimpleNamespace(
        backend=backend, products=products, hidden_products=hidden_products, stores=stores, pages=pages,
        hidden_pages=hidden_pages, other_site_page=other_site_page, hidden_stores=hidden_stores,
        site=Site.objects.get(is_default_site=True), other_site=other_site, documents=docs, home=home,
    )


def search(backend, text="", **fields):
    fields.setdefault("limit", 50)
    return backend.search(SearchRequest(text=text, **fields))


def titles(response):
    return [hit.title for hit in response.hits]


def ref(obj):
    return documents.ref_for(obj)


def facet(response, name):
    return {value.value: value.count for value in response.facets.get(name, [])}


# --- full text ---------------------------------------------------------------------------------


def test_finds_words_in_titles_and_bodies(indexed):
    found = titles(search(indexed.backend, "stovetop"))
    assert found == ["Moka pot & cups"]


def test_title_is_boosted_over_body(indexed):
    response = search(indexed.backend, "lantern", types=("product",))
    assert titles(response)[:2] == ["Garden lantern", "Patio chair"]
    assert response.hits[0].score > response.hits[1].score


def test_a_one_letter_typo_still_finds_the_product(indexed):
    assert "Espresso machine Classica" in titles(search(indexed.backend, "expresso", types=("product",)))
    assert "Coffee grinder" in titles(search(indexed.backend, "grindr", types=("product",)))


def test_searches_brand_and_category_names(indexed):
    assert set(titles(search(indexed.backend, "bialetti"))) == {"Moka pot & cups", "Coffee grinder"}
    assert "Espresso machine Classica" in titles(search(indexed.backend, "coffee", types=("product",)))


def test_a_sku_finds_its_product_first(indexed):
    moka = indexed.products["moka"]
    assert search(indexed.backend, moka.sku).hits[0].ref == ref(moka)


def test_only_stop_words_find_nothing(indexed):
    assert search(indexed.backend, "the").total == 0
    assert search(indexed.backend, "da", locale="it").total == 0


def test_highlights_mark_matches_and_escape_html(indexed):
    hit = search(indexed.backend, "moka", types=("product",)).hits[0]
    assert hit.title == "Moka pot & cups"
    title = " ".join(hit.highlights["title"])
    assert "<mark>Moka</mark>" in title
    assert "&amp;" in title and " & " not in title
    body_hit = search(indexed.backend, "stovetop").hits[0]
    body = " ".join(body_hit.highlights["body"])
    assert "<mark>Stovetop</mark>" in body
    assert "&lt;cups&gt;" in body and "<cups>" not in body


def test_no_text_lists_everything_of_the_locale_without_highlights(indexed):
    response = search(indexed.backend, "", types=("product",))
    assert response.total == 6
    assert all(hit.highlights == {} for hit in response.hits)


# --- language analysis -------------------------------------------------------------------------


def test_italian_stemming_finds_singular_and_plural(indexed):
    assert titles(search(indexed.backend, "scarpa", locale="it")) == ["Scarpe da corsa"]
    assert titles(search(indexed.backend, "borse", locale="it")) == ["Borsa in pelle"]


def test_english_stemming_finds_singular_and_plural(indexed):
    assert "Coffee grinder" in titles(search(indexed.backend, "grinders"))
    assert "Running shoes" in titles(search(indexed.backend, "shoe"))


def test_documents_of_another_locale_are_never_found(indexed):
    assert titles(search(indexed.backend, "scarpe", locale="en")) == []
    assert titles(search(indexed.backend, "moka", locale="it")) == []
    assert set(facet(search(indexed.backend, "", locale="it"), "locale")) == {"it"}


# --- filters -----------------------------------------------------------------------------------


def test_filter_by_type_and_page_type(indexed):
    assert {hit.ref.type for hit in search(indexed.backend, "", types=("store",)).hits} == {"store"}
    guides = search(indexed.backend, "", filters=SearchFilters(page_types=("GiftGuidePage",)))
    assert titles(guides) == ["Gift guide for coffee lovers"]


def test_filter_by_category_includes_subcategories(indexed):
    kitchen = search(indexed.backend, "", filters=SearchFilters(categories=("kitchen",)))
    assert set(titles(kitchen)) == {"Espresso machine Classica", "Moka pot & cups", "Coffee grinder"}
    coffee = search(indexed.backend, "", filters=SearchFilters(categories=("coffee",)))
    assert set(titles(coffee)) == {"Espresso machine Classica", "Moka pot & cups"}


def test_filter_by_brand_price_band_and_price_range(indexed):
    backend = indexed.backend
    assert set(titles(search(backend, "", filters=SearchFilters(brands=("Luce",))))) == {"Garden lantern", "Patio chair"}
    band = search(backend, "", filters=SearchFilters(price_bands=("25-50",)))
    assert set(titles(band)) == {"Garden lantern", "Coffee grinder"}
    ranged = search(backend, "", filters=SearchFilters(min_price=Decimal("30"), max_price=Decimal("89"))).hits
    assert {hit.title for hit in ranged} == {"Garden lantern", "Coffee grinder", "Espresso machine Classica"}


def test_filter_stores_by_all_services_and_city(indexed):
    backend = indexed.backend
    both = search(backend, "", filters=SearchFilters(services=("click-and-collect", "parking")))
    assert titles(both) == ["Milano Duomo"]
    one = search(backend, "", filters=SearchFilters(services=("click-and-collect",)))
    assert set(titles(one)) == {"Milano Duomo", "Monza Centro"}
    assert titles(search(backend, "", filters=SearchFilters(cities=("Monza",)))) == ["Monza Centro"]


def test_filters_combine_with_text(indexed):
    response = search(indexed.backend, "coffee", types=("product",), filters=SearchFilters(brands=("Bialetti",)))
    assert set(titles(response)) == {"Moka pot & cups", "Coffee grinder"}


# --- facets ------------------------------------------------------------------------------------


def shown_products(locale="en"):
    return list(Product.objects.filter(locale__language_code=locale, is_active=True, live=True).select_related("category__parent"))


def test_product_facets_equal_counts_from_the_database(indexed):
    response = search(indexed.backend, "", types=("product",))
    rows = shown_products()
    assert facet(response, "brand") == dict(Counter(row.brand for row in rows if row.brand))
    assert facet(response, "price_band") == dict(Counter(price_band(row.price) for row in rows))
    categories = Counter()
    for row in rows:
        categories.update(category.slug for category in row.category.ancestors_and_self())
    assert facet(response, "category") == dict(categories)
    assert response.total == len(rows)


def test_type_facet_equals_counts_from_the_database(indexed):
    response = search(indexed.backend, "", site_id=indexed.site.pk)
    en_pages = [
        page for page in Page.objects.live().public().filter(locale__language_code="en", path__startswith=indexed.home.path).specific()
        if isinstance(page, documents.PAGE_MODELS)
    ]
    stores = StorePage.objects.live().public().filter(locale__language_code="en").count()
    assert facet(response, "type") == {"page": len(en_pages), "product": len(shown_products()), "store": stores}
    assert facet(response, "page_type") == dict(Counter(type(page).__name__ for page in en_pages) + Counter({"StorePage": stores}))


def test_facets_of_a_text_query_count_its_results(indexed):
    response = search(indexed.backend, "coffee", types=("product",))
    by_id = {row.pk: row for row in shown_products()}
    found = [by_id[hit.ref.id] for hit in response.hits]
    assert response.total == len(found) > 0
    assert facet(response, "brand") == dict(Counter(row.brand for row in found))


def test_store_facets(indexed):
    response = search(indexed.backend, "", types=("store",))
    assert facet(response, "city") == {"Milano": 1, "Monza": 1, "Roma": 1}
    assert facet(response, "services") == {"click-and-collect": 2, "parking": 1}


def test_facets_are_sorted_by_count_then_value(indexed):
    values = search(indexed.backend, "", types=("product",)).facets["brand"]
    assert [(value.value, value.count) for value in values] == sorted(
        ((value.value, value.count) for value in values), key=lambda pair: (-pair[1], pair[0])
    )


# --- sorting and pagination ---------------------------------------------------------------------


def test_sort_by_price(indexed):
    ascending = search(indexed.backend, "", types=("product",), sort="price_asc")
    assert titles(ascending)[0] == "Moka pot & cups" and titles(ascending)[-1] == "Patio chair"
    descending = search(indexed.backend, "", types=("product",), sort="price_desc")
    assert titles(descending) == list(reversed(titles(ascending)))


def test_sort_by_name_and_newest(indexed):
    by_name = titles(search(indexed.backend, "", types=("product",), sort="name"))
    assert by_name == sorted(by_name, key=str.casefold)
    newest = titles(search(indexed.backend, "", types=("product",), sort="newest"))
    assert newest == ["Patio chair", "Garden lantern", "Running shoes", "Coffee grinder", "Moka pot & cups", "Espresso machine Classica"]


def test_relevance_orders_by_score(indexed):
    scores = [hit.score for hit in search(indexed.backend, "coffee").hits]
    assert scores == sorted(scores, reverse=True) and len(scores) > 1


def test_offset_pagination_with_total(indexed):
    everything = titles(search(indexed.backend, "", types=("product",), sort="name"))
    pages = [search(indexed.backend, "", types=("product",), sort="name", offset=offset, limit=4) for offset in (0, 4)]
    assert [page.total for page in pages] == [6, 6]
    assert titles(pages[0]) + titles(pages[1]) == everything
    assert search(indexed.backend, "", types=("product",), offset=40, limit=4).hits == []


# --- geo ---------------------------------------------------------------------------------------


def test_stores_by_distance_with_radius(indexed):
    nearest = search(indexed.backend, "", types=("store",), near=MILANO, sort="distance")
    assert titles(nearest) == ["Milano Duomo", "Monza Centro", "Roma Termini"]
    distances = [hit.distance_km for hit in nearest.hits]
    assert distances[0] < 0.1 and 10 < distances[1] < 20 and distances[2] > 400
    within = search(indexed.backend, "", types=("store",), near=MILANO, radius_km=30, sort="distance")
    assert titles(within) == ["Milano Duomo", "Monza Centro"] and within.total == 2


# --- suggestions -------------------------------------------------------------------------------


def suggested(backend, prefix, **options):
    return [suggestion.text for suggestion in backend.suggest(prefix, **{"locale": "en", **options})]


def test_suggests_titles_as_the_shopper_types(indexed):
    assert "Espresso machine Classica" in suggested(indexed.backend, "esp")
    assert "Espresso machine Classica" in suggested(indexed.backend, "Espresso ma")
    assert "Coffee grinder" in suggested(indexed.backend, "grind")  # a later word of the title
    assert suggested(indexed.backend, "sca", locale="it") == ["Scarpe da corsa"]
    assert suggested(indexed.backend, "sca") == []


def test_suggestions_respect_types_limit_and_visibility(indexed):
    assert suggested(indexed.backend, "mil", types=("store",)) == ["Milano Duomo"]
    assert len(suggested(indexed.backend, "e", limit=1)) == 1
    everything = suggested(indexed.backend, "esp", limit=20, site_id=indexed.site.pk)
    assert not {"Espresso cups hidden", "Espresso tamper draft", "Secret espresso draft", "Members espresso guide",
                "Espresso on the other site", "Closed espresso bar"} & set(everything)
    assert suggestion_refs(indexed.backend, "moka pot") == [ref(indexed.products["moka"])]


def suggestion_refs(backend, prefix):
    return [suggestion.ref for suggestion in backend.suggest(prefix, locale="en", types=("product",))]


# --- visibility --------------------------------------------------------------------------------


def test_hidden_things_are_never_found(indexed):
    hidden = {"Espresso cups hidden", "Espresso tamper draft", "Secret espresso draft", "Members espresso guide",
              "Members area", "Closed espresso bar"}
    found = set(titles(search(indexed.backend, "espresso", site_id=indexed.site.pk))) | set(
        titles(search(indexed.backend, "", site_id=indexed.site.pk, limit=50))
    )
    assert "Espresso machine Classica" in found
    assert not hidden & found
    assert "Espresso on the other site" not in found


def test_documents_module_refuses_hidden_rows(indexed):
    for row in [*indexed.hidden_pages.values(), *indexed.hidden_stores.values()]:
        assert documents.page_document(Page.objects.get(pk=row.pk).specific) is None
    for row in indexed.hidden_products.values():
        assert documents.product_document(row) is None


def test_pages_of_another_site_are_found_only_on_it(indexed):
    other = titles(search(indexed.backend, "espresso", site_id=indexed.other_site.pk))
    assert "Espresso on the other site" in other
    assert "Gift guide for coffee lovers" not in titles(search(indexed.backend, "coffee", site_id=indexed.other_site.pk))
    assert "Espresso machine Classica" in other  # products are on every site


# --- writing -----------------------------------------------------------------------------------


def test_delete_removes_and_ignores_unknown_refs(indexed):
    moka = ref(indexed.products["moka"])
    indexed.backend.delete([moka, DocumentRef("product", 987654), DocumentRef("page", 987654)])
    indexed.backend.refresh()
    assert "Moka pot & cups" not in titles(search(indexed.backend, "moka"))
    assert moka not in [suggestion.ref for suggestion in indexed.backend.suggest("mok", locale="en")]


def test_index_replaces_a_document(indexed):
    old = next(document for document in indexed.documents if document.ref == ref(indexed.products["moka"]))
    indexed.backend.index([dataclasses.replace(old, title="Moka pot deluxe", price=Decimal("300"))])
    indexed.backend.refresh()
    response = search(indexed.backend, "moka", types=("product",))
    assert titles(response) == ["Moka pot deluxe"]
    expensive = search(indexed.backend, "", filters=SearchFilters(price_bands=("250+",)))
    assert set(titles(expensive)) == {"Moka pot deluxe", "Patio chair"}


def test_rebuild_replaces_everything(indexed):
    kept = [document for document in indexed.documents if document.ref.type == "store"]
    calls = []
    report = indexed.backend.rebuild(iter(kept), total=len(kept), progress=lambda done, total: calls.append((done, total)))
    indexed.backend.refresh()
    assert report.documents == len(kept)
    assert calls and calls[-1] == (len(kept), len(kept))
    assert {hit.ref.type for hit in search(indexed.backend, "").hits} == {"store"}
    assert search(indexed.backend, "moka").total == 0


__all__ = [name for name in dir() if name.startswith("test_")] + ["indexed"]
