"""Editors choose services, products and stores through searchable chooser modals that open
on the language of what they edit, not from multi-selects listing every object in every
language; the store chooser searches stores by name and city."""

import json
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.catalog.models import Product, StockApiKey
from cms.offers.models import Offer
from tests.editing import page_edit_url, snippet_url, translate_ancestors
from tests.factories import (
    CategoryFactory,
    OfferFactory,
    ProductFactory,
    ProductStoryPageFactory,
    ServiceFactory,
    StorePageFactory,
)


def multiple_choosers(html):
    """``{field name: (chooser modal URL, fixed locale, chosen titles)}`` of the MultipleChooser
    widgets in an edit form."""
    found = {}
    for match in re.finditer(r'<div class="multiple-chooser"(.*?)</ul>', html, re.S):
        block = match.group(1)
        attrs = dict(re.findall(r'data-multiple-chooser-([a-z-]+)-value="([^"]*)"', block))
        definition = json.loads(unescape(attrs["definition"]))
        modal_url = definition["_args"][-1]["modalUrl"]
        titles = [unescape(title) for title in re.findall(r"data-multiple-chooser-title>([^<]*)</a>", block)]
        found[attrs["name"]] = (modal_url, attrs["locale"], titles)
    return found


def test_no_relation_is_a_multi_select_of_every_object(admin_client, store_index, section):
    store = StorePageFactory.with_services(store_index, [ServiceFactory(name="Click & collect")], title="Milano")
    story = ProductStoryPageFactory(parent=section)
    story.related_products.set([ProductFactory(name="Moka pot", sku="MOKA-3")])
    story.related_stores.set([store])
    story.save()
    offer = OfferFactory.for_stores([store])
    forms = {
        "store": admin_client.get(page_edit_url(store)).content.decode(),
        "story": admin_client.get(page_edit_url(story)).content.decode(),
        "offer": admin_client.get(snippet_url(Offer, "edit", offer.pk)).content.decode(),
    }

    for html in forms.values():
        assert not re.search(r"<select[^>]*multiple", html)
    assert multiple_choosers(forms["store"]) == {"services": ("/admin/snippets/choose/stores/service/", "", ["Click & collect"])}
    assert multiple_choosers(forms["story"]) == {
        "related_products": ("/admin/snippets/choose/catalog/product/", "", ["Moka pot (MOKA-3)"]),
        "related_stores": ("/admin/store_chooser/", "", ["Milano"]),
    }
    assert multiple_choosers(forms["offer"]) == {"stores": ("/admin/store_chooser/", "", ["Milano"])}


def test_choosers_open_on_the_language_of_the_edited_page(admin_client, store_index, locales):
    store = StorePageFactory(parent=store_index, title="Milano")
    translate_ancestors(store)
    italian_store = store.copy_for_translation(locales["it"])

    html = admin_client.get(page_edit_url(italian_store)).content.decode()

    # The multiple chooser reads the page's language from the checks panel's hidden input …
    assert '<input type="hidden" id="content-locale" value="it" data-content-locale>' in html
    assert 'data-multiple-chooser-locale-input-value="content-locale"' in html


def test_foreign_key_and_block_choosers_link_the_language_filter(admin_client, section):
    product = ProductFactory(category=CategoryFactory(name="Kitchen"))
    story = ProductStoryPageFactory(parent=section)

    product_html = admin_client.get(snippet_url(Product, "edit", product.pk)).content.decode()
    story_html = admin_client.get(page_edit_url(story)).content.decode()

    linked = '"linkedFields": {"locale": {"id": "content-locale"}}'
    assert linked in unescape(re.search(r"new SnippetChooser\(\"id_category\", (\{.*?\})\);", product_html).group(0))
    # The product callout block of the story's body (a telepath definition).
    assert '"linkedFields": {"locale": {"id": "content-locale"}}' in unescape(story_html).replace("\\u0022", '"')


def test_stock_api_keys_choose_stores_of_the_default_language(admin_client):
    html = admin_client.get(reverse("stock_api_keys:add")).content.decode()

    assert multiple_choosers(html)["stores"] == ("/admin/store_chooser/", "en", [])


@pytest.fixture
def stores(store_index, locales):
    milano = StorePageFactory(parent=store_index, title="Duomo", city="Milano")
    bergamo = StorePageFactory(parent=store_index, title="Città Alta", city="Bergamo")
    translate_ancestors(milano)
    milano_it = milano.copy_for_translation(locales["it"])
    return {"milano": milano, "bergamo": bergamo, "milano_it": milano_it}


def chooser_rows(response):
    assert response.status_code == 200
    html = response.json()["html"] if response.headers["Content-Type"].startswith("application/json") else response.content.decode()
    return re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)[1:]


def test_the_store_chooser_lists_the_language_asked_for_and_finds_stores_by_city(admin_client, stores):
    url = reverse("store_chooser:choose")

    italian = chooser_rows(admin_client.get(url, {"locale": "it"}))
    english = chooser_rows(admin_client.get(url, {"locale": "en"}))
    by_city = chooser_rows(admin_client.get(reverse("store_chooser:choose_results"), {"q": "Bergamo"}))

    assert len(italian) == 1 and "Duomo" in italian[0] and "Milano" in italian[0]
    assert len(english) == 2
    assert len(by_city) == 1 and "Città Alta" in by_city[0]
    # "Select several": checkboxes, and the chosen stores come back together.
    several = admin_client.get(url, {"locale": "en", "multiple": "1"}).json()["html"]
    assert 'name="id"' in several and "data-multiple-choice-select" in several
    chosen = admin_client.get(
        reverse("store_chooser:chosen_multiple"), {"id": [stores["milano"].pk, stores["bergamo"].pk]}
    ).json()
    assert sorted(item["title"] for item in chosen["result"]) == ["Città Alta", "Duomo"]


def test_an_editor_without_admin_rights_can_choose_stores(client, stores, django_user_model):
    editor = django_user_model.objects.create_user("giulia", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get(reverse("store_chooser:choose"), {"locale": "en"})

    assert len(chooser_rows(response)) == 2


def test_saving_a_choice_posts_the_chosen_ids(admin_client, stores):
    key = StockApiKey.objects.create(name="POS Milano", prefix="abc", secret_hash="x", all_stores=False)
    key.stores.set([stores["milano"]])
    data = {"name": "POS Lombardia", "all_stores": "", "is_active": "on", "stores": [stores["milano"].pk, stores["bergamo"].pk]}

    response = admin_client.post(reverse("stock_api_keys:edit", args=[key.pk]), data)

    assert response.status_code == 302
    assert set(key.stores.all()) == {stores["milano"], stores["bergamo"]}
