"""Admin widgets for a catalog's worth of content: choosers with search and a language
filter instead of raw multi-selects, minute-precision times, a searchable time zone, and
date-times that say which time zone they are in."""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import JSContext
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.snippets.widgets import AdminSnippetChooser

from .validators import place_time_zone_names

#: Chooser modals filter by the language of the page or snippet being edited: the value of
#: the hidden input that ``ContentChecksPanel`` renders on every translatable edit form.
CONTENT_LOCALE_ID = "content-locale"
LOCALE_LINKED_FIELDS = {"locale": {"id": CONTENT_LOCALE_ID}}


class LocalizedSnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser, opening on the language of the object being edited."""

    linked_fields = LOCALE_LINKED_FIELDS


def localized_snippet_chooser(model):
    """The ``LocalizedSnippetChooser`` class of ``model``: a class, which Django instantiates
    for each form, so that its texts are in the editor's language."""
    return type(f"Localized{model.__name__}Chooser", (LocalizedSnippetChooser,), {"model": model})


class MultipleChooser(forms.Widget):
    """A many-to-many field edited with one of Wagtail's chooser modals (snippets, or a
    ``ChooserViewSet``): search, a language filter, pagination and "select several" instead of
    a list of every object. The chosen objects are listed with a link to edit each and a
    button to remove it; each is posted as a value of the field, as a multi-select would.

    ``chooser_class`` is the single-object chooser widget class whose modal is used. The
    modal opens on ``locale`` (a language code) or else on the language of the object being
    edited."""

    template_name = "core/admin/widgets/multiple_chooser.html"
    allow_multiple_selected = True

    def __init__(self, chooser_class, *, locale=None, attrs=None):
        super().__init__(attrs)
        self.chooser_class = chooser_class
        self.locale = locale

    @property
    def chooser(self):
        return self.chooser_class()

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return [value for value in (getter(name) if getter else data.get(name, [])) if value]

    def value_omitted_from_data(self, data, files, name):
        # An empty choice posts nothing: that means "none", not "leave unchanged".
        return False

    def format_value(self, value):
        if value is None:
            return []
        return [str(getattr(item, "pk", item)) for item in value]

    def chosen_items(self, chooser, values):
        model = chooser.model_class
        objects = model._default_manager.filter(pk__in=values).in_bulk()
        finder = AdminURLFinder()
        items = []
        for value in values:
            obj = objects.get(model._meta.pk.to_python(value))
            if obj is not None:
                title = chooser.get_display_title(obj)
                items.append({"id": str(obj.pk), "title": title, "edit_url": finder.get_edit_url(obj)})
        return items

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chooser = self.chooser
        objects = chooser.model_class._meta.verbose_name_plural
        context["widget"].update(
            items=self.chosen_items(chooser, context["widget"]["value"]),
            chooser_definition=json.dumps(JSContext().pack(chooser)),
            locale=self.locale or "",
            locale_input_id=CONTENT_LOCALE_ID,
            choose_text=_("Choose %(objects)s") % {"objects": objects},
            model_name=objects,
        )
        return context

    @property
    def media(self):
        js_context = JSContext()
        js_context.pack(self.chooser)
        return js_context.media + forms.Media(js=[versioned_static("core/js/multiple-chooser.js")])


class MinuteTimeInput(forms.TimeInput):
    """The browser's own time input: typed to the minute ("09:30", "22:45"), no picker list."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs={"step": "60", **(attrs or {})}, format="%H:%M")


class TimeZoneInput(forms.TextInput):
    """A time zone typed with suggestions (the browser filters the list as one types),
    instead of a dropdown of 600 names; the model field validates the value."""

    template_name = "core/admin/widgets/time_zone_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}-suggestions"
        context["widget"]["attrs"].update(list=list_id, autocomplete="off", spellcheck="false")
        context["widget"].update(list_id=list_id, suggestions=place_time_zone_names())
        return context


class ZonedDateTimeInput(AdminDateTimeInput):
    """Wagtail's date-time picker, saying which time zone the editor reads and types in: the
    one chosen in their account preferences (the admin shows every date-time in it)."""

    template_name = "core/admin/widgets/zoned_datetime_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["time_zone"] = timezone.get_current_timezone_name()
        return context
