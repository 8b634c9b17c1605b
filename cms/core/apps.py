from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from .accounts import connect_signals as connect_account_signals
        from .checks import check_admin_time_zone, check_document_settings
        from .content_version import connect_signals
        from .translation import connect_signals as connect_translation_signals

        connect_signals()
        connect_translation_signals()
        connect_account_signals()
        checks.register(check_document_settings)
        checks.register(check_admin_time_zone)
        register_admin_widgets()


def register_admin_widgets():
    """Every date-time in the admin (scheduled publishing, offer validity, stock timestamps)
    says which time zone it is shown and typed in. Registered after Wagtail's own override
    for DateTimeField, which it replaces."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    from .widgets import ZonedDateTimeInput

    register_form_field_override(models.DateTimeField, override={"widget": ZonedDateTimeInput})
