import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from cms.publishing.models import ContentEvent
from tests.factories import OfferFactory, ProductFactory, SectionPageFactory, StorePageFactory


def events():
    return list(ContentEvent.objects.values_list("action", "object_type", "slug", "url_path"))


def test_publishing_a_page_records_an_event_after_commit(store_index, committed):
    store = StorePageFactory(parent=store_index, slug="milano")
    ContentEvent.objects.all().delete()
    with committed():
        store.save_revision().publish()
        assert events() == []  # nothing before the commit
    event = ContentEvent.objects.get()
    assert (event.action, event.kind, event.object_type, event.object_id) == ("published", "page", "StorePage", str(store.pk))
    assert (event.locale, event.url_path, event.translation_key) == ("en", "/home/stores/milano/", store.translation_key)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_publish_records_nothing(store_index):
    store = StorePageFactory(parent=store_index, slug="milano")
    ContentEvent.objects.all().delete()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            store.save_revision().publish()
            raise RuntimeError("the editor's request failed")
    assert events() == []
    store.refresh_from_db()
    store.save_revision().publish()
    assert [action for action, *_ in events()] == ["published"]


def test_unpublishing_and_deleting_a_page_and_its_subtree(store_index, committed):
    store = StorePageFactory(parent=store_index, slug="milano")
    ContentEvent.objects.all().delete()
    with committed():
        store.unpublish()
    with committed():
        store_index.delete()
    assert sorted(events()) == [
        ("deleted", "StoreIndexPage", "stores", "/home/stores/"),
        ("deleted", "StorePage", "milano", "/home/stores/milano/"),
        # Not also "unpublished" for the index, which Wagtail unpublishes before deleting it.
        ("unpublished", "StorePage", "milano", "/home/stores/milano/"),
    ]


def test_moving_or_renaming_a_live_page_records_the_old_address(store_index, section, committed):
    store = StorePageFactory(parent=store_index, slug="milano")
    ContentEvent.objects.all().delete()
    with committed():
        store.move(section, pos="last-child")
    moved = ContentEvent.objects.get()
    assert (moved.action, moved.previous_url_path, moved.url_path) == (
        "moved", "/home/stores/milano/", "/home/inspiration/milano/"
    )
    store.refresh_from_db()
    store.slug = "milano-duomo"
    with committed():
        store.save_revision().publish()
    assert list(ContentEvent.objects.filter(action="moved").values_list("previous_url_path", "url_path"))[1] == (
        "/home/inspiration/milano/", "/home/inspiration/milano-duomo/"
    )


def test_a_private_page_published_is_not_announced(store_index, committed):
    store = StorePageFactory(parent=store_index, slug="staff-only")
    PageViewRestriction.objects.create(page=store, restriction_type="password", password="x")
    ContentEvent.objects.all().delete()
    with committed():
        store.save_revision().publish()
    assert events() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_privacy_change_records_nothing(store_index):
    StorePageFactory(parent=store_index, slug="milano")
    ContentEvent.objects.all().delete()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            PageViewRestriction.objects.create(page=store_index, restriction_type="login")
            raise RuntimeError("the editor's request failed")
    assert events() == []
    restriction = PageViewRestriction.objects.create(page=store_index, restriction_type="login")
    assert [(action, slug) for action, _, slug, _ in events()] == [("unpublished", "stores"), ("unpublished", "milano")]
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            restriction.delete()
            raise RuntimeError("the editor's request failed")
    assert len(events()) == 2


def test_the_admin_privacy_dialog_announces_going_private_and_public(admin_client, store_index, committed):
    StorePageFactory(parent=store_index, slug="milano")
    staff = Group.objects.create(name="Staff")
    url = reverse("wagtailadmin_pages:set_privacy", args=[store_index.pk])
    ContentEvent.objects.all().delete()

    def set_privacy(**form):
        with committed():
            response = admin_client.post(url, form)
        assert response.status_code == 200 and '"step": "set_privacy_done"' in response.content.decode()
        return [(action, slug) for action, _, slug, _ in events()]

    went_private = [("unpublished", "stores"), ("unpublished", "milano")]
    assert set_privacy(restriction_type="password", password="secret") == went_private
    assert set_privacy(restriction_type="groups", groups=[staff.pk]) == went_private  # still private
    assert set_privacy(restriction_type="none") == went_private + [("published", "stores"), ("published", "milano")]


def test_a_privacy_change_undone_in_its_transaction_announces_only_where_it_ends(store_index, committed):
    ContentEvent.objects.all().delete()
    with committed():
        PageViewRestriction.objects.create(page=store_index, restriction_type="login").delete()
    assert {action for action, *_ in events()} <= {"published"}
    restriction = PageViewRestriction.objects.create(page=store_index, restriction_type="login")
    ContentEvent.objects.all().delete()
    with committed():
        restriction.delete()
        PageViewRestriction.objects.create(page=store_index, restriction_type="password", password="x")
    assert {action for action, *_ in events()} <= {"unpublished"}


def test_deleting_a_private_page_announces_only_the_deletion(store_index, committed):
    PageViewRestriction.objects.create(page=store_index, restriction_type="login")
    ContentEvent.objects.all().delete()
    with committed():
        Page.objects.get(pk=store_index.pk).delete()
    assert [action for action, *_ in events()] == ["deleted"]


def test_a_page_moved_out_of_every_site_and_back(home, store_index, committed):
    StorePageFactory(parent=store_index, slug="milano")
    archive = SectionPageFactory(parent=Page.get_first_root_node(), slug="archive")  # no site's root
    ContentEvent.objects.all().delete()
    with committed():
        Page.objects.get(pk=store_index.pk).move(archive, pos="last-child")
    with committed():
        Page.objects.get(pk=store_index.pk).move(Page.objects.get(pk=home.pk), pos="last-child")
    assert [(action, url_path) for action, _, _, url_path in events()] == [
        ("unpublished", "/home/stores/"),
        ("unpublished", "/home/stores/milano/"),
        ("published", "/archive/stores/"),
        ("published", "/archive/stores/milano/"),
        ("unpublished", "/archive/stores/"),
        ("unpublished", "/archive/stores/milano/"),
        ("published", "/home/stores/"),
        ("published", "/home/stores/milano/"),
    ]
    assert ContentEvent.objects.filter(url_path__startswith="/home/").first().tree_path.startswith(home.path)


def test_snippets_published_unpublished_and_deleted(db, committed):
    offer = OfferFactory(code="WINTER10", live=False)
    product = ProductFactory(sku="SKU-1")
    ContentEvent.objects.all().delete()
    with committed():
        offer.save_revision().publish()
    offer.refresh_from_db()
    with committed():
        offer.unpublish()
    with committed():
        offer.delete()
        product.delete()
    assert events() == [
        ("published", "Offer", "WINTER10", ""),
        ("unpublished", "Offer", "WINTER10", ""),
        ("deleted", "Offer", "WINTER10", ""),
        ("deleted", "Product", "SKU-1", ""),
    ]
    assert set(ContentEvent.objects.values_list("kind", flat=True)) == {"snippet"}
