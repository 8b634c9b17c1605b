"""Wagtail's autosave saves a new page as a draft as soon as its form is valid; an editor
who abandons it and starts again is led to that draft instead of a bare "slug in use"."""

import re
from html import unescape

from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.guides.models import GiftGuidePage
from tests.editing import page_add_url, post_form
from tests.factories import GiftGuidePageFactory, ProductFactory

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def guide_form(title="Gifts for him", slug="gifts-for-him"):
    product = ProductFactory(name="Moka pot")
    picks = {"count": "1", "0": {"deleted": "", "order": "0", "value": {"product": product.pk, "note": ""}}}
    section = ("section", {"title": "Picks", "intro": "", "picks": picks})
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text(""),
            "recipient": "him",
            "occasion": "christmas",
            "budget_max": "40",
            "budget_currency": "EUR",
            "sections": streamfield([section]),
        }
    )


def shown_messages(response):
    """The admin messages of a rendered page: (text, [button URLs])."""
    html = response.content.decode()
    found = []
    for item in re.findall(r'<li class="[^"]*(?:info|warning|success|error)[^"]*"[^>]*>(.*?)</li>', html, re.S):
        urls = re.findall(r'<a href="([^"]+)"', item)
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split())
        found.append((text, urls))
    return found


def abandoned_draft(client, section, **form):
    """What the editor's browser does: an autosave of the create form, then nothing."""
    response = client.post(page_add_url(GiftGuidePage, section), guide_form(**form), **AUTOSAVE)
    assert response.status_code == 200 and response.json()["success"], response.content
    return GiftGuidePage.objects.get(pk=response.json()["pk"])


def test_autosave_of_a_new_page_leaves_an_unpublished_draft_under_its_parent(admin_client, section):
    draft = abandoned_draft(admin_client, section)

    assert draft.get_parent().pk == section.pk and not draft.live and draft.first_published_at is None
    assert draft.revisions.count() == 1


def test_starting_the_page_again_offers_the_draft(admin_client, section):
    draft = abandoned_draft(admin_client, section)

    response = admin_client.get(page_add_url(GiftGuidePage, section))

    [(text, urls)] = [(text, urls) for text, urls in shown_messages(response) if "never published" in text]
    assert text.startswith("You started “Gifts for him” here on ")
    assert urls == [f"/admin/pages/{draft.pk}/edit/", f"/admin/pages/{draft.pk}/delete/"]


def test_creating_it_again_names_the_draft_next_to_the_slug_error(admin_client, section, admin_user):
    draft = abandoned_draft(admin_client, section)

    response = post_form(admin_client, page_add_url(GiftGuidePage, section), guide_form())

    assert response.status_code == 200 and GiftGuidePage.objects.count() == 1
    assert "The slug &#x27;gifts-for-him&#x27; is already in use within the parent page." in response.content.decode()
    [(text, urls)] = [(text, urls) for text, urls in shown_messages(response) if "is taken by" in text]
    owner = admin_user.username
    assert text.startswith(f"The address “gifts-for-him” is taken by “Gifts for him”, a draft {owner} started on")
    assert urls == [f"/admin/pages/{draft.pk}/edit/", f"/admin/pages/{draft.pk}/delete/"]

    # Deleting it (the button's view) lets the page be created again.
    admin_client.post(f"/admin/pages/{draft.pk}/delete/")
    assert post_form(admin_client, page_add_url(GiftGuidePage, section), guide_form()).status_code == 302


def test_only_never_published_drafts_are_offered_and_only_their_author_sees_them_listed(
    client, admin_client, section, django_user_model
):
    published = GiftGuidePageFactory.with_products(section, [ProductFactory()], title="Published", slug="published")
    published.save_revision().publish()
    published.refresh_from_db()
    published.unpublish()
    colleague = django_user_model.objects.create_user("marco", password="x")
    colleague.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    client.force_login(colleague)
    abandoned_draft(client, section, title="Marco's gifts", slug="marcos-gifts")

    listed = [text for text, _urls in shown_messages(admin_client.get(page_add_url(GiftGuidePage, section)))]
    assert not [text for text in listed if "never published" in text]

    response = post_form(admin_client, page_add_url(GiftGuidePage, section), guide_form(slug="published"))
    assert not [text for text, _urls in shown_messages(response) if "is taken by" in text]
    response = post_form(admin_client, page_add_url(GiftGuidePage, section), guide_form(slug="marcos-gifts"))
    assert [text for text, _urls in shown_messages(response) if "a draft marco started" in text]


def test_an_autosave_that_clashes_gets_no_message_for_later(admin_client, section):
    abandoned_draft(admin_client, section)

    response = admin_client.post(page_add_url(GiftGuidePage, section), guide_form(), **AUTOSAVE)

    assert response.json()["success"] is False
    assert not [text for text, _urls in shown_messages(admin_client.get("/admin/")) if "is taken by" in text]
