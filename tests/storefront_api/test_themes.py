from datetime import date

import pytest

from themes.models import Theme

QUERY = """
query ($at: DateTime) {
  theme(at: $at) {
    slug isSeasonal seasonStart seasonEnd cssUrl radius spacing
    colors { primary background text }
    font { family baseSize scaleRatio sizes { sm base xl } }
    logo { title rendition(width: 160) { url } }
    heroImage { id }
  }
}
"""


@pytest.fixture
def themes(home, image):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    default = Theme.objects.create(site=site, name="Everyday", slug="everyday", is_default=True, logo=image)
    christmas = Theme.objects.create(
        site=site, name="Christmas", slug="christmas", primary_color="#8b0000",
        season_start=date(2026, 12, 1), season_end=date(2027, 1, 6),
    )
    return default, christmas


def test_default_theme_outside_the_season(graphql, themes):
    body = graphql(QUERY, {"at": "2026-11-30T12:00:00+00:00"})
    assert "errors" not in body, body
    theme = body["data"]["theme"]
    assert theme["slug"] == "everyday"
    assert theme["isSeasonal"] is False and theme["seasonStart"] is None
    assert theme["colors"] == {"primary": "#1f4e79", "background": "#ffffff", "text": "#1d1d1f"}
    assert theme["font"] == {
        "family": "system-ui, sans-serif", "baseSize": 16, "scaleRatio": 1.25, "sizes": {"sm": 12.8, "base": 16, "xl": 25}
    }
    assert theme["radius"] == 8 and theme["spacing"] == 16
    assert theme["logo"]["title"] == "Shop floor"
    # Not rendered yet: a signed URL that renders it on first fetch (test_image_renditions.py).
    assert theme["logo"]["rendition"]["url"].startswith("http://testserver/images/")
    assert theme["heroImage"] is None
    assert theme["cssUrl"].startswith("http://testserver/themes/everyday.css?v=")


def test_seasonal_theme_on_its_first_day(graphql, themes):
    theme = graphql(QUERY, {"at": "2026-12-01T00:00:00+00:00"})["data"]["theme"]
    assert theme["slug"] == "christmas"
    assert theme["colors"]["primary"] == "#8b0000"
    assert (theme["seasonStart"], theme["seasonEnd"]) == ("2026-12-01", "2027-01-06")


def test_seasonal_theme_after_the_year_end(graphql, themes):
    assert graphql(QUERY, {"at": "2027-01-06T23:00:00+00:00"})["data"]["theme"]["slug"] == "christmas"
    assert graphql(QUERY, {"at": "2027-01-07T00:00:00+00:00"})["data"]["theme"]["slug"] == "everyday"


def test_no_theme(graphql, home):
    body = graphql("{ theme { slug } }")
    assert body["data"] == {"theme": None}
    assert "errors" not in body
