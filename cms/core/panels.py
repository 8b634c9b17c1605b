"""Panels shared by the edit forms of pages and snippets."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel, ObjectList, Panel, PublishingPanel
from wagtail.models import Page

from .content_checks import content_issues
from .widgets import CONTENT_LOCALE_ID, ZonedDateTimeInput


class ContentChecksPanel(Panel):
    """The content checks (cms/core/content_checks.py) of the object as the editor opened
    it, at the top of its form; no heading and nothing visible when there is nothing to say.

    It also carries the language of the page or snippet being edited (a hidden input,
    ``#content-locale``), which choosers read to open on that language's objects."""

    def __init__(self, **kwargs):
        kwargs.setdefault("icon", "warning")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/panels/content_checks.html"

        @cached_property
        def issues(self):
            return content_issues(self.instance)

        @property
        def heading(self):
            if not self.issues:
                return ""
            return _("Checks before publishing (%(count)s)") % {"count": len(self.issues)}

        @heading.setter
        def heading(self, value):
            """The heading depends on the checks, not on the panel definition."""

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            locale = getattr(self.instance, "locale", None) if getattr(self.instance, "locale_id", None) else None
            context.update(
                issues=self.issues,
                locale_code=locale.language_code if locale is not None else "",
                locale_input_id=CONTENT_LOCALE_ID,
            )
            return context


class Tab(ObjectList):
    """A tab of an edit form (in a ``TabbedInterface``) whose id does not depend on the
    language: ``#tab-<name>``. Wagtail makes the id from the heading, translated in whichever
    language the form was first shown in after the process started, and keeps it."""

    def __init__(self, children=(), *args, name, **kwargs):
        super().__init__(children, *args, **kwargs)
        self.name = name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "name": self.name}

    @property
    def clean_name(self):
        return self.name


class ZonedPublishingPanel(PublishingPanel):
    """Wagtail's publishing schedule ("Set schedule"), its date-times saying which time zone
    they are in (Wagtail gives them its plain date-time input, not the form's default)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            widget = child.widget
            child.widget = ZonedDateTimeInput(
                js_overlay_parent_selector=widget.js_overlay_parent_selector, attrs=dict(widget.attrs)
            )


#: The settings of every page type: Wagtail's, with the zoned publishing schedule.
PAGE_SETTINGS_PANELS = [ZonedPublishingPanel(), *Page.settings_panels[1:]]


class UniqueRowsInlinePanel(InlinePanel):
    """An InlinePanel whose rows repeating what must be unique (a model constraint) are
    refused with the panel's own ``unique_message``: Django's names the model's fields."""

    def __init__(self, *args, unique_message, **kwargs):
        self.unique_message = unique_message
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "unique_message": self.unique_message}

    def get_form_options(self):
        options = super().get_form_options()
        message = self.unique_message
        formset = type("UniqueRowsFormSet", (BaseChildFormSet,), {"get_unique_error_message": lambda self, check: message})
        options["formsets"][self.relation_name]["formset"] = formset
        return options
