from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.publishing.models import ContentEvent, WebhookDelivery, WebhookEndpoint
from tests.clock import later
from tests.factories import OfferFactory, ProductStoryPageFactory, SectionPageFactory, StorePageFactory
from tests.storefront_api.content import count_queries, other_site

CHANGES = """
query Changes($since: DateTime!, $first: Int, $after: String) {
  changes(since: $since, first: $first, after: $after) {
    totalCount fullRebuildNeeded
    pageInfo { hasNextPage endCursor }
    edges { node { id action kind objectType objectId locale slug path previousPath occurredAt } }
  }
}
"""


@pytest.fixture(autouse=True)
def no_settle_delay(settings):
    settings.PUBLISHING = {"SYNC_SETTLE_SECONDS": 0}


@pytest.fixture
def start(db):
    return (timezone.now() - timedelta(seconds=1)).isoformat()


def changes(graphql, since, host=None, **variables):
    body = graphql(CHANGES, {"since": since, **variables}, **({"HTTP_HOST": host} if host else {}))
    assert "errors" not in body, body["errors"]
    return body["data"]["changes"]


def nodes(connection):
    return [edge["node"] for edge in connection["edges"]]


def summary(connection):
    return [(node["action"], node["objectType"], node["slug"], node["path"]) for node in nodes(connection)]


def test_changes_include_deletions_with_their_address(graphql, store_index, committed):
    store = StorePageFactory(parent=store_index, slug="milano")
    offer = OfferFactory(code="WINTER10")
    since = timezone.now().isoformat()
    with committed():
        store.delete()
        offer.delete()
    data = changes(graphql, since)
    assert summary(data) == [
        ("DELETED", "StorePage", "milano", "/stores/milano/"),
        ("DELETED", "Offer", "WINTER10", None),
    ]
    assert [node["kind"] for node in nodes(data)] == ["PAGE", "SNIPPET"]
    assert nodes(data)[0]["objectId"] == str(store.pk)


def test_changes_are_paginated_by_a_cursor_that_survives_new_events(graphql, store_index, committed, start):
    stores = [StorePageFactory(parent=store_index, slug=f"store-{n}", live=False) for n in range(5)]
    for store in stores:
        with committed():
            store.save_revision().publish()
    first = changes(graphql, start, first=2)
    assert [node["slug"] for node in nodes(first)] == ["store-0", "store-1"]
    assert first["pageInfo"]["hasNextPage"] and first["totalCount"] == 5
    second = changes(graphql, start, first=2, after=first["pageInfo"]["endCursor"])
    assert [node["slug"] for node in nodes(second)] == ["store-2", "store-3"]
    # Events written meanwhile are listed after the stored cursor, none is lost or repeated.
    stores[0].refresh_from_db()
    with committed():
        stores[0].unpublish()
    rest = changes(graphql, start, first=10, after=second["pageInfo"]["endCursor"])
    assert summary(rest) == [("PUBLISHED", "StorePage", "store-4", "/stores/store-4/"),
                             ("UNPUBLISHED", "StorePage", "store-0", "/stores/store-0/")]
    assert not rest["pageInfo"]["hasNextPage"]
    # Nothing new: the same cursor comes back to be stored again.
    done = changes(graphql, start, after=rest["pageInfo"]["endCursor"])
    assert nodes(done) == [] and done["pageInfo"]["endCursor"] == rest["pageInfo"]["endCursor"]


def test_other_sites_pages_are_not_listed_but_snippets_are(graphql, store_index, committed, start):
    other_home = other_site()
    theirs = StorePageFactory(parent=other_home, slug="their-store", live=False)
    ours = StorePageFactory(parent=store_index, slug="our-store", live=False)
    offer = OfferFactory(live=False)
    for obj in (theirs, ours, offer):
        with committed():
            obj.save_revision().publish()
    assert [node["slug"] for node in nodes(changes(graphql, start))] == ["our-store", offer.code]
    theirs_seen = changes(graphql, start, host="other.example")
    assert [node["slug"] for node in nodes(theirs_seen)] == ["their-store", offer.code]
    assert nodes(theirs_seen)[0]["path"] == "/their-store/"


