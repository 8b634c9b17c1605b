"""Pages published through the admin with a go-live date in the future go live when
``manage.py publish_scheduled`` runs after that date, not before."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.core.models import SectionPage
from cms.stories.models import ProductStoryPage
from tests.clock import later
from tests.editing import admin_datetime, assert_redirected, page_add_url, page_edit_url, post_form
from tests.factories import ProductStoryPageFactory

IN_THREE_DAYS = datetime.timedelta(days=3)


def test_new_page_scheduled_in_the_admin_goes_live_on_time(admin_client, home):
    go_live_at = timezone.now() + IN_THREE_DAYS
    data = nested_form_data(
        {
            "title": "Christmas ideas",
            "slug": "christmas",
            "intro": rich_text("<p>Coming soon.</p>"),
            "go_live_at": admin_datetime(go_live_at),
        }
    )

    assert_redirected(post_form(admin_client, page_add_url(SectionPage, home), data, publish=True))

    page = SectionPage.objects.get(slug="christmas")
    revision = page.latest_revision
    assert not page.live
    assert revision.approved_go_live_at == go_live_at.replace(second=0, microsecond=0)

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "published before its time"

    with later(IN_THREE_DAYS + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live and page.live_revision == revision
    assert page.first_published_at is not None


def test_scheduled_edit_of_a_live_page_replaces_it_only_when_due(admin_client, section):
    story = ProductStoryPageFactory(parent=section, title="The making of a moka pot", slug="moka")
    story.save_revision().publish()
    data = nested_form_data(
        {
            "title": "The making of a moka pot, updated",
            "slug": "moka",
            "standfirst": "Now with the 2027 range.",
            "body": streamfield([("paragraph", rich_text("<p>Aluminium, cast in Omegna.</p>"))]),
            "go_live_at": admin_datetime(timezone.now() + IN_THREE_DAYS),
        }
    )

    assert_redirected(post_form(admin_client, page_edit_url(story), data, publish=True))

    story.refresh_from_db()
    assert story.live and story.title == "The making of a moka pot"
    assert story.latest_revision.approved_go_live_at is not None

    with later(IN_THREE_DAYS + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    story = ProductStoryPage.objects.get(pk=story.pk)
    assert story.live and story.title == "The making of a moka pot, updated"
    assert story.standfirst == "Now with the 2027 range."
