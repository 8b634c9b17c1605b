from datetime import date

from django.urls import reverse

from tests.clock import later


def test_theme_css(client, default_theme):
    response = client.get(reverse("themes:css", args=["everyday"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "--color-primary: #1f4e79;" in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["ETag"]


def test_not_modified_with_the_etag(client, default_theme):
    etag = client.get("/themes/everyday.css")["ETag"]
    response = client.get("/themes/everyday.css", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["Cache-Control"] == "public, max-age=3600"


def test_an_edit_changes_the_etag(client, default_theme):
    etag = client.get("/themes/everyday.css")["ETag"]
    default_theme.primary_color = "#003366"
    default_theme.save()
    response = client.get("/themes/everyday.css", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "--color-primary: #003366;" in response.content.decode()


def test_unknown_theme_is_404(client, db):
    assert client.get("/themes/nope.css").status_code == 404


def test_active_css_follows_the_season(client, default_theme, christmas, settings):
    settings.THEMES = {"ACTIVE_CSS_MAX_AGE": 60}
    response = client.get(reverse("themes:active_css"))
    assert response["Cache-Control"] == "public, max-age=60"
    today = date.today()
    days_to_christmas = (date(2026, 12, 1) - today)
    with later(days_to_christmas):
        assert "--color-primary: #8b0000;" in client.get("/themes/active.css").content.decode()


def test_active_css_without_theme_is_404(client, site):
    assert client.get("/themes/active.css").status_code == 404


def test_templates_get_the_theme_and_its_css_url(client, default_theme, home):
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    html = Template("{{ theme.slug }} {{ theme_css_url }}").render(RequestContext(request, {}))
    stamp = int(default_theme.updated_at.timestamp())
    assert html == f"everyday /themes/everyday.css?v={stamp}"
