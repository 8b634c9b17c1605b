from themes.models import Theme

FORM = {
    "name": "Everyday", "slug": "everyday", "primary_color": "#1f4e79", "secondary_color": "#5b3a29",
    "accent_color": "#b3541e", "background_color": "#ffffff", "surface_color": "#f4f1ec", "text_color": "#1d1d1f",
    "font_family": "system-ui, sans-serif", "base_font_size": "16", "type_scale_ratio": "1.25", "radius": "8",
    "spacing_unit": "16", "is_default": "on", "season_start": "", "season_end": "",
}


def test_editors_create_a_theme(admin_client, site):
    response = admin_client.post("/admin/snippets/themes/theme/add/", {**FORM, "site": site.pk})
    assert response.status_code == 302
    assert Theme.objects.get().is_default


def test_low_contrast_is_refused_with_the_ratio(admin_client, site):
    response = admin_client.post("/admin/snippets/themes/theme/add/", {**FORM, "site": site.pk, "text_color": "#999999"})
    assert response.status_code == 200
    assert "Text on background has a contrast of 2.8:1; WCAG AA needs 4.5:1." in response.content.decode()
    assert not Theme.objects.exists()


def test_the_form_explains_every_field(admin_client, site):
    html = admin_client.get("/admin/snippets/themes/theme/add/").content.decode()
    for field in Theme._meta.get_fields():
        if getattr(field, "editable", False) and not field.auto_created and field.name != "updated_at":
            assert str(field.help_text) and str(field.help_text)[:30] in html.replace("&quot;", '"').replace("&#x27;", "'"), field.name
