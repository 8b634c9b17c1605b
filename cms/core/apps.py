from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from .checks import check_document_settings
        from .content_version import connect_signals

        connect_signals()
        checks.register(check_document_settings)
