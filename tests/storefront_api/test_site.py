"""Site-wide content: the site, its navigation and footer, for the requesting host."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.core.models import FooterSettings, FooterTranslation, NavigationSettings
from tests.factories import GiftGuidePageFactory, OfferFactory, ProductStoryPageFactory, SectionPageFactory

from .content import other_site, products, translate

NAVIGATION = """query($locale: String) { navigation(locale: $locale) { links {
  __typename ... on LinkBlock { id blockType label url page { __typename title locale } } } } }"""

FOOTER = """query($locale: String) { footer(locale: $locale) {
  columns { __typename ... on FooterColumnBlock { blockType title links { label url page { title } } } }
  contactEmail contactPhone legalText } }"""


def link(page=None, url="", label="", id=None):
    return {"type": "link", "id": id or f"link-{label or getattr(page, 'slug', url)}",
            "value": {"label": label, "page": page.pk if page else None, "url": url}}


@pytest.fixture
def menu(home, section):
    stores = SectionPageFactory(parent=home, title="Our stores", slug="our-stores")
    draft = SectionPageFactory(parent=home, title="Coming soon", slug="soon", live=False)
    private = SectionPageFactory(parent=home, title="Staff", slug="staff")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    settings = NavigationSettings.for_site(home.get_site())
    settings.primary_links = [
        link(section, label="Ideas", id="ideas"),
        link(stores, id="stores"),
        link(draft, id="draft"),
        link(private, id="staff"),
        link(url="https://blog.example.com/", label="Blog", id="blog"),
    ]
    settings.save()
    return {"section": section, "stores": stores}


def test_navigation_links_pages_shoppers_may_see_and_external_urls(graphql, menu):
    body = graphql(NAVIGATION)
    assert "errors" not in body, body
    assert body["data"]["navigation"]["links"] == [
        {"__typename": "LinkBlock", "id": "ideas", "blockType": "link", "label": "Ideas", "url": "/en/inspiration/",
         "page": {"__typename": "SectionPage", "title": "Inspiration", "locale": "en"}},
        {"__typename": "LinkBlock", "id": "stores", "blockType": "link", "label": "Our stores",
         "url": "/en/our-stores/", "page": {"__typename": "SectionPage", "title": "Our stores", "locale": "en"}},
        {"__typename": "LinkBlock", "id": "blog", "blockType": "link", "label": "Blog",
         "url": "https://blog.example.com/", "page": None},
    ]


def test_navigation_links_follow_the_requested_language(graphql, home, menu, locales):
    translate(home, locales["it"])
    italian = translate(menu["stores"], locales["it"])
    italian.title = "I nostri negozi"
    italian.slug = "negozi"
    italian.save_revision().publish()
    links = graphql(NAVIGATION, {"locale": "it"})["data"]["navigation"]["links"]
    # "Inspiration" has no Italian version: the link is left out, not sent to English.
    assert [(item["label"], item["url"], item["page"] and item["page"]["locale"]) for item in links] == [
        ("I nostri negozi", "/it/negozi/", "it"),
        ("Blog", "https://blog.example.com/", None),
    ]


def test_footer_columns_contact_and_legal_text(graphql, home, section):
    settings = FooterSettings.for_site(home.get_site())
    settings.columns = [
        {"type": "column", "id": "help", "value": {"title": "Help", "links": [
            {"type": "item", "id": "l1", "value": {"label": "Returns", "page": section.pk, "url": ""}},
            {"type": "item", "id": "l2", "value": {"label": "Contact", "page": None, "url": "https://help.example/"}},
        ]}},
    ]
    settings.contact_email = "help@shop.example"
    settings.contact_phone = "+39 02 1234"
    settings.legal_text = f'<p>Shop S.p.A. — <a linktype="page" id="{section.pk}">about</a></p>'
    settings.save()
    body = graphql(FOOTER)
    assert "errors" not in body, body
    assert body["data"]["footer"] == {
        "columns": [{"__typename": "FooterColumnBlock", "blockType": "column", "title": "Help", "links": [
            {"label": "Returns", "url": "/en/inspiration/", "page": {"title": "Inspiration"}},
            {"label": "Contact", "url": "https://help.example/", "page": None},
        ]}],
        "contactEmail": "help@shop.example",
        "contactPhone": "+39 02 1234",
        "legalText": '<p>Shop S.p.A. — <a href="/en/inspiration/">about</a></p>',
    }


def test_the_footer_in_another_language_uses_its_own_columns_and_legal_text(graphql, home, section, locales):
    settings = FooterSettings.for_site(home.get_site())
    help_column = {"type": "column", "id": "help", "value": {"title": "Help", "links": [
        {"type": "item", "id": "l1", "value": {"label": "", "page": section.pk, "url": ""}},
    ]}}
    settings.columns = [help_column]
    settings.contact_email = "help@shop.example"
    settings.legal_text = "<p>Shop Ltd.</p>"
    settings.translations.add(FooterTranslation(
        locale=locales["it"],
        columns=[{**help_column, "value": {**help_column["value"], "title": "Assistenza"}}],
        legal_text="<p>Shop S.r.l. — P. IVA 123</p>",
    ))
    settings.save()
    translate(home, locales["it"])
    translate(section, locales["it"])

    italian = graphql(FOOTER, {"locale": "it"})["data"]["footer"]
    assert [column["title"] for column in italian["columns"]] == ["Assistenza"]
    assert italian["columns"][0]["links"][0]["url"].startswith("/it/")  # page links follow the language
    assert italian["legalText"] == "<p>Shop S.r.l. — P. IVA 123</p>"
    assert italian["contactEmail"] == "help@shop.example"  # contacts are the site's, in every language
    english = graphql(FOOTER, {"locale": "en"})["data"]["footer"]
    assert [column["title"] for column in english["columns"]] == ["Help"]
    assert english["legalText"] == "<p>Shop Ltd.</p>"


def test_a_language_without_its_own_footer_reads_the_sites(graphql, home, locales):
    settings = FooterSettings.for_site(home.get_site())
    settings.legal_text = "<p>Shop Ltd.</p>"
    settings.translations.add(FooterTranslation(locale=locales["en"], legal_text="<p>Shop Limited</p>"))
    settings.save()
    assert graphql(FOOTER, {"locale": "it"})["data"]["footer"]["legalText"] == "<p>Shop Ltd.</p>"
    assert graphql(FOOTER, {"locale": "en"})["data"]["footer"]["legalText"] == "<p>Shop Limited</p>"


SITE = "{ site { name hostname defaultLocale locales home { title } } }"


def test_site_names_its_languages_and_home(graphql, home, locales):
    assert graphql(SITE)["data"]["site"] == {
        "name": "Test shop",
        "hostname": "localhost",
        "defaultLocale": "en",
        "locales": ["en"],
        "home": {"title": "Home"},
    }
    translate(home, locales["it"])
    assert graphql(SITE)["data"]["site"]["locales"] == ["en", "it"]


def test_each_site_has_its_own_settings_and_pages(graphql, menu):
    other_home = other_site()
    other_page = SectionPageFactory(parent=other_home, title="Other ideas", slug="ideas")
    settings = NavigationSettings.for_site(other_home.get_site())
    # A link to the first site's page is not followed from the other site.
    settings.primary_links = [link(other_page, id="mine"), link(menu["section"], id="theirs")]
    settings.save()
    body = graphql(NAVIGATION, HTTP_HOST="other.example")
    assert [item["url"] for item in body["data"]["navigation"]["links"]] == ["/en/ideas/"]
    assert graphql(SITE, HTTP_HOST="other.example")["data"]["site"]["home"] == {"title": "Other home"}
    assert len(graphql(NAVIGATION)["data"]["navigation"]["links"]) == 3


HOME = """{ home { __typename title ... on HomePage { heroTitle heroImage { title }
  featuredGuides { __typename title } featuredStories { __typename title } featuredOffers { title code } } } }"""


def test_home_page_features_visible_guides_stories_and_current_offers(graphql, home, section, image):
    guide = GiftGuidePageFactory.with_products(section, products(1), title="Gifts under 50")
    draft_guide = GiftGuidePageFactory.with_products(section, products(1), title="Draft", live=False)
    story = ProductStoryPageFactory(parent=section, title="The moka pot")
    offer = OfferFactory(title="Ten off", code="TEN")
    expired = OfferFactory(title="Gone", valid_to=timezone.now() - datetime.timedelta(days=1))
    home.hero_image = image
    home.featured_guides = [("guide", draft_guide), ("guide", guide)]
    home.featured_stories = [("story", story)]
    home.featured_offers = [("offer", expired), ("offer", offer)]
    home.save_revision().publish()
    body = graphql(HOME)
    assert "errors" not in body, body
    assert body["data"]["home"] == {
        "__typename": "HomePage",
        "title": "Home",
        "heroTitle": "Shop online, collect in store",
        "heroImage": {"title": "Shop floor"},
        "featuredGuides": [{"__typename": "GiftGuidePage", "title": "Gifts under 50"}],
        "featuredStories": [{"__typename": "ProductStoryPage", "title": "The moka pot"}],
        "featuredOffers": [{"title": "Ten off", "code": "TEN"}],
    }
