"""Every word the project shows editors and shoppers goes through Django's translation: no
text of the admin is left as a plain English literal, or made up from a name in the code.

**Python, read with ``ast``** (cms/, themes/, search/, storefront_api/; not their migrations,
``management/`` commands, whose output is for operators, ``cms/settings`` or ``cms/demo``, whose
content is written in each language as editors would). A *text* is a string literal with a
letter in it, an f-string, or an expression built on one (``"…" % x``, ``"…".format(x)``,
``"…" + x``); it is *marked* inside a gettext call (``_``, ``gettext_lazy``, ``ngettext``,
``pgettext``, …). A text is reported where it reaches a screen:

1. as a keyword argument named like a visible text (``TEXT_NAMES``: ``verbose_name``,
   ``help_text``, ``label``, ``heading``, ``menu_label``, ``message``, a chooser's texts, …) of any call;
2. as the first argument of a model or form field (``models.CharField("SKU")``: its verbose
   name), but not of search-index fields (``index.SearchField("name")``) or relations, whose
   first argument names a field or a model;
3. as the message of a ``ValidationError`` or ``RegexValidator``, of ``messages.success``,
   ``info``, ``warning`` or ``error``, or the label of an admin button or menu item (``Button``,
   ``MenuItem``, …);
4. assigned to a class attribute or ``self.<attribute>`` named like a visible text
   (``Meta.verbose_name``, a block's ``Meta.label``, a viewset's ``menu_label``); an
   ``AppConfig``'s ``label`` is an identifier and is left alone;
5. as a choice's label: in ``choices=[…]``, in a list assigned to a name ending in ``choices``,
   and in the members of ``TextChoices``/``IntegerChoices``. A member without a label is
   reported too: Django would make one from its English name;
6. as the ``title``, ``placeholder``, ``aria-label`` or ``alt`` in a widget's or button's ``attrs``.

**What Django and Wagtail derive from names**, checked on the loaded project: a model field
without a verbose name shows its attribute name ("street address"), a model without one its
class name, a block without a label its name in the StreamField ("Product callout"), a form
field without a label its name, a group of viewsets its app label. So every model the admin
shows (page types, snippets, settings, the models of admin viewsets, and their inline child
models) gives each of its own fields (not those of Wagtail's base classes, nor an inline child's
``ParentalKey`` to its parent) a translated verbose name (and help text, if any) and
itself a translated ``verbose_name`` and ``verbose_name_plural``; every block in their
StreamFields a translated label (or none: a list's items show none); every field declared on the project's forms a translated
label; every item of the admin's menus a translated label; every chooser modal texts translated
for each request (Wagtail translates its defaults once, at import); and no listing prints a
yes/no field as Python's True or False.

**Templates of the admin** (tests/i18n.py says which): their visible text — text between tags,
and ``title``, ``alt``, ``placeholder`` and ``aria-label`` attributes — is inside
``{% translate %}``/``{% blocktranslate %}`` or comes from a variable. The check is textual:
template tags and variables are cut out, then what is left of the HTML is read.

**The admin's JavaScript** (``cms/*/static``) holds no phrase (two words or more) of its own:
its words come from the templates that use it. (The storefront's scripts in themes/static get
theirs from its views, themes/storefront/views.py; their own literals are GraphQL documents,
class names and error codes.)

English on purpose, and in none of the places above: the GraphQL API's errors and schema
descriptions (for frontend developers), the stock API's errors (for store systems), log
lines, system checks and command output (for operators), exception messages that only
developers see, and webhook payloads (data for programs).
"""

import ast
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db.models import BooleanField
from django.forms.forms import BaseForm
from django.template.base import Lexer, TokenType
from django.urls import get_resolver
from django.utils.functional import Promise
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail import blocks, hooks
from wagtail.admin.menu import SubmenuMenuItem, admin_menu
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.utils.registry import resolve_model_string

from tests.i18n import PROJECT_PACKAGES, ROOT, admin_templates, relative

