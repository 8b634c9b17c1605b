import datetime
from decimal import Decimal

import pytest

from cms.policies.models import ReturnWindow
from tests.factories import CategoryFactory, ReturnPolicyMethodFactory, ReturnPolicyPageFactory

from .content import count_queries, faq, translate

POLICY = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  __typename title
  ... on ReturnPolicyPage {
    summary market marketName region effectiveDate defaultReturnDays
    returnWindows { days category { slug } }
    returnMethods { method conditions fee { amount currency } }
    exceptions
    faq { __typename ... on FAQItemBlock { id blockType question html } }
  } } }"""

POLICIES = """query($market: String, $locale: String) { returnPolicies(market: $market, locale: $locale) {
  slug market region effectiveDate } }"""


def policy(section, slug, windows=(), methods=(("in-store", "0"),), **fields):
    page = ReturnPolicyPageFactory.build(slug=slug, **fields)
    page.return_windows = [ReturnWindow(category=category, days=days) for category, days in windows]
    page.return_methods = [
        ReturnPolicyMethodFactory.build(method=method, fee=Decimal(fee), conditions=f"{method} rules")
        for method, fee in methods
    ]
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_return_policy_page_with_every_field(graphql, section):
    pantry = CategoryFactory(slug="pantry")
    policy(
        section,
        "italy",
        title="Returns in Italy",
        summary="30 days, free in store.",
        market="IT",
        region="Sardegna",
        effective_date=datetime.date(2026, 3, 1),
        default_return_days=30,
        windows=[(pantry, 0)],
        methods=[("in-store", "0"), ("by-mail", "4.90")],
        exceptions=f'<p>Not <a linktype="page" id="{section.pk}">gift cards</a>.</p>',
        faq=faq(("Can I return online orders in store?", "<p>Yes.</p>")),
    )
    body = graphql(POLICY, {"path": "/inspiration/italy/"})
    assert "errors" not in body, body
    page = body["data"]["page"]
    faq_id = page["faq"][0].pop("id")
    assert faq_id
    assert page == {
        "__typename": "ReturnPolicyPage",
        "title": "Returns in Italy",
        "summary": "30 days, free in store.",
        "market": "IT",
        "marketName": "Italy",
        "region": "Sardegna",
        "effectiveDate": "2026-03-01",
        "defaultReturnDays": 30,
        "returnWindows": [{"days": 0, "category": {"slug": "pantry"}}],
        "returnMethods": [
            {"method": "IN_STORE", "conditions": "in-store rules", "fee": {"amount": "0.00", "currency": "EUR"}},
            {"method": "BY_MAIL", "conditions": "by-mail rules", "fee": {"amount": "4.90", "currency": "EUR"}},
        ],
        "exceptions": '<p>Not <a href="/en/inspiration/">gift cards</a>.</p>',
        "faq": [{"__typename": "FAQItemBlock", "blockType": "question",
                 "question": "Can I return online orders in store?", "html": "<p>Yes.</p>"}],
    }


def test_fees_are_in_the_currency_of_the_market_and_names_in_the_page_language(graphql, home, section, locales):
    english = policy(section, "uk", market="GB", methods=[("by-mail", "3.50")])
    translate(home, locales["it"])
    translate(section, locales["it"])
    translate(english, locales["it"])
    body = graphql(POLICY, {"path": "/inspiration/uk/", "locale": "it"})
    page = body["data"]["page"]
    assert page["marketName"] == "Regno Unito"
    assert page["returnMethods"][0]["fee"] == {"amount": "3.50", "currency": "GBP"}


@pytest.fixture
def policies(section):
    policy(section, "it-old", market="IT", effective_date=datetime.date(2024, 1, 1))
    policy(section, "it-new", market="IT", effective_date=datetime.date(2026, 1, 1))
    policy(section, "it-sardegna", market="IT", region="Sardegna")
    policy(section, "uk", market="GB")


def test_return_policies_by_market_country_wide_first_newest_first(graphql, policies):
    body = graphql(POLICIES, {"market": "it"})
    assert "errors" not in body, body
    assert [row["slug"] for row in body["data"]["returnPolicies"]] == ["it-new", "it-old", "it-sardegna"]
    everything = graphql(POLICIES)["data"]["returnPolicies"]
    assert [row["market"] for row in everything] == ["GB", "IT", "IT", "IT"]


def test_an_unknown_market_is_refused(graphql, policies):
    body = graphql(POLICIES, {"market": "XX"})
    assert body["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "market"}


POLICY_LIST = """{ returnPolicies { title returnWindows { days category { name } }
  returnMethods { method fee { amount } }
  faq { ... on FAQItemBlock { question html } } } }"""


def test_a_list_of_policies_needs_as_many_queries_for_2_as_for_8(graphql, section):
    def add(count, offset):
        for index in range(count):
            windows = [(CategoryFactory(), 14), (CategoryFactory(), 0)]
            policy(section, f"p{offset + index}", windows=windows, methods=[("in-store", "0"), ("by-mail", "2")],
                   faq=faq(("Q?", "<p>A.</p>")))

    add(2, 0)
    few, _ = count_queries(graphql, POLICY_LIST)
    add(6, 2)
    many, data = count_queries(graphql, POLICY_LIST)
    assert len(data["returnPolicies"]) == 8
    assert few == many, (few, many)
