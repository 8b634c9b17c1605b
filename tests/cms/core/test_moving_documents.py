"""Upgrading a deployment whose documents predate their private storage: the migration turns
Wagtail's document rows into ProtectedDocument rows (ids, tags, history kept), the
`move_media_documents` command moves their files out of MEDIA_ROOT, and system checks say
when files are still public or the documents folder is inside MEDIA_ROOT."""

import importlib
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from wagtail.documents.models import Document as WagtailDocument
from wagtail.log_actions import log
from wagtail.models import Collection, ModelLogEntry

from cms.core.checks import check_document_settings
from cms.core.documents import ProtectedDocument, document_storage

MIGRATION = importlib.import_module("cms.core.migrations.0006_move_documents_to_protected_document")


@pytest.fixture
def media_documents():
    """Files in the media storage's documents folder, as uploads before the change left them;
    removed from both storages afterwards."""
    names = []

    def put(name, content):
        names.append(default_storage.save(f"documents/{name}", ContentFile(content)))
        return names[-1]

    yield put
    for storage in (default_storage, document_storage()):
        for name in names:
            storage.delete(name)


def move(*args):
    out = StringIO()
    call_command("move_media_documents", *args, stdout=out)
    return out.getvalue()


def test_the_command_moves_files_out_of_media(media_documents):
    top, nested = media_documents("menu.txt", b"menu"), media_documents("2025/rota.txt", b"rota")
    assert "2 file(s) to move" in move("--dry-run")
    assert default_storage.exists(top) and not document_storage().exists(top)

    assert "2 file(s) moved" in move()
    for name, content in ((top, b"menu"), (nested, b"rota")):
        assert not default_storage.exists(name)
        assert Path(document_storage().path(name)).read_bytes() == content
    assert "0 file(s) moved" in move()


def test_the_command_leaves_different_files_of_one_name_and_says_so(media_documents):
    name = media_documents("menu.txt", b"old menu")
    document_storage().save(name, ContentFile(b"new menu"))
    with pytest.raises(CommandError, match=name):
        move()
    assert default_storage.exists(name)
    assert Path(document_storage().path(name)).read_bytes() == b"new menu"


def test_a_moved_file_is_served_again(client, db, media_documents):
    name = media_documents("menu.txt", b"menu")
    document = ProtectedDocument.objects.create(title="Menu", file=name)
    assert client.get(document.url).status_code == 404  # the row points at the documents storage
    move()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"menu"


def test_the_migration_keeps_ids_tags_and_history(db):
    old = WagtailDocument.objects.create(
        id=41, title="Old price list", file="documents/old.txt", collection=Collection.get_first_root_node()
    )
    old.tags.add("staff")
    log(old, "wagtail.create")
    schema_editor = SimpleNamespace(connection=connection)

    MIGRATION.forwards(apps, schema_editor)

    moved = ProtectedDocument.objects.get(pk=41)
    assert (moved.title, moved.file.name, moved.created_at) == ("Old price list", "documents/old.txt", old.created_at)
    assert list(moved.tags.names()) == ["staff"]
    assert ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(moved), object_id="41").exists()
    assert not WagtailDocument.objects.exists()
    assert ProtectedDocument.objects.create(title="New", file="documents/new.txt").pk > 41  # the id sequence moved on

    MIGRATION.backwards(apps, schema_editor)
    assert list(WagtailDocument.objects.get(pk=41).tags.names()) == ["staff"]
    assert not ProtectedDocument.objects.exists()


def test_checks_are_quiet_by_default():
    assert check_document_settings() == []


@override_settings(DOCUMENTS={"SENDFILE": "apache"})
def test_an_unknown_sendfile_method_is_an_error():
    assert [problem.id for problem in check_document_settings()] == ["core.E001"]


def test_a_documents_folder_inside_media_root_is_an_error():
    inside = Path(settings.MEDIA_ROOT) / "private"
    storages = {**settings.STORAGES, "documents": {**settings.STORAGES["documents"], "OPTIONS": {"location": inside}}}
    with override_settings(STORAGES=storages):
        assert [problem.id for problem in check_document_settings()] == ["core.E002"]


def test_files_left_in_media_are_a_warning(media_documents):
    media_documents("menu.txt", b"menu")
    assert [problem.id for problem in check_document_settings()] == ["core.W001"]
    move()
    assert check_document_settings() == []
