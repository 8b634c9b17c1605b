"""The shared base of editorial snippets: translatable, with drafts, revisions,
scheduled publishing and preview, like pages."""

from django.db import models
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index


class EditorialSnippet(PreviewableMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """Subclasses set ``preview_template`` and add ``_revisions`` (a GenericRelation)."""

    preview_template = None

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return self.preview_template

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["object"] = self
        return context
