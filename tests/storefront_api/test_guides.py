import datetime
from decimal import Decimal

import pytest
import wagtail_factories
from django.utils import timezone

from tests.factories import GiftGuidePageFactory

from .content import count_queries, products, translate

GUIDE = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  __typename title url locale
  ... on GiftGuidePage {
    intro recipient occasion budget { amount currency }
    heroImage { title }
    sections { ... on GuideSectionBlock { title intro picks { note product { sku name price { amount currency } } } } }
  } } }"""

GUIDES = """query($recipient: GiftRecipient, $occasion: GiftOccasion, $budgetMax: Decimal, $locale: String,
                 $first: Int, $after: String) {
  giftGuides(recipient: $recipient, occasion: $occasion, budgetMax: $budgetMax, locale: $locale,
             first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { slug } } } }"""


def slugs(graphql, **variables):
    body = graphql(GUIDES, variables)
    assert "errors" not in body, body
    return [edge["node"]["slug"] for edge in body["data"]["giftGuides"]["edges"]]


def test_gift_guide_page_with_every_field(graphql, section):
    hero = wagtail_factories.ImageFactory(title="Wrapped gifts")
    mug, beans = products(2, price=Decimal("12.50"))
    GiftGuidePageFactory.with_products(
        section,
        [mug, beans],
        slug="for-him",
        title="Gifts for him",
        intro='<p>Ideas <a linktype="page" id="%d">for everyone</a>.</p>' % section.pk,
        hero_image=hero,
        recipient="him",
        occasion="birthday",
        budget_max=Decimal("30"),
    )
    body = graphql(GUIDE, {"path": "/inspiration/for-him/"})
    assert "errors" not in body, body
    assert body["data"]["page"] == {
        "__typename": "GiftGuidePage",
        "title": "Gifts for him",
        "url": "/en/inspiration/for-him/",
        "locale": "en",
        "intro": '<p>Ideas <a href="/en/inspiration/">for everyone</a>.</p>',
        "recipient": "HIM",
        "occasion": "BIRTHDAY",
        "budget": {"amount": "30.00", "currency": "EUR"},
        "heroImage": {"title": "Wrapped gifts"},
        "sections": [
            {
                "title": "Picks",
                "intro": "",
                "picks": [
                    {"note": f"Why {product.name}", "product": {"sku": product.sku, "name": product.name,
                                                                 "price": {"amount": "12.50", "currency": "EUR"}}}
                    for product in (mug, beans)
                ],
            }
        ],
    }


def test_a_guide_without_a_budget_has_none(graphql, section):
    GiftGuidePageFactory.with_products(section, products(1), slug="any", budget_max=None)
    assert graphql(GUIDE, {"path": "/inspiration/any/"})["data"]["page"]["budget"] is None


@pytest.fixture
def guides(section):
    def guide(slug, recipient, occasion, budget, published_days_ago):
        published = timezone.now() - datetime.timedelta(days=published_days_ago)
        return GiftGuidePageFactory.with_products(
            section,
            products(1),
            slug=slug,
            recipient=recipient,
            occasion=occasion,
            budget_max=budget,
            first_published_at=published,
        )

    return [
        guide("him-xmas-50", "him", "christmas", Decimal("50"), 1),
        guide("anyone-xmas-20", "anyone", "christmas", Decimal("20"), 2),
        guide("her-birthday-100", "her", "birthday", Decimal("100"), 3),
        guide("him-any-nobudget", "him", "any", None, 4),
    ]


def test_gift_guides_newest_first(graphql, guides):
    assert slugs(graphql) == ["him-xmas-50", "anyone-xmas-20", "her-birthday-100", "him-any-nobudget"]


def test_recipient_filter_includes_guides_for_anyone(graphql, guides):
    assert slugs(graphql, recipient="HIM") == ["him-xmas-50", "anyone-xmas-20", "him-any-nobudget"]


def test_occasion_filter_includes_guides_for_any_occasion(graphql, guides):
    assert slugs(graphql, occasion="CHRISTMAS") == ["him-xmas-50", "anyone-xmas-20", "him-any-nobudget"]


def test_budget_filter_keeps_guides_within_it_and_leaves_out_those_without_a_ceiling(graphql, guides):
    assert slugs(graphql, budgetMax="50") == ["him-xmas-50", "anyone-xmas-20"]
    assert slugs(graphql, recipient="HIM", occasion="CHRISTMAS", budgetMax="30") == ["anyone-xmas-20"]


def test_negative_budget_and_unknown_recipient_are_refused(graphql, guides):
    body = graphql(GUIDES, {"budgetMax": "-1"})
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "budgetMax"}
    assert graphql(GUIDES, {"recipient": "CATS"})["errors"]


def test_gift_guides_paginate(graphql, guides):
    body = graphql(GUIDES, {"first": 3})
    page = body["data"]["giftGuides"]
    assert page["totalCount"] == 4 and page["pageInfo"]["hasNextPage"]
    assert slugs(graphql, first=3, after=page["pageInfo"]["endCursor"]) == ["him-any-nobudget"]


def test_gift_guides_in_another_language(graphql, home, section, locales):
    guide = GiftGuidePageFactory.with_products(section, products(1), slug="for-him")
    translate(home, locales["it"])
    translate(section, locales["it"])
    italian = translate(guide, locales["it"])
    italian.slug = "per-lui"
    italian.save_revision().publish()
    assert slugs(graphql, locale="it") == ["per-lui"]
    assert slugs(graphql, locale="en") == ["for-him"]


GUIDE_WITH_PRODUCTS = """query($path: String!) { page(path: $path) { ... on GiftGuidePage {
  heroImage { rendition(width: 320) { url } }
  sections { ... on GuideSectionBlock { picks { note product { sku price { amount }
    category { name } images { alt image { rendition(width: 160) { url } } } } } } } } } }"""


def test_a_guide_with_50_products_needs_as_many_queries_as_one_with_5(graphql, section, image):
    GiftGuidePageFactory.with_products(section, products(5, image=image), slug="five", hero_image=image)
    GiftGuidePageFactory.with_products(section, products(50, image=image), slug="fifty", hero_image=image)
    five, data = count_queries(graphql, GUIDE_WITH_PRODUCTS, {"path": "/inspiration/five/"})
    assert len(data["page"]["sections"][0]["picks"]) == 5
    fifty, data = count_queries(graphql, GUIDE_WITH_PRODUCTS, {"path": "/inspiration/fifty/"})
    assert len(data["page"]["sections"][0]["picks"]) == 50
    assert five == fifty, (five, fifty)


GUIDE_LIST = """query($first: Int) { giftGuides(first: $first) { edges { node { title heroImage { title }
  sections { ... on GuideSectionBlock { picks { product { sku images { image { title } } } } } } } } } }"""


def test_a_list_of_guides_needs_as_many_queries_for_3_guides_as_for_12(graphql, section, image):
    for index in range(3):
        GiftGuidePageFactory.with_products(section, products(2, image=image), slug=f"a{index}", hero_image=image)
    few, _ = count_queries(graphql, GUIDE_LIST, {"first": 3})
    for index in range(9):
        GiftGuidePageFactory.with_products(section, products(4, image=image), slug=f"b{index}", hero_image=image)
    many, data = count_queries(graphql, GUIDE_LIST, {"first": 12})
    assert len(data["giftGuides"]["edges"]) == 12
    assert few == many, (few, many)
