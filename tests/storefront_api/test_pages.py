from wagtail.models import PageViewRestriction

from tests.factories import SectionPageFactory

PAGE_BY_PATH = """query($path: String!, $locale: String) {
  page(path: $path, locale: $locale) { __typename id title url locale
    ancestors { title } parent { title }
    ... on SectionPage { intro }
    children { totalCount edges { node { title } } } } }"""


def test_page_by_path_with_ancestors_children_and_typed_fields(graphql, section):
    SectionPageFactory(parent=section, title="Nested", slug="nested")
    body = graphql(PAGE_BY_PATH, {"path": "/inspiration/"})
    assert "errors" not in body, body
    page = body["data"]["page"]
    assert page["__typename"] == "SectionPage"
    assert page["url"] == "/en/inspiration/"
    assert page["locale"] == "en"
    assert [ancestor["title"] for ancestor in page["ancestors"]] == ["Home"]
    assert page["parent"]["title"] == "Home"
    assert page["children"]["totalCount"] == 1


def test_restricted_page_and_its_children_are_absent(graphql, section):
    child = SectionPageFactory(parent=section, title="Nested", slug="nested")
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="secret")
    assert graphql(PAGE_BY_PATH, {"path": "/inspiration/"})["data"]["page"] is None
    assert graphql(PAGE_BY_PATH, {"path": "/inspiration/nested/"})["data"]["page"] is None
    body = graphql("query($id: ID!) { page(id: $id) { title } }", {"id": child.pk})
    assert body["data"]["page"] is None
    home = graphql("{ home { children { totalCount } } }")
    assert home["data"]["home"]["children"]["totalCount"] == 0