GETTEXT_FUNCTIONS = {
    "_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
    "npgettext", "npgettext_lazy",
}
TEXT_NAMES = {
    "verbose_name", "verbose_name_plural", "help_text", "label", "heading", "menu_label", "message",
    "choose_one_text", "choose_another_text", "edit_item_text", "choose_multiple_text", "page_title", "page_subtitle",
    "header_title", "empty_message", "add_item_label",
}
# Calls whose first argument names a field or a model rather than saying something.
FIELD_NAMING_CALLS = {"SearchField", "FilterField", "AutocompleteField", "RelatedFields"}
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey", "ParentalManyToManyField"}
# Admin buttons and menu items: the label comes first.
LABEL_FIRST_CALLS = {
    "MenuItem", "SubmenuMenuItem", "AdminOnlyMenuItem", "Button", "ListingButton", "PageListingButton",
    "HeaderButton", "ButtonWithDropdown",
}
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
LETTER = re.compile(r"[^\W\d_]")
SKIPPED_DIRECTORIES = {"migrations", "management", "settings", "demo"}


def checked_python_files():
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if not SKIPPED_DIRECTORIES & set(path.relative_to(ROOT).parts[:-1]):
                yield path


def call_name(node):
    """``models.CharField(…)`` → "CharField"; ``_(…)`` → "_"."""
    function = node.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def call_owner(node):
    """``index.SearchField(…)`` → "index"; ``messages.success(…)`` → "messages"."""
    function = node.func
    if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
        return function.value.id
    return ""


def unmarked_text(node):
    """The English text ``node`` shows without a translation, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if LETTER.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        return ast.unparse(node) if LETTER.search(literal) else None
    if isinstance(node, ast.BinOp):  # "…" % values, "…" + x
        return unmarked_text(node.left) or unmarked_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return unmarked_text(node.func.value)
    return None


def choice_labels(node):
    """The label nodes of a literal list of choices, groups included."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return
    for choice in node.elts:
        if isinstance(choice, (ast.List, ast.Tuple)) and len(choice.elts) == 2:
            value, label = choice.elts
            yield label
            yield from choice_labels(label)  # a group: (label, [choices])


def base_names(class_node):
    return {base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "") for base in class_node.bases}


class Finder(ast.NodeVisitor):
    """Collects ``(line, what, text)`` of the unmarked texts of one module (rules 1–6)."""

    def __init__(self):
        self.found = []
        self.classes = []
        self.scopes = []  # the classes and functions the visitor is in, innermost last

    def report(self, node, what):
        text = unmarked_text(node)
        if text is not None:
            self.found.append((node.lineno, what, text))

    def visit_ClassDef(self, node):
        self.classes.append(node)
        self.scopes.append(node)
        if any(name.endswith("Choices") for name in base_names(node)):
            self.check_choices_members(node)
        self.generic_visit(node)
        self.scopes.pop()
        self.classes.pop()

    def visit_FunctionDef(self, node):
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def in_app_config(self):
        return any("AppConfig" in base_names(node) for node in self.classes)

    def check_choices_members(self, node):
        for statement in node.body:
            if not isinstance(statement, ast.Assign) or not isinstance(statement.targets[0], ast.Name):
                continue
            member, value = statement.targets[0].id, statement.value
            if isinstance(value, ast.Tuple) and len(value.elts) == 2:
                self.report(value.elts[1], f"label of the choice {member}")
            elif isinstance(value, ast.Constant) and member.isupper():
                self.found.append((statement.lineno, f"the choice {member}", "a label made from its name"))

    def visit_Assign(self, node):
        for target in node.targets:
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            class_attribute = isinstance(target, ast.Name) and self.scopes and isinstance(self.scopes[-1], ast.ClassDef)
            self_attribute = isinstance(target, ast.Attribute) and getattr(target.value, "id", "") == "self"
            if (class_attribute or (self_attribute and self.classes)) and name in TEXT_NAMES and not (name == "label" and self.in_app_config()):
                self.report(node.value, name)
            if name.lower().endswith("choices"):
                for label in choice_labels(node.value):
                    self.report(label, f"a label of {name}")
        self.generic_visit(node)

    def visit_Call(self, node):
        name = call_name(node)
        if name in GETTEXT_FUNCTIONS:
            return  # marked: nothing inside is reported
        for keyword in node.keywords:
            if keyword.arg in TEXT_NAMES:
                self.report(keyword.value, f"{name}({keyword.arg}=…)")
            elif keyword.arg == "choices":
                for label in choice_labels(keyword.value):
                    self.report(label, f"{name}(choices=…)")
            elif keyword.arg == "attrs" and isinstance(keyword.value, ast.Dict):
                for key, value in zip(keyword.value.keys, keyword.value.values):
                    if isinstance(key, ast.Constant) and key.value in VISIBLE_ATTRIBUTES:
                        self.report(value, f"{name}(attrs={{{key.value!r}: …}})")
        positional = node.args
        is_field = name.endswith("Field") and name not in RELATION_FIELDS | FIELD_NAMING_CALLS and call_owner(node) != "graphene"
        if positional and (is_field or name in LABEL_FIRST_CALLS or name == "ValidationError"):
            self.report(positional[0], f"{name}(…)")
        if name == "RegexValidator" and len(positional) > 1:
            self.report(positional[1], "RegexValidator(regex, message)")
        if call_owner(node) == "messages" and name in MESSAGE_LEVELS and len(positional) > 1:
            self.report(positional[1], f"messages.{name}(request, message)")
        self.generic_visit(node)