def test_a_moved_page_gives_both_addresses(graphql, store_index, section, committed, start):
    store = StorePageFactory(parent=store_index, slug="milano")
    with committed():
        store.move(section, pos="last-child")
    [node] = nodes(changes(graphql, start))
    assert (node["action"], node["previousPath"], node["path"]) == ("MOVED", "/stores/milano/", "/inspiration/milano/")


def test_events_younger_than_the_settle_delay_wait(graphql, settings, store_index, committed, start):
    settings.PUBLISHING = {"SYNC_SETTLE_SECONDS": 5}
    with committed():
        StorePageFactory(parent=store_index, slug="milano", live=False).save_revision().publish()
    assert nodes(changes(graphql, start)) == []
    with later(timedelta(seconds=6)):
        assert len(nodes(changes(graphql, start))) == 1


def test_since_older_than_the_retention_asks_for_a_full_rebuild(graphql, home):
    assert changes(graphql, (timezone.now() - timedelta(days=91)).isoformat())["fullRebuildNeeded"]
    assert not changes(graphql, (timezone.now() - timedelta(days=89)).isoformat())["fullRebuildNeeded"]


def test_bad_arguments_are_named(graphql, home):
    naive = graphql(CHANGES, {"since": "2026-11-01T00:00:00"})
    assert naive["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "since"}
    not_a_date = graphql(CHANGES, {"since": "yesterday"})
    assert "$since" in not_a_date["errors"][0]["message"]
    bad_cursor = graphql(CHANGES, {"since": "2026-11-01T00:00:00Z", "after": "bm90LWEtY3Vyc29y"})
    assert bad_cursor["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "after"}
    too_many = graphql(CHANGES, {"since": "2026-11-01T00:00:00Z", "first": 101})
    assert too_many["errors"][0]["extensions"]["field"] == "first"


def test_query_count_does_not_grow_with_the_page(graphql, store_index, committed, start):
    def publish(count):
        for _ in range(count):
            with committed():
                StorePageFactory(parent=store_index, live=False).save_revision().publish()

    publish(2)
    few, _ = count_queries(graphql, CHANGES, {"since": start})
    publish(8)
    many, data = count_queries(graphql, CHANGES, {"since": start})
    assert len(data["changes"]["edges"]) == 10
    assert many == few


def test_changes_are_never_cached(client, settings, home):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "RESPONSE_CACHE": True}
    query = '{ changes(since: "2026-01-01T00:00:00Z") { totalCount } }'
    response = client.get("/graphql", {"query": query})
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"] and "ETag" not in response


def now():
    return timezone.now().isoformat()


def restrict(page, restriction_type="password"):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, password="pw")
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name=f"Staff of {page.slug}"))
    return restriction


@pytest.fixture
def inspiration(section):
    """The section with a child section, a story below that one, and a draft story."""
    ideas = SectionPageFactory(parent=section, slug="ideas")
    ProductStoryPageFactory(parent=ideas, slug="coffee")
    ProductStoryPageFactory(parent=section, slug="draft", live=False)
    return section


@pytest.mark.parametrize("restriction_type", ["login", "password", "groups"])
def test_restricting_a_published_page_unpublishes_it_and_its_live_subtree(
    graphql, inspiration, committed, restriction_type
):
    endpoint = WebhookEndpoint.objects.create(name="Static build", url="http://127.0.0.1:9/hook")
    since = now()
    with committed():
        restrict(inspiration, restriction_type)
    assert summary(changes(graphql, since)) == [
        ("UNPUBLISHED", "SectionPage", "inspiration", "/inspiration/"),
        ("UNPUBLISHED", "SectionPage", "ideas", "/inspiration/ideas/"),
        ("UNPUBLISHED", "ProductStoryPage", "coffee", "/inspiration/ideas/coffee/"),
    ]
    queued = WebhookDelivery.objects.filter(endpoint=endpoint).values_list("event__action", "event__slug")
    assert sorted(queued) == [("unpublished", "coffee"), ("unpublished", "ideas"), ("unpublished", "inspiration")]


