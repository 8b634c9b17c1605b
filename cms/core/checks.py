"""System checks: a document sendfile method that does not exist, or document files that
media serving would publish, are reported at startup (cms/core/documents.py); so is an
ADMIN_TIME_ZONE that is no time zone (cms/core/accounts.py)."""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, default_storage

from .validators import time_zone_names
from .documents import SENDERS, UPLOAD_FOLDER, document_storage, documents_setting, unknown_sendfile_message


def check_document_settings(app_configs=None, **kwargs):
    """A sendfile method that does not exist, or documents that media serving would publish."""
    problems = []
    if documents_setting("SENDFILE") not in SENDERS:
        problems.append(checks.Error(unknown_sendfile_message(documents_setting("SENDFILE")), id="core.E001"))
    storage, media_root = document_storage(), Path(settings.MEDIA_ROOT).resolve()
    if isinstance(storage, FileSystemStorage) and Path(storage.location).resolve().is_relative_to(media_root):
        message = f"DOCUMENTS_ROOT ({storage.location}) is inside MEDIA_ROOT, where anyone can download its files."
        problems.append(checks.Error(message, hint="Choose a folder outside MEDIA_ROOT.", id="core.E002"))
    if public_document_files():
        message = f"Document files are still under MEDIA_ROOT/{UPLOAD_FOLDER}, where anyone can download them."
        problems.append(checks.Warning(message, hint="Run `manage.py move_media_documents`.", id="core.W001"))
    return problems


def public_document_files():
    """Whether a file is left in the media storage's documents folder (checked on disk only)."""
    if not isinstance(default_storage, FileSystemStorage):
        return False
    for _folder, _subfolders, files in os.walk(Path(default_storage.location) / UPLOAD_FOLDER):
        if files:
            return True
    return False


def check_admin_time_zone(app_configs=None, **kwargs):
    if settings.ADMIN_TIME_ZONE not in time_zone_names():
        message = f"ADMIN_TIME_ZONE {settings.ADMIN_TIME_ZONE!r} is not an IANA time zone."
        return [checks.Error(message, hint="For example Europe/Rome or America/New_York.", id="core.E003")]
    return []
