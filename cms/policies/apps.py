from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "cms.policies"
    label = "policies"
    verbose_name = "Return policies"
