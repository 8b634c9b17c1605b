"""The words the project marks for translation, read from its code as ``makemessages`` reads
them, and what a catalog must hold for each; shared by the storefront's catalog test
(tests/themes/test_translations.py) and the project's (tests/test_translations.py).

Templates are read through Django's ``templatize`` (what ``makemessages`` feeds to xgettext)
and Python with Babel's extractor, with Django's keywords (``gettext_lazy``, ``pgettext``, …).
A message is keyed ``(msgid, context)``; a plural's msgid is ``(singular, plural)``.

The admin's templates are those in a folder named ``admin`` below an app's ``templates``
(``cms/core/templates/core/admin/…``), as Wagtail keeps its own in ``wagtailadmin``: their
words belong to the admin's catalog (cms/locale), every other template's to the storefront's.
"""

import io
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.pofile import escape
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = ("cms", "themes", "search", "storefront_api")
# Django's gettext functions, as makemessages passes them to xgettext.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def relative(path):
    return str(Path(path).relative_to(ROOT))


def is_admin_template(path):
    parts = Path(path).relative_to(ROOT).parts
    below_templates = parts[parts.index("templates") + 1 :]
    return "admin" in below_templates[:-1]


def project_templates():
    return sorted(path for package in PROJECT_PACKAGES for path in (ROOT / package).rglob("templates/**/*.html"))


def admin_templates():
    return [path for path in project_templates() if is_admin_template(path)]


def project_python_files():
    """The project's Python, without migrations (their texts are copies of the models')."""
    files = (path for package in PROJECT_PACKAGES for path in (ROOT / package).rglob("*.py"))
    return sorted(path for path in files if "migrations" not in path.parts)


def messages_in(code, source):
    """``{(msgid, context): source}`` of the gettext calls in Python ``code``."""
    found = {}
    for _lineno, message, _comments, context in extract("python", io.BytesIO(code.encode()), KEYWORDS):
        found[(message, context)] = source
    return found


def messages_in_template(text, source):
    """What ``templatize`` makes of a template is Python-like text for xgettext, which ignores
    indentation; Babel reads it with Python's tokenizer, which does not: the lines are dedented
    (each gettext call is on one line, its message a single literal)."""
    code = templatize(text, origin=source)
    return messages_in("\n".join(line.lstrip() for line in code.splitlines()), source)


def template_messages(path):
    return messages_in_template(Path(path).read_text(), relative(path))


def python_messages(path):
    return messages_in(Path(path).read_text(), relative(path))


def project_messages():
    """Every message of the project's templates and Python."""
    found = {}
    for path in project_templates():
        found.update(template_messages(path))
    for path in project_python_files():
        found.update(python_messages(path))
    return found


def singular(msgid):
    return msgid[0] if isinstance(msgid, tuple) else msgid


def translation_problem(entry, msgid, num_plurals):
    """Why a catalog ``entry`` (a Babel message, or None) does not translate ``msgid``, or None."""
    if entry is None:
        return "no entry"
    if entry.fuzzy:
        return "fuzzy"
    if isinstance(msgid, tuple) != isinstance(entry.id, tuple):
        return "plural in one, singular in the other"
    strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    if isinstance(msgid, tuple) and len(strings) != num_plurals:
        return f"{len(strings)} plural forms instead of {num_plurals}"
    if not all(strings):
        return "empty translation"
    return None


def po_entry(msgid, context):
    """A catalog entry to fill in, as the failure message of a test lists it."""
    lines = [f"msgctxt {escape(context)}"] if context else []
    if isinstance(msgid, tuple):
        lines += [f"msgid {escape(msgid[0])}", f"msgid_plural {escape(msgid[1])}", 'msgstr[0] ""', 'msgstr[1] ""']
    else:
        lines += [f"msgid {escape(msgid)}", 'msgstr ""']
    return "\n".join(lines)
