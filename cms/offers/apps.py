from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "cms.offers"
    label = "offers"
    verbose_name = "Offers"