def test_lifting_the_last_restriction_publishes_the_now_visible_subtree(graphql, inspiration, committed):
    restriction = restrict(inspiration, "login")
    restrict(Page.objects.get(slug="ideas"), "password")  # stays private: so does the story below it
    ProductStoryPageFactory(parent=inspiration, slug="tea")
    WebhookEndpoint.objects.create(name="Static build", url="http://127.0.0.1:9/hook")
    since = now()
    with committed():
        restriction.delete()
    assert summary(changes(graphql, since)) == [
        ("PUBLISHED", "SectionPage", "inspiration", "/inspiration/"),
        ("PUBLISHED", "ProductStoryPage", "tea", "/inspiration/tea/"),
    ]
    assert WebhookDelivery.objects.filter(event__action="published").count() == 2


def test_privacy_changes_inside_a_private_section_announce_nothing(graphql, home, inspiration, committed):
    outer = restrict(inspiration, "login")
    ideas = Page.objects.get(slug="ideas")
    since = now()
    with committed():
        inner = restrict(ideas, "password")  # already private through its parent
    with committed():
        outer.restriction_type = PageViewRestriction.PASSWORD  # still private: another way in
        outer.save()
    with committed():
        inner.delete()  # still private through its parent
    assert summary(changes(graphql, since)) == []
    # Restricting the home page hides the rest of the site; the section was hidden already.
    StorePageFactory(parent=home, slug="milano")
    with committed():
        restrict(home, "login")
    assert summary(changes(graphql, since)) == [
        ("UNPUBLISHED", "HomePage", "home", "/"),
        ("UNPUBLISHED", "StorePage", "milano", "/milano/"),
    ]


def test_a_page_moved_to_another_site_leaves_one_feed_and_joins_the_other(graphql, inspiration, committed):
    other_home = other_site()
    ideas = Page.objects.get(slug="ideas")
    since = now()
    with committed():
        ideas.move(other_home, pos="last-child")
    ours, theirs = changes(graphql, since), changes(graphql, since, host="other.example")
    assert summary(ours) == [
        ("UNPUBLISHED", "SectionPage", "ideas", "/inspiration/ideas/"),
        ("UNPUBLISHED", "ProductStoryPage", "coffee", "/inspiration/ideas/coffee/"),
    ]
    assert summary(theirs) == [
        ("PUBLISHED", "SectionPage", "ideas", "/ideas/"),
        ("PUBLISHED", "ProductStoryPage", "coffee", "/ideas/coffee/"),
    ]
    assert {node["previousPath"] for node in nodes(ours) + nodes(theirs)} == {None}
    # And back: the other way round.
    since = now()
    with committed():
        Page.objects.get(pk=ideas.pk).move(inspiration, pos="last-child")
    assert [(action, path) for action, _, _, path in summary(changes(graphql, since, host="other.example"))] == [
        ("UNPUBLISHED", "/ideas/"), ("UNPUBLISHED", "/ideas/coffee/")
    ]
    assert [(action, path) for action, _, _, path in summary(changes(graphql, since))] == [
        ("PUBLISHED", "/inspiration/ideas/"), ("PUBLISHED", "/inspiration/ideas/coffee/")
    ]


def test_a_page_moved_into_or_out_of_a_private_section(graphql, home, inspiration, committed):
    members = SectionPageFactory(parent=home, slug="members")
    restrict(members, "login")
    ideas = Page.objects.get(slug="ideas")
    since = now()
    with committed():
        ideas.move(members, pos="last-child")
    assert [(action, path) for action, _, _, path in summary(changes(graphql, since))] == [
        ("UNPUBLISHED", "/inspiration/ideas/"), ("UNPUBLISHED", "/inspiration/ideas/coffee/")
    ]
    since = now()
    with committed():
        Page.objects.get(pk=ideas.pk).move(inspiration, pos="last-child")
    assert [(action, path) for action, _, _, path in summary(changes(graphql, since))] == [
        ("PUBLISHED", "/inspiration/ideas/"), ("PUBLISHED", "/inspiration/ideas/coffee/")
    ]
