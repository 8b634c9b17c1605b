from django.apps import AppConfig


class StoresConfig(AppConfig):
    name = "cms.stores"
    label = "stores"
    verbose_name = "Stores"
