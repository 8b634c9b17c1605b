"""Search documents built from the models: what is in them, what never is, and how many
queries building them all takes."""

import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import get_text_for_indexing

from cms.catalog.models import Product
from cms.stores.models import StorePage

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


def test_the_rebuild_builds_each_document_as_for_one_object(section, store_index, locales):
    """all_documents reads stores and products as plain rows; what it builds is what the
    builders make of the model instances (the path of documents_for, after each change)."""
    parking, lockers = ServiceFactory(code="parking"), ServiceFactory(code="lockers")
    kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
    coffee = CategoryFactory(name="Coffee", slug="coffee", parent=kitchen)
    StorePageFactory.with_services(store_index, [parking, lockers], title="Duomo", address_extra="Floor 2",
                                   store_message="<p>Open <b>late</b> &amp; early</p><p>Parking</p>", region="Lombardia")
    StorePageFactory(parent=store_index, title="No services", postal_code="", search_description="Near the station")
    StorePageFactory(parent=store_index, title="Draft", live=False)
    italian = StorePageFactory(parent=store_index, title="Tradotto").copy_for_translation(locales["it"], copy_parents=True)
    italian.save_revision().publish()
    hidden = GiftGuidePageFactory.with_products(section, [], title="Restricted section")
    StorePageFactory(parent=hidden, title="Behind a restriction")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    ProductFactory(name="Grinder", brand="Mill", category=coffee, price=Decimal("45.50"), gtin="4006381333931",
                   description="<p>Burr <b>grinder</b></p><ul><li>steel</li><li>50&nbsp;mm</li></ul><br/>x")
    ProductFactory(name="No category", category=None, description="", gtin="")
    ProductFactory(name="Odd markup", description="5 > 3 <!-- note --> & more")
    ProductFactory(is_active=False)
    ProductFactory(live=False)

    built = list(documents.all_documents())

    one_by_one = [documents.page_document(page) for page in documents.shopper_page_rows()]
    one_by_one += [documents.store_document(store) for store in StorePage.objects.live().order_by("path")]
    one_by_one += [documents.product_document(product) for product in Product.objects.order_by("pk")]
    assert built == [document for document in one_by_one if document is not None]
    assert [document.ref.type for document in built].count("store") == 4  # neither the draft nor the restricted
    assert [document.ref.type for document in built].count("product") == 3


RICH_TEXT = [
    "",
    "<p>Glass Blanket, item 1 of the scale catalogue.</p>",
    '<h2 data-block-key="a1">Title</h2><p data-block-key="b2">One<br/>two <i>three</i></p><hr/>'
    '<ul><li>a</li><li>b</li></ul><blockquote>q</blockquote><ol><li>c</li></ol>',
    '<p>See <a href="https://example.com/?a=1&amp;b=2">this</a> &amp; <a linktype="page" id="3">that</a></p>',
    '<embed embedtype="image" id="1" format="left" alt="A pot"/><p>caf&eacute; &#233; &#xe9; &lt;b&gt;</p>',
    "<P>Upper</P><BR/>case",
    "plain text, no markup",
    "5 > 3 and 2 < 4",
    "fish & chips &amp",
    "<!-- a comment --><p>x</p>",
    "<script>var a = 1 < 2;</script><p>y</p>",
    "<p title='single'>quotes</p>",
    '<p a="x>y">inside</p>',
    "<p>unclosed",
    "<p",
    "&#1234567890;&unknown;&",
]


def test_plain_text_is_wagtails_text_for_indexing():
    """plain_text skips Python's HTML parser for simple markup: the text must be the same
    as Wagtail's for any input, simple or not."""
    for html in RICH_TEXT:
        assert documents.plain_text(html) == get_text_for_indexing(html), html
    pieces = ["<", ">", "/", "&", ";", "#", "x", "p", "br", "li", "h2", " ", "=", '"', "'", "-", "!", "\n",
              "<p>", "</p>", "<br/>", "&amp;", "&#39;", '<a href="u">', "</a>", "é"]
    rng = random.Random(18)
    for _ in range(20_000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
        assert documents.plain_text(html) == get_text_for_indexing(html), repr(html)
