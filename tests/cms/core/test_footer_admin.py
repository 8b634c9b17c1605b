"""Editors write the footer once per site and, where shoppers read another language, its
columns and legal text in that language."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.core.models import FooterSettings


def footer_url(site):
    return f"/admin/settings/core/footersettings/{site.pk}/"


def column(title):
    return {"title": title, "links": streamfield([])}


def footer_form(*versions):
    return nested_form_data({
        "columns": streamfield([("column", column("Help"))]),
        "contact_email": "help@shop.example",
        "contact_phone": "",
        "legal_text": rich_text("<p>Shop Ltd.</p>"),
        "translations": inline_formset([
            {"locale": locale.pk, "columns": streamfield([("column", column(title))]), "legal_text": rich_text(legal)}
            for locale, title, legal in versions
        ]),
    })


def test_an_editor_adds_the_footer_in_italian(admin_client, home, locales):
    site = home.get_site()
    response = admin_client.post(footer_url(site), footer_form((locales["it"], "Assistenza", "<p>Shop S.r.l.</p>")))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    footer = FooterSettings.for_site(site)
    italian = footer.in_language(locales["it"])
    assert italian.columns[0].value["title"] == "Assistenza"
    assert "Shop S.r.l." in italian.legal_text
    assert footer.in_language(locales["en"]).columns[0].value["title"] == "Help"


def test_two_versions_in_one_language_are_refused_and_nothing_is_saved(admin_client, home, locales):
    site = home.get_site()
    response = admin_client.post(footer_url(site), footer_form(
        (locales["it"], "Assistenza", "<p>Uno</p>"), (locales["it"], "Aiuto", "<p>Due</p>"),
    ))
    assert response.status_code == 200
    assert not FooterSettings.for_site(site).translations.exists()
    errors = response.context["form"].formsets["translations"].non_form_errors()
    assert list(errors) == ["Each language has one version of the footer: two of these name the same language."]


def test_the_form_explains_what_the_other_languages_are_for(admin_client, home):
    page = admin_client.get(footer_url(home.get_site())).content.decode()
    assert "A language without its own uses the columns and legal text above." in page

