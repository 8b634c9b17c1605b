"""The purge outbox: a change queues one CachePurge after it commits (never any HTTP in the
editor's request), the `purge_cache` worker sends due purges merged, retries failures with
backoff, logs them, and the admin shows the log. (Which keys each change purges:
tests/storefront_api/test_surrogate_keys.py.)"""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.publishing.models import CachePurge
from cms.publishing.purges import purge_due, remove_old_purges
from tests.clock import later
from tests.cms.publishing.fake_cdns import FakeVarnish
from tests.cms.publishing.receiver import closed_port_url
from tests.factories import StorePageFactory


@pytest.fixture
def varnish():
    with FakeVarnish() as running:
        yield running


def purge_through(settings, url):
    settings.CDN = {
        **settings.CDN,
        "PURGER": "cms.publishing.purgers.varnish.VarnishPurger",
        "PURGER_OPTIONS": {"URLS": [url]},
    }


@pytest.fixture
def purging(settings, varnish):
    purge_through(settings, varnish.url)
    return varnish


def publish_store(store_index, committed, slug="milano"):
    store = StorePageFactory(parent=store_index, slug=slug, live=False)
    with committed():
        store.save_revision().publish()
    return store


def test_without_a_purger_nothing_is_queued(store_index, committed):
    publish_store(store_index, committed)
    assert not CachePurge.objects.exists()


def test_a_publish_queues_one_purge_after_commit_and_the_worker_sends_it(store_index, committed, purging):
    store = StorePageFactory(parent=store_index, slug="milano", live=False)
    with committed():
        store.save_revision().publish()
        assert not CachePurge.objects.exists()  # nothing before the commit
    purge = CachePurge.objects.get()
    assert purge.reason == f"page.published StorePage {store.pk}"
    assert f"page-{store.pk}" in purge.keys
    assert purge_due() == 1
    assert purging.purged == [sorted(purge.keys)]
    purge.refresh_from_db()
    assert (purge.status, purge.attempts, purge.last_status_code) == ("succeeded", 1, 200)
    assert purge_due() == 0


def test_due_purges_are_merged_into_one_request(store_index, committed, purging):
    for slug in ("milano", "roma", "torino"):
        publish_store(store_index, committed, slug)
    assert purge_due() == 3
    assert len(purging.purged) == 1
    assert set(purging.all_purged()) == set().union(*CachePurge.objects.values_list("keys", flat=True))


def test_a_purge_is_sent_once_more_a_few_seconds_later(store_index, committed, purging, settings):
    """A response the app was still building from the old content when the purge arrived is
    stored after it: the second purge removes it."""
    publish_store(store_index, committed)
    purge_due()
    first = CachePurge.objects.get(repeat_of=None)
    again = CachePurge.objects.get(repeat_of=first)
    assert (again.keys, again.status, again.reason) == (first.keys, "pending", f"{first.reason} (again)")
    assert again.next_attempt_at - first.last_attempt_at == timedelta(seconds=5)
    assert purge_due() == 0
    with later(timedelta(seconds=6)):
        assert purge_due() == 1
    assert purging.purged == [first.keys, first.keys]
    assert CachePurge.objects.count() == 2  # a repeat is not repeated
    settings.CDN = {**settings.CDN, "PURGE_REPEAT_SECONDS": 0}
    publish_store(store_index, committed, "roma")
    purge_due()
    assert CachePurge.objects.count() == 3


def test_a_cdn_that_is_down_never_slows_or_fails_publishing(store_index, committed, settings, no_sockets):
    purge_through(settings, closed_port_url())
    store = publish_store(store_index, committed)
    store.refresh_from_db()
    assert store.live
    assert no_sockets == []  # no connection was even tried while publishing
    assert CachePurge.objects.get().status == "pending"


def test_a_failed_purge_is_logged_and_retried_with_backoff(store_index, committed, purging, caplog):
    publish_store(store_index, committed)
    purging.fail_with(503)
    with caplog.at_level(logging.WARNING, logger="cms.publishing.purges"):
        assert purge_due() == 1
    assert "retried later" in caplog.text and "503" in caplog.text
    purge = CachePurge.objects.get()
    assert (purge.status, purge.attempts, purge.last_status_code) == ("failed", 1, 503)
    assert purge.next_attempt_at - purge.last_attempt_at == timedelta(seconds=5)
    assert purge_due() == 0  # not due yet
    with later(timedelta(seconds=6)):
        assert purge_due() == 1
    purge.refresh_from_db()
    assert (purge.status, purge.attempts) == ("succeeded", 2)
    assert purging.purged == [sorted(purge.keys)]


def test_a_purge_gives_up_after_the_last_attempt(store_index, committed, settings):
    purge_through(settings, closed_port_url())
    settings.CDN = {**settings.CDN, "PURGE_MAX_ATTEMPTS": 2}
    publish_store(store_index, committed)
    purge_due()
    with later(timedelta(seconds=6)):
        purge_due()
    purge = CachePurge.objects.get()
    assert (purge.status, purge.attempts, purge.next_attempt_at) == ("gave_up", 2, None)
    assert purge.last_error


def test_the_worker_command_sends_what_is_due(store_index, committed, purging, capsys):
    publish_store(store_index, committed)
    call_command("purge_cache", "--once")
    assert "Attempted 1 cache purges." in capsys.readouterr().out
    assert len(purging.purged) == 1


def test_storefront_page_urls_go_through_wagtails_frontend_cache(store_index, committed, purging, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": purging.url}
    }
    publish_store(store_index, committed)
    assert CachePurge.objects.get().urls == ["http://localhost/en/stores/milano/"]
    purge_due()
    assert purging.purged_urls == ["http://localhost/en/stores/milano/"]


def test_finished_purges_are_removed_after_a_week(store_index, committed, purging):
    publish_store(store_index, committed)
    purge_due()
    with later(timedelta(seconds=6)):
        purge_due()  # its repeat
    assert remove_old_purges() == 0
    assert remove_old_purges(now=timezone.now() + timedelta(days=8)) == 2
    assert not CachePurge.objects.exists()


def test_the_purge_log_lists_purges_and_retries_one(admin_client, store_index, committed, settings):
    purge_through(settings, closed_port_url())
    settings.CDN = {**settings.CDN, "PURGE_MAX_ATTEMPTS": 1}
    publish_store(store_index, committed)
    purge_due()
    purge = CachePurge.objects.get()
    response = admin_client.get(reverse("cache_purges:index"), {"status": "gave_up"})
    assert response.status_code == 200
    html = response.content.decode()
    assert purge.reason in html and "Retry now" in html
    assert admin_client.get(reverse("cache_purges:add")).status_code in (302, 403)
    inspect = admin_client.get(reverse("cache_purges:inspect", args=[purge.pk])).content.decode()
    assert all(key in inspect for key in purge.keys)
    assert purge.reason in admin_client.get(reverse("cache_purges:index"), {"q": "StorePage"}).content.decode()
    assert admin_client.post(reverse("cache_purges:retry", args=[purge.pk])).status_code == 302
    purge.refresh_from_db()
    assert purge.status == "failed" and purge.next_attempt_at <= timezone.now()