def unmarked_in_python(code):
    finder = Finder()
    finder.visit(ast.parse(code))
    return sorted(finder.found, key=lambda found: found[0])


# --- Templates -----------------------------------------------------------------------------


class VisibleText(HTMLParser):
    """The visible text of an HTML fragment whose template tags were replaced by ``\\0``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.hidden = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.found += [value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.found.append(data)


def unmarked_in_template(source):
    """Text with letters outside translate tags, variables and comments."""
    skeleton, skipping = [], None
    for token in Lexer(source).tokenize():
        contents = token.contents.split()
        if skipping:
            if token.token_type == TokenType.BLOCK and contents and contents[0] == skipping:
                skipping = None
            continue
        if token.token_type == TokenType.TEXT:
            skeleton.append(token.contents)
        elif token.token_type == TokenType.BLOCK and contents and contents[0] in ("blocktranslate", "blocktrans", "comment"):
            skipping = "end" + contents[0]
        else:
            skeleton.append("\0")
    parser = VisibleText()
    parser.feed("".join(skeleton))
    parser.close()
    texts = (" ".join(text.replace("\0", " ").split()) for text in parser.found)
    return [text for text in texts if LETTER.search(text)]


# --- JavaScript ----------------------------------------------------------------------------

JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
JS_STRING = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`""")
PHRASE = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")


def admin_scripts():
    return sorted((ROOT / "cms").glob("*/static/**/*.js"))


def phrases_in_script(code):
    return [literal for literal in JS_STRING.findall(JS_COMMENT.sub("", code)) if PHRASE.search(literal)]


# --- What Django and Wagtail derive from names ---------------------------------------------


def is_project_class(klass):
    return klass.__module__.split(".")[0] in PROJECT_PACKAGES


@pytest.fixture(scope="module")
def admin_registries():
    get_resolver().url_patterns  # importing the admin's URLs registers its viewsets
    return viewsets


def admin_models():
    """The project's models the admin shows, with their inline child models."""
    shown = {*get_page_models(), *get_snippet_models(), *settings_registry}
    shown |= {viewset.model for viewset in viewsets.viewsets if isinstance(getattr(viewset, "model", None), type)}
    queue = [model for model in shown if is_project_class(model)]
    found = set()
    while queue:
        model = queue.pop()
        if model in found:
            continue
        found.add(model)
        if issubclass(model, ClusterableModel):
            queue += [relation.related_model for relation in get_all_child_relations(model)]
    return sorted(found, key=lambda model: model._meta.label)


def own_fields(model):
    """The fields of ``model`` that the project's classes declare: not those of Wagtail's or
    Django's models and mixins (``Page``, ``Orderable``, ``TranslatableMixin``, …), nor an inline
    child's ``ParentalKey`` to its parent, which its form never shows."""
    theirs = set()
    for klass in model.__mro__:
        if hasattr(klass, "_meta") and not is_project_class(klass):
            theirs |= {field.name for field in [*klass._meta.local_fields, *klass._meta.local_many_to_many]}
    return [
        field
        for field in [*model._meta.fields, *model._meta.many_to_many]
        if field.name not in theirs and not field.auto_created and not isinstance(field, ParentalKey)
    ]


def all_blocks(block, path):
    children = getattr(block, "child_blocks", None) or {}
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for name, child in children.items():
        yield f"{path}.{name}", child
        yield from all_blocks(child, f"{path}.{name}")


