from datetime import date

import pytest
from django.core.exceptions import ValidationError

from themes.models import Theme


def errors_of(theme):
    with pytest.raises(ValidationError) as raised:
        theme.full_clean()
    return raised.value.message_dict


def test_text_on_background_needs_aa(site):
    errors = errors_of(Theme(site=site, name="Grey", slug="grey", text_color="#777777", background_color="#ffffff"))
    assert errors["text_color"] == ["Text on background has a contrast of 4.4:1; WCAG AA needs 4.5:1."]


def test_text_on_surface_needs_aa(site):
    errors = errors_of(Theme(site=site, name="Dim", slug="dim", text_color="#333333", surface_color="#555555"))
    assert list(errors) == ["surface_color"]
    assert errors["surface_color"][0].startswith("Text on surface has a contrast of 1.")


def test_primary_on_background_needs_3_to_1(site):
    errors = errors_of(Theme(site=site, name="Pale", slug="pale", primary_color="#dddddd"))
    assert errors["primary_color"][0].endswith("WCAG AA needs 3:1.")


@pytest.mark.parametrize("bad", ["#fff", "red", "#12345z"])
def test_colour_must_be_hex(site, bad):
    assert "accent_color" in errors_of(Theme(site=site, name="X", slug="x", accent_color=bad))


@pytest.mark.parametrize("bad", ["Arial; } body { display: none", "url(evil)", "Arial</style>", "a\\62"])
def test_font_family_refuses_css_injection(site, bad):
    assert "font_family" in errors_of(Theme(site=site, name="X", slug="x", font_family=bad))


def test_font_family_accepts_a_quoted_list(site):
    Theme(site=site, name="X", slug="x", font_family='"Times New Roman", Georgia, serif').full_clean()


def test_one_default_per_site(site, default_theme):
    errors = errors_of(Theme(site=site, name="Second", slug="second", is_default=True))
    assert errors["is_default"] == ["Test shop already has a default theme: Everyday."]
    assert Theme.objects.filter(is_default=True).count() == 1


def test_editing_the_default_keeps_it_valid(default_theme):
    default_theme.name = "Everyday 2"
    default_theme.full_clean()


def test_seasonal_theme_cannot_be_default(site):
    theme = Theme(site=site, name="X", slug="x", is_default=True, season_start=date(2026, 12, 1), season_end=date(2027, 1, 6))
    assert "is_default" in errors_of(theme)


def test_window_needs_both_dates(site):
    assert "season_end" in errors_of(Theme(site=site, name="X", slug="x", season_start=date(2026, 12, 1)))


def test_window_must_not_end_before_it_starts(site):
    theme = Theme(site=site, name="X", slug="x", season_start=date(2027, 1, 6), season_end=date(2026, 12, 1))
    assert "season_end" in errors_of(theme)


def test_overlapping_windows_are_refused(site, christmas):
    theme = Theme(site=site, name="Winter sale", slug="winter", season_start=date(2027, 1, 5), season_end=date(2027, 1, 31))
    errors = errors_of(theme)
    assert errors["season_start"] == ["This window overlaps the seasonal theme Christmas (2026-12-01 – 2027-01-06)."]


def test_adjacent_windows_are_fine(site, christmas):
    Theme(site=site, name="Sales", slug="sales", season_start=date(2027, 1, 7), season_end=date(2027, 1, 31)).full_clean()


def test_yearly_window_overlaps_a_later_years_one_off(site, make_theme):
    make_theme("xmas", season_start=date(2000, 12, 1), season_end=date(2000, 1, 6), repeats_every_year=True)
    theme = Theme(site=site, name="New year", slug="ny", season_start=date(2030, 1, 1), season_end=date(2030, 1, 2))
    assert "season_start" in errors_of(theme)


def test_windows_on_other_sites_do_not_clash(site, christmas, store_index):
    from wagtail.models import Site

    other = Site.objects.create(hostname="other.example", root_page=store_index)
    Theme(site=other, name="X", slug="x", season_start=date(2026, 12, 1), season_end=date(2027, 1, 6)).full_clean()


def test_editing_a_theme_bumps_its_sites_content_version(site, default_theme, django_capture_on_commit_callbacks):
    from cms.core.content_version import current_versions, site_scope

    before = current_versions().get(site_scope(site.pk), 0)
    with django_capture_on_commit_callbacks(execute=True):
        default_theme.accent_color = "#123456"
        default_theme.save()
    assert current_versions()[site_scope(site.pk)] == before + 1
