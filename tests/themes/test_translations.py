"""The storefront's Italian catalog (themes/locale/it): every word the storefront shows has an
Italian translation, and the catalog holds nothing the storefront no longer uses.

The words are read from the storefront's templates (themes/templates and the page templates in
cms/*/templates, as ``makemessages`` reads them), its Python (the views and template tags
that pass words to the pages' scripts) and the model choices the pages show. Templates in a
folder named ``admin`` are the admin's (tests/i18n.py): their words are in the admin's catalog.
"""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cms.core.catalogs import compile_catalog, read_catalog
from cms.guides.models import Occasion, Recipient
from cms.offers.models import Channel
from cms.policies.models import ReturnMethod
from tests.i18n import ROOT, is_admin_template, python_messages, singular, template_messages, translation_problem

CATALOG = ROOT / "themes" / "locale" / "it" / "LC_MESSAGES" / "django.po"
PYTHON_SOURCES = ["themes/storefront/views.py", "themes/templatetags/storefront.py"]
SHOWN_CHOICES = [Channel, Recipient, Occasion, ReturnMethod]


def storefront_templates():
    paths = sorted((ROOT / "themes" / "templates").rglob("*.html")) + sorted((ROOT / "cms").glob("*/templates/**/*.html"))
    return [path for path in paths if not is_admin_template(path)]


def storefront_messages():
    """``{msgid or (singular, plural): source}``; the storefront uses no message contexts."""
    found = {}
    for path in storefront_templates():
        found.update(template_messages(path))
    for source in PYTHON_SOURCES:
        found.update(python_messages(ROOT / source))
    with translation.override(None):  # the untranslated labels
        for choices in SHOWN_CHOICES:
            found.update({(str(label), None): choices.__name__ for label in choices.labels})
    assert [key for key in found if key[1] is not None] == []
    return {msgid: source for (msgid, _context), source in found.items()}


@pytest.fixture(scope="module")
def catalog():
    return read_catalog(CATALOG)


def test_the_storefront_has_words_to_translate():
    found = storefront_messages()
    assert "Skip to content" in found  # base.html
    assert ("{count} store found.", "{count} stores found.") in found  # views.py, plural
    assert "In store" in found  # a model choice shown on offer cards


def test_every_storefront_word_has_an_italian_translation(catalog):
    missing = []
    for msgid, source in storefront_messages().items():
        problem = translation_problem(catalog.get(singular(msgid)), msgid, catalog.num_plurals)
        if problem:
            missing.append(f"{source}: {msgid!r} ({problem})")
    assert missing == []


def test_the_catalog_holds_only_words_the_storefront_uses(catalog):
    used = {singular(msgid) for msgid in storefront_messages()}
    assert [singular(entry.id) for entry in catalog if entry.id and singular(entry.id) not in used] == []


def test_the_catalog_compiles_without_problems(tmp_path):
    po_path = tmp_path / "it" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_bytes(CATALOG.read_bytes())
    compiled, problems = compile_catalog(po_path)
    assert (compiled, problems) == (True, [])
    assert po_path.with_suffix(".mo").stat().st_size > 0


def test_a_translation_that_drops_a_placeholder_is_refused(tmp_path):
    po_path = tmp_path / "it" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "closes at %(time)s"\nmsgstr "chiude alle %(ora)s"\n'
    )
    compiled, problems = compile_catalog(po_path)
    assert not compiled and not po_path.with_suffix(".mo").exists()
    assert len(problems) == 1 and "closes at %(time)s" in str(problems[0]) and str(po_path) in str(problems[0])


def test_compilemessages_compiles_the_project_catalogs_and_fails_on_a_bad_one(tmp_path, settings):
    mo_path = CATALOG.with_suffix(".mo")
    mo_path.unlink(missing_ok=True)
    call_command("compilemessages", verbosity=0)
    assert mo_path.exists()
    with translation.override("it"):
        assert translation.gettext("Skip to content") != "Skip to content"

    bad = tmp_path / "locale" / "it" / "LC_MESSAGES" / "django.po"
    bad.parent.mkdir(parents=True)
    bad.write_text('msgid "unterminated\n')
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path / "locale"]
    with pytest.raises(CommandError):
        call_command("compilemessages", verbosity=0)