def derived_names(model):
    """Texts of ``model`` that are not lazily translated: ``(where, what)``."""
    problems = []
    for option in ("verbose_name", "verbose_name_plural"):
        if not (option in model._meta.original_attrs and isinstance(getattr(model._meta, option), Promise)):
            problems.append((model._meta.label, f"Meta.{option}"))
    for field in own_fields(model):
        where = f"{model._meta.label}.{field.name}"
        if not isinstance(field.verbose_name, Promise):
            problems.append((where, "verbose_name"))
        if field.help_text and not isinstance(field.help_text, Promise):
            problems.append((where, "help_text"))
        if isinstance(field, StreamField):
            for path, block in all_blocks(field.stream_block, where):
                if block.label and not isinstance(block.label, Promise):
                    problems.append((path, "label"))
                if getattr(block.meta, "help_text", None) and not isinstance(block.meta.help_text, Promise):
                    problems.append((path, "help_text"))
    return problems


def own_declared_fields(form_class):
    """The fields ``form_class`` and the project's forms it extends declare (not Wagtail's)."""
    inherited = set()
    for base in form_class.__mro__[1:]:
        if not is_project_class(base):
            inherited |= set(getattr(base, "declared_fields", {}))
    return {name: field for name, field in form_class.declared_fields.items() if name not in inherited}


def project_form_classes():
    queue, found = list(BaseForm.__subclasses__()), []
    while queue:
        klass = queue.pop()
        queue += klass.__subclasses__()
        if is_project_class(klass):
            found.append(klass)
    return sorted(set(found), key=lambda klass: f"{klass.__module__}.{klass.__name__}")


def registered_by_project(hook, item):
    """Whether the project added ``item`` (a viewset of its own, a setting of its own, a hook)."""
    owner = getattr(hook, "__self__", None)
    module = type(owner).__module__ if owner is not None else hook.__module__
    model = getattr(item, "model", None)
    return module.split(".")[0] in PROJECT_PACKAGES or (isinstance(model, type) and is_project_class(model))


def menu_items(menu, path=""):
    """``(path, item, added by the project)`` of every item of ``menu`` and its submenus."""
    for hook in hooks.get_hooks(menu.register_hook_name):
        item = hook()
        yield f"{path}{item.name}", item, registered_by_project(hook, item)
        if isinstance(item, SubmenuMenuItem):
            yield from menu_items(item.menu, f"{path}{item.name} › ")


# --- Tests ---------------------------------------------------------------------------------


def test_the_python_rules_find_what_they_are_about():
    code = '''
def view(request, limit):
    message = f"The body exceeds {limit} bytes."  # a local variable, not a class's text
    raise RequestRefused(message)
from django.utils.translation import gettext_lazy as _
class Size(models.TextChoices):
    SMALL = "s", "Small"
    LARGE = "l"
    MEDIUM = "m", _("Medium")
class Thing(models.Model):
    sku = models.CharField("SKU", max_length=10, help_text="Unique.")
    code = models.CharField(_("code"), help_text=_("Unique."))
    search_fields = [index.SearchField("name")]
    store = models.ForeignKey("stores.StorePage", verbose_name=_("store"), on_delete=models.CASCADE)
    class Meta:
        verbose_name = "thing"
class ThingBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", _("Heading 3"))])
    class Meta:
        label = "Thing"
class ThingConfig(AppConfig):
    label = "things"
    verbose_name = _("Things")
class ThingViewSet(ModelViewSet):
    menu_label = "Things"
def clean(request, name):
    messages.success(request, f"Saved {name}.")
    messages.error(request, _("Not saved."))
    raise ValidationError("Choose a store." + name)
CURRENCY_CHOICES = [("EUR", "EUR – Euro")]
def button():
    return Button(_("QR code (%(format)s)") % {"format": "SVG"}, "/qr/", attrs={"title": "Download it"})
'''
    assert [(what, text) for _line, what, text in unmarked_in_python(code)] == [
        ("label of the choice SMALL", "Small"),
        ("the choice LARGE", "a label made from its name"),
        ("CharField(help_text=…)", "Unique."),
        ("CharField(…)", "SKU"),
        ("verbose_name", "thing"),
        ("ChoiceBlock(choices=…)", "Heading 2"),
        ("label", "Thing"),
        ("menu_label", "Things"),
        ("messages.success(request, message)", "f'Saved {name}.'"),
        ("ValidationError(…)", "Choose a store."),
        ("a label of CURRENCY_CHOICES", "EUR – Euro"),
        ("Button(attrs={'title': …})", "Download it"),
    ]


def test_no_text_of_the_project_python_is_left_unmarked():
    found = [
        f"{relative(path)}:{line}: {what}: {text!r}"
        for path in checked_python_files()
        for line, what, text in unmarked_in_python(path.read_text())
    ]
    assert found == []


