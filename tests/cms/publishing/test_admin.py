from django.urls import reverse

from cms.publishing.models import ContentEvent, WebhookDelivery, WebhookEndpoint


def endpoint_form(**fields):
    return {"name": "Static build", "url": "https://build.example/hooks", "is_active": "on", **fields}


def test_an_admin_adds_an_endpoint_with_filters_and_sees_its_secret(admin_client):
    response = admin_client.post(
        reverse("webhook_endpoints:add"), endpoint_form(actions=["published", "deleted"], object_types=["StorePage", "Offer"])
    )
    assert response.status_code == 302, response.context["form"].errors
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.actions, endpoint.object_types) == (["published", "deleted"], ["StorePage", "Offer"])
    assert len(endpoint.secret) >= 40
    edit = admin_client.get(reverse("webhook_endpoints:edit", args=[endpoint.pk]))
    assert endpoint.secret in edit.content.decode()


def test_an_endpoint_url_must_be_http_or_https(admin_client):
    response = admin_client.post(reverse("webhook_endpoints:add"), endpoint_form(url="ftp://build.example/hooks"))
    assert response.status_code == 200
    assert response.context["form"].errors["url"]
    assert not WebhookEndpoint.objects.exists()


def deliveries(count=2):
    endpoint = WebhookEndpoint.objects.create(name="Static build", url="http://127.0.0.1:9/hook")
    event = ContentEvent.objects.create(action="published", kind="snippet", object_type="Offer", object_id="1")
    return [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, status=status, attempts=6, last_error="HTTP 500")
        for status in ["gave_up", "succeeded"][:count]
    ]


def test_the_delivery_log_lists_and_filters_deliveries(admin_client):
    gave_up, succeeded = deliveries()
    response = admin_client.get(reverse("webhook_deliveries:index"), {"status": "gave_up"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "HTTP 500" in html and "Retry now" in html
    assert list(response.context["object_list"]) == [gave_up]
    # Read-only: no add form, no edit form.
    assert admin_client.get(reverse("webhook_deliveries:add")).status_code in (302, 403)
    assert admin_client.get(reverse("webhook_deliveries:edit", args=[gave_up.pk])).status_code in (302, 403)


def test_retry_now_makes_a_delivery_due_again(admin_client):
    gave_up, _ = deliveries()
    response = admin_client.post(reverse("webhook_deliveries:retry", args=[gave_up.pk]))
    assert response.status_code == 302
    gave_up.refresh_from_db()
    assert gave_up.status == "failed" and gave_up.next_attempt_at is not None


def test_editors_without_the_permission_cannot_retry(client, django_user_model):
    from django.contrib.auth.models import Permission

    gave_up, _ = deliveries(1) + [None]
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.post(reverse("webhook_deliveries:retry", args=[gave_up.pk])).status_code in (302, 403)
    gave_up.refresh_from_db()
    assert gave_up.status == "gave_up"
