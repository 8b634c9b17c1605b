"""The shared base of editorial snippets: translatable, with drafts, revisions,
scheduled publishing and preview, like pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index


class EditorialSnippet(PreviewableMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """Subclasses set ``preview_template``, add ``_revisions`` (a GenericRelation) and put a
    ``ZonedPublishingPanel()`` (cms/core/panels.py) in their panels so that editors can schedule them."""

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

    def clean(self):
        super().clean()
        self._check_unique_per_locale()

    @classmethod
    def unique_per_locale_fields(cls):
        """Fields that a ``UniqueConstraint(fields=[field, "locale"])`` keeps unique per language."""
        fields = []
        for constraint in cls._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
                continue
            if len(constraint.fields) == 2 and "locale" in constraint.fields:
                fields += [name for name in constraint.fields if name != "locale"]
        return fields

    def _check_unique_per_locale(self):
        """The admin sets ``locale`` on the object, not through a form field, so Django's form
        validation skips the (field, locale) constraints and a repeated value would only fail
        in the database. Check them here and name the field the editor typed."""
        if self.locale_id is None:
            return
        others = type(self)._default_manager.filter(locale_id=self.locale_id)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        errors = {}
        for field_name in self.unique_per_locale_fields():
            value = getattr(self, field_name)
            existing = others.filter(**{field_name: value}).first() if value else None
            if existing is None:
                continue
            message = _("%(model)s with this %(field)s already exists in %(language)s.")
            if not existing.live and existing.first_published_at is None:
                # Most likely one an editor started and left (autosave keeps new drafts).
                message = _(
                    "%(model)s with this %(field)s already exists in %(language)s: “%(existing)s”, a draft never "
                    "published. Edit that one (it is in the listing), or delete it to start again."
                )
            errors[field_name] = ValidationError(
                message,
                code="unique_per_locale",
                params={
                    "model": str(self._meta.verbose_name).capitalize(),
                    "field": self._meta.get_field(field_name).verbose_name,
                    "language": self.locale.get_display_name(),
                    "existing": existing,
                },
            )
        if errors:
            raise ValidationError(errors)

    def copy_for_translation(self, locale, exclude_fields=None):
        """A new translation starts as an unpublished draft, as a translated page does:
        shoppers of that language see it once an editor has translated and published it.
        (Wagtail's copy would otherwise be live at once, in the source language, and point
        at the source object's live revision.)"""
        translated = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        translated.live = False
        translated.has_unpublished_changes = True
        translated.live_revision = None
        translated.first_published_at = None
        translated.last_published_at = None
        translated.go_live_at = None
        translated.expire_at = None
        translated.expired = False
        return translated
