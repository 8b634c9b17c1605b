"""The indexing pipeline: changes reach the search index after commit, and nothing is lost
when the configured backend is down (a real Elasticsearch client pointed at a closed port:
connection refused, no node needed)."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from wagtail.models import PageViewRestriction

from search import indexing, service
from search.backends.base import DocumentRef, SearchRequest
from search.models import PendingIndexOperation, SearchEntry
from tests.factories import (
    CategoryFactory,
    GiftGuidePageFactory,
    HomePageFactory,
    ProductFactory,
    ServiceFactory,
    StorePageFactory,
)
from tests.search.conftest import commit_earlier_batches

CLOSED_PORT = {
    "BACKEND": "search.backends.elasticsearch.ElasticsearchSearchBackend",
    "OPTIONS": {"URL": "http://127.0.0.1:1", "INDEX_PREFIX": "unreachable", "TIMEOUT": 1},
    "AUTO_UPDATE": True,
    "PENDING_REPLAY_INTERVAL": 0,
}


def indexed_keys():
    return set(SearchEntry.objects.values_list("key", flat=True))


def found(text, **fields):
    return [hit.title for hit in service.run_search(SearchRequest(text=text, **fields)).hits]


def test_a_published_page_is_indexed_and_found(committing, section):
    with committing():
        guide = GiftGuidePageFactory.with_products(section, [], title="Winter gifts for runners")
    assert f"page:{guide.pk}" in indexed_keys()
    assert found("runners") == ["Winter gifts for runners"]


def test_changes_in_one_transaction_are_written_once(committing, section, django_capture_on_commit_callbacks):
    commit_earlier_batches()
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            for number in range(3):
                GiftGuidePageFactory.with_products(section, [], title=f"Guide {number}")
    batches = [callback for callback in callbacks if isinstance(callback, indexing.Batch)]
    assert len(batches) == 1 and len(batches[0].refs) == 3


def test_unpublish_and_delete_remove_the_page(committing, section):
    with committing():
        first = GiftGuidePageFactory.with_products(section, [], title="First guide")
        second = GiftGuidePageFactory.with_products(section, [], title="Second guide")
    with committing():
        first.unpublish()
    with committing():
        second.delete()
    assert not {f"page:{first.pk}", f"page:{second.pk}"} & indexed_keys()


def test_a_view_restriction_removes_the_subtree_and_lifting_it_restores_it(committing, section, store_index):
    with committing():
        guide = GiftGuidePageFactory.with_products(section, [], title="Guide below the section")
        store = StorePageFactory(parent=store_index, title="Corner shop")
    with committing():
        restriction = PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    keys = indexed_keys()
    assert f"page:{section.pk}" not in keys and f"page:{guide.pk}" not in keys
    assert f"store:{store.pk}" in keys  # another branch of the tree
    with committing():
        restriction.delete()
    assert {f"page:{section.pk}", f"page:{guide.pk}"} <= indexed_keys()


def test_a_move_to_another_site_updates_the_site(committing, home, section):
    from wagtail.models import Page, Site

    with committing():
        other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other")
        other_site = Site.objects.create(hostname="other.example", root_page=other_home)
        guide = GiftGuidePageFactory.with_products(section, [], title="Travelling guide")
    with committing():
        Page.objects.get(pk=guide.pk).move(other_home, pos="last-child")
    assert SearchEntry.objects.get(key=f"page:{guide.pk}").site_ids == f" {other_site.pk} "


def test_products_follow_activity_and_category_changes(committing, locales):
    with committing():
        kitchen = CategoryFactory(name="Kitchen", slug="kitchen")
        product = ProductFactory(name="Kettle", category=kitchen, price=Decimal("30"))
    assert found("kettle") == ["Kettle"]
    with committing():
        kitchen.name = "Cooking"
        kitchen.save()
    assert found("cooking") == ["Kettle"]
    with committing():
        product.is_active = False
        product.save()
    assert found("kettle") == []


def test_store_services_changes_reach_the_store(committing, store_index):
    with committing():
        parking = ServiceFactory(code="parking")
        store = StorePageFactory(parent=store_index, title="Big store")
    with committing():
        store.services.add(parking)
        store.save()  # a ParentalManyToManyField is written with its page
    entry = SearchEntry.objects.get(key=f"store:{store.pk}")
    assert entry.services == " parking "


@override_settings(SEARCH={"AUTO_UPDATE": False})
def test_nothing_is_indexed_when_auto_update_is_off(committing, section):
    with committing():
        guide = GiftGuidePageFactory.with_products(section, [], title="Quiet guide")
    assert f"page:{guide.pk}" not in indexed_keys()


# --- the configured backend is down -----------------------------------------------------------


@override_settings(SEARCH=CLOSED_PORT)
def test_publishing_succeeds_and_is_recorded_when_the_backend_is_down(committing, section):
    with committing():
        guide = GiftGuidePageFactory.with_products(section, [], title="Guide while down")
    assert guide.live
    operation = PendingIndexOperation.objects.get(ref_type="page", ref_id=guide.pk)
    assert operation.action == "index" and operation.attempts == 1 and "Unavailable" in operation.last_error
    # the database fallback got it and answers searches meanwhile, saying so
    before = service.fallbacks["search"]
    response = service.run_search(SearchRequest(text="guide while down"))
    assert response.backend == "database" and [hit.title for hit in response.hits] == ["Guide while down"]
    assert service.fallbacks["search"] == before + 1


@override_settings(SEARCH=CLOSED_PORT)
def test_repeated_failures_keep_one_operation_per_document_with_the_latest_action(committing, section):
    with committing():
        guide = GiftGuidePageFactory.with_products(section, [], title="Twice")
    with committing():
        guide.unpublish()
    operation = PendingIndexOperation.objects.get(ref_type="page", ref_id=guide.pk)
    assert (operation.action, operation.attempts) == ("delete", 2)


def test_replay_writes_the_current_state_and_clears_the_operations(committing, section):
    with override_settings(SEARCH=CLOSED_PORT):
        with committing():
            kept = GiftGuidePageFactory.with_products(section, [], title="Kept guide")
            gone = GiftGuidePageFactory.with_products(section, [], title="Gone guide")
        with committing():
            gone.delete()
    SearchEntry.objects.all().delete()  # the index missed everything
    pending = PendingIndexOperation.objects.count()
    replayed, remaining = indexing.replay_pending()
    assert (replayed, remaining) == (pending, 0) and pending >= 2
    assert f"page:{kept.pk}" in indexed_keys() and f"page:{gone.pk}" not in indexed_keys()


def test_a_successful_update_replays_what_was_pending(committing, section):
    with override_settings(SEARCH=CLOSED_PORT):
        with committing():
            missed = GiftGuidePageFactory.with_products(section, [], title="Missed guide")
    SearchEntry.objects.all().delete()
    with override_settings(SEARCH={**CLOSED_PORT, "BACKEND": "search.backends.database.DatabaseSearchBackend", "OPTIONS": {}}):
        with committing():
            GiftGuidePageFactory.with_products(section, [], title="Next guide")
    assert f"page:{missed.pk}" in indexed_keys()
    assert not PendingIndexOperation.objects.exists()


def test_update_never_raises_for_unknown_refs(db):
    assert indexing.update([DocumentRef("product", 424242), DocumentRef("page", 424242)]) is True
