from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from . import checks, purge_keys, signals  # noqa: F401 (checks registers itself)

        signals.connect()
        purge_keys.connect()
