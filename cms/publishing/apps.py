from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from . import checks, purge_keys, signals  # noqa: F401 (checks registers itself)

        signals.connect()
        purge_keys.connect()
