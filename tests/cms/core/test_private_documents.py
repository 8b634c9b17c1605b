"""Document files live in their own storage, never under MEDIA_ROOT, and are served only by
Wagtail's view at /documents/<id>/<name>, which checks the collection's privacy first; a web
server may send the bytes after that check (cms/core/documents.py, docs/operations.md "Media and documents")."""

import os
from pathlib import Path
from urllib.parse import quote

import factory
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.factories import DocumentFactory

PRICE_LIST = b"Espresso 1.20 EUR\n"


def body(response):
    """The bytes sent; reading a streamed body to its end also closes the file."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def is_inside(path, folder):
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


@pytest.fixture
def private_document(private_collection):
    return DocumentFactory(collection=private_collection)


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ada"))
    return client


def test_a_document_file_is_kept_outside_media_root(private_document):
    assert not is_inside(private_document.file.path, settings.MEDIA_ROOT)
    assert is_inside(private_document.file.path, settings.DOCUMENTS_ROOT)
    assert Path(private_document.file.path).read_bytes() == PRICE_LIST


@pytest.mark.urls("tests.cms.core.debug_media_urls")
def test_development_media_serving_does_not_serve_a_document(client, private_document, image):
    media = client.get(image.file.url)
    assert media.status_code == 200  # the media view answers for images
    assert body(media)
    assert client.get(settings.MEDIA_URL + private_document.file.name).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert response.url == f"{reverse('wagtailcore_login')}?next={private_document.url}"


def test_a_logged_in_visitor_gets_the_file(staff_client, private_document):
    response = staff_client.get(private_document.url)
    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response and "X-Sendfile" not in response
    assert response["Cache-Control"] == "private, no-cache"  # never kept by a CDN
    assert body(response) == PRICE_LIST


def test_a_public_document_is_served_by_the_view(client, db):
    document = DocumentFactory()
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-cache"  # the collection may turn private
    assert body(response) == PRICE_LIST


@override_settings(WAGTAILDOCS_SERVE_METHOD="direct")
def test_a_document_has_no_media_url_even_when_direct_links_are_asked_for(private_document):
    assert private_document.url == f"/documents/{private_document.pk}/{private_document.filename}"


@override_settings(DOCUMENTS={"SENDFILE": "nginx"})
def test_nginx_sends_the_file_after_the_permission_check(client, django_user_model, private_document):
    assert client.get(private_document.url).status_code == 302
    client.force_login(django_user_model.objects.create_user("ada"))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/internal-documents/{private_document.file.name}"
    assert response["Content-Type"] == "text/plain"
    assert response["Cache-Control"] == "private, no-cache"
    assert body(response) == b""


@override_settings(DOCUMENTS={"SENDFILE": "nginx", "SENDFILE_URL": "/protected"})
def test_the_nginx_location_is_configurable_and_the_path_url_encoded(staff_client, private_collection):
    document = DocumentFactory(collection=private_collection, file=factory.django.FileField(filename="listino è.txt"))
    response = staff_client.get(document.url)
    assert response["X-Accel-Redirect"] == "/protected/" + quote(document.file.name)
    assert body(response) == b""


@override_settings(DOCUMENTS={"SENDFILE": "xsendfile"})
def test_x_sendfile_names_the_file_on_disk(staff_client, private_collection):
    document = DocumentFactory(collection=private_collection, file=factory.django.FileField(filename="listino è.txt"))
    response = staff_client.get(document.url)
    assert response.status_code == 200
    # The path's bytes as the file system has them (a WSGI header is Latin-1 text).
    assert response["X-Sendfile"] == os.fsencode(document.file.path).decode("latin-1")
    assert body(response) == b""


def test_a_document_uploaded_in_the_admin_is_kept_privately(admin_client, private_collection):
    upload = SimpleUploadedFile("rota.txt", b"Mon: Ada\n", content_type="text/plain")
    data = {"title": "Rota", "file": upload, "collection": private_collection.pk, "tags": ""}
    assert admin_client.post(reverse("wagtaildocs:add"), data).status_code == 302
    document = get_document_model().objects.get(title="Rota")
    assert is_inside(document.file.path, settings.DOCUMENTS_ROOT)
    assert admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 200