def test_the_template_rule_finds_text_outside_translate_tags():
    source = """{% load i18n %}<p title="Remove it">{% translate "Remove" %} {{ count }} items</p>
    {% blocktranslate %}Chosen {{ objects }}{% endblocktranslate %}<span aria-label="{% translate 'Close' %}">×</span>
    {# a comment #}{% comment %}Not shown{% endcomment %}<script>const a = "not text";</script>"""
    assert unmarked_in_template(source) == ["Remove it", "items"]


def test_every_admin_template_translates_its_text():
    assert admin_templates(), "the admin has templates (tests/i18n.py says which)"
    found = {relative(path): unmarked_in_template(path.read_text()) for path in admin_templates()}
    assert {path: texts for path, texts in found.items() if texts} == {}


def test_scripts_hold_no_phrase_of_their_own():
    assert phrases_in_script("// A comment says things\nel.textContent = 'Remove this';\nfire('change');") == [
        "'Remove this'"
    ]
    assert admin_scripts(), "the admin has scripts of its own"
    found = {relative(path): phrases_in_script(path.read_text()) for path in admin_scripts()}
    assert {path: phrases for path, phrases in found.items() if phrases} == {}


def test_the_models_the_admin_shows_name_everything_in_translatable_words(admin_registries):
    models = admin_models()
    labels = {model._meta.label for model in models}
    assert {"stores.StorePage", "stores.StoreOpeningHours", "catalog.StockLevel", "core.FooterSettings"} <= labels
    assert [problem for model in models for problem in derived_names(model)] == []


def test_the_fields_declared_on_the_project_forms_have_translated_labels(admin_registries):
    forms = project_form_classes()
    assert any(form.__name__ == "WebhookEndpointForm" for form in forms)
    untranslated = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in forms
        for name, field in own_declared_fields(form).items()
        if not isinstance(field.label, Promise)
    ]
    assert untranslated == []


def test_every_admin_menu_item_has_a_translated_label(admin_registries):
    items = [(name, item) for name, item, ours in menu_items(admin_menu) if ours]
    assert {"settings › webhooks", "settings › navigation", "themes"} <= {name for name, _item in items}
    assert [name for name, item in items if not isinstance(item.label, Promise)] == []


def test_no_listing_prints_a_yes_no_field_as_true_or_false(admin_registries):
    """A plain column shows Python's True/False; ``cms.core.columns.yes_no`` (a tick or a
    cross) and Wagtail's ``LiveStatusTagColumn`` (for ``live``) say it in any language."""
    plain = []
    for viewset in admin_registries.viewsets:
        model = getattr(viewset, "model", None)
        if not (isinstance(model, type) and is_project_class(model)):
            continue
        for column in getattr(viewset, "list_display", None) or []:
            field = next((field for field in model._meta.fields if field.name == column), None)
            if isinstance(field, BooleanField):
                plain.append(f"{type(viewset).__name__}: {column}")
    assert plain == []


CHOOSER_TEXTS = ["page_title", "choose_one_text", "choose_another_text", "edit_item_text", "search_tab_label"]


def test_the_chooser_modals_texts_follow_the_editors_language(admin_registries):
    """Wagtail's ``ChooserViewSet`` translates its default texts once, at import (in English):
    the project's choosers take them from ``cms.core.choosers``."""
    choosers = {
        resolve_model_string(viewset.model): viewset
        for viewset in admin_registries.viewsets
        if isinstance(viewset, ChooserViewSet)
    }
    # Wagtail's own document chooser (the project only swaps its model) is Wagtail's.
    choosers = [
        viewset
        for model, viewset in choosers.items()
        if is_project_class(model) and not issubclass(model, AbstractDocument)
    ]
    assert {resolve_model_string(viewset.model).__name__ for viewset in choosers} >= {"StorePage", "Service", "Offer"}
    untranslated = [
        f"{viewset.name}.{text}"
        for viewset in choosers
        for text in CHOOSER_TEXTS
        if not isinstance(getattr(viewset, text), Promise)
    ]
    assert untranslated == []


def test_the_app_names_are_translated():
    """Wagtail names a group of viewsets without a label, and Django's permission lists name
    models, after their app."""
    configs = [config for config in apps.get_app_configs() if is_project_class(type(config))]
    assert [config.label for config in configs if not isinstance(config.verbose_name, Promise)] == []
