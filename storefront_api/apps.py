from django.apps import AppConfig
from django.core import checks


class StorefrontApiConfig(AppConfig):
    name = "storefront_api"
    label = "storefront_api"
    verbose_name = "Storefront API"

    def ready(self):
        from .checks import check_api_settings

        checks.register(check_api_settings)
