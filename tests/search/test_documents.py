"""Search documents built from the models: what is in them, what never is, and how many
queries building them all takes."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from search import documents
from search.backends.base import DocumentRef
from tests.factories import (
    CategoryFactory,
    GiftGuidePageFactory,
    HomePageFactory,
    ProductFactory,
    ProductStoryPageFactory,
    ReturnPolicyPageFactory,
    ServiceFactory,
    StorePageFactory,
)


def test_page_bodies_are_plain_text_from_rich_text_and_streamfields(section):
    product = ProductFactory(name="Moka pot")
    guide = GiftGuidePageFactory.with_products(section, [product], title="Gifts", intro="<p>For <b>coffee</b> lovers</p>")
    story = ProductStoryPageFactory(
        parent=section, standfirst="From Piedmont.", body=[{"type": "paragraph", "value": "<p>Invented in <i>1933</i>.</p>"}]
    )
    policy = ReturnPolicyPageFactory(
        parent=section,
        summary="Thirty days.",
        faq=[{"type": "question", "value": {"question": "Can I return shoes?", "answer": "<p>Yes, <b>unworn</b>.</p>"}}],
    )
    guide_body = documents.page_document(guide).body
    assert "For coffee lovers" in guide_body and "Why Moka pot" in guide_body and "<" not in guide_body
    story_document = documents.page_document(story)
    assert "From Piedmont." in story_document.body and "Invented in 1933." in story_document.body
    assert story_document.page_type == "ProductStoryPage" and story_document.title not in story_document.body
    policy_body = documents.page_document(policy).body
    assert "Thirty days." in policy_body and "Can I return shoes?" in policy_body and "Yes, unworn." in policy_body


def test_every_shopper_page_type_has_its_document(home, section, store_index):
    built = {type(page).__name__: documents.page_document(page) for page in [home, section, store_index]}
    assert {name: document.ref for name, document in built.items()} == {
        "HomePage": DocumentRef("page", home.pk),
        "SectionPage": DocumentRef("page", section.pk),
        "StoreIndexPage": DocumentRef("page", store_index.pk),
    }
    site = Site.objects.get()
    assert all(document.locale == "en" and document.site_ids == (site.pk,) for document in built.values())


def test_a_store_page_is_one_store_document(store_index):
    parking = ServiceFactory(code="parking")
    store = StorePageFactory.with_services(store_index, [parking], title="Duomo", city="Milano", address_extra="Floor 2")
    document = documents.page_document(Page.objects.get(pk=store.pk))
    assert document.ref == DocumentRef("store", store.pk)
    assert (document.title, document.city, document.services) == ("Duomo", "Milano", ("parking",))
    assert document.address == "Via Torino 1, Floor 2, 20123, Milano"
    assert document.location == (45.4637, 9.1857)
    refs = [item.ref for item in documents.all_documents()]
    assert refs.count(DocumentRef("store", store.pk)) == 1 and DocumentRef("page", store.pk) not in refs


def test_products_carry_category_path_price_and_codes(db):
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    coffee = CategoryFactory(name="Coffee", slug="coffee", parent=kitchen)
    product = ProductFactory(name="Grinder", brand="Mill", category=coffee, price=Decimal("45.50"), gtin="4006381333931",
                             description="<p>Burr <b>grinder</b></p>")
    document = documents.product_document(product)
    assert document.category_path == ("Kitchen", "Coffee") and document.category_slugs == ("kitchen", "coffee")
    assert (document.price, document.currency, document.gtin, document.sku) == (Decimal("45.50"), "EUR", "4006381333931", product.sku)
    assert document.body == "Burr grinder" and document.site_ids == ()


def test_hidden_rows_have_no_document(home, section):
    restricted = GiftGuidePageFactory.with_products(section, [], title="Private")
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    draft = GiftGuidePageFactory.with_products(home, [], title="Draft", live=False)
    orphan_home = HomePageFactory(parent=Page.get_first_root_node(), slug="no-site")
    assert documents.page_document(restricted) is None  # an ancestor is restricted
    assert documents.page_document(section) is None
    assert documents.page_document(draft) is None
    assert documents.page_document(orphan_home) is None  # no site shows it
    assert documents.product_document(ProductFactory(is_active=False)) is None
    assert documents.product_document(ProductFactory(live=False)) is None
    assert documents.page_document(Page.get_first_root_node()) is None  # not a shopper page type


def test_translations_are_documents_of_their_locale_on_the_same_site(home, locales):
    italian_home = home.copy_for_translation(locales["it"])
    italian_home.save_revision().publish()
    document = documents.page_document(Page.objects.get(pk=italian_home.pk).specific)
    assert document.locale == "it" and document.site_ids == (Site.objects.get().pk,)


def test_count_documents_matches_all_documents(home, section, store_index):
    GiftGuidePageFactory.with_products(section, [], title="Guide")
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    StorePageFactory(parent=store_index)
    ProductFactory.create_batch(2)
    ProductFactory(is_active=False)
    HomePageFactory(parent=Page.get_first_root_node(), slug="no-site")
    by_type = {}
    for document in documents.all_documents():
        by_type[document.ref.type] = by_type.get(document.ref.type, 0) + 1
    assert documents.count_documents() == by_type == {"page": 2, "store": 1, "product": 2}


def test_documents_for_reads_the_current_state_of_each_ref(section, store_index):
    product = ProductFactory()
    store = StorePageFactory(parent=store_index)
    refs = [DocumentRef("product", product.pk), DocumentRef("store", store.pk), DocumentRef("page", section.pk),
            DocumentRef("page", 99999), DocumentRef("store", section.pk)]
    found = documents.documents_for(refs)
    assert found[refs[0]].title == product.name and found[refs[1]].city == "Milano" and found[refs[2]].title == section.title
    assert found[refs[3]] is None and found[refs[4]] is None
    assert documents.documents_for(refs[0])[refs[0]].ref == refs[0]


def build_all_counting_queries():
    with CaptureQueriesContext(connection) as queries:
        built = list(documents.all_documents())
    return len(built), len(queries)


@pytest.mark.parametrize("extra", [1, 6])
def test_all_documents_takes_the_same_queries_whatever_the_number_of_rows(section, store_index, extra):
    parking = ServiceFactory(code="parking")
    kitchen = CategoryFactory(slug="kitchen")

    def add(count):
        for _ in range(count):
            product = ProductFactory(category=CategoryFactory(parent=kitchen))
            StorePageFactory.with_services(store_index, [parking])
            GiftGuidePageFactory.with_products(section, [product])

    add(1)
    few_documents, few_queries = build_all_counting_queries()
    add(extra)
    many_documents, many_queries = build_all_counting_queries()
    assert many_documents == few_documents + 3 * extra
    assert many_queries == few_queries
