import datetime

import pytest
import wagtail_factories
from django.utils import timezone

from cms.stories.models import ProductStoryPage
from tests.factories import ProductFactory, ProductStoryPageFactory, SectionPageFactory, StorePageFactory

from .content import callouts, count_queries, products, translate

STORY = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  __typename title locale
  ... on ProductStoryPage {
    standfirst heroImage { title }
    relatedProducts { sku }
    relatedStores { __typename title url locale address { city } }
    body { __typename }
  } } }"""

STORIES = """query($productSku: String, $locale: String, $first: Int, $after: String) {
  productStories(productSku: $productSku, locale: $locale, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }"""


def story(section, slug, related=(), stores=(), days_ago=0, **fields):
    page = ProductStoryPageFactory(
        parent=section, slug=slug, first_published_at=timezone.now() - datetime.timedelta(days=days_ago), **fields
    )
    page.related_products.set(related)
    page.related_stores.set(stores)
    page.save()
    return page


def slugs(graphql, **variables):
    body = graphql(STORIES, variables)
    assert "errors" not in body, body
    return [edge["node"]["slug"] for edge in body["data"]["productStories"]["edges"]]


def test_product_story_page_with_every_field(graphql, section, store_index):
    hero = wagtail_factories.ImageFactory(title="Roastery")
    beans, grinder = ProductFactory(sku="BEANS"), ProductFactory(sku="GRINDER")
    retired = ProductFactory(sku="RETIRED", is_active=False)
    milano = StorePageFactory(parent=store_index, title="Milano", slug="milano", city="Milano")
    closed = StorePageFactory(parent=store_index, title="Closed", slug="closed", live=False)
    story(
        section,
        "coffee",
        related=[grinder, retired, beans],
        stores=[milano, closed],
        title="The coffee",
        standfirst="From Huila to your cup.",
        hero_image=hero,
    )
    body = graphql(STORY, {"path": "/inspiration/coffee/"})
    assert "errors" not in body, body
    page = body["data"]["page"]
    page["relatedProducts"].sort(key=lambda product: product["sku"])  # an unordered many-to-many field
    assert page == {
        "__typename": "ProductStoryPage",
        "title": "The coffee",
        "locale": "en",
        "standfirst": "From Huila to your cup.",
        "heroImage": {"title": "Roastery"},
        "relatedProducts": [{"sku": "BEANS"}, {"sku": "GRINDER"}],
        "relatedStores": [
            {"__typename": "StorePage", "title": "Milano", "url": "/en/stores/milano/", "locale": "en",
             "address": {"city": "Milano"}}
        ],
        "body": [{"__typename": "ParagraphBlock"}],
    }


def test_related_stores_follow_the_language_of_the_story(graphql, home, section, store_index, locales):
    milano = StorePageFactory(parent=store_index, title="Milano", slug="milano")
    english = story(section, "coffee", stores=[milano])
    for page in (home, section, store_index):
        translate(page, locales["it"])
    italian_store = translate(milano, locales["it"])
    italian_store.title = "Milano (it)"
    italian_store.save_revision().publish()
    translate(english, locales["it"])  # still points at the English store
    body = graphql(STORY, {"path": "/inspiration/coffee/", "locale": "it"})
    assert "errors" not in body, body
    assert [(store["title"], store["locale"]) for store in body["data"]["page"]["relatedStores"]] == [
        ("Milano (it)", "it")
    ]


@pytest.fixture
def stories(section):
    beans, grinder = ProductFactory(sku="BEANS"), ProductFactory(sku="GRINDER")
    story(section, "beans-origin", related=[beans], days_ago=1)
    story(section, "grinding", related=[grinder, beans], days_ago=2)
    story(section, "grinder-care", related=[grinder], days_ago=3)
    story(section, "about-us", days_ago=4)


def test_product_stories_newest_first_and_by_product(graphql, stories):
    assert slugs(graphql) == ["beans-origin", "grinding", "grinder-care", "about-us"]
    assert slugs(graphql, productSku="BEANS") == ["beans-origin", "grinding"]
    assert slugs(graphql, productSku="NOPE") == []


def test_stories_about_a_product_are_found_in_another_language_by_its_sku(graphql, home, section, locales):
    beans = ProductFactory(sku="BEANS")
    beans_it = ProductFactory(sku="BEANS", locale=locales["it"], translation_key=beans.translation_key)
    english = story(section, "beans", related=[beans])
    translate(home, locales["it"])
    translate(section, locales["it"])
    italian = translate(english, locales["it"])
    italian.related_products.set([beans_it])
    italian.save_revision().publish()
    assert slugs(graphql, productSku="BEANS", locale="it") == ["beans"]


def test_product_stories_paginate(graphql, stories):
    body = graphql(STORIES, {"first": 3})
    assert body["data"]["productStories"]["totalCount"] == 4
    assert slugs(graphql, first=3, after=body["data"]["productStories"]["pageInfo"]["endCursor"]) == ["about-us"]


STORY_LIST = """query($first: Int) { productStories(first: $first) { totalCount edges { node {
  title url heroImage { rendition(width: 320) { url } }
  relatedProducts { sku price { amount } category { name } images { image { title } } }
  relatedStores { title }
  body { __typename ... on ProductCalloutBlock { product { sku category { name } } }
         ... on ImageBlock { image { title } } }
} } } }"""


def test_a_list_of_30_stories_needs_as_many_queries_as_a_list_of_10(graphql, section, store_index, image):
    store = StorePageFactory(parent=store_index, slug="milano")

    def add(count, offset):
        for index in range(count):
            related = products(3, image=image)
            body = callouts(related) + [{"type": "image", "value": {"image": image.pk, "caption": ""}}]
            story(section, f"story-{offset + index}", related=related, stores=[store], hero_image=image, body=body)

    add(10, 0)
    ten, data = count_queries(graphql, STORY_LIST, {"first": 10})
    assert len(data["productStories"]["edges"]) == 10
    add(20, 10)
    thirty, data = count_queries(graphql, STORY_LIST, {"first": 30})
    assert len(data["productStories"]["edges"]) == 30
    assert all(len(edge["node"]["relatedProducts"]) == 3 for edge in data["productStories"]["edges"])
    assert ten == thirty, (ten, thirty)


LINKED_PARAGRAPHS = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  ... on ProductStoryPage { body { ... on ParagraphBlock { html } } } } }"""


def test_links_in_twenty_paragraphs_cost_the_queries_of_two(graphql, home, section, locales):
    targets = [SectionPageFactory(parent=home, title=f"Target {index}", slug=f"target-{index}") for index in range(20)]
    translate(home, locales["it"])
    italian_target = translate(targets[1], locales["it"])

    def linked(pages):
        return [{"type": "paragraph", "value": f'<p><a linktype="page" id="{page.pk}">see</a></p>'} for page in pages]

    story(section, "two", body=linked(targets[:2]))
    story(section, "twenty", body=linked(targets))
    two, data = count_queries(graphql, LINKED_PARAGRAPHS, {"path": "/inspiration/two/"})
    twenty, data = count_queries(graphql, LINKED_PARAGRAPHS, {"path": "/inspiration/twenty/"})
    assert [block["html"] for block in data["page"]["body"]] == [
        f'<p><a href="/en/target-{index}/">see</a></p>' for index in range(20)
    ]
    assert twenty == two, (two, twenty)  # was 14 and 86: four queries a paragraph
    # In an Italian story the link goes to the target's Italian version where one is live.
    translate(section, locales["it"])
    italian_story = translate(ProductStoryPage.objects.get(slug="twenty", locale=locales["en"]), locales["it"])
    body = graphql(LINKED_PARAGRAPHS, {"path": italian_story.url.removeprefix("/it"), "locale": "it"})["data"]
    hrefs = [block["html"] for block in body["page"]["body"]]
    assert hrefs[1] == f'<p><a href="{italian_target.url}">see</a></p>' and hrefs[1].startswith('<p><a href="/it/')
    assert hrefs[0] == '<p><a href="/en/target-0/">see</a></p>'  # no Italian version: the page itself
