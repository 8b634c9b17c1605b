"""Persisted queries by Apollo's convention (a sha256 in `extensions.persistedQuery`), the
registered-only mode and `manage.py register_queries`."""

import datetime
import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from storefront_api.models import PersistedQuery
from tests.storefront_api.accept import MODERN_CLIENT_ACCEPT

QUERY = "{ site { name } }"
QUERY_HASH = hashlib.sha256(QUERY.encode()).hexdigest()


def persisted(sha256=QUERY_HASH):
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256}}


@pytest.fixture
def post(client):
    def run(body):
        response = client.post("/graphql", json.dumps(body), content_type="application/json", HTTP_ACCEPT=MODERN_CLIENT_ACCEPT)
        return response.status_code, response.json()

    return run


@pytest.fixture
def get(client):
    def run(**params):
        response = client.get("/graphql", {key: json.dumps(value) for key, value in params.items()}, HTTP_ACCEPT="application/json")
        return response.status_code, response.json()

    return run


def registered(query, source=PersistedQuery.Source.REGISTERED):
    return PersistedQuery.objects.create(sha256=hashlib.sha256(query.encode()).hexdigest(), query=query, source=source)


def error_code(body):
    return body["errors"][0]["extensions"]["code"]


def test_unknown_hash_gets_persisted_query_not_found(post, home):
    status, body = post({"extensions": persisted()})
    assert status == 200
    assert body["errors"] == [{"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}]


def test_query_with_its_hash_runs_and_is_stored_then_the_hash_alone_runs_it(post, home):
    status, body = post({"query": QUERY, "extensions": persisted()})
    assert status == 200 and body["data"] == {"site": {"name": "Test shop"}}
    stored = PersistedQuery.objects.get()
    assert (stored.sha256, stored.query, stored.source) == (QUERY_HASH, QUERY, "automatic")
    status, body = post({"extensions": persisted()})
    assert status == 200 and body["data"] == {"site": {"name": "Test shop"}}


def test_hash_alone_works_over_get_for_cdn_caching(get, home):
    registered("query($locale: String) { site { name } navigation(locale: $locale) { links { __typename } } }")
    sha256 = PersistedQuery.objects.get().sha256
    status, body = get(extensions=persisted(sha256), variables={"locale": "en"})
    assert status == 200, body
    assert body["data"]["site"] == {"name": "Test shop"}


def test_hash_that_does_not_match_the_query_is_refused_and_nothing_stored(post, home):
    status, body = post({"query": QUERY, "extensions": persisted("0" * 64)})
    assert status == 400
    assert error_code(body) == "PERSISTED_QUERY_HASH_MISMATCH"
    assert not PersistedQuery.objects.exists()


def test_an_invalid_query_with_its_hash_is_not_stored(post, db):
    query = "{ site { nope } }"
    status, body = post({"query": query, "extensions": persisted(hashlib.sha256(query.encode()).hexdigest())})
    assert status == 400
    assert not PersistedQuery.objects.exists()


@pytest.mark.parametrize(
    "extensions", [{"persistedQuery": {"version": 2, "sha256Hash": QUERY_HASH}}, {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}]
)
def test_malformed_persisted_query_extension_is_refused(post, db, extensions):
    status, body = post({"extensions": extensions})
    assert status == 400 and error_code(body) == "PERSISTED_QUERY_INVALID"


REGISTERED_ONLY = override_settings(STOREFRONT_API={"PERSISTED_QUERIES": "registered-only"})


@REGISTERED_ONLY
def test_registered_only_runs_a_registered_query_by_hash_or_by_text(post, home):
    registered(QUERY)
    assert post({"extensions": persisted()})[1]["data"] == {"site": {"name": "Test shop"}}
    assert post({"query": QUERY})[1]["data"] == {"site": {"name": "Test shop"}}
    assert post({"query": QUERY, "extensions": persisted()})[1]["data"] == {"site": {"name": "Test shop"}}


@REGISTERED_ONLY
@pytest.mark.parametrize("body", [{"query": QUERY}, {"extensions": persisted()}, {"query": QUERY, "extensions": persisted()}])
def test_registered_only_refuses_anything_else(post, home, body):
    registered(QUERY, source=PersistedQuery.Source.AUTOMATIC)  # stored while the mode was automatic
    status, answer = post(body)
    assert status == 403
    assert error_code(answer) == "PERSISTED_QUERY_NOT_REGISTERED"
    assert "data" not in answer
    assert PersistedQuery.objects.get().source == "automatic"


@override_settings(STOREFRONT_API={"PERSISTED_QUERIES": "off"})
def test_off_answers_a_hash_alone_with_not_supported_and_runs_texts(post, home):
    status, body = post({"extensions": persisted()})
    assert status == 200 and body["errors"][0]["message"] == "PersistedQueryNotSupported"
    status, body = post({"query": QUERY, "extensions": persisted()})
    assert body["data"] == {"site": {"name": "Test shop"}}
    assert not PersistedQuery.objects.exists()


@pytest.fixture
def query_folder(tmp_path):
    (tmp_path / "stores").mkdir()
    (tmp_path / "site.graphql").write_text("query SiteName { site { name } }\n")
    (tmp_path / "stores" / "list.graphql").write_text("query StoreTitles { stores(first: 5) { edges { node { title } } } }\n")
    (tmp_path / "notes.txt").write_text("not a query")
    return tmp_path


def register(folder):
    out = StringIO()
    call_command("register_queries", str(folder), stdout=out)
    return out.getvalue()


def test_register_queries_registers_every_graphql_file_recursively(db, query_folder):
    output = register(query_folder)
    site_hash = hashlib.sha256(b"query SiteName { site { name } }\n").hexdigest()
    assert f"{site_hash}  site.graphql  SiteName" in output
    assert "stores/list.graphql  StoreTitles" in output
    assert "2 new, 0 promoted from automatic, 0 unchanged." in output
    assert set(PersistedQuery.objects.values_list("source", flat=True)) == {"registered"}
    assert "0 new, 0 promoted from automatic, 2 unchanged." in register(query_folder)


def test_register_queries_promotes_an_automatically_stored_query(db, query_folder):
    registered("query SiteName { site { name } }\n", source=PersistedQuery.Source.AUTOMATIC)
    assert "1 new, 1 promoted from automatic, 0 unchanged." in register(query_folder)
    assert PersistedQuery.objects.filter(source="registered").count() == 2


def test_register_queries_registers_nothing_when_a_file_is_invalid(db, query_folder):
    (query_folder / "stores" / "broken.graphql").write_text("{ stores { edges { node { nope } } } }")
    (query_folder / "deep.graphql").write_text('{ page(path: "/") { ' + "parent { " * 11 + "title" + " }" * 11 + " } }")
    with pytest.raises(CommandError) as refused:
        register(query_folder)
    message = str(refused.value)
    assert "stores/broken.graphql: Cannot query field 'nope' on type 'StorePage'." in message
    assert "deep.graphql: Query depth 13 exceeds the limit of 12 (MAX_DEPTH)." in message
    assert not PersistedQuery.objects.exists()


def test_register_queries_needs_a_folder_with_queries(db, tmp_path):
    with pytest.raises(CommandError, match="No .graphql files"):
        register(tmp_path)


# A cap on automatic queries, least recently used out; seeing and clearing them


def store_queries(post, count, start=0):
    """``count`` distinct automatic queries sent by a client with their hashes."""
    for number in range(start, start + count):
        query = f"query Q{number} {{ site {{ name }} }}"
        status, body = post({"query": query, "extensions": persisted(hashlib.sha256(query.encode()).hexdigest())})
        assert status == 200, body
    return [f"Q{number}" for number in range(start, start + count)]


def stored_operations():
    return sorted(query.query.split()[1] for query in PersistedQuery.objects.filter(source="automatic"))


def age(operation, hours):
    PersistedQuery.objects.filter(query__startswith=f"query {operation} ").update(
        last_used_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def test_automatic_queries_beyond_the_cap_remove_the_least_recently_used(post, home, settings):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "PERSISTED_QUERIES_MAX": 3}
    registered(QUERY)  # registered queries do not count and are never removed
    store_queries(post, 3)
    for hours, operation in ((5, "Q0"), (3, "Q1"), (4, "Q2")):
        age(operation, hours)
    store_queries(post, 1, start=3)
    assert stored_operations() == ["Q1", "Q2", "Q3"]  # Q0 was used longest ago
    store_queries(post, 2, start=4)
    assert stored_operations() == ["Q3", "Q4", "Q5"]
    assert PersistedQuery.objects.filter(source="registered").count() == 1


def test_running_a_stored_query_marks_it_used_at_most_once_an_hour(post, home, settings):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "PERSISTED_QUERIES_MAX": 2}
    store_queries(post, 2)
    age("Q0", 2)
    age("Q1", 3)
    q0 = PersistedQuery.objects.get(query__startswith="query Q0 ")
    assert post({"extensions": persisted(q0.sha256)})[0] == 200  # used now: Q1 is the oldest
    q0.refresh_from_db()
    assert timezone.now() - q0.last_used_at < datetime.timedelta(minutes=1)
    with CaptureQueriesContext(connection) as queries:
        post({"extensions": persisted(q0.sha256)})
    assert not [query for query in queries if query["sql"].startswith("UPDATE")]  # recorded an hour ago at most
    store_queries(post, 1, start=2)
    assert stored_operations() == ["Q0", "Q2"]


def test_no_cap_keeps_every_query(post, home, settings):
    settings.STOREFRONT_API = {**settings.STOREFRONT_API, "PERSISTED_QUERIES_MAX": 0}
    assert len(store_queries(post, 4)) == 4
    assert len(stored_operations()) == 4


def persisted_queries_command(*args):
    out = StringIO()
    call_command("persisted_queries", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_and_clears_stored_queries(post, home):
    registered("query SiteName { site { name } }")
    store_queries(post, 2)
    listing = persisted_queries_command("list")
    assert "2 automatic (cap 10000), 1 registered; mode automatic." in listing
    assert "registered  last used" in listing and "SiteName" in listing and "Q1" in listing
    assert persisted_queries_command("clear") == "Removed 2 automatic persisted queries.\n"
    assert list(PersistedQuery.objects.values_list("source", flat=True)) == ["registered"]
    assert persisted_queries_command("clear", "--source", "registered") == "Removed 1 registered persisted query.\n"


def test_admins_see_persisted_queries_and_clear_the_automatic_ones(admin_client, post, home):
    registered("query SiteName { site { name } }")
    store_queries(post, 2)
    index = admin_client.get(reverse("persisted_queries:index"))
    assert index.status_code == 200
    page = index.content.decode()
    q0_hash = hashlib.sha256(b"query Q0 { site { name } }").hexdigest()
    assert "SiteName" in page and q0_hash in page and "Clear automatic queries" in page
    # The hash, not the name: "Q0" alone also turns up in the page's random CSRF token now and then.
    assert q0_hash not in admin_client.get(reverse("persisted_queries:index"), {"source": "registered"}).content.decode()
    inspect = admin_client.get(reverse("persisted_queries:inspect", args=[PersistedQuery.objects.first().pk]))
    assert inspect.status_code == 200
    assert admin_client.get(reverse("persisted_queries:add")).status_code in (302, 403)
    confirm = admin_client.get(reverse("persisted_queries:clear"))
    assert "2 queries were stored automatically by clients." in confirm.content.decode()
    response = admin_client.post(reverse("persisted_queries:clear"))
    assert response.status_code == 302
    assert list(PersistedQuery.objects.values_list("source", flat=True)) == ["registered"]


def test_editors_without_the_permission_cannot_clear(client, django_user_model, post, home):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    store_queries(post, 1)
    assert client.post(reverse("persisted_queries:clear")).status_code in (302, 403)
    assert PersistedQuery.objects.count() == 1
