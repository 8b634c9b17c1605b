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


def test_translations_parents_and_ancestors_of_a_list_cost_the_same_for_more_pages(graphql, section, locales):
    from tests.storefront_api.content import count_queries, translate

    query = """{ page(path: "/inspiration/") { children(first: 50) { edges { node {
        title parent { title } ancestors { title } translations { locale url } } } } } }"""
    translate(section.get_parent().specific, locales["it"])
    translate(section, locales["it"])

    def add(start, count):
        for number in range(start, start + count):
            child = SectionPageFactory(parent=section, title=f"Nested {number}", slug=f"nested-{number}")
            translate(child, locales["it"])

    add(0, 3)
    few, data = count_queries(graphql, query)
    add(3, 12)
    many, more = count_queries(graphql, query)
    edges = more["page"]["children"]["edges"]
    assert len(data["page"]["children"]["edges"]) == 3 and len(edges) == 15
    assert all(edge["node"]["parent"] == {"title": "Inspiration"} for edge in edges)
    assert all([a["title"] for a in edge["node"]["ancestors"]] == ["Home", "Inspiration"] for edge in edges)
    assert all([t["locale"] for t in edge["node"]["translations"]] == ["it"] for edge in edges)
    assert few == many, (few, many)


def test_a_locale_that_is_no_content_language_is_refused_naming_the_argument(graphql, section):
    body = graphql(PAGE_BY_PATH, {"path": "/inspiration/", "locale": "xx"})
    assert body["data"]["page"] is None
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "locale"}
    assert "'xx' is not one of: en" in body["errors"][0]["message"]
