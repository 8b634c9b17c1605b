from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from .checks import check_document_settings
        from .content_version import connect_signals
        from .translation import connect_signals as connect_translation_signals

        connect_signals()
        connect_translation_signals()
        checks.register(check_document_settings)
