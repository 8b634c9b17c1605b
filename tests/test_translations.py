"""The whole project in Italian: every message its Python and templates mark for translation
has an Italian translation in the project's catalogs, and the catalogs hold nothing else.

Django merges the catalogs of ``settings.LOCALE_PATHS`` (cms/locale: the admin's) and of each
app (themes/locale: the storefront's, whose own test says which words are the storefront's).
Each message lives in one of them: the catalogs of LOCALE_PATHS take precedence, so a message
in both would show the admin's translation on the storefront. They also take precedence over
Wagtail's and Django's catalogs, and the project's apps come before Wagtail's in
INSTALLED_APPS: where a project catalog translates a message Wagtail or Django translate too,
its translation replaces theirs on their own screens, so the two must say the same.

tests/test_i18n_marking.py makes sure the words are marked in the first place.
"""

from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.core.catalogs import catalog_paths, compile_catalog, project_locale_dirs, read_catalog
from tests.editing import page_edit_url
from tests.factories import StorePageFactory
from tests.i18n import messages_in, messages_in_template, po_entry, project_messages, singular, translation_problem

ADMIN_CATALOG = Path(settings.BASE_DIR) / "cms" / "locale" / "it" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def catalogs():
    """``{path: Babel catalog}`` of the project's Italian catalogs."""
    paths = catalog_paths(project_locale_dirs(), languages=["it"])
    return {path: read_catalog(path) for path in paths}


def entries(catalog):
    return {(singular(message.id), message.context): message for message in catalog if message.id}


def untranslated(messages, catalogs):
    """``(source, msgid, context, problem)`` of each message the catalogs do not translate."""
    found = {}
    for catalog in catalogs.values():
        for key, entry in entries(catalog).items():
            found[key] = (entry, catalog.num_plurals)
    problems = []
    for (msgid, context), source in sorted(messages.items(), key=lambda item: (item[1], str(item[0]))):
        entry, num_plurals = found.get((singular(msgid), context), (None, 2))
        problem = translation_problem(entry, msgid, num_plurals)
        if problem:
            problems.append((source, msgid, context, problem))
    return problems


def test_the_catalogs_are_the_admins_and_the_storefronts(catalogs):
    names = {str(path.relative_to(settings.BASE_DIR)) for path in catalogs}
    assert names == {"cms/locale/it/LC_MESSAGES/django.po", "themes/locale/it/LC_MESSAGES/django.po"}
    assert all(catalog.num_plurals == 2 for catalog in catalogs.values())


def test_every_message_of_the_project_has_an_italian_translation(catalogs):
    messages = project_messages()
    assert len(messages) > 500
    problems = untranslated(messages, catalogs)
    listing = "\n\n".join(f"# {source}: {problem}\n{po_entry(msgid, context)}" for source, msgid, context, problem in problems)
    assert problems == [], f"add these to {ADMIN_CATALOG} (or the storefront's), translated:\n\n{listing}"


def test_a_new_message_without_a_translation_is_found(catalogs):
    code = 'from django.utils.translation import gettext_lazy as _\nlabel = _("New label")\nold = _("Store services")\n'
    template = '{% load i18n %}<h2>{% translate "New heading" %}</h2><p>{% translate "Catalog" %}</p>'
    messages = {
        **project_messages(),
        **messages_in(code, "cms/new.py"),
        **messages_in_template(template, "cms/core/templates/core/admin/new.html"),
    }
    assert [(source, msgid, problem) for source, msgid, _context, problem in untranslated(messages, catalogs)] == [
        ("cms/core/templates/core/admin/new.html", "New heading", "no entry"),
        ("cms/new.py", "New label", "no entry"),
    ]


def test_the_catalogs_hold_only_messages_the_project_uses(catalogs):
    used = {(singular(msgid), context) for msgid, context in project_messages()}
    unused = [
        f"{path.relative_to(settings.BASE_DIR)}: {key}"
        for path, catalog in catalogs.items()
        for key in entries(catalog)
        if key not in used
    ]
    assert unused == []


def test_no_message_is_in_two_catalogs(catalogs):
    admin, storefront = (entries(catalogs[path]) for path in sorted(catalogs))
    assert sorted(set(admin) & set(storefront), key=str) == []


def their_catalogs():
    """The Italian catalogs of the installed apps that are not the project's, in the order
    Django looks them up (the first app in INSTALLED_APPS first), then Django's own."""
    ours = set(project_locale_dirs())
    paths = [Path(config.path) / "locale" for config in apps.get_app_configs()]
    paths = [path for path in paths if path.resolve() not in ours]
    paths.append(Path(django.__file__).parent / "conf" / "locale")
    catalogs = []
    for path in paths:
        po_path = path / "it" / "LC_MESSAGES" / "django.po"
        if po_path.exists():
            with open(po_path, "rb") as po_file:  # some have three plural forms (newer CLDR rules): read them all
                catalogs.append(read_po(po_file, locale="it"))
    return catalogs


def test_where_wagtail_or_django_translate_the_same_message_the_project_says_the_same(catalogs):
    theirs = {}
    for catalog in their_catalogs():
        for key, entry in entries(catalog).items():
            if entry.string and not entry.fuzzy:
                theirs.setdefault(key, entry.string)
    assert theirs[("Delete", None)] == "Elimina"  # Wagtail's, read
    disagreeing = [
        (key, entry.string, theirs[key])
        for catalog in catalogs.values()
        for key, entry in entries(catalog).items()
        if key in theirs and entry.string != theirs[key]
    ]
    assert disagreeing == []


def test_the_admin_catalog_compiles_without_problems(tmp_path):
    po_path = tmp_path / "it" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_bytes(ADMIN_CATALOG.read_bytes())
    assert compile_catalog(po_path) == (True, [])


@pytest.fixture
def italian_editor(django_user_model, client):
    editor = django_user_model.objects.create_superuser("giulia", password="x")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "it"
    profile.save()
    client.force_login(editor)
    return client


def test_an_italian_editor_sees_the_store_form_in_italian(italian_editor, store_index):
    store = StorePageFactory(parent=store_index)

    html = italian_editor.get(page_edit_url(store)).content.decode()

    for italian in ("Contenuto", "Posizione", "Orari di apertura", "Servizi", "Indirizzo", "Fuso orario"):
        assert italian in html
    for english in (">Location<", ">Opening hours<", "Street address", "Weekly opening hours", "Closes the next day"):
        assert english not in html


def test_an_italian_editor_sees_the_menu_in_italian(italian_editor, home):
    html = italian_editor.get(reverse("wagtailadmin_home")).content.decode()

    for italian in ("Catalogo", "Scorte", "Servizi dei negozi", "Offerte", "Temi"):
        assert italian in html


def test_an_italian_editor_sees_the_chooser_modals_in_italian(italian_editor, locales):
    """Wagtail translates its choosers' texts at import and leaves their language filter
    unlabelled: cms/core/choosers.py translates both for each request."""
    for url in (reverse("wagtailsnippetchoosers_stores_service:choose"), reverse("store_chooser:choose")):
        html = italian_editor.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
        assert "Scegli" in html and "Lingua" in html
        assert "Choose" not in html and "Locale" not in html
