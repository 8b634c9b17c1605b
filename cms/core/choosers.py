"""Wagtail's chooser modals, their texts in the editor's language.

Wagtail's ``ChooserViewSet`` (wagtail/admin/viewsets/chooser.py) translates its default texts
("Choose", "Choose another", "Edit", "Search", "Create") with ``gettext`` when the class is
defined: once, at import, in English. And the language filter of its modals has no label of
its own, so Django names it after the field: "Locale". The classes here give both
translations that follow each request. Every chooser and snippet viewset of the project
starts from them (the snippets' through ``SnippetViewSet``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet


class TranslatedChooserTexts:
    """For a ``ChooserViewSet``: its texts, translated lazily."""

    choose_one_text = _("Choose")
    choose_another_text = _("Choose another")
    edit_item_text = _("Edit")
    search_tab_label = _("Search")
    create_action_label = _("Create")


class LabelledLocaleFilter:
    """For a chooser's choose and results views: a label for the language filter."""

    def get_filter_form(self):
        form = super().get_filter_form()
        if "locale" in form.fields:
            form.fields["locale"].label = _("Locale")
        return form


class SnippetChooseView(LabelledLocaleFilter, snippet_chooser.ChooseView):
    pass


class SnippetChooseResultsView(LabelledLocaleFilter, snippet_chooser.ChooseResultsView):
    pass


class SnippetChooserViewSet(TranslatedChooserTexts, snippet_chooser.SnippetChooserViewSet):
    choose_view_class = SnippetChooseView
    choose_results_view_class = SnippetChooseResultsView


class SnippetViewSet(WagtailSnippetViewSet):
    """Wagtail's, with the chooser above: the project's snippet viewsets extend this one."""

    chooser_viewset_class = SnippetChooserViewSet
