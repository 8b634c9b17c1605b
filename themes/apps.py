from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = _("Themes")

    def ready(self):
        from .signals import connect_signals

        connect_signals()
