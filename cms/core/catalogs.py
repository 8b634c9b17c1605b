"""The project's gettext catalogs: where they are and how a ``.po`` becomes the ``.mo``
Django reads, in pure Python (Babel), so a machine without GNU gettext can build them.

Catalogs live in a ``locale/`` folder per app (``themes/locale/it/LC_MESSAGES/django.po``)
and in ``settings.LOCALE_PATHS``. Only the ``.po`` files are kept in git; the ``.mo`` files
are built by ``manage.py compilemessages`` (``make install`` and the scripts that build a
demo site run it).
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from django.apps import apps
from django.conf import settings


@dataclass(frozen=True)
class CatalogProblem:
    """Why a catalog could not be compiled, or one message of it that is wrong."""

    path: Path
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


def project_locale_dirs():
    """``settings.LOCALE_PATHS`` and the ``locale/`` folder of every installed app of this
    project (those inside ``settings.BASE_DIR``; Django's and Wagtail's ship compiled)."""
    base = Path(settings.BASE_DIR).resolve()
    found = [Path(path).resolve() for path in settings.LOCALE_PATHS]
    for app_config in apps.get_app_configs():
        app_dir = Path(app_config.path).resolve()
        # A virtualenv inside the checkout (make's .venv) holds installed apps: not ours.
        if app_dir.is_relative_to(base) and "site-packages" not in app_dir.parts:
            found.append(app_dir / "locale")
    return sorted({path for path in found if path.is_dir()})


def catalog_paths(locale_dirs, languages=(), exclude=()):
    """The ``.po`` files below ``locale_dirs`` (``<language>/LC_MESSAGES/*.po``), optionally of
    some languages only, less the excluded ones."""
    paths = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            language = po_path.parent.parent.name
            if (languages and language not in languages) or language in exclude:
                continue
            paths.append(po_path)
    return paths


def read_catalog(po_path):
    """The Babel catalog of a ``.po`` file; raises PoFileError naming the line of a syntax error."""
    language = Path(po_path).parent.parent.name
    with open(po_path, "rb") as po_file:
        return read_po(po_file, locale=language, domain=Path(po_path).stem, abort_invalid=True)


def compile_catalog(po_path, use_fuzzy=False):
    """Write ``<name>.mo`` next to ``po_path`` unless it is newer than the ``.po`` already.

    Returns ``(compiled, problems)``: whether a file was written, and the problems found —
    a syntax error, or messages whose translation does not keep the placeholders of the
    original (``%(time)s``), which Django would fail on when rendering. With problems nothing
    is written. The file is replaced in one step, so a process reading it meanwhile (another
    test run, a running server) sees the old or the new catalog, never half of one.
    """
    po_path = Path(po_path)
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False, []
    try:
        catalog = read_catalog(po_path)
    except PoFileError as error:
        return False, [CatalogProblem(po_path, str(error))]
    problems = [
        CatalogProblem(po_path, f"{message.id!r}: {error}")
        for message, errors in catalog.check()
        for error in errors
    ]
    if problems:
        return False, problems
    handle, temporary = tempfile.mkstemp(dir=po_path.parent, prefix=".", suffix=".mo")
    try:
        with os.fdopen(handle, "wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=use_fuzzy)
        os.chmod(temporary, 0o644)
        os.replace(temporary, mo_path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True, []
