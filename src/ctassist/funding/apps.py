from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "ctassist.funding"
