from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "cms.guides"
    label = "guides"
    verbose_name = "Gift guides"
