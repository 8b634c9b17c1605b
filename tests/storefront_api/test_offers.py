import datetime

import pytest
import wagtail_factories
from django.utils import timezone

from tests.factories import OfferFactory, StorePageFactory
from tests.storefront_api.content import count_queries

UTC = datetime.timezone.utc

OFFERS = """query($locale: String, $current: Boolean, $store: String, $channel: OfferChannel, $first: Int) {
  offers(locale: $locale, current: $current, store: $store, channel: $channel, first: $first) {
    totalCount edges { node { title } }
  }
}"""


def titles(body):
    assert "errors" not in body, body
    return [edge["node"]["title"] for edge in body["data"]["offers"]["edges"]]


def days(count):
    return timezone.now() + datetime.timedelta(days=count)


@pytest.fixture
def stores(store_index):
    return {
        "milano": StorePageFactory(parent=store_index, title="Milano", slug="milano"),
        "roma": StorePageFactory(parent=store_index, title="Roma", slug="roma"),
        "draft": StorePageFactory(parent=store_index, title="Draft", slug="draft", live=False),
    }


def test_offer_has_every_field(graphql, stores, image):
    offer = OfferFactory.for_stores(
        [stores["roma"], stores["milano"], stores["draft"]],
        title="Ten off",
        description="10 EUR off 50 EUR.",
        code="TEN",
        image=image,
        valid_from=datetime.datetime(2020, 1, 1, 9, tzinfo=UTC),
        valid_to=datetime.datetime(2099, 12, 31, 23, tzinfo=UTC),
        channel="in-store",
        terms="<p>One per customer.</p>",
    )
    body = graphql(
        """{ offers { edges { node { id title description code image { title } validFrom validTo channel
             appliesToAllStores stores { __typename slug } terms locale } } } }"""
    )
    assert "errors" not in body, body
    assert body["data"]["offers"]["edges"] == [
        {
            "node": {
                "id": str(offer.pk),
                "title": "Ten off",
                "description": "10 EUR off 50 EUR.",
                "code": "TEN",
                "image": {"title": "Shop floor"},
                "validFrom": "2020-01-01T09:00:00+00:00",
                "validTo": "2099-12-31T23:00:00+00:00",
                "channel": "IN_STORE",
                "appliesToAllStores": False,
                "stores": [{"__typename": "StorePage", "slug": "milano"}, {"__typename": "StorePage", "slug": "roma"}],
                "terms": "<p>One per customer.</p>",
                "locale": "en",
            }
        }
    ]


def test_only_published_offers_valid_now_unless_asked_for_all(graphql, home):
    OfferFactory(title="Now", valid_from=days(-2))
    OfferFactory(title="No end", valid_from=days(-3), valid_to=None)
    OfferFactory(title="Expired", valid_from=days(-10), valid_to=days(-1))
    OfferFactory(title="Not started", valid_from=days(1), valid_to=days(5))
    OfferFactory(title="Draft", live=False)
    assert titles(graphql(OFFERS)) == ["Now", "No end"]
    assert titles(graphql(OFFERS, {"current": False})) == ["Not started", "Now", "No end", "Expired"]


def test_offers_in_a_store_include_those_for_all_stores(graphql, stores):
    OfferFactory(title="Everywhere", valid_from=days(-1))
    OfferFactory.for_stores([stores["milano"]], title="Milano only", valid_from=days(-2))
    OfferFactory.for_stores([stores["roma"]], title="Roma only", valid_from=days(-3))
    assert titles(graphql(OFFERS, {"store": "milano"})) == ["Everywhere", "Milano only"]
    assert titles(graphql(OFFERS, {"store": "roma"})) == ["Everywhere", "Roma only"]


def test_store_field_lists_the_offers_valid_there(graphql, stores):
    OfferFactory.for_stores([stores["milano"]], title="Milano only")
    OfferFactory.for_stores([stores["roma"]], title="Roma only")
    OfferFactory.for_stores([stores["milano"]], title="Expired", valid_from=days(-9), valid_to=days(-1))
    body = graphql('{ store(slug: "milano") { offers { title } } }')
    assert body["data"]["store"]["offers"] == [{"title": "Milano only"}]


@pytest.mark.parametrize(
    ("channel", "expected"), [("IN_STORE", ["In store", "Both"]), ("ONLINE", ["Online", "Both"]), ("BOTH", ["Both"])]
)
def test_channel_filter_counts_offers_for_both_channels(graphql, home, channel, expected):
    OfferFactory(title="In store", channel="in-store", valid_from=days(-1))
    OfferFactory(title="Online", channel="online", valid_from=days(-2))
    OfferFactory(title="Both", channel="both", valid_from=days(-3))
    assert titles(graphql(OFFERS, {"channel": channel})) == expected


def test_offers_are_listed_in_the_requested_language(graphql, home, locales):
    english = OfferFactory(title="Ten off")
    OfferFactory(title="Dieci di sconto", locale=locales["it"], translation_key=english.translation_key)
    assert titles(graphql(OFFERS)) == ["Ten off"]
    assert titles(graphql(OFFERS, {"locale": "it"})) == ["Dieci di sconto"]


def test_offer_by_id_only_when_published(graphql, home):
    published = OfferFactory(title="Ten off", valid_from=days(-9), valid_to=days(-1))
    draft = OfferFactory(title="Draft", live=False)
    query = "query($id: ID!) { offer(id: $id) { title } }"
    assert graphql(query, {"id": published.pk})["data"]["offer"] == {"title": "Ten off"}
    assert graphql(query, {"id": draft.pk})["data"]["offer"] is None


@pytest.mark.parametrize("slug", ["nowhere", "draft"])
def test_unknown_or_hidden_store_is_refused_naming_the_argument(graphql, stores, slug):
    body = graphql(OFFERS, {"store": slug})
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "store"}
    assert repr(slug) in body["errors"][0]["message"]


OFFER_LIST = """query($first: Int) { offers(first: $first) { edges { node {
  title image { rendition(width: 160) { url } } stores { slug hoursExceptions { label } }
} } } }"""


def test_query_count_does_not_grow_with_the_number_of_offers(graphql, stores):
    image = wagtail_factories.ImageFactory()

    def make(count):
        for _ in range(count):
            OfferFactory.for_stores([stores["milano"], stores["roma"]], image=image)

    make(5)
    few, data = count_queries(graphql, OFFER_LIST, {"first": 5})
    make(45)
    many, more = count_queries(graphql, OFFER_LIST, {"first": 50})
    assert (len(data["offers"]["edges"]), len(more["offers"]["edges"])) == (5, 50)
    assert len(more["offers"]["edges"][0]["node"]["stores"]) == 2
    assert few == many, (few, many)
    assert few <= 12, few  # measured: 11
