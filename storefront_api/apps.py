from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class StorefrontApiConfig(AppConfig):
    name = "storefront_api"
    label = "storefront_api"
    verbose_name = _("Storefront API")

    def ready(self):
        from .checks import check_api_settings

        checks.register(check_api_settings)
