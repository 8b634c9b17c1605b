"""Columns of the admin's listings that show a value in the editor's language: a plain
column prints a yes/no field as Python's True or False, in English."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, LiveStatusTagColumn


def yes_no(model, field_name):
    """A yes/no field as Wagtail's tick or cross, headed by the field's verbose name."""
    field = model._meta.get_field(field_name)
    return BooleanColumn(field_name, label=capfirst(field.verbose_name), sort_key=field_name)


def live_status():
    """Wagtail's live/draft tag. Its own heading is translated when the column is made, which
    a viewset's ``list_display`` does once, at import: in English."""
    return LiveStatusTagColumn(label=_("Status"))
