"""Documents are private files. Their files live in the "documents" storage (``STORAGES``,
at ``DOCUMENTS_ROOT``), never under MEDIA_ROOT, which holds images only and may be served by
anyone (a CDN, object storage, the development server). The storage gives no URL: every
download goes through Wagtail's view at /documents/<id>/<name>, which checks the privacy of
the document's collection first (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``).

After that check this module sends the file (it is Wagtail's ``SENDFILE_BACKEND``): streamed
by Django, or handed to the web server with X-Accel-Redirect (nginx) or X-Sendfile (Apache's
mod_xsendfile, lighttpd). The DOCUMENTS settings dict, read here with defaults:

- SENDFILE: "" (Django streams the file), "nginx" or "xsendfile".
- SENDFILE_URL: the prefix of nginx's ``internal`` location whose ``alias`` is DOCUMENTS_ROOT.
"""

import os
from pathlib import Path
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.utils import sendfile_streaming_backend

from .settings_dicts import settings_dict_reader

DEFAULTS = {"SENDFILE": "", "SENDFILE_URL": "/internal-documents/"}
UPLOAD_FOLDER = "documents"  # Wagtail's upload_to for document files, in any storage

documents_setting = settings_dict_reader("DOCUMENTS", DEFAULTS)


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk that have no public URL (Wagtail then links to its serve view)."""

    def url(self, name):
        raise NotImplementedError("Document files have no public URL; link to the document's url (Wagtail's serve view).")


def document_storage():
    """The storage of document files (the model field's callable, so migrations name it)."""
    return storages["documents"]


class ProtectedDocument(AbstractDocument):
    """Wagtail's document (``WAGTAILDOCS_DOCUMENT_MODEL``) with its file in the documents
    storage. Permissions stay Wagtail's (on ``wagtaildocs.Document``, per collection)."""

    file = models.FileField(upload_to=UPLOAD_FOLDER, storage=document_storage, verbose_name=_("file"))

    admin_form_fields = Document.admin_form_fields


def accel_redirect(request, filename, **kwargs):
    """An empty response telling nginx to send ``filename`` from its internal location."""
    relative = Path(filename).resolve().relative_to(Path(document_storage().location).resolve())
    response = HttpResponse()
    response["X-Accel-Redirect"] = documents_setting("SENDFILE_URL").rstrip("/") + "/" + quote(relative.as_posix())
    return response


def x_sendfile(request, filename, **kwargs):
    """An empty response telling the web server to send the file at ``filename``."""
    response = HttpResponse()
    # The path's bytes as the file system has them: WSGI headers are Latin-1 text.
    response["X-Sendfile"] = os.fsencode(filename).decode("latin-1")
    return response


SENDERS = {"": sendfile_streaming_backend.sendfile, "nginx": accel_redirect, "xsendfile": x_sendfile}


def sendfile(request, filename, **kwargs):
    """Wagtail's sendfile backend: called after the permission check, for the file on disk.
    Shared caches (a CDN) must not keep the answer: it was for this visitor, and a public
    collection may turn private. Browsers keep it but ask again (the ETag makes that cheap)."""
    method = documents_setting("SENDFILE")
    if method not in SENDERS:
        raise ImproperlyConfigured(unknown_sendfile_message(method))
    response = SENDERS[method](request, filename, **kwargs)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def unknown_sendfile_message(method):
    return f"DOCUMENTS['SENDFILE'] is {method!r}; use one of {', '.join(repr(name) for name in SENDERS)}."
