from datetime import date, datetime, timezone as dt_timezone

import pytest

from themes.seasons import in_window
from themes.tokens import active_theme, font_sizes, theme_css, theme_tokens


def test_default_theme_outside_the_season(site, default_theme, christmas):
    assert active_theme(site, date(2026, 11, 30)) == default_theme
    assert active_theme(site, date(2027, 1, 7)) == default_theme


def test_seasonal_theme_takes_over_on_its_start_and_end_days(site, default_theme, christmas):
    assert active_theme(site, date(2026, 12, 1)) == christmas
    assert active_theme(site, date(2027, 1, 6)) == christmas


def test_across_the_year_end(site, default_theme, christmas):
    assert active_theme(site, date(2026, 12, 31)) == christmas
    assert active_theme(site, date(2027, 1, 1)) == christmas


def test_a_datetime_counts_in_the_sites_time_zone(site, default_theme, christmas):
    assert active_theme(site, datetime(2026, 12, 1, 0, 0, tzinfo=dt_timezone.utc)) == christmas
    assert active_theme(site, datetime(2026, 11, 30, 23, 59, tzinfo=dt_timezone.utc)) == default_theme


def test_yearly_window_wraps_over_the_year_end():
    start, end = date(2000, 12, 1), date(2000, 1, 6)
    assert in_window(start, end, True, date(2031, 12, 25))
    assert in_window(start, end, True, date(2032, 1, 6))
    assert not in_window(start, end, True, date(2032, 1, 7))
    assert not in_window(start, end, True, date(2031, 11, 30))


def test_repeating_theme_is_active_every_year(site, default_theme, make_theme):
    xmas = make_theme("xmas", season_start=date(2000, 12, 1), season_end=date(2001, 1, 6), repeats_every_year=True)
    assert active_theme(site, date(2040, 12, 24)) == xmas
    assert active_theme(site, date(2040, 6, 1)) == default_theme


def test_no_theme_at_all(site):
    assert active_theme(site, date(2026, 12, 1)) is None
    assert active_theme(None) is None


def test_font_sizes_follow_the_ratio():
    assert font_sizes(16, 1.25) == {"sm": 12.8, "base": 16, "lg": 20, "xl": 25, "xxl": 31.25}


def test_tokens(default_theme, image):
    default_theme.logo = image
    default_theme.save()
    tokens = theme_tokens(default_theme)
    assert tokens["color"]["primary"] == "#1f4e79"
    assert tokens["font"]["sizes"]["lg"] == 20
    assert tokens["radius"] == 8 and tokens["spacing"] == 16
    assert tokens["images"]["logo"].startswith("/media/images/")
    assert tokens["images"]["hero"] is None


def test_css_custom_properties(default_theme):
    css = theme_css(default_theme)
    assert css.startswith("/* Theme: everyday */\n:root {\n")
    assert "  --color-primary: #1f4e79;\n" in css
    assert "  --font-size-xl: 25px;\n" in css
    assert "  --space: 16px;\n" in css
    assert "--logo-url" not in css
