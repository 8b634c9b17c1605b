"""Content versions change with what shoppers see, in the scope of the edit, after commit."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from cms.catalog.stock import ingest_stock_batch
from cms.core.content_version import SHARED, STOCK, current_versions, site_scope
from cms.core.models import FooterSettings
from tests.factories import OfferFactory, ProductFactory, SectionPageFactory, StockLevelFactory, StorePageFactory
from tests.storefront_api.content import other_site


@pytest.fixture
def two_sites(home):
    other_home = other_site()
    return {
        "main": Site.objects.get(root_page=home),
        "other": Site.objects.get(root_page=other_home),
        "main_page": SectionPageFactory(parent=home, slug="ideas"),
        "other_page": SectionPageFactory(parent=other_home, slug="news"),
    }


def changed_scopes(before):
    after = current_versions()
    return {scope for scope in set(before) | set(after) if after.get(scope, 0) != before.get(scope, 0)}


def test_publishing_a_page_bumps_its_site_only(two_sites, committed):
    before = current_versions()
    with committed():
        two_sites["main_page"].save_revision().publish()
    assert changed_scopes(before) == {site_scope(two_sites["main"].pk)}


def test_unpublishing_deleting_and_restricting_pages_bump_their_site(two_sites, committed):
    other = site_scope(two_sites["other"].pk)
    for change in (
        lambda: two_sites["other_page"].unpublish(),
        lambda: PageViewRestriction.objects.create(page=two_sites["other_page"], restriction_type="login"),
        lambda: two_sites["other_page"].delete(),
    ):
        before = current_versions()
        with committed():
            change()
        assert changed_scopes(before) == {other}


def test_moving_a_page_to_another_site_bumps_both(two_sites, committed):
    before = current_versions()
    with committed():
        two_sites["main_page"].move(two_sites["other"].root_page, pos="last-child")
    assert changed_scopes(before) == {site_scope(two_sites["main"].pk), site_scope(two_sites["other"].pk)}


def test_copying_a_live_page_to_another_site_bumps_that_site(two_sites, committed):
    before = current_versions()
    with committed():
        two_sites["main_page"].copy(to=two_sites["other"].root_page, update_attrs={"slug": "ideas-copy"})
    assert changed_scopes(before) == {site_scope(two_sites["other"].pk)}


def test_a_translated_page_belongs_to_its_site(two_sites, locales, committed):
    italian_home = two_sites["main"].root_page.copy_for_translation(locales["it"])
    italian_page = SectionPageFactory(parent=italian_home, slug="idee", locale=locales["it"])
    before = current_versions()
    with committed():
        italian_page.save_revision().publish()
    assert changed_scopes(before) == {site_scope(two_sites["main"].pk)}


def test_publishing_and_deleting_a_snippet_bump_the_shared_version(home, committed):
    offer = OfferFactory()
    before = current_versions()
    with committed():
        offer.save_revision().publish()
    assert changed_scopes(before) == {SHARED}
    before = current_versions()
    with committed():
        offer.delete()
    assert changed_scopes(before) == {SHARED}


def test_a_site_setting_bumps_its_site(two_sites, committed):
    before = current_versions()
    with committed():
        FooterSettings.for_site(two_sites["other"]).save()
    assert changed_scopes(before) == {site_scope(two_sites["other"].pk)}


def test_stock_ingestion_bumps_the_stock_version_only_when_it_applies_rows(store_index, committed):
    StorePageFactory(parent=store_index, slug="milano")
    ProductFactory(sku="MOKA-3")
    now = timezone.now() - datetime.timedelta(minutes=1)
    row = {"store": "milano", "sku": "MOKA-3", "quantity": 4, "source_updated_at": now.isoformat()}
    before = current_versions()
    with committed():
        assert ingest_stock_batch([row]).applied == 1
    assert changed_scopes(before) == {STOCK}
    before = current_versions()
    with committed():
        assert ingest_stock_batch([row]).applied == 0  # the same level again: nothing changed
    assert changed_scopes(before) == set()


def test_a_stock_level_edited_in_the_admin_bumps_the_stock_version(store_index, committed):
    level = StockLevelFactory(store=StorePageFactory(parent=store_index), product=ProductFactory())
    before = current_versions()
    with committed():
        level.quantity = 9
        level.save()
    assert changed_scopes(before) == {STOCK}


def test_a_version_changes_only_after_commit_and_not_on_rollback(two_sites, django_capture_on_commit_callbacks):
    scope = site_scope(two_sites["main"].pk)
    before = current_versions().get(scope, 0)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            two_sites["main_page"].save_revision().publish()
            raise RuntimeError("the editor's request fails")
        two_sites["main_page"].refresh_from_db()
        with transaction.atomic():
            two_sites["main_page"].save_revision().publish()
        assert current_versions().get(scope, 0) == before
    assert current_versions()[scope] == before + 1


def test_reading_costs_one_query_and_may_be_reused_for_a_while(two_sites):
    with CaptureQueriesContext(connection) as queries:
        fresh = current_versions()
        reused = current_versions(max_age=60)
    assert len(queries) == 1
    assert reused == fresh
