import json
from datetime import timedelta

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cms.publishing.delivery import deliver_due, remove_old_events
from cms.publishing.models import ContentEvent, WebhookDelivery, WebhookEndpoint
from cms.publishing.signatures import verify_signature
from tests.clock import later
from tests.cms.publishing.receiver import Receiver, closed_port_url
from tests.factories import OfferFactory, StorePageFactory


def publish_store(store_index, committed, slug="milano"):
    store = StorePageFactory(parent=store_index, slug=slug, live=False)
    with committed():
        store.save_revision().publish()
    store.refresh_from_db()
    return store


def test_the_endpoint_receives_a_signed_event(store_index, endpoint, receiver, committed):
    store = publish_store(store_index, committed)
    assert deliver_due() == 1
    [(headers, body)] = receiver.received
    assert verify_signature(endpoint.secret, headers, body)
    payload = json.loads(body)
    event = ContentEvent.objects.get()
    assert headers["Webhook-Id"] == payload["id"] == str(event.pk)
    assert payload["type"] == "page.published"
    assert payload["object"] == {
        "kind": "page", "type": "StorePage", "id": str(store.pk), "locale": "en",
        "translationKey": str(store.translation_key), "slug": "milano", "urlPath": "/home/stores/milano/",
        "previousUrlPath": None,
    }
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 200)
    assert deliver_due() == 0  # sent once


def test_an_endpoint_error_is_retried_with_backoff(store_index, committed):
    with Receiver(statuses=[500, 200]) as receiver:
        WebhookEndpoint.objects.create(name="Build", url=receiver.url)
        publish_store(store_index, committed)
        assert deliver_due() == 1
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 1, 500)
        assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=30)
        assert deliver_due() == 0  # not due yet
        with later(timedelta(seconds=31)):
            assert deliver_due() == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 2, 200)
        assert len(receiver.received) == 2
        # The same event id both times: the receiver can drop a duplicate.
        assert receiver.received[0][0]["Webhook-Id"] == receiver.received[1][0]["Webhook-Id"]


@override_settings(PUBLISHING={"RETRY_DELAYS_SECONDS": [30, 120], "MAX_ATTEMPTS": 3})
def test_a_delivery_gives_up_after_the_last_attempt(store_index, committed):
    WebhookEndpoint.objects.create(name="Down", url=closed_port_url())
    publish_store(store_index, committed)
    waits = []
    for elapsed in (0, 31, 31 + 121, 31 + 121 + 121):
        with later(timedelta(seconds=elapsed)):
            deliver_due()
        delivery = WebhookDelivery.objects.get()
        waits.append((delivery.status, delivery.attempts))
    assert waits == [("failed", 1), ("failed", 2), ("gave_up", 3), ("gave_up", 3)]
    assert delivery.last_status_code is None and delivery.last_error  # connection refused, explained


def test_publishing_with_the_endpoint_down_or_slow_opens_no_connection(store_index, committed, no_sockets):
    WebhookEndpoint.objects.create(name="Down", url=closed_port_url())
    WebhookEndpoint.objects.create(name="Also down", url="http://127.0.0.1:9/discard")
    store = publish_store(store_index, committed)
    offer = OfferFactory(live=False)
    with committed():
        offer.save_revision().publish()
    assert no_sockets == []
    assert store.live
    assert set(WebhookDelivery.objects.values_list("status", "attempts")) == {("pending", 0)}
    assert WebhookDelivery.objects.count() == 4


def test_a_slow_endpoint_does_not_hold_up_publishing(store_index, committed, no_sockets):
    with Receiver(delay=3) as slow:
        WebhookEndpoint.objects.create(name="Slow", url=slow.url)
        publish_store(store_index, committed)
        assert no_sockets == [] and slow.received == []
        assert WebhookDelivery.objects.get().status == "pending"


def test_endpoint_filters_and_inactive_endpoints(store_index, receiver, committed):
    WebhookEndpoint.objects.create(name="Offers only", url=receiver.url, object_types=["Offer"])
    WebhookEndpoint.objects.create(name="Deletions only", url=receiver.url, actions=["deleted"])
    WebhookEndpoint.objects.create(name="Off", url=receiver.url, is_active=False)
    everything = WebhookEndpoint.objects.create(name="All", url=receiver.url)
    publish_store(store_index, committed)
    assert list(WebhookDelivery.objects.values_list("endpoint", flat=True)) == [everything.pk]


def test_the_worker_command_sends_due_deliveries_and_removes_old_events(store_index, endpoint, receiver, committed):
    publish_store(store_index, committed)
    ContentEvent.objects.create(action="published", kind="snippet", object_type="Offer", object_id="1",
                                occurred_at=timezone.now() - timedelta(days=91))
    call_command("deliver_webhooks", "--once", stdout=open("/dev/null", "w"))
    assert len(receiver.received) == 1
    assert ContentEvent.objects.count() == 1
    assert remove_old_events() == 0


def test_a_claimed_delivery_is_not_claimed_again_until_its_lease_ends(store_index, endpoint, committed):
    from cms.publishing.delivery import claim_due

    publish_store(store_index, committed)
    now = timezone.now()
    assert len(claim_due(now, 10)) == 1
    assert claim_due(now, 10) == []  # another worker meanwhile
    with later(timedelta(minutes=2)):  # the first worker died without an answer
        assert len(claim_due(timezone.now(), 10)) == 1


def test_an_editor_publishes_in_the_admin_while_every_endpoint_is_down(admin_client, committed, no_sockets):
    from wagtail.test.utils.form_data import nested_form_data

    from cms.stores.models import Service
    from tests.editing import assert_redirected, post_form, snippet_url

    for n in range(3):
        WebhookEndpoint.objects.create(name=f"Down {n}", url=closed_port_url())
    form = nested_form_data({"name": "Curbside pickup", "code": "curbside", "description": ""})
    with committed():
        assert_redirected(post_form(admin_client, snippet_url(Service, "add"), form, publish=True))
    assert Service.objects.get(code="curbside").live
    event = ContentEvent.objects.get()
    assert (event.type_name, event.object_type, event.slug) == ("snippet.published", "Service", "curbside")
    assert event.deliveries.filter(status="pending").count() == 3
    assert no_sockets == []
