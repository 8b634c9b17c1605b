"""POST /api/stock/batches: API keys created in the admin, authentication, store scope,
idempotent replay, limits and errors that name the field."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cms.catalog.ingestion_keys import authenticate
from cms.catalog.models import StockApiKey, StockLevel
from tests.cms.catalog.stock_fixtures import levels, make_key, products, row, stores  # noqa: F401

URL = "/api/stock/batches"
NOON = "2026-03-01T12:00:00+00:00"


def post(client, body, key=None, **headers):
    if key is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **headers)


def batch(*rows, key="batch-1", policy=None):
    body = {"idempotency_key": key, "rows": list(rows) or [row(at=NOON)]}
    if policy:
        body["error_policy"] = policy
    return body


@pytest.fixture
def key(stores, products, make_key):
    return make_key(stores=[stores["milano"]])[1]


def test_a_batch_is_applied_and_counted(client, key):
    response = post(client, batch(row(at=NOON), row(sku="MOKA-3", quantity=0, at=NOON)), key)

    assert response.status_code == 200, response.content
    assert response.json() == {
        "outcome": "applied",
        "applied": 2,
        "unchanged": 0,
        "stale": 0,
        "rejected": 0,
        "stale_rows": [],
        "errors": [],
    }
    assert levels() == {("milano", "KETTLE-1"): (5, NOON), ("milano", "MOKA-3"): (0, NOON)}


@pytest.mark.parametrize(
    "authorization",
    [None, "Basic dXNlcjpwYXNz", "Bearer ", "Bearer sk_nothing", "Bearer sk_00000000_wrong"],
)
def test_no_key_or_a_bad_key_is_unauthorized(client, key, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}

    response = post(client, batch(), **headers)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not StockLevel.objects.exists()


def test_a_wrong_secret_or_an_inactive_key_is_unauthorized(client, key, make_key):
    prefix = key.split("_")[1]
    _, inactive = make_key(all_stores=True, is_active=False)

    assert post(client, batch(), f"sk_{prefix}_{'x' * 43}").status_code == 401
    assert post(client, batch(), inactive).status_code == 401


def test_a_used_key_records_when(client, key):
    post(client, batch(), key)

    assert StockApiKey.objects.get().last_used_at is not None


def test_a_store_outside_the_scope_is_forbidden_under_the_reject_policy(client, key):
    response = post(client, batch(row(at=NOON), row(store="roma", at=NOON)), key)

    assert response.status_code == 403
    body = response.json()
    assert (body["outcome"], body["applied"]) == ("rejected", 0)
    assert [(e["row"], e["field"], e["code"]) for e in body["errors"]] == [(2, "store", "forbidden_store")]
    assert not StockLevel.objects.exists()


def test_a_store_outside_the_scope_is_a_rejected_row_under_the_partial_policy(client, key):
    response = post(client, batch(row(at=NOON), row(store="roma", at=NOON), policy="partial"), key)

    assert response.status_code == 200
    assert (response.json()["applied"], response.json()["rejected"]) == (1, 1)


def test_bad_rows_under_the_reject_policy_are_a_bad_request_naming_row_and_field(client, key):
    response = post(client, batch(row(at=NOON), row(quantity="many", at=NOON)), key)

    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [(2, "quantity")]
    assert not StockLevel.objects.exists()


def test_a_repeated_batch_gets_the_first_response(client, key):
    first = post(client, batch(row(at=NOON)), key)
    StockLevel.objects.update(quantity=42)

    again = post(client, batch(row(at=NOON)), key)

    assert again.status_code == 200
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert StockLevel.objects.get().quantity == 42


def test_the_same_idempotency_key_with_another_payload_is_a_conflict(client, key):
    post(client, batch(row(at=NOON)), key)

    response = post(client, batch(row(quantity=6, at=NOON)), key)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_conflict"
    assert StockLevel.objects.get().quantity == 5


def test_too_many_rows_or_too_large_a_body_is_refused(client, key, settings):
    settings.STOCK_INGESTION = {"MAX_ROWS": 2, "MAX_BODY_BYTES": 1_000}

    too_many = post(client, batch(*[row(at=NOON)] * 3), key)
    too_large = post(client, batch(row(sku="K" * 900, at=NOON)), key)

    assert (too_many.status_code, too_many.json()["error"]["field"]) == (413, "rows")
    assert (too_large.status_code, too_large.json()["error"]["code"]) == (413, "too_large")
    assert not StockLevel.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("{not json", "body"),
        ("[1, 2]", "body"),
        ({"rows": [row(at=NOON)]}, "idempotency_key"),
        ({"idempotency_key": "1"}, "rows"),
        ({"idempotency_key": "1", "rows": "milano"}, "rows"),
        ({"idempotency_key": 7, "rows": [row(at=NOON)]}, "idempotency_key"),
        ({"idempotency_key": "1", "rows": [row(at=NOON)], "error_policy": "all"}, "error_policy"),
    ],
)
def test_a_malformed_body_is_a_bad_request_naming_the_field(client, key, body, field):
    response = post(client, body, key)

    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert not StockLevel.objects.exists()


def test_only_post_is_allowed(client, key):
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 405


# --- Keys in the admin ------------------------------------------------------------------


def test_an_admin_creates_a_key_and_sees_it_once(admin_client, stores, products):
    response = admin_client.post(
        reverse("stock_api_keys:add"), {"name": "POS Milano", "stores": [stores["milano"].pk], "is_active": "on"}
    )

    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    plain = next(word for text in shown for word in text.split() if word.startswith("sk_"))
    api_key = StockApiKey.objects.get()
    assert (api_key.name, list(api_key.stores.all())) == ("POS Milano", [stores["milano"]])
    assert plain not in (api_key.secret_hash, api_key.prefix) and api_key.prefix in plain
    assert authenticate(plain) == api_key
    assert post(admin_client, batch(row(at=NOON)), plain).status_code == 200
    shown_once = admin_client.get(reverse("stock_api_keys:index"))  # where the add view redirects
    listing = admin_client.get(reverse("stock_api_keys:index"))
    edit = admin_client.get(reverse("stock_api_keys:edit", args=[api_key.pk]))
    assert plain in shown_once.content.decode()
    assert plain not in listing.content.decode() and plain not in edit.content.decode()


def test_a_key_needs_stores_or_all_stores(admin_client, stores):
    response = admin_client.post(reverse("stock_api_keys:add"), {"name": "POS", "is_active": "on"})

    assert response.status_code == 200
    assert "Choose the stores" in response.content.decode()
    assert not StockApiKey.objects.exists()


def test_an_admin_deactivates_a_key(admin_client, stores, make_key):
    api_key, plain = make_key(all_stores=True)

    response = admin_client.post(
        reverse("stock_api_keys:edit", args=[api_key.pk]), {"name": "POS", "all_stores": "on"}
    )

    assert response.status_code == 302
    assert authenticate(plain) is None
