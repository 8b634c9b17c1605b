from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from . import signals

        signals.connect()
