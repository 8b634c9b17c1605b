from datetime import date

import pytest
from wagtail.models import Site

from themes.models import Theme


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def make_theme(site):
    def make(slug, **fields):
        fields.setdefault("name", slug.title())
        theme = Theme(site=fields.pop("site", site), slug=slug, **fields)
        theme.full_clean()
        theme.save()
        return theme

    return make


@pytest.fixture
def default_theme(make_theme):
    return make_theme("everyday", is_default=True, primary_color="#1f4e79")


@pytest.fixture
def christmas(make_theme):
    return make_theme(
        "christmas", primary_color="#8b0000", season_start=date(2026, 12, 1), season_end=date(2027, 1, 6)
    )
