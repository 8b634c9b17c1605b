import pytest
from django.db import transaction

from cms.publishing.models import ContentEvent
from tests.factories import OfferFactory, ProductFactory, StorePageFactory


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
    from wagtail.models import PageViewRestriction

    store = StorePageFactory(parent=store_index, slug="staff-only")
    PageViewRestriction.objects.create(page=store, restriction_type="password", password="x")
    ContentEvent.objects.all().delete()
    with committed():
        store.save_revision().publish()
    assert events() == []


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
