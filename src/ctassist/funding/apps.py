from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "ctassist.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from ctassist.funding import policies  # noqa: F401
