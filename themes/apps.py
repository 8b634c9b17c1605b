from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = "Themes"

    def ready(self):
        from .signals import connect_signals

        connect_signals()
