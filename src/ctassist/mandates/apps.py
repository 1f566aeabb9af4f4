from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "ctassist.mandates"
