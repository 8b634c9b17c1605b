from datetime import date

from cms.demo.builders.base import DemoContext, Report
from cms.demo.builders.themes import build_themes
from cms.demo.data import SEASON
from cms.demo.images import ImageLibrary
from themes.models import Theme
from themes.tokens import active_theme


def build(report):
    build_themes(DemoContext(report, ImageLibrary(), deferred_index=None, site_address=("127.0.0.1", 8000)))


def test_demo_themes_are_valid_and_built_once(site):
    first = Report()
    build(first)
    assert first.created["themes"] == 2
    again = Report()
    build(again)
    assert (again.created["themes"], again.existing["themes"]) == (0, 2)
    assert Theme.objects.count() == 2
    for theme in Theme.objects.all():
        theme.full_clean()
        assert theme.logo and theme.favicon and theme.hero_image


def test_christmas_takes_over_from_1_december_to_6_january(site):
    build(Report())
    assert active_theme(site, date(SEASON, 11, 30)).slug == "bottega-lume"
    assert active_theme(site, date(SEASON, 12, 1)).slug == f"christmas-{SEASON}"
    assert active_theme(site, date(SEASON + 1, 1, 6)).slug == f"christmas-{SEASON}"
    assert active_theme(site, date(SEASON + 1, 1, 7)).slug == "bottega-lume"
