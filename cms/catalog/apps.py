from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "cms.catalog"
    label = "catalog"
    verbose_name = "Catalog"
