"""Gift guides, product stories and return policies follow the visibility rules everywhere:
direct look-ups, their own lists, lists of pages and children. Only live, public pages of
the requesting site in the requested language."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import GiftGuidePageFactory, ProductStoryPageFactory, ReturnPolicyPageFactory, SectionPageFactory

from .content import other_site, products, translate

LISTS = """query($locale: String) {
  giftGuides(locale: $locale) { edges { node { slug } } }
  productStories(locale: $locale) { edges { node { slug } } }
  returnPolicies(locale: $locale) { slug }
  pages(locale: $locale, first: 100) { edges { node { slug } } }
}"""

BY_PATH = "query($path: String!, $locale: String) { page(path: $path, locale: $locale) { slug } }"
BY_ID = "query($id: ID!) { page(id: $id) { slug } }"


def content(parent, prefix, **fields):
    """A guide, a story and a policy below ``parent``."""
    return [
        GiftGuidePageFactory.with_products(parent, products(1), slug=f"{prefix}-guide", **fields),
        ProductStoryPageFactory(parent=parent, slug=f"{prefix}-story", **fields),
        ReturnPolicyPageFactory(parent=parent, slug=f"{prefix}-policy", **fields),
    ]


def listed(graphql, locale=None, **extra):
    body = graphql(LISTS, {"locale": locale}, **extra)
    assert "errors" not in body, body
    data = body["data"]
    return {
        "giftGuides": [edge["node"]["slug"] for edge in data["giftGuides"]["edges"]],
        "productStories": [edge["node"]["slug"] for edge in data["productStories"]["edges"]],
        "returnPolicies": [policy["slug"] for policy in data["returnPolicies"]],
        "pages": [edge["node"]["slug"] for edge in data["pages"]["edges"]],
    }


def assert_absent(graphql, pages, path_prefix="/inspiration/", locale=None, **extra):
    lists = listed(graphql, locale, **extra)
    for page in pages:
        for name, slugs in lists.items():
            assert page.slug not in slugs, (name, page.slug)
        path = {"path": f"{path_prefix}{page.slug}/", "locale": locale}
        assert graphql(BY_PATH, path, **extra)["data"]["page"] is None, page.slug
        if locale is None:  # an id names a page in its own language
            assert graphql(BY_ID, {"id": page.pk}, **extra)["data"]["page"] is None, page.slug


def test_live_public_content_is_everywhere(graphql, section):
    pages = content(section, "shown")
    lists = listed(graphql)
    assert lists["giftGuides"] == ["shown-guide"]
    assert lists["productStories"] == ["shown-story"]
    assert lists["returnPolicies"] == ["shown-policy"]
    for page in pages:
        assert page.slug in lists["pages"]
        assert graphql(BY_ID, {"id": page.pk})["data"]["page"] == {"slug": page.slug}
    children = graphql('{ page(path: "/inspiration/") { children { edges { node { slug } } } } }')
    assert [edge["node"]["slug"] for edge in children["data"]["page"]["children"]["edges"]] == [
        "shown-guide", "shown-story", "shown-policy"
    ]


def test_drafts_are_absent(graphql, section):
    assert_absent(graphql, content(section, "draft", live=False))


def test_scheduled_pages_are_absent_until_they_go_live(graphql, section):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert_absent(graphql, content(section, "scheduled", live=False, go_live_at=tomorrow))


@pytest.mark.parametrize("restriction", ["login", "password", "groups"])
def test_restricted_pages_and_their_descendants_are_absent(graphql, home, section, restriction):
    private = SectionPageFactory(parent=home, title="Members", slug="members")
    pages = content(section, "restricted") + content(private, "below")
    for page in (pages[0], pages[1], pages[2], private):
        view_restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="pw")
        if restriction == "groups":
            view_restriction.groups.add(Group.objects.create(name=f"VIP {page.pk}"))
    assert_absent(graphql, pages[:3])
    assert_absent(graphql, pages[3:], path_prefix="/members/")
    children = graphql('{ page(path: "/inspiration/") { children { totalCount } } }')
    assert children["data"]["page"]["children"]["totalCount"] == 0


def test_pages_of_another_site_are_absent_and_served_to_that_site(graphql, section):
    other_home = other_site("other.example")
    other_section = SectionPageFactory(parent=other_home, title="Other", slug="inspiration")
    pages = content(other_section, "other")
    assert_absent(graphql, pages)
    theirs = listed(graphql, HTTP_HOST="other.example")
    assert theirs["giftGuides"] == ["other-guide"] and theirs["returnPolicies"] == ["other-policy"]
    assert graphql(BY_PATH, {"path": "/inspiration/other-story/"}, HTTP_HOST="other.example")["data"]["page"]
    content(section, "mine")
    assert "mine-guide" not in listed(graphql, HTTP_HOST="other.example")["giftGuides"]


def test_pages_of_another_language_are_absent(graphql, home, section, locales):
    translate(home, locales["it"])
    italian_section = translate(section, locales["it"])
    pages = content(italian_section, "italiano")
    assert_absent(graphql, pages, locale="en")
    assert listed(graphql, locale="it")["giftGuides"] == ["italiano-guide"]
    for page in pages:
        assert graphql(BY_PATH, {"path": f"/inspiration/{page.slug}/", "locale": "it"})["data"]["page"]
